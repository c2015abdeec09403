#!/usr/bin/env bash
# Sanitizer runs (docs/RELIABILITY.md):
#   asan  AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer) over
#         the whole CTest suite except the python and package tests, in
#         build-asan/;
#   tsan  ThreadSanitizer over the concurrency tests (capi.threads,
#         cli.threads, reload.*), in build-tsan/.
#
#   scripts/sanitize.sh [asan|tsan|all]     (default: all)
#
# Uses the default compiler (gcc on Debian; override with CC/CXX): its
# sanitizer runtimes are shared libraries that libvigil.so links like any
# other, which its -Wl,--no-undefined requires (clang links the runtime into
# executables only; scripts/fuzz.sh shows the clang way). Any report fails
# the run: UBSan does not recover, and every sanitizer exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

WHAT="${1:-all}"
case "$WHAT" in asan|tsan|all) ;; *) echo "usage: $0 [asan|tsan|all]" >&2; exit 2 ;; esac

# Python and the benchmarks are left out: an uninstrumented interpreter
# cannot load an ASan library without LD_PRELOAD, and benchmarks test nothing.
# SANITIZE_FAST=1 (what CI uses) builds at -O1 without debug information:
# about half the build time; reports still name functions and lines.
BUILD_TYPE=RelWithDebInfo
OPT=""
if [ "${SANITIZE_FAST:-0}" = "1" ]; then BUILD_TYPE=None; OPT="-O1 -g1"; fi
COMMON=(-DCMAKE_BUILD_TYPE=$BUILD_TYPE -DVIGIL_BUILD_TESTS=ON
        -DVIGIL_BUILD_BENCH=OFF -DVIGIL_BUILD_PYTHON=OFF -DVIGIL_BUILD_TOOLS=ON)

configure_and_build() {  # dir flags [targets...]
  local dir="$1" flags="$2"; shift 2
  cmake -S . -B "$dir" "${COMMON[@]}" \
    -DCMAKE_C_FLAGS="$OPT $flags" -DCMAKE_CXX_FLAGS="$OPT $flags" \
    -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS="$flags" >/dev/null
  if [ $# -gt 0 ]; then
    local t; for t in "$@"; do cmake --build "$dir" -j2 --target "$t"; done
  else
    cmake --build "$dir" -j2
  fi
}

run_asan() {
  local start=$SECONDS
  configure_and_build build-asan \
    "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  local built=$SECONDS
  # detect_leaks: the reload test must not leak retired engines.
  local rc=0
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --test-dir build-asan --output-on-failure -j2 --timeout 1200 -LE "python|package" || rc=$?
  echo "sanitize: asan build $((built - start)) s, tests $((SECONDS - built)) s, exit $rc"
  return $rc
}

run_tsan() {
  local start=$SECONDS
  configure_and_build build-tsan "-fsanitize=thread -fno-omit-frame-pointer" \
    capi_test vigil_cli reload_stress_test
  local built=$SECONDS
  local rc=0
  TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" \
    ctest --test-dir build-tsan --output-on-failure -j1 --timeout 1200 \
      -R '^(capi\.threads|cli\.threads|reload\.)' || rc=$?
  echo "sanitize: tsan build $((built - start)) s, tests $((SECONDS - built)) s, exit $rc"
  return $rc
}

case "$WHAT" in
  asan) run_asan ;;
  tsan) run_tsan ;;
  all) rc=0; run_asan || rc=$?; run_tsan || rc=$?; exit $rc ;;
esac
