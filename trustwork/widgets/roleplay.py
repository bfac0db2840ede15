"""The role-play player: be the counsellor in a vignette's branching scenes; see the path summary; replay.

Example::

    from trustwork.widgets import role_play
    player = role_play("v01_adeyemi_kowalski")
    player.choice_buttons[0].click()     # take the first option
    player.replay_buttons[0].click()     # "what if": go back to the first scene
"""
from __future__ import annotations

import html

import ipywidgets as w

from .. import progress
from ..framework import framework
from ..practice.roleplay import RolePlaySession
from ..vignettes import load_vignette
from .common import NARROW, PracticeTool, feedback_html, heading

QUALITY_LABEL = {"helpful": ("✓", "Helpful"), "unhelpful": ("~", "Unhelpful"), "harmful": ("✗", "Harmful")}


class RolePlayer(PracticeTool):
    title = "Role-play"

    def __init__(self, vignette_id: str, record_progress: bool = True):
        self.session = RolePlaySession(load_vignette(vignette_id))
        self.record_progress = record_progress
        case = self.session.vignette
        people = "; ".join(f"{p['name']} ({p['age']}, {p['pronouns']}): {p['background']}" for p in case["people"])
        self.intro = w.HTML(
            f"<p><strong>Content note:</strong> {html.escape(case['content_note'])}</p>"
            f"<p>{html.escape(' '.join(case['summary'].split()))}</p><p><small>{html.escape(people)}</small></p>",
            layout=NARROW)
        self.scene_text = w.HTML(layout=NARROW)
        self.choice_buttons: list[w.Button] = []
        self.choice_box = w.VBox(layout=NARROW)
        self.response = w.HTML(layout=NARROW)
        self.summary = w.HTML(layout=NARROW)
        self.replay_buttons: list[w.Button] = []
        self.replay_box = w.VBox(layout=NARROW)
        self.widget = w.VBox([heading(case.title), self.intro, self.scene_text, self.choice_box, self.response,
                              self.summary, self.replay_box], layout=NARROW)
        self._draw()

    def choose(self, index: int) -> dict:
        """Take choice `index` in the current scene, as clicking its button does."""
        choice = self.session.choose(index)
        symbol, word = QUALITY_LABEL[choice["quality"]]
        self.response.value = (
            f"<p><strong>You said:</strong> “{html.escape(choice['say'])}”</p>"
            f"<p><strong>Reply:</strong> {html.escape(choice['reply'])}</p>"
            + feedback_html(choice["quality"] == "helpful", "", choice["feedback"], label=(symbol, f"{word} choice")))
        self._draw()
        return choice

    def replay_from(self, position: int) -> None:
        """Go back to an earlier scene ("what if") and choose again from there."""
        self.session.replay_from(position)
        self.response.value = "<p><em>Replaying from an earlier scene.</em></p>"
        self._draw()

    def _draw(self) -> None:
        scene = self.session.scene
        speaker = f"<strong>{html.escape(scene['speaker'])}:</strong> " if scene.get("speaker") else ""
        self.scene_text.value = f"<blockquote>{speaker}{html.escape(scene['text'])}</blockquote>"
        self.choice_buttons = []
        for index, choice in enumerate(self.session.choices()):
            button = w.Button(description=f"Option {index + 1}", tooltip=choice["say"],
                              layout=w.Layout(width="auto"))
            button.on_click(lambda _, i=index: self.choose(i))
            self.choice_buttons.append(button)
        rows = [w.HBox([button, w.HTML(html.escape(choice["say"]), layout=w.Layout(flex="1 1 auto"))])
                for button, choice in zip(self.choice_buttons, self.session.choices())]
        self.choice_box.children = ((w.HTML("<p>What do you say?</p>"), *rows) if rows else ())
        self.replay_buttons = []
        for position, (scene_id, _) in enumerate(self.session.taken()):
            button = w.Button(description=f"Back to scene {position + 1}", layout=w.Layout(width="auto"),
                              tooltip=f"Replay from scene {position + 1} and choose differently")
            button.on_click(lambda _, p=position: self.replay_from(p))
            self.replay_buttons.append(button)
        self.replay_box.children = ((w.HTML("<p><em>What if…? Replay from an earlier scene:</em></p>"),
                                     w.HBox(self.replay_buttons, layout=w.Layout(flex_flow="row wrap")))
                                    if self.replay_buttons else ())
        self.summary.value = self._summary_html() if self.session.ended else ""

    def _summary_html(self) -> str:
        summary = self.session.summary()
        titles = {c.id: c.title for c in framework().concepts.values()}
        ideas = ", ".join(html.escape(titles.get(c, c)) for c in summary["concepts"])
        if self.record_progress:
            progress.record("roleplay", self.session.vignette.id, summary["helpful"],
                            summary["helpful"] + summary["unhelpful"] + summary["harmful"],
                            {"harmful": summary["harmful"], "outcome": summary["outcome"]})
        return (
            "<h4>Path summary</h4>"
            f"<p>{html.escape(summary['ending'])}</p>"
            f"<ul><li>✓ Helpful choices: {summary['helpful']}</li>"
            f"<li>~ Unhelpful choices: {summary['unhelpful']}</li>"
            f"<li>✗ Harmful choices: {summary['harmful']}</li></ul>"
            f"<p><strong>Framework ideas you touched:</strong> {ideas}</p>")

    def fallback_text(self) -> str:
        return super().fallback_text() + f" Case: {self.session.vignette.title}."


def role_play(vignette_id: str, record_progress: bool = True) -> RolePlayer:
    """Play one vignette's branching role-play (one call from a lesson)."""
    return RolePlayer(vignette_id, record_progress)
