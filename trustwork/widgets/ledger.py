"""The trust ledger widget: a case's deposits and withdrawals, its balance and scores over time, and your own entries.

Example::

    from trustwork.widgets import trust_ledger
    ledger = trust_ledger("v11_cho")
    ledger.kind.value, ledger.behaviour.value, ledger.weight.value = "deposit", "kept the check-in", 2
    ledger.add_button.click()
"""
from __future__ import annotations

import html

import ipywidgets as w

from ..cases import load_case
from ..plots import figure_png, ledger_figure
from ..practice.ledger import add_entry, savings_story, weekly_balance
from ..vignettes import load_vignette
from .common import NARROW, WRAP, PracticeTool, feedback_html, heading


class TrustLedger(PracticeTool):
    title = "Trust ledger"

    def __init__(self, vignette_id: str):
        self.case = load_case(vignette_id)
        self.case_title = load_vignette(vignette_id).title
        self.ledger = self.case.ledger.copy()
        last_week = int(self.ledger["week"].max())
        self.week = w.BoundedIntText(value=last_week, min=1, max=last_week + 8, description="Week",
                                     layout=w.Layout(width="160px"))
        self.kind = w.Dropdown(options=[("Deposit", "deposit"), ("Withdrawal", "withdrawal")], value="deposit",
                               description="Kind", layout=w.Layout(width="220px"))
        self.behaviour = w.Text(placeholder="e.g. kept the Thursday check-in", description="Behaviour",
                                layout=w.Layout(width="100%", max_width="460px"))
        self.weight = w.BoundedIntText(value=1, min=-20, max=5, description="Weight",
                                       layout=w.Layout(width="160px"))
        self.add_button = w.Button(description="Add to the ledger", tooltip="Add this entry and redraw the balance",
                                   layout=w.Layout(width="auto"))
        self.add_button.on_click(lambda _: self.add())
        self.message = w.HTML(layout=NARROW)
        self.story = w.HTML(layout=NARROW)
        self.chart = w.Image(format="png", layout=w.Layout(width="100%", max_width="760px"))
        self.description = w.HTML(layout=NARROW)
        self.table = w.HTML(layout=w.Layout(max_height="260px", overflow="auto", width="100%", max_width="760px"))
        self.widget = w.VBox([
            heading(f"{self.case_title}: the trust account"),
            w.HTML("<p>Each dependable act is a small deposit; a betrayal or a new lie is a large withdrawal. "
                   "Add your own entries to see how the balance moves.</p>"),
            w.HBox([self.week, self.kind, self.weight], layout=WRAP), self.behaviour, self.add_button,
            self.message, self.story, self.chart, self.description, self.table,
        ], layout=NARROW)
        self.refresh()

    def add(self) -> bool:
        """Add the entry in the form to the ledger (only in this widget; the case files are not changed)."""
        try:
            self.ledger = add_entry(self.ledger, int(self.week.value), self.kind.value, self.behaviour.value,
                                    int(self.weight.value))
        except ValueError as problem:
            self.message.value = feedback_html(False, "That entry was not added.", str(problem))
            return False
        self.message.value = feedback_html(True, f"Added a {self.kind.value} of {self.weight.value:+d} in week "
                                                 f"{self.week.value}.")
        self.behaviour.value = ""
        self.refresh()
        return True

    def balance(self):
        """The weekly table behind the chart."""
        return weekly_balance(self.ledger)

    def refresh(self) -> None:
        weekly = self.balance()
        figure, description = ledger_figure(weekly, self.case.scores, self.case_title)
        self.chart.value = figure_png(figure)
        self.description.value = f"<small>{html.escape(description)}</small>"
        self.story.value = f"<p>{html.escape(savings_story(self.case, self.ledger))}</p>"
        recent = self.ledger.sort_values("week").tail(12)[["week", "actor", "kind", "behaviour", "weight"]]
        self.table.value = "<p><strong>Latest entries</strong></p>" + recent.to_html(index=False, escape=True)

    def fallback_text(self) -> str:
        return super().fallback_text() + " " + savings_story(self.case, self.ledger)


def trust_ledger(vignette_id: str) -> TrustLedger:
    """The trust ledger of one case history (one call from a lesson)."""
    return TrustLedger(vignette_id)
