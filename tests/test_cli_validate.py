"""`trustwork validate` checks all of data/ and exits non-zero on any problem."""
from __future__ import annotations

import subprocess

from conftest import BIN


def run_validate(*args):
    return subprocess.run([str(BIN / "trustwork"), "validate", *args], capture_output=True, text=True)


def test_committed_data_is_valid():
    result = run_validate()
    assert result.returncode == 0, result.stderr
    assert "data is valid" in result.stdout


def test_broken_data_exits_1_with_one_clear_line(data_copy):
    path = data_copy / "taxonomy.yaml"
    path.write_text(path.read_text().replace("    name: Impact\n", "", 1))
    result = run_validate("--data", str(data_copy))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {path}: entry 'impact', field 'name': is required but missing"]


def test_every_problem_is_reported(data_copy):
    (data_copy / "taxonomy.yaml").write_text("categories: [\n")
    (data_copy / "framework.yaml").unlink()
    result = run_validate("--data", str(data_copy))
    assert result.returncode == 1
    assert "framework.yaml: file not found" in result.stderr
    assert "taxonomy.yaml: line" in result.stderr
