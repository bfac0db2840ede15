"""Committed notebooks are clean, use the python3 kernel and say how to answer."""
from __future__ import annotations

import nbformat
import pytest

from conftest import ROOT

NOTEBOOKS = sorted(
    p for folder in ("course", "solutions", "exercises", "instructor") for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "commit notebooks without outputs"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parts[-2] == "course"], ids=lambda p: p.name)
def test_lesson_opens_with_how_to_answer_and_declares_concepts(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "How to answer" in first.source
    assert isinstance(nb.metadata.trustwork["concepts"], list)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found"
