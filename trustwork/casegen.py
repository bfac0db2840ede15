"""Seeded generator of the synthetic case histories in `data/cases/` (invented data for teaching).

For each chosen vignette it writes `ledger.csv` (weekly deposits and withdrawals: the savings-account metaphor)
and `scores.csv` (the injured partner's weekly self-report on published instruments' scales). Run
`python -m trustwork.casegen` to rewrite the files, `python -m trustwork.casegen --check` to confirm that the
committed files are exactly what the generator makes.

Instruments whose scales are used (item wording is not reproduced; see data/README.md):
- Dyadic Trust Scale (Larzelere & Huston, 1980): 8 items, 7-point, total 8-56.
- TRIM-18 (McCullough, Root & Cohen, 2006): avoidance 7-35, revenge 5-25, benevolence 6-30.
- Couples Satisfaction Index, CSI-4 (Funk & Rogge, 2007): 4 items, total 0-21; below 13.5 suggests distress.
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .paths import data_dir, display_path
from .validation import read_yaml

LEDGER_COLUMNS = ("week", "date", "actor", "kind", "behaviour", "weight", "concept")
SCORE_COLUMNS = ("week", "date", "respondent", "dts", "trim_avoidance", "trim_revenge", "trim_benevolence", "csi4")
SCALES = {"dts": (8, 56), "trim_avoidance": (7, 35), "trim_revenge": (5, 25), "trim_benevolence": (6, 30),
          "csi4": (0, 21)}

DEPOSITS = {
    "step.transparency": ["answered every question about the affair without getting defensive",
                          "offered the week's messages without being asked", "shared location for the evening out",
                          "said who had been in touch this week, unprompted", "showed the bank statement"],
    "step.consistency": ["home at the time promised", "kept the Thursday check-in",
                         "texted when plans changed", "followed through on the weekend plan",
                         "did what was agreed about the household jobs", "remembered and kept a small promise"],
    "step.validation": ["listened to a hard evening's feelings without defending",
                        "named the hurt before she had to", "stayed in the room when the anger came",
                        "acknowledged an anniversary of the discovery"],
    "step.accountability": ["said plainly what happened when a friend asked", "owned a slip without excuses"],
    "step.boundaries": ["kept the agreed limit on contact", "declined the invitation the boundary covers",
                        "reviewed the agreements together"],
    "step.intimacy": ["planned an evening together", "went for the Sunday walk", "cooked together",
                      "asked about their day and listened"],
    "step.root_cause": ["went to individual therapy", "talked through what the therapist raised"],
}
WITHDRAWALS = {
    "mistakes.secrecy": ["a message hidden and then discovered", "a lie about where they had been",
                         "deleted a conversation before being asked"],
    "mistakes.rushing": ["said 'you should be over this by now'", "pushed for a decision about the future"],
    "mistakes.demanding_trust": ["demanded to be trusted after a question", "refused a check-in as 'insulting'"],
    "mistakes.avoiding_conversations": ["walked out of a hard conversation", "cancelled the weekly talk twice"],
    "mistakes.weaponizing": ["the affair was thrown into an unrelated argument"],
}


@dataclass(frozen=True)
class CasePlan:
    """How a case's trust moves: the story its data tells."""
    vignette: str
    shape: str          # steady | stall | relapse | separation
    weeks: int
    start: date
    seed: int
    deposits_per_week: float
    withdrawal_every: int       # a routine small withdrawal about this often (weeks); 0 for none
    big_withdrawal_week: int    # a large withdrawal in this week; 0 for none
    separation_week: int = 0    # the week the couple agree to part


PLANS = (
    CasePlan("v12_haddad_oconnell", "steady", 36, date(2026, 1, 5), 12, 3.2, 0, 0),
    CasePlan("v10_ngata_salazar", "stall", 30, date(2026, 2, 2), 10, 1.6, 5, 0),
    CasePlan("v11_cho", "relapse", 40, date(2025, 9, 1), 11, 2.8, 0, 17),
    CasePlan("v06_campbell", "separation", 32, date(2025, 10, 6), 14, 2.6, 0, 0, separation_week=28),
)


def _people(vignette_id: str, root: Path) -> tuple[str, str]:
    doc = read_yaml(root / "vignettes" / f"{vignette_id}.yaml")
    by_role = {p["role"]: p["name"].split()[0] for p in doc["people"]}
    return by_role.get("betraying", "Partner A"), by_role.get("injured", "Partner B")


def _ledger(plan: CasePlan, rng: random.Random, betraying: str, injured: str) -> list[dict]:
    rows = []
    deposit_concepts = sorted(DEPOSITS)
    for week in range(1, plan.weeks + 1):
        monday = plan.start + timedelta(weeks=week - 1)
        effort = plan.deposits_per_week
        if plan.shape == "stall" and week > 8:
            effort *= 0.75
        if plan.shape == "relapse" and plan.big_withdrawal_week < week <= plan.big_withdrawal_week + 3:
            effort *= 1.3
        if plan.shape == "separation" and week >= plan.separation_week:
            effort *= 0.4
        count = max(0, round(rng.gauss(effort, 0.8)))
        for _ in range(count):
            concept = rng.choice(deposit_concepts)
            if plan.shape == "separation" and week >= plan.separation_week and concept == "step.intimacy":
                concept = "step.consistency"
            actor = injured if concept == "step.intimacy" and rng.random() < 0.3 else betraying
            rows.append({"week": week, "date": monday + timedelta(days=rng.randrange(7)), "actor": actor,
                         "kind": "deposit", "behaviour": rng.choice(DEPOSITS[concept]),
                         "weight": rng.choice((1, 1, 2, 2, 3)), "concept": concept})
        routine = plan.withdrawal_every and week % plan.withdrawal_every == 0
        early = plan.shape in {"steady", "separation"} and week in (3, 9)
        if routine or early:
            concept = rng.choice(sorted(WITHDRAWALS))
            actor = injured if concept == "mistakes.weaponizing" else betraying
            rows.append({"week": week, "date": monday + timedelta(days=rng.randrange(7)), "actor": actor,
                         "kind": "withdrawal", "behaviour": rng.choice(WITHDRAWALS[concept]),
                         "weight": -rng.choice((4, 5, 6, 8)), "concept": concept})
        if week == plan.big_withdrawal_week:
            rows.append({"week": week, "date": monday + timedelta(days=2), "actor": betraying, "kind": "withdrawal",
                         "behaviour": "kept a contact from the affair secret for several days",
                         "weight": -20, "concept": "mistakes.secrecy"})
        if week == plan.separation_week:
            rows.append({"week": week, "date": monday + timedelta(days=3), "actor": f"{betraying} and {injured}",
                         "kind": "deposit", "behaviour": "agreed together, calmly, to separate and to stay on good terms",
                         "weight": 2, "concept": "outcomes"})
    rows.sort(key=lambda r: (r["date"], r["kind"], r["behaviour"]))
    for row in rows:
        row["date"] = row["date"].isoformat()
    return rows


def _clip(value: float, scale: str) -> int:
    low, high = SCALES[scale]
    return int(min(high, max(low, round(value))))


def _scores(plan: CasePlan, ledger: list[dict], rng: random.Random, injured: str) -> list[dict]:
    balance_by_week = {w: 0 for w in range(1, plan.weeks + 1)}
    for row in ledger:
        balance_by_week[row["week"]] += row["weight"]
    trust, forgiveness, satisfaction = 0.18, 0.12, 0.30
    rows = []
    for week in range(1, plan.weeks + 1):
        change = balance_by_week[week]
        # Withdrawals weigh more than deposits, and trust rises more slowly the higher it is.
        step = 0.0042 * change * (1.1 - trust) if change >= 0 else 0.016 * change
        trust = min(0.95, max(0.03, trust + step))
        forgiveness += 0.18 * (trust - forgiveness) + rng.gauss(0, 0.008)
        if plan.shape == "separation" and week > plan.separation_week - 10:
            satisfaction += 0.12 * (0.22 - satisfaction)
        else:
            satisfaction += 0.15 * (trust * 0.9 + 0.05 - satisfaction)
        monday = plan.start + timedelta(weeks=week - 1)
        rows.append({
            "week": week, "date": (monday + timedelta(days=6)).isoformat(), "respondent": injured,
            "dts": _clip(8 + 48 * trust + rng.gauss(0, 1.6), "dts"),
            "trim_avoidance": _clip(35 - 28 * forgiveness + rng.gauss(0, 1.2), "trim_avoidance"),
            "trim_revenge": _clip(5 + 20 * (1 - forgiveness) ** 1.6 + rng.gauss(0, 0.9), "trim_revenge"),
            "trim_benevolence": _clip(6 + 24 * forgiveness + rng.gauss(0, 1.2), "trim_benevolence"),
            "csi4": _clip(21 * satisfaction + rng.gauss(0, 0.9), "csi4"),
        })
    return rows


def _csv(rows: list[dict], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def generate(root: Path | None = None) -> dict[Path, str]:
    """Every case file's path and its exact content, from the seeded plans."""
    root = Path(root) if root else data_dir()
    files = {}
    for plan in PLANS:
        rng = random.Random(plan.seed)
        betraying, injured = _people(plan.vignette, root)
        ledger = _ledger(plan, rng, betraying, injured)
        folder = root / "cases" / plan.vignette
        files[folder / "ledger.csv"] = _csv(ledger, LEDGER_COLUMNS)
        files[folder / "scores.csv"] = _csv(_scores(plan, ledger, rng, injured), SCORE_COLUMNS)
    return files


def main(argv: list[str] | None = None) -> int:
    """Write the case files, or with --check report any that differ from what the generator makes."""
    parser = argparse.ArgumentParser(prog="python -m trustwork.casegen", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing; exit 1 on a difference")
    args = parser.parse_args(argv)
    stale = []
    for path, content in generate().items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(display_path(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            print(f"wrote {display_path(path)}")
    for path in stale:
        print(f"differs from the generator: {path}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
