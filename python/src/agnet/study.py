"""Ask/tell studies: an ``agnet init`` run directory driven from Python.

The run directory is the whole state and the ``agnet`` binary its only writer: a :class:`Study`
runs ``agnet ask --claim`` and ``agnet tell`` and reads the files the run holds (``config.json``,
``trial-<t>.json``, ``trial-<t>.asktell``'s header), never writing any of them. So a study may be
worked on by any number of processes and machines at once, and a process killed at any moment
loses no told result.
"""
from __future__ import annotations

import json
import math
import os
import socket
import threading
import time
import uuid
import weakref
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple, Union, cast

from . import _process
from .errors import AgnetError, InputError, StudyFinished
from .genotype import Genotype, parse_genotype

#: What an objective may return: the value, ``(value, costs)``, or a mapping with ``value`` and
#: optionally ``report`` and ``costs``.
ObjectiveResult = Union[float, Tuple[float, Mapping[str, float]], Mapping[str, Any]]

#: The longest failure reason ``agnet tell`` keeps; longer reasons are cut to their last part.
REASON_LIMIT = 2000


@dataclass(frozen=True)
class Trial:
    """A cell to evaluate, as ``agnet ask`` handed it out (picklable, for any executor).

    ``id`` is what :meth:`Study.tell` takes back, ``cell`` the architecture in its space's form
    (NAS-Bench-201's arch string, DARTS genotype text, NAS-Bench-101's dict), ``number`` its query
    index within its seeded trial ``trial`` (the study's trial ``t`` uses seed ``seed + t``).
    """

    id: str
    cell: Any
    number: int
    trial: int
    space: str

    @property
    def genotype(self) -> Genotype:
        """The DARTS :data:`~agnet.genotype.Genotype` of a ``darts`` cell."""
        if self.space != "darts" or not isinstance(self.cell, str):
            raise AttributeError(f"a {self.space} cell has no DARTS genotype")
        return parse_genotype(self.cell)


@dataclass(frozen=True)
class TrialRecord:
    """One query of the study as its files hold it.

    ``state`` is ``"complete"``, ``"failed"`` (``value`` is then the failure value the method was
    told, once its batch is complete, else ``None``), ``"running"`` (handed out, not told) or
    ``"waiting"`` (proposed, not yet handed out). ``report`` is known for told queries of
    unfinished trials and for the reported cell of a finished one.
    """

    id: str
    trial: int
    number: int
    cell: Any
    state: str
    value: Optional[float] = None
    report: Optional[float] = None
    costs: Optional[Dict[str, float]] = None
    reason: Optional[str] = None


@dataclass(frozen=True)
class Best:
    """The best cell of a study: of a finished trial, the cell its trial file reports (the
    method's rule, as ``agnet search``); of an unfinished one, the highest value told so far."""

    cell: Any
    value: float
    report: Optional[float]
    trial: int
    number: int

    @property
    def id(self) -> str:
        """The query's id, ``t<trial>-q<number>``."""
        return f"t{self.trial}-q{self.number}"


@dataclass
class _Claim:
    worker: str
    time: float


class Study:
    """An ask/tell search in a run directory (made by :func:`create_study`, or opened by
    :func:`load_study`).

    ``claim_timeout``: a cell handed out more than this many seconds ago and still untold is
    handed out again (its worker is presumed dead, e.g. on another machine). Cells held by a dead
    process of this machine are handed out again without waiting.
    """

    def __init__(self, path: Union[str, os.PathLike[str]], claim_timeout: Optional[float] = None) -> None:
        self.path = Path(path)
        self.claim_timeout = claim_timeout
        self._named: Tuple[int, str] = (os.getpid(), _this_worker(self))
        self._config: Optional[Dict[str, Any]] = None

    @property
    def _worker(self) -> str:
        """This study object's name in its claims; a forked child names itself anew, so that its
        claims are not taken for its parent's."""
        if self._named[0] != os.getpid():
            self._named = (os.getpid(), _this_worker(self))
        return self._named[1]

    def __repr__(self) -> str:
        return f"Study({str(self.path)!r})"

    def __getstate__(self) -> Dict[str, Any]:
        return {"path": self.path, "claim_timeout": self.claim_timeout}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__init__(state["path"], state["claim_timeout"])  # type: ignore[misc]

    # ---- configuration -------------------------------------------------------------------

    @property
    def config(self) -> Dict[str, Any]:
        """The run's ``config.json`` (method, settings, seed, trials, …)."""
        if self._config is None:
            self._config = _read_json(self.path / "config.json")
        return self._config

    @property
    def n_trials(self) -> int:
        """Seeded trials in the study (``agnet init --trials``)."""
        return int(self.config["trials"])

    @property
    def budget(self) -> int:
        """Evaluations per trial."""
        return int(self.config["settings"]["budget"])

    # ---- ask / tell ----------------------------------------------------------------------

    def ask(self, n: Optional[int] = None, *, timeout: Optional[float] = None) -> Any:
        """The next cell to evaluate (``ask()``) or up to ``n`` of them (``ask(n)``, a list).

        Every cell is handed out to one worker only. When every cell of the method's pending
        batches is held by another worker, waits until one is free (told cells let the method
        propose the next batch) or ``timeout`` seconds have passed (``TimeoutError``). When the
        study is finished, ``ask()`` raises :class:`StudyFinished` and ``ask(n)`` returns ``[]``.
        """
        count = 1 if n is None else int(n)
        if count < 1:
            raise ValueError(f"ask(n) needs n >= 1, not {n}")
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = 0.01
        while True:
            trials = self._claim(count)
            if trials:
                return trials[0] if n is None else trials
            if self.is_finished:
                if n is None:
                    raise StudyFinished(f"the study is finished ({self.path / 'summary.md'})")
                return []
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError(f"every pending cell of {self.path} is held by another worker "
                                   f"(waited {timeout} s)")
            pause = delay if deadline is None else max(0.0, min(delay, deadline - time.monotonic()))
            time.sleep(pause)
            delay = min(delay * 2, 1.0)

    def _claim(self, count: int) -> List[Trial]:
        """Claims up to ``count`` cells; those of dead holders only when no other cell is free
        (finding them reads every pending trial's state, which the common case need not)."""
        arguments = ["ask", "--run", str(self.path), "--count", str(count), "--claim", "--worker", self._worker]
        if self.claim_timeout is not None:
            arguments += ["--reclaim-after", repr(float(self.claim_timeout))]
        trials = self._cells(_process.run(arguments))
        if not trials:
            dead = sorted(self._dead_holders())
            if dead:
                trials = self._cells(_process.run(arguments + [f"--reclaim-worker={worker}" for worker in dead]))
        return trials

    @staticmethod
    def _cells(output: str) -> List[Trial]:
        return [Trial(id=event["id"], cell=event["cell"], number=int(event["query"]), trial=int(event["trial"]),
                      space=str(event["space"]))
                for event in _process.events(output) if event["event"] == "cell"]

    def tell(self, trial: Union[Trial, str], value: float, costs: Optional[Mapping[str, float]] = None,
             report: Optional[float] = None) -> None:
        """Tell the result of an evaluated cell: ``value`` (higher is better), optionally
        ``report`` (the metric summaries report, e.g. test accuracy) and ``costs`` (names given
        to :func:`create_study`). Raises :class:`~agnet.InputError` when ``agnet tell`` refuses it
        (an id told before, an unknown cost, a value out of range); the run is then unchanged."""
        self._tell([_result_line(_trial_id(trial), value, report, costs)])

    def fail(self, trial: Union[Trial, str], reason: Optional[str] = None) -> None:
        """Tell that evaluating a cell failed; ``reason`` is kept in the run (the query's
        ``failure`` in the trial file). The method is told the run's failure value."""
        self._tell([_failure_line(_trial_id(trial), reason)])

    def _tell(self, lines: Sequence[Dict[str, Any]]) -> None:
        if lines:
            _process.run(["tell", "--run", str(self.path)],
                         input="".join(json.dumps(line, allow_nan=False) + "\n" for line in lines))

    # ---- optimize ------------------------------------------------------------------------

    def optimize(self, objective: Callable[[Trial], ObjectiveResult], n_trials: Optional[int] = None,
                 n_workers: int = 1, executor: Optional[Executor] = None, timeout: Optional[float] = None,
                 catch: Union[type, Tuple[type, ...]] = ()) -> None:
        """Evaluate ``objective(trial)`` on asked cells until the study is finished.

        ``objective`` returns the value, ``(value, costs)`` or ``{"value": …, "report": …,
        "costs": …}``. Up to ``n_workers`` evaluations run at once, on ``executor`` (any
        ``concurrent.futures.Executor``: a process pool, ``distributed.Client(...).get_executor()``,
        ``submitit``'s executor) or, without one, in this process (threads when ``n_workers > 1``).
        Asking and telling happen here, each result told as soon as it arrives. Stops early after
        ``n_trials`` evaluations or ``timeout`` seconds (no new cell is started after it).

        An exception in the objective is told as a failure with its message as the reason; an
        instance of ``catch`` lets the search go on, any other is raised once the evaluations in
        flight are told. A result of NaN or infinity is told as a failure.
        """
        if n_workers < 1:
            raise ValueError(f"n_workers must be at least 1, not {n_workers}")
        stop = None if timeout is None else time.monotonic() + timeout
        launched = 0

        def quota(free: int) -> int:
            if stop is not None and time.monotonic() >= stop:
                return 0
            return free if n_trials is None else min(free, n_trials - launched)

        if executor is None and n_workers == 1:
            while quota(1) > 0:
                try:
                    trial = self.ask(timeout=None if stop is None else max(0.0, stop - time.monotonic()))
                except (StudyFinished, TimeoutError):
                    return
                launched += 1
                self._evaluate_inline(objective, trial, catch)
            return
        own = executor is None
        pool = ThreadPoolExecutor(max_workers=n_workers) if executor is None else executor
        in_flight: Dict[Any, Trial] = {}
        error: Optional[BaseException] = None
        try:
            while True:
                wanted = quota(n_workers - len(in_flight)) if error is None else 0
                if wanted > 0:
                    # Wait for a free cell only when no evaluation is in flight to wait for instead.
                    patience: Optional[float] = 0.0 if in_flight else None
                    if patience is None and stop is not None:
                        patience = max(0.0, stop - time.monotonic())
                    try:
                        trials = self.ask(wanted, timeout=patience)
                    except TimeoutError:
                        trials = []
                    launched += len(trials)
                    for trial in trials:
                        in_flight[pool.submit(objective, trial)] = trial
                if not in_flight:
                    return
                done = _first_completed(list(in_flight))
                lines = []
                for future in done:
                    trial = in_flight.pop(future)
                    line, raised = _outcome(trial, future)
                    lines.append(line)
                    if raised is not None and not isinstance(raised, catch) and error is None:
                        error = raised
                self._tell(lines)
                if error is not None and not in_flight:
                    raise error
        finally:
            if own:
                pool.shutdown(wait=True)

    def _evaluate_inline(self, objective: Callable[[Trial], ObjectiveResult], trial: Trial,
                         catch: Union[type, Tuple[type, ...]]) -> None:
        try:
            result = objective(trial)
        except Exception as raised:  # told as a failure; re-raised unless caught
            self._tell([_failure_line(trial.id, _describe(raised))])
            if isinstance(raised, catch):
                return
            raise
        self._tell([_line_of(trial, result)])

    # ---- state ---------------------------------------------------------------------------

    @property
    def is_finished(self) -> bool:
        """Whether every trial of the study has its result (``trial-<t>.json``)."""
        return all((self.path / f"trial-{t}.json").exists() for t in range(self.n_trials))

    @property
    def trials(self) -> List[TrialRecord]:
        """Every query proposed so far, trial by trial in query order (see :class:`TrialRecord`)."""
        records: List[TrialRecord] = []
        for t in range(self.n_trials):
            records.extend(self._records(t))
        return records

    @property
    def best(self) -> Optional[Best]:
        """The best cell over the study's trials (``None`` before any result): for a finished
        trial the cell its trial file reports, as ``agnet search`` would; else the highest value
        told so far."""
        candidates = [best for best in (self.best_of_trial(t) for t in range(self.n_trials)) if best]
        return max(candidates, key=lambda best: best.value, default=None)

    def best_of_trial(self, t: int) -> Optional[Best]:
        """The best cell of trial ``t`` (see :attr:`best`)."""
        result = self._trial_file(t)
        if result is not None:
            best = result.get("best")
            if best is None:
                return None
            return Best(cell=best["cell"], value=float(best["valid"]), report=best.get("test"), trial=t,
                        number=int(best["query"]) - 1)
        told = [record for record in self._records(t) if record.state == "complete"]
        if not told:
            return None
        record = max(told, key=lambda record: record.value)  # type: ignore[arg-type, return-value]
        return Best(cell=record.cell, value=float(record.value), report=record.report,  # type: ignore[arg-type]
                    trial=t, number=record.number)

    def trials_dataframe(self) -> Any:
        """:attr:`trials` as a pandas DataFrame (one row per query; needs pandas)."""
        try:
            import pandas
        except ImportError as error:
            raise ImportError("trials_dataframe() needs pandas: pip install pandas") from error
        return pandas.DataFrame([record.__dict__ for record in self.trials])

    def _trial_file(self, t: int) -> Optional[Dict[str, Any]]:
        try:
            return _read_json(self.path / f"trial-{t}.json")
        except FileNotFoundError:
            return None

    def _state_header(self, t: int) -> Optional[Dict[str, Any]]:
        """The JSON header of ``trial-<t>.asktell`` (its second line), or None without one."""
        try:
            with open(self.path / f"trial-{t}.asktell", "rb") as handle:
                magic = handle.readline()
                header = handle.readline()
        except FileNotFoundError:
            return None
        if not magic.startswith(b"agnet-ask-tell-state"):
            raise AgnetError(f"{self.path}/trial-{t}.asktell: not an ask/tell state file")
        return cast(Dict[str, Any], json.loads(header))

    def _records(self, t: int) -> List[TrialRecord]:
        result = self._trial_file(t)
        if result is not None:
            best = result.get("best") or {}
            reported = int(best["query"]) - 1 if best else -1
            return [_record(t, q, query, "failed" if "failure" in query else "complete",
                            report=best.get("test") if q == reported else None)
                    for q, query in enumerate(result["queries"])]
        header = self._state_header(t)
        if header is None:
            return []
        queries = header["progress"]["queries"]
        reports = header.get("reports", [])
        records = [_record(t, q, query, "failed" if ("failure" in query or q in header.get("failed", []))
                           else "complete", report=reports[q] if q < len(reports) else None)
                   for q, query in enumerate(queries)]
        pending = header.get("pending")
        if pending:
            for index, cell in enumerate(pending["cells"]):
                told = pending["told"][index]
                number = len(queries) + index
                if told is None:
                    state = "running" if pending["claimed"][index] else "waiting"
                    records.append(TrialRecord(id=f"t{t}-q{number}", trial=t, number=number, cell=cell, state=state))
                else:
                    failed = told.get("value") is None
                    records.append(TrialRecord(id=f"t{t}-q{number}", trial=t, number=number, cell=cell,
                                               state="failed" if failed else "complete", value=told.get("value"),
                                               report=told.get("report"), costs=told.get("costs"),
                                               reason=told.get("reason", "") if failed else None))
        return records

    def _dead_holders(self) -> Set[str]:
        """Workers holding claims of pending cells that are known to be dead: a process of this
        machine that no longer runs, or an earlier study object of this process that is gone."""
        dead: Set[str] = set()
        for t in range(self.n_trials):
            if (self.path / f"trial-{t}.json").exists():
                continue
            header = self._state_header(t)
            pending = (header or {}).get("pending") or {}
            for index, holder in enumerate(pending.get("holders") or []):
                if holder and pending["told"][index] is None and _is_dead(holder["worker"]):
                    dead.add(holder["worker"])
        return dead


# ---- creating and opening --------------------------------------------------------------------

def create_study(path: Union[str, os.PathLike[str]], space: str = "nasbench201", method: str = "agnet",
                 budget: Optional[int] = None, seed: int = 0, trials: int = 1, batch_size: Optional[int] = None,
                 params: Optional[Mapping[str, Any]] = None, costs: Optional[Iterable[str]] = None,
                 max_cost: Optional[float] = None, mode: Optional[str] = None,
                 failure_value: Optional[float] = None, benchmark: Optional[str] = None,
                 dataset: Optional[str] = None, claim_timeout: Optional[float] = None) -> Study:
    """Create an ask/tell study in the run directory ``path`` (``agnet init``), or open the one
    there when it was created with the same options (different options raise
    :class:`~agnet.InputError`).

    ``space`` is a built-in space's name or a space file (passed to ``--space``); ``params`` the
    method's hyperparameters (``--param name=value``); ``costs`` the cost names every result tells
    (``--cost``), with ``max_cost``/``mode`` for a hardware-aware search; ``benchmark``/``dataset``
    a reference table whose cells are the domain (for checking a method against ``agnet search``).
    """
    arguments = ["init", "--run", str(path), "--space", str(space), "--method", method, "--seed", str(seed),
                 "--trials", str(trials)]
    if budget is not None:
        arguments += ["--budget", str(budget)]
    if batch_size is not None:
        arguments += ["--batch-size", str(batch_size)]
    for name, value in (params or {}).items():
        arguments += ["--param", f"{name}={_param_text(value)}"]
    for name in costs or ():
        arguments += ["--cost", name]
    if max_cost is not None:
        arguments += ["--max-cost", repr(float(max_cost))]
    if mode is not None:
        arguments += ["--mode", mode]
    if failure_value is not None:
        arguments += ["--failure-value", repr(float(failure_value))]
    if benchmark is not None:
        arguments += ["--benchmark", benchmark]
    if dataset is not None:
        arguments += ["--dataset", dataset]
    _process.run(arguments)
    return Study(path, claim_timeout=claim_timeout)


def load_study(path: Union[str, os.PathLike[str]], claim_timeout: Optional[float] = None) -> Study:
    """Open the ask/tell study in ``path``, to continue it where it stopped. Raises
    :class:`~agnet.InputError` when ``path`` holds no ask/tell run."""
    study = Study(path, claim_timeout=claim_timeout)
    if not (study.path / "asktell.json").exists() or not (study.path / "config.json").exists():
        raise InputError(f"{path}: not an ask/tell run directory (no config.json and asktell.json); "
                         "create it with agnet.create_study")
    study.config  # noqa: B018 (reads config.json: a damaged run fails here, not later)
    return study


# ---- helpers ---------------------------------------------------------------------------------

def _param_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _read_json(path: Path) -> Dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return cast(Dict[str, Any], json.load(handle))


def _trial_id(trial: Union[Trial, str]) -> str:
    return trial.id if isinstance(trial, Trial) else str(trial)


def _finite(name: str, number: Any) -> float:
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {number!r}")
    return value


def _result_line(trial_id: str, value: Any, report: Any = None, costs: Optional[Mapping[str, Any]] = None
                 ) -> Dict[str, Any]:
    line: Dict[str, Any] = {"id": trial_id, "value": _finite("value", value)}
    if report is not None:
        line["report"] = _finite("report", report)
    if costs:
        line["costs"] = {str(name): _finite(f"cost {name}", cost) for name, cost in costs.items()}
    return line


def _failure_line(trial_id: str, reason: Optional[str]) -> Dict[str, Any]:
    line: Dict[str, Any] = {"id": trial_id, "failed": True}
    if reason is not None:
        text = str(reason)
        line["reason"] = text if len(text) <= REASON_LIMIT else "…" + text[-(REASON_LIMIT - 1):]
    return line


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _line_of(trial: Trial, result: ObjectiveResult) -> Dict[str, Any]:
    """The tell line of an objective's result; a result that is no finite number is a failure."""
    try:
        if isinstance(result, Mapping):
            return _result_line(trial.id, result["value"], result.get("report"), result.get("costs"))
        if isinstance(result, tuple):
            value, costs = result
            return _result_line(trial.id, value, None, costs)
        return _result_line(trial.id, result)
    except (ValueError, TypeError, KeyError) as error:
        return _failure_line(trial.id, f"the objective returned {result!r}: {error}")


def _outcome(trial: Trial, future: Any) -> Tuple[Dict[str, Any], Optional[BaseException]]:
    try:
        return _line_of(trial, future.result()), None
    except Exception as raised:  # told as a failure; the caller decides whether to re-raise
        return _failure_line(trial.id, _describe(raised)), raised


def _first_completed(futures: List[Any]) -> List[Any]:
    """The futures that are done, waiting for at least one. ``concurrent.futures`` futures are
    waited on; other executors' jobs (submitit's ``Job``) are polled through ``done()``."""
    if all(isinstance(future, Future) for future in futures):
        return list(wait(futures, return_when=FIRST_COMPLETED).done)
    delay = 0.05
    while True:
        done = [future for future in futures if future.done()]
        if done:
            return done
        time.sleep(delay)
        delay = min(delay * 2, 5.0)


def _record(t: int, q: int, query: Dict[str, Any], state: str, report: Optional[float]) -> TrialRecord:
    return TrialRecord(id=f"t{t}-q{q}", trial=t, number=q, cell=query["cell"], state=state,
                       value=query.get("value"), report=report, costs=query.get("costs"),
                       reason=query.get("failure") if state == "failed" else None)


# ---- workers -----------------------------------------------------------------------------------

_HOST = socket.gethostname()
_LIVE: "weakref.WeakValueDictionary[str, Study]" = weakref.WeakValueDictionary()
_LIVE_LOCK = threading.Lock()


def _process_start(pid: int) -> str:
    """The start time of process ``pid`` in clock ticks since boot (Linux), so that a reused pid
    is not taken for the worker that died; "0" where /proc has no such file."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return "0"


def _this_worker(study: Study) -> str:
    token = uuid.uuid4().hex[:12]
    with _LIVE_LOCK:
        _LIVE[token] = study
    return f"{_HOST}:{os.getpid()}:{_process_start(os.getpid())}:{token}"


def _is_dead(worker: str) -> bool:
    """Whether the claim holder ``worker`` (a name :func:`_this_worker` made) is known dead."""
    parts = worker.rsplit(":", 3)
    if len(parts) != 4 or parts[0] != _HOST or not parts[1].isdigit():
        return False  # another machine's, or a name a user gave: only the claim timeout frees it
    pid = int(parts[1])
    if pid == os.getpid():
        with _LIVE_LOCK:
            return parts[3] not in _LIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return _process_start(pid) != parts[2]
