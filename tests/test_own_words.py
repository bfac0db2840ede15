"""The course is written in its own words: no run of eight words from the article appears in the course's text
(short quoted example utterances, credited, are allowed by the seed's README; they are shorter than eight words or
listed below)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

ARTICLE = ROOT.parent / "shared" / "seed" / "000_451fb789e8283002.txt"
RUN = 8
# Example utterances the course quotes, in quotation marks, crediting the article.
QUOTED = ["how to rebuild trust after betrayal a therapist s framework",        # the title, credited
          "i m sorry but you pushed me away",                                  # the article's example of deflection
          "therapy frameworks often identify two key roles after betrayal",    # quoted to point out the slip
          "i understand i hurt you my actions broke your trust i take full responsibility and i m committed to change",
          "i understand why you feel hurt and confused your feelings make sense"]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower().replace("\u2019", "'").replace("'", " "))


def runs(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)}


def course_texts():
    for folder, pattern in (("course", "*.ipynb"), ("solutions", "*/*.ipynb"), ("data", "**/*.yaml"),
                            ("data", "*.csv"), ("data", "*.md"), (".", "README.md"), ("course", "README.md")):
        for path in (ROOT / folder).glob(pattern):
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".ipynb":
                text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
            yield path, text


def test_no_eight_word_run_from_the_article():
    if not ARTICLE.exists():
        pytest.skip("../shared/seed is not beside this checkout")
    article = runs(ARTICLE.read_text(encoding="utf-8"))
    allowed = set().union(*(runs(q) for q in QUOTED))
    copied = {}
    for path, text in course_texts():
        shared = (runs(text) & article) - allowed
        if shared:
            copied[str(path.relative_to(ROOT))] = [" ".join(r) for r in sorted(shared)[:3]]
    assert not copied, f"text copied from the article (write it in the course's own words): {copied}"
