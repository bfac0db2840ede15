"""The independent sets in data/evaluation/: the reader's training sets never overlap the test sets."""
from __future__ import annotations

import pytest

from trustwork.evaluation_sets import TEST_SETS, TRAINING_SETS
from trustwork.reader_training import close_to_tests, never_trained_on, training_statements
from trustwork.statements import labelled_errors, load_labelled
from trustwork.taxonomy import OFF_TOPIC


def test_no_training_statement_is_close_to_a_test_statement():
    assert close_to_tests(training_statements()) == set()


def test_a_statement_close_to_a_test_statement_is_left_out_of_training():
    from trustwork.statements import statement_bank

    development_ids = {s.id for s in load_labelled("development")}
    external = {s.text: s.id for s in load_labelled("external")}
    copies = [s.id for s in load_labelled("development") if s.text in external]
    assert copies, "the development set holds a statement the external writer also wrote"
    assert not set(copies) & {s.id for s in training_statements()}
    assert len([s for s in training_statements() if s.id in development_ids]) < len(development_ids)
    assert len(training_statements()) > len(statement_bank()) // 2


def test_the_test_sets_are_not_training_sets():
    assert not set(TEST_SETS) & set(TRAINING_SETS)
    training_ids = {s.id for s in training_statements()}
    assert not training_ids & {s.id for s in never_trained_on()}


def test_every_set_covers_every_category_as_primary_or_is_off_topic():
    from trustwork.taxonomy import FAMILY

    for name in TRAINING_SETS + TEST_SETS:
        rows = load_labelled(name)
        if name.startswith("off_topic"):
            assert rows and all(s.label == "unclear" and s.categories == () for s in rows), name
        else:
            assert {s.primary for s in rows} == set(FAMILY), name


def test_an_off_topic_row_is_labelled_unclear_without_categories(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text("id,text,label,categories\n"
                    "O1,The bus leaves at six.,unclear,\n"
                    "O2,The shop shuts at five.,unclear,minimizing\n"
                    "O3,,unclear,\n"
                    "O4,Nice day.,maybe,\n", encoding="utf-8")
    rows, errors = labelled_errors(path)
    assert [(r.id, r.label, r.primary) for r in rows] == [("O1", "unclear", OFF_TOPIC)]
    assert [(e.entry, e.field) for e in errors] == [("O2", "categories"), ("O3", "text"), ("O4", "label")]
    assert "no categories" in str(errors[0]) and "line 3" in str(errors[0])


def test_evaluation_counts_off_topic_text_left_unclear_as_right():
    from trustwork.evaluation import evaluate
    from trustwork.statements import Labelled

    rows = [Labelled("O1", "Lions live in groups called prides.", "unclear", ()),
            Labelled("O2", "I'm sorry, but you pushed me away.", "unclear", ())]
    result = evaluate(rows, "off-topic sample", reader=None)
    assert result.confusion["unclear"] == {"accountability": 0, "deflection": 1, "unclear": 1}
    assert result.accuracy == 0.5 and result.primary_recall is None
    assert "n/a" in result.report() and [m["id"] for m in result.mistakes] == ["O2"]


@pytest.mark.parametrize("on", ["practice", "pool"])
def test_cross_validation_never_scores_a_statement_with_a_reader_trained_on_it(monkeypatch, on):
    import trustwork.reader_training as reader_training
    from trustwork.evaluation import cross_validate
    from trustwork.statements import statement_bank

    practice = [s for s in statement_bank() if s.split == "practice"][:20]
    pool = [s for s in load_labelled("training") if s.id.startswith("WA")][:20]
    monkeypatch.setattr(reader_training, "training_statements", lambda: practice + pool)
    monkeypatch.setattr("trustwork.evaluation.statement_bank", lambda: tuple(practice))
    trained_on = []
    monkeypatch.setattr(reader_training, "train", lambda statements: trained_on.append({s.id for s in statements}))
    result = cross_validate(folds=4, on=on)
    scored = {s.id for s in (practice if on == "practice" else pool)}
    held = [{s.id for s in practice + pool} - ids for ids in trained_on]
    assert len(trained_on) == 4 and result.size == len(scored) == 20
    assert set().union(*held) == scored and sum(map(len, held)) == len(scored), "each statement is held out once"
    with pytest.raises(ValueError, match="practice' or 'pool"):
        cross_validate(on="heldout")


def test_the_closeness_check_finds_what_comparing_every_pair_finds():
    import random

    from trustwork.reader_training import TOO_CLOSE
    from trustwork.statements import Labelled, overlap, words

    tests = never_trained_on()
    rng = random.Random(3)
    probes = []
    for i, statement in enumerate(rng.sample(tests, 150)):
        # Words no test statement has come first among the rarest, so a check that looked only at those would miss.
        kept = [w for w in statement.text.split() if rng.random() > 0.15]
        kept += rng.sample(["zorblat", "quimmel", "frandy"], 2)
        probes.append(Labelled(f"P{i}", " ".join(kept), "deflection", ("denial",)))
    probes += load_labelled("supplement")[:150]
    bags = [words(s.text) for s in tests]
    every_pair = {p.id for p in probes if any(overlap(words(p.text), bag) > TOO_CLOSE for bag in bags)}
    assert 30 < len(every_pair) < 150, "the probes include both close and distant statements"
    assert close_to_tests(probes) == every_pair
