"""Short, read-only views of the framework for lessons (rendered as Markdown in a notebook)."""
from __future__ import annotations

from .framework import framework

GROUP_TITLES = {
    "understanding": "Understanding betrayal",
    "stabilization": "Stabilization before solutions",
    "roles": "The three roles",
    "steps": "The eight steps",
    "metaphor": "Trust as a savings account",
    "mistakes": "Common mistakes that delay healing",
    "safety": "Safety and referral",
    "outcomes": "Outcomes",
}


def framework_map_markdown() -> str:
    """The framework's parts, grouped, as a Markdown outline."""
    fw = framework()
    lines = []
    for group, heading in GROUP_TITLES.items():
        concepts = [c for c in fw.concepts.values() if c.group == group]
        if group == "steps":
            concepts = fw.steps()
        lines.append(f"**{heading}**\n")
        lines += [f"- {c.title}" for c in concepts]
        lines.append("")
    return "\n".join(lines)


def show_framework_map():
    """Display the framework outline in a notebook (plain text outside one)."""
    try:
        from IPython.display import Markdown, display
    except ImportError:  # pragma: no cover - IPython ships with JupyterLab
        print(framework_map_markdown())
        return
    display(Markdown(framework_map_markdown()))


def credit() -> str:
    """The article the course teaches, credited."""
    source = framework().source
    return f'{source["author"]}, "{source["title"]}" ({source.get("kind", "article")}).'
