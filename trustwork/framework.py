"""The framework as data: `data/framework.yaml`, validated on load."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import ContentError
from .paths import data_dir, display_path
from .validation import duplicate_ids, read_yaml, schema_errors

# DESIGN.md's coverage table: every id must be taught in a lesson and assessed in an assignment.
CONCEPT_IDS = (
    "betrayal.forms", "betrayal.reactions", "betrayal.trauma", "stabilization",
    "roles.injured", "roles.betraying", "roles.relationship",
    "step.accountability", "step.transparency", "step.validation", "step.consistency",
    "step.boundaries", "step.root_cause", "step.intimacy", "step.forgiveness",
    "metaphor.savings_account",
    "mistakes.rushing", "mistakes.weaponizing", "mistakes.demanding_trust",
    "mistakes.avoiding_conversations", "mistakes.secrecy",
    "referral", "outcomes", "rebuild_not_repair",
)


@dataclass(frozen=True)
class Part:
    id: str
    text: str
    kind: str | None = None


@dataclass(frozen=True)
class Concept:
    id: str
    group: str
    title: str
    summary: str
    order: int | None = None
    why_after: str = ""
    models: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Framework:
    source: dict
    models: dict[str, dict]
    concepts: dict[str, Concept] = field(default_factory=dict)

    def steps(self) -> list[Concept]:
        """The eight steps in teaching order."""
        return sorted((c for c in self.concepts.values() if c.order), key=lambda c: c.order)

    def referral_signs(self, kind: str | None = None) -> list[Part]:
        """Referral signs (`kind="sign"`), contraindications to couple work, or both."""
        return [p for p in self.concepts["referral"].parts if kind is None or p.kind == kind]


def framework_errors(doc, path: Path) -> list[ContentError]:
    """Every problem in a parsed framework document: schema first, then the course's own rules."""
    errors = schema_errors(doc, "framework", path)
    if errors:
        return errors
    shown = display_path(path)
    concepts = doc["concepts"]
    errors += duplicate_ids(concepts, path)
    ids = {c["id"] for c in concepts}
    for missing in (i for i in CONCEPT_IDS if i not in ids):
        errors.append(ContentError(shown, missing, "id", "this coverage concept from DESIGN.md is missing"))
    for extra in sorted(ids - set(CONCEPT_IDS)):
        errors.append(ContentError(shown, extra, "id", "not a concept id in DESIGN.md's coverage table"))
    models = {m["id"] for m in doc["models"]}
    orders = []
    for concept in concepts:
        for model in concept.get("models", []):
            if model not in models:
                errors.append(ContentError(shown, concept["id"], "models", f"unknown model {model!r}"))
        is_step = concept["id"].startswith("step.")
        if is_step != ("order" in concept):
            errors.append(ContentError(shown, concept["id"], "order", "steps, and only steps, have an order"))
        if is_step != ("why_after" in concept):
            errors.append(ContentError(shown, concept["id"], "why_after",
                                       "steps, and only steps, say why they come where they do"))
        if is_step and "order" in concept:
            orders.append(concept["order"])
        errors += duplicate_ids(concept.get("parts", []), path)
    if sorted(orders) != list(range(1, len(orders) + 1)):
        errors.append(ContentError(shown, None, "order", f"step orders must be 1..{len(orders)}, got {sorted(orders)}"))
    return errors


def _build(doc) -> Framework:
    concepts = {
        c["id"]: Concept(
            id=c["id"], group=c["group"], title=c["title"], summary=" ".join(c["summary"].split()),
            order=c.get("order"), why_after=" ".join(c.get("why_after", "").split()),
            models=tuple(c.get("models", ())),
            parts=tuple(Part(p["id"], p["text"], p.get("kind")) for p in c.get("parts", ())),
        )
        for c in doc["concepts"]
    }
    return Framework(source=doc["source"], models={m["id"]: m for m in doc["models"]}, concepts=concepts)


def load_framework(path: Path | None = None) -> Framework:
    """Load and validate `data/framework.yaml`; raise ContentError naming file, entry and field."""
    path = Path(path) if path else data_dir() / "framework.yaml"
    doc = read_yaml(path)
    errors = framework_errors(doc, path)
    if errors:
        raise errors[0]
    return _build(doc)


@lru_cache(maxsize=None)
def framework() -> Framework:
    """The course's framework, loaded once per process."""
    return load_framework()
