"""A learned reader that backs up the analyzer's phrase patterns.

The patterns in `data/analyzer_patterns.yaml` are precise but cannot list every way people deflect. This
reader is a logistic regression over word and word-pair features of the statement, with negation marked
(after "not", "never", "no" ... a word is read as "not_word" until the clause ends). It gives a probability
for each of the 16 taxonomy categories being the statement's main one, so it also says how likely the
statement is to be a deflection, and one for the text being off topic altogether (`OFF_TOPIC`, learned from
everyday text labelled `unclear`).

Its weights are data: `data/analyzer_reader.json`, written by `python -m trustwork.reader_training` from
the labelled statements it lists (never the bank's `heldout` split, the test sets named in `evaluation_sets.py`, or
anything close to them); a test checks that the committed file is what that command produces. Its evidence is
explainable: the analyzer marks the clause around the feature that most favours its reading.
"""
from __future__ import annotations

import bisect
import json
import math
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ContentError
from .paths import data_dir, display_path
from .taxonomy import DEFLECTION, FAMILY, OFF_TOPIC

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[.,;:!?]")
_NEGATORS = frozenset({"not", "never", "no", "nothing", "none", "nobody", "neither", "nor", "without", "cannot"})
_BREAKS = frozenset({".", ",", ";", ":", "!", "?", "but", "and", "because", "so"})
_PUNCTUATION = frozenset(".,;:!?")
# Texting spellings read as the words they stand for (so "dont" negates like "don't").
_SPELLINGS = {"u": "you", "ya": "you", "ur": "your", "r": "are", "im": "i'm", "ive": "i've", "youre": "you're",
              "dont": "don't", "didnt": "didn't", "cant": "can't", "wont": "won't", "wasnt": "wasn't",
              "isnt": "isn't", "doesnt": "doesn't", "havent": "haven't", "couldnt": "couldn't",
              "wouldnt": "wouldn't", "shouldnt": "shouldn't", "werent": "weren't", "arent": "aren't",
              "thats": "that's", "theyre": "they're", "cuz": "because", "coz": "because", "cos": "because",
              "bc": "because", "tho": "though", "pls": "please", "plz": "please", "sry": "sorry", "soz": "sorry"}
# The words after a turn, up to the end of its sentence, are read a second time as "turn:word", so the reader can
# tell an apology's own words from those of the clause that takes it back (by cross-validation on the training pool,
# +0.1 points of verdict accuracy on two versions of it).
_TURN = re.compile(r"\b(?:but|though|although|still|however|mind you|then again|that said|to be fair|honestly"
                   r"|at the same time|all i'm saying)\b")
_SENTENCE_END = re.compile(r"[.;!?]")
MIN_EVIDENCE = 2  # familiar features needed before the reader will speak where no pattern matched
# Statements in this course are one person speaking to or about another. Without a personal pronoun the reader
# speaks only when most of the statement is language it knows, so off-topic or foreign text stays unclear.
MIN_SHARE = 0.35  # of the statement's features that must be familiar
IMPERSONAL_MIN_EVIDENCE = 4
IMPERSONAL_MIN_SHARE = 0.5
_PERSONAL = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|you|you're|you've|you'd|you'll|your|we|we're|us|our)\b")

Feature = tuple[str, int, int]  # name, start, end
_DEFLECTING = frozenset(DEFLECTION)


def features(norm: str) -> list[Feature]:
    """Unigrams and bigrams of a normalised statement, negation-marked, with their character spans, and the words
    after a turn marked as such."""
    words: list[Feature] = []
    negated = False
    for match in _TOKEN.finditer(norm):
        word = match.group()
        word = _SPELLINGS.get(word, word)
        if word in _BREAKS:
            negated = False
            if word in _PUNCTUATION:
                continue
            words.append((word, match.start(), match.end()))
            continue
        is_negator = word in _NEGATORS or word.endswith("n't")
        words.append((("not_" + word) if negated and not is_negator else word, match.start(), match.end()))
        if is_negator:
            negated = True
    found = list(words)
    for (first, start, _), (second, _, end) in zip(words, words[1:]):
        found.append((f"{first} {second}", start, end))
    return found + _after_turns(norm, words)


def _after_turns(norm: str, words: list[Feature]) -> list[Feature]:
    turned: dict[Feature, None] = {}
    starts = [start for _, start, _ in words]
    for turn in _TURN.finditer(norm):
        stop = _SENTENCE_END.search(norm, turn.end())
        stop = stop.start() if stop else len(norm)
        for name, start, end in words[bisect.bisect_left(starts, turn.end()):]:
            if end > stop:
                break
            turned[("turn:" + name, start, end)] = None
    return list(turned)


@dataclass
class Reading:
    """The reader's view of one statement: a probability per category and the features it recognised."""
    probabilities: dict[str, float]
    found: list[Feature]
    weights: dict[str, Sequence[float]]
    distinct: int  # how many different features the statement has, known or not

    @property
    def familiar(self) -> int:
        """How many different features of the statement the reader knows."""
        return len({name for name, _, _ in self.found})

    def evidence(self, category: str) -> tuple[int, int] | None:
        """The span of the feature that most favours `category` over the others, or None when nothing was recognised."""
        if not self.found:
            return None
        index = list(self.probabilities).index(category)

        def favour(feature: Feature) -> float:
            row = self.weights[feature[0]]
            return row[index] - sum(row) / len(row)

        _, start, end = max(self.found, key=favour)
        return start, end

    @property
    def off_topic(self) -> float:
        """The probability that the text is about something else entirely (0 for a reader without that class)."""
        return self.probabilities.get(OFF_TOPIC, 0.0)

    @property
    def deflection(self) -> float:
        """The probability that the statement is a deflection (its main category is a deflecting one), if it is
        on topic at all."""
        on_topic = 1.0 - self.off_topic
        share = sum(p for c, p in self.probabilities.items() if c in _DEFLECTING)
        return share / on_topic if on_topic > 0 else 0.0

    def ranked(self, family: str | None = None) -> list[str]:
        """The categories from most to least probable, optionally within one family."""
        return sorted(self._within(family), key=self.probabilities.get, reverse=True)

    def top(self, family: str | None = None) -> str:
        """The most probable category, optionally within one family."""
        return max(self._within(family), key=self.probabilities.get)

    def _within(self, family: str | None):
        return (c for c in self.probabilities if family is None or FAMILY.get(c) == family)


class Reader:
    """Logistic-regression weights per feature and category, loaded from `data/analyzer_reader.json`."""

    def __init__(self, categories: list[str], bias: list[float], weights: dict[str, list[float]]):
        self.categories = list(categories)
        self.bias = list(bias)
        # Compact rows: a tuple of Python floats would take three times the memory in every trainee's kernel.
        self.weights = {name: array("d", row) for name, row in weights.items()}

    def read(self, norm: str, cues: Sequence[Feature] = ()) -> Reading:
        """Score a normalised statement, with any cues found elsewhere (e.g. the phrase patterns' findings) as
        extra features; features the reader has never seen are ignored."""
        every = features(norm) + list(cues)
        weights = self.weights
        found = [f for f in every if f[0] in weights]
        return Reading(self._probabilities(found), found, weights, len({name for name, _, _ in every}))

    def read_parts(self, reading: Reading, bounds: Sequence[tuple[int, int]],
                   min_familiar: int = 0) -> Iterator[Reading | None]:
        """The readings of stretches of an already-read statement (e.g. its sentences, as sorted, disjoint
        (start, end) spans), from the features that lie wholly inside each; None for a stretch with fewer than
        `min_familiar` different features the reader knows."""
        starts = [start for start, _ in bounds]
        parts: list[list[Feature]] = [[] for _ in bounds]
        for feature in reading.found:
            index = bisect.bisect_right(starts, feature[1]) - 1
            if index >= 0 and feature[2] <= bounds[index][1]:
                parts[index].append(feature)
        for found in parts:
            if len({name for name, _, _ in found}) < min_familiar:
                yield None
            else:
                yield Reading(self._probabilities(found), found, self.weights, len(found))

    def _probabilities(self, found: list[Feature]) -> dict[str, float]:
        # Each feature counts once however often it occurs, as in training (a statement is a set of features).
        rows = [self.weights[name] for name in dict.fromkeys(name for name, _, _ in found)]
        scores = [b + sum(column) for b, column in zip(self.bias, zip(*rows))] if rows else list(self.bias)
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.categories, exp)}

    @staticmethod
    def speaks_on(reading: Reading, norm: str) -> bool:
        """Whether a reading rests on enough familiar language to stand alone (see MIN_EVIDENCE)."""
        familiar = reading.familiar
        if familiar < MIN_EVIDENCE or familiar < MIN_SHARE * reading.distinct:
            return False
        if _PERSONAL.search(norm):
            return True
        return familiar >= IMPERSONAL_MIN_EVIDENCE and familiar >= IMPERSONAL_MIN_SHARE * reading.distinct


def reader_path() -> Path:
    """Where the reader's weights live."""
    return data_dir() / "analyzer_reader.json"


def load_reader(path: Path | None = None) -> Reader:
    """Load the reader's weights, checking their shape and categories; a ContentError names what is wrong."""
    path = Path(path) if path else reader_path()
    shown = display_path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ContentError(shown, None, None, f"cannot be read as JSON ({exc}); rebuild it with "
                           "`python -m trustwork.reader_training`") from exc
    if not isinstance(doc, dict) or not {"categories", "bias", "weights"} <= set(doc):
        raise ContentError(shown, None, None, "needs the keys 'categories', 'bias' and 'weights'")
    categories = doc["categories"]
    if sorted(categories) not in (sorted(FAMILY), sorted([*FAMILY, OFF_TOPIC])):
        raise ContentError(shown, None, "categories",
                           f"must list exactly the 16 taxonomy categories (and {OFF_TOPIC!r})")
    size = len(categories)
    if len(doc["bias"]) != size:
        raise ContentError(shown, None, "bias", f"needs {size} numbers")
    for name, row in doc["weights"].items():
        if not isinstance(row, list) or len(row) != size:
            raise ContentError(shown, name, "weights", f"needs {size} numbers")
    return Reader(categories, doc["bias"], doc["weights"])


@lru_cache(maxsize=None)
def model() -> Reader:
    """The course's reader, loaded once per process."""
    return load_reader()


__all__ = ["Feature", "Reader", "Reading", "features", "load_reader", "model", "reader_path"]
