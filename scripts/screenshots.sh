#!/usr/bin/env bash
# Regenerates the README screenshots in docs/screenshots/ by driving the real window
# offscreen through two quickstart runs on the embedded cluster (about 30 s).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build >/dev/null
QT_QPA_PLATFORM=offscreen build/tools/gui_screenshots docs/screenshots experiments/quickstart.json \
  2> >(grep -v -e propagateSizeHints -e XDG_RUNTIME_DIR >&2)
