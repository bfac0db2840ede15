"""The progress store: atomic writes, corrupt files set aside, no text kept, and the command line."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import BIN
from trustwork import progress


def test_record_and_summary(private_progress):
    progress.record("drill", "drill-minimizing", 7, 10, {"missed": ["minimizing"]})
    progress.record("roleplay", "v01_adeyemi_kowalski", 5, 7)
    data = json.loads(private_progress.read_text())
    assert [a["kind"] for a in data["activities"]] == ["drill", "roleplay"]
    assert set(data["activities"][0]) == {"kind", "item", "score", "possible", "date", "details"}
    text = progress.summary()
    assert "drill: 1 done" in text and "best 70%" in text and "roleplay: 1 done" in text


def test_text_is_refused():
    with pytest.raises(ValueError, match="not text"):
        progress.record("drill", "x", 1, 2, {"answer": "I lied to you about the money and I am sorry " * 3})


def test_crash_mid_write_leaves_the_old_file_intact(private_progress, monkeypatch):
    progress.record("drill", "first", 1, 2)
    before = private_progress.read_text()

    def crash(*args, **kwargs):
        raise OSError("disk vanished mid-write")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.warns(UserWarning, match="could not be saved"):
        progress.record("drill", "second", 2, 2)
    assert private_progress.read_text() == before
    assert not [p for p in private_progress.parent.iterdir() if p.name.startswith(".progress-")]


def test_corrupt_file_is_set_aside_and_a_fresh_one_started(private_progress):
    private_progress.write_text("{not json")
    with pytest.warns(UserWarning, match="unreadable"):
        progress.record("step_order", "eight-steps", 8, 8)
    assert json.loads(private_progress.read_text())["activities"][0]["kind"] == "step_order"
    aside = [p for p in private_progress.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_text() == "{not json"


def test_wrong_shape_counts_as_corrupt(private_progress):
    private_progress.write_text(json.dumps([1, 2, 3]))
    with pytest.warns(UserWarning):
        assert progress.load()["activities"] == []


def test_default_location_is_the_jupyter_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("TRUSTWORK_PROGRESS")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jdata"))
    assert progress.progress_path() == tmp_path / "jdata" / "trustwork" / "progress.json"


def test_command_line_summary_and_reset(private_progress):
    progress.record("drill", "d", 3, 4)
    env = {**os.environ, "TRUSTWORK_PROGRESS": str(private_progress)}
    shown = subprocess.run([str(BIN / "trustwork"), "progress"], capture_output=True, text=True, env=env)
    assert shown.returncode == 0 and "drill: 1 done" in shown.stdout
    reset = subprocess.run([str(BIN / "trustwork"), "progress", "--reset"], capture_output=True, text=True, env=env)
    assert reset.returncode == 0 and "cleared" in reset.stdout
    assert json.loads(private_progress.read_text())["activities"] == []
