"""What every practice widget shares: accessible feedback, highlighting, layout and a plain-text fallback."""
from __future__ import annotations

import html

import ipywidgets as w

from ..analyzer import Marker
from ..taxonomy import taxonomy

NARROW = w.Layout(width="100%", max_width="760px")
WRAP = w.Layout(display="flex", flex_flow="row wrap", width="100%", max_width="760px")
FALLBACK = ("This practice tool needs JupyterLab with interactive widgets (open the course with `make lab`). "
            "If you see this text instead, run the cell again; if it persists, restart the kernel.")


def feedback_html(correct: bool | None, headline: str, body: str = "", label: tuple[str, str] | None = None) -> str:
    """Feedback that does not rely on colour: a symbol and a word (or `label`), then the explanation."""
    if label is not None:
        (mark, word), tone = label, "#1b5e20" if correct else "#8a1c1c"
    elif correct is None:
        mark, word, tone = "ℹ", "Note", "#1f4e79"
    elif correct:
        mark, word, tone = "✓", "Right", "#1b5e20"
    else:
        mark, word, tone = "✗", "Not quite", "#8a1c1c"
    body_html = f"<div>{html.escape(body)}</div>" if body else ""
    return (f'<div role="status" aria-live="polite" style="border-left:4px solid {tone};padding:4px 8px;">'
            f'<strong>{mark} {word}:</strong> {html.escape(headline)}{body_html}</div>')


def highlight(text: str, markers: list[Marker]) -> str:
    """The statement with each marker wrapped in <mark> and followed by its category in brackets.

    Accountable markers are underlined, deflecting ones struck through, so the difference is not colour alone.
    """
    names = taxonomy()
    pieces, cursor = [], 0
    for marker in sorted(markers, key=lambda m: m.start):
        if marker.start < cursor:
            continue
        pieces.append(html.escape(text[cursor:marker.start]))
        style = ("background:#d7ecff;text-decoration:underline" if marker.family == "accountability"
                 else "background:#ffe0cc;text-decoration:line-through")
        label = names[marker.category].name.lower()
        sign = "+" if marker.family == "accountability" else "−"
        pieces.append(f'<mark style="{style}" title="{label}">{html.escape(text[marker.start:marker.end])}</mark>'
                      f'<sup>[{sign} {label}]</sup>')
        cursor = marker.end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


class PracticeTool:
    """Base for the practice tools: a widget tree in `.widget`, shown in notebooks with a text fallback."""

    title = "Practice tool"
    widget: w.Widget

    def fallback_text(self) -> str:
        """What a front end without widget support shows instead of a traceback."""
        return f"{self.title}: {FALLBACK}"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            data, metadata = bundle
        else:
            data, metadata = bundle, {}
        data = dict(data or {})
        data["text/plain"] = self.fallback_text()
        return data, metadata

    def __repr__(self) -> str:
        return self.fallback_text()


def heading(text: str) -> w.HTML:
    return w.HTML(f"<h4 style='margin:4px 0'>{html.escape(text)}</h4>")
