#!/usr/bin/env bash
# The benchmark in one command (docs/benchmarks.md): first this machine's own
# limits, then the screens and the kitchen server, each figure printed beside
# the limit it is bounded by. Builds first (deploy/build.sh).
#
#   deploy/bench.sh            everything (about 15 minutes on 2 cores)
#   deploy/bench.sh --quick    limits and screens only (under a minute)
#
# Results go to stdout and to bench-results/<date>/ (raw lines and logs).
# Run it on a quiet machine: other builds on the same cores move every figure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HOURGLASS_BUILD_DIR:-$root/build}
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1

"$root/deploy/build.sh" >/dev/null
out="$root/bench-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}

echo "Hourglass benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown); raw results in ${out#"$root"/}"
echo

# ---- 1. the machine's own limits ----
"$build/kitchen/bench/hourglass-limits" --folder "${TMPDIR:-/tmp}" --width 1920 --height 1080 | tee "$out/limits.txt"
limits_json=$("$build/kitchen/bench/hourglass-limits" --folder "${TMPDIR:-/tmp}" --json --commits 500 --syncs 300 \
  --rounds 5000 --frames 200 --width 1920 --height 1080)
echo "$limits_json" >"$out/limits.json"
# field <object> <key>: a number from the limits JSON (no jq needed).
field() { sed -E "s/.*\"$1\":\{[^}]*\"$2\":([0-9.eE+-]+).*/\1/" <<<"$limits_json"; }
empty_frame_p99_ms=$(awk -v us="$(field empty_frame p99_us)" 'BEGIN { printf "%.3f", us / 1000 }')
tcp_p99_ms=$(awk -v us="$(field tcp_round_trip p99_us)" 'BEGIN { printf "%.3f", us / 1000 }')
fsync_p99_ms=$(awk -v us="$(field fsync p99_us)" 'BEGIN { printf "%.3f", us / 1000 }')
commits_per_s=$(field sqlite_commit per_second)
echo

# ---- 2. the screens ----
# bench <name> <goal p99 ms> <command...>: one --bench-frames run, its p99 as a
# ratio to the empty window of the same size measured above.
screen() {
  local name=$1 goal=$2
  shift 2
  local line
  line=$("$@" 2>>"$out/screens.log" | grep '^bench ' || true)
  echo "$name: $line" >>"$out/screens.txt"
  if [[ -z "$line" ]]; then
    printf '%-44s failed (see %s)\n' "$name" "${out#"$root"/}/screens.log"
    return
  fi
  local p50 p99 rss
  p50=$(sed -E 's/.*frame_ms_p50=([0-9.]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.*frame_ms_p99=([0-9.]+).*/\1/' <<<"$line")
  rss=$(sed -E 's/.*rss_kib=([0-9]+).*/\1/' <<<"$line")
  awk -v n="$name" -v p50="$p50" -v p99="$p99" -v goal="$goal" -v floor="$empty_frame_p99_ms" -v rss="$rss" 'BEGIN {
    printf "%-44s p50 %6.2f ms  p99 %6.2f ms  (goal %s ms: %s)  %5.1f x empty frame p99  RSS %d MB\n",
      n, p50, p99, goal, (p99 <= goal ? "met" : "missed"), p99 / floor, rss / 1024 }'
}
echo "Screens (software renderer, headless; empty 1920x1080 frame p99 ${empty_frame_p99_ms} ms)"
screen "kitchen display, 200 tickets, 1920x1080" 8 \
  "$build/kitchen/kds/hourglass-kds" --demo-tickets 200 --bench-frames 300 --size 1920x1080
screen "manager console, 10,000 breaches, 1920x1080" 16 \
  "$build/kitchen/manager/hourglass-manager" --demo-breaches 10000 --bench-frames 300 --size 1920x1080 --bench-refilter
screen "tablet menu, 5 open orders, 1280x800" 8 \
  "$build/kiosk/hourglass-kiosk" --demo-state --demo-orders 5 --demo-screen menu --lang zh --bench-frames 600
screen "tablet orders with the apology, 1280x800" 8 \
  "$build/kiosk/hourglass-kiosk" --demo-state --demo-orders 5 --demo-screen breach --lang zh --bench-frames 600
echo

if [[ $quick == 1 ]]; then
  echo "(--quick: the kitchen server was not measured)"
  exit 0
fi

# ---- 3. the kitchen server ----
echo "Kitchen server (hourglass-loadgen; commit limit ${commits_per_s%.*}/s single-writer, fsync p99 ${fsync_p99_ms} ms, loopback p99 ${tcp_p99_ms} ms)"
loadgen() {
  local name=$1
  shift
  "$build/kitchen/loadgen/hourglass-loadgen" --spawn "$build/kitchen/server/hourglass-kitchen" "$@" \
    >"$out/server-$name.txt" 2>&1 || echo "loadgen $name failed (see ${out#"$root"/}/server-$name.txt)"
  grep -E '^\|' "$out/server-$name.txt" | grep -v -E '^\| (machine|SQLite|TCP)|^\|---\|---\|$' || true
  echo
}
# A rising order rate from 1,000 tablets and 10 displays until accept p99 passes 5 ms.
loadgen ramp --scenario ramp --tablets 1000 --displays 10 --step-seconds 5
# 10,000 connected devices, 100 of them ordering.
loadgen devices --scenario devices --devices 10000 --displays 10 --ordering 100 --devices-seconds 30
# 100,000 open orders whose deadlines spread over a minute (placed at 1,667/s, 30 s promise).
loadgen spread --scenario burst --clients 32 --seconds 5 --open-orders 100000 --place-rate 1667 --promise-seconds 30

# ---- 4. a rush, both cook policies (docs/simulator.md) ----
echo "A lunch rush (hourglass-sim, deploy/scenarios/lunch.json, 90 min of arrivals at --speed 60), both cook policies"
for cooks in fifo display; do
  "$build/kitchen/sim/hourglass-sim" --scenario "$root/deploy/scenarios/lunch.json" --speed 60 \
    --cooks "$cooks" --seed 1 --quiet | tee "$out/sim-$cooks.txt"
done
echo
# ---- 5. the chain: one store's replication into PostgreSQL (docs/scaling.md) ----
echo "Chain replication (hourglass-chain-bench: 20,000 orders' outbox into a private PostgreSQL, beside its own insert rate)"
"$build/kitchen/bench/hourglass-chain-bench" --orders 20000 | tee "$out/chain.txt" || echo "chain bench failed"
echo "Accept latency beside the loopback round trip p99 (${tcp_p99_ms} ms) and the fsync p99 (${fsync_p99_ms} ms)."
echo
echo "Every figure above is from this run; docs/benchmarks.md explains each one."
