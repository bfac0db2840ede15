"""The accountability/deflection analyzer: explainable markers, a verdict and coaching feedback.

It reads language, not a list of known sentences. The phrase patterns for each taxonomy category live in
`data/analyzer_patterns.yaml`, where an instructor can read and extend them; this module applies six
structural rules on top of them:

1. **Negation scope.** A marker is cancelled when a negator ("not", "n't", "never", "no", "nothing", ...)
   stands before it in the same clause: "none of this is your fault" is not blame-shifting, and "I won't ask
   you to move on" is not rushing. Patterns that carry their own negation ("I'm not discussing this") are
   unaffected, because only the words before the match are looked at.
2. **One deflection undoes an apology.** An apology or other accountable clause followed by a contrast
   ("but", "however", "that said") whose clause brings no accountability of its own and points at the partner,
   a third party or circumstances is marked as blame-shifting or justifying.
3. **Reported words are not the speaker's.** A deflection after "you keep saying", "I told myself" or
   "I pretended", or before ", I said", in the same sentence, is reported, not performed: "you keep saying you
   should be over it by now" is not rushing, and "Only a few hundred, I kept saying" is not minimizing.
4. **Explaining is not excusing.** A reason ("I was lonely") is cancelled when the statement also says plainly
   that it is no excuse, unless the disclaimer comes first and a "but" follows it ("I'm not making excuses,
   but ...").
5. **A learned reader decides.** A logistic regression (`analyzer_model.py`, weights in
   `data/analyzer_reader.json`) reads the statement's words and word pairs together with what rules 1-4 found
   (each pattern category is a feature, "pattern:blame_shifting"), so it has learned how far to trust each kind of
   pattern and what the patterns cannot list. Its probability of deflection decides the family
   (`DEFLECTION_THRESHOLD`): when it says deflection and no pattern found one, it adds its likeliest deflection,
   marking the clause of the phrase that most favours it (or the turn after "but"); when it says accountability,
   the patterns' deflection markers are dropped (they misfire on quoted, negated or reported words), and if no
   accountability marker is left it marks its likeliest accountability category. It also names its likeliest
   deflection category when the patterns found a different one, and its runner-up when that is nearly as likely
   (`SECOND_DEFLECTION_SHARE`). In a statement of several sentences that reads as accountable overall, one sentence
   it is very sure deflects (`SENTENCE_THRESHOLD`) is enough: a long apology can hide one turn. Where no pattern
   matched, it speaks only on enough familiar language, and it has learned a class for off-topic text, so foreign
   text and most off-topic text stay unclear (`OFF_TOPIC_THRESHOLD`). Measured by 5-fold cross-validation on the
   independent training sets (`trustwork evaluate --split cv-pool`), the reader deciding scores a verdict accuracy
   of 0.956 on the 26,363 statements that are on topic; on the 9,455 there were in the third session, the patterns
   with the reader only filling gaps scored 0.933, the patterns alone 0.67 and the reader on words alone 0.940.
6. **Verdict.** Any deflection marker makes the statement a deflection; otherwise any accountability marker
   makes it accountable; otherwise it is unclear.

Offsets always point into the text exactly as given: normalisation (curly quotes, case) keeps every
character in place, and patterns match any run of white space between words.

Usage::

    >>> from trustwork.analyzer import analyze
    >>> result = analyze("I'm sorry, but you pushed me away.")
    >>> result.verdict, result.categories
    ('deflection', ['remorse', 'blame_shifting'])
"""
from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ContentError
from .paths import data_dir, display_path
from .pattern_index import PatternIndex
from .taxonomy import ACCOUNTABILITY, DEFLECTION, FAMILY, taxonomy
from .validation import read_yaml, schema_errors

VERDICTS = ("accountability", "deflection", "unclear")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u00a0": " ",
                         "\u2013": "-", "\u2014": "-", "\u2026": "."})


@dataclass(frozen=True)
class Marker:
    """A span of the statement that shows one taxonomy category."""
    category: str
    start: int
    end: int
    text: str

    @property
    def family(self) -> str:
        return FAMILY[self.category]


@dataclass
class Analysis:
    """The analyzer's reading of one statement (the JSON contract of `trustwork analyze --json`)."""
    text: str
    verdict: str
    categories: list[str]
    markers: list[Marker]
    feedback: str

    def to_dict(self) -> dict:
        """The DESIGN.md contract: text, verdict, categories, markers (category, start, end, text), feedback."""
        return {"text": self.text, "verdict": self.verdict, "categories": list(self.categories),
                "markers": [asdict(m) for m in self.markers], "feedback": self.feedback}

    def found(self, family: str) -> list[str]:
        """The categories found from one family (`accountability` or `deflection`), in order of appearance."""
        return [c for c in self.categories if FAMILY[c] == family]


@dataclass(frozen=True)
class _Kind:
    category: str
    negatable: bool
    disclaimer: bool


@dataclass
class PatternSet:
    """The compiled contents of `data/analyzer_patterns.yaml`."""
    index: PatternIndex
    negator: re.Pattern
    clause_break: re.Pattern
    contrast: re.Pattern
    other_party: re.Pattern
    reported_speech: re.Pattern
    reported_after: re.Pattern


def normalise(text: str) -> str:
    """Lower-case and straighten quotes and dashes, keeping every character at the same offset."""
    straight = text.translate(_QUOTES)
    lowered = straight.lower()
    if len(lowered) == len(straight):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in straight)


_LITERAL_GROUP = re.compile(r"\(\?:([a-z0-9' -]+(?:\|[a-z0-9' -]+)+)\)")


def _trie(words: list[str]) -> str:
    """One regex for a set of literal alternatives, sharing common prefixes (much faster to match)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [ch + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
        if ends:
            body = f"{body}?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{'|'.join(branches)})?"
        return body

    return f"(?:{emit(tree)})"


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(5):
        expanded = re.sub(r"\{([A-Z_]+)\}", lambda m: f"(?:{macros[m.group(1)]})", pattern)
        if expanded == pattern:
            break
        pattern = expanded
    pattern = _LITERAL_GROUP.sub(lambda m: _trie(m.group(1).split("|")), pattern)
    return pattern.replace(" ", r"\s+")


def _compile(expanded: str) -> re.Pattern:
    # Statements are lower-cased before matching, so no IGNORECASE (it halves the speed).
    return re.compile(rf"(?<![\w'])(?:{expanded.lower()})(?![\w])")


def pattern_errors(doc, path: Path) -> list[ContentError]:
    """Schema problems, unknown macros, and patterns that do not compile or miss their own example."""
    errors = schema_errors(doc, "analyzer_patterns", path)
    if errors:
        return errors
    shown = display_path(path)
    macros = doc["macros"]
    for category, entries in doc["categories"].items():
        if category not in FAMILY:
            errors.append(ContentError(shown, category, None, "not a taxonomy category"))
            continue
        for index, entry in enumerate(entries):
            where = f"[{index}].pattern"
            control = [hex(ord(ch)) for ch in entry["pattern"] if ord(ch) < 32]
            if control:
                errors.append(ContentError(shown, category, where, f"contains control character(s) {control}; in a "
                                           "double-quoted YAML string write \\\\b for a word boundary, not \\b"))
                continue
            unknown = [m for m in re.findall(r"\{([A-Z_]+)\}", entry["pattern"]) if m not in macros]
            if unknown:
                errors.append(ContentError(shown, category, where, f"unknown macro(s) {unknown}"))
                continue
            try:
                regex = _compile(_expand(entry["pattern"], macros))
            except re.error as exc:
                errors.append(ContentError(shown, category, where, f"does not compile: {exc}"))
                continue
            if not regex.search(normalise(entry["example"])):
                errors.append(ContentError(shown, category, f"[{index}].example",
                                           f"the pattern does not match its own example {entry['example']!r}"))
    missing = [c for c in FAMILY if c not in doc["categories"]]
    for category in missing:
        errors.append(ContentError(shown, category, None, "has no patterns"))
    return errors


def load_patterns(path: Path | None = None) -> PatternSet:
    """Load, validate and compile the analyzer's patterns."""
    path = Path(path) if path else data_dir() / "analyzer_patterns.yaml"
    doc = read_yaml(path)
    errors = pattern_errors(doc, path)
    if errors:
        raise errors[0]
    macros = doc["macros"]
    rules = doc["rules"]
    index = PatternIndex()
    for category, entries in doc["categories"].items():
        for e in entries:
            kind = _Kind(category, e.get("negatable", True), e.get("disclaimer", False))
            index.add(kind, _compile(_expand(e["pattern"], macros)))

    def rule(name: str) -> re.Pattern:
        return re.compile(_expand(rules[name], macros), re.IGNORECASE)

    return PatternSet(index=index, negator=rule("negator"), clause_break=rule("clause_break"),
                      contrast=rule("contrast"), other_party=rule("other_party"),
                      reported_speech=rule("reported_speech"), reported_after=rule("reported_after"))


@lru_cache(maxsize=None)
def patterns() -> PatternSet:
    """The course's compiled patterns, loaded once per process."""
    return load_patterns()


class _Text:
    """One normalised statement with its clause and sentence boundaries, computed once."""

    _SENTENCE_END = re.compile(r"[.!?;\n]")

    def __init__(self, norm: str, rules: PatternSet):
        self.norm = norm
        self.rules = rules
        breaks = list(rules.clause_break.finditer(norm))
        self.clause_ends = [m.end() for m in breaks]
        self.clause_break_starts = [m.start() for m in breaks]
        self.sentence_ends = [m.start() for m in self._SENTENCE_END.finditer(norm)]

    def clause_start(self, position: int) -> int:
        index = bisect.bisect_right(self.clause_ends, position) - 1
        return self.clause_ends[index] if index >= 0 else 0

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around a span, without its surrounding white space (the span itself if longer)."""
        index = bisect.bisect_left(self.clause_break_starts, end)
        clause_end = self.clause_break_starts[index] if index < len(self.clause_break_starts) else len(self.norm)
        clause_start = min(self.clause_start(start), start)
        while clause_start < start and self.norm[clause_start].isspace():
            clause_start += 1
        while clause_end > end and self.norm[clause_end - 1].isspace():
            clause_end -= 1
        return clause_start, max(clause_end, end)

    def sentence(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_left(self.sentence_ends, position)
        start = self.sentence_ends[index - 1] + 1 if index > 0 else 0
        end = self.sentence_ends[index] if index < len(self.sentence_ends) else len(self.norm)
        return start, end

    def negated(self, start: int) -> bool:
        return bool(self.rules.negator.search(self.norm, self.clause_start(start), start))

    def reported(self, start: int, end: int) -> bool:
        sentence_start, sentence_end = self.sentence(start)
        return bool(self.rules.reported_speech.search(self.norm, sentence_start, start)
                    or self.rules.reported_after.match(self.norm, end, sentence_end))


# Where a pattern may begin: not inside a word (every pattern starts with the same look-behind) nor on a space.
_WORD_START = re.compile(r"(?<![\w'])\S")


def _raw_markers(text: _Text) -> tuple[list[Marker], list[tuple[int, int]]]:
    markers, disclaimers = [], []
    starts = [m.start() for m in _WORD_START.finditer(text.norm)]
    for kind, found in text.rules.index.matches(text.norm, starts):
        if kind.negatable and text.negated(found.start()):
            continue
        if FAMILY[kind.category] == "deflection" and text.reported(found.start(), found.end()):
            continue
        markers.append(Marker(kind.category, found.start(), found.end(), ""))
        if kind.disclaimer:
            disclaimers.append((found.start(), found.end()))
    return markers, disclaimers


def _excused(marker: Marker, disclaimers: list[tuple[int, int]], text: _Text) -> bool:
    """Rule 4: a reason is not an excuse when the speaker says so (and does not take it back with "but")."""
    for start, end in disclaimers:
        if end <= marker.start:
            if not text.rules.contrast.search(text.norm, end, marker.start):
                return True
        else:
            return True
    return False


def _contrast_markers(text: _Text, markers: list[Marker], turn: str | None = None) -> list[Marker]:
    """Rule 2: an accountable clause followed by "but" + a clause that brings no accountability of its own.

    The turn is blame-shifting when the clause points at someone else, justifying when it is about the speaker,
    and otherwise `turn` (the learned reader's likeliest deflection), if given.
    """
    extra = []
    rules = text.rules
    for found in rules.contrast.finditer(text.norm):
        before = [m for m in markers if m.end <= found.start() and m.family == "accountability"]
        if not before:
            continue
        _, clause_end = text.sentence(found.end())
        following = [m for m in markers if found.end() <= m.start < clause_end]
        if following:
            continue
        clause = text.norm[found.end():clause_end]
        if text.negated(found.start()) and not rules.other_party.search(clause):
            continue
        if rules.other_party.search(clause):
            category = "blame_shifting"
        elif re.search(r"\b(?:i|i'm|i was|i had|i felt)\b", clause):
            category = "justifying"
        elif turn:
            category = turn
        else:
            continue
        end = clause_end
        while end > found.end() and (text.norm[end - 1].isspace() or text.norm[end - 1] in ",;:"):
            end -= 1
        extra.append(Marker(category, found.start(), end, ""))
    return extra


def _dedupe(markers: list[Marker], original: str) -> list[Marker]:
    """Keep one marker per category per overlapping span, in reading order, with the original text."""
    kept: list[Marker] = []
    for marker in sorted(markers, key=lambda m: (m.start, -(m.end - m.start), m.category)):
        if any(k.category == marker.category and k.start < marker.end and marker.start < k.end for k in kept):
            continue
        kept.append(Marker(marker.category, marker.start, marker.end, original[marker.start:marker.end]))
    return kept


def _feedback(text: str, verdict: str, categories: list[str], markers: list[Marker]) -> str:
    names = taxonomy()
    if not text.strip():
        return "There is nothing to analyse yet. Write what the partner might say, in a sentence or two."
    if verdict == "unclear":
        return ("No marker of accountability or deflection was found. Try naming what was done as your own "
                "choice, the hurt it caused, and one specific thing you will do differently. (The analyzer reads "
                "English statements; other languages and very short answers come back as unclear.)")
    good = [c for c in categories if FAMILY[c] == "accountability"]
    bad = [c for c in categories if FAMILY[c] == "deflection"]
    parts = []
    if good:
        parts.append("Done well: " + "; ".join(f"{names[c].name.lower()} ({names[c].definition[0].lower()}"
                                                 f"{names[c].definition[1:].rstrip('.')})" for c in good) + ".")
    if bad:
        quoted = {c: next(m.text for m in markers if m.category == c) for c in bad}
        parts.append("What undoes it: " + "; ".join(f"{names[c].name.lower()} in \"{quoted[c]}\"" for c in bad)
                     + ". One deflection undoes an apology.")
        parts.append("Try: " + names[bad[0]].tip)
    else:
        missing = [c for c in ("ownership", "impact", "commitment") if c not in good]
        if missing:
            parts.append(f"To go further, add {names[missing[0]].name.lower()}: {names[missing[0]].tip}")
    return " ".join(parts)


# Rule 5's setting, chosen by cross-validation on the independent training sets (never on a test set): how sure the
# learned reader must be that a statement deflects before its verdict is deflection.
DEFLECTION_THRESHOLD = 0.5
# In a statement of several sentences, how sure it must be that one sentence deflects, on how many familiar features,
# when the whole reads as accountable (also chosen by cross-validation: accuracy 0.946 without, 0.949 with).
SENTENCE_THRESHOLD = 0.98
SENTENCE_MIN_EVIDENCE = 6
# A deflection often has a second face (an excuse that also blames). The reader's runner-up deflection is reported
# too when it is at least this share as probable as its first; by cross-validation this raises the share of
# deflections whose main category is reported (0.863 to 0.889) without lowering the F1 of the categories reported.
SECOND_DEFLECTION_SHARE = 0.4
# Where no pattern matched, text the reader is this sure is about something else entirely (it has learned from
# off-topic text labelled `unclear`) is left unclear. By cross-validation, 0.8 leaves 83% of impersonal and 63% of
# personal off-topic text unclear and costs 0.15 points of accuracy on statements that are on topic (0.5: 91%, 78%,
# 0.34 points).
# All four settings were re-checked in the fifth session on a pool of 25,000 statements (on-topic accuracy 0.9591,
# primary recall 0.896, 73% of off-topic text unclear), and kept: threshold 0.55 gained 0.06 points but lost 0.2 points
# of primary recall, 0.45 lost 0.04; sentence 0.95 and 0.99 lost 0.19 and gained 0.03; off-topic 0.7 left 78% unclear
# for 0.1 points, 0.9 left 65% for +0.09; runner-up 0.3 raised primary recall to 0.901 at the same category F1 (0.725),
# a candidate for the next change of settings, 0.5 lowered it.
OFF_TOPIC_THRESHOLD = 0.8


def pattern_markers(text: str, rules: PatternSet | None = None) -> list[Marker]:
    """Rules 1-4: the phrase patterns' markers (negation, reported words, excuses, contrasts), before the reader."""
    context = _Text(normalise(text), rules or patterns())
    return _dedupe(_pattern_markers(context), text)


def _pattern_markers(context: _Text) -> list[Marker]:
    markers, disclaimers = _raw_markers(context)
    if disclaimers:
        markers = [m for m in markers if not (m.category == "justifying" and _excused(m, disclaimers, context))]
    return markers + _contrast_markers(context, markers)


def cues(markers: list[Marker]) -> list[tuple[str, int, int]]:
    """The patterns' findings as features for the learned reader ("pattern:blame_shifting" over its span)."""
    return [(f"pattern:{m.category}", m.start, m.end) for m in markers]


def _decided(text: _Text, markers: list[Marker], reader, reading) -> list[Marker]:
    """Rule 5: the reader, which has also seen what the patterns found, decides the family; markers follow it."""
    if not reading.found or not (markers or reader.speaks_on(reading, text.norm)):
        return markers
    if reading.off_topic >= OFF_TOPIC_THRESHOLD and not markers:
        return []
    family = "deflection" if reading.deflection >= DEFLECTION_THRESHOLD else "accountability"
    if family == "accountability":
        sentence = _deflecting_sentence(text, reader, reading)
        if sentence is not None:
            reading, family = sentence, "deflection"
    kept = [m for m in markers if m.family == "accountability" or family == "deflection"]
    if family == "accountability":
        return kept or _reader_marker(text, reading, reading.top(family))
    first, second = reading.ranked("deflection")[:2]
    if not any(m.family == "deflection" for m in kept):
        kept += _contrast_markers(text, kept, first)
    close = reading.probabilities[second] >= SECOND_DEFLECTION_SHARE * reading.probabilities[first]
    for category in [first, second] if close else [first]:
        if not any(m.category == category for m in kept):
            kept += _reader_marker(text, reading, category)
    return kept


def _reader_marker(text: _Text, reading, category: str) -> list[Marker]:
    """A marker for `category` on the clause of the reader's evidence for it (none when it recognised nothing)."""
    evidence = reading.evidence(category)
    return [Marker(category, *text.clause(*evidence), "")] if evidence else []


def _deflecting_sentence(text: _Text, reader, reading):
    """In a statement of several sentences, the reading of one sentence the reader is sure deflects, if any."""
    bounds, start = [], 0
    for end in text.sentence_ends + [len(text.norm)]:
        while start < end and text.norm[start].isspace():
            start += 1
        if text.norm[start:end].strip("\"'"):
            bounds.append((start, end))
        start = end + 1
    if len(bounds) < 2:
        return None
    for part in reader.read_parts(reading, bounds, SENTENCE_MIN_EVIDENCE):
        if part is not None and part.deflection >= SENTENCE_THRESHOLD:
            return part
    return None


def analyze(text: str, rules: PatternSet | None = None, reader="default") -> Analysis:
    """Analyse one statement (one or several sentences) and never raise on odd input.

    >>> analyze("I'm not going to make excuses. I lied to you.").verdict
    'accountability'
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    norm = normalise(text)
    context = _Text(norm, rules or patterns())
    markers = _pattern_markers(context)
    if reader == "default":
        from .analyzer_model import model

        reader = model()
    if reader is not None:
        markers = _decided(context, markers, reader, reader.read(norm, cues(markers)))
    markers = _dedupe(markers, text)
    categories = list(dict.fromkeys(m.category for m in markers))
    if any(m.family == "deflection" for m in markers):
        verdict = "deflection"
    elif markers:
        verdict = "accountability"
    else:
        verdict = "unclear"
    return Analysis(text, verdict, categories, markers, _feedback(text, verdict, categories, markers))


def analyze_many(texts, reader="default") -> list[Analysis]:
    """Analyse statements in order (`reader=None` uses the phrase patterns alone)."""
    rules = patterns()
    return [analyze(t, rules, reader) for t in texts]


__all__ = ["ACCOUNTABILITY", "DEFLECTION", "VERDICTS", "Analysis", "Marker", "analyze", "analyze_many",
           "load_patterns", "normalise", "patterns"]
