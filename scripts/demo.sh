#!/usr/bin/env bash
# The README's first command: set up, build, and classify the sample posts
# with the default ruleset, printing one verdict per post and a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DVIGIL_BUILD_TESTS=OFF -DVIGIL_BUILD_BENCH=OFF >/dev/null
BUILD_DIR="${VIGIL_BUILD_DIR:-build}"
"$BUILD_DIR/tools/vigil/vigil" check rules/community-default.yaml
"$BUILD_DIR/tools/vigil/vigil" classify --rules rules/community-default.yaml \
  < examples/posts/sample.jsonl
