"""The independent sets in data/evaluation/: the reader's training sets never overlap the test sets."""
from __future__ import annotations

from trustwork.evaluation_sets import TEST_SETS, TRAINING_SETS
from trustwork.reader_training import close_to_tests, never_trained_on, training_statements
from trustwork.statements import load_labelled


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


def test_every_set_covers_every_category_as_primary():
    from trustwork.taxonomy import FAMILY

    for name in TRAINING_SETS + TEST_SETS:
        primaries = {s.primary for s in load_labelled(name)}
        assert primaries == set(FAMILY), name
