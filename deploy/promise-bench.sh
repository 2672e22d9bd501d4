#!/bin/bash
# The cook-policy measurement of docs/benchmarks.md ("Keeping the promise"):
# deploy/scenarios/promise.json at one arrival rate, seeds 1-3, cooks fifo,
# least-slack and display, 12 restaurant hours each at 225x (about 3.5 min a
# run; the three policies run side by side: the simulator and its server
# use little CPU). Prints one line per run and writes the JSON reports to
# bench-results/promise-<time>/.
#   deploy/promise-bench.sh [--rate PARTIES_PER_HOUR] [--hours H] [--seeds "1 2 3"]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
rate=36
hours=12
seeds="1 2 3"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --hours) hours="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    *) echo "usage: $0 [--rate N] [--hours H] [--seeds \"1 2 3\"]" >&2; exit 2 ;;
  esac
done
out="$root/bench-results/promise-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
run_policy() {
  local cooks="$1"
  for seed in $seeds; do
    "$build/kitchen/sim/hourglass-sim" --scenario "$root/deploy/scenarios/promise.json" --speed 225 \
      --cooks "$cooks" --seed "$seed" --parties-per-hour "$rate" --duration $((hours * 3600)) --quiet --json \
      >"$out/${cooks}_seed${seed}.json"
  done
}
for cooks in fifo least-slack display; do run_policy "$cooks" & done
wait
python3 - "$out"/*.json <<'PY'
import json, sys
print(f"{'run':28} {'orders':>6} {'on time':>8} {'ceiling':>8} {'spread p50':>10} {'p90':>6} {'once':>5}")
for path in sorted(sys.argv[1:]):
    r = json.load(open(path))
    decided = r["orders_kept"] + r["orders_breached"]
    print(f"{path.rsplit('/', 1)[-1]:28} {r['orders_promised']:6d} {100 * r['orders_kept'] / max(1, decided):7.1f}% "
          f"{100 * r['orders_could_be_on_time'] / max(1, r['orders_promised']):7.1f}% "
          f"{r['spread_s']['p50']:9.0f}s {r['spread_s']['p90']:5.0f}s {str(r['exactly_once']):>5}")
PY
echo "reports: $out"
