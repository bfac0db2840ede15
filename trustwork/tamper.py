"""Find submitted notebooks whose read-only or test cells were edited, and flag them in the gradebook.

nbgrader restores edited read-only cells from its own copy when it autogrades; this makes the edit visible to
the instructor (a flag in Formgrader) instead of silently undoing it.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.utils import compute_checksum, is_grade, is_locked


def tampered_cells(notebook: Path) -> list[str]:
    """Grade ids of locked or graded cells whose content no longer matches the checksum nbgrader released."""
    nb = nbformat.read(notebook, as_version=4)
    changed = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        checksum = meta.get("checksum")
        if checksum and (is_locked(cell) or (is_grade(cell) and not meta.get("solution"))):
            if compute_checksum(cell) != checksum:
                changed.append(meta.get("grade_id", "?"))
    return changed


def flag_tampered(submitted_root: Path, assignment: str, db_url: str) -> dict[str, list[str]]:
    """Flag every submitted notebook of `assignment` with edited read-only cells; return {student: [grade ids]}."""
    found: dict[str, list[str]] = {}
    with Gradebook(db_url) as gradebook:
        for notebook in sorted(Path(submitted_root).glob(f"*/{assignment}/*.ipynb")):
            student = notebook.parent.parent.name
            changed = tampered_cells(notebook)
            if not changed:
                continue
            found[student] = changed
            submitted = gradebook.find_submission_notebook(notebook.stem, assignment, student)
            submitted.flagged = True
        gradebook.db.commit()
    return found
