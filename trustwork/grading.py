"""Checks used inside assignment notebooks: friendly form checks (visible tests) and answer checks (hidden tests).

Trainees answer with values, never functions. A visible test only checks the answer's form and says what is
allowed; a hidden test compares a fingerprint of the answer, so a failure reveals nothing but "not correct".

    >>> check_choice("q1", "Deflection", ["accountability", "deflection"])
    Q1: the answer has the right form.
    >>> check_answer("q1", "deflection", fingerprint("deflection"))

The checks return None, so a test cell shows no `Out[]` value (nbgrader would try to read it as partial credit).
"""
from __future__ import annotations

import hashlib
import json
import math
from numbers import Real


class _Short:
    """Shown in notebooks (and nbgrader's Validate) as one line: the message, not a traceback into this module."""

    def _render_traceback_(self):
        return [f"{type(self).__name__}: {self}"]


class AnswerFormError(_Short, AssertionError):
    """The answer is not in the form the question asks for (a visible test)."""


class AnswerNotCorrect(_Short, AssertionError):
    """The answer is well formed but not correct (a hidden test)."""


def _label(name: str) -> str:
    return name.upper() if len(name) <= 4 else name


def _quoted(options) -> str:
    options = [repr(o) for o in options]
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + f" or {options[-1]}"


def _normal(value):
    if isinstance(value, str):
        return " ".join(value.strip().lower().split())
    if isinstance(value, (list, tuple)):
        return [_normal(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, Real):
        return round(float(value), 6)
    return value


def _empty(name: str, value, what: str) -> None:
    if value is Ellipsis or value is None or (isinstance(value, str) and not value.strip()):
        raise AnswerFormError(f"{_label(name)} is still empty: replace the three dots with {what}.")


def check_choice(name: str, value, allowed) -> None:
    """A single label, one of `allowed` (case and spacing do not matter)."""
    allowed = list(allowed)
    _empty(name, value, f"one of {_quoted(allowed)}, between quotes")
    if not isinstance(value, str):
        raise AnswerFormError(f"{_label(name)} takes one of {_quoted(allowed)}, between quotes; "
                              f"you wrote {value!r}, which is not text.")
    if _normal(value) not in [_normal(a) for a in allowed]:
        raise AnswerFormError(f"{_label(name)} takes one of {_quoted(allowed)}; you wrote {value!r}.")
    print(f"{_label(name)}: the answer has the right form.")


def check_list(name: str, value, allowed, length: int | None = None) -> None:
    """A list of labels from `allowed`, each at most once (and exactly `length` of them, if given)."""
    allowed = list(allowed)
    _empty(name, value, "a list in square brackets, for example [\"a\", \"b\"]")
    if not isinstance(value, (list, tuple)):
        raise AnswerFormError(f"{_label(name)} takes a list in square brackets, like [{_quoted(allowed[:2])}]; "
                              f"you wrote {value!r}.")
    wrong = [v for v in value if not isinstance(v, str) or _normal(v) not in [_normal(a) for a in allowed]]
    if wrong:
        raise AnswerFormError(f"{_label(name)}: {wrong!r} is not among the allowed values {_quoted(allowed)}.")
    if len({_normal(v) for v in value}) != len(value):
        raise AnswerFormError(f"{_label(name)}: each value may appear only once.")
    if length is not None and len(value) != length:
        raise AnswerFormError(f"{_label(name)} takes exactly {length} values; you gave {len(value)}.")
    print(f"{_label(name)}: the answer has the right form.")


def check_number(name: str, value, low: float, high: float) -> None:
    """A number between `low` and `high` (for example one read off a plot)."""
    _empty(name, value, f"a number between {low} and {high}")
    if isinstance(value, bool) or not isinstance(value, Real) or math.isnan(value):
        raise AnswerFormError(f"{_label(name)} takes a number (no quotes) between {low} and {high}; "
                              f"you wrote {value!r}.")
    if not low <= value <= high:
        raise AnswerFormError(f"{_label(name)} takes a number between {low} and {high}; you wrote {value!r}.")
    print(f"{_label(name)}: the answer has the right form.")


def fingerprint(value, ordered: bool = True) -> str:
    """A short, stable fingerprint of an answer (case, spacing and, if `ordered` is False, order ignored)."""
    normal = _normal(value)
    if isinstance(normal, list) and not ordered:
        normal = sorted(normal, key=str)
    return hashlib.sha256(json.dumps(normal, sort_keys=True).encode()).hexdigest()[:16]


def check_answer(name: str, value, expected: str, ordered: bool = True) -> None:
    """Hidden test: the answer's fingerprint must equal `expected`."""
    if fingerprint(value, ordered) != expected:
        raise AnswerNotCorrect(f"{_label(name)} is not correct.")


def check_near(name: str, value, low: float, high: float) -> None:
    """Hidden test for a number read off a plot: within [low, high]."""
    if not isinstance(value, Real) or not low <= value <= high:
        raise AnswerNotCorrect(f"{_label(name)} is not correct.")
