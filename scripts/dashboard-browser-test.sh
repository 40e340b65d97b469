#!/usr/bin/env bash
# Headless Chromium (Debian package `chromium`) loads the dashboard of a live run and checks what
# the page shows: while an AG-Net search (3 trials of 160 queries) writes its trials, the run is listed as running with its
# best-so-far curves, median and best cells; once it ends, as finished with every trial.
#   scripts/dashboard-browser-test.sh [AGNET_BINARY]     (default .build/release/agnet)
# Prints "dashboard browser test: N passed, 0 failed" and exits 0 when every check holds.
set -euo pipefail
agnet="$(realpath "${1:-.build/release/agnet}")"
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)" >&2; exit 1; }
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
token="browser-test-$RANDOM$RANDOM"
passed=0 failed=0
check() { # description, pattern, file
  if grep -qE -- "$2" "$3"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1 (no /$2/ in the page)" >&2; fi
}
page() { # file: the page's DOM after its scripts ran
  chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" --virtual-time-budget=6000 \
    --dump-dom "$address?run=live&token=$token" >"$1" 2>/dev/null
}

mkdir -p "$work/runs"
"$agnet" search --benchmark nasbench201 --method agnet --trials 3 --budget 160 --quiet --output "$work/runs/live" \
  >/dev/null &
pids+=($!)
search=$!
"$agnet" dashboard --runs "$work/runs" --port 0 --token "$token" >"$work/served" &
pids+=($!)
for _ in $(seq 100); do [[ -s "$work/served" ]] && break; sleep 0.1; done
address="$(grep -oE 'http://[^ ]+' "$work/served")"
# Wait until the first trial has finished (its file has the cells; a running trial's state keeps
# table rows), while the other two still run.
for _ in $(seq 1200); do [[ -e "$work/runs/live/trial-0.json" ]] && break; sleep 0.1; done

page "$work/live.html"
check "the run is listed" 'data-name="live"' "$work/live.html"
check "it runs" 'id="run-state" class="state running">running<' "$work/live.html"
check "a curve per trial" '<path class="trial" data-trial="0"' "$work/live.html"
check "the median" '<path class="median"' "$work/live.html"
check "the quartile band" '<path class="band"' "$work/live.html"
check "best cells" '<td><code>\|[a-z_0-9]+~0\|' "$work/live.html"
check "no error" '<div id="error"></div>' "$work/live.html"

wait "$search"
page "$work/done.html"
check "finished" 'id="run-state" class="state finished">finished<' "$work/done.html"
check "every trial" 'id="run-trials">3/3<' "$work/done.html"
check "three curves" '<path class="trial" data-trial="2"' "$work/done.html"
check "every query told" 'id="run-queries">480/480<' "$work/done.html"

chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" --virtual-time-budget=3000 \
  --dump-dom "$address?run=live" >"$work/refused.html" 2>/dev/null
check "without the token nothing is shown" 'a valid token is required' "$work/refused.html"

echo "dashboard browser test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
