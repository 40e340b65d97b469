#!/usr/bin/env python3
"""The Python package's overhead, measured side by side with the CLI it drives.

1. Per ask/tell round trip: the same NAS-Bench-201 ask/tell run (re, batch 1, table lookup as the
   evaluation) driven by raw `subprocess` calls of `agnet ask --count 1 --claim` / `agnet tell`
   (what a caller without the package writes) and by `study.ask()` / `study.tell()`; alternated
   --rounds times, the per-round-trip medians of each.
2. `study.optimize` against `agnet search` for the same trial (method, seed, budget), wall time.

    AGNET_BIN=.build/release/agnet python3 scripts/bench-python.py [--round-trips 60] [--rounds 3]
        [--method agnet] [--budget 320]

Needs the package (pip install ./python) and the shipped NAS-Bench-201 table of this checkout.
"""
from __future__ import annotations

import argparse
import csv
import json
import platform
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import agnet

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "Sources" / "Benchmarks" / "Data" / "nasbench201" / "nasbench201.csv"


def load_table() -> dict:
    with open(TABLE, newline="") as handle:
        return {row["arch"]: (float(row["cifar10_valid_acc"]), float(row["cifar10_test_acc"]))
                for row in csv.DictReader(handle)}


def raw_round_trips(binary: str, run: Path, count: int, table: dict) -> float:
    subprocess.run([binary, "init", "--run", str(run), "--space", "nasbench201", "--method", "re", "--budget",
                    str(count), "--benchmark", "nasbench201"], check=True, capture_output=True)
    start = time.perf_counter()
    for _ in range(count):
        line = subprocess.run([binary, "ask", "--run", str(run), "--count", "1", "--claim"], check=True,
                              capture_output=True, text=True).stdout
        event = json.loads(line)
        valid, test = table[event["cell"]]
        subprocess.run([binary, "tell", "--run", str(run)], input=json.dumps({"id": event["id"], "value": valid,
                       "report": test}) + "\n", check=True, capture_output=True, text=True)
    return (time.perf_counter() - start) / count


def package_round_trips(run: Path, count: int, table: dict) -> float:
    study = agnet.create_study(run, space="nasbench201", method="re", budget=count, benchmark="nasbench201")
    start = time.perf_counter()
    for _ in range(count):
        trial = study.ask()
        valid, test = table[trial.cell]
        study.tell(trial, valid, report=test)
    return (time.perf_counter() - start) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round-trips", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--method", default="agnet")
    parser.add_argument("--budget", type=int, default=320)
    parser.add_argument("--skip-optimize", action="store_true")
    args = parser.parse_args()
    binary = agnet.find_binary()
    table = load_table()
    raw, package = [], []
    with tempfile.TemporaryDirectory(prefix="agnet-bench-python-") as scratch:
        for round in range(args.rounds):
            raw.append(raw_round_trips(binary, Path(scratch) / f"raw-{round}", args.round_trips, table))
            package.append(package_round_trips(Path(scratch) / f"package-{round}", args.round_trips, table))
        print(f"machine: {platform.node()}, {platform.processor() or platform.machine()}, "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, binary {binary}")
        print(f"ask/tell round trip (re, NAS-Bench-201 table, {args.round_trips} per round, {args.rounds} rounds): "
              f"CLI by subprocess {statistics.median(raw) * 1000:.1f} ms, package {statistics.median(package) * 1000:.1f} ms, "
              f"overhead {(statistics.median(package) - statistics.median(raw)) * 1000:+.1f} ms "
              f"(rounds: CLI {', '.join(f'{x * 1000:.1f}' for x in raw)}; package {', '.join(f'{x * 1000:.1f}' for x in package)})")
        if args.skip_optimize:
            return
        start = time.perf_counter()
        agnet.search(method=args.method, trials=1, budget=args.budget, seed=0, output=Path(scratch) / "search")
        searched = time.perf_counter() - start
        study = agnet.create_study(Path(scratch) / "optimize", method=args.method, budget=args.budget, seed=0,
                                   benchmark="nasbench201")
        batch = int(study.config["settings"]["batch_size"])
        start = time.perf_counter()
        study.optimize(lambda trial: {"value": table[trial.cell][0], "report": table[trial.cell][1]}, n_workers=batch)
        optimized = time.perf_counter() - start
        same = (json.loads((Path(scratch) / "search" / "trial-0.json").read_text())["queries"]
                == json.loads((study.path / "trial-0.json").read_text())["queries"])
        print(f"{args.method}, {args.budget} queries, seed 0: agnet search {searched:.1f} s, study.optimize "
              f"(n_workers={batch}) {optimized:.1f} s, ratio {optimized / searched:.2f}; same queries: {same}")


if __name__ == "__main__":
    main()
