#!/usr/bin/env python3
"""AG-Net, BANANAS and regularized evolution (through the agnet package) side by side with
Optuna's TPE sampler on the same NAS-Bench-201 objective.

The objective is the shipped NAS-Bench-201 table: a cell's CIFAR-10 validation accuracy is the
value searched, its test accuracy what is reported for the best-validation cell. For each method
and seed (trial t of a study uses seed SEED + t), the script records after 64, 96 and 192
queries the test accuracy of the best-validation cell found and whether that cell has the
table's best validation accuracy ("found best").

agnet methods run as one study each through `agnet.create_study(...).optimize(...)` with the
table as the objective (--queries is the study's budget; the smaller query counts are read from
the same trials' trajectories). Optuna's TPE suggests the six edges as categorical parameters;
it may suggest a cell again, so it is counted two ways: every suggestion is a query ("tpe"), or
only distinct cells are ("tpe-distinct": a repeated cell is answered from a cache and the study
runs until that many distinct cells were seen).

    python3 examples/optuna_side_by_side.py --methods agnet,bananas,re,tpe --seeds 10 \\
        --output runs/optuna-side-by-side.json

Needs: pip install ./python optuna (and the agnet binary: AGNET_BIN, or agnet on PATH).
"""
from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import agnet

OPERATIONS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
EDGES = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]  # (to, from), in arch-string order
CHECKPOINTS = (64, 96, 192)


def default_table() -> Path:
    here = Path(__file__).resolve().parent
    return here.parent / "Sources" / "Benchmarks" / "Data" / "nasbench201" / "nasbench201.csv"


def load_table(path: Path, dataset: str) -> dict:
    with open(path, newline="") as handle:
        return {row["arch"]: (float(row[f"{dataset}_valid_acc"]), float(row[f"{dataset}_test_acc"]))
                for row in csv.DictReader(handle)}


def arch_string(operations: list) -> str:
    ops = iter(operations)
    nodes = []
    for to in (1, 2, 3):
        nodes.append("|" + "|".join(f"{next(ops)}~{source}" for source in range(to)) + "|")
    return "+".join(nodes)


def curve(values: list, table: dict, best_valid: float) -> dict:
    """Per checkpoint: the test accuracy of the best-validation cell among the first k values
    (first found among equals, as agnet reports) and whether it is the table's best."""
    points = {}
    for k in [k for k in CHECKPOINTS if k <= len(values)]:
        prefix = values[:k]
        best = max(range(len(prefix)), key=lambda i: (prefix[i][1], -i))
        cell, valid = prefix[best]
        points[k] = {"test": table[cell][1], "found": valid >= best_valid}
    return points


def run_agnet(method: str, seeds: int, queries: int, table: dict, workdir: Path) -> list:
    study = agnet.create_study(workdir / method, space="nasbench201", method=method, budget=queries, seed=0,
                               trials=seeds, benchmark="nasbench201", dataset="cifar10")

    def objective(trial):
        valid, test = table[trial.cell]
        return {"value": valid, "report": test}

    # One batch of every trial at once: fewer ask/tell calls, the same results (trials are independent).
    batch = int(study.config["settings"]["batch_size"])
    study.optimize(objective, n_workers=batch * seeds)
    runs = []
    for t in range(seeds):
        result = json.loads((study.path / f"trial-{t}.json").read_text())
        runs.append([(q["cell"], q["value"]) for q in result["queries"]])
    return runs


def run_tpe(seeds: int, queries: int, table: dict) -> tuple:
    """TPE runs until `queries` distinct cells were suggested; returns the runs counting every
    suggestion (the first `queries`) and counting distinct cells only."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    every, distinct = [], []
    for seed in range(seeds):
        seen: dict = {}
        order: list = []

        def objective(trial):
            cell = arch_string([trial.suggest_categorical(f"edge_{to}_{source}", OPERATIONS) for to, source in EDGES])
            seen.setdefault(cell, table[cell][0])
            order.append((cell, seen[cell]))
            return seen[cell]

        study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
        while len(seen) < queries:
            study.optimize(objective, n_trials=1)
        every.append(order[:queries])
        distinct.append(list(seen.items())[:queries])
    return every, distinct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--methods", default="agnet,bananas,re,tpe", help="agnet methods, and tpe (both counts)")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--queries", type=int, default=max(CHECKPOINTS))
    parser.add_argument("--table", type=Path, default=default_table())
    parser.add_argument("--output", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    table = load_table(args.table, "cifar10")
    best_valid = max(valid for valid, _ in table.values())
    results = {}
    with tempfile.TemporaryDirectory(prefix="agnet-optuna-") as scratch:
        for method in args.methods.split(","):
            started = time.perf_counter()
            if method == "tpe":
                every, distinct = run_tpe(args.seeds, args.queries, table)
                outcomes = {"tpe": every, "tpe-distinct": distinct}
            else:
                outcomes = {method: run_agnet(method, args.seeds, args.queries, table, Path(scratch))}
            seconds = round(time.perf_counter() - started, 1)
            for name, runs in outcomes.items():
                points = [curve(run, table, best_valid) for run in runs]
                results[name] = {
                    str(k): {"mean_test": statistics.mean(p[k]["test"] for p in points),
                             "found_best": sum(p[k]["found"] for p in points)}
                    for k in CHECKPOINTS if k <= args.queries}
                results[name]["seconds"] = seconds
                print(name, json.dumps(results[name]), file=sys.stderr, flush=True)
    print("| method | " + " | ".join(f"{k} queries: test / found" for k in CHECKPOINTS if k <= args.queries)
          + " | seconds |")
    print("|---|" + "---|" * (len([k for k in CHECKPOINTS if k <= args.queries]) + 1))
    for method, row in results.items():
        cells = [f"{row[str(k)]['mean_test']:.3f} / {row[str(k)]['found_best']}/{args.seeds}"
                 for k in CHECKPOINTS if k <= args.queries]
        print(f"| {method} | " + " | ".join(cells) + f" | {row['seconds']} |")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps({"seeds": args.seeds, "queries": args.queries, "results": results},
                                          indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
