#!/usr/bin/env bash
# Kill test of the ask/tell protocol: a scripted evaluator loop (agnet ask / tell through the CLI,
# values looked up in the NAS-Bench-201 table) is killed with SIGKILL at random moments N times
# (default 200), restarted each time, then run to the end. The final trial files must equal those of
# an uninterrupted run, and every result the loop saw told must be in them with its value.
#
#   swift build -c release --product agnet
#   scripts/kill-ask-tell.sh [N]
#
# Environment: AGNET (default .build/release/agnet), AGNET_DATA (default: the shipped tables),
# KILL_MAX_MS (longest wait before a kill, default 400), KEEP=1 keeps the work directory.
set -euo pipefail
N=${1:-200}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AGNET=${AGNET:-$ROOT/.build/release/agnet}
DATA=${AGNET_DATA:-$ROOT/Sources/Benchmarks/Data}
TABLE=$DATA/nasbench201/nasbench201.csv
MAX_MS=${KILL_MAX_MS:-400}
[ -x "$AGNET" ] || { echo "kill-ask-tell: build agnet first (swift build -c release --product agnet)" >&2; exit 1; }
[ -f "$TABLE" ] || { echo "kill-ask-tell: no table at $TABLE (set AGNET_DATA)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kill-ask-tell.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

# The evaluator: asks up to 3 cells (of both trials), tells their table values in one call, and
# logs what it told once the tell has returned.
cat > "$WORK/loop.py" <<'PY'
import csv, json, subprocess, sys
agnet, run, table, log = sys.argv[1:5]
with open(table, newline="") as handle:
    values = {row["arch"]: (row["cifar10_valid_acc"], row["cifar10_test_acc"]) for row in csv.DictReader(handle)}
while True:
    asked = subprocess.run([agnet, "ask", "--run", run, "--count", "3"], check=True, capture_output=True, text=True).stdout
    cells = [json.loads(line) for line in asked.splitlines() if line.strip()]
    if not cells:
        break
    lines = ['{"id": "%s", "value": %s, "report": %s}' % ((c["id"],) + values[c["cell"]]) for c in cells]
    subprocess.run([agnet, "tell", "--run", run], input="\n".join(lines) + "\n", check=True, capture_output=True, text=True)
    with open(log, "a") as out:
        out.write("\n".join(lines) + "\n")
PY

init() {
  "$AGNET" init --run "$1" --space nasbench201 --method re --budget 64 --batch-size 2 --trials 0-1 --seed 7 \
    --param population_size=10 --param tournament_size=4 > /dev/null
}

init "$WORK/plain"
python3 "$WORK/loop.py" "$AGNET" "$WORK/plain" "$TABLE" "$WORK/plain.log"

# Cycles of: a new run, killed starts until it is finished or N kills are done, a final
# uninterrupted start, and the checks.
check() {
  for t in 0 1; do
    cmp "$WORK/plain/trial-$t.json" "$1/trial-$t.json" \
      || { echo "kill-ask-tell: $1/trial-$t.json differs from the uninterrupted run" >&2; exit 1; }
  done
  python3 - "$1" "$1.log" <<'PY'
import json, sys
run, log = sys.argv[1:3]
queries = {t: json.load(open(f"{run}/trial-{t}.json"))["queries"] for t in (0, 1)}
told = [json.loads(line) for line in open(log) if line.strip()]
for entry in told:
    trial, query = (int(part[1:]) for part in entry["id"].split("-"))
    if queries[trial][query]["value"] != entry["value"]:
        sys.exit(f"kill-ask-tell: told result {entry} is not in trial-{trial}.json")
print(len(told))
PY
}

kills=0 cycles=0 checked=0
while ((kills < N)); do
  cycles=$((cycles + 1))
  run="$WORK/killed-$cycles"
  init "$run"
  touch "$run.log"
  while ((kills < N)) && [ ! -f "$run/summary.json" ]; do
    setsid python3 "$WORK/loop.py" "$AGNET" "$run" "$TABLE" "$run.log" 2> /dev/null &
    pid=$!
    sleep "$(printf '0.%03d' $((RANDOM % MAX_MS)))"
    if kill -0 "$pid" 2> /dev/null; then
      kill -9 -- "-$pid" 2> /dev/null || true
      kills=$((kills + 1))
    fi
    wait "$pid" 2> /dev/null || true
  done
  python3 "$WORK/loop.py" "$AGNET" "$run" "$TABLE" "$run.log"
  checked=$((checked + $(check "$run")))
done
echo "kill-ask-tell: $kills SIGKILLs over $cycles run(s); every run's trial files equal the uninterrupted run's;" \
  "$checked told results found in them."
