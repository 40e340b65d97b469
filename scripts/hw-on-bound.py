#!/usr/bin/env python3
"""Where constraint-mode runs on a coarse cost table put their queries relative to the bound
(docs/hardware-aware.md, "Cells on the bound"), from the trial files of `agnet compare` method
directories run with --table TABLE.

    python3 scripts/hw-on-bound.py TABLE.csv RUN_DIR/agnet-hw [METHOD_DIR...]

The table's cost column and the bound come from each directory's config.json; the step s of the
grid is the smallest gap between the column's distinct values. Per directory, means over its
trials, of the queries after the 16 random ones: the share exactly on the bound L, one step inside
(L − s), further inside, one step over (L + s), further over; how many of the table's 20
best-validation cells within the bound were queried (and how many of those sit on the bound); how
many trials reported a cell on the bound; the best validation found and the test accuracy of the
reported cell at 192 queries, against the best feasible cell's.
"""
import csv
import glob
import json
import os
import statistics
import sys


def main(table_path, method_dirs):
    with open(table_path, newline="") as f:
        rows = list(csv.DictReader(f))
    for directory in method_dirs:
        with open(os.path.join(directory, "config.json")) as f:
            config = json.load(f)
        objective = config.get("objective") or config["settings"]["objective"]
        column, bound = objective["column"], objective["max_cost"]
        cost = {r["arch"]: float(r[column]) for r in rows}
        values = sorted(set(cost.values()))
        step = min(b - a for a, b in zip(values, values[1:]))
        feasible = sorted((float(r["cifar10_valid_acc"]), float(r["cifar10_test_acc"]), r["arch"]) for r in rows
                          if cost[r["arch"]] <= bound)
        top = {cell for _, _, cell in feasible[-20:]}
        shares = {k: [] for k in ("on", "inside1", "inside", "over1", "over")}
        top20, top20_on, reported_on, valid, test = [], [], [], [], []
        for path in sorted(glob.glob(os.path.join(directory, "trial-*.json"))):
            with open(path) as f:
                trial = json.load(f)
            later = [q["costs"][column] for q in trial["queries"][16:192]]
            bands = {"on": lambda c: c == bound, "inside1": lambda c: c == bound - step,
                     "inside": lambda c: c < bound - step, "over1": lambda c: c == bound + step,
                     "over": lambda c: c > bound + step}
            for key, band in bands.items():
                shares[key].append(100 * sum(map(band, later)) / len(later))
            queried = {q["cell"] for q in trial["queries"][:192]}
            top20.append(len(queried & top))
            top20_on.append(sum(cost[c] == bound for c in queried & top))
            point = next(p for p in trial["trajectory"] if p["queries"] == 192)
            reported_on.append(point["cost_of_reported"] == bound)
            valid.append(point["best_valid"])
            test.append(point["test_of_best_valid"])
        n = len(test)
        if n == 0:
            continue
        mean = lambda xs: statistics.mean(xs)
        print(f"{directory}: {column} <= {bound} (step {step:g}), {n} trials")
        print("  queries after the random ones: " + ", ".join(f"{k} {mean(v):.0f} %" for k, v in shares.items()))
        print(f"  top 20 queried per trial {mean(top20):.1f} (on the bound {mean(top20_on):.1f}); "
              f"reported cell on the bound in {sum(reported_on)} of {n}")
        sd = statistics.stdev(test) if n > 1 else 0.0
        print(f"  best valid {mean(valid):.2f} (table {feasible[-1][0]:.2f}); test {mean(test):.2f} ± {sd:.2f}, "
              f"gap {mean(test) - feasible[-1][1]:+.2f} (best feasible test {feasible[-1][1]:.2f})")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: hw-on-bound.py TABLE.csv METHOD_DIR [METHOD_DIR...]")
    main(sys.argv[1], sys.argv[2:])
