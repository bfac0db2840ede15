"""The safety screen: tick the referral signs a case shows and decide between conjoint work, individual work
and referral; the feedback explains the safety reasoning.

Example::

    from trustwork.widgets import safety_screen
    screen = safety_screen("v03_souza_gallagher")
    screen.signs["coercive_control"].value = True
    screen.decision.value = "referral"
    screen.check_button.click()
"""
from __future__ import annotations

import html

import ipywidgets as w

from .. import progress
from ..framework import framework
from ..practice.safety import check_screen
from ..vignettes import load_vignette
from .common import NARROW, WRAP, PracticeTool, feedback_html, heading

DECISION_LABELS = [("Conjoint trust work can go ahead", "conjoint"),
                   ("Individual work first", "individual"),
                   ("Refer on now (with individual safety work)", "referral")]


class SafetyScreen(PracticeTool):
    title = "Safety screen"

    def __init__(self, vignette_id: str, record_progress: bool = True):
        self.vignette = load_vignette(vignette_id)
        self.record_progress = record_progress
        self.signs = {part.id: w.Checkbox(value=False, description=part.text, indent=False,
                                          layout=w.Layout(width="100%"))
                      for part in framework().referral_signs()}
        self.decision = w.RadioButtons(options=DECISION_LABELS, value=None, description="Decision",
                                       layout=w.Layout(width="100%"), style={"description_width": "initial"})
        self.check_button = w.Button(description="Check my screen", tooltip="Compare your screen with the case assessment",
                                     layout=w.Layout(width="auto"))
        self.check_button.on_click(lambda _: self.check())
        self.feedback = w.HTML(layout=NARROW)
        summary = " ".join(self.vignette["summary"].split())
        self.widget = w.VBox([
            heading(f"Safety screen: {self.vignette.title}"),
            w.HTML(f"<p><strong>Content note:</strong> {html.escape(self.vignette['content_note'])}</p>"
                   f"<p>{html.escape(summary)}</p><p>Tick every sign present in this case:</p>", layout=NARROW),
            w.VBox(list(self.signs.values()), layout=WRAP), self.decision, self.check_button, self.feedback,
        ], layout=NARROW)

    def check(self):
        """Compare the ticked signs and the decision with the case's assessment."""
        if self.decision.value is None:
            self.feedback.value = feedback_html(None, "Choose a decision first.")
            return None
        ticked = [sign for sign, box in self.signs.items() if box.value]
        result = check_screen(self.vignette, ticked, self.decision.value)
        items = "".join(f"<li>{html.escape(m)}</li>" for m in result.messages)
        headline = (f"Signs found: {len(result.found)} of {len(result.found) + len(result.missed)}; "
                    f"decision {'matches' if result.decision_correct else 'differs'}.")
        self.feedback.value = feedback_html(result.decision_correct and not result.missed, headline) + \
            f"<ul>{items}</ul>"
        if self.record_progress:
            progress.record("safety_screen", self.vignette.id, int(result.decision_correct) + len(result.found),
                            1 + len(result.found) + len(result.missed))
        return result

    def fallback_text(self) -> str:
        return super().fallback_text() + f" Case: {self.vignette.title}."


def safety_screen(vignette_id: str, record_progress: bool = True) -> SafetyScreen:
    """The safety screen for one vignette (one call from a lesson)."""
    return SafetyScreen(vignette_id, record_progress)
