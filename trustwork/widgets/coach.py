"""The rewrite coach widget: rewrite a deflection; as you type, see what is accountable and what still deflects.

The draft lives only in the text box: it is never saved, logged or sent anywhere.

Example::

    from trustwork.widgets import rewrite_coach
    coach = rewrite_coach("D001")
    coach.draft.value = "I lied to you, and I'm sorry for the hurt it caused."
    coach.flush()   # analyse now instead of after the typing pause
"""
from __future__ import annotations

import html
import threading

import ipywidgets as w

from ..practice.rewrite import CHECKLIST, check_rewrite
from ..statements import statement_bank
from .common import NARROW, PracticeTool, feedback_html, heading, highlight

DEBOUNCE_SECONDS = 0.3


class Debouncer:
    """Call `action` once typing has paused for `delay` seconds (the last call wins); `flush` runs it now."""

    def __init__(self, action, delay: float = DEBOUNCE_SECONDS, timer=threading.Timer):
        self.action = action
        self.delay = delay
        self._timer_factory = timer
        self._timer = None
        self._lock = threading.Lock()

    def __call__(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = self._timer_factory(self.delay, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            self._timer = None
        self.action()

    def flush(self) -> None:
        """Run the pending action immediately (if any)."""
        with self._lock:
            pending, self._timer = self._timer, None
        if pending is not None:
            pending.cancel()
            self.action()


class RewriteCoach(PracticeTool):
    title = "Rewrite coach"

    def __init__(self, statement_id: str | None = None, delay: float = DEBOUNCE_SECONDS):
        bank = {s.id: s for s in statement_bank() if s.label == "deflection" and s.split == "practice"}
        if statement_id is None:
            statement_id = sorted(bank)[0]
        if statement_id not in bank:
            raise KeyError(f"{statement_id!r} is not a practice deflection; try one of {sorted(bank)[:5]} ...")
        self.original = bank[statement_id]
        self.prompt = w.HTML(
            f"<p><em>{html.escape(self.original.context)}</em></p>"
            f"<blockquote>“{html.escape(self.original.text)}”</blockquote>"
            "<p>Rewrite it as an accountable statement, in your own words.</p>", layout=NARROW)
        self.draft = w.Textarea(placeholder="Type your rewrite here", description="Your rewrite",
                                continuous_update=True, rows=4,
                                layout=w.Layout(width="100%", max_width="760px"),
                                style={"description_width": "initial"})
        self.checks = {category: w.Checkbox(value=False, description=label, disabled=True, indent=False,
                                            layout=w.Layout(width="auto"))
                       for category, label in CHECKLIST}
        self.no_deflection = w.Checkbox(value=False, description="No deflection left", disabled=True, indent=False,
                                        layout=w.Layout(width="auto"))
        self.highlights = w.HTML(layout=NARROW)
        self.advice = w.HTML(layout=NARROW)
        self.model_answer = w.HTML(layout=NARROW)
        self.show_model = w.Button(description="Show a model rewrite", tooltip="Compare with one accountable version",
                                     layout=w.Layout(width="auto"))
        self.show_model.on_click(lambda _: self.reveal_model())
        self.last = None
        self.debounce = Debouncer(self.update, delay)
        self.draft.observe(lambda change: self.debounce(), names="value")
        self.widget = w.VBox([
            heading("Rewrite the deflection"), self.prompt, self.draft,
            w.VBox([*self.checks.values(), self.no_deflection]),
            self.highlights, self.advice, self.show_model, self.model_answer,
        ], layout=NARROW)
        self.update()

    def update(self) -> None:
        """Analyse the current draft and refresh the checklist, highlights and advice."""
        result = check_rewrite(self.draft.value)
        self.last = result
        for category, box in self.checks.items():
            box.value = result.ticks[category]
            box.description = ("✓ " if result.ticks[category] else "☐ ") + dict(CHECKLIST)[category]
        self.no_deflection.value = result.no_deflection
        self.no_deflection.description = ("✓ " if result.no_deflection else "☐ ") + "No deflection left"
        text = result.analysis.text
        self.highlights.value = f"<div>{highlight(text, result.analysis.markers)}</div>" if text.strip() else ""
        self.advice.value = feedback_html(result.complete if text.strip() else None,
                                          "Well done." if result.complete else "Next step.", result.next_step)

    def flush(self) -> None:
        """Analyse now (what the pause after typing would do)."""
        self.debounce.flush()

    def reveal_model(self) -> None:
        """Show the bank's accountable rewrite, to compare with your own."""
        self.model_answer.value = f"<p><strong>One accountable version:</strong> “{html.escape(self.original.better)}”</p>"

    def fallback_text(self) -> str:
        return super().fallback_text() + f" The statement to rewrite: “{self.original.text}”"


def rewrite_coach(statement_id: str | None = None) -> RewriteCoach:
    """A rewrite coach for one practice deflection from the bank (one call from a lesson)."""
    return RewriteCoach(statement_id)
