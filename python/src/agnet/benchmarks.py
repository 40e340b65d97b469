"""Searches and comparisons on tables from Python: ``agnet search`` and ``agnet compare``,
returning the parsed files they write (the same numbers as ``summary.json``/``results.json``)."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union, cast

from . import _process


@dataclass(frozen=True)
class SearchResult:
    """A finished ``agnet search`` run: ``summary`` is its ``summary.json``, ``trials`` its
    ``trial-<t>.json`` files in trial order, ``path`` the run directory."""

    path: Path
    summary: Dict[str, Any]
    trials: List[Dict[str, Any]]

    @property
    def best(self) -> List[Dict[str, Any]]:
        """Each trial's reported cell (``best`` of its trial file: cell, valid, test, query)."""
        return [trial["best"] for trial in self.trials]


@dataclass(frozen=True)
class CompareResult:
    """A finished ``agnet compare``: ``results`` is its ``results.json`` (per method the fields of
    a search's ``summary.json`` under ``methods``), ``path`` the folder of method runs."""

    path: Path
    results: Dict[str, Any]

    @property
    def methods(self) -> Dict[str, Dict[str, Any]]:
        """Method name → its summary, in the order the methods were given."""
        return {name: self.results["methods"][name] for name in self.results["method_order"]}


def search(benchmark: Optional[str] = "nasbench201", dataset: Optional[str] = None, method: str = "agnet",
           trials: int = 10, budget: Optional[int] = None, seed: int = 0, batch_size: Optional[int] = None,
           params: Optional[Mapping[str, Any]] = None, output: Union[str, os.PathLike[str], None] = None,
           jobs: int = 1, table: Optional[str] = None, space: Optional[str] = None,
           extra: Sequence[str] = ()) -> SearchResult:
    """Run ``agnet search`` (resuming ``output`` when it holds the same run) and return its files.

    ``table``/``space`` search your own CSV table instead of a named benchmark (``benchmark`` is
    then ignored); ``extra`` passes any other option (``["--cost", "fpga_latency_ms", …]``).
    Without ``output`` the run goes to a new temporary folder (``result.path``).
    """
    directory = Path(output) if output is not None else Path(tempfile.mkdtemp(prefix="agnet-search-"))
    arguments = ["search", *_table_arguments(benchmark, dataset, table, space), "--method", method,
                 *_trial_arguments(trials, budget, seed, batch_size, params, jobs), *extra, "--output", str(directory)]
    _process.run(arguments)
    summary = _read(directory / "summary.json")
    return SearchResult(path=directory, summary=summary,
                        trials=[_read(directory / f"trial-{t}.json") for t in _trial_indices(directory, summary)])


def compare(methods: Sequence[str], benchmark: Optional[str] = "nasbench201", dataset: Optional[str] = None,
            trials: int = 10, budget: Optional[int] = None, seed: int = 0, batch_size: Optional[int] = None,
            params: Optional[Mapping[str, Any]] = None, output: Union[str, os.PathLike[str], None] = None,
            jobs: int = 1, table: Optional[str] = None, space: Optional[str] = None,
            extra: Sequence[str] = ()) -> CompareResult:
    """Run ``agnet compare --methods …`` with the same seeds and budget and return ``results.json``.
    ``params`` may name a method's parameter as ``method.name``."""
    directory = Path(output) if output is not None else Path(tempfile.mkdtemp(prefix="agnet-compare-"))
    arguments = ["compare", *_table_arguments(benchmark, dataset, table, space), "--methods", ",".join(methods),
                 *_trial_arguments(trials, budget, seed, batch_size, params, jobs), *extra, "--output", str(directory)]
    _process.run(arguments)
    return CompareResult(path=directory, results=_read(directory / "results.json"))


def _table_arguments(benchmark: Optional[str], dataset: Optional[str], table: Optional[str],
                     space: Optional[str]) -> List[str]:
    arguments: List[str] = []
    if table is not None:
        arguments += ["--table", str(table)]
    elif benchmark is not None:
        arguments += ["--benchmark", benchmark]
    if space is not None:
        arguments += ["--space", str(space)]
    if dataset is not None:
        arguments += ["--dataset", dataset]
    return arguments


def _trial_arguments(trials: int, budget: Optional[int], seed: int, batch_size: Optional[int],
                     params: Optional[Mapping[str, Any]], jobs: int) -> List[str]:
    arguments = ["--trials", str(trials), "--seed", str(seed), "--jobs", str(jobs)]
    if budget is not None:
        arguments += ["--budget", str(budget)]
    if batch_size is not None:
        arguments += ["--batch-size", str(batch_size)]
    for name, value in (params or {}).items():
        arguments += ["--param", f"{name}={value}"]
    return arguments


def _trial_indices(directory: Path, summary: Mapping[str, Any]) -> List[int]:
    return [t for t in range(int(summary["trials"])) if (directory / f"trial-{t}.json").exists()]


def _read(path: Path) -> Dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return cast(Dict[str, Any], json.load(handle))
