"""Check every file in `data/` at once, collecting all problems (used by `trustwork validate`)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .errors import ContentError
from .analyzer import pattern_errors
from .cases import check_cases
from .framework import framework_errors
from .paths import data_dir
from .questions import question_errors
from .statements import EVALUATION_SETS, labelled_errors, statement_errors
from .taxonomy import taxonomy_errors
from .validation import read_yaml
from .vignettes import check_vignettes


def _yaml_check(errors_of: Callable) -> Callable[[Path], list[ContentError]]:
    def run(path: Path) -> list[ContentError]:
        try:
            return errors_of(read_yaml(path), path)
        except ContentError as error:
            return [error]
    return run


# (file name inside data/, checker) in the order they are reported.
CHECKS: list[tuple[str, Callable[[Path], list[ContentError]]]] = [
    ("framework.yaml", _yaml_check(framework_errors)),
    ("taxonomy.yaml", _yaml_check(taxonomy_errors)),
    ("analyzer_patterns.yaml", _yaml_check(pattern_errors)),
    ("statements.csv", lambda path: statement_errors(path)[1]),
    ("vignettes", lambda path: check_vignettes(path)[1]),
    ("cases", check_cases),
    ("questions", lambda path: question_errors(path)[1]),
    *[(f"evaluation/{name}.csv", lambda path: labelled_errors(path)[1]) for name in EVALUATION_SETS],
]


def check_data(root: Path | None = None) -> tuple[list[str], list[ContentError]]:
    """Run every check on a data folder; return the names checked and every problem found."""
    root = Path(root) if root else data_dir()
    checked, problems = [], []
    for name, run in CHECKS:
        checked.append(name)
        problems.extend(run(root / name))
    return checked, problems
