"""Synthetic case histories in `data/cases/<vignette>/`: a ledger of deposits and withdrawals and weekly
self-report scores, loaded as pandas tables and validated on load (see `casegen.py` for how they are made)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .casegen import LEDGER_COLUMNS, SCALES, SCORE_COLUMNS
from .errors import ContentError
from .framework import CONCEPT_IDS
from .paths import data_dir, display_path


@dataclass
class CaseHistory:
    vignette: str
    ledger: pd.DataFrame
    scores: pd.DataFrame


def _read(path: Path, columns: tuple[str, ...], case: str) -> tuple[pd.DataFrame | None, list[ContentError]]:
    shown = display_path(path)
    try:
        frame = pd.read_csv(path)
    except FileNotFoundError:
        return None, [ContentError(shown, case, None, "file not found")]
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        return None, [ContentError(shown, case, None, f"cannot be read as CSV: {exc}")]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        return None, [ContentError(shown, case, ", ".join(missing), "column(s) missing")]
    return frame, []


def _row_problem(shown: str, case: str, frame: pd.DataFrame, mask, field: str, problem: str) -> list[ContentError]:
    bad = frame.index[mask]
    if len(bad) == 0:
        return []
    row = int(bad[0]) + 2  # header is line 1
    return [ContentError(shown, case, field, f"{problem} (line {row}, value {frame.loc[bad[0], field]!r})")]


def case_errors(folder: Path) -> tuple[CaseHistory | None, list[ContentError]]:
    """Read and check one case folder; return the history (if valid) and every problem."""
    case = folder.name
    ledger, errors = _read(folder / "ledger.csv", LEDGER_COLUMNS, case)
    scores, more = _read(folder / "scores.csv", SCORE_COLUMNS, case)
    errors += more
    if errors:
        return None, errors
    shown = display_path(folder / "ledger.csv")
    weight = pd.to_numeric(ledger["weight"], errors="coerce")
    errors += _row_problem(shown, case, ledger, ~ledger["kind"].isin(["deposit", "withdrawal"]), "kind",
                           "must be deposit or withdrawal")
    errors += _row_problem(shown, case, ledger, weight.isna(), "weight", "must be a whole number")
    errors += _row_problem(shown, case, ledger, (ledger["kind"] == "deposit") & (weight <= 0), "weight",
                           "a deposit must be positive")
    errors += _row_problem(shown, case, ledger, (ledger["kind"] == "withdrawal") & (weight >= 0), "weight",
                           "a withdrawal must be negative")
    errors += _row_problem(shown, case, ledger, ~ledger["concept"].isin(CONCEPT_IDS), "concept",
                           "not a framework concept id")
    errors += _row_problem(shown, case, ledger, pd.to_datetime(ledger["date"], errors="coerce").isna(), "date",
                           "must be a date (YYYY-MM-DD)")
    shown_scores = display_path(folder / "scores.csv")
    for scale, (low, high) in SCALES.items():
        values = pd.to_numeric(scores[scale], errors="coerce")
        errors += _row_problem(shown_scores, case, scores, values.isna() | (values < low) | (values > high), scale,
                               f"must be a number from {low} to {high}")
    if errors:
        return None, errors
    ledger["date"] = pd.to_datetime(ledger["date"])
    scores["date"] = pd.to_datetime(scores["date"])
    return CaseHistory(case, ledger, scores), []


def check_cases(root: Path) -> list[ContentError]:
    """Every problem in every case folder under `root`."""
    folders = sorted(p for p in Path(root).iterdir() if p.is_dir()) if Path(root).is_dir() else []
    if not folders:
        return [ContentError(display_path(root), None, None, "no case folders found")]
    return [e for folder in folders for e in case_errors(folder)[1]]


def load_case(vignette_id: str, root: Path | None = None) -> CaseHistory:
    """Load one case history by vignette id, raising a ContentError naming file, case and field."""
    folder = (Path(root) if root else data_dir() / "cases") / vignette_id
    history, errors = case_errors(folder)
    if errors:
        raise errors[0]
    return history
