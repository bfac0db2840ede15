"""The pure practice logic behind the widgets: drills, rewrites, role-plays, ledgers, step order, safety."""
from __future__ import annotations

import pytest

from trustwork.cases import load_case
from trustwork.practice.drill import DrillSession, deal
from trustwork.practice.ledger import add_entry, savings_story, weekly_balance
from trustwork.practice.rewrite import check_rewrite
from trustwork.practice.roleplay import RolePlaySession
from trustwork.practice.safety import check_screen
from trustwork.practice.steporder import check_order, correct_order
from trustwork.vignettes import load_vignettes


def test_deal_uses_the_practice_split_and_filters():
    deck = deal(category="minimizing", count=50, seed=3)
    assert deck and all(s.split == "practice" and s.primary == "minimizing" for s in deck)
    assert deal(relationship="siblings", difficulty=3, count=100)
    with pytest.raises(ValueError, match="no practice statements match"):
        deal(category="minimizing", relationship="colleagues", difficulty=1, count=5) or deal(category="nonsense")


def test_drill_scores_wrong_answers_and_refuses_out_of_order_actions():
    deck = deal(count=2, seed=5)
    session = DrillSession(deck)
    wrong = "accountability" if deck[0].label == "deflection" else "deflection"
    feedback = session.sort(wrong)
    assert not feedback.correct and deck[0].label in feedback.headline
    with pytest.raises(RuntimeError, match="waiting for 'category'"):
        session.sort(wrong)
    assert not session.name_category("self_focus" if deck[0].primary != "self_focus" else "denial").correct
    with pytest.raises(ValueError):
        DrillSession(deck).sort("maybe")
    session.next()
    session.sort(deck[1].label)
    session.name_category(deck[1].primary)
    session.next()
    assert session.finished and session.score == (2, 4)
    assert sum(session.missed_categories().values()) == 1
    assert deck[0].primary in session.retry_deck({s.primary for s in session.retry_deck()} and 1)[0].categories \
        or session.retry_deck()
    with pytest.raises(RuntimeError, match="finished"):
        session.sort("deflection")


def test_rewrite_checklist_tracks_each_item():
    empty = check_rewrite("")
    assert not any(empty.ticks.values()) and not empty.no_deflection and "first person" in empty.next_step
    deflecting = check_rewrite("I'm sorry, but you pushed me away.")
    assert not deflecting.no_deflection and "blame-shifting" in deflecting.next_step
    full = check_rewrite("I lied to you and that was my choice. It made you doubt yourself, and of course you're "
                         "angry. I'll show you my phone every evening from now on.")
    assert full.complete, full.ticks
    long = check_rewrite("I lied. " * 2000)
    assert long.truncated and "first 2000 characters" in long.next_step


@pytest.mark.parametrize("vignette", sorted(load_vignettes()), ids=str)
def test_every_role_play_path_can_be_walked_to_an_ending(vignette):
    case = load_vignettes()[vignette]
    for path in case.paths():
        session = RolePlaySession(case)
        for scene_id, index in path:
            assert session.scene_id == scene_id
            session.choose(index)
        assert session.ended
        summary = session.summary()
        assert summary["helpful"] + summary["unhelpful"] + summary["harmful"] == len(path)
        assert summary["ending"] and summary["concepts"]
        with pytest.raises(RuntimeError):
            session.choose(0)


def test_role_play_replay_and_bad_choice():
    case = load_vignettes()["v01_adeyemi_kowalski"]
    session = RolePlaySession(case)
    with pytest.raises(IndexError):
        session.choose(9)
    session.choose(0)
    session.choose(0)
    session.replay_from(1)
    assert len(session.path) == 1
    session.replay_from(0)
    assert session.scene_id == case.start
    with pytest.raises(IndexError):
        session.replay_from(5)


def test_ledger_balance_entries_and_story():
    case = load_case("v11_cho")
    weekly = weekly_balance(case.ledger)
    assert weekly["balance"].iloc[-1] == case.ledger["weight"].sum()
    added = add_entry(case.ledger, 3, "withdrawal", "a new lie", -10)
    assert weekly_balance(added)["balance"].iloc[-1] == weekly["balance"].iloc[-1] - 10
    for bad in [dict(kind="gift"), dict(weight=5, kind="withdrawal"), dict(behaviour="  "),
                dict(behaviour="x" * 201), dict(week=99)]:
        args = {"week": 3, "kind": "deposit", "behaviour": "kept a promise", "weight": 2, **bad}
        with pytest.raises(ValueError):
            add_entry(case.ledger, **args)
    story = savings_story(case)
    assert "week 17" in story and "deposits" in story and "Dyadic Trust Scale" in story


def test_step_order_explains_what_comes_before_what():
    right = correct_order()
    assert check_order(right).correct
    swapped = right[:]
    swapped[0], swapped[1] = swapped[1], swapped[0]
    result = check_order(swapped)
    assert not result.correct and result.in_place == 6
    assert any("Full accountability comes before Honest transparency" in m for m in result.messages)
    with pytest.raises(ValueError, match="each of the eight steps"):
        check_order(right[:-1] + ["step.apology"])


def test_safety_screen_explains_why_conjoint_work_is_unsafe():
    case = load_vignettes()["v03_souza_gallagher"]
    wrong = check_screen(case, [], "conjoint")
    assert not wrong.decision_correct and wrong.missed
    assert any("unsafe" in m for m in wrong.messages)
    right = check_screen(case, case["safety"]["signs_present"], "referral")
    assert right.decision_correct and not right.missed and not right.extra
    with pytest.raises(ValueError):
        check_screen(case, ["bad_vibes"], "referral")
    with pytest.raises(ValueError):
        check_screen(case, [], "couples")
