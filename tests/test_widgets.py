"""Drive every practice widget through its public ipywidgets API, as a trainee would: click, type, check."""
from __future__ import annotations

import html
import json

import ipywidgets as w
import pytest

from trustwork.taxonomy import taxonomy
from trustwork.widgets import (rewrite_coach, role_play, safety_screen, sorting_drill, step_order,
                               trust_ledger)
from trustwork.widgets.coach import Debouncer


def all_widgets(root):
    found = [root]
    for child in getattr(root, "children", ()):
        found += all_widgets(child)
    return found


def assert_accessible(tool):
    for widget in all_widgets(tool.widget):
        if isinstance(widget, w.Button):
            assert widget.description.strip() and widget.tooltip, "every button has a label and a tooltip"
        if isinstance(widget, (w.Textarea, w.Text, w.Dropdown, w.RadioButtons, w.BoundedIntText, w.Checkbox)):
            assert widget.description.strip(), f"{type(widget).__name__} needs a description"


def test_sorting_drill_full_run_with_wrong_answers_and_repeated_clicks(private_progress):
    drill = sorting_drill(count=4, seed=11)
    deck = drill.session.deck
    assert_accessible(drill)
    for index, statement in enumerate(deck):
        assert statement.text in html.unescape(drill.statement.value)
        wrong = 0 if statement.label == "deflection" else 1
        drill.sort_buttons[wrong if index % 2 == 0 else 1 - wrong].click()
        drill.sort_buttons[0].click()  # repeated clicks are ignored
        assert ("✗ Not quite" if index % 2 == 0 else "✓ Right") in drill.feedback.value
        assert statement.explanation in html.unescape(drill.feedback.value)
        if statement.label == "deflection":
            assert "A more accountable way to say it" in drill.feedback.value
        assert len(drill.category_buttons) in (7, 9)
        primary = next(b for b in drill.category_buttons if b.description == taxonomy()[statement.primary].name)
        primary.click()
        drill.category_buttons[-1].click()  # a second click is ignored
        assert drill.session.attempts[-1].category_correct is True
        assert f"✓ Right:</strong> {taxonomy()[statement.primary].name} is the main move." in \
            html.unescape(drill.feedback.value)
        drill.next_button.click()
    assert drill.session.finished
    assert "You scored" in drill.summary.value and drill.chart.value[:4] == b"\x89PNG"
    assert "Figure: categories missed" in drill.chart_description.value
    assert drill.end_box.layout.display == "flex"
    record = json.loads(private_progress.read_text())["activities"][-1]
    assert record["kind"] == "drill" and record["possible"] == 8
    assert record["score"] == 2 * 4 - 2, "two wrong sorts, every category right"
    drill.retry_button.click()
    assert not drill.session.finished and drill.end_box.layout.display == "none"


def test_drill_shows_highlighted_markers_and_the_fallback_text():
    drill = sorting_drill(category="conditional_apology", count=1, seed=2)
    drill.sort_buttons[1].click()
    assert "<mark" in drill.highlights.value and "conditional apology" in drill.highlights.value
    bundle, _ = drill._repr_mimebundle_()
    assert "needs JupyterLab" in bundle["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_rewrite_coach_updates_on_typing_and_keeps_text_only_in_the_widget(private_progress):
    coach = rewrite_coach()
    assert_accessible(coach)
    coach.draft.value = "I'm sorry, but you pushed me away."
    coach.flush()
    assert not coach.no_deflection.value and "Remove the blame-shifting" in coach.advice.value
    assert "<mark" in coach.highlights.value
    coach.draft.value = ("I lied to you and that was my choice. It made you doubt yourself and of course you're "
                         "angry. I'll show you my phone every evening from now on.")
    coach.flush()
    assert all(box.value for box in coach.checks.values()) and coach.no_deflection.value
    assert "✓ Right" in coach.advice.value
    coach.draft.value = ""
    coach.flush()
    assert not any(box.value for box in coach.checks.values())
    coach.draft.value = "x" * 10_000
    coach.flush()
    assert "first 2000 characters" in coach.advice.value
    coach.show_model.click()
    assert coach.original.better[:20] in coach.model_answer.value.replace("&#x27;", "'")
    assert not private_progress.exists(), "the coach must not store anything"


def test_debouncer_runs_once_after_a_pause():
    calls = []

    class FakeTimer:
        made = []

        def __init__(self, delay, action):
            self.action, self.cancelled = action, False
            FakeTimer.made.append(self)

        def start(self):
            pass

        def cancel(self):
            self.cancelled = True

    debounce = Debouncer(lambda: calls.append(1), 0.3, timer=FakeTimer)
    for _ in range(5):
        debounce()
    assert calls == [] and sum(not t.cancelled for t in FakeTimer.made) == 1
    FakeTimer.made[-1].action()
    assert calls == [1]
    debounce.flush()
    assert calls == [1]


def test_rewrite_coach_rejects_unknown_statement():
    with pytest.raises(KeyError, match="not a practice deflection"):
        rewrite_coach("A001")


def test_role_player_walks_a_path_replays_and_summarises(private_progress):
    player = role_play("v01_adeyemi_kowalski")
    assert_accessible(player)
    first_scene = player.scene_text.value
    steps = 0
    while player.choice_buttons:
        player.choice_buttons[-1 if steps == 0 else 0].click()
        steps += 1
        assert "Reply:" in player.response.value
        assert any(word in player.response.value for word in ("Helpful", "Unhelpful", "Harmful"))
    assert "Path summary" in player.summary.value and "Framework ideas you touched" in player.summary.value
    assert len(player.replay_buttons) == steps
    assert json.loads(private_progress.read_text())["activities"][-1]["kind"] == "roleplay"
    player.replay_buttons[0].click()
    assert player.scene_text.value == first_scene and player.summary.value == ""
    assert player.choice_buttons


def test_trust_ledger_adds_entries_and_rejects_bad_ones():
    ledger = trust_ledger("v11_cho")
    assert_accessible(ledger)
    before = ledger.balance()["balance"].iloc[-1]
    ledger.behaviour.value, ledger.kind.value, ledger.weight.value = "kept the check-in", "deposit", 3
    ledger.add_button.click()
    assert ledger.balance()["balance"].iloc[-1] == before + 3 and "✓ Right" in ledger.message.value
    ledger.behaviour.value, ledger.kind.value, ledger.weight.value = "another lie", "withdrawal", 4
    ledger.add_button.click()
    assert "✗ Not quite" in ledger.message.value and "negative" in ledger.message.value
    assert ledger.balance()["balance"].iloc[-1] == before + 3
    assert ledger.chart.value[:4] == b"\x89PNG" and "Figure:" in ledger.description.value
    assert "kept the check-in" in ledger.table.value


def test_step_order_moves_and_checks(private_progress):
    puzzle = step_order(seed=4)
    assert_accessible(puzzle)
    puzzle.check_button.click()
    assert "✗ Not quite" in puzzle.feedback.value and "comes before" in puzzle.feedback.value
    # Sort it with the arrow buttons only, as a keyboard user would.
    from trustwork.practice.steporder import correct_order
    target = correct_order()
    for goal, step in enumerate(target):
        while puzzle.order.index(step) > goal:
            row = puzzle.rows.children[puzzle.order.index(step)]
            row.children[0].click()
    puzzle.check_button.click()
    assert "✓ Right" in puzzle.feedback.value and "8 of 8" in puzzle.feedback.value


def test_safety_screen_checks_signs_and_decision():
    screen = safety_screen("v03_souza_gallagher")
    assert_accessible(screen)
    screen.check_button.click()
    assert "Choose a decision first" in screen.feedback.value
    screen.decision.value = "conjoint"
    screen.check_button.click()
    assert "✗ Not quite" in screen.feedback.value and "unsafe" in screen.feedback.value
    for sign in screen.vignette["safety"]["signs_present"]:
        screen.signs[sign].value = True
    screen.decision.value = "referral"
    screen.check_button.click()
    assert "✓ Right" in screen.feedback.value
