"""Nothing in trustwork opens a network connection: run everything with outgoing connections made to fail."""
from __future__ import annotations

import socket

import pytest

from trustwork import progress
from trustwork.analyzer import analyze
from trustwork.widgets import rewrite_coach, role_play, safety_screen, sorting_drill, step_order, trust_ledger


@pytest.fixture
def attempts(monkeypatch):
    tried = []

    def refuse(*args, **kwargs):
        tried.append(args)
        raise OSError("network use is not allowed in trustwork")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return tried


def test_analyzer_widgets_and_progress_make_no_connection(attempts):
    analyze("I'm sorry, but you pushed me away.")
    drill = sorting_drill(count=1, seed=1)
    drill.sort_buttons[0].click()
    drill.category_buttons[0].click()
    drill.next_button.click()
    coach = rewrite_coach()
    coach.draft.value = "I lied, and I will show you the statements every month."
    coach.flush()
    player = role_play("v02_park_hernandez")
    while player.choice_buttons:
        player.choice_buttons[0].click()
    trust_ledger("v12_haddad_oconnell").add_button.click()
    step_order(seed=3).check_button.click()
    screen = safety_screen("v04_begay")
    screen.decision.value = "referral"
    screen.check_button.click()
    progress.record("drill", "privacy", 1, 1)
    progress.summary()
    assert attempts == []


def test_the_guard_itself_works(attempts):
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    assert attempts
