#!/bin/sh
# docs/hardware-aware.md's robustness table: agnet-hw, re and ls on NAS-Bench-201 CIFAR-10 at the
# 10/20/30 % quantile bounds of four HW-NAS-Bench devices, plus pixel3 rounded to whole
# milliseconds at 20 % (pixel3w-20), plus the coarse tables (DEVICE-ceil1-Q, DEVICE-ceil05-Q: the
# latency rounded up to 1 or 0.5 ms, see hw-robustness-tables.py; fpga-ceil1-10 and eyeriss-ceil1-10
# are left out, their bounds equal the 20 % ones); 10 trials, 192 queries, one row after another
# (resumable: run the same command again).
#
#   scripts/hw-robustness.sh AGNET DATA_DIR OUT METHODS [compare options...]
#   scripts/hw-robustness.sh .build/release/agnet Sources/Benchmarks/Data runs/robust agnet-hw,re,ls
#   scripts/hw-robustness.sh .build/release/agnet Sources/Benchmarks/Data runs/robust-published agnet-hw \
#     --param agnet-hw.cost_model=predictor --param agnet-hw.penalty_exponent=0
#
# Environment: SEED (trial 0's seed, default 0), TRIALS (default 10), ROWS (default all, e.g.
# ROWS="fpga-10 pixel3w-20"), JOBS (compare --jobs, default 1), MODE (constraint, the default, or joint: Eq. 4 with the same bound).
# Paths must not contain spaces.
set -eu
agnet=$1; data=$2; out=$3; methods=$4
shift 4
mkdir -p "$out/tables"
python3 "$(dirname "$0")/hw-robustness-tables.py" "$data" "$out/tables" > "$out/tables/bounds.tsv"
bound() { awk -F'\t' -v c="$1" -v q="$2%" '$1 == c && $2 == q { print $3 }' "$out/tables/bounds.tsv"; }
all="pixel3w-20 fpga-30 fpga-10 eyeriss-20 pixel3-10 raspi4-30 eyeriss-10 pixel3-30 raspi4-10 eyeriss-30 fpga-20 pixel3-20 raspi4-20"
coarse=""
for device in fpga pixel3 raspi4 eyeriss; do
  for step in ceil1 ceil05; do
    for q in 10 20 30; do
      case "$device-$step-$q" in fpga-ceil1-10|eyeriss-ceil1-10) ;; *) coarse="$coarse $device-$step-$q" ;; esac
    done
  done
done
for row in ${ROWS:-$all $coarse}; do
  device=${row%-*}; q=${row##*-}
  case "$device" in
    pixel3w) table=pixel3_whole_ms ;;
    *-ceil*) table=$(echo "$device" | tr - _)_ms ;;
    *) table="" ;;
  esac
  if [ -n "$table" ]; then
    source="--table $out/tables/$table.csv --space nasbench201 --search-metric cifar10_valid_acc"
    source="$source --report-metric cifar10_test_acc --cost $table --max-cost $(bound "$table" "$q")"
  else
    source="--benchmark nasbench201 --data-dir $data --cost ${device}_latency_ms --max-cost $(bound "${device}_latency_ms" "$q")"
  fi
  # shellcheck disable=SC2086
  nice -n 10 "$agnet" compare $source --methods "$methods" --budget 192 --trials "${TRIALS:-10}" --seed "${SEED:-0}" \
    --mode "${MODE:-constraint}" --jobs "${JOBS:-1}" --output "$out/$row" "$@" > "$out/$row.log"
done
