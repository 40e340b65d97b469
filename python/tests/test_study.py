"""The ask/tell API end to end on the shipped NAS-Bench-201 table as the objective."""
from __future__ import annotations

import gc
from pathlib import Path
from concurrent.futures import ProcessPoolExecutor

import pytest

import agnet
import nb201
from conftest import read_json, same_trial


def test_ask_tell_equals_search(tmp_path):
    """Optimizing through the package finds what `agnet search` finds, query for query."""
    for method, budget in [("re", 30), ("agnet", 40)]:
        study = agnet.create_study(tmp_path / method, space="nasbench201", method=method, budget=budget, seed=3,
                                   benchmark="nasbench201", dataset="cifar10")
        assert not study.is_finished and study.best is None
        study.optimize(nb201.objective)
        assert study.is_finished
        searched = agnet.search(benchmark="nasbench201", dataset="cifar10", method=method, trials=1, budget=budget,
                                seed=3, output=tmp_path / f"search-{method}")
        same_trial(read_json(study.path / "trial-0.json"), searched.trials[0])
        best = study.best
        assert (best.cell, best.value, best.report) == (searched.best[0]["cell"], searched.best[0]["valid"],
                                                        searched.best[0]["test"])
        assert best.report == nb201.table()[best.cell][1]
        assert [record.state for record in study.trials] == ["complete"] * budget
        assert study.trials[best.number].cell == best.cell


def test_ask_and_tell_by_hand(tmp_path):
    study = agnet.create_study(tmp_path / "run", method="rs", budget=6, batch_size=3, seed=1,
                               benchmark="nasbench201")
    first = study.ask(2)
    assert [t.id for t in first] == ["t0-q0", "t0-q1"] and first[0].number == 0 and first[0].trial == 0
    assert first[0].cell in nb201.table()
    third = study.ask()
    assert third.id == "t0-q2"
    with pytest.raises(TimeoutError):
        study.ask(timeout=0.1)  # the batch is handed out: the next one comes once it is told
    assert [r.state for r in study.trials] == ["running"] * 3
    study.tell(first[0], 70.0, report=69.0)
    study.fail(first[1], reason="CUDA out of memory")
    study.tell(third.id, 71.5)
    records = study.trials
    assert [r.state for r in records[:3]] == ["complete", "failed", "complete"]
    assert records[1].reason == "CUDA out of memory" and records[1].value == 70.0  # the failure value: the lowest
    study.optimize(nb201.objective)
    trial_file = read_json(study.path / "trial-0.json")
    assert trial_file["queries"][1]["failure"] == "CUDA out of memory"
    assert "failure" not in trial_file["queries"][0]
    assert trial_file["rounds"][0]["statistics"]["failed_evaluations"] == 1
    assert study.trials[1].reason == "CUDA out of memory"
    with pytest.raises(agnet.StudyFinished):
        study.ask()
    assert study.ask(3) == []
    loaded = agnet.load_study(study.path)
    assert loaded.is_finished and loaded.best == study.best


def test_optimize_on_a_process_pool(tmp_path):
    """Four evaluations at once on a process pool: the files equal a search's (results are told
    in the order they arrive; a batch is applied whole)."""
    study = agnet.create_study(tmp_path / "run", method="rs", budget=24, batch_size=8, seed=5, benchmark="nasbench201")
    with ProcessPoolExecutor(max_workers=2) as pool:
        study.optimize(nb201.objective, n_workers=4, executor=pool)
    searched = agnet.search(method="rs", trials=1, budget=24, batch_size=8, seed=5, output=tmp_path / "search")
    same_trial(read_json(study.path / "trial-0.json"), searched.trials[0])


def test_optimize_on_a_dask_cluster(tmp_path):
    """A real dask.distributed LocalCluster (two worker processes) as the executor."""
    distributed = pytest.importorskip("distributed")
    study = agnet.create_study(tmp_path / "run", method="bananas", budget=20, batch_size=4, seed=2, trials=2,
                               benchmark="nasbench201")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            study.optimize(nb201.objective, n_workers=4, executor=client.get_executor())
            workers = set(client.run(lambda: __import__("os").getpid()).values())
    assert len(workers) == 2
    searched = agnet.search(method="bananas", trials=2, budget=20, batch_size=4, seed=2, output=tmp_path / "search")
    for t in range(2):
        same_trial(read_json(study.path / f"trial-{t}.json"), searched.trials[t])


def test_objective_errors_and_results(tmp_path):
    study = agnet.create_study(tmp_path / "run", method="re", budget=5, seed=0, benchmark="nasbench201")

    def broken(trial):
        raise RuntimeError("the GPU fell off")

    with pytest.raises(RuntimeError, match="fell off"):
        study.optimize(broken)
    assert study.trials[0].state == "failed" and study.trials[0].reason == "RuntimeError: the GPU fell off"
    study.optimize(broken, n_trials=1, catch=RuntimeError)  # caught: told as failed, the search goes on
    assert [r.state for r in study.trials] == ["failed", "failed"]
    study.optimize(lambda trial: float("nan"), n_trials=1)
    assert study.trials[2].state == "failed" and "nan" in study.trials[2].reason
    study.optimize(lambda trial: (nb201.table()[trial.cell][0], {}), n_trials=1)
    assert study.trials[3].state == "complete"
    study.optimize(nb201.objective, n_workers=2)  # threads
    assert study.is_finished and len(study.trials) == 5


def test_claims_and_dead_workers(tmp_path):
    """A cell another live worker holds is never handed out; a dead one's is, and a timed-out one's."""
    agnet.create_study(tmp_path / "run", method="re", budget=3, seed=0, benchmark="nasbench201")
    holder = agnet.load_study(tmp_path / "run")
    held = holder.ask()
    other = agnet.load_study(tmp_path / "run")
    with pytest.raises(TimeoutError):
        other.ask(timeout=0.3)
    impatient = agnet.load_study(tmp_path / "run", claim_timeout=0.0)
    assert impatient.ask().id == held.id  # its claim is older than 0 s
    del holder, impatient
    gc.collect()
    assert other.ask().id == held.id  # both holders are gone: the cell is handed out again
    other.tell(held, 80.0)
    with pytest.raises(agnet.InputError, match="told before"):
        other.tell(held, 81.0)


def test_errors_carry_the_cli_message(tmp_path, monkeypatch):
    with pytest.raises(agnet.UsageError, match="unknown method") as caught:
        agnet.create_study(tmp_path / "a", method="nope")
    assert caught.value.status == 64
    with pytest.raises(agnet.UsageError, match="unknown space"):
        agnet.create_study(tmp_path / "b", space="nb201")
    with pytest.raises(agnet.UsageError, match="budget"):
        agnet.search(method="re", trials=1, budget=0, output=tmp_path / "c")
    study = agnet.create_study(tmp_path / "d", method="re", budget=3, benchmark="nasbench201")
    with pytest.raises(agnet.InputError, match="unknown id") as caught:
        study.tell("t0-q9", 1.0)
    assert caught.value.status == 1 and "\n" not in caught.value.message
    trial = study.ask()
    with pytest.raises(agnet.InputError, match="out of range"):
        study.tell(trial, 1e13)
    with pytest.raises(agnet.InputError, match="records no costs"):
        study.tell(trial, 1.0, costs={"latency": 2.0})
    with pytest.raises(agnet.InputError, match="different"):
        agnet.create_study(tmp_path / "d", method="re", budget=3, seed=1, benchmark="nasbench201")
    # A larger budget is not "different": an ask/tell run grows by trials only, and says so.
    with pytest.raises(agnet.UsageError, match="grows by --trials only"):
        agnet.create_study(tmp_path / "d", method="re", budget=4, benchmark="nasbench201")
    with pytest.raises(agnet.InputError, match="not an ask/tell run"):
        agnet.load_study(tmp_path / "nothing")
    with pytest.raises(ValueError, match="finite"):
        study.tell(trial, float("inf"))
    monkeypatch.setenv("AGNET_BIN", str(tmp_path / "missing"))
    with pytest.raises(agnet.BinaryNotFound, match="AGNET_BIN"):
        agnet.load_study(tmp_path / "d").ask()


def test_darts_genotype(tmp_path):
    study = agnet.create_study(tmp_path / "darts", space="darts", method="rs", budget=2, seed=0)
    trial = study.ask()
    genotype = trial.genotype
    assert isinstance(genotype, agnet.Genotype) and len(genotype.normal) == 8 and len(genotype.reduce) == 8
    assert genotype.normal_concat == [2, 3, 4, 5]
    assert all(isinstance(op, str) and isinstance(node, int) for op, node in genotype.normal)
    with pytest.raises(AttributeError):
        agnet.Trial(id="t0-q0", cell="|x|", number=0, trial=0, space="nasbench201").genotype


def test_compare_returns_results_json(tmp_path):
    compared = agnet.compare(["re", "rs"], trials=2, budget=12, output=tmp_path / "cmp")
    assert list(compared.methods) == ["re", "rs"]
    assert compared.results == read_json(tmp_path / "cmp" / "results.json")
    searched = agnet.search(method="re", trials=2, budget=12, output=tmp_path / "re")
    assert compared.methods["re"]["trajectory"] == searched.summary["trajectory"]


def test_trials_dataframe(tmp_path):
    pandas = pytest.importorskip("pandas")
    study = agnet.create_study(tmp_path / "run", method="re", budget=4, benchmark="nasbench201")
    study.optimize(nb201.objective)
    frame = study.trials_dataframe()
    assert isinstance(frame, pandas.DataFrame) and list(frame["state"]) == ["complete"] * 4


def test_optimize_on_submitit(tmp_path, monkeypatch):
    """submitit's executor (its LocalExecutor: each evaluation a job in a process of its own, as
    on Slurm); its jobs are not concurrent.futures futures, so optimize polls them."""
    submitit = pytest.importorskip("submitit")
    monkeypatch.setenv("PYTHONPATH", str(Path(nb201.__file__).parent))  # the jobs unpickle nb201.objective
    study = agnet.create_study(tmp_path / "run", method="rs", budget=4, batch_size=4, seed=8, benchmark="nasbench201")
    executor = submitit.LocalExecutor(folder=tmp_path / "jobs")
    executor.update_parameters(timeout_min=5)
    study.optimize(nb201.objective, n_workers=4, executor=executor)
    searched = agnet.search(method="rs", trials=1, budget=4, batch_size=4, seed=8, output=tmp_path / "search")
    same_trial(read_json(study.path / "trial-0.json"), searched.trials[0])
    assert len(list((tmp_path / "jobs").glob("*_result.pkl"))) == 4
