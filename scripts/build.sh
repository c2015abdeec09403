#!/usr/bin/env bash
# Configures and builds Vigil into build/ (or $VIGIL_BUILD_DIR) with -j2.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${VIGIL_BUILD_DIR:-build}"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$BUILD_DIR" -j2
