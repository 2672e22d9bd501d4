#!/usr/bin/env bash
# Installs the Debian packages Hourglass builds and runs with (see ../shared/DEPENDENCIES.md).
# Skips apt-get entirely when every package is already installed, so a second run is quiet.
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config faketime
  libimgui-dev libstb-dev libsdl2-dev libsqlitecpp-dev libsqlite3-dev
  libboost-dev libssl-dev openssl catch2 nlohmann-json3-dev libspdlog-dev
  libfmt-dev libcli11-dev fonts-wqy-microhei sqlite3 faketime tzdata
  xvfb xauth libgl1-mesa-dri libglx-mesa0 libegl-mesa0
  clang libclang-rt-14-dev  # the fuzz targets (deploy/fuzz.sh): libFuzzer and the sanitizers' runtimes
  libpqxx-dev postgresql-15  # the chain's central database: the client library, and a server for the tests
  chromium)  # the manager's phone page, tried in a real browser by the tests

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "hourglass: installing ${#missing[@]} Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "hourglass: run as root (or install them yourself): apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
