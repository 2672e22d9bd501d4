#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, and fuzzes each for SECONDS (default 10: CI's
# minute in all). A long run: deploy/fuzz.sh 3600 (docs/testing.md).
#
# Each target starts from its seeds in tests/fuzz/corpus/<name>/ (protocol
# examples, the shipped menu and configs); what it finds new goes to a
# working corpus in the build folder, never into the repository. A crash
# stops the run with the input saved as build-fuzz/artifacts/<name>-crash-…:
# make it a regression test (docs/testing.md), then fix it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-10}
build=${HOURGLASS_FUZZ_BUILD_DIR:-$root/build-fuzz}
"$root/deploy/install-deps.sh"
if ! command -v clang++ >/dev/null; then
  echo "deploy/fuzz.sh: clang++ is needed (apt-get install clang)" >&2
  exit 1
fi
CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DHOURGLASS_BUILD_UI=OFF -DHOURGLASS_FUZZ=ON \
  -DHOURGLASS_SANITIZE=address,undefined >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_all
mkdir -p "$build/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for seeds in "$root"/tests/fuzz/corpus/*/; do
  name=$(basename "$seeds")
  work="$build/corpus/$name"
  mkdir -p "$work"
  echo "fuzz_$name: ${seconds} s"
  "$build/tests/fuzz/fuzz_$name" "$work" "$seeds" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/$name-" -print_final_stats=1 2>"$build/fuzz_$name.log" ||
    {
      tail -n 60 "$build/fuzz_$name.log" >&2
      echo "deploy/fuzz.sh: fuzz_$name found a crash; the input is in $build/artifacts/" >&2
      exit 1
    }
  grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$build/fuzz_$name.log" | tail -n 1 || true
done
echo "fuzzing: no crash in ${seconds} s per target"
