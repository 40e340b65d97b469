#!/usr/bin/env python3
"""Prints one Markdown table from the results.json of several `agnet compare` runs: per benchmark
and method, at the given query counts, the mean over trials ± its standard error (sample std /
sqrt(trials)) and how many trials held the table's best-validation cell by then.

The value is the report metric of the best-validation cell when the table has one (NAS-Bench-201:
test accuracy), else the best validation accuracy (the NAS-Bench-101 sample).

    scripts/ablation-table.py --queries 64,96,192,304 runs/nb201-cifar10 runs/nb101 > table.md
"""
import argparse
import json
import math
import os
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", default="64,96,192,304", help="comma-separated query counts")
    parser.add_argument("directories", nargs="+", help="comparison directories (each holds results.json)")
    args = parser.parse_args()
    queries = [int(q) for q in args.queries.split(",")]
    print("| benchmark | value | method | " + " | ".join(f"q = {q}" for q in queries) + " |")
    print("|---|---|---|" + "---:|" * len(queries))
    for directory in args.directories:
        path = os.path.join(directory, "results.json")
        try:
            with open(path) as f:
                results = json.load(f)
        except (OSError, ValueError) as error:
            sys.exit(f"{path}: {error}")
        test = results.get("report_metric") is not None
        key = "test_of_best_valid" if test else "best_valid"
        benchmark = f"{results['benchmark']} {results['dataset']}"
        value = results["report_metric"] + " of best valid" if test else results["search_metric"]
        for name in results["method_order"]:
            summary = results["methods"][name]
            points = {p["queries"]: p for p in summary["trajectory"]}
            cells = []
            for q in queries:
                p = points.get(q)
                if p is None:
                    sys.exit(f"{path}: {name} has no trajectory point at {q} queries")
                error = p[f"{key}_std"] / math.sqrt(summary["trials"])
                cells.append(f"{p[f'{key}_mean']:.3f} ± {error:.3f} ({p['found_best_valid']}/{summary['trials']})")
            print(f"| {benchmark} | {value} | {name} | " + " | ".join(cells) + " |")
            benchmark = value = ""


if __name__ == "__main__":
    main()
