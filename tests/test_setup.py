"""The two commands: make keeps the environment and re-running is a no-op when nothing changed."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

IN_MAKE_ENV = os.path.realpath(sys.prefix) == os.path.realpath(ROOT / ".venv")


@pytest.mark.skipif(not IN_MAKE_ENV, reason="runs only inside the .venv that `make test` builds")
def test_environment_is_up_to_date_so_rerun_does_not_reinstall():
    result = subprocess.run(["make", "-q", ".venv/.installed"], cwd=ROOT)
    assert result.returncode == 0, "make would reinstall although pyproject.toml did not change"


@pytest.mark.skipif(not IN_MAKE_ENV, reason="runs only inside the .venv that `make test` builds")
def test_nbgrader_extensions_are_enabled():
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["jupyter", "server", "extension", "list"], capture_output=True, text=True, env=env)
    listing = result.stdout + result.stderr
    for extension in ("formgrader", "assignment_list", "validate_assignment"):
        assert f"nbgrader.server_extensions.{extension} \x1b[32menabled" in listing or \
            f"nbgrader.server_extensions.{extension} enabled" in listing, extension


def test_make_lab_opens_the_welcome_lesson():
    plan = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "jupyter lab" in plan and "course/00_welcome.ipynb" in plan
    assert (ROOT / "course" / "00_welcome.ipynb").exists()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "apt-get install" in ci and "chromium" in ci
    assert "make test" in (ROOT / "README.md").read_text()
