"""The accountability/deflection taxonomy: `data/taxonomy.yaml`, validated on load."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ContentError
from .paths import data_dir, display_path
from .validation import duplicate_ids, read_yaml, schema_errors

# DESIGN.md's taxonomy: these names are a contract.
ACCOUNTABILITY = ("ownership", "impact", "empathy", "remorse", "commitment", "transparency", "patience")
DEFLECTION = (
    "blame_shifting", "minimizing", "justifying", "conditional_apology", "rushing",
    "denial", "counter_attack", "self_focus", "stonewalling",
)
FAMILY = {**{c: "accountability" for c in ACCOUNTABILITY}, **{c: "deflection" for c in DEFLECTION}}
# Not a taxonomy category: what the analyzer's learned reader calls text about something else entirely (the weather,
# a shopping list), so that it can answer `unclear` rather than guess. Labelled sets mark such text `unclear`.
OFF_TOPIC = "off_topic"


@dataclass(frozen=True)
class Category:
    id: str
    family: str
    name: str
    definition: str
    tip: str
    examples: tuple[str, ...]


def taxonomy_errors(doc, path: Path) -> list[ContentError]:
    """Every problem in a parsed taxonomy: schema, then the contract's 16 categories and their families."""
    errors = schema_errors(doc, "taxonomy", path)
    if errors:
        return errors
    shown = display_path(path)
    categories = doc["categories"]
    errors += duplicate_ids(categories, path)
    present = {c["id"]: c for c in categories}
    for name, family in FAMILY.items():
        if name not in present:
            errors.append(ContentError(shown, name, "id", f"the {family} category from DESIGN.md is missing"))
        elif present[name]["family"] != family:
            errors.append(ContentError(shown, name, "family", f"must be {family!r}"))
    for extra in sorted(set(present) - set(FAMILY)):
        errors.append(ContentError(shown, extra, "id", "not a category in DESIGN.md's taxonomy"))
    return errors


def load_taxonomy(path: Path | None = None) -> dict[str, Category]:
    """Load and validate `data/taxonomy.yaml`, returning the categories by id in file order."""
    path = Path(path) if path else data_dir() / "taxonomy.yaml"
    doc = read_yaml(path)
    errors = taxonomy_errors(doc, path)
    if errors:
        raise errors[0]
    return {
        c["id"]: Category(c["id"], c["family"], c["name"], c["definition"], c["tip"], tuple(c["examples"]))
        for c in doc["categories"]
    }


@lru_cache(maxsize=None)
def taxonomy() -> dict[str, Category]:
    """The course's taxonomy, loaded once per process."""
    return load_taxonomy()
