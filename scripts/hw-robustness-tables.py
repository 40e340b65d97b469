#!/usr/bin/env python3
"""Inputs of docs/hardware-aware.md's robustness table.

Prints, for each HW-NAS-Bench latency column and each coarse version of it, the 10/20/30 % quantile
bounds (the value at 0-based position floor(q * n) of the sorted column, n = 15,625), how many cells
meet each and how many sit exactly on it, and writes the coarse device tables to search with --table
(NAS-Bench-201 CIFAR-10 accuracies and one cost column):

- OUT/pixel3_whole_ms.csv: pixel3 latencies rounded to the nearest whole millisecond (half up);
- OUT/DEVICE_ceil1_ms.csv and OUT/DEVICE_ceil05_ms.csv for pixel3, raspi4, eyeriss and fpga: the
  latency rounded *up* to a whole millisecond / to 0.5 ms. Rounding up keeps the bound honest: at a
  bound on the grid, a cell meets the coarse bound exactly when its measured latency meets it, so
  the coarse table has the same feasible cells as the fine one at that bound and only the costs
  within each step tie.

    python3 scripts/hw-robustness-tables.py Sources/Benchmarks/Data /tmp/hw-tables
"""
import csv
import math
import os
import sys

COLUMNS = ["fpga_latency_ms", "pixel3_latency_ms", "raspi4_latency_ms", "eyeriss_latency_ms"]
QUANTILES = [0.1, 0.2, 0.3]
# Coarse steps in ms, by the label of their column.
STEPS = {"ceil1": 1.0, "ceil05": 0.5}


def ceil_to(value, step):
    """The smallest multiple of step at or above value (exact in binary for 1 and 0.5)."""
    return math.ceil(value / step) * step


def quantile_bound(values, q):
    ordered = sorted(values)
    return ordered[int(math.floor(q * len(ordered)))]


def main(data_dir, out_dir):
    with open(os.path.join(data_dir, "nasbench201", "hwnasbench_cifar10.csv"), newline="") as f:
        hw = {row["arch"]: row for row in csv.DictReader(f)}
    with open(os.path.join(data_dir, "nasbench201", "nasbench201.csv"), newline="") as f:
        nb = list(csv.DictReader(f))
    columns = {c: [float(hw[row["arch"]][c]) for row in nb] for c in COLUMNS}
    coarse = {"pixel3_whole_ms": [math.floor(v + 0.5) for v in columns["pixel3_latency_ms"]]}
    for device in COLUMNS:
        for label, step in STEPS.items():
            coarse[f"{device.split('_')[0]}_{label}_ms"] = [ceil_to(v, step) for v in columns[device]]
    for name, values in {**columns, **coarse}.items():
        for q in QUANTILES:
            bound = quantile_bound(values, q)
            within = sum(v <= bound for v in values)
            print(f"{name}\t{int(q * 100)}%\t{bound!r}\t{within} cells within\t{sum(v == bound for v in values)} on the bound")
    os.makedirs(out_dir, exist_ok=True)
    for name, values in coarse.items():
        with open(os.path.join(out_dir, f"{name}.csv"), "w", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["index", "arch", "cifar10_valid_acc", "cifar10_test_acc", name])
            for row, cost in zip(nb, values):
                writer.writerow([row["index"], row["arch"], row["cifar10_valid_acc"], row["cifar10_test_acc"], cost])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: hw-robustness-tables.py DATA_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
