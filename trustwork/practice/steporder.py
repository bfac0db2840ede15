"""Putting the eight steps in order, with feedback on what must come before what, and why."""
from __future__ import annotations

from dataclasses import dataclass

from ..framework import framework


@dataclass
class OrderCheck:
    correct: bool
    in_place: int
    messages: list[str]


def correct_order() -> list[str]:
    """The step ids in the framework's order."""
    return [c.id for c in framework().steps()]


def check_order(proposed: list[str]) -> OrderCheck:
    """Compare a proposed order with the framework's, explaining each pair that is the wrong way round."""
    steps = {c.id: c for c in framework().steps()}
    right = correct_order()
    if sorted(proposed) != sorted(right):
        unknown = [s for s in proposed if s not in steps]
        missing = [s for s in right if s not in proposed]
        raise ValueError(f"the order must list each of the eight steps once (unknown: {unknown}, missing: {missing})")
    in_place = sum(a == b for a, b in zip(proposed, right))
    messages = []
    for earlier, later in zip(right, right[1:]):
        if proposed.index(earlier) > proposed.index(later):
            messages.append(f"{steps[earlier].title.split(': ', 1)[-1]} comes before "
                            f"{steps[later].title.split(': ', 1)[-1]}: {steps[later].why_after}")
    if not messages:
        messages.append("All eight are in order: safety and honesty first, connection and forgiveness last.")
    return OrderCheck(proposed == right, in_place, messages)
