"""The pattern index finds the same match beginnings as trying every pattern at every position."""
import re

import pytest

from trustwork.analyzer import _WORD_START, normalise, patterns
from trustwork.pattern_index import PatternIndex, match_prefixes
from trustwork.statements import statement_bank


@pytest.mark.parametrize("pattern, expected", [
    (r"sorry", {"so"}),
    (r"(?:i|we) lied", {"i ", "we"}),
    (r"i\s+lied", {"i "}),
    (r"(?<![\w'])(?:just|only) a", {"ju", "on"}),
    (r"a?b", {"ab", "b"}),
    (r"\w+ lied", None),
    (r".", None),
])
def test_match_prefixes(pattern, expected):
    assert match_prefixes(re.compile(pattern)) == expected


def test_unlistable_patterns_are_searched_everywhere():
    index = PatternIndex()
    index.add("any", re.compile(r"\w+ed"))
    index.add("sorry", re.compile(r"sorry"))
    text = "i lied and i'm sorry"
    found = sorted((key, m.start()) for key, m in index.matches(text, range(len(text))))
    assert found == [("any", 2), ("sorry", 15)]


def test_remembered_beginnings_are_forgotten_when_a_pattern_is_added():
    index = PatternIndex()
    index.add("sorry", re.compile(r"sorry"))
    text = "so sorry"
    assert [(key, m.start()) for key, m in index.matches(text, [0, 3])] == [("sorry", 3)]
    index.add("so", re.compile(r"so\b"))
    assert sorted((key, m.start()) for key, m in index.matches(text, [0, 3])) == [("so", 0), ("sorry", 3)]


def test_index_finds_exactly_what_matching_at_each_start_finds():
    """On bank statements (some with new lines and tabs between words), for every course pattern, the index's matches are those of `regex.match` at each
    start (or, for patterns it could not index, those of `finditer`)."""
    rules = patterns()
    indexed = {id(r): r for table in rules.index._by_length for entries in table.values() for _, r in entries}
    everywhere = {id(r): r for _, r in rules.index._everywhere}
    regexes = list(indexed.values()) + list(everywhere.values())
    index = PatternIndex()
    for number, regex in enumerate(regexes):
        index.add(number, regex)
    checked = 0
    texts = [normalise(s.text) for s in statement_bank()]
    texts += [re.sub(r" ", lambda m: "\n\t"[len(m.string) % 2], text, count=4) for text in texts[::3]]
    for text in texts:
        starts = [m.start() for m in _WORD_START.finditer(text)]
        expected = {(n, p) for n, regex in enumerate(regexes[:len(indexed)]) for p in starts if regex.match(text, p)}
        expected |= {(len(indexed) + n, m.start()) for n, regex in enumerate(everywhere.values())
                     for m in regex.finditer(text)}
        assert {(key, m.start()) for key, m in index.matches(text, starts)} == expected, text
        checked += len(expected)
    assert checked > 500
