"""nbgrader_config.py, loaded with nbgrader's own configuration loader."""
from __future__ import annotations

import os

import pytest
from nbgrader.apps.nbgraderapp import NbGraderApp
from nbgrader.coursedir import CourseDirectory

from conftest import ROOT


@pytest.fixture
def config(monkeypatch):
    monkeypatch.chdir(ROOT)
    app = NbGraderApp()
    app.load_config_file()
    assert any(str(p).endswith("nbgrader_config.py") for p in app.loaded_config_files)
    return app.config


def test_solutions_are_the_source_and_exercises_the_release(config):
    coursedir = CourseDirectory(config=config)
    assert coursedir.root == str(ROOT)
    assert coursedir.format_path(coursedir.source_directory, ".", "a1") == os.path.join(str(ROOT), "solutions", ".", "a1")
    assert coursedir.format_path(coursedir.release_directory, ".", "a1") == os.path.join(str(ROOT), "exercises", ".", "a1")
    assert coursedir.course_id == "rebuilding-trust"


def test_timeouts_and_output_limits(config):
    assert config.Execute.timeout == config.ExecutePreprocessor.timeout
    assert 0 < config.Execute.timeout <= 60
    assert config.Execute.interrupt_on_timeout is True
    assert 0 < config.LimitOutput.max_lines <= 1000


def test_local_exchange_lives_in_the_course_and_is_ignored(config):
    assert config.Exchange.root == str(ROOT / ".exchange")
    assert ".exchange/" in (ROOT / ".gitignore").read_text().split()


def test_answer_stubs_tell_trainees_what_to_do(config):
    assert "replace the three dots" in config.ClearSolutions.code_stub["python"]
    assert config.ClearSolutions.code_stub["python"].startswith("...")
    assert "your own words" in config.ClearSolutions.text_stub


@pytest.mark.parametrize("entry", ["submitted/", "autograded/", "feedback/", "gradebook.db", ".nbgrader.log",
                                   ".venv/", ".ipynb_checkpoints/"])
def test_trainees_work_is_never_committed(entry):
    assert entry in (ROOT / ".gitignore").read_text().split()
