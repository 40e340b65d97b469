"""Several processes: kill -9 in the middle of optimize, two processes on one study, the console
script."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import agnet
from conftest import read_json, same_trial

HERE = Path(__file__).resolve().parent

WORKER = """
import sys
sys.path.insert(0, {here!r})
import agnet, nb201
agnet.load_study({run!r}).optimize(nb201.logged_objective, n_workers={workers})
"""


def start_worker(run: Path, log: Path, workers: int = 1, delay: float = 0.02) -> subprocess.Popen:
    env = dict(os.environ, AGNET_TEST_LOG=str(log), AGNET_TEST_DELAY=str(delay))
    code = WORKER.format(here=str(HERE), run=str(run), workers=workers)
    return subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, text=True)


def told(study: agnet.Study) -> int:
    return sum(record.state in ("complete", "failed") for record in study.trials)


def test_kill_9_and_resume(tmp_path):
    """SIGKILL in the middle of optimize loses no told result; load_study continues to the same
    files as an uninterrupted search."""
    run = tmp_path / "run"
    study = agnet.create_study(run, method="re", budget=30, seed=4, benchmark="nasbench201")
    log = tmp_path / "evaluated.log"
    for stop_at in (5, 14):
        worker = start_worker(run, log, delay=0.05)
        while told(study) < stop_at and worker.poll() is None:
            time.sleep(0.01)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        before = [(r.id, r.value) for r in study.trials if r.state == "complete"]
        assert len(before) >= stop_at
        resumed = agnet.load_study(run)
        assert [(r.id, r.value) for r in resumed.trials if r.state == "complete"][:len(before)] == before
    worker = start_worker(run, log)
    assert worker.wait(timeout=120) == 0, worker.stderr.read()
    assert study.is_finished
    searched = agnet.search(method="re", trials=1, budget=30, seed=4, output=tmp_path / "search")
    same_trial(read_json(run / "trial-0.json"), searched.trials[0])


def test_two_processes_never_evaluate_a_cell_twice(tmp_path):
    run = tmp_path / "run"
    agnet.create_study(run, method="rs", budget=32, batch_size=8, seed=6, trials=2, benchmark="nasbench201")
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    workers = [start_worker(run, log, workers=2) for log in logs]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, worker.stderr.read()
    evaluated = [line.split()[0] for log in logs for line in log.read_text().splitlines()]
    assert len(evaluated) == 64 and not [i for i, n in Counter(evaluated).items() if n > 1]
    assert all(log.read_text() for log in logs), "both processes evaluated cells"
    searched = agnet.search(method="rs", trials=2, budget=32, batch_size=8, seed=6, output=tmp_path / "search")
    for t in range(2):
        same_trial(read_json(run / f"trial-{t}.json"), searched.trials[t])


def test_console_script_runs_the_binary(tmp_path, cli):
    """`agnet` of the installed package execs the located binary: same output, same status."""
    script = shutil.which("agnet", path=str(Path(sys.executable).parent))
    assert script, "pip install ./python installs the agnet console script beside python"
    shown = subprocess.run([script, "space", "info", "nasbench201"], capture_output=True, text=True)
    assert shown.returncode == 0 and shown.stdout == cli("space", "info", "nasbench201")
    misuse = subprocess.run([script, "search", "--method", "nope", "--output", str(tmp_path / "x")],
                            capture_output=True, text=True)
    assert misuse.returncode == 64
    installed = Path(agnet.__file__).resolve()
    assert HERE.parent / "src" not in installed.parents, "the tests run against the installed package"
