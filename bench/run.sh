#!/bin/sh
# run.sh — build the benchmarks in Release and run them on a fixed corpus.
#
#   bench/run.sh [benchmark flags...]
#   e.g. bench/run.sh --benchmark_filter='BM_Classify/'
#        BENCH=bench_normalize bench/run.sh --benchmark_repetitions=3
#        BENCH= COMPARE=1 bench/run.sh          # only the comparison table
#
# Environment: BENCH (default "bench_classify bench_normalize bench_scan
# bench_stages bench_rulesets": the Google Benchmark programs to run, each
# with the same flags), COMPARE (default 1: then run bench_baselines, the
# comparison table against RE2::Set, RE2 and std::regex, which takes no
# benchmark flags; THREADS, default "1,2", its thread counts), BUILD_DIR
# (default build-bench beside this folder's parent), POSTS (default 200000:
# 88 MB of text, the size PERFORMANCE-NOTES.md used), SEED (default
# 20261126), JOBS (default nproc). Results go to stdout and, as JSON, to
# $BUILD_DIR/<program>.json. The figures in docs/PERFORMANCE.md come from
# this script.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
posts=${POSTS:-200000}
seed=${SEED:-20261126}
jobs=${JOBS:-$(nproc)}
programs=${BENCH-bench_classify bench_normalize bench_scan bench_stages bench_rulesets}
compare=${COMPARE:-1}
threads=${THREADS:-1,2}

targets="$programs vigil_gen_corpus vigil_gen_ruleset"
[ "$compare" = 1 ] && targets="$targets bench_baselines"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DVIGIL_BUILD_BENCH=ON -DVIGIL_BUILD_TESTS=OFF -DVIGIL_BUILD_TOOLS=OFF >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" --target $targets -j "$jobs"

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "kernel:  $(uname -sr); compiler: $(${CXX:-c++} --version | head -n 1)"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo ' (with uncommitted changes)')"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg)"

for program in $programs; do
  echo "command: $program --posts=$posts --seed=$seed $*"
  "$build/bench/$program" --posts="$posts" --seed="$seed" \
    --benchmark_out="$build/$program.json" --benchmark_out_format=json "$@"
done
if [ "$compare" = 1 ]; then
  echo "command: bench_baselines --posts=$posts --seed=$seed --threads=$threads"
  "$build/bench/bench_baselines" --posts="$posts" --seed="$seed" --threads="$threads"
fi
