#!/usr/bin/env bash
# Runs the product: builds (deploy/build.sh), then starts the kitchen server
# with deploy/kitchen.json on 127.0.0.1:7015 and prints how to connect.
# Ctrl-C stops the server cleanly. Extra arguments go to hourglass-kitchen.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HOURGLASS_BUILD_DIR:-$root/build}
"$root/deploy/build.sh"
mkdir -p "$root/data"

cat <<INFO

Hourglass kitchen server on 127.0.0.1:7015 (database: data/hourglass.db)
Sample tokens from deploy/kitchen.json (samples: change them before real use):
  table 1   sample-table-1-CHANGE-ME
  table 2   sample-table-2-CHANGE-ME
  kiosk     sample-kiosk-CHANGE-ME
  kds       sample-kds-CHANGE-ME
  manager   sample-manager-CHANGE-ME
Connect from other terminals:
  $build/kiosk/hourglass-kiosk --table --server 127.0.0.1:7015 --token sample-table-1-CHANGE-ME
  $build/kiosk/hourglass-kiosk --counter --server 127.0.0.1:7015 --token sample-kiosk-CHANGE-ME
  $build/kitchen/kds/hourglass-kds --server 127.0.0.1:7015 --token sample-kds-CHANGE-ME
  $build/kitchen/manager/hourglass-manager --server 127.0.0.1:7015 --token sample-manager-CHANGE-ME
Breach log as CSV:
  $build/kitchen/server/hourglass-kitchen export-breaches --db $root/data/hourglass.db --out breaches.csv

INFO
exec "$build/kitchen/server/hourglass-kitchen" --config "$root/deploy/kitchen.json" "$@"
