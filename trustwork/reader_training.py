"""Train the analyzer's learned reader and write its weights to `data/analyzer_reader.json`.

Run `python -m trustwork.reader_training` after changing the training statements, and
`python -m trustwork.reader_training --check` to confirm the committed weights are what training produces.

The reader is trained on the statement bank's `practice` split and the independent sets written for
training (`TRAINING_SETS`: `development`, `supplement`, `training`, and `off_topic`, everyday text it learns to
leave unclear, all in `data/evaluation/`). It never sees the bank's `heldout`
split or the test sets (`TEST_SETS` in `evaluation_sets.py`), nor any statement close to one of them, so those
measure how it does on statements it has not seen.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from .analyzer import cues, normalise, pattern_markers
from .analyzer_model import Feature, Reader, features, load_reader, reader_path
from .evaluation_sets import TEST_SETS, TRAINING_SETS
from .statements import Labelled, load_labelled, overlap, statement_bank, words
from .taxonomy import FAMILY, OFF_TOPIC

L2 = 0.03
EPOCHS = 300
STEP = 0.5
MIN_COUNT = 2  # a feature must occur in at least this many training statements
DECIMALS = 4


TOO_CLOSE = 0.6  # word-set overlap above which a statement counts as a copy of a test statement


def never_trained_on() -> list[Labelled]:
    """The statements the reader must never learn from: the bank's held-out split and the test sets."""
    return [s for s in statement_bank() if s.split == "heldout"] + [
        s for name in TEST_SETS for s in load_labelled(name)]


def close_to_tests(statements: list[Labelled]) -> set[str]:
    """Ids of statements whose words overlap a test statement's by more than TOO_CLOSE."""
    tests = [words(s.text) for s in never_trained_on()]
    index = _word_index(tests)
    return {s.id for s in statements if _too_close(words(s.text), tests, index)}


def _word_index(bags: list[frozenset[str]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, bag in enumerate(bags):
        for word in bag:
            index.setdefault(word, []).append(position)
    return index


def _too_close(mine: frozenset[str], tests: list[frozenset[str]], index: dict[str, list[int]]) -> bool:
    """Whether `mine` overlaps one of `tests` by more than TOO_CLOSE, without comparing it with every one.

    Such a test statement lacks fewer than (1 - TOO_CLOSE) of my words, so it holds at least one of any
    (1 - TOO_CLOSE) * len(mine) + 1 of them: only those holding one of my rarest words are compared.
    """
    needed = int((1 - TOO_CLOSE) * len(mine)) + 1
    rarest = sorted(mine, key=lambda word: len(index.get(word, ())))[:needed]
    candidates = {position for word in rarest for position in index.get(word, ())}
    return any(overlap(mine, tests[position]) > TOO_CLOSE for position in candidates)


def training_statements() -> list[Labelled]:
    """The bank's practice split plus the sets written for training, in a fixed order, without any statement
    that is close to a test statement (a few written independently came out nearly the same)."""
    return list(_training_statements())


@lru_cache(maxsize=1)
def _training_statements() -> tuple[Labelled, ...]:
    candidates = [s for s in statement_bank() if s.split == "practice"] + [
        s for name in TRAINING_SETS for s in load_labelled(name)]
    close = close_to_tests(candidates)
    return tuple(s for s in candidates if s.id not in close)


def statement_features(text: str) -> list[Feature]:
    """What the reader sees of a statement: its words and word pairs, and what the phrase patterns found in it."""
    return features(normalise(text)) + cues(pattern_markers(text))


def train(statements: list[Labelled]) -> Reader:
    """Fit a multinomial logistic regression (each statement's primary category, or OFF_TOPIC for off-topic text)
    with L2 and AdaGrad."""
    categories = [*FAMILY, OFF_TOPIC]
    documents = [sorted({name for name, _, _ in statement_features(s.text)}) for s in statements]
    counts = Counter(name for doc in documents for name in doc)
    vocabulary = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_COUNT))}
    rows, cols = [], []
    for row, doc in enumerate(documents):
        for name in doc:
            if name in vocabulary:
                rows.append(row)
                cols.append(vocabulary[name])
    rows_a, cols_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    n, size = len(statements), len(categories)
    target = np.zeros((n, size))
    target[np.arange(n), [categories.index(s.primary) for s in statements]] = 1.0
    weights, bias = np.zeros((len(vocabulary), size)), np.zeros(size)
    squared_w, squared_b = np.full_like(weights, 1e-8), np.full_like(bias, 1e-8)
    # Sums per statement and per feature as segment sums (rows are in statement order; a copy is sorted by
    # feature), which is several times faster than scattering with np.add.at.
    row_starts = np.searchsorted(rows_a, np.arange(n))
    has_features = np.diff(np.append(row_starts, len(rows_a))) > 0
    by_feature = np.argsort(cols_a, kind="stable")
    feature_starts = np.searchsorted(cols_a[by_feature], np.arange(len(vocabulary)))
    rows_by_feature = rows_a[by_feature]
    for _ in range(EPOCHS):
        scores = np.tile(bias, (n, 1))
        if len(rows_a):
            scores[has_features] += np.add.reduceat(weights[cols_a], row_starts[has_features], axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        error = (probabilities - target) / n
        grad_w = L2 / n * weights
        if len(rows_a):
            grad_w += np.add.reduceat(error[rows_by_feature], feature_starts, axis=0)
        grad_b = error.sum(axis=0)
        squared_w += grad_w ** 2
        squared_b += grad_b ** 2
        weights -= STEP * grad_w / np.sqrt(squared_w)
        bias -= STEP * grad_b / np.sqrt(squared_b)
    names = sorted(vocabulary, key=vocabulary.get)
    return Reader(categories, [round(float(b), DECIMALS) for b in bias],
                  {name: [round(float(w), DECIMALS) for w in weights[vocabulary[name]]] for name in names})


def to_json(reader: Reader, statements: list[Labelled]) -> str:
    """The weights file: categories, bias, one row of weights per feature, and what it was trained on."""
    sources = Counter(s.id.rstrip("0123456789") for s in statements)
    doc = {"about": "Weights of the analyzer's learned reader; written by `python -m trustwork.reader_training`.",
           "trained_on": dict(sorted(sources.items())), "statements": len(statements),
           "settings": {"l2": L2, "epochs": EPOCHS, "step": STEP, "min_count": MIN_COUNT},
           "categories": reader.categories, "bias": reader.bias,
           "weights": {name: list(row) for name, row in reader.weights.items()}}
    return json.dumps(doc, separators=(",", ":"), sort_keys=False) + "\n"


def differences(committed: Reader, fresh: Reader, tolerance: float = 2e-3) -> list[str]:
    """How the committed weights differ from freshly trained ones (empty when they agree)."""
    problems = []
    if committed.categories != fresh.categories:
        problems.append("the categories differ")
    missing = set(fresh.weights) - set(committed.weights)
    extra = set(committed.weights) - set(fresh.weights)
    if missing or extra:
        problems.append(f"{len(missing)} features missing and {len(extra)} unexpected")
    worst = max((abs(a - b) for name in set(fresh.weights) & set(committed.weights)
                 for a, b in zip(fresh.weights[name], committed.weights[name])), default=0.0)
    worst = max([worst] + [abs(a - b) for a, b in zip(fresh.bias, committed.bias)])
    if worst > tolerance:
        problems.append(f"weights differ by up to {worst:.4f}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Train and write the weights, or with --check compare them with the committed file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed weights; write nothing")
    parser.add_argument("--output", type=Path, default=None, help="where to write (default: the data folder)")
    args = parser.parse_args(argv)
    statements = training_statements()
    fresh = train(statements)
    path = args.output or reader_path()
    if args.check:
        problems = differences(load_reader(path), fresh)
        for problem in problems:
            print(f"{path}: {problem}; run `python -m trustwork.reader_training`", file=sys.stderr)
        return 1 if problems else 0
    path.write_text(to_json(fresh, statements), encoding="utf-8")
    print(f"wrote {path} ({len(fresh.weights)} features, {len(statements)} statements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
