"""The statement bank: `data/statements.csv`, one labelled statement per row, validated on load."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ContentError
from .evaluation_sets import EVALUATION_SETS
from .paths import data_dir, display_path
from .taxonomy import FAMILY, OFF_TOPIC
from .validation import read_csv_rows, schema_errors

COLUMNS = ("id", "text", "label", "categories", "explanation", "better", "context", "betrayal",
           "relationship", "difficulty", "split")
NEAR_DUPLICATE = 0.75  # Jaccard overlap of word sets above which two statements count as the same


@dataclass(frozen=True)
class Labelled:
    """A labelled statement: its text, `accountability` or `deflection`, and its categories (primary first);
    or off-topic text, labelled `unclear`, with no categories.

    Evaluation sets (data/evaluation/) hold just this; the bank's statements add teaching fields.
    """
    id: str
    text: str
    label: str
    categories: tuple[str, ...]

    @property
    def primary(self) -> str:
        """The main category (listed first), or OFF_TOPIC for off-topic text."""
        return self.categories[0] if self.categories else OFF_TOPIC


@dataclass(frozen=True)
class Statement(Labelled):
    """A statement from the bank, with what a trainee learns from it."""
    explanation: str
    better: str
    context: str
    betrayal: str
    relationship: str
    difficulty: int
    split: str


def _row_to_record(row: dict) -> dict:
    record = {key: (value if value is not None else "") for key, value in row.items() if key is not None}
    record["categories"] = [c.strip() for c in record.get("categories", "").split(";") if c.strip()]
    difficulty = record.get("difficulty", "")
    record["difficulty"] = int(difficulty) if difficulty.strip().isdigit() else difficulty
    return record


def words(text: str) -> frozenset[str]:
    """The lower-cased words of a text (apostrophes kept), for overlap checks."""
    return frozenset(re.findall(r"[a-z']+", text.lower().replace("\u2019", "'")))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """How far two word sets overlap (Jaccard: shared words over all words; 0 for two empty sets)."""
    return len(a & b) / max(1, len(a | b))


def near_duplicates(statements: list[Statement], threshold: float = NEAR_DUPLICATE) -> list[tuple[str, str, float]]:
    """Pairs of statements whose word sets overlap more than `threshold` (Jaccard)."""
    bags = [(s.id, words(s.text)) for s in statements]
    pairs = []
    for i, (id_a, a) in enumerate(bags):
        for id_b, b in bags[i + 1:]:
            shared = overlap(a, b)
            if shared > threshold:
                pairs.append((id_a, id_b, round(shared, 2)))
    return pairs


def statement_errors(path: Path) -> tuple[list[Statement], list[ContentError]]:
    """Read the bank, returning the valid statements and every problem (row by row, then the whole bank)."""
    shown = display_path(path)
    rows, errors = read_csv_rows(path, COLUMNS)
    statements, seen = [], set()
    for line, row in rows:
        record = _row_to_record(row)
        entry = record.get("id") or f"line {line}"
        if None in row:
            errors.append(ContentError(shown, entry, None, f"line {line} has more cells than columns"))
            continue
        row_errors = [ContentError(shown, entry, e.field, f"{e.problem} (line {line})")
                      for e in schema_errors(record, "statement", path)]
        if not row_errors:
            row_errors += _rule_errors(record, shown, line)
        if record["id"] in seen:
            row_errors.append(ContentError(shown, entry, "id", "this id is used more than once"))
        seen.add(record["id"])
        errors += row_errors
        if not row_errors:
            record["categories"] = tuple(record["categories"])
            statements.append(Statement(**record))
    for id_a, id_b, overlap in near_duplicates(statements):
        errors.append(ContentError(shown, id_b, "text", f"near-duplicate of {id_a} (word overlap {overlap})"))
    return statements, errors


def _rule_errors(record: dict, shown: str, line: int) -> list[ContentError]:
    entry, label = record["id"], record["label"]
    errors = []
    primary = record["categories"][0]
    if FAMILY[primary] != label:
        errors.append(ContentError(shown, entry, "categories",
                                   f"the primary category {primary!r} is {FAMILY[primary]}, but the label is {label} (line {line})"))
    if label == "accountability":
        stray = [c for c in record["categories"] if FAMILY[c] == "deflection"]
        if stray:
            errors.append(ContentError(shown, entry, "categories",
                                       f"an accountable statement cannot show deflection {stray} (line {line})"))
        if record["better"].strip():
            errors.append(ContentError(shown, entry, "better", f"only deflections have a rewrite (line {line})"))
    elif len(record["better"].strip()) < 10:
        errors.append(ContentError(shown, entry, "better", f"a deflection needs an accountable rewrite (line {line})"))
    if record["id"][0] != label[0].upper():
        errors.append(ContentError(shown, entry, "id", f"ids of {label} statements start with {label[0].upper()!r} (line {line})"))
    return errors


def labelled_errors(path: Path) -> tuple[list[Labelled], list[ContentError]]:
    """Read an evaluation set (`id,text,label,categories`), returning valid rows and every problem.

    Sets of off-topic text label every row `unclear` and leave `categories` empty."""
    shown = display_path(path)
    table, errors = read_csv_rows(path, ("id", "text", "label", "categories"))
    rows, seen = [], set()
    for line, row in table:
        entry = row.get("id") or f"line {line}"
        categories = tuple(c.strip() for c in (row.get("categories") or "").split(";") if c.strip())
        problem = None
        if row["label"] not in ("accountability", "deflection", "unclear"):
            problem = ("label", f"must be accountability, deflection or unclear (off-topic), not {row['label']!r}")
        elif row["label"] == "unclear" and categories:
            problem = ("categories", f"off-topic text (label unclear) has no categories, not {row['categories']!r}")
        elif row["label"] != "unclear" and (not categories or any(c not in FAMILY for c in categories)):
            problem = ("categories", f"unknown or missing category in {row['categories']!r}")
        elif row["label"] != "unclear" and FAMILY[categories[0]] != row["label"]:
            problem = ("categories", f"the primary category {categories[0]!r} does not match the label")
        elif not (row.get("text") or "").strip():
            problem = ("text", "is empty")
        elif entry in seen:
            problem = ("id", "this id is used more than once")
        seen.add(entry)
        if problem:
            errors.append(ContentError(shown, entry, problem[0], f"{problem[1]} (line {line})"))
        else:
            rows.append(Labelled(entry, row["text"], row["label"], categories))
    return rows, errors


def load_labelled(name: str) -> list[Labelled]:
    """Load one evaluation set from `data/evaluation/<name>.csv`, raising its first problem."""
    if name not in EVALUATION_SETS:
        raise ValueError(f"evaluation sets are {EVALUATION_SETS}, not {name!r}")
    rows, errors = labelled_errors(data_dir() / "evaluation" / f"{name}.csv")
    if errors:
        raise errors[0]
    return rows


def load_statements(path: Path | None = None) -> list[Statement]:
    """Load and validate `data/statements.csv`; raise the first problem as a ContentError."""
    statements, errors = statement_errors(Path(path) if path else data_dir() / "statements.csv")
    if errors:
        raise errors[0]
    return statements


@lru_cache(maxsize=None)
def statement_bank() -> tuple[Statement, ...]:
    """The course's statement bank, loaded once per process."""
    return tuple(load_statements())
