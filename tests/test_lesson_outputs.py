"""Outputs that matter for teaching, checked by running the lessons (the committed notebooks stay clean, so nbval's
strict mode has nothing stored to compare against; these checks play that role for the essential cells)."""
from __future__ import annotations

import nbclient
import nbformat
import pytest

from conftest import ROOT


def run(name: str):
    nb = nbformat.read(ROOT / "course" / name, as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "course")}}).execute()
    return nb


def text_of(nb) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            for value in output.get("data", {}).values():
                parts.append(value if isinstance(value, str) else "")
    return "\n".join(parts)


@pytest.fixture(scope="module")
def welcome():
    return run("00_welcome.ipynb")


def test_welcome_credits_the_article_and_shows_the_whole_framework(welcome):
    shown = text_of(welcome)
    assert "Kyle Keffer" in shown and "How to Rebuild Trust After Betrayal" in shown
    for heading in ("The eight steps", "Common mistakes", "Safety and referral", "Outcomes"):
        assert heading in shown
    assert shown.index("Step 1: Full accountability") < shown.index("Step 8: Forgiveness")


def test_consistency_lesson_figures_come_with_descriptions():
    nb = run("07_consistency.ipynb")
    images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert images >= 3
    assert text_of(nb).count("Figure:") >= images
