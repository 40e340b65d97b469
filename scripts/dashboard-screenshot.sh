#!/usr/bin/env bash
# A screenshot of the dashboard on a real run: a comparison of rs, re and ls (10 trials of 320
# queries on NAS-Bench-201 CIFAR-10), taken by headless Chromium (Debian package `chromium`).
#   scripts/dashboard-screenshot.sh [AGNET_BINARY] [OUTPUT_PNG]
#   (defaults: .build/release/agnet, docs/dashboard.png)
set -euo pipefail
agnet="$(realpath "${1:-.build/release/agnet}")"
output="$(realpath -m "${2:-docs/dashboard.png}")"
work="$(mktemp -d)"
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$agnet" compare --benchmark nasbench201 --dataset cifar10 --methods rs,re,ls --trials 10 --quiet \
  --output "$work/runs/c10" >/dev/null
"$agnet" dashboard --runs "$work/runs" --port 0 >"$work/served" &
server=$!
for _ in $(seq 100); do [[ -s "$work/served" ]] && break; sleep 0.1; done
address="$(grep -oE 'http://[^ ]+' "$work/served")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
  --virtual-time-budget=6000 --window-size=1000,1250 --screenshot="$output" "$address?run=c10" 2>/dev/null
echo "Wrote $output"
