#!/bin/sh
# docs/hardware-aware.md's robustness table: agnet-hw, re and ls on NAS-Bench-201 CIFAR-10 at the
# 10/20/30 % quantile bounds of four HW-NAS-Bench devices, plus pixel3 rounded to whole
# milliseconds at 20 %; 10 trials, 192 queries, one row after another (resumable: run the same
# command again).
#
#   scripts/hw-robustness.sh AGNET DATA_DIR OUT METHODS [compare options...]
#   scripts/hw-robustness.sh .build/release/agnet Sources/Benchmarks/Data runs/robust agnet-hw,re,ls
#   scripts/hw-robustness.sh .build/release/agnet Sources/Benchmarks/Data runs/robust-published agnet-hw \
#     --param agnet-hw.cost_model=predictor --param agnet-hw.penalty_exponent=0
#
# Environment: SEED (trial 0's seed, default 0), TRIALS (default 10), ROWS (default all, e.g.
# ROWS="fpga-10 pixel3w-20"), MODE (constraint, the default, or joint: Eq. 4 with the same bound).
# Paths must not contain spaces.
set -eu
agnet=$1; data=$2; out=$3; methods=$4
shift 4
mkdir -p "$out/tables"
python3 "$(dirname "$0")/hw-robustness-tables.py" "$data" "$out/tables" > "$out/tables/bounds.tsv"
bound() { awk -F'\t' -v c="$1" -v q="$2%" '$1 == c && $2 == q { print $3 }' "$out/tables/bounds.tsv"; }
all="pixel3w-20 fpga-30 fpga-10 eyeriss-20 pixel3-10 raspi4-30 eyeriss-10 pixel3-30 raspi4-10 eyeriss-30 fpga-20 pixel3-20 raspi4-20"
for row in ${ROWS:-$all}; do
  device=${row%-*}; q=${row#*-}
  if [ "$device" = pixel3w ]; then
    source="--table $out/tables/pixel3_whole_ms.csv --space nasbench201 --search-metric cifar10_valid_acc"
    source="$source --report-metric cifar10_test_acc --cost pixel3_whole_ms --max-cost $(bound pixel3_whole_ms "$q")"
  else
    source="--benchmark nasbench201 --data-dir $data --cost ${device}_latency_ms --max-cost $(bound "${device}_latency_ms" "$q")"
  fi
  # shellcheck disable=SC2086
  nice -n 5 "$agnet" compare $source --methods "$methods" --budget 192 --trials "${TRIALS:-10}" --seed "${SEED:-0}" \
    --mode "${MODE:-constraint}" --jobs 1 --output "$out/$row" "$@" > "$out/$row.log"
done
