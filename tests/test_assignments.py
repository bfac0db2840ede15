"""The assignments: enough items, every concept assessed, solutions pass, blank releases fail, and the committed
exercises/ are exactly what nbgrader's generate_assignment makes from solutions/."""
from __future__ import annotations

import os
import shutil

import nbformat
import pytest
from nbgrader.apps import NbGraderAPI
from nbgrader.validator import Validator

from conftest import BIN, ROOT
from trustwork.framework import CONCEPT_IDS

ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()) \
    if (ROOT / "solutions").exists() else []


def source(name):
    return nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)


def graded(nb, cell_type):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == cell_type]


def test_at_least_five_assignments():
    assert len(ASSIGNMENTS) >= 5


def test_enough_autograded_and_manual_items():
    auto = sum(len(graded(source(a), "code")) for a in ASSIGNMENTS)
    manual = sum(len(graded(source(a), "markdown")) for a in ASSIGNMENTS)
    assert auto >= 40 and manual >= 10, (auto, manual)


def test_every_concept_is_assessed():
    assessed = {c for a in ASSIGNMENTS for c in source(a).metadata["trustwork"]["concepts"]}
    assert set(CONCEPT_IDS) - assessed == set(), f"not assessed: {sorted(set(CONCEPT_IDS) - assessed)}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_assignment_shape(name):
    nb = source(name)
    assert "How to answer" in nb.cells[0].source and nb.metadata.kernelspec.name == "python3"
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "markdown":
            assert "Rubric" in nb.cells[index - 1].source, f"{meta['grade_id']} has no rubric before it"
            assert cell.source.strip() and "Write your answer here" not in cell.source, "example answer missing"
        if meta.get("grade") and cell.cell_type == "code":
            visible = cell.source.split("### BEGIN HIDDEN TESTS")[0]
            assert "check_" in visible and "### BEGIN HIDDEN TESTS" in cell.source, meta["grade_id"]
        if meta.get("solution") and cell.cell_type == "code":
            assert "def " not in cell.source and "### BEGIN SOLUTION" in cell.source


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Generate every assignment from solutions/ in a scratch course, as `nbgrader generate_assignment` does."""
    root = tmp_path_factory.mktemp("generate")
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "solutions", root / "solutions")
    os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ['PATH']}"
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    cfg.CourseDirectory.root = str(root)
    cfg.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    api = NbGraderAPI(config=cfg)
    for name in ASSIGNMENTS:
        result = api.generate_assignment(name, force=True)
        assert result["success"], result
    return root / "exercises"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_committed_exercises_equal_what_nbgrader_generates(generated, name):
    committed = ROOT / "exercises" / name / f"{name}.ipynb"
    assert committed.exists(), f"run: nbgrader generate_assignment {name} --force"
    assert nbformat.read(committed, 4) == nbformat.read(generated / name / f"{name}.ipynb", 4), \
        f"exercises/{name} is stale or edited by hand: regenerate it with `make exercises`"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_solution_passes_nbgrader_validate(name):
    results = Validator().validate(str(ROOT / "solutions" / name / f"{name}.ipynb"))
    assert not results.get("failed") and not results.get("changed") and not results.get("type_changed"), results


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_blank_release_passes_no_test(name):
    results = Validator(invert=True).validate(str(ROOT / "exercises" / name / f"{name}.ipynb"))
    assert not results.get("passed"), [r["source"][:80] for r in results.get("passed", [])]
