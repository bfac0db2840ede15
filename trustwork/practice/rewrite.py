"""The rewrite coach's checklist: what an accountable rewrite of a deflection needs, and what to try next."""
from __future__ import annotations

from dataclasses import dataclass

from ..analyzer import Analysis, analyze
from ..taxonomy import taxonomy

CHECKLIST = (
    ("ownership", "Owns what was done, as a choice"),
    ("impact", "Names the impact on the other person"),
    ("empathy", "Says their feelings make sense"),
    ("commitment", "Commits to specific, changed behaviour"),
)
MAX_LENGTH = 2000


@dataclass
class RewriteCheck:
    """The checklist for one draft: ticks, the analysis, and the next thing to try."""
    analysis: Analysis
    ticks: dict[str, bool]
    no_deflection: bool
    next_step: str
    truncated: bool = False

    @property
    def complete(self) -> bool:
        return self.no_deflection and all(self.ticks.values())


def check_rewrite(draft: str) -> RewriteCheck:
    """Analyse a trainee's draft (kept only in memory) and say what to try next."""
    draft = draft if isinstance(draft, str) else ""
    truncated = len(draft) > MAX_LENGTH
    analysis = analyze(draft[:MAX_LENGTH])
    found = set(analysis.categories)
    ticks = {category: category in found for category, _ in CHECKLIST}
    deflections = analysis.found("deflection")
    names = taxonomy()
    if not draft.strip():
        next_step = "Start by saying plainly what you did, in the first person."
    elif deflections:
        first = next(m for m in analysis.markers if m.category == deflections[0])
        next_step = (f"Remove the {names[deflections[0]].name.lower()} in \"{first.text}\". "
                     f"{names[deflections[0]].tip}")
    else:
        missing = [c for c, _ in CHECKLIST if not ticks[c]]
        next_step = (f"Add {names[missing[0]].name.lower()}: {names[missing[0]].tip}" if missing
                     else "Every item is there. Read it aloud: would the other person hear it as about them?")
    if truncated:
        next_step = f"Only the first {MAX_LENGTH} characters were read; keep it shorter. " + next_step
    return RewriteCheck(analysis, ticks, not deflections and bool(draft.strip()), next_step, truncated)
