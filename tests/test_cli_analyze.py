"""`trustwork analyze` and `trustwork evaluate`, as DESIGN.md's contract describes them."""
from __future__ import annotations

import json
import subprocess

from conftest import BIN


def run(*args, stdin=None):
    return subprocess.run([str(BIN / "trustwork"), *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_json_one_object_per_statement_in_order_from_arguments():
    result = run("analyze", "--json", "I lied to you.", "Sorry if you were hurt.")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == ["I lied to you.", "Sorry if you were hurt."]
    assert [r["verdict"] for r in records] == ["accountability", "deflection"]
    for record in records:
        assert list(record) == ["text", "verdict", "categories", "markers", "feedback"]
        for marker in record["markers"]:
            assert record["text"][marker["start"]:marker["end"]] == marker["text"]


def test_stdin_one_statement_per_line_including_blank_lines():
    lines = "I\u2019m sorry, but you pushed me away.\n\nAsk me anything.\n"
    result = run("analyze", "--json", stdin=lines)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in records] == ["deflection", "unclear", "accountability"]
    assert records[0]["text"] == "I\u2019m sorry, but you pushed me away."
    assert "blame_shifting" in records[0]["categories"] and "remorse" in records[0]["categories"]


def test_plain_output_is_readable():
    result = run("analyze", "I'm not discussing this.")
    assert result.returncode == 0
    assert result.stdout.startswith("DEFLECTION: I'm not discussing this.")
    assert "stonewalling" in result.stdout


def test_evaluate_reports_both_splits_and_the_confusion_matrix():
    result = run("evaluate", "--json")
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)
    assert [r["split"] for r in reports] == ["practice", "heldout"]
    for report in reports:
        assert 0 <= report["accuracy"] <= 1
        assert set(report["confusion"]) == {"accountability", "deflection", "unclear"}
        assert len(report["categories"]) == 16
        total = sum(sum(row.values()) for row in report["confusion"].values())
        assert total == report["size"]
