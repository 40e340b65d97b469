#!/usr/bin/env bash
# Compares the trial files two builds write (issue 24: a refactoring changes no result):
#
#   scripts/compare-asktell-builds.sh REFERENCE_BINARY NEW_BINARY
#
# - `agnet search` on NAS-Bench-201 CIFAR-10 (2 trials of 48): agnet, agnet-hw (fpga_latency_ms
#   <= 3, constraint), agnet-xgb, agnet-plus, rs, re, ls, bananas; NAS-Bench-101 agnet (1 trial);
# - ask/tell runs to the end: NAS-Bench-201 agnet told the table's values; DARTS agnet and
#   agnet-tenas told a deterministic made-up score (and made-up TE-NAS proxies), every cell
#   asked and told by each build;
# - continuation: ask/tell runs (NAS-Bench-201 agnet and bananas, 2 trials) made and stopped half
#   way by the reference build (one batch told, the next partly), then continued by each build.
# Trial files and summary.json must be byte-identical apart from wall times (`wall_seconds...`
# lines). Prints one line per case; exits 1 on any difference.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
ref=$(absolute "$1")
new=$(absolute "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/data"
export AGNET_DATA="$work/data" # the shipped tables only
table="$here/Sources/Benchmarks/Data/nasbench201/nasbench201.csv"
failed=0

# The answers to `agnet ask` lines on stdin for the run RUN (`answer RUN`): NAS-Bench-201 cells get
# the table's validation and test accuracy; DARTS genotypes a score (and, when the run records
# costs, the two TE-NAS proxies) from the MD5 of their text.
answer() {
  local costs=none
  grep -q '"ntk_condition"' "$1/config.json" && costs=costs
  python3 -c '
import csv, hashlib, json, sys
table = sys.argv[1]
rows = None
for line in sys.stdin:
    asked = json.loads(line)
    if asked["space"] == "nasbench201":
        if rows is None:
            rows = {r["arch"]: r for r in csv.DictReader(open(table, newline=""))}
        row = rows[asked["cell"]]
        print("{\"id\": \"%s\", \"value\": %s, \"report\": %s}" % (asked["id"], row["cifar10_valid_acc"], row["cifar10_test_acc"]))
    else:
        h = hashlib.md5(asked["cell"].encode()).digest()
        u = [int.from_bytes(h[4 * i:4 * i + 4], "little") / 2**32 for i in range(3)]
        told = {"id": asked["id"], "value": round(90 + 5 * u[0], 6)}
        if sys.argv[2] == "costs":
            told["costs"] = {"ntk_condition": round(10 + 500 * u[1], 6), "linear_regions": round(1000 + 2000 * u[2], 6)}
        print(json.dumps(told))
' "$table" "$costs"
}

# Asks and tells until the run is finished (`drive BIN RUN`).
drive() {
  while :; do
    "$1" ask --run "$2" --count 1000 >"$2.asked" 2>/dev/null
    [ -s "$2.asked" ] || break
    answer "$2" <"$2.asked" | "$1" tell --run "$2" >/dev/null 2>&1
  done
}

compare() { # NAME DIR_A DIR_B
  local name=$1 a=$2 b=$3 differ=0 n=0
  for f in "$a"/trial-*.json "$a"/summary.json; do
    n=$((n + 1))
    if ! cmp -s <(grep -v '"wall_seconds' "$f") <(grep -v '"wall_seconds' "$b/$(basename "$f")"); then differ=1; fi
  done
  if [ "$(ls "$a"/trial-*.json | wc -l)" != "$(ls "$b"/trial-*.json 2>/dev/null | wc -l)" ]; then differ=1; fi
  if [ $differ = 0 ]; then echo "identical  $name ($n files)"; else echo "DIFFERENT  $name"; failed=1; fi
}

search() { # NAME ARGS...
  local name=$1; shift
  for b in ref new; do
    local bin=$ref; [ $b = new ] && bin=$new
    "$bin" search --output "$work/$b-$name" "$@" >/dev/null 2>&1
  done
  compare "search $name" "$work/ref-$name" "$work/new-$name"
}

nb201=(--benchmark nasbench201 --dataset cifar10 --trials 2 --budget 48 --seed 0)
search agnet "${nb201[@]}" --method agnet
search agnet-hw "${nb201[@]}" --method agnet-hw --cost fpga_latency_ms --max-cost 3 --mode constraint
search agnet-xgb "${nb201[@]}" --method agnet-xgb
search agnet-plus "${nb201[@]}" --method agnet-plus
for m in rs re ls bananas; do search "$m" "${nb201[@]}" --method "$m"; done
search nb101-agnet --benchmark nasbench101 --trials 1 --budget 48 --seed 0 --method agnet

asktell() { # NAME INIT_ARGS...
  local name=$1; shift
  for b in ref new; do
    local bin=$ref; [ $b = new ] && bin=$new
    "$bin" init --run "$work/$b-at-$name" "$@" >/dev/null
    drive "$bin" "$work/$b-at-$name"
  done
  compare "ask/tell $name" "$work/ref-at-$name" "$work/new-at-$name"
}

asktell nb201-agnet --space nasbench201 --benchmark nasbench201 --dataset cifar10 --method agnet --budget 64 --seed 5
asktell darts-agnet --space darts --method agnet --budget 48 --seed 1 --param normal_queries=32 --param reduce_queries=16
asktell darts-agnet-tenas --space darts --method agnet-tenas --cost ntk_condition --cost linear_regions --budget 96 --seed 1 \
  --param normal_training=24 --param reduce_training=24 --param candidates=20 --param top_k=4

halfway() { # NAME INIT_ARGS...: the reference build tells one batch per trial and part of the next
  local name=$1; shift
  local run="$work/half-$name"
  "$ref" init --run "$run" "$@" >/dev/null
  "$ref" ask --run "$run" --count 1000 >"$run.asked" 2>/dev/null
  answer "$run" <"$run.asked" | "$ref" tell --run "$run" >/dev/null 2>&1
  "$ref" ask --run "$run" --count 1000 >"$run.asked" 2>/dev/null
  answer "$run" <"$run.asked" | awk 'NR % 3 == 1' | "$ref" tell --run "$run" >/dev/null 2>&1
  head -1 "$run/trial-0.asktell" | grep -q "agnet-ask-tell-state 1" || { echo "not a format-1 run: $name"; failed=1; }
  cp -r "$run" "$work/ref-half-$name"
  cp -r "$run" "$work/new-half-$name"
  drive "$ref" "$work/ref-half-$name"
  drive "$new" "$work/new-half-$name"
  compare "continued half way $name" "$work/ref-half-$name" "$work/new-half-$name"
}

halfway nb201-agnet --space nasbench201 --benchmark nasbench201 --dataset cifar10 --method agnet --budget 64 --trials 2 --seed 7
halfway nb201-bananas --space nasbench201 --benchmark nasbench201 --dataset cifar10 --method bananas --budget 40 --trials 2 --seed 7
halfway darts-agnet --space darts --method agnet --budget 48 --trials 2 --seed 2 --param normal_queries=32 --param reduce_queries=16

exit $failed
