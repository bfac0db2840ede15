"""The lesson display helpers and the quick-question widget."""
from __future__ import annotations

import pytest

from trustwork.lesson import concept_markdown, taxonomy_markdown, vignette_markdown
from trustwork.questions import question_errors
from trustwork.widgets import quiz


def test_vignette_markdown_has_content_note_and_people():
    text = vignette_markdown("v03_souza_gallagher")
    assert "Content note" in text and "Rafael" in text


def test_concept_markdown_names_models():
    text = concept_markdown("step.validation")
    assert "Step 3" in text and "Gottman" in text
    with pytest.raises(KeyError, match="no concept"):
        concept_markdown("step.apology")


def test_taxonomy_table_by_family():
    assert taxonomy_markdown("deflection").count("(deflection)") == 9
    assert "(accountability)" not in taxonomy_markdown("deflection")


def test_quiz_feedback_right_wrong_and_empty():
    q = quiz("betrayal-forms-beyond-affairs")
    q.check_button.click()
    assert "Choose an answer first" in q.feedback.value
    q.choices.value = 0
    assert q.check() is False and "✗ Not quite" in q.feedback.value and "The answer:" in q.feedback.value
    q.choices.value = 1
    assert q.check() is True and "✓ Right" in q.feedback.value
    assert "Question:" in q.fallback_text()


def test_broken_question_file_is_reported(data_copy):
    path = data_copy / "questions" / "01_betrayal.yaml"
    path.write_text(path.read_text().replace("correct: true", "correct: false", 1))
    _, errors = question_errors(data_copy / "questions")
    assert errors and errors[0].field == "options" and "exactly one" in str(errors[0])
