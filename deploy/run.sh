#!/usr/bin/env bash
# Runs the product. Builds first (deploy/build.sh).
#
#   deploy/run.sh                  the demo: the kitchen server on its embedded SQLite
#                                  database (data/demo.db, fresh each run) with a 2-minute promise, the
#                                  simulator's diners and cooks supplying a light rush,
#                                  and, on a machine with a display, a kitchen display,
#                                  a manager console and two table tablets as windows.
#                                  With no display: a live summary, and a screenshot of
#                                  each screen every 15 s in data/demo-screens/.
#   deploy/run.sh --promise 180    the same with a 3-minute promise
#   deploy/run.sh --server-only    the server alone with deploy/kitchen.json on
#                                  127.0.0.1:7015, for a real install; extra arguments
#                                  go to hourglass-kitchen
#
# Ctrl-C stops every process this started; the database stays for the console.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HOURGLASS_BUILD_DIR:-$root/build}

if [[ "${1:-}" == "--server-only" ]]; then
  shift
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
fi

promise=120
while [[ $# -gt 0 ]]; do
  case "$1" in
    --promise)
      promise=${2:?--promise needs seconds}
      shift 2
      ;;
    *)
      echo "deploy/run.sh: unknown option $1 (try --promise SECONDS or --server-only)" >&2
      exit 2
      ;;
  esac
done
if ! [[ "$promise" =~ ^[0-9]+$ ]] || ((promise < 30 || promise > 3600)); then
  echo "deploy/run.sh: --promise must be 30-3600 seconds" >&2
  exit 2
fi

"$root/deploy/build.sh"
mkdir -p "$root/data"
config="$root/deploy/demo-kitchen.json"
# Each demo starts on an empty kitchen: the last run's orders (tickets hours
# late, tables never closed) would otherwise open it. That run stays readable
# as data/demo-previous.db.
if [[ -e "$root/data/demo.db" ]]; then
  for suffix in "" -wal -shm; do
    rm -f "$root/data/demo-previous.db$suffix"
    if [[ -e "$root/data/demo.db$suffix" ]]; then mv "$root/data/demo.db$suffix" "$root/data/demo-previous.db$suffix"; fi
  done
fi
address=127.0.0.1:7015
# The simulator runs a 15-minute restaurant in the demo's promise: prep times,
# arrivals and gaps shrink by the same factor (docs/simulator.md).
speed=$(awk -v p="$promise" 'BEGIN { printf "%.3f", 900 / p }')
pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the demo..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "The database stays in data/demo.db (until the next demo moves it to data/demo-previous.db); read its breaches with:"
  echo "  $build/kitchen/manager/hourglass-manager --server $address --token demo-manager-console   (while a server runs)"
  echo "  $build/kitchen/server/hourglass-kitchen export-breaches --db $root/data/demo.db --out breaches.csv"
}
trap stop_all INT TERM EXIT

"$build/kitchen/server/hourglass-kitchen" --config "$config" --listen "$address" --promise-seconds "$promise" \
  >"$root/data/demo-server.out" 2>"$root/data/demo-server.log" &
pids+=($!)
for _ in $(seq 100); do
  grep -q '^listening on' "$root/data/demo-server.out" 2>/dev/null && break
  sleep 0.1
done
if ! grep -q '^listening on' "$root/data/demo-server.out"; then
  echo "The kitchen server did not start; its log (data/demo-server.log):" >&2
  cat "$root/data/demo-server.log" >&2
  exit 1
fi
echo "Kitchen server on $address, promise $promise s, database data/demo.db (log: data/demo-server.log)"

"$build/kitchen/sim/hourglass-sim" --scenario "$root/deploy/scenarios/demo.json" --server "$address" \
  --config "$config" --speed "$speed" --seed "$RANDOM" >"$root/data/demo-sim.txt" \
  2>"$root/data/demo-sim.progress" &
pids+=($!)

screens=(
  "kitchen display|$build/kitchen/kds/hourglass-kds --server $address --token demo-kitchen-display"
  "manager console|$build/kitchen/manager/hourglass-manager --server $address --token demo-manager-console"
  "tablet at table 1|$build/kiosk/hourglass-kiosk --table --server $address --token demo-tablet-table-1"
  "tablet at table 2|$build/kiosk/hourglass-kiosk --table --server $address --token demo-tablet-table-2 --lang en"
)

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  for screen in "${screens[@]}"; do
    # shellcheck disable=SC2086  # the command line is split on purpose
    ${screen#*|} --windowed >>"$root/data/demo-screens.log" 2>&1 &
    pids+=($!)
  done
  echo "Four windows: the kitchen display, the manager console and two tablets (tables 1 and 2)."
  echo "The simulator's diners order at tables 1-6 and its cooks bump on the display; a dish"
  echo "misses the $promise-second promise within a few minutes and its apology appears on the tablet."
  echo "Ctrl-C stops everything."
  while sleep 1; do
    line=$(tail -n 1 "$root/data/demo-sim.progress" 2>/dev/null || true)
    printf '\r%-110s' "$line"
  done
else
  shots="$root/data/demo-screens"
  mkdir -p "$shots"
  echo "No display: a live summary below, and every 15 s a screenshot of each screen in data/demo-screens/."
  echo "Ctrl-C stops everything."
  next_shot=0
  while sleep 1; do
    line=$(tail -n 1 "$root/data/demo-sim.progress" 2>/dev/null || true)
    printf '\r%-110s' "$line"
    if ((SECONDS >= next_shot)); then
      next_shot=$((SECONDS + 15))
      for screen in "${screens[@]}"; do
        name=${screen%%|*}
        file="$shots/${name// /-}.png"
        # shellcheck disable=SC2086
        SDL_VIDEODRIVER=dummy ${screen#*|} --screenshot "$file" --frames 30 >>"$root/data/demo-screens.log" 2>&1 &
      done
    fi
  done
fi
