#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every
# test; then the core, client and server suites under AddressSanitizer +
# UndefinedBehaviorSanitizer and under ThreadSanitizer, and about a minute
# of fuzzing (docs/testing.md). Each part's summary is printed as it ends;
# any failure stops the run with a non-zero exit.
#
# Arguments go to the first ctest, and then only it runs (a developer's
# filter: deploy/test.sh -R 'server:').
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HOURGLASS_BUILD_DIR:-$root/build}
"$root/deploy/build.sh" -DHOURGLASS_WERROR=ON
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}
(cd "$build" && ctest --output-on-failure -j2 --timeout 300 "$@")
if [[ $# -gt 0 ]]; then exit 0; fi
echo "== AddressSanitizer + UndefinedBehaviorSanitizer"
"$root/deploy/sanitize.sh" address,undefined
echo "== ThreadSanitizer"
"$root/deploy/sanitize.sh" thread
echo "== fuzzing"
"$root/deploy/fuzz.sh" 10
