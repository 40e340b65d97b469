#!/usr/bin/env python3
"""docs/hardware-aware.md's robustness table from the run directories of scripts/hw-robustness.sh.

    python3 scripts/hw-robustness-report.py NEW_OUT SECOND_OUT PUBLISHED_OUT BASELINES_OUT

NEW_OUT holds agnet-hw (default) runs, SECOND_OUT the runs with --param agnet-hw.penalty_exponent=0
(the second pass's default), PUBLISHED_OUT the runs with --param agnet-hw.cost_model=predictor
--param agnet-hw.penalty_exponent=0 (the published method), BASELINES_OUT the re and ls runs. For
each row and budget (96, 192 queries): the test accuracy of the best-validation cell within the
bound, then each method's test accuracy of the reported cell, mean ± sample std over the finished
trials (their count in brackets when fewer than 10), and the gap mean − best feasible for the three
agnet-hw columns.
"""
import glob
import json
import os
import statistics
import sys

ROWS = ["fpga-10", "fpga-20", "fpga-30", "pixel3-10", "pixel3-20", "pixel3-30", "raspi4-10", "raspi4-20",
        "raspi4-30", "eyeriss-10", "eyeriss-20", "eyeriss-30", "pixel3w-20"]


def trials(directory):
    out = []
    for path in glob.glob(os.path.join(directory, "trial-*.json")):
        with open(path) as f:
            d = json.load(f)
        out.append({p["queries"]: p["test_of_best_valid"] for p in d["trajectory"]})
    return out


def best_feasible(row_dirs):
    for d in row_dirs:
        for path in [os.path.join(d, "results.json")] + glob.glob(os.path.join(d, "*", "summary.json")):
            if os.path.exists(path):
                with open(path) as f:
                    s = json.load(f)
                opt = s.get("optimum") or next(iter(s.get("methods", {}).values()), {}).get("optimum")
                if opt:
                    return opt["test_of_best_valid"]
    return None


def cell(values, q):
    xs = [t[q] for t in values if q in t]
    if not xs:
        return None, "–"
    mean = statistics.mean(xs)
    std = statistics.stdev(xs) if len(xs) > 1 else 0.0
    note = "" if len(xs) == 10 else f" [{len(xs)}]"
    return mean, f"{mean:.2f} ± {std:.2f}{note}"


def main(new_out, second_out, published_out, baselines_out):
    print("| row | q | best feasible | agnet-hw | gap | second-pass default | gap | published | gap | re | ls |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in ROWS:
        dirs = [os.path.join(o, row) for o in (new_out, second_out, published_out, baselines_out)]
        best = best_feasible(dirs)
        runs = {
            "new": trials(os.path.join(new_out, row, "agnet-hw")),
            "second": trials(os.path.join(second_out, row, "agnet-hw")),
            "published": trials(os.path.join(published_out, row, "agnet-hw")),
            "re": trials(os.path.join(baselines_out, row, "re")),
            "ls": trials(os.path.join(baselines_out, row, "ls")),
        }
        if best is None or not any(runs.values()):
            continue
        for q in (96, 192):
            cells = {k: cell(v, q) for k, v in runs.items()}
            gap = lambda k: "–" if cells[k][0] is None else f"{cells[k][0] - best:+.2f}"
            print(f"| {row} | {q} | {best:.2f} | {cells['new'][1]} | {gap('new')} | {cells['second'][1]} | {gap('second')} | "
                  f"{cells['published'][1]} | {gap('published')} | {cells['re'][1]} | {cells['ls'][1]} |")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: hw-robustness-report.py NEW_OUT SECOND_OUT PUBLISHED_OUT BASELINES_OUT")
    main(*sys.argv[1:5])
