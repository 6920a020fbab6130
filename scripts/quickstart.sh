#!/usr/bin/env bash
# The first command in the README: install what is needed, build, and open the desktop
# workbench with the quickstart experiment on the embedded cluster (no Kafka installation
# needed); press Run (Ctrl+R). Without a display it runs the same experiment with ktw-cli.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec build/src/app/ktw experiments/quickstart.json "$@"
fi
echo "quickstart: no display (DISPLAY/WAYLAND_DISPLAY unset): running the quickstart with ktw-cli instead" >&2
exec build/src/cli/ktw-cli run experiments/quickstart.json "$@"
