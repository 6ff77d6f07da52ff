#!/usr/bin/env bash
# Render a plan's HTML report to a PNG with headless Chromium (Debian's `chromium` package),
# the picture the README shows:
#   scripts/render-report.sh examples/northwind-multicloud.plan.toml docs/report.png
set -euo pipefail
plan=${1:-examples/northwind-multicloud.plan.toml}
png=${2:-docs/report.png}
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "needs chromium: apt-get install chromium" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet --release -- report "$plan" --output "$work/report.html"
mkdir -p "$(dirname "$png")"
# No network, no first-run work: the page is self-contained.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars --force-device-scale-factor=1 \
  --window-size=1120,${HEIGHT:-2400} --screenshot="$png" "file://$work/report.html" 2>/dev/null
echo "wrote $png"
