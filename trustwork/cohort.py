"""The instructor's cohort report: score distribution, item difficulty, mastery by concept and by deflection
category, and trainees who may need support — from a real nbgrader gradebook.

    trustwork cohort-report --gradebook gradebook.db [--assignment NAME] [--out report/]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.style import context as style_context
from nbgrader.api import Gradebook, MissingEntry

from .plots import STYLE, figure_png
from .taxonomy import DEFLECTION

SUPPORT_BELOW = 0.6  # share of the available points under which a trainee is listed for a check-in


@dataclass
class CohortReport:
    scores: pd.DataFrame        # one row per trainee and assignment
    items: pd.DataFrame         # one row per graded item: difficulty
    concepts: pd.DataFrame      # mastery by framework concept
    categories: pd.DataFrame    # mastery by deflection category
    support: pd.DataFrame       # trainees who may need support, and why


def _item_tags(source_root: Path, assignment: str) -> dict[str, dict]:
    """For each graded item: the framework concepts it assesses and the deflection category in its answer."""
    tags: dict[str, dict] = {}
    for path in sorted((source_root / assignment).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        concepts = list(nb.metadata.get("trustwork", {}).get("concepts", []))
        answers: dict[str, str] = {}
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and cell.cell_type == "code":
                answers[meta["grade_id"]] = cell.source
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("grade"):
                continue
            grade_id = meta["grade_id"]
            question = grade_id.removesuffix("-test")
            item_concepts = cell.metadata.get("trustwork", {}).get("concepts", concepts)
            answer = answers.get(question, "")
            found = [c for c in DEFLECTION if re.search(rf"[\"']{c}[\"']", answer)]
            tags[grade_id] = {"concepts": item_concepts, "categories": found}
    return tags


def build_report(db_url: str, source_root: Path, assignment: str | None = None) -> CohortReport:
    """Read the gradebook (and the assignments' source notebooks for item tags) into the report's tables."""
    score_rows, item_rows = [], []
    with Gradebook(db_url) as gradebook:
        assignments = [a.name for a in gradebook.assignments if assignment in (None, a.name)]
        if assignment and not assignments:
            raise ValueError(f"no assignment {assignment!r} in the gradebook")
        students = [s.id for s in gradebook.students]
        for name in assignments:
            tags = _item_tags(Path(source_root), name)
            for student in students:
                try:
                    submission = gradebook.find_submission(name, student)
                except MissingEntry:
                    score_rows.append({"student": student, "assignment": name, "score": 0.0,
                                       "max_score": gradebook.find_assignment(name).max_score, "submitted": False,
                                       "needs_manual_grade": False})
                    continue
                score_rows.append({"student": student, "assignment": name, "score": submission.score,
                                   "max_score": submission.max_score, "submitted": True,
                                   "needs_manual_grade": submission.needs_manual_grade})
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        tag = tags.get(grade.name, {"concepts": [], "categories": []})
                        item_rows.append({"assignment": name, "item": grade.name, "student": student,
                                          "score": grade.score, "max_score": grade.max_score,
                                          "kind": "manual" if grade.cell_type == "markdown" else "auto",
                                          "concepts": tag["concepts"], "categories": tag["categories"]})
    scores = pd.DataFrame(score_rows)
    graded = pd.DataFrame(item_rows)
    if graded.empty:
        raise ValueError("the gradebook has no graded submissions yet: run autograde first")
    graded["fraction"] = graded["score"] / graded["max_score"].where(graded["max_score"] > 0)
    items = (graded.groupby(["assignment", "item", "kind"], as_index=False)
             .agg(mean_score=("score", "mean"), max_score=("max_score", "first"), difficulty=("fraction", "mean"),
                  answered=("student", "nunique")))
    items["difficulty"] = 1 - items["difficulty"]
    concepts = (graded.explode("concepts").dropna(subset=["concepts"])
                .groupby("concepts", as_index=False).agg(mastery=("fraction", "mean"), items=("item", "nunique"))
                .rename(columns={"concepts": "concept"}).sort_values("mastery"))
    by_category = graded.explode("categories").dropna(subset=["categories"])
    categories = (by_category.groupby("categories", as_index=False).agg(mastery=("fraction", "mean"),
                                                                         items=("item", "nunique"))
                  .rename(columns={"categories": "category"}).sort_values("mastery")
                  if not by_category.empty else pd.DataFrame(columns=["category", "mastery", "items"]))
    totals = scores.groupby("student", as_index=False).agg(score=("score", "sum"), max_score=("max_score", "sum"),
                                                           missing=("submitted", lambda s: int((~s).sum())))
    totals["share"] = totals["score"] / totals["max_score"].where(totals["max_score"] > 0)
    support = totals[(totals["share"] < SUPPORT_BELOW) | (totals["missing"] > 0)].copy()
    support["reason"] = [
        "; ".join(r for r in (f"{row.share:.0%} of available points" if row.share < SUPPORT_BELOW else "",
                              f"{row.missing} assignment(s) not submitted" if row.missing else "") if r)
        for row in support.itertuples()]
    return CohortReport(scores, items, concepts, categories, support.sort_values("share"))


def report_figure(report: CohortReport) -> tuple[Figure, str]:
    """Score distribution and mastery by concept, with a text description."""
    with style_context(STYLE):
        figure = Figure(figsize=(10, 4.5))
        left, right = figure.subplots(1, 2)
        shares = (report.scores["score"] / report.scores["max_score"]).fillna(0) * 100
        left.hist(shares, bins=range(0, 101, 10), hatch="//", edgecolor="black", linewidth=0.4)
        left.set_title("Score distribution")
        left.set_xlabel("score (% of available points)")
        left.set_ylabel("submissions")
        concepts = report.concepts.head(12)
        right.barh(concepts["concept"], concepts["mastery"] * 100, hatch="xx", edgecolor="black", linewidth=0.3)
        right.set_title("Mastery by concept (weakest first)")
        right.set_xlabel("mean score on items assessing it (%)")
        right.set_ylabel("framework concept")
        right.set_xlim(0, 100)
        right.invert_yaxis()
        figure.tight_layout()
    weakest = ", ".join(f"{r.concept} ({r.mastery:.0%})" for r in report.concepts.head(3).itertuples())
    description = (f"Figure: left, the distribution of {len(report.scores)} submission scores (median "
                   f"{shares.median():.0f}%); right, mastery by framework concept, weakest first: {weakest}.")
    return figure, description


def write_report(report: CohortReport, out: Path) -> list[Path]:
    """Write the tables (CSV) and the figure (PNG, with a .txt description) to a folder."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("scores", "items", "concepts", "categories", "support"):
        path = out / f"{name}.csv"
        getattr(report, name).to_csv(path, index=False)
        written.append(path)
    figure, description = report_figure(report)
    (out / "cohort.png").write_bytes(figure_png(figure))
    (out / "cohort.txt").write_text(description + "\n", encoding="utf-8")
    return written + [out / "cohort.png", out / "cohort.txt"]


def show_cohort_report(gradebook: str = "gradebook.db", source: str = "solutions", assignment: str | None = None):
    """Display the cohort report in the instructor notebook (one call)."""
    from IPython.display import Image, Markdown, display

    path = Path(gradebook).resolve()
    if not path.exists():
        display(Markdown(f"No gradebook at `{path}` yet: autograde some submissions first."))
        return None
    report = build_report(f"sqlite:///{path}", Path(source), assignment)
    figure, description = report_figure(report)
    display(Image(figure_png(figure)), Markdown(f"*{description}*"))
    for title, table in (("Trainees who may need support", report.support), ("Mastery by concept", report.concepts),
                         ("Mastery by deflection category", report.categories),
                         ("Item difficulty (hardest first)", report.items.sort_values("difficulty", ascending=False))):
        display(Markdown(f"### {title}"), table)
    return None
