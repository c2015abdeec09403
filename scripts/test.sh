#!/usr/bin/env bash
# The README's second command (and all that .ci/run does): set up, build
# everything, and run the whole test suite with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DVIGIL_BUILD_TESTS=ON -DVIGIL_BUILD_BENCH=ON -DVIGIL_BUILD_PYTHON=ON
BUILD_DIR="${VIGIL_BUILD_DIR:-build}"
cd "$BUILD_DIR"
ctest --output-on-failure -j2 --timeout 600
