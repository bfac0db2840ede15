"""A quick question with instant feedback (a choice of answers, each with its explanation).

Example::

    from trustwork.widgets import quiz
    q = quiz("stabilization-first-week")
    q.choices.value = 1
    q.check_button.click()
"""
from __future__ import annotations

import html

import ipywidgets as w

from ..questions import load_question
from .common import NARROW, PracticeTool, feedback_html


class Quiz(PracticeTool):
    title = "Question"

    def __init__(self, question_id: str):
        self.question = load_question(question_id)
        options = self.question["options"]
        letters = [chr(97 + i) for i in range(len(options))]
        listed = "".join(f"<li><strong>({letter})</strong> {html.escape(o['text'])}</li>"
                         for letter, o in zip(letters, options))
        self.prompt = w.HTML(f"<p><strong>{html.escape(self.question['prompt'])}</strong></p>"
                             f"<ul style='list-style:none;padding-left:0'>{listed}</ul>", layout=NARROW)
        # Short letters on the buttons (long labels overlap in radio lists); the full text is each one's tooltip.
        self.choices = w.ToggleButtons(options=[(f"({letter})", i) for i, letter in enumerate(letters)], value=None,
                                       description="Your answer", tooltips=[o["text"] for o in options],
                                       style={"description_width": "initial", "button_width": "auto"})
        self.check_button = w.Button(description="Check", tooltip="Check your answer",
                                     layout=w.Layout(width="auto"))
        self.check_button.on_click(lambda _: self.check())
        self.feedback = w.HTML(layout=NARROW)
        self.widget = w.VBox([self.prompt, self.choices, self.check_button, self.feedback], layout=NARROW)

    def check(self) -> bool | None:
        """Explain the chosen answer; None when nothing is chosen yet."""
        if self.choices.value is None:
            self.feedback.value = feedback_html(None, "Choose an answer first.")
            return None
        option = self.question["options"][self.choices.value]
        right = next(o for o in self.question["options"] if o["correct"])
        extra = "" if option["correct"] else f" The answer: {right['text']}"
        self.feedback.value = feedback_html(option["correct"], option["text"], option["why"] + extra)
        return option["correct"]

    def fallback_text(self) -> str:
        options = "; ".join(f"({chr(97 + i)}) {o['text']}" for i, o in enumerate(self.question["options"]))
        return f"Question: {self.question['prompt']} {options}. (Interactive checking needs JupyterLab widgets.)"


def quiz(question_id: str) -> Quiz:
    """One quick question from data/questions/ (one call from a lesson)."""
    return Quiz(question_id)
