#!/usr/bin/env bash
# Configures and builds into build/ (or $1), with two jobs: the machines here have 2 cores.
# Extra arguments go to cmake, e.g. scripts/build.sh build-asan -DKTW_SANITIZER=address
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build}"
shift || true
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$dir" -j 2
