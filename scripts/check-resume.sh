#!/usr/bin/env bash
# Checks "nothing lost" end to end with the real binary: runs a comparison once without
# interruption (--jobs 1) and once killed with SIGKILL at random moments and restarted until it
# finishes (--jobs 2), then compares the two directories. Only wall-clock data may differ:
# timing.json, the "wall_seconds…" JSON fields and the wall-clock line/column of the Markdown.
#
#   scripts/check-resume.sh [AGNET_BINARY] [TRIALS]
set -euo pipefail
agnet=${1:-.build/release/agnet}
trials=${2:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(compare --benchmark nasbench201 --dataset cifar10 --methods rs,re,ls --trials "$trials")

"$agnet" "${args[@]}" --output "$work/straight" --jobs 1 >/dev/null 2>&1
kills=0
while true; do
  "$agnet" "${args[@]}" --output "$work/killed" --jobs 2 >/dev/null 2>&1 & # $! is agnet itself
  pid=$!
  sleep "$((RANDOM % 3)).$((RANDOM % 10))"
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    break
  fi
  kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1)) || true
  wait "$pid" 2>/dev/null || true
done
echo "killed $kills times before the run finished"

strip() { # the files of a run directory without wall-clock data, one stream per file
  (cd "$1" && find . -type f ! -name timing.json ! -name .lock | sort | while read -r f; do
    echo "== $f"
    case $f in
      *.json) grep -v '"wall_seconds' "$f" ;;
      *.md) sed -E -e 's/^Wall-clock.*$/Wall-clock/' -e 's/\| [0-9.]+ s \|/| time |/g' "$f" ;;
      *) cat "$f" ;;
    esac
  done)
}
if diff <(strip "$work/straight") <(strip "$work/killed") >"$work/diff"; then
  echo "identical: $(find "$work/straight" -type f | wc -l) files"
else
  head -40 "$work/diff"
  echo "DIFFERENT" >&2
  exit 1
fi
