#!/usr/bin/env python3
"""Where constraint-mode runs on a coarse cost table put their queries relative to the bound
(docs/hardware-aware.md, "Cells on the bound"), from the trial files of `agnet compare` method
directories run with --table TABLE.

    python3 scripts/hw-on-bound.py TABLE.csv RUN_DIR/agnet-hw [METHOD_DIR...]
    python3 scripts/hw-on-bound.py --report OLD_OUT NEW_OUT

The table's cost column and the bound come from each directory's config.json; the step s of the
grid is the smallest gap between the column's distinct values. Per directory, means over its
trials, of the queries after the 16 random ones: the share exactly on the bound L, one step inside
(L − s), further inside, one step over (L + s), further over; how many of the table's 20
best-validation cells within the bound were queried (and how many of those sit on the bound); how
many trials reported a cell on the bound; the best validation found and the test accuracy of the
reported cell at 192 queries, against the best feasible cell's.

--report prints the markdown table of docs/hardware-aware.md's fourth pass from two output
directories of scripts/hw-robustness.sh (the old and the new default's agnet-hw runs), for every
coarse row (DEVICE-ceil1-Q, DEVICE-ceil05-Q, pixel3w-20) that has trial files in both.
"""
import csv
import glob
import json
import os
import statistics
import sys


def summary(table_path, directory):
    """The measurements above for one method directory (None without trial files)."""
    with open(table_path, newline="") as f:
        rows = list(csv.DictReader(f))
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
    bands = {"on": lambda c: c == bound, "inside1": lambda c: c == bound - step,
             "inside": lambda c: c < bound - step, "over1": lambda c: c == bound + step,
             "over": lambda c: c > bound + step}
    shares = {k: [] for k in bands}
    top20, top20_on, reported_on, valid, test = [], [], [], [], []
    for path in sorted(glob.glob(os.path.join(directory, "trial-*.json"))):
        with open(path) as f:
            trial = json.load(f)
        later = [q["costs"][column] for q in trial["queries"][16:192]]
        for key, band in bands.items():
            shares[key].append(100 * sum(map(band, later)) / len(later))
        queried = {q["cell"] for q in trial["queries"][:192]}
        top20.append(len(queried & top))
        top20_on.append(sum(cost[c] == bound for c in queried & top))
        point = next(p for p in trial["trajectory"] if p["queries"] == 192)
        reported_on.append(point["cost_of_reported"] == bound)
        valid.append(point["best_valid"])
        test.append(point["test_of_best_valid"])
    if not test:
        return None
    mean = statistics.mean
    return {
        "column": column, "bound": bound, "step": step, "trials": len(test),
        "on_bound_cells": sum(c == bound for c in cost.values()), "feasible_cells": len(feasible),
        "shares": {k: mean(v) for k, v in shares.items()}, "top20": mean(top20), "top20_on": mean(top20_on),
        "reported_on": sum(reported_on), "valid": mean(valid), "table_valid": feasible[-1][0],
        "test": mean(test), "test_std": statistics.stdev(test) if len(test) > 1 else 0.0, "best_test": feasible[-1][1],
    }


def describe(directory, s):
    print(f"{directory}: {s['column']} <= {s['bound']} (step {s['step']:g}), {s['trials']} trials")
    print("  queries after the random ones: " + ", ".join(f"{k} {v:.0f} %" for k, v in s["shares"].items()))
    print(f"  top 20 queried per trial {s['top20']:.1f} (on the bound {s['top20_on']:.1f}); "
          f"reported cell on the bound in {s['reported_on']} of {s['trials']}")
    print(f"  best valid {s['valid']:.2f} (table {s['table_valid']:.2f}); test {s['test']:.2f} ± {s['test_std']:.2f}, "
          f"gap {s['test'] - s['best_test']:+.2f} (best feasible test {s['best_test']:.2f})")


def report(old_out, new_out):
    print("| row | bound (cells within, on it) | best feasible | old default | gap | new default | gap | "
          "queries on L / one step inside / further inside / over, old → new (%) | top 20 queried, old → new |")
    print("|---|---|---:|---:|---:|---:|---:|---|---|")
    order = lambda d: (d.split("-")[0], "ceil05" in d, int(d.rsplit("-", 1)[1]))
    rows = sorted({os.path.basename(d) for d in glob.glob(os.path.join(new_out, "*-*")) if os.path.isdir(d)
                   if "ceil" in d or "pixel3w" in d}, key=order)
    for row in rows:
        table = "pixel3_whole_ms" if row.startswith("pixel3w") else row.rsplit("-", 1)[0].replace("-", "_") + "_ms"
        path = os.path.join(new_out, "tables", table + ".csv")
        runs = [os.path.join(out, row, "agnet-hw") for out in (old_out, new_out)]
        if not all(os.path.exists(os.path.join(r, "config.json")) for r in runs):
            continue
        old, new = (summary(path, r) for r in runs)
        if old is None or new is None or old["trials"] != 10 or new["trials"] != 10:
            continue
        band = lambda s: f"{s['shares']['on']:.0f} / {s['shares']['inside1']:.0f} / {s['shares']['inside']:.0f} / " \
                         f"{s['shares']['over1'] + s['shares']['over']:.0f}"
        print(f"| {row} | {new['bound']:g} ms ({new['feasible_cells']:,}, {new['on_bound_cells']:,}) | {new['best_test']:.2f} | "
              f"{old['test']:.2f} ± {old['test_std']:.2f} | {old['test'] - old['best_test']:+.2f} | "
              f"{new['test']:.2f} ± {new['test_std']:.2f} | {new['test'] - new['best_test']:+.2f} | "
              f"{band(old)} → {band(new)} | {old['top20']:.1f} → {new['top20']:.1f} |")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--report":
        report(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and not sys.argv[1].startswith("--"):
        for directory in sys.argv[2:]:
            s = summary(sys.argv[1], directory)
            if s:
                describe(directory, s)
    else:
        sys.exit("usage: hw-on-bound.py TABLE.csv METHOD_DIR [METHOD_DIR...] | --report OLD_OUT NEW_OUT")
