#!/usr/bin/env bash
# The README's second command (and all that .ci/run does): set up, build
# everything, and run the whole test suite with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
bash scripts/setup.sh
bash scripts/build.sh -DVIGIL_BUILD_TESTS=ON -DVIGIL_BUILD_BENCH=ON -DVIGIL_BUILD_PYTHON=ON
BUILD_DIR="${VIGIL_BUILD_DIR:-build}"
cd "$BUILD_DIR"
ctest --output-on-failure -j2 --timeout 600

# Reliability under CI (docs/RELIABILITY.md): AddressSanitizer and UBSan
# over the suite (an -O1 build), ThreadSanitizer on the concurrency tests, and
# a 20 s fuzz run per target; long fuzz runs are manual (scripts/fuzz.sh 3600).
if [ "${CI:-}" = "true" ]; then
  cd "$ROOT"
  SANITIZE_FAST=1 bash scripts/sanitize.sh all
  bash scripts/fuzz.sh 20
fi
