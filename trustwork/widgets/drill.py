"""The sorting drill widget: sort each statement, name its category, see why; a summary and a retry at the end.

Example::

    from trustwork.widgets import sorting_drill
    drill = sorting_drill(category="minimizing", count=5)   # shows itself in a notebook
    drill.sort_buttons[1].click()                           # "Deflection", as a trainee would
"""
from __future__ import annotations

import html

import ipywidgets as w

from .. import progress
from ..plots import figure_png, missed_categories_figure
from ..practice.drill import DrillSession, Feedback, deal
from ..taxonomy import taxonomy
from .common import NARROW, WRAP, PracticeTool, feedback_html, heading, highlight


class SortingDrill(PracticeTool):
    title = "Sorting drill"

    def __init__(self, deck, record_progress: bool = True, name: str = "drill"):
        self.session = DrillSession(list(deck))
        self.record_progress = record_progress
        self.name = name
        names = taxonomy()
        self.progress_label = w.HTML()
        self.context = w.HTML()
        self.statement = w.HTML(layout=NARROW)
        self.sort_buttons = [
            w.Button(description=label.capitalize(), tooltip=f"Sort this statement as {label}",
                     layout=w.Layout(width="auto"))
            for label in ("accountability", "deflection")
        ]
        for button, label in zip(self.sort_buttons, ("accountability", "deflection")):
            button.on_click(lambda _, label=label: self.sort(label))
        self.category_buttons: list[w.Button] = []
        self.category_box = w.HBox(layout=WRAP)
        self.feedback = w.HTML(layout=NARROW)
        self.highlights = w.HTML(layout=NARROW)
        self.next_button = w.Button(description="Next statement", tooltip="Go to the next statement",
                                    disabled=True)
        self.next_button.on_click(lambda _: self.next())
        self.score_label = w.HTML()
        self.summary = w.HTML(layout=NARROW)
        self.chart = w.Image(format="png", layout=w.Layout(max_width="600px"))
        self.chart_description = w.HTML()
        self.retry_button = w.Button(description="Drill the ones I missed", tooltip="Start a new deck of the categories you missed",
                                      layout=w.Layout(width="auto"))
        self.retry_button.on_click(lambda _: self.retry())
        self.end_box = w.VBox([self.summary, self.chart, self.chart_description, self.retry_button])
        self.end_box.layout.display = "none"
        self._names = names
        self.widget = w.VBox([
            heading("Sort each statement: accountability or deflection?"),
            self.progress_label, self.context, self.statement,
            w.HBox(self.sort_buttons, layout=WRAP), self.category_box,
            self.feedback, self.highlights, self.next_button, self.score_label, self.end_box,
        ], layout=NARROW)
        self._show_current()

    # ---- actions a trainee takes -------------------------------------------------------------------
    def sort(self, label: str) -> Feedback | None:
        """Sort the current statement; shows feedback and offers the category choice."""
        if self.session.stage != "sort":
            return None
        result = self.session.sort(label)
        better = f" A more accountable way to say it: “{result.better}”" if result.better else ""
        self.feedback.value = feedback_html(result.correct, result.headline, result.explanation + better)
        if result.analysis and result.analysis.markers:
            self.highlights.value = ("<div><em>What the analyzer hears:</em> "
                                     f"{highlight(result.analysis.text, result.analysis.markers)}</div>")
        for button in self.sort_buttons:
            button.disabled = True
        self._offer_categories()
        self._update_score()
        return result

    def name_category(self, category: str) -> Feedback | None:
        """Name the category of the current statement."""
        if self.session.stage != "category":
            return None
        result = self.session.name_category(category)
        self.feedback.value += feedback_html(result.correct, result.headline, result.explanation)
        for button in self.category_buttons:
            button.disabled = True
        self.next_button.disabled = False
        self._update_score()
        return result

    def next(self) -> None:
        """Go on to the next statement, or show the summary after the last."""
        if self.session.stage != "next":
            return
        self.session.next()
        if self.session.finished:
            self._finish()
        else:
            self._show_current()

    def retry(self) -> None:
        """Start a new deck from the categories missed."""
        deck = self.session.retry_deck()
        if not deck:
            self.summary.value += "<p>Nothing to retry: you missed none.</p>"
            return
        self.session = DrillSession(deck)
        self.end_box.layout.display = "none"
        self._show_current()

    # ---- drawing -----------------------------------------------------------------------------------
    def _show_current(self) -> None:
        statement = self.session.current
        total = len(self.session.deck)
        self.progress_label.value = f"<small>Statement {self.session.position + 1} of {total}</small>"
        self.context.value = f"<em>{html.escape(statement.context)}</em>"
        self.statement.value = f"<blockquote style='font-size:1.1em'>“{html.escape(statement.text)}”</blockquote>"
        self.feedback.value = self.highlights.value = ""
        self.category_box.children = ()
        self.category_buttons = []
        for button in self.sort_buttons:
            button.disabled = False
        self.next_button.disabled = True
        self._update_score()

    def _offer_categories(self) -> None:
        self.category_buttons = []
        for category in self.session.category_choices():
            button = w.Button(description=self._names[category].name, tooltip=self._names[category].definition,
                              layout=w.Layout(width="auto"))
            button.on_click(lambda _, c=category: self.name_category(c))
            self.category_buttons.append(button)
        prompt = w.HTML("Now name the main move:")
        self.category_box.children = (prompt, *self.category_buttons)

    def _update_score(self) -> None:
        points, possible = self.session.score
        self.score_label.value = f"<strong>Score:</strong> {points} of {possible}"

    def _finish(self) -> None:
        self.progress_label.value = "<small>Finished</small>"
        self.context.value = self.statement.value = self.highlights.value = ""
        self.category_box.children = ()
        for button in self.sort_buttons:
            button.disabled = True
        self.next_button.disabled = True
        self.summary.value = f"<p>{html.escape(self.session.summary())}</p>"
        figure, description = missed_categories_figure(self.session.missed_categories())
        self.chart.value = figure_png(figure)
        self.chart_description.value = f"<small>{html.escape(description)}</small>"
        self.retry_button.disabled = not self.session.missed_categories()
        self.end_box.layout.display = "flex"
        if self.record_progress:
            points, possible = self.session.score
            progress.record("drill", self.name, points, possible,
                            {"missed": sorted(self.session.missed_categories())})

    def fallback_text(self) -> str:
        statement = self.session.current
        shown = f" Current statement: “{statement.text}”" if statement else ""
        return super().fallback_text() + shown


def sorting_drill(category: str | None = None, relationship: str | None = None, difficulty: int | None = None,
                  count: int = 10, seed: int | None = None, record_progress: bool = True) -> SortingDrill:
    """A sorting drill over practice statements matching the filters (one call from a lesson)."""
    deck = deal(category=category, relationship=relationship, difficulty=difficulty, count=count, seed=seed)
    name = "drill" + "".join(f"-{v}" for v in (category, relationship, difficulty) if v)
    return SortingDrill(deck, record_progress=record_progress, name=name)
