#!/usr/bin/env python3
"""Where constraint-mode agnet-hw spends its queries: the measurements behind docs/hardware-aware.md's
"Loose bounds" section, from the trial files of `agnet compare` directories.

    python3 scripts/hw-diagnose.py DATA_DIR RUN_DIR/agnet-hw [METHOD_DIR...]

Per method directory, means over its trials (queries after the 16 random ones): the share of
queries within the bound, over it by at most 10 %, over it by more; the query at which the final
reported cell (best validation within the bound at 192) was found; how many of the table's 20
best-validation cells within the bound were queried; the cost surrogate's leave-one-out error in
the last round (relative to the bound); the test accuracy of the reported cell. Then the table
side: a least-squares fit of the cost on the operations of all cells, and how many of those 20 it
predicts over the bound, over 1.1 L and over 1.5 L.
"""
import csv
import glob
import json
import os
import statistics
import sys

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]


def operations(cell):
    return [part.split("~")[0] for part in cell.strip("|").replace("+", "").split("|") if part]


def least_squares(rows, targets):
    """Normal equations with a tiny ridge (the one-hot blocks are collinear with the intercept)."""
    width = len(rows[0])
    gram = [[sum(r[i] * r[j] for r in rows) + (1e-9 if i == j else 0) for j in range(width)] for i in range(width)]
    moment = [sum(r[i] * t for r, t in zip(rows, targets)) for i in range(width)]
    # Gaussian elimination
    a = [g + [m] for g, m in zip(gram, moment)]
    for c in range(width):
        p = max(range(c, width), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        for r in range(width):
            if r != c and a[c][c] != 0:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [a[i][width] / a[i][i] if a[i][i] else 0 for i in range(width)]


def encode(cell):
    row = []
    for op in operations(cell):
        row += [1.0 if op == o else 0.0 for o in OPS]
    return row + [1.0]


def main(data_dir, method_dirs):
    with open(os.path.join(data_dir, "nasbench201", "hwnasbench_cifar10.csv"), newline="") as f:
        hw = {row["arch"]: row for row in csv.DictReader(f)}
    with open(os.path.join(data_dir, "nasbench201", "nasbench201.csv"), newline="") as f:
        nb = list(csv.DictReader(f))
    for directory in method_dirs:
        with open(os.path.join(directory, "config.json")) as f:
            config = json.load(f)
        objective = config.get("objective") or config["settings"]["objective"]
        column, bound = objective["column"], objective["max_cost"]
        feasible = sorted((float(r["cifar10_valid_acc"]), r["arch"]) for r in nb if float(hw[r["arch"]][column]) <= bound)
        top = {cell for _, cell in feasible[-20:]}
        stats = {k: [] for k in ("within", "near", "far", "found_at", "top20", "loo", "test")}
        for path in sorted(glob.glob(os.path.join(directory, "trial-*.json"))):
            with open(path) as f:
                trial = json.load(f)
            queries = trial["queries"][:192]
            later = [q["costs"][column] / bound for q in queries[16:]]
            stats["within"].append(100 * sum(c <= 1 for c in later) / len(later))
            stats["near"].append(100 * sum(1 < c <= 1.1 for c in later) / len(later))
            stats["far"].append(100 * sum(c > 1.1 for c in later) / len(later))
            within = [(q["value"], -i) for i, q in enumerate(queries) if q["costs"][column] <= bound]
            stats["found_at"].append(-max(within)[1] + 1)
            stats["top20"].append(sum(q["cell"] in top for q in queries))
            loo = [r["statistics"].get("cost_surrogate_loo_error") for r in trial["rounds"]]
            loo = [x for x in loo if x is not None]
            if loo:
                stats["loo"].append(loo[-1])
            stats["test"].append(next(p for p in trial["trajectory"] if p["queries"] == 192)["test_of_best_valid"])
        print(f"{directory}: {column} <= {bound}, {len(stats['test'])} trials")
        for key, values in stats.items():
            if values:
                print(f"  {key}: mean {statistics.mean(values):.3f}, min {min(values):.3f}, max {max(values):.3f}")
        weights = least_squares([encode(r["arch"]) for r in nb], [float(hw[r["arch"]][column]) for r in nb])
        ratios = [sum(w * x for w, x in zip(weights, encode(cell))) / bound for cell in top]
        print(f"  table: of the 20 best-validation cells within the bound, the all-cell linear fit predicts "
              f"{sum(r > 1 for r in ratios)} over L, {sum(r > 1.1 for r in ratios)} over 1.1 L, {sum(r > 1.5 for r in ratios)} over 1.5 L")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: hw-diagnose.py DATA_DIR METHOD_DIR [METHOD_DIR...]")
    main(sys.argv[1], sys.argv[2:])
