"""Quick questions with instant feedback: `data/questions/*.yaml`, validated on load."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import ContentError
from .framework import CONCEPT_IDS
from .paths import data_dir, display_path
from .validation import read_yaml_folder, schema_errors


def question_errors(folder: Path) -> tuple[dict[str, dict], list[ContentError]]:
    """Every question in a folder by id, and every problem (schema, concept ids, one right answer, unique ids)."""
    found: dict[str, dict] = {}
    parsed, errors = read_yaml_folder(folder, "question files")
    for path, doc in parsed:
        problems = schema_errors(doc, "questions", path)
        if not problems:
            shown = display_path(path)
            for question in doc["questions"]:
                if question["concept"] not in CONCEPT_IDS:
                    problems.append(ContentError(shown, question["id"], "concept",
                                                 f"unknown framework concept {question['concept']!r}"))
                if sum(o["correct"] for o in question["options"]) != 1:
                    problems.append(ContentError(shown, question["id"], "options", "exactly one option must be correct"))
                if question["id"] in found:
                    problems.append(ContentError(shown, question["id"], "id", "this id is used in another question"))
                found[question["id"]] = question
        errors += problems
    return found, errors


@lru_cache(maxsize=None)
def questions() -> dict[str, dict]:
    """All questions by id, loaded once per process."""
    found, errors = question_errors(data_dir() / "questions")
    if errors:
        raise errors[0]
    return found


def load_question(question_id: str) -> dict:
    """One question by id, with a clear error naming the known ids when it does not exist."""
    known = questions()
    if question_id not in known:
        raise KeyError(f"no question {question_id!r}; known: {', '.join(sorted(known))}")
    return known[question_id]
