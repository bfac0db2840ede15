"""Figures for lessons and widgets: titled, labelled, colour-blind-safe, each with a text description."""
from __future__ import annotations

import io
from collections import Counter

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.style import context as style_context

from .taxonomy import taxonomy

STYLE = "tableau-colorblind10"


def figure_png(figure: Figure) -> bytes:
    """Render a figure to PNG bytes (no pyplot, no display needed)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def ledger_figure(weekly: pd.DataFrame, scores: pd.DataFrame, title: str) -> tuple[Figure, str]:
    """Two panels: weekly deposits and withdrawals with the running balance; and the trust and satisfaction
    scores over the same weeks. Returns the figure and its text description."""
    with style_context(STYLE):
        figure = Figure(figsize=(8, 6.5))
        top, bottom = figure.subplots(2, 1, sharex=True)
        top.bar(weekly["week"], weekly["deposits"], label="deposits", hatch="//", edgecolor="black", linewidth=0.3)
        top.bar(weekly["week"], weekly["withdrawals"], label="withdrawals", hatch="xx", edgecolor="black",
                linewidth=0.3)
        top.plot(weekly["week"], weekly["balance"], marker="o", markersize=3, color="black", label="running balance")
        top.axhline(0, color="grey", linewidth=0.8)
        top.set_title(f"{title}: the trust account")
        top.set_ylabel("points (deposits +, withdrawals -)")
        top.legend(loc="upper left", fontsize=8)
        bottom.plot(scores["week"], scores["dts"], marker="s", markersize=3, label="trust (Dyadic Trust Scale, 8-56)")
        bottom.plot(scores["week"], scores["csi4"], marker="^", markersize=3, linestyle="--",
                    label="satisfaction (CSI-4, 0-21)")
        bottom.axhline(13.5, color="grey", linestyle=":", linewidth=0.8, label="CSI-4 distress line (13.5)")
        bottom.set_title("The injured partner's weekly self-report")
        bottom.set_xlabel("week")
        bottom.set_ylabel("score")
        bottom.legend(loc="upper left", fontsize=8)
    worst = weekly.loc[weekly["net"].idxmin()]
    description = (
        f"Figure: {title}. Top panel: weekly deposits (hatched bars above zero), withdrawals (cross-hatched bars "
        f"below zero) and the running balance (black line), which ends at {int(weekly['balance'].iloc[-1])} "
        f"after {len(weekly)} weeks; the worst week is week {int(worst['week'])} (net {int(worst['net'])}). "
        f"Bottom panel: the trust score goes from {int(scores['dts'].iloc[0])} to {int(scores['dts'].iloc[-1])} "
        f"and satisfaction from {int(scores['csi4'].iloc[0])} to {int(scores['csi4'].iloc[-1])}."
    )
    return figure, description


def missed_categories_figure(missed: Counter) -> tuple[Figure, str]:
    """A bar chart of the categories a trainee missed in a drill, with its description."""
    names = taxonomy()
    items = missed.most_common()
    with style_context(STYLE):
        figure = Figure(figsize=(6, 0.45 * max(3, len(items)) + 1))
        axes = figure.subplots()
        labels = [names[c].name for c, _ in items] or ["(none)"]
        counts = [n for _, n in items] or [0]
        axes.barh(labels, counts, hatch="//", edgecolor="black", linewidth=0.3)
        axes.invert_yaxis()
        axes.set_title("Categories missed in this drill")
        axes.set_xlabel("statements missed")
        axes.set_ylabel("category")
        axes.xaxis.get_major_locator().set_params(integer=True)
    description = ("Figure: categories missed in this drill. " +
                   ("; ".join(f"{names[c].name}: {n}" for c, n in items) if items else "None were missed."))
    return figure, description
