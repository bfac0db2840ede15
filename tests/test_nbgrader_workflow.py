"""nbgrader's whole workflow on a real gradebook and a local exchange, with a class of awkward students:

generate -> release -> fetch and submit (8 students) -> collect -> autograde -> manual grades -> feedback -> export,
then autograde again (no grade lost), the tamper flag, and the instructor's cohort report.
"""
from __future__ import annotations

import copy
import os
import shutil
import subprocess
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit
from traitlets.config import Config

from conftest import BIN, ROOT
from trustwork.cohort import build_report, write_report
from trustwork.grading import check_choice  # noqa: F401  (the notebooks import it in the kernel)
from trustwork.tamper import flag_tampered

ASSIGNMENT = "a2_accountability"
COURSE = "rebuilding-trust"
TIMEOUT = 5
pytestmark = pytest.mark.slow


def answer_cells(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"]


def strip_solution(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if "### BEGIN SOLUTION" not in line
                     and "### END SOLUTION" not in line)


def course_config(root: Path, exchange: Path) -> Config:
    """The course's own nbgrader_config.py (loaded as nbgrader loads it), pointed at a scratch course and exchange."""
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    cfg.CourseDirectory.root = str(root)
    cfg.CourseDirectory.course_id = COURSE
    cfg.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    cfg.Exchange.root = str(exchange)
    cfg.Exchange.cache = str(root.parent / "cache")
    cfg.Execute.timeout = TIMEOUT
    cfg.ExecutePreprocessor.timeout = TIMEOUT
    return cfg


def student_exchange(cfg: Config, student: str, home: Path, kind):
    scfg = copy.deepcopy(cfg)
    scfg.CourseDirectory.root = str(home)
    scfg.CourseDirectory.student_id = student
    scfg.CourseDirectory.assignment_id = ASSIGNMENT
    scfg.Exchange.assignment_dir = str(home)
    coursedir = CourseDirectory(config=scfg)
    return kind(coursedir=coursedir, authenticator=Authenticator(config=scfg), config=scfg)


def wrong_value(cell_source: str, allowed_line: str) -> str:
    """A wrong but well-formed answer for a choice question, from the allowed list in its test cell."""
    import ast
    right = ast.literal_eval(strip_solution(cell_source).split("=", 1)[1].strip())
    allowed = ast.literal_eval(allowed_line[allowed_line.index("["):allowed_line.rindex("]") + 1])
    if isinstance(right, str):
        return repr(next(a for a in allowed if a != right))
    if isinstance(right, list):
        spare = [a for a in allowed if a not in right]
        return repr([spare[0], *right[1:]] if spare else list(reversed(right)))
    return repr(right + 1000)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Run the whole cycle once; the tests below check what it produced."""
    base = tmp_path_factory.mktemp("course")
    root, exchange = base / "instructor", base / "exchange"
    root.mkdir()
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, root / "solutions" / ASSIGNMENT)
    os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ['PATH']}"  # nbgrader shells out to alembic
    cfg = course_config(root, exchange)
    api = NbGraderAPI(config=cfg)
    timings = {}

    started = time.perf_counter()
    assert api.generate_assignment(ASSIGNMENT, force=True)["success"]
    assert api.release_assignment(ASSIGNMENT)["success"]
    timings["generate+release"] = time.perf_counter() - started

    solution = nbformat.read(root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    release_path = root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    if not release_path.exists():
        release_path = root / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    solved = {c.metadata["nbgrader"]["grade_id"]: c.source for c in solution.cells if "nbgrader" in c.metadata}
    tests = {c.metadata["nbgrader"]["grade_id"]: c for c in solution.cells
             if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"}

    def edit(nb, student):
        answers = answer_cells(nb)
        if student in ("alice", "carol", "dave", "erin", "frank", "grace", "heidi"):
            for cell in answers:
                cell.source = strip_solution(solved[cell.metadata["nbgrader"]["grade_id"]])
            for cell in nb.cells:
                meta = cell.metadata.get("nbgrader", {})
                if cell.cell_type == "markdown" and meta.get("solution"):
                    cell.source = solved[meta["grade_id"]]
        if student == "carol":  # the first half right, the rest wrong but well-formed
            for cell in answers[len(answers) // 2:]:
                grade_id = cell.metadata["nbgrader"]["grade_id"]
                visible = tests[f"{grade_id}-test"].source.splitlines()[1]
                cell.source = f"{grade_id} = {wrong_value(solved[grade_id], visible)}"
        if student == "dave":  # loops forever before the answer is even set
            answers[0].source = "while True:\n    pass\n" + answers[0].source
        if student == "erin":  # deletes the second answer cell and the first test cell
            doomed = {answers[1].metadata["nbgrader"]["grade_id"], f"{answers[0].metadata['nbgrader']['grade_id']}-test"}
            nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in doomed]
        if student == "frank":  # rewrites a read-only test cell to pass anything
            target = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))
            target.source = "pass  # I changed this test"
        if student == "grace":
            answers[2].source = "q_answer = undefined_name_on_purpose"
        if student == "heidi":
            answers[0].source += "\nprint('x' * 3_000_000)"
        return nb

    students = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
    started = time.perf_counter()
    for student in students:
        home = base / "students" / student
        home.mkdir(parents=True)
        student_exchange(cfg, student, home, ExchangeFetchAssignment).start()
        path = home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        nbformat.write(edit(nbformat.read(path, as_version=4), student), path)
        student_exchange(cfg, student, home, ExchangeSubmit).start()
    timings["fetch+submit (8)"] = time.perf_counter() - started

    assert api.collect(ASSIGNMENT)["success"]
    autograde_seconds = {}
    for student in students:
        started = time.perf_counter()
        result = api.autograde(ASSIGNMENT, student, force=True)
        autograde_seconds[student] = time.perf_counter() - started
        assert result["success"], (student, result.get("log"), result.get("error"))
    timings["autograde per submission"] = autograde_seconds
    flagged = flag_tampered(root / "submitted", ASSIGNMENT, cfg.CourseDirectory.db_url)

    scores_before = {s: api.get_submission(ASSIGNMENT, s)["score"] for s in students}
    with Gradebook(cfg.CourseDirectory.db_url) as gradebook:  # the instructor grades alice's written answers
        submission = gradebook.find_submission(ASSIGNMENT, "alice")
        for grade in submission.notebooks[0].grades:
            if grade.cell_type == "markdown":
                grade.manual_score = grade.max_score - 1  # as Formgrader's grade API does
                grade.needs_manual_grade = False
        gradebook.db.commit()
    alice_with_manual = api.get_submission(ASSIGNMENT, "alice")["score"]

    started = time.perf_counter()
    api.autograde(ASSIGNMENT, "alice", force=True)
    api.autograde(ASSIGNMENT, "carol", force=True)
    timings["re-autograde (2)"] = time.perf_counter() - started
    assert api.generate_feedback(ASSIGNMENT)["success"]
    assert api.release_feedback(ASSIGNMENT)["success"]
    export = subprocess.run([str(BIN / "nbgrader"), "export", f"--to={root / 'grades.csv'}",
                             f"--CourseDirectory.root={root}", f"--CourseDirectory.db_url={cfg.CourseDirectory.db_url}"],
                            cwd=root, capture_output=True, text=True, env={**os.environ})
    assert export.returncode == 0, export.stderr
    print(f"\nnbgrader workflow timings (s): {timings}")
    return {"root": root, "api": api, "cfg": cfg, "solution": solution, "students": students,
            "scores_before": scores_before, "alice_with_manual": alice_with_manual, "flagged": flagged,
            "tests": tests, "timings": timings}


def auto_points(solution):
    return sum(c.metadata["nbgrader"]["points"] for c in solution.cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")


def score(course, student):
    return course["api"].get_submission(ASSIGNMENT, student)


def test_right_answers_get_full_autograded_marks(course):
    alice = score(course, "alice")
    with Gradebook(course["cfg"].CourseDirectory.db_url) as gradebook:
        submission = gradebook.find_submission(ASSIGNMENT, "alice")
        auto = sum(g.auto_score or 0 for nb in submission.notebooks for g in nb.grades if g.cell_type == "code")
        review = {g.cell_type for nb in submission.notebooks for g in nb.grades if g.needs_manual_grade}
    assert auto == auto_points(course["solution"]) > 0
    # Only written answers wait for the instructor (re-autograding marks graded ones for review, keeping the score).
    assert review <= {"markdown"} and alice["needs_manual_grade"] is True


def test_blank_release_scores_zero(course):
    assert course["scores_before"]["bob"] == 0


def test_chosen_mix_gets_exactly_the_expected_partial_score(course):
    answers = answer_cells(course["solution"])
    right = [c.metadata["nbgrader"]["grade_id"] for c in answers[: len(answers) // 2]]
    expected = sum(course["tests"][f"{g}-test"].metadata["nbgrader"]["points"] for g in right)
    assert course["scores_before"]["carol"] == expected


def test_infinite_loop_times_out_is_graded_and_the_class_is_unaffected(course):
    dave = course["root"] / "autograded" / "dave" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    text = dave.read_text()
    assert "CellTimeoutError" in text or "Timeout" in text or "timed out" in text.lower()
    first_points = course["tests"][f"{answer_cells(course['solution'])[0].metadata['nbgrader']['grade_id']}-test"]
    assert course["scores_before"]["dave"] == auto_points(course["solution"]) - first_points.metadata["nbgrader"]["points"]
    assert course["timings"]["autograde per submission"]["dave"] < 120
    assert course["scores_before"]["alice"] >= course["scores_before"]["dave"]


def test_deleted_cells_are_put_back_and_graded(course):
    erin = course["scores_before"]["erin"]
    assert 0 < erin < auto_points(course["solution"])
    autograded = (course["root"] / "autograded" / "erin" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    assert "was missing from the submission" in autograded


def test_edited_test_cell_is_restored_and_flagged(course):
    assert "frank" in course["flagged"] and list(course["flagged"]) == ["frank"]
    assert course["scores_before"]["frank"] == course["scores_before"]["alice"]
    with Gradebook(course["cfg"].CourseDirectory.db_url) as gradebook:
        assert gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "frank").flagged is True
        assert gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "alice").flagged is False


def test_an_exception_costs_only_that_item(course):
    grace = course["scores_before"]["grace"]
    assert 0 < grace < course["scores_before"]["alice"]


def test_megabytes_of_output_are_limited(course):
    heidi = course["root"] / "autograded" / "heidi" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert heidi.stat().st_size < 1_000_000
    assert course["scores_before"]["heidi"] == course["scores_before"]["alice"]


def test_reautograde_loses_no_grade(course):
    assert score(course, "alice")["score"] == course["alice_with_manual"] > course["scores_before"]["alice"]
    assert score(course, "carol")["score"] == course["scores_before"]["carol"]


def test_feedback_hides_hidden_tests_and_answers(course):
    import re

    feedback = list((course["root"] / "feedback").rglob("*.html"))
    assert len(feedback) == len(course["students"])
    fingerprints = {m for c in course["tests"].values() for m in re.findall(r"'([0-9a-f]{16})'", c.source)}
    assert fingerprints, "the hidden tests should compare fingerprints"
    examples = [c.source[:60] for c in course["solution"].cells
                if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")]
    for page in feedback:
        html = page.read_text()
        assert "HIDDEN TESTS" not in html and "check_answer" not in html and "check_near" not in html, page
        assert not any(f in html for f in fingerprints), page
    bob = next(p for p in feedback if "/bob/" in str(p)).read_text()
    assert not any(example in bob for example in examples), "a written example answer leaked into feedback"


def test_export_has_every_student(course):
    grades = pd.read_csv(course["root"] / "grades.csv")
    assert set(grades["student_id"]) == set(course["students"])


def test_cohort_report_from_the_real_gradebook(course, tmp_path):
    report = build_report(course["cfg"].CourseDirectory.db_url, course["root"] / "solutions", ASSIGNMENT)
    assert len(report.scores) == len(course["students"])
    assert set(report.items["item"]) >= {f"{c.metadata['nbgrader']['grade_id']}-test" for c in answer_cells(course["solution"])}
    assert "bob" in set(report.support["student"]) and "alice" not in set(report.support["student"])
    assert "step.accountability" in set(report.concepts["concept"])
    assert not report.categories.empty
    written = write_report(report, tmp_path / "report")
    assert (tmp_path / "report" / "cohort.png").read_bytes()[:4] == b"\x89PNG"
    assert all(p.exists() for p in written)
    result = subprocess.run([str(BIN / "trustwork"), "cohort-report", "--gradebook", str(course["root"] / "gradebook.db"),
                             "--source", str(course["root"] / "solutions"), "--out", str(tmp_path / "cli")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cli" / "support.csv").exists()


def test_instructor_notebook_shows_the_report(course):
    import nbclient

    nb = nbformat.read(ROOT / "instructor" / "cohort_report.ipynb", as_version=4)
    nb.cells[1].source = (nb.cells[1].source.replace('"gradebook.db"', repr(str(course["root"] / "gradebook.db")))
                          .replace('"solutions"', repr(str(course["root"] / "solutions"))))
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = "".join(str(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Trainees who may need support" in outputs and "image/png" in outputs
