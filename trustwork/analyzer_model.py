"""A small statistical reader that backs up the analyzer's phrase patterns.

The patterns in `data/analyzer_patterns.yaml` are precise but cannot list every way people deflect. This
module learns word and word-pair evidence from the statement bank's `practice` split, the independent
development set and the supplement (never the bank's `heldout` split or the external test set),
with negation marked (after "not", "never", "no" ... a word is read as "not_word" until the clause ends), and
scores a statement with naive Bayes. Its evidence is explainable: the span it reports is the phrase in the
statement that most favours its reading, and statements with too little familiar language are left unclear.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .taxonomy import FAMILY

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[.,;:!?]")
_NEGATORS = {"not", "never", "no", "nothing", "none", "nobody", "neither", "nor", "without", "cannot"}
_BREAKS = {".", ",", ";", ":", "!", "?", "but", "and", "because", "so"}
_ALPHA = 0.5
MIN_EVIDENCE = 2  # familiar features needed before the model will give a reading
# Statements in this course are one person speaking to or about another: without a personal pronoun
# the text is off-topic and the model stays silent.
_PERSONAL = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|you|you're|you've|you'd|you'll|your|we|we're|us|our)\b")


@dataclass(frozen=True)
class Feature:
    name: str
    start: int
    end: int


def features(norm: str) -> list[Feature]:
    """Unigrams and bigrams of a normalised statement, negation-marked, with their character spans."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    marked = []
    negated = False
    for word, start, end in tokens:
        if word in _BREAKS:
            negated = False
            marked.append((word, start, end))
            continue
        is_negator = word in _NEGATORS or word.endswith("n't")
        marked.append((("not_" + word) if negated and not is_negator else word, start, end))
        if is_negator:
            negated = True
    found = []
    words = [(w, s, e) for w, s, e in marked if w not in {".", ",", ";", ":", "!", "?"}]
    for index, (word, start, end) in enumerate(words):
        found.append(Feature(word, start, end))
        if index + 1 < len(words):
            nxt = words[index + 1]
            found.append(Feature(f"{word} {nxt[0]}", start, nxt[2]))
    return found


class NaiveBayes:
    """Multinomial naive Bayes over binary features (each feature counted once per statement)."""

    def __init__(self, documents: list[tuple[set[str], str]]):
        self.classes = sorted({label for _, label in documents})
        self.doc_count = Counter(label for _, label in documents)
        self.feature_count: dict[str, Counter] = defaultdict(Counter)
        for feats, label in documents:
            self.feature_count[label].update(feats)
        self.vocabulary = set().union(*(set(c) for c in self.feature_count.values()))
        self.totals = {c: sum(self.feature_count[c].values()) for c in self.classes}
        self.size = len(self.vocabulary) + 1
        total_docs = sum(self.doc_count.values())
        self.prior = {c: math.log(self.doc_count[c] / total_docs) for c in self.classes}
        self._denominator = {c: math.log(self.totals[c] + _ALPHA * self.size) for c in self.classes}
        self._evidence: dict[tuple[str, str], float] = {}

    def log_likelihood(self, feature: str, label: str) -> float:
        return math.log(self.feature_count[label][feature] + _ALPHA) - self._denominator[label]

    def posterior(self, feats: set[str]) -> dict[str, float]:
        """Class probabilities for a set of features (unknown features are ignored)."""
        known = [f for f in feats if f in self.vocabulary]
        scores = {c: self.prior[c] + sum(self.log_likelihood(f, c) for f in known) for c in self.classes}
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: v / total for c, v in exp.items()}

    def evidence(self, feature: str, label: str) -> float:
        """How much a feature favours `label` over the other classes (log ratio), cached."""
        key = (feature, label)
        if key not in self._evidence:
            others = [c for c in self.classes if c != label]
            rest = sum(math.exp(self.log_likelihood(feature, c)) for c in others) / max(1, len(others))
            self._evidence[key] = self.log_likelihood(feature, label) - math.log(rest)
        return self._evidence[key]


@dataclass
class Reading:
    """The model's reading of a statement: the family, its probability, the category and its evidence."""
    family: str
    probability: float
    category: str
    span: tuple[int, int]


class StatementModel:
    """Verdict and category models trained on labelled statements."""

    def __init__(self, statements):
        docs = [(set(f.name for f in features(_norm(s.text))), s) for s in statements]
        self.verdict = NaiveBayes([(feats, s.label) for feats, s in docs])
        self.category = {
            family: NaiveBayes([(feats, s.primary) for feats, s in docs if s.label == family])
            for family in ("accountability", "deflection")
        }
        self.informative = {f for f in self.verdict.vocabulary
                            if sum(self.verdict.feature_count[c][f] for c in self.verdict.classes) >= 2}

    def read(self, norm: str) -> Reading | None:
        """Read a normalised statement; None when there is too little familiar language to judge."""
        if not _PERSONAL.search(norm):
            return None
        feats = features(norm)
        names = {f.name for f in feats}
        if len(names & self.informative) < MIN_EVIDENCE:
            return None
        posterior = self.verdict.posterior(names)
        family = max(posterior, key=posterior.get)
        categories = self.category[family].posterior(names)
        category = max(categories, key=categories.get)
        model = self.category[family]
        best = max((f for f in feats if f.name in model.vocabulary),
                   key=lambda f: model.evidence(f.name, category), default=feats[0])
        return Reading(family, posterior[family], category, (best.start, best.end))


def _norm(text: str) -> str:
    from .analyzer import normalise

    return normalise(text)


@lru_cache(maxsize=None)
def model() -> StatementModel:
    """The model trained on the bank's practice split, the development set and the supplement (loaded once).

    Never trained on the bank's held-out split or the external test set.
    """
    from .statements import load_labelled, statement_bank

    return StatementModel([s for s in statement_bank() if s.split == "practice"]
                          + load_labelled("development") + load_labelled("supplement"))


__all__ = ["FAMILY", "Reading", "StatementModel", "features", "model"]
