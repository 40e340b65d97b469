"""The NAS-Bench-201 table shipped with agnet as an objective (module level, so that process
pools and Dask workers can unpickle it)."""
from __future__ import annotations

import csv
import functools
import os
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
TABLE = REPOSITORY / "Sources" / "Benchmarks" / "Data" / "nasbench201" / "nasbench201.csv"


@functools.lru_cache(maxsize=None)
def table(dataset: str = "cifar10") -> dict:
    """arch string → (validation accuracy, test accuracy)."""
    with open(TABLE, newline="") as handle:
        return {row["arch"]: (float(row[f"{dataset}_valid_acc"]), float(row[f"{dataset}_test_acc"]))
                for row in csv.DictReader(handle)}


def objective(trial) -> dict:
    """The table's validation accuracy as the value, its test accuracy as the report."""
    valid, test = table()[trial.cell]
    return {"value": valid, "report": test}


def logged_objective(trial) -> dict:
    """`objective`, slowed down a little and logged (one line per evaluation) to
    $AGNET_TEST_LOG, so that a test sees which process evaluated which cell."""
    time.sleep(float(os.environ.get("AGNET_TEST_DELAY", "0.02")))
    with open(os.environ["AGNET_TEST_LOG"], "a") as handle:
        handle.write(f"{trial.id} {os.getpid()}\n")
    return objective(trial)
