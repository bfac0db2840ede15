"""The one error that content problems raise."""
from __future__ import annotations


class ContentError(ValueError):
    """A problem in a course data file, naming the file, the entry and the field.

    >>> str(ContentError("data/framework.yaml", "step.accountability", "summary", "is missing"))
    "data/framework.yaml: entry 'step.accountability', field 'summary': is missing"
    """

    def __init__(self, file: str, entry: str | None, field: str | None, problem: str):
        self.file = str(file)
        self.entry = entry
        self.field = field
        self.problem = problem
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = [self.file]
        detail = []
        if self.entry is not None:
            detail.append(f"entry {self.entry!r}")
        if self.field is not None:
            detail.append(f"field {self.field!r}")
        if detail:
            where.append(", ".join(detail))
        return ": ".join(where + [self.problem])
