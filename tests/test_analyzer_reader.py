"""The learned reader: how it joins the phrase patterns (rule 5), its guard against off-topic text, its
weights file, and that the committed weights are what training produces."""
from __future__ import annotations

import json

import pytest

from trustwork.analyzer import (DEFLECTION_THRESHOLD, OFF_TOPIC_THRESHOLD, SECOND_DEFLECTION_SHARE, analyze, cues,
                                normalise, pattern_markers)
from trustwork.analyzer_model import Reader, Reading, features, load_reader, model
from trustwork.errors import ContentError
from trustwork.reader_training import differences, main as training_main, train
from trustwork.statements import Labelled
from trustwork.taxonomy import FAMILY, OFF_TOPIC


class StubReader:
    """A reader that gives a fixed reading (the rest of the probability on one category of the other family),
    with its evidence on the first word."""

    def __init__(self, top: str, probability: float, familiar: int = 20):
        self.top, self.probability, self.familiar = top, probability, familiar

    def _reading(self, norm: str) -> Reading:
        other = "blame_shifting" if FAMILY[self.top] == "accountability" else "ownership"
        probabilities = {c: 0.0 for c in FAMILY} | {self.top: self.probability, other: 1 - self.probability}
        word_end = norm.find(" ") if " " in norm else len(norm)
        found = [(f"w{i}", 0, word_end) for i in range(self.familiar)]
        weights = {name: tuple(1.0 if c == self.top else 0.0 for c in FAMILY) for name, _, _ in found}
        return Reading(probabilities, found, weights, self.familiar)

    def read(self, norm, cues=()):
        self.whole, self.cues = norm, list(cues)
        return self._reading(norm)

    def read_parts(self, reading, bounds, min_familiar=0):
        for start, end in bounds:
            part = self._reading(self.whole[start:end])
            part.found = [(name, first + start, last + start) for name, first, last in part.found]
            yield part

    def speaks_on(self, reading, norm):
        return self.familiar >= 2


class SentenceStub(StubReader):
    """Sure of a deflection only when it reads the sentence about the rent on its own."""

    def _reading(self, norm):
        sure = "rent" in norm and "lied" not in norm
        return StubReader("minimizing", 0.99 if sure else 0.3)._reading(norm)


class TwoFacedStub(StubReader):
    """Reads a deflection as justifying first and blame-shifting second, the second with `share` of the first's
    probability."""

    def __init__(self, share: float):
        super().__init__("justifying", 0.5)
        self.share = share

    def _reading(self, norm):
        reading = super()._reading(norm)
        reading.probabilities |= {"blame_shifting": 0.5 * self.share, "ownership": 0.5 * (1 - self.share)}
        return reading


class OffTopicStub(StubReader):
    """Reads everything as off-topic with probability `share`, the rest as minimizing."""

    def __init__(self, share: float):
        super().__init__("minimizing", 1 - share)
        self.share = share

    def _reading(self, norm):
        reading = super()._reading(norm)
        reading.probabilities = {c: 0.0 for c in FAMILY} | {"minimizing": 1 - self.share, OFF_TOPIC: self.share}
        return reading


ACCOUNTABLE = "I lied to you about the money, and I'll show you the statements every Friday."


def test_where_no_pattern_matches_the_reader_gives_the_marker():
    text = "Whatever the reason, the fund went somewhere."
    assert analyze(text, reader=None).verdict == "unclear"
    result = analyze(text, reader=StubReader("minimizing", 0.9))
    assert result.verdict == "deflection" and result.categories == ["minimizing"]
    assert result.markers[0].text == "Whatever the reason", "the clause of the evidence, up to the comma"


def test_the_reader_sees_what_the_patterns_found():
    text = "I'm sorry, but you pushed me away."
    reader = StubReader("blame_shifting", 0.9)
    analyze(text, reader=reader)
    assert {name for name, _, _ in reader.cues} == {"pattern:remorse", "pattern:blame_shifting"}
    assert all(text[start:end].strip() for _, start, end in reader.cues)
    assert {name for name, _, _ in cues(pattern_markers(text))} == {name for name, _, _ in reader.cues}


def test_a_reader_sure_of_a_deflection_adds_one_the_patterns_missed():
    assert analyze(ACCOUNTABLE, reader=None).verdict == "accountability"
    result = analyze(ACCOUNTABLE, reader=StubReader("justifying", DEFLECTION_THRESHOLD + 0.05))
    assert result.verdict == "deflection"
    assert "justifying" in result.categories and "ownership" in result.categories


def test_a_reader_unsure_of_a_deflection_leaves_accountability_alone():
    unsure = analyze(ACCOUNTABLE, reader=StubReader("justifying", DEFLECTION_THRESHOLD - 0.05))
    assert unsure.verdict == "accountability"
    assert unsure.categories == analyze(ACCOUNTABLE, reader=None).categories


def test_the_reader_names_a_missing_deflection_category():
    text = "I'm sorry, but you pushed me away."
    patterns_only = analyze(text, reader=None)
    with_reader = analyze(text, reader=StubReader("justifying", 0.6))
    assert set(with_reader.categories) == set(patterns_only.categories) | {"justifying"}


def test_a_reader_sure_there_is_no_deflection_drops_the_patterns_deflection_markers():
    text = "I'm sorry, but you pushed me away."
    patterns_only = analyze(text, reader=None)
    assert patterns_only.found("accountability") and patterns_only.found("deflection")
    sure = analyze(text, reader=StubReader("remorse", 1 - DEFLECTION_THRESHOLD + 0.05))
    assert sure.verdict == "accountability" and sure.categories == patterns_only.found("accountability")
    unsure = analyze(text, reader=StubReader("remorse", 1 - DEFLECTION_THRESHOLD - 0.05))
    assert unsure.verdict == "deflection"


def test_where_the_reader_overrules_a_lone_deflection_it_names_the_accountability():
    bare = "You pushed me away."
    assert analyze(bare, reader=None).categories == ["blame_shifting"]
    result = analyze(bare, reader=StubReader("remorse", 0.9))
    assert result.verdict == "accountability" and result.categories == ["remorse"]
    assert result.markers[0].text == "You pushed me away"


def test_a_reader_that_recognises_nothing_leaves_the_patterns_alone():
    text = "I'm sorry, but you pushed me away."
    result = analyze(text, reader=StubReader("remorse", 0.99, familiar=0))
    assert result.categories == analyze(text, reader=None).categories


@pytest.mark.parametrize("text", [
    "Preheat the oven to 180 degrees and add two eggs.",
    "Photosynthesis converts light into chemical energy.",
    "Arsenal won two nil on Saturday.",
    "Hola, ¿cómo estás? Me gustaría un café.",
    "Das ist mir egal.",
])
def test_off_topic_or_foreign_text_stays_unclear_with_the_real_reader(text):
    assert analyze(text).verdict == "unclear"


def test_the_real_reader_hears_a_deflection_with_no_pronoun_and_no_pattern():
    text = "Money was tight back then, and the loan looked like the sensible option at the time."
    assert analyze(text, reader=None).verdict == "unclear"
    assert analyze(text).verdict == "deflection"


def test_evidence_points_at_the_statement():
    text = "Honestly the whole thing got blown out of proportion by everyone."
    reading = model().read(normalise(text))
    start, end = reading.evidence(reading.top())
    assert 0 <= start < end <= len(text) and text[start:end].strip()


def test_a_broken_weights_file_is_named(tmp_path):
    path = tmp_path / "analyzer_reader.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError, match=r"analyzer_reader.json.*cannot be read as JSON"):
        load_reader(path)
    path.write_text(json.dumps({"categories": ["ownership"], "bias": [0.0], "weights": {}}), encoding="utf-8")
    with pytest.raises(ContentError, match=r"16 taxonomy categories"):
        load_reader(path)
    categories = list(FAMILY)
    path.write_text(json.dumps({"categories": categories, "bias": [0.0] * 16, "weights": {"sorry": [1.0]}}))
    with pytest.raises(ContentError, match=r"sorry.*16 numbers"):
        load_reader(path)


def test_training_learns_from_its_statements():
    statements = [Labelled(f"T{i}", text, label, (category,)) for i, (text, label, category) in enumerate([
        ("I lied to you and it was my choice", "accountability", "ownership"),
        ("I chose to lie to you, that was me", "accountability", "ownership"),
        ("you made me do it with your nagging", "deflection", "blame_shifting"),
        ("your nagging made me do it", "deflection", "blame_shifting"),
    ] * 3)]
    reader = train(statements)
    assert reader.read(normalise("it was my choice to lie")).top() == "ownership"
    assert reader.read(normalise("your nagging made me")).top() == "blame_shifting"


def test_committed_weights_are_what_training_produces(tmp_path, capsys):
    assert training_main(["--check"]) == 0
    committed = load_reader()
    tampered = Reader(committed.categories, committed.bias,
                      {name: [w + 0.5 for w in row] if index == 0 else list(row)
                       for index, (name, row) in enumerate(committed.weights.items())})
    assert differences(committed, committed) == []
    assert any("differ by up to 0.5" in problem for problem in differences(tampered, committed))


def test_a_close_second_deflection_is_reported_too():
    text = "Whatever the reason, the fund went somewhere."
    close = analyze(text, reader=TwoFacedStub(SECOND_DEFLECTION_SHARE + 0.05))
    assert close.verdict == "deflection" and sorted(close.categories) == ["blame_shifting", "justifying"]
    distant = analyze(text, reader=TwoFacedStub(SECOND_DEFLECTION_SHARE - 0.05))
    assert distant.categories == ["justifying"]
    accountable = analyze(ACCOUNTABLE, reader=StubReader("ownership", 0.7))
    assert accountable.verdict == "accountability", "no runner-up deflection is added to an accountable reading"


def test_text_the_reader_takes_for_off_topic_stays_unclear_unless_a_pattern_speaks():
    weather = "The bus to the coast was late again this morning."
    assert analyze(weather, reader=None).verdict == "unclear"
    assert analyze(weather, reader=OffTopicStub(OFF_TOPIC_THRESHOLD + 0.05)).verdict == "unclear"
    assert analyze(weather, reader=OffTopicStub(OFF_TOPIC_THRESHOLD - 0.05)).verdict == "deflection"
    assert analyze(ACCOUNTABLE, reader=OffTopicStub(0.9)).verdict != "unclear", "what the patterns found is read"


def test_the_chance_of_deflection_is_among_on_topic_readings():
    reading = OffTopicStub(0.6)._reading("the bus was late")
    assert reading.off_topic == pytest.approx(0.6)
    assert reading.deflection == pytest.approx(1.0)
    assert StubReader("minimizing", 0.3)._reading("x").off_topic == 0.0


def test_one_sentence_the_reader_is_sure_of_is_enough_in_a_long_statement():
    text = "I lied to you about the money, and I'll show you the statements every Friday. The rent was only late once."
    patterns_only = analyze(text, reader=None)
    assert patterns_only.verdict == "accountability", patterns_only.categories
    result = analyze(text, reader=SentenceStub("minimizing", 0.3))
    assert result.verdict == "deflection" and "minimizing" in result.categories
    marker = next(m for m in result.markers if m.category == "minimizing")
    assert marker.start >= text.index("The rent"), "the marker is placed in the sentence that deflects"
    single = "I lied to you about the money and the rent, and I'll show you the statements every Friday."
    assert analyze(single, reader=SentenceStub("minimizing", 0.3)).verdict == "accountability"


def test_reading_part_of_a_statement_matches_reading_that_part_alone():
    text = normalise("I lied to you about the money. It was only a bit of fun, honestly.")
    second = text.index("it was")
    bounds = [(0, second - 1), (second, len(text))]
    whole = model().read(text)
    first_part, part = model().read_parts(whole, bounds)
    for (start, end), reading in zip(bounds, (first_part, part)):
        alone = model().read(text[start:end])
        assert sorted(name for name, _, _ in reading.found) == sorted(name for name, _, _ in alone.found)
        assert all(start <= first and last <= end for _, first, last in reading.found)
        assert reading.probabilities == pytest.approx(alone.probabilities)
    across = [feature for feature in whole.found if feature[0] == "money it"]
    assert across and not any(f in first_part.found + part.found for f in across), "no pair across sentences"
    floor = max(first_part.familiar, part.familiar) + 1
    assert list(model().read_parts(whole, bounds, min_familiar=floor)) == [None, None]
    assert list(model().read_parts(whole, bounds, min_familiar=part.familiar))[1] is not None


def _names(text: str) -> list[str]:
    return [name for name, _, _ in features(normalise(text))]


def test_features_mark_negation_until_the_clause_ends():
    names = _names("I didn't blame you, you were right")
    assert "not_blame" in names and "not_you" in names
    assert "you" in names and "not_were" not in names and "were" in names
    assert "didn't not_blame" in names


def test_texting_spellings_read_as_the_words_they_stand_for():
    assert "not_blame" in _names("i dont blame u") and "you" not in _names("i dont blame u")


def test_words_after_a_turn_are_marked_until_the_sentence_ends():
    norm = normalise("I'm sorry, though honestly you left me alone. I was wrong.")
    found = features(norm)
    turned = [name for name, _, _ in found if name.startswith("turn:")]
    assert turned == ["turn:honestly", "turn:you", "turn:left", "turn:me", "turn:alone"]
    assert all(norm[start:end] == name[len("turn:"):] for name, start, end in found if name.startswith("turn:"))
    assert not any(name.startswith("turn:") for name in _names("I'm sorry. You left me alone."))
    assert "turn:not_there" in _names("To be fair, you were never there")
