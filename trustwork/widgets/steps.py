"""Put the eight steps in order: move them up and down (keyboard-friendly buttons), then check.

Example::

    from trustwork.widgets import step_order
    puzzle = step_order(seed=1)
    puzzle.move(3, -1)            # move the fourth card up one place
    puzzle.check_button.click()
"""
from __future__ import annotations

import html
import random

import ipywidgets as w

from .. import progress
from ..framework import framework
from ..practice.steporder import check_order, correct_order
from .common import NARROW, PracticeTool, feedback_html, heading


class StepOrder(PracticeTool):
    title = "Step order"

    def __init__(self, seed: int | None = None, record_progress: bool = True):
        self.titles = {c.id: c.title.split(": ", 1)[-1] for c in framework().steps()}
        self.order = correct_order()
        rng = random.Random(seed)
        while self.order == correct_order():
            rng.shuffle(self.order)
        self.record_progress = record_progress
        self.rows = w.VBox(layout=NARROW)
        self.check_button = w.Button(description="Check my order", tooltip="Check the order and explain what comes first",
                                     layout=w.Layout(width="auto"))
        self.check_button.on_click(lambda _: self.check())
        self.feedback = w.HTML(layout=NARROW)
        self.widget = w.VBox([heading("Put the eight steps in the order the framework teaches them"),
                              self.rows, self.check_button, self.feedback], layout=NARROW)
        self._draw()

    def move(self, position: int, offset: int) -> None:
        """Move the card at `position` up (offset -1) or down (+1)."""
        target = position + offset
        if 0 <= position < len(self.order) and 0 <= target < len(self.order):
            self.order[position], self.order[target] = self.order[target], self.order[position]
            self.feedback.value = ""
            self._draw()

    def check(self):
        """Check the current order and explain what must come before what."""
        result = check_order(self.order)
        items = "".join(f"<li>{html.escape(m)}</li>" for m in result.messages)
        self.feedback.value = feedback_html(result.correct, f"{result.in_place} of 8 in the right place.") + \
            f"<ul>{items}</ul>"
        if self.record_progress:
            progress.record("step_order", "eight-steps", result.in_place, 8)
        return result

    def _draw(self) -> None:
        rows = []
        for position, step in enumerate(self.order):
            up = w.Button(description="↑", tooltip=f"Move '{self.titles[step]}' up",
                          disabled=position == 0, layout=w.Layout(width="40px"))
            down = w.Button(description="↓", tooltip=f"Move '{self.titles[step]}' down",
                            disabled=position == len(self.order) - 1, layout=w.Layout(width="40px"))
            up.on_click(lambda _, p=position: self.move(p, -1))
            down.on_click(lambda _, p=position: self.move(p, +1))
            label = w.HTML(f"<span>{position + 1}. {html.escape(self.titles[step])}</span>")
            rows.append(w.HBox([up, down, label]))
        self.rows.children = rows

    def fallback_text(self) -> str:
        return super().fallback_text() + " Steps to order: " + "; ".join(self.titles[s] for s in self.order)


def step_order(seed: int | None = None, record_progress: bool = True) -> StepOrder:
    """The step-order puzzle (one call from a lesson)."""
    return StepOrder(seed, record_progress)
