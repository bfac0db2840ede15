"""Read-only displays for lessons: a vignette, a framework concept, a case's trust figure, the taxonomy.

Each is one call from a lesson cell and renders Markdown (or a figure with its text description).
"""
from __future__ import annotations

from .cases import load_case
from .framework import framework
from .plots import figure_png, ledger_figure
from .practice.ledger import savings_story, weekly_balance
from .taxonomy import taxonomy
from .vignettes import load_vignette


def _show_markdown(text: str):
    from IPython.display import Markdown, display

    display(Markdown(text))
    return None


def vignette_markdown(vignette_id: str) -> str:
    """A vignette's content note, people and summary as Markdown."""
    case = load_vignette(vignette_id)
    people = "\n".join(f"- **{p['name']}**, {p['age']}, {p['pronouns']}: {p['background']}" for p in case["people"])
    return (f"#### {case.title}\n\n*Content note: {case['content_note']}*\n\n{people}\n\n"
            f"{' '.join(case['summary'].split())}")


def show_vignette(vignette_id: str):
    """Display a vignette (invented case) in the notebook."""
    return _show_markdown(vignette_markdown(vignette_id))


def concept_markdown(concept_id: str) -> str:
    """A framework concept's summary and parts as Markdown, with the models it draws on."""
    fw = framework()
    if concept_id not in fw.concepts:
        raise KeyError(f"no concept {concept_id!r}; known: {', '.join(fw.concepts)}")
    concept = fw.concepts[concept_id]
    lines = [f"**{concept.title}.** {concept.summary}", ""]
    lines += [f"- {part.text}" for part in concept.parts]
    if concept.models:
        lines += ["", "*Draws on: " + "; ".join(fw.models[m]["name"] for m in concept.models) + ".*"]
    return "\n".join(lines)


def show_concept(concept_id: str):
    """Display one part of the framework."""
    return _show_markdown(concept_markdown(concept_id))


def taxonomy_markdown(family: str | None = None) -> str:
    """The accountability and/or deflection categories as a Markdown table."""
    rows = ["| category | what it sounds like | example |", "|---|---|---|"]
    for category in taxonomy().values():
        if family is None or category.family == family:
            rows.append(f"| **{category.name}** ({category.family}) | {category.definition} | "
                        f"“{category.examples[0]}” |")
    return "\n".join(rows)


def show_taxonomy(family: str | None = None):
    """Display the taxonomy (or one family of it)."""
    return _show_markdown(taxonomy_markdown(family))


def show_case_history(vignette_id: str):
    """Display a case's trust account and scores as a figure, with its text description and the story."""
    from IPython.display import Image, display

    case = load_case(vignette_id)
    figure, description = ledger_figure(weekly_balance(case.ledger), case.scores, load_vignette(vignette_id).title)
    display(Image(figure_png(figure)))
    return _show_markdown(f"*{description}*\n\n{savings_story(case)}")
