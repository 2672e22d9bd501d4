#!/usr/bin/env bash
# Builds the core, the client library and the server with sanitizers and runs
# their test suites (CI runs both modes; docs/testing.md says how to run the
# rest by hand). The screens are left out: a sanitizer build of every screen
# takes too long on CI's two cores.
#
#   deploy/sanitize.sh address,undefined   # AddressSanitizer (leaks too) + UndefinedBehaviorSanitizer
#   deploy/sanitize.sh thread              # ThreadSanitizer: the client's io thread, the server
#
# Extra arguments go to ctest (e.g. -R 'server: storage').
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-address,undefined}
shift || true
case "$mode" in
  address,undefined | thread) ;;
  *)
    echo "deploy/sanitize.sh: the mode is address,undefined or thread, not $mode" >&2
    exit 2
    ;;
esac
build=$root/build-${mode//,/-}
"$root/deploy/install-deps.sh"
# -O1: the sanitizers' usual level, and half the build time of -O2 here.
# No -Werror: g++ 12 warns falsely (maybe-uninitialized) under the sanitizers.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DHOURGLASS_BUILD_UI=OFF -DHOURGLASS_SANITIZE="$mode" >/dev/null
cmake --build "$build" -j"$(nproc)" --target hourglass_core_tests hourglass_net_tests hourglass_server_tests \
  hourglass-kitchen hourglass-client-probe hourglass_timerfd_passthrough
cd "$build"
# Every report fails its test: ASan and UBSan abort, TSan exits non-zero.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
# Not under sanitizers: the clock-step tests preload libfaketime into the
# server, which a sanitizer runtime must precede in the library list.
ctest --output-on-failure -j2 --timeout 600 -R '^(core|net|server):' -E 'clock step|faketime' "$@"
