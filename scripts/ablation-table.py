#!/usr/bin/env python3
"""Prints one Markdown table from `agnet compare` directories: per benchmark and method, at the
given query counts, the mean over trials ± its standard error (sample std / sqrt(trials)) and how
many trials held the table's best-validation cell by then.

Each argument is a comparison directory, optionally with `:method,method` to keep only those
methods. A method's row comes from its trial files (`DIR/<method>/trial-*.json`, so an unfinished
row shows the trials it has) or, without them, from `DIR/results.json`. Rows are grouped by
benchmark and dataset in the order given.

The value is the best search metric found (validation accuracy: what the searches optimise, and
what "found" refers to), or with --metric report the report metric (test accuracy) of that cell.

    scripts/ablation-table.py docs/results/nb201-cifar10:agnet runs/abl-c10 > table.md
"""
import argparse
import glob
import json
import math
import os
import statistics
import sys


def fail(message):
    sys.exit(f"ablation-table: {message}")


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as error:
        fail(f"{path}: {error}")


def rows_from_trials(directory, key, queries):
    """(trials, {q: (mean, std, found)}) from a run directory's trial files, or None."""
    files = sorted(glob.glob(os.path.join(directory, "trial-*.json")))
    if not files:
        return None
    trials = [load(f) for f in files]
    cells = {}
    for q in queries:
        values = []
        for trial, path in zip(trials, files):
            point = next((p for p in trial["trajectory"] if p["queries"] == q), None)
            if point is None or point.get(key) is None:
                fail(f"{path}: no {key} at {q} queries")
            values.append(point[key])
        found = sum(1 for t in trials if t["queries_to_best_valid"] is not None and t["queries_to_best_valid"] <= q)
        cells[q] = (statistics.mean(values), statistics.stdev(values) if len(values) > 1 else 0.0, found)
    return len(trials), cells


def rows_from_summary(summary, key, queries, path):
    points = {p["queries"]: p for p in summary["trajectory"]}
    cells = {}
    for q in queries:
        if q not in points:
            fail(f"{path}: {summary['method']} has no point at {q} queries")
        p = points[q]
        cells[q] = (p[f"{key}_mean"], p[f"{key}_std"], p["found_best_valid"])
    return summary["trials"], cells


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", default="64,96,192,304", help="comma-separated query counts")
    parser.add_argument("--metric", choices=["valid", "report"], default="valid",
                        help="best validation (default) or the report metric of the best-validation cell")
    parser.add_argument("directories", nargs="+", help="comparison directories, each optionally DIR:method,method")
    args = parser.parse_args()
    queries = [int(q) for q in args.queries.split(",")]
    key = "test_of_best_valid" if args.metric == "report" else "best_valid"
    groups = {}  # (benchmark, dataset) -> (value label, [(method, trials, cells)]), in insertion order
    for argument in args.directories:
        directory, _, wanted = argument.partition(":")
        results_path = os.path.join(directory, "results.json")
        results = load(results_path) if os.path.exists(results_path) else None
        if wanted:
            names = wanted.split(",")
        else:  # the results' methods, then run directories with trials of their own
            names = results["method_order"] if results else []
            names += sorted({os.path.basename(os.path.dirname(p)) for p in glob.glob(os.path.join(directory, "*", "trial-*.json"))}
                            - set(names))
        for name in names:
            config_path = os.path.join(directory, name, "config.json")
            config = load(config_path) if os.path.exists(config_path) else None
            row = rows_from_trials(os.path.join(directory, name), key, queries)
            if row is None:
                if results is None or name not in results["methods"]:
                    fail(f"{directory}: no trials or results for {name}")
                row = rows_from_summary(results["methods"][name], key, queries, results_path)
            source = config or results
            metric = source["table"]["search_metric"] if config else source["search_metric"]
            report = source["table"].get("report_metric") if config else source.get("report_metric")
            if args.metric == "report" and report is None:
                fail(f"{directory}: the table has no report metric")
            label = f"{report} of best valid" if args.metric == "report" else metric
            group = groups.setdefault((source["benchmark"], source["dataset"]), (label, []))
            group[1].append((name, *row))
    print("| benchmark | value | method | trials | " + " | ".join(f"q = {q}" for q in queries) + " |")
    print("|---|---|---|---:|" + "---:|" * len(queries))
    for (benchmark, dataset), (label, rows) in groups.items():
        first = f"{benchmark} {dataset}"
        for name, trials, cells in rows:
            text = [f"{m:.3f} ± {s / math.sqrt(trials):.3f} ({found})" for m, s, found in (cells[q] for q in queries)]
            print(f"| {first} | {label} | {name} | {trials} | " + " | ".join(text) + " |")
            first = label = ""


if __name__ == "__main__":
    main()
