"""The safety screen: which referral signs a case shows, and whether conjoint trust work is safe."""
from __future__ import annotations

from dataclasses import dataclass

from ..framework import framework
from ..vignettes import Vignette

DECISIONS = ("conjoint", "individual", "referral")


@dataclass
class ScreenResult:
    decision_correct: bool
    found: list[str]
    missed: list[str]
    extra: list[str]
    messages: list[str]


def check_screen(vignette: Vignette, ticked: list[str], decision: str) -> ScreenResult:
    """Compare a trainee's ticked signs and decision with the case's safety assessment."""
    if decision not in DECISIONS:
        raise ValueError(f"the decision is one of {DECISIONS}, not {decision!r}")
    parts = {p.id: p for p in framework().referral_signs()}
    unknown = [t for t in ticked if t not in parts]
    if unknown:
        raise ValueError(f"unknown sign(s) {unknown}")
    present = set(vignette["safety"]["signs_present"])
    chosen = set(ticked)
    found, missed, extra = sorted(chosen & present), sorted(present - chosen), sorted(chosen - present)
    recommended = vignette["safety"]["recommended"]
    contraindicated = [p for p in present if parts[p].kind == "contraindication"]
    messages = []
    if decision == recommended:
        messages.append(f"Your decision matches the case assessment: {recommended}.")
    else:
        messages.append(f"The case assessment is {recommended}, not {decision}.")
    if decision == "conjoint" and contraindicated:
        names = ", ".join(parts[p].text.lower() for p in contraindicated)
        messages.append(f"Joint trust work is unsafe here because of: {names}. Safety comes before reconciliation.")
    if missed:
        messages.append("Signs you did not tick: " + "; ".join(parts[p].text for p in missed) + ".")
    if extra:
        messages.append("Ticked but not present in this case: " + "; ".join(parts[p].text for p in extra) + ".")
    messages.append("Reasoning: " + vignette["safety"]["reasoning"])
    return ScreenResult(decision == recommended, found, missed, extra, messages)
