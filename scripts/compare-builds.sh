#!/usr/bin/env bash
# compare-builds.sh OLD_AGNET NEW_AGNET [WORKDIR]
#
# "A refactoring changes no result": runs the same seeded jobs with two `agnet` binaries and
# compares what they wrote byte for byte. Prints one line per case, `same` or `DIFFERENT: <file>`
# (or `FAILED: ...` when a command of the case failed), and exits 1 if any case is not `same`.
#
#   scripts/compare-builds.sh /work/base/.build/release/agnet .build/release/agnet
#   scripts/compare-builds.sh OLD NEW /tmp/cmp          # keeps the run directories in /tmp/cmp
#
# Cases (trials of seeds SEED and SEED+1 unless said otherwise):
#   search-*     `agnet search` on NAS-Bench-201 CIFAR-10 for agnet, agnet-hw (fpga_latency_ms <= 3,
#                constraint), agnet-xgb, agnet-plus, rs, re, ls, bananas; and agnet on NAS-Bench-101.
#                Budget 48: AG-Net's 16 opening cells and two retraining rounds.
#   search-agnet-params / search-agnet-xgb-params   the same with `--param` overrides (a method
#                prefix, a bare name, a list value), so settings parse to the same values.
#   asktell-nb201-agnet   init --benchmark nasbench201 + an ask/tell loop telling the table's values
#                (7 results per tell, so batches are told across calls and journaled).
#   asktell-darts-agnet / asktell-darts-tenas   --space darts through ask/tell with a fake evaluator
#                that hashes the genotype text (tenas: two proxies as costs); small phases
#                (normal_queries/reduce_queries, normal_training/reduce_training) so both phases run.
#   resume-asktell-nb201  the ask/tell run above made by OLD, stopped after 37 results (some batches
#                complete, one partly told), continued by NEW; compared with OLD's whole run.
#   resume-asktell-bananas  the same with BANANAS (its ensemble's state crosses the builds).
#   resume-search-agnet   `agnet search` (2 trials, budget 96) by OLD, SIGKILLed once trial-0.json
#                exists, finished by NEW (the same command); compared with OLD's whole run.
# For ask/tell cases the cells the loop told (id and cell of every `ask` line it used, as a set: the
# resumed run tells in other groups) are compared too, as `asked-cells`.
#
# Compared: trial-*.json, summary.json, summary.md, pareto.svg and the run's copy of the generator
# (*.agnet), after blanking the wall-clock fields (JSON keys with "wall_seconds", summary.md's
# "Wall-clock" line: the only differences between two runs of the same build, found by running one
# build twice). Not compared: timing.json, .lock, and the ask/tell state and journal files
# (asktell.json, *.asktell: their format may change). config.json is compared, but a difference
# there only adds "(config.json differs)" to the line: new builds may store fewer settings.
#
# Knobs (environment): COMPARE_SEED (default 0); COMPARE_NEW_SEED (default COMPARE_SEED): the seed
# NEW uses, so that `COMPARE_NEW_SEED=1` shows the script catching a difference;
# COMPARE_CASES: a space-separated subset of the case names above (default: all).
# Needs bash and python3 (no packages); uses the repository's shipped NAS-Bench-201 table for the
# told values. About 3 minutes with release builds on 2 cores. Compare two release builds: a debug
# build of the same source rounds AG-Net's float sums differently (a `train_loss` in the last digits).
set -u

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 OLD_AGNET NEW_AGNET [WORKDIR]" >&2
  exit 64
fi
OLD=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
NEW=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
for bin in "$OLD" "$NEW"; do
  [ -x "$bin" ] || { echo "$0: $bin is not an executable" >&2; exit 64; }
done
REPO=$(cd "$(dirname "$0")/.." && pwd)
TABLE=$REPO/Sources/Benchmarks/Data/nasbench201/nasbench201.csv
[ -r "$TABLE" ] || { echo "$0: cannot read $TABLE" >&2; exit 1; }
WORK=${3:-$(mktemp -d /tmp/compare-builds.XXXXXX)}
mkdir -p "$WORK" || exit 1
WORK=$(cd "$WORK" && pwd)
SEED=${COMPARE_SEED:-0}
NEW_SEED=${COMPARE_NEW_SEED:-$SEED}
CASES=${COMPARE_CASES:-"search-agnet search-agnet-hw search-agnet-xgb search-agnet-plus search-rs search-re search-ls
  search-bananas search-nb101-agnet search-agnet-params search-agnet-xgb-params asktell-nb201-agnet asktell-darts-agnet
  asktell-darts-tenas resume-asktell-nb201 resume-asktell-bananas resume-search-agnet"}
LOG=$WORK/log.txt
: > "$LOG"
echo "compare-builds: OLD=$OLD NEW=$NEW work=$WORK (log: $LOG)" >&2

# The told results: NAS-Bench-201's table values as written in the CSV (no float round trip), or
# made-up deterministic numbers from a hash of the DARTS genotype text. Reads `agnet ask` lines,
# writes `agnet tell` lines.
ORACLE=$WORK/oracle.py
cat > "$ORACLE" <<'PY'
import csv, hashlib, json, math, sys
mode, table = sys.argv[1], sys.argv[2]
def unit(text, salt):
    return int(hashlib.sha256((salt + text).encode()).hexdigest()[:12], 16) / float(1 << 48)
rows = {}
if mode == "nb201":
    with open(table, newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["arch"]] = (row["cifar10_valid_acc"], row["cifar10_test_acc"])
for line in sys.stdin:
    if not line.strip():
        continue
    asked = json.loads(line)
    ident, cell = json.dumps(asked["id"]), asked["cell"]
    if mode == "nb201":
        valid, test = rows[cell]
        print('{"id": %s, "report": %s, "value": %s}' % (ident, test, valid))
    elif mode == "darts":
        print('{"id": %s, "value": %.6f}' % (ident, 80 + 15 * unit(cell, "value")))
    else:
        regions, ntk = 1500 + 1500 * unit(cell, "regions"), 20 + 400 * unit(cell, "ntk")
        print('{"costs": {"linear_regions": %.4f, "ntk_condition": %.4f}, "id": %s, "value": %.6f}'
              % (regions, ntk, ident, math.log(regions) - math.log(ntk)))
PY
# One line per told cell, [id, cell]: whatever keys `ask` adds, the proposals must be the same.
PROPOSALS=$WORK/proposals.py
cat > "$PROPOSALS" <<'PY'
import json, sys
for line in sys.stdin:
    if line.strip():
        asked = json.loads(line)
        print(json.dumps([asked["id"], asked["cell"]], sort_keys=True))
PY

run() { # BIN ARGS...: one agnet call, its output in the log; fails the case on a non-zero exit.
  echo "+ $*" >> "$LOG"
  "$@" >> "$LOG" 2>&1 || { echo "  exit $?" >> "$LOG"; return 1; }
}

# asktell BIN RUN MODE LIMIT TRANSCRIPT: asks and tells until the run is finished (LIMIT -1) or
# LIMIT results are told, 7 results per tell; a run that never finishes fails after 1000 rounds.
asktell() {
  local bin=$1 dir=$2 mode=$3 limit=$4 transcript=$5 told=0 take lines rounds=0
  while :; do
    rounds=$((rounds + 1))
    [ "$rounds" -gt 1000 ] && { echo "  $dir: still asking after 1000 tells" >> "$LOG"; return 1; }
    echo "+ $bin ask --run $dir" >> "$LOG"
    "$bin" ask --run "$dir" > "$dir.ask" 2>> "$LOG" || return 1
    lines=$(grep -c . "$dir.ask")
    [ "$lines" -eq 0 ] && return 0
    take=7
    [ "$lines" -lt "$take" ] && take=$lines
    if [ "$limit" -ge 0 ]; then
      [ $((limit - told)) -lt "$take" ] && take=$((limit - told))
      [ "$take" -le 0 ] && return 0
    fi
    grep . "$dir.ask" | head -n "$take" > "$dir.asked"
    python3 "$PROPOSALS" < "$dir.asked" >> "$transcript" || return 1
    python3 "$ORACLE" "$mode" "$TABLE" < "$dir.asked" > "$dir.tell" || return 1
    run "$bin" tell --run "$dir" --file "$dir.tell" || return 1
    told=$((told + take))
  done
}

normalize() { # the wall-clock fields blanked
  sed -E -e 's/("[A-Za-z_]*wall_seconds[A-Za-z_]*" *: *)[-+0-9.eE]+/\1"<wall>"/' \
         -e 's/^(Wall-clock[^:]*:).*/\1 <wall>/' "$1"
}

# compare NAME OLD_DIR NEW_DIR: prints the case's line; returns 1 when it differs.
compare() {
  local name=$1 a=$2 b=$3 file differs="" note=""
  local files
  files=$( (cd "$a" && ls -A; cd "$b" && ls -A) 2>/dev/null | sort -u |
           grep -E '^(trial-[0-9]+\.json|summary\.json|summary\.md|pareto\.svg|.*\.agnet)$')
  if [ -z "$files" ]; then differs="no trial files"; fi
  for file in $files; do
    if [ ! -e "$a/$file" ] || [ ! -e "$b/$file" ]; then
      differs="$differs $file(missing in $([ -e "$a/$file" ] && echo new || echo old))"
    elif ! cmp -s <(normalize "$a/$file") <(normalize "$b/$file"); then
      differs="$differs $file"
    fi
  done
  if [ -e "$a.proposals" ] || [ -e "$b.proposals" ]; then
    cmp -s <(sort -u "$a.proposals" 2>/dev/null) <(sort -u "$b.proposals" 2>/dev/null) || differs="$differs asked-cells"
  fi
  if ! cmp -s "$a/config.json" "$b/config.json"; then note=" (config.json differs)"; fi
  if [ -n "$differs" ]; then
    printf '%-24s DIFFERENT:%s%s\n' "$name" "$differs" "$note"
    return 1
  fi
  printf '%-24s same%s\n' "$name" "$note"
}

NB201=(--benchmark nasbench201 --dataset cifar10)
search_args() { # CASE SEED: the `agnet search` arguments of a search case
  local common=(--trials 2 --budget 48 --seed "$2")
  case $1 in
    search-agnet-hw) echo "${NB201[@]} --method agnet-hw --cost fpga_latency_ms --max-cost 3 --mode constraint ${common[*]}" ;;
    search-nb101-agnet) echo "--benchmark nasbench101 --method agnet ${common[*]}" ;;
    search-agnet-params) echo "${NB201[@]} --method agnet --param agnet.weighting=uniform --param ticks=5 ${common[*]}" ;;
    search-agnet-xgb-params)
      echo "${NB201[@]} --method agnet-xgb --param xgb_rounds=50 --param candidate_batches=100,200 ${common[*]}" ;;
    resume-search-agnet) echo "${NB201[@]} --method agnet --trials 2 --budget 96 --seed $2" ;;
    search-*) echo "${NB201[@]} --method ${1#search-} ${common[*]}" ;;
  esac
}
init_args() { # CASE SEED: the `agnet init` arguments and the oracle mode of an ask/tell case
  case $1 in
    asktell-nb201-agnet|resume-asktell-nb201)
      echo "nb201 --space nasbench201 ${NB201[*]} --method agnet --trials 2 --budget 48 --seed $2" ;;
    resume-asktell-bananas)
      echo "nb201 --space nasbench201 ${NB201[*]} --method bananas --trials 2 --budget 48 --seed $2" ;;
    asktell-darts-agnet)
      echo "darts --space darts --method agnet --budget 64 --param normal_queries=32 --param reduce_queries=32 --seed $2" ;;
    asktell-darts-tenas)
      echo "tenas --space darts --method agnet-tenas --cost ntk_condition --cost linear_regions --budget 90
        --batch-size 20 --param candidates=20 --param top_k=8 --param normal_training=20 --param reduce_training=20 --seed $2" ;;
  esac
}

# case_runs CASE: makes $WORK/CASE/old and $WORK/CASE/new; returns 1 if a command failed.
case_runs() {
  local name=$1 dir=$WORK/$1 pid args
  rm -rf "$dir" && mkdir -p "$dir"
  case $name in
    search-*)
      run "$OLD" search $(search_args "$name" "$SEED") --output "$dir/old" &&
      run "$NEW" search $(search_args "$name" "$NEW_SEED") --output "$dir/new" ;;
    asktell-*)
      args=($(init_args "$name" "$SEED"))
      run "$OLD" init --run "$dir/old" "${args[@]:1}" && asktell "$OLD" "$dir/old" "${args[0]}" -1 "$dir/old.proposals" &&
      args=($(init_args "$name" "$NEW_SEED")) &&
      run "$NEW" init --run "$dir/new" "${args[@]:1}" && asktell "$NEW" "$dir/new" "${args[0]}" -1 "$dir/new.proposals" ;;
    resume-asktell-*)
      args=($(init_args "$name" "$SEED"))
      run "$OLD" init --run "$dir/old" "${args[@]:1}" && asktell "$OLD" "$dir/old" "${args[0]}" -1 "$dir/old.proposals" &&
      args=($(init_args "$name" "$NEW_SEED")) &&
      run "$OLD" init --run "$dir/new" "${args[@]:1}" && asktell "$OLD" "$dir/new" "${args[0]}" 37 "$dir/new.proposals" &&
      [ ! -e "$dir/new/trial-0.json" ] && asktell "$NEW" "$dir/new" "${args[0]}" -1 "$dir/new.proposals" ;;
    resume-search-*)
      run "$OLD" search $(search_args "$name" "$SEED") --output "$dir/old" || return 1
      echo "+ $OLD search ... --output $dir/new (killed once trial-0.json exists)" >> "$LOG"
      "$OLD" search $(search_args "$name" "$NEW_SEED") --output "$dir/new" >> "$LOG" 2>&1 &
      pid=$!
      while kill -0 "$pid" 2>/dev/null && [ ! -e "$dir/new/trial-0.json" ]; do sleep 0.02; done
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
      if [ -e "$dir/new/trial-1.json" ]; then
        echo "$name: OLD finished both trials before the kill; the resume was not exercised" >&2
        return 1
      fi
      run "$NEW" search $(search_args "$name" "$NEW_SEED") --output "$dir/new" ;;
    *) echo "unknown case $name" >&2; return 1 ;;
  esac
}

status=0
for name in $CASES; do
  start=$SECONDS
  if case_runs "$name"; then
    compare "$name" "$WORK/$name/old" "$WORK/$name/new" || status=1
  else
    printf '%-24s FAILED: a command failed (see %s)\n' "$name" "$LOG"
    status=1
  fi
  echo "  ($name: $((SECONDS - start)) s)" >> "$LOG"
done
exit $status
