"""The lessons in course/: structure, teaching coverage, machinery kept out of sight, and care for trainees."""
from __future__ import annotations

import ast
import re

import nbformat
import pytest

from conftest import ROOT
from trustwork.framework import CONCEPT_IDS
from trustwork.questions import questions

LESSONS = sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb"))
DISCLOSURE = re.compile(r"your own (?:relationship|partner|marriage|ex\b|betrayal)|have you (?:ever )?been (?:betrayed|cheated)"
                        r"|in your (?:own )?(?:life|relationship)|think of a time (?:when )?you (?:were|felt) betrayed", re.I)


def notebook(path):
    return nbformat.read(path, as_version=4)


def test_there_is_a_full_course():
    assert len(LESSONS) >= 12


def test_every_concept_is_taught():
    taught = {c for path in LESSONS for c in notebook(path).metadata["trustwork"]["concepts"]}
    missing = sorted(set(CONCEPT_IDS) - taught)
    assert not missing, f"concepts no lesson teaches: {missing}"
    assert taught <= set(CONCEPT_IDS)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_opening(path):
    nb = notebook(path)
    meta = nb.metadata["trustwork"]
    assert meta["title"] and 5 <= meta["minutes"] <= 90
    first = nb.cells[0].source
    assert first.startswith("# ")
    for phrase in ("Estimated time", "How to answer", "Content note"):
        assert phrase in first or any(phrase in c.source for c in nb.cells[:2]), phrase
    assert re.search(r"^\s*[-*] ", first, re.M), "learning objectives as a list"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_closing_and_reflection_never_asks_for_disclosure(path):
    text = "\n".join(c.source for c in notebook(path).cells if c.cell_type == "markdown")
    assert "## Key points" in text and "## Reflection" in text
    reflection = text.split("## Reflection", 1)[1]
    assert not DISCLOSURE.search(reflection), DISCLOSURE.search(reflection)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_headings_are_in_order_with_one_h1(path):
    levels = [len(m.group(1)) for c in notebook(path).cells if c.cell_type == "markdown"
              for m in re.finditer(r"^(#{1,6}) ", c.source, re.M)]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_code_cells_are_one_call_into_trustwork(path):
    for cell in notebook(path).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        calls = [n for n in tree.body if not isinstance(n, (ast.Import, ast.ImportFrom))]
        assert len(calls) <= 1, f"more than one statement in a cell:\n{cell.source}"
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.For, ast.While, ast.FunctionDef, ast.ClassDef, ast.Lambda,
                                         ast.ListComp, ast.DictComp, ast.GeneratorExp)), cell.source
            if isinstance(node, ast.ImportFrom):
                assert node.module.startswith("trustwork"), cell.source
            if isinstance(node, ast.Import):
                assert all(a.name.startswith("trustwork") for a in node.names), cell.source


def _used_questions():
    used = set()
    for path in LESSONS:
        for cell in notebook(path).cells:
            if cell.cell_type == "code":
                used |= set(re.findall(r"quiz\(\s*[\"']([a-z0-9-]+)[\"']", cell.source))
    return used


def test_every_quiz_exists_and_every_question_is_used():
    used, known = _used_questions(), set(questions())
    assert used, "no lesson asks a question"
    assert used <= known, f"lessons ask unknown questions: {sorted(used - known)}"
    assert known <= used, f"questions no lesson asks: {sorted(known - used)}"


def test_accountability_lesson_has_the_drill_and_the_coach():
    source = "\n".join(c.source for c in notebook(ROOT / "course" / "04_accountability.ipynb").cells)
    assert "sorting_drill(" in source and "rewrite_coach(" in source


def test_course_map_lists_every_lesson():
    course_map = (ROOT / "course" / "README.md").read_text()
    for path in LESSONS:
        assert path.name in course_map, path.name
    assert "distress" in course_map.lower()


def test_each_lesson_names_an_assignment_that_assesses_it():
    for path in LESSONS:
        meta = notebook(path).metadata["trustwork"]
        if not meta["concepts"]:
            continue
        name = meta.get("assignment")
        assert name, f"{path.name} names no assignment"
        assessed = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", 4).metadata["trustwork"]["concepts"]
        assert set(meta["concepts"]) & set(assessed), f"{name} assesses none of {path.name}'s concepts"
