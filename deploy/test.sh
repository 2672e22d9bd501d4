#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test.
# ctest's summary is the last thing printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HOURGLASS_BUILD_DIR:-$root/build}
"$root/deploy/build.sh" -DHOURGLASS_WERROR=ON
cd "$build"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}
ctest --output-on-failure -j2 --timeout 300 "$@"
