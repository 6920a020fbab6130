#!/usr/bin/env bash
# Regenerates the README screenshots in docs/screenshots/ by driving the real window
# offscreen through two quickstart runs on the embedded cluster (about 30 s), and renders the
# first two pages of the comparison's PDF report (pdftoppm, Debian package poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftoppm >/dev/null || { echo "screenshots: needs pdftoppm: apt-get install poppler-utils" >&2; exit 1; }
scripts/build.sh build >/dev/null
out=docs/screenshots
QT_QPA_PLATFORM=offscreen build/tools/gui_screenshots "$out" experiments/quickstart.json \
  2> >(grep -v -e propagateSizeHints -e XDG_RUNTIME_DIR >&2)
pdftoppm -png -r 60 -f 1 -l 2 "$out/report.pdf" "$out/report-page"
rm "$out/report.pdf"
ls "$out"
