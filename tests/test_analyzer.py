"""The analyzer: each category's markers, the structural rules, odd inputs and honest offsets.

The statements here are written for these tests, not taken from the bank, so they check that the analyzer
reads language rather than remembering sentences.
"""
from __future__ import annotations

import pytest

from trustwork.analyzer import analyze, load_patterns, normalise
from trustwork.taxonomy import ACCOUNTABILITY, DEFLECTION

# (statement, category that must be found)
CATEGORY_CASES = [
    ("I lied to you about the money in the blue tin.", "ownership"),
    ("That decision was mine and nobody else's.", "ownership"),
    ("My lying made you doubt your own judgement.", "impact"),
    ("Because of me you stopped feeling safe at home.", "impact"),
    ("Of course you're angry with me.", "empathy"),
    ("Your distrust is completely understandable.", "empathy"),
    ("I'm so sorry for deceiving you.", "remorse"),
    ("I regret hiding the statements from you.", "remorse"),
    ("I'll show you the bank app every Friday evening.", "commitment"),
    ("I've booked an appointment with a debt adviser for Monday.", "commitment"),
    ("Ask me anything about that trip and I'll answer.", "transparency"),
    ("You can look through my phone whenever you like.", "transparency"),
    ("Take all the time you need.", "patience"),
    ("I'm not asking you to trust me yet.", "patience"),
    ("You drove me to it with all your nagging.", "blame_shifting"),
    ("She kept texting me; it's not like I went looking.", "blame_shifting"),
    ("It was only a couple of drinks with him.", "minimizing"),
    ("Honestly, it didn't mean anything.", "minimizing"),
    ("I was so lonely that winter.", "justifying"),
    ("Anybody would have done the same in my position.", "justifying"),
    ("I'm sorry if that upset you.", "conditional_apology"),
    ("I'm sorry you feel so betrayed.", "conditional_apology"),
    ("You need to let it go now.", "rushing"),
    ("How many times do I have to apologise?", "rushing"),
    ("Nothing happened between us, you're imagining it.", "denial"),
    ("I never took a penny from that account.", "denial"),
    ("What about the time you read my diary?", "counter_attack"),
    ("You're being completely hysterical about this.", "counter_attack"),
    ("Has anyone thought about how hard this has been for me?", "self_focus"),
    ("I can't take much more of this.", "self_focus"),
    ("I'm not discussing my phone with you.", "stonewalling"),
    ("That's none of your business.", "stonewalling"),
]


@pytest.mark.parametrize("text, category", CATEGORY_CASES)
def test_category_markers(text, category):
    result = analyze(text, reader=None)
    assert category in result.categories, (text, result.categories)
    expected = "accountability" if category in ACCOUNTABILITY else "deflection"
    assert result.verdict == expected


def test_every_category_is_exercised_above():
    assert {c for _, c in CATEGORY_CASES} == set(ACCOUNTABILITY + DEFLECTION)


@pytest.mark.parametrize("text", [
    "I'm sorry, but you pushed me away.",
    "I'm sorry, but if you had been home more this would never have happened.",
    "I take full responsibility. That said, you were never around.",
    "I apologise if anything I did came across badly.",
    "I'm not making excuses, but I was exhausted and you weren't listening.",
])
def test_one_deflection_undoes_an_apology(text):
    result = analyze(text, reader=None)
    assert result.verdict == "deflection", result.categories
    assert any(c in ACCOUNTABILITY for c in result.categories) or "conditional_apology" in result.categories


@pytest.mark.parametrize("text", [
    "I'm not going to make excuses for what I did.",
    "None of this is your fault.",
    "Nothing you did caused this.",
    "I won't ask you to move on.",
    "I was lonely, but that's no excuse for lying to you.",
    "I want us to understand why I did it; it doesn't make it okay.",
    "It's not your fault I drank again.",
])
def test_negated_deflection_and_explanations_are_accountable(text):
    result = analyze(text, reader=None)
    assert result.verdict == "accountability", (text, [(m.category, m.text) for m in result.markers])


@pytest.mark.parametrize("text, category", [
    ("You keep saying you should be over it by now, and I understand why you can't be.", "rushing"),
    ("I told myself it was only a few messages. It was never small.", "minimizing"),
])
def test_reported_words_are_not_the_speakers_deflection(text, category):
    assert category not in analyze(text, reader=None).categories


@pytest.mark.parametrize("text", [
    "Mistakes were made.",
    "Things just got out of hand.",
])
def test_agentless_passives_deflect(text):
    assert analyze(text, reader=None).verdict == "deflection"


def test_sarcasm_is_counter_attack():
    assert "counter_attack" in analyze("Oh sure, I'm the worst person alive. Happy now?").categories


@pytest.mark.parametrize("text", ["", "   ", "\n", "🙂🙂🙂", "12345", "Je suis désolé pour tout.",
                                  "The weather is lovely today."])
def test_odd_or_off_topic_input_is_unclear_with_a_message(text):
    result = analyze(text)
    assert result.verdict == "unclear" and result.categories == [] and result.markers == []
    assert len(result.feedback) > 20


@pytest.mark.parametrize("value", [None, 42, b"bytes"])
def test_non_strings_never_raise(value):
    assert analyze(value).verdict in {"accountability", "deflection", "unclear"}


def test_ten_thousand_characters_are_read_whole():
    text = ("I lied to you. " * 600) + "But you pushed me away."
    assert len(text) > 9000
    result = analyze(text)
    assert result.verdict == "deflection"
    assert result.markers[-1].end <= len(text)


def test_curly_quotes_case_and_spacing_are_normalised_but_offsets_kept():
    text = "I\u2019M   SORRY   IF you\u2019re  upset."
    result = analyze(text, reader=None)
    assert "conditional_apology" in result.categories
    for marker in result.markers:
        assert text[marker.start:marker.end] == marker.text
    assert normalise(text) == "i'm   sorry   if you're  upset."


def test_offsets_point_at_the_right_text():
    text = "First, the facts. I'm sorry, but you pushed me away."
    result = analyze(text, reader=None)
    blame = next(m for m in result.markers if m.category == "blame_shifting")
    assert text[blame.start:blame.end] == blame.text == "you pushed me"
    remorse = next(m for m in result.markers if m.category == "remorse")
    assert text[remorse.start:remorse.end].lower() == "i'm sorry"


def test_feedback_names_what_was_done_well_and_what_undid_it():
    feedback = analyze("I'm sorry, but you pushed me away.", reader=None).feedback
    assert "Done well: remorse" in feedback and "blame-shifting" in feedback and "Try:" in feedback
    accountable = analyze("I lied to you, and I'll show you every statement.", reader=None).feedback
    assert "ownership" in accountable and "undoes" not in accountable


def test_json_contract_keys():
    record = analyze("I'm sorry if you were hurt.").to_dict()
    assert list(record) == ["text", "verdict", "categories", "markers", "feedback"]
    assert set(record["markers"][0]) == {"category", "start", "end", "text"}


def test_patterns_file_checks_its_own_examples(data_copy):
    path = data_copy / "analyzer_patterns.yaml"
    text = path.read_text()
    path.write_text(text.replace('example: "I lied to you about where I was."',
                                 'example: "Completely unrelated words."', 1))
    with pytest.raises(Exception, match=r"ownership.*does not match its own example"):
        load_patterns(path)


def test_a_control_character_in_a_pattern_is_named(data_copy):
    """In a double-quoted YAML string "\\b" is a backspace, so a word boundary silently never matches."""
    path = data_copy / "analyzer_patterns.yaml"
    text = path.read_text()
    broken = text.replace('example: "I lied to you about where I was."', 'example: "I lied to you about where I was."', 1)
    first = broken.index('    - pattern: "', broken.index("  ownership:"))
    broken = broken[:first] + '    - pattern: "lied\\bto|' + broken[first + len('    - pattern: "'):]
    path.write_text(broken)
    with pytest.raises(Exception, match=r"ownership.*\[0\]\.pattern.*control character.*0x8"):
        load_patterns(path)
