"""Shared fixtures: paths into the repository and a scratch copy of data/ to break."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BIN = Path(sys.executable).parent


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(autouse=True)
def private_progress(tmp_path, monkeypatch) -> Path:
    """Every test gets its own progress file, so no test touches a real learner's progress."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv("TRUSTWORK_PROGRESS", str(path))
    return path
