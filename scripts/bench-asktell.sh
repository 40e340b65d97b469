#!/usr/bin/env bash
# CPU of one AG-Net NAS-Bench-201 trial through ask/tell against the same trial through
# `agnet search` (issue 24: ask/tell within 1.6x of search).
#
#   scripts/bench-asktell.sh [BINARY] [METHOD] [BUDGET] [SEED]
#   scripts/bench-asktell.sh /work/base/.build/release/agnet        # a reference build
#   scripts/bench-asktell.sh .build/release/agnet agnet 96 5         # the defaults
#
# The ask/tell run has the NAS-Bench-201 CIFAR-10 table as its reference and is told each cell's
# table values (valid accuracy as value, test accuracy as report, as examples/evaluate_nb201.py
# prints them), so it proposes the cells `agnet search` queries. Every `agnet ask`/`agnet tell`
# call is timed; the figure is the sum of their user+sys CPU seconds (less disturbed by other
# load than wall time). Prints both totals, the number of calls and the ratio; the trial files of
# both runs are compared (timestamps aside) and a difference is an error.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "${1:-$here/.build/release/agnet}")" && pwd)/$(basename "${1:-agnet}")
method=${2:-agnet}
budget=${3:-96}
seed=${4:-5}
table="$here/Sources/Benchmarks/Data/nasbench201/nasbench201.csv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/no-data"
export AGNET_DATA="$work/no-data" # the shipped tables, whatever the user installed
TIMEFORMAT='%U %S'
cpu="$work/cpu"
: >"$cpu"

timed() { { time "$@" 2>/dev/null; } 2>>"$cpu"; }

"$bin" init --run "$work/asktell" --space nasbench201 --benchmark nasbench201 --dataset cifar10 \
  --method "$method" --budget "$budget" --seed "$seed" >/dev/null 2>&1
while :; do
  timed "$bin" ask --run "$work/asktell" --count 1000 >"$work/asked"
  [ -s "$work/asked" ] || break
  python3 - "$table" "$work/asked" >"$work/told" <<'PY'
import csv, json, sys
rows = {r["arch"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
for line in open(sys.argv[2]):
    asked = json.loads(line)
    row = rows[asked["cell"]]
    # the table's text as is, so the told numbers are the table's numbers
    print('{"id": "%s", "value": %s, "report": %s}' % (asked["id"], row["cifar10_valid_acc"], row["cifar10_test_acc"]))
PY
  timed "$bin" tell --run "$work/asktell" --file "$work/told" >/dev/null
done
calls=$(wc -l <"$cpu")
asktell=$(awk '{ s += $1 + $2 } END { printf "%.2f", s }' "$cpu")

: >"$cpu"
timed "$bin" search --benchmark nasbench201 --dataset cifar10 --method "$method" --trials 1 --budget "$budget" \
  --seed "$seed" --output "$work/search" >/dev/null
search=$(awk '{ s += $1 + $2 } END { printf "%.2f", s }' "$cpu")

strip() { sed -E 's/"(wall_seconds|seconds|started|finished|created)" *: *[^,}]*//g' "$1"; }
if ! cmp -s <(strip "$work/asktell/trial-0.json") <(strip "$work/search/trial-0.json"); then
  echo "bench-asktell: the ask/tell trial differs from agnet search's" >&2
  diff <(strip "$work/asktell/trial-0.json") <(strip "$work/search/trial-0.json") | head -5 >&2
  exit 1
fi
echo "binary:   $bin"
echo "trial:    $method, nasbench201 cifar10, budget $budget, seed $seed"
echo "ask/tell: $asktell CPU-s in $calls calls"
echo "search:   $search CPU-s"
awk -v a="$asktell" -v s="$search" 'BEGIN { printf "ratio:    %.2fx\n", a / s }'
