"""Trust as a savings account: weekly deposits, withdrawals and the running balance of a case."""
from __future__ import annotations

import pandas as pd

from ..cases import CaseHistory

KINDS = ("deposit", "withdrawal")
MAX_BEHAVIOUR = 200


def add_entry(ledger: pd.DataFrame, week: int, kind: str, behaviour: str, weight: int,
              actor: str = "trainee") -> pd.DataFrame:
    """A copy of the ledger with one more entry, checked: deposits positive, withdrawals negative."""
    if kind not in KINDS:
        raise ValueError(f"kind is 'deposit' or 'withdrawal', not {kind!r}")
    behaviour = (behaviour or "").strip()
    if not behaviour:
        raise ValueError("describe the behaviour in a few words")
    if len(behaviour) > MAX_BEHAVIOUR:
        raise ValueError(f"keep the behaviour under {MAX_BEHAVIOUR} characters (it has {len(behaviour)})")
    if not isinstance(weight, int) or weight == 0 or (weight > 0) != (kind == "deposit"):
        raise ValueError("a deposit has a positive weight and a withdrawal a negative one")
    last_week = int(ledger["week"].max()) if len(ledger) else 1
    if not 1 <= week <= last_week + 8:
        raise ValueError(f"week must be between 1 and {last_week + 8}")
    row = {"week": week, "date": pd.NaT, "actor": actor, "kind": kind, "behaviour": behaviour,
           "weight": weight, "concept": "metaphor.savings_account"}
    return pd.concat([ledger, pd.DataFrame([row])], ignore_index=True)


def weekly_balance(ledger: pd.DataFrame, weeks: int | None = None) -> pd.DataFrame:
    """Per week: deposits, withdrawals, net change and the running balance (weeks with no entries are zero)."""
    last = weeks or (int(ledger["week"].max()) if len(ledger) else 0)
    index = pd.Index(range(1, last + 1), name="week")
    deposits = ledger[ledger["kind"] == "deposit"].groupby("week")["weight"].sum().reindex(index, fill_value=0)
    withdrawals = ledger[ledger["kind"] == "withdrawal"].groupby("week")["weight"].sum().reindex(index, fill_value=0)
    table = pd.DataFrame({"deposits": deposits, "withdrawals": withdrawals})
    table["net"] = table["deposits"] + table["withdrawals"]
    table["balance"] = table["net"].cumsum()
    return table.reset_index()


def savings_story(case: CaseHistory, ledger: pd.DataFrame | None = None) -> str:
    """The savings-account idea told with this case's numbers."""
    ledger = case.ledger if ledger is None else ledger
    deposits = ledger[ledger["kind"] == "deposit"]["weight"]
    withdrawals = ledger[ledger["kind"] == "withdrawal"]["weight"]
    weekly = weekly_balance(ledger)
    lines = [f"{len(deposits)} deposits averaging +{deposits.mean():.1f}, and {len(withdrawals)} withdrawals "
             f"averaging {withdrawals.mean():.1f}." if len(withdrawals) else
             f"{len(deposits)} deposits averaging +{deposits.mean():.1f}, and no withdrawals."]
    if len(withdrawals):
        worst = ledger.loc[withdrawals.idxmin()]
        week = int(worst["week"])
        before = weekly.loc[weekly["week"] < week, "balance"]
        level = int(before.iloc[-1]) if len(before) else 0
        after = weekly[(weekly["week"] >= week) & (weekly["balance"] >= level)]
        recovered = [w for w in after["week"] if w > week]
        per_deposit = deposits.mean()
        lines.append(f"The largest withdrawal ({int(worst['weight'])}, week {week}: {worst['behaviour']}) "
                     f"cost as much as about {abs(worst['weight']) / per_deposit:.0f} ordinary deposits.")
        lines.append(f"The balance was back to its earlier level by week {recovered[0]}." if recovered
                     else "The balance had not recovered its earlier level by the end of the record.")
    end = case.scores.iloc[-1]
    start = case.scores.iloc[0]
    lines.append(f"Over the same weeks the injured partner's trust score went from {int(start['dts'])} to "
                 f"{int(end['dts'])} (Dyadic Trust Scale, 8-56).")
    return " ".join(lines)
