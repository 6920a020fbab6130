#!/usr/bin/env bash
# The first command in the README: install what is needed, build, and run the quickstart
# experiment on the embedded cluster (no Kafka installation needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
exec build/src/cli/ktw-cli run experiments/quickstart.json "$@"
