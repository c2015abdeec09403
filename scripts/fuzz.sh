#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang-14 in build-fuzz/ and
# runs each for N seconds, printing the executions per target.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]
#
# N defaults to 60, or 20 when CI=true. Long runs: scripts/fuzz.sh 3600.
# Each run starts from the seed corpus (tests/fuzz/corpus/<target>/) plus
# the corpus grown by earlier runs (build-fuzz/corpus/<target>/); inputs that
# crash, leak or time out are written to build-fuzz/crashes/ and the script
# fails. Save a reproducer under tests/fuzz/crashes/ and replay it with
#   LD_PRELOAD=$(clang-14 -print-runtime-dir)/libclang_rt.asan-x86_64.so \
#     build-fuzz/tests/fuzz/<target> tests/fuzz/crashes/<file>
# Needs clang-14 and libclang-rt-14-dev (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${CI:-}" = "true" ]; then SECONDS_PER_TARGET="${1:-20}"; else SECONDS_PER_TARGET="${1:-60}"; fi
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_ruleset fuzz_classify fuzz_deserialize fuzz_struct_size)
BUILD_DIR="${VIGIL_FUZZ_BUILD_DIR:-build-fuzz}"

for tool in clang-14 clang++-14; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
done

# Coverage and sanitizers for the library too (fuzzer-no-link: no main);
# the targets add -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt). The runtime
# is clang's shared one (-shared-libsan), so that libvigil.so links with
# -Wl,--no-undefined; its folder goes into the rpath. clang 14 puts
# libFuzzer's -lstdc++ before the ASan runtime in the executables, which ASan
# refuses ("does not come first in initial library list"), so the runtime is
# preloaded when they run (ASAN_PRELOAD below; also to replay a crash).
FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -shared-libsan"
RUNTIME_DIR="$(clang-14 -print-runtime-dir)"
LINK_FLAGS="-shared-libsan -Wl,-rpath,$RUNTIME_DIR"
ASAN_PRELOAD="$RUNTIME_DIR/libclang_rt.asan-$(uname -m).so"
cmake -S . -B "$BUILD_DIR" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIGIL_FUZZ=ON -DVIGIL_BUILD_TESTS=ON \
  -DVIGIL_BUILD_BENCH=OFF -DVIGIL_BUILD_PYTHON=OFF -DVIGIL_BUILD_TOOLS=ON \
  -DCMAKE_C_FLAGS="$FLAGS" -DCMAKE_CXX_FLAGS="$FLAGS" \
  -DCMAKE_EXE_LINKER_FLAGS="$LINK_FLAGS" -DCMAKE_SHARED_LINKER_FLAGS="$LINK_FLAGS" >/dev/null
cmake --build "$BUILD_DIR" -j2 --target "${TARGETS[@]}" vigil_cli

CRASH_DIR="$BUILD_DIR/crashes"
mkdir -p "$CRASH_DIR"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# The loader's seeds are engines of this very build (a committed one goes
# stale with every format or library version): each ruleset seed that
# compiles, once as it is (mode byte 0) and once with the header repaired
# after mutation (mode byte 1, see fuzz_deserialize.cc).
seed_engines() {
  local out="$BUILD_DIR/corpus/fuzz_deserialize" yaml name tmp
  mkdir -p "$out"
  tmp="$(mktemp)"
  for yaml in tests/fuzz/corpus/fuzz_ruleset/*; do
    name="$(basename "$yaml")"
    if ASAN_OPTIONS=detect_leaks=0 LD_PRELOAD="$ASAN_PRELOAD" "$BUILD_DIR/tools/vigil/vigil" compile "$yaml" -o "$tmp" >/dev/null 2>&1; then
      { printf '\000'; cat "$tmp"; } > "$out/engine-raw-$name"
      { printf '\001'; cat "$tmp"; } > "$out/engine-repaired-$name"
    fi
  done
  rm -f "$tmp"
}

summary=()
status=0
for target in "${TARGETS[@]}"; do
  corpus="$BUILD_DIR/corpus/$target"
  mkdir -p "$corpus"
  [ "$target" = fuzz_deserialize ] && seed_engines
  log="$BUILD_DIR/$target.log"
  echo "fuzz: $target for ${SECONDS_PER_TARGET}s (log: $log)"
  set +e
  LD_PRELOAD="$ASAN_PRELOAD" "$BUILD_DIR/tests/fuzz/$target" "$corpus" tests/fuzz/corpus/"$target" \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$CRASH_DIR/$target-" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  per_second=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  units=$(find "$corpus" -type f | wc -l)
  if [ $rc -ne 0 ]; then
    status=1
    summary+=("$(printf '%-18s FAILED (exit %d): see %s and %s' "$target" "$rc" "$log" "$CRASH_DIR")")
    grep -E '^==[0-9]+==ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -5 >&2 || true
  else
    summary+=("$(printf '%-18s %10s execs  %6s/s  cov %6s  corpus %5s' "$target" "$execs" "$per_second" "$cov" "$units")")
  fi
done

echo "fuzz: ${SECONDS_PER_TARGET}s per target"
printf '  %s\n' "${summary[@]}"
exit $status
