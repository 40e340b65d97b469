#!/usr/bin/env bash
# Compares two builds' `agnet search` output for the same seeds (the typed-settings refactoring
# must change no result): trial files byte for byte without the wall-clock fields, the
# `hyperparameters` object of config.json (prints the keys that differ), and a run made by the
# OLD build and stopped after its first trial, continued by the NEW one.
#
#   scripts/compare-settings-builds.sh OLD_AGNET NEW_AGNET
set -euo pipefail
old=$1 new=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nb201=(--benchmark nasbench201 --dataset cifar10 --trials 2 --budget 48)
status=0

strip() { grep -v '"wall_seconds' "$1"; }
hyper() { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["hyperparameters"], sort_keys=True))' "$1"; }

compare() { # name, then the search arguments
  local name=$1; shift
  "$old" search "$@" --output "$work/$name-old" >/dev/null 2>&1
  "$new" search "$@" --output "$work/$name-new" >/dev/null 2>&1
  local same=yes
  for f in "$work/$name-old"/trial-*.json; do
    cmp -s <(strip "$f") <(strip "$work/$name-new/$(basename "$f")") || same=no
  done
  [ "$(ls "$work/$name-old"/trial-*.json | wc -l)" = "$(ls "$work/$name-new"/trial-*.json | wc -l)" ] || same=no
  local keys
  keys=$(python3 - "$work/$name-old/config.json" "$work/$name-new/config.json" <<'PY'
import json, sys
a, b = (json.load(open(p))["hyperparameters"] for p in sys.argv[1:])
diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
print(", ".join(f"{k}: {a.get(k, '-')} -> {b.get(k, '-')}" for k in diff) or "same")
PY
)
  printf '%-22s trials identical: %-3s  hyperparameters: %s\n' "$name" "$same" "$keys"
  [ "$same" = yes ] || status=1
}

for m in agnet agnet-xgb agnet-plus rs re ls bananas; do compare "nb201-$m" "${nb201[@]}" --method "$m"; done
compare nb201-agnet-hw "${nb201[@]}" --method agnet-hw --cost fpga_latency_ms --max-cost 3 --mode constraint
compare nb101-agnet --benchmark nasbench101 --trials 2 --budget 48 --method agnet
compare nb201-agnet-uniform "${nb201[@]}" --method agnet --param agnet.weighting=uniform
compare nb201-agnet-ticks5 "${nb201[@]}" --method agnet --param ticks=5
compare nb201-agnet-xgb-params "${nb201[@]}" --method agnet-xgb --param xgb_rounds=50 --param candidate_batches=100,200

# A run of the old build stopped after trial 0, continued by the new build.
for m in agnet re; do
  args=("${nb201[@]}" --method "$m")
  "$old" search "${args[@]}" --output "$work/resume-$m" >/dev/null 2>&1
  cp "$work/resume-$m/trial-1.json" "$work/resume-$m-finished.json"
  rm "$work/resume-$m/trial-1.json" "$work/resume-$m"/summary.*
  if "$new" search "${args[@]}" --output "$work/resume-$m" >/dev/null 2>&1 \
    && cmp -s <(strip "$work/resume-$m-finished.json") <(strip "$work/resume-$m/trial-1.json"); then
    echo "resume-$m: old run continued by the new build, trial-1 identical"
  else
    echo "resume-$m: FAILED"; status=1
  fi
done
exit $status
