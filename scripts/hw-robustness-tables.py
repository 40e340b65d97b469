#!/usr/bin/env python3
"""Inputs of docs/hardware-aware.md's robustness table.

Prints, for each HW-NAS-Bench latency column, the 10/20/30 % quantile bounds (the value at 0-based
position floor(q * n) of the sorted column, n = 15,625) and how many cells meet each, and writes
OUT/pixel3_whole_ms.csv: NAS-Bench-201 CIFAR-10 with pixel3 latencies rounded to whole milliseconds
(a coarse device table), to search with --table.

    python3 scripts/hw-robustness-tables.py Sources/Benchmarks/Data /tmp/hw-tables
"""
import csv
import math
import os
import sys

COLUMNS = ["fpga_latency_ms", "pixel3_latency_ms", "raspi4_latency_ms", "eyeriss_latency_ms"]
QUANTILES = [0.1, 0.2, 0.3]


def quantile_bound(values, q):
    ordered = sorted(values)
    return ordered[int(math.floor(q * len(ordered)))]


def main(data_dir, out_dir):
    with open(os.path.join(data_dir, "nasbench201", "hwnasbench_cifar10.csv"), newline="") as f:
        hw = {row["arch"]: row for row in csv.DictReader(f)}
    with open(os.path.join(data_dir, "nasbench201", "nasbench201.csv"), newline="") as f:
        nb = list(csv.DictReader(f))
    columns = {c: [float(hw[row["arch"]][c]) for row in nb] for c in COLUMNS}
    # Round half up explicitly (Python's round() rounds half to even).
    columns["pixel3_whole_ms"] = [math.floor(v + 0.5) for v in columns["pixel3_latency_ms"]]
    for name, values in columns.items():
        for q in QUANTILES:
            bound = quantile_bound(values, q)
            print(f"{name}\t{int(q * 100)}%\t{bound!r}\t{sum(v <= bound for v in values)} cells within")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "pixel3_whole_ms.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["index", "arch", "cifar10_valid_acc", "cifar10_test_acc", "pixel3_whole_ms"])
        for row, ms in zip(nb, columns["pixel3_whole_ms"]):
            writer.writerow([row["index"], row["arch"], row["cifar10_valid_acc"], row["cifar10_test_acc"], ms])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: hw-robustness-tables.py DATA_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
