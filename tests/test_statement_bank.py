"""data/statements.csv: size, balance, splits, uniqueness, and clear errors for broken rows."""
from __future__ import annotations

import csv
from collections import Counter

import pytest

from conftest import DATA
from trustwork.errors import ContentError
from trustwork.statements import COLUMNS, load_statements, near_duplicates, statement_errors
from trustwork.taxonomy import ACCOUNTABILITY, DEFLECTION

BANK = load_statements()


def test_bank_is_large_enough():
    assert len(BANK) >= 320


@pytest.mark.parametrize("category", ACCOUNTABILITY + DEFLECTION)
def test_each_category_has_at_least_twenty_primary_statements(category):
    assert sum(s.primary == category for s in BANK) >= 20


def test_labels_agree_with_primary_category_family():
    for s in BANK:
        assert (s.primary in ACCOUNTABILITY) == (s.label == "accountability"), s.id


def test_about_a_fifth_is_held_out_for_every_category():
    for category in ACCOUNTABILITY + DEFLECTION:
        group = [s for s in BANK if s.primary == category]
        share = sum(s.split == "heldout" for s in group) / len(group)
        assert 0.15 <= share <= 0.25, (category, share)


def test_every_betrayal_and_relationship_is_represented():
    betrayals = Counter(s.betrayal for s in BANK)
    relationships = Counter(s.relationship for s in BANK)
    assert len(betrayals) == 8 and min(betrayals.values()) >= 8
    assert len(relationships) == 7 and min(relationships.values()) >= 8


def test_hard_cases_are_present():
    texts = [s.text.lower() for s in BANK]
    hard = [s for s in BANK if s.difficulty == 3]
    assert len(hard) >= 60
    assert any("sorry" in t and ", but" in t for t, s in zip(texts, BANK) if s.label == "deflection")
    assert any("sorry if" in t for t in texts)
    assert any("excuse" in t for t, s in zip(texts, BANK) if s.label == "accountability")
    assert sum(s.label == "accountability" and "sorry" not in s.text.lower() for s in BANK) >= 100
    assert sum(len(s.categories) > 1 for s in BANK) >= 80


def test_deflections_carry_an_accountable_rewrite():
    for s in BANK:
        assert bool(s.better) == (s.label == "deflection"), s.id


def test_no_duplicates_or_near_duplicates():
    assert len({s.text.lower() for s in BANK}) == len(BANK)
    assert near_duplicates(BANK) == []


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _rows():
    with open(DATA / "statements.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    "change, field, words",
    [
        (lambda r: r.update(categories="blame_shifting;blaming"), "categories[1]", "blaming"),
        (lambda r: r.update(difficulty="4"), "difficulty", "4"),
        (lambda r: r.update(split="test"), "split", "test"),
        (lambda r: r.update(better=""), "better", "rewrite"),
        (lambda r: r.update(categories="ownership"), "categories", "primary category"),
        (lambda r: r.update(text=""), "text", "short"),
    ],
)
def test_broken_row_names_file_entry_and_field(tmp_path, change, field, words):
    rows = _rows()
    target = next(r for r in rows if r["label"] == "deflection")
    change(target)
    path = tmp_path / "statements.csv"
    _write(path, rows)
    _, errors = statement_errors(path)
    assert errors, "the broken row was not reported"
    assert (errors[0].entry, errors[0].field) == (target["id"], field)
    assert words in str(errors[0]) and "statements.csv" in str(errors[0])


def test_duplicate_id_and_near_duplicate_text_are_reported(tmp_path):
    rows = _rows()
    rows.append(dict(rows[0]))
    near = dict(rows[1], id="A999")
    near["text"] = rows[1]["text"] + " Really."
    rows.append(near)
    path = tmp_path / "statements.csv"
    _write(path, rows)
    messages = [str(e) for e in statement_errors(path)[1]]
    assert any("used more than once" in m for m in messages)
    assert any("near-duplicate" in m for m in messages)


def test_missing_column_is_named(tmp_path):
    path = tmp_path / "statements.csv"
    path.write_text("id,text,label\nA001,I lied.,accountability\n")
    with pytest.raises(ContentError, match="categories, explanation"):
        load_statements(path)
