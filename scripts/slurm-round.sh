#!/usr/bin/env bash
# Ask/tell rounds as Slurm job arrays: asks the pending cells of an agnet run into a file, submits
# one array task per cell (scripts/slurm-evaluate-cell.py: runs the evaluator, tells the result),
# waits for the array, and checks that every cell of the round was told with the value its task
# saw. Repeats for --rounds rounds (default 1), or until the run is finished.
#
#   scripts/slurm-local.sh start && export SLURM_CONF=/var/tmp/agnet-slurm/slurm.conf   # or a real cluster
#   scripts/slurm-round.sh --run runs/slurm-re --space nasbench201 --method re --batch-size 16 --budget 64 \
#     --command 'python3 examples/evaluate_nb201.py --cell {cell}' --rounds 2
#   # DARTS with the TE-NAS proxies (once --space darts is there):
#   scripts/slurm-round.sh --run runs/darts-rs --space darts --method rs --batch-size 16 --budget 64 \
#     --init-arg --cost --init-arg ntk_condition --init-arg --cost --init-arg linear_regions \
#     --command 'python3 examples/darts_tenas.py --genotype {cell}'
#
# Options: --run DIR (required; created with `agnet init` when it has no config.json, else
# continued: the init options are then ignored), --space, --method, --batch-size (default 16),
# --budget, --seed, --trials, --init-arg ARG (repeatable, passed to agnet init), --command
# (default: the NAS-Bench-201 table lookup), --rounds N, --sbatch-arg ARG (repeatable, e.g.
# --sbatch-arg --gres=gpu:1 --sbatch-arg --time=04:00:00). Each round's files are in
# DIR/slurm/round-<k>: cells.jsonl (what was asked), task-<i>.out (the evaluator's output),
# told-<i>.json (what task i told). The run directory must be on a file system every node sees.
# Environment: AGNET (default .build/release/agnet of this checkout).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AGNET=$(realpath "${AGNET:-$ROOT/.build/release/agnet}")
export AGNET

die() { echo "slurm-round: $1" >&2; exit "${2:-1}"; }

run='' space='' method='' batch=16 budget='' seed='' trials='' rounds=1
command='python3 examples/evaluate_nb201.py --cell {cell}'
init_args=() sbatch_args=()
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || die "$1 needs a value" 64
  case $1 in
    --run) run=$2 ;;
    --space) space=$2 ;;
    --method) method=$2 ;;
    --batch-size) batch=$2 ;;
    --budget) budget=$2 ;;
    --seed) seed=$2 ;;
    --trials) trials=$2 ;;
    --init-arg) init_args+=("$2") ;;
    --command) command=$2 ;;
    --rounds) rounds=$2 ;;
    --sbatch-arg) sbatch_args+=("$2") ;;
    *) die "unknown option $1 (see the header of $0)" 64 ;;
  esac
  shift 2
done
[ -n "$run" ] || die "--run DIR is required" 64
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer" 64
[ -x "$AGNET" ] || die "no agnet at $AGNET (swift build -c release --product agnet, or set AGNET)"
command -v sbatch >/dev/null || die "sbatch is not installed (bash scripts/setup.sh --slurm)"
mkdir -p "$run"
run=$(realpath "$run")

if [ ! -f "$run/config.json" ]; then
  [ -n "$space" ] && [ -n "$method" ] || die "a new run needs --space and --method" 64
  args=(init --run "$run" --space "$space" --method "$method" --batch-size "$batch")
  [ -z "$budget" ] || args+=(--budget "$budget")
  [ -z "$seed" ] || args+=(--seed "$seed")
  [ -z "$trials" ] || args+=(--trials "$trials")
  "$AGNET" "${args[@]}" "${init_args[@]}"
else
  echo "slurm-round: continuing $run (its config.json fixes space, method and budget)"
fi

for ((r = 0; r < rounds; r++)); do
  k=0
  while [ -e "$run/slurm/round-$k" ]; do k=$((k + 1)); done
  dir=$run/slurm/round-$k
  mkdir -p "$dir"
  "$AGNET" ask --run "$run" > "$dir/cells.jsonl"
  n=$(grep -c . "$dir/cells.jsonl" || true)
  if [ "$n" = 0 ]; then
    rm -r "$dir"
    echo "slurm-round: nothing to evaluate: the run is finished (see $run/summary.md)"
    break
  fi
  start=$(date +%s%N)
  # --wait returns once every task has ended; a failed task makes sbatch fail, which the checks below explain.
  job=$(cd "$ROOT" && sbatch --parsable --wait --array="0-$((n - 1))" --job-name="agnet-round-$k" \
          --output="$dir/task-%a.out" --export=ALL "${sbatch_args[@]}" \
          "$ROOT/scripts/slurm-evaluate-cell.py" "$run" "$dir/cells.jsonl" "$command") || true
  [ -n "$job" ] || { rm -r "$dir"; die "sbatch did not submit round $k (is Slurm up? scripts/slurm-local.sh status; SLURM_CONF=${SLURM_CONF:-unset})"; }
  ms=$((($(date +%s%N) - start) / 1000000))
  # The round is complete when every asked cell was told (told-<i>.json exists) and agnet no
  # longer lists any of them as pending. Once the run is finished (trial files written), every
  # told value of every round must be in the trial files at its cell's query.
  python3 - "$run" "$dir" "$AGNET" <<'PY' || die "round $k (job ${job:-?}) is incomplete: see $dir/task-*.out"
import glob, json, os, subprocess, sys
run, folder, agnet = sys.argv[1:4]
asked = [json.loads(line) for line in open(os.path.join(folder, "cells.jsonl")) if line.strip()]
problems = []
told = []
for i, cell in enumerate(asked):
    path = os.path.join(folder, f"told-{i}.json")
    if not os.path.exists(path):
        problems.append(f"task {i} ({cell['id']}) told nothing")
        continue
    entry = json.loads(open(path).read())
    if entry["id"] != cell["id"]:
        problems.append(f"task {i} told {entry['id']}, not {cell['id']}")
    told.append(entry)
asking = subprocess.run([agnet, "ask", "--run", run], check=True, capture_output=True, text=True).stdout
pending = {json.loads(line)["id"] for line in asking.splitlines() if line.strip()}
problems += [f"{cell['id']} is still pending" for cell in asked if cell["id"] in pending]
checked = 0
if os.path.exists(os.path.join(run, "summary.json")):
    for path in sorted(glob.glob(os.path.join(run, "slurm", "round-*", "told-*.json"))):
        entry = json.loads(open(path).read())
        trial, query = (int(part[1:]) for part in entry["id"].split("-"))
        queries = json.load(open(os.path.join(run, f"trial-{trial}.json")))["queries"]
        if query >= len(queries):
            problems.append(f"{entry['id']} ({path}) is not in trial-{trial}.json")
        elif not entry.get("failed") and queries[query]["value"] != entry["value"]:
            problems.append(f"{entry['id']}: trial-{trial}.json has {queries[query]['value']}, {path} told {entry['value']}")
        checked += 1
for problem in problems:
    print(f"slurm-round: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
values = [entry["value"] for entry in told if not entry.get("failed")]
failed = len(told) - len(values)
print(f"{len(told)} cells told ({failed} failed{', best value %s' % max(values) if values else ''})", end="")
if checked:
    print(f"; run finished, all {checked} told results of all rounds found in the trial files", end="")
PY
  echo " - slurm-round: round $k (job $job, $n tasks) complete in $((ms / 1000)).$(printf %03d $((ms % 1000))) s"
done
