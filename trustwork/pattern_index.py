"""Find where many regular expressions match without scanning the text once per expression.

A regular expression that starts with an alternation is tried at every character of the text, so running the
analyzer's few hundred phrase patterns one after another costs most of its time. This index works out, from
each pattern's parsed form, the one- or two-character beginnings its matches can have, and tries a pattern only
at positions where the text begins that way. Patterns whose beginnings cannot be listed (they start with "any
word", say) are tried everywhere, as before. The matches found are exactly the ones `regex.match` finds at
those positions. The patterns to try for a given six-character beginning of the text are worked out once and
remembered, since the same beginnings ("i'm so", "you ne") recur from statement to statement.
"""
from __future__ import annotations

import re
from collections import defaultdict
from re import _constants as sre
from re import _parser as sre_parse

_WHITE_SPACE = re.compile(r"\s")
_MAX_PREFIXES = 400
_ZERO_WIDTH = {sre.ASSERT, sre.ASSERT_NOT}


class _TooBroad(Exception):
    pass


def _charset(items) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 64:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            chars.add(" ")  # the index looks at the text with every white-space character made a space
        else:
            raise _TooBroad
    return chars


def _prefixes(items: list, length: int) -> set[str]:
    """The beginnings (up to `length` characters) of every string the sequence `items` can match."""
    if length == 0 or not items:
        return {""}
    (op, av), rest = items[0], list(items[1:])
    if op is sre.LITERAL:
        chars = {chr(av)}
    elif op is sre.IN:
        chars = _charset(av)
    elif op is sre.SUBPATTERN:
        return _prefixes(list(av[3]) + rest, length)
    elif op is sre.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            found |= _prefixes(list(branch) + rest, length)
        return _limited(found)
    elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, body = av
        once = list(body)
        again = [(op, (max(0, low - 1), high if high is sre.MAXREPEAT else high - 1, body))] if high != 1 else []
        found = _prefixes(once + again + rest, length)
        if low == 0:
            found |= _prefixes(rest, length)
        return _limited(found)
    elif op in _ZERO_WIDTH:
        return _prefixes(rest, length)
    else:
        raise _TooBroad
    tails = _prefixes(rest, length - 1)
    return _limited({ch + tail for ch in chars for tail in tails})


def _limited(found: set[str]) -> set[str]:
    if len(found) > _MAX_PREFIXES:
        raise _TooBroad
    return found


def match_prefixes(regex: re.Pattern, length: int = 2) -> set[str] | None:
    """The beginnings (up to `length` characters) of the pattern's matches, or None when they cannot be listed.

    A beginning shorter than `length` means a match may be that short. White space is listed as a space.
    """
    try:
        found = _prefixes(list(sre_parse.parse(regex.pattern, regex.flags)), length)
    except (_TooBroad, RecursionError):
        return None
    return None if "" in found else found


class PatternIndex:
    """Patterns indexed by the beginnings of their matches (up to `LONGEST` characters).

    `matches(text, starts)` yields `(key, match)` for every position in `starts` where a pattern matches;
    `key` is whatever was added with the pattern.
    """

    LONGEST = 6
    CACHED = 20_000  # text beginnings whose candidate patterns are remembered (a few MB at most)

    def __init__(self):
        self._by_length: list[dict[str, list]] = [defaultdict(list) for _ in range(self.LONGEST + 1)]
        self._everywhere: list = []
        self._candidates: dict[str, tuple] = {}

    def add(self, key, regex: re.Pattern) -> None:
        """Index one compiled pattern under `key`, by the longest beginnings that can be listed."""
        for length in range(self.LONGEST, 0, -1):
            beginnings = match_prefixes(regex, length)
            if beginnings is not None and not any(b[0] == " " for b in beginnings):
                for beginning in beginnings:
                    self._by_length[len(beginning)][beginning].append((key, regex))
                self._candidates.clear()
                return
        self._everywhere.append((key, regex))

    def matches(self, text: str, starts):
        """Every (key, match) with a match beginning at one of the positions in `starts`.

        Patterns that could not be indexed are searched over the whole text instead.
        """
        spaced = _WHITE_SPACE.sub(" ", text)
        known = self._candidates
        for position in starts:
            beginning = spaced[position:position + self.LONGEST]
            candidates = known.get(beginning)
            if candidates is None:
                candidates = self._candidates_for(beginning)
            for key, regex in candidates:
                found = regex.match(text, position)
                if found:
                    yield key, found
        for key, regex in self._everywhere:
            for found in regex.finditer(text):
                yield key, found

    def _candidates_for(self, beginning: str) -> tuple:
        """The patterns whose listed beginnings start `beginning` (LONGEST characters of the text, or fewer at its
        end), remembered for the next text that begins the same way."""
        candidates = tuple(entry for length, table in enumerate(self._by_length) if table and length <= len(beginning)
                           for entry in table.get(beginning[:length], ()))
        if len(self._candidates) < self.CACHED:
            self._candidates[beginning] = candidates
        return candidates

    @property
    def unindexed(self) -> int:
        """How many patterns are searched everywhere because their beginnings could not be listed."""
        return len(self._everywhere)
