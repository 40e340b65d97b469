"""Shared fixtures: the agnet binary under test (AGNET_BIN, as .ci/run sets it) and its CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import agnet  # noqa: E402


@pytest.fixture(scope="session")
def binary() -> str:
    """The binary the package runs; the tests need a real one (set AGNET_BIN)."""
    return agnet.find_binary()


@pytest.fixture
def cli(binary):
    """Runs the binary directly: `cli("ask", "--run", …)` → stdout (raises on failure)."""
    def run(*arguments: str, input: str | None = None) -> str:
        return subprocess.run([binary, *arguments], input=input, capture_output=True, text=True, check=True).stdout
    return run


def read_json(path: Path) -> dict:
    return json.loads(Path(path).read_text())


def same_trial(a: dict, b: dict) -> None:
    """Two trial files hold the same search: queries (cells, values, rounds), trajectory, best."""
    assert [q["cell"] for q in a["queries"]] == [q["cell"] for q in b["queries"]]
    assert a["queries"] == b["queries"]
    assert a["best"] == b["best"]
    assert a["trajectory"] == b["trajectory"]
