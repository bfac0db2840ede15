"""Vignettes: invented cases with branching role-plays, `data/vignettes/*.yaml`, validated on load.

Besides the schema, each role-play is checked as a graph: every `next` names a scene, every scene is
reachable from `start`, there are no cycles (so every path ends), every decision scene has 3-4 choices with
at least one helpful one, and every harmful choice names its pitfall.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ContentError
from .framework import CONCEPT_IDS, load_framework
from .paths import data_dir, display_path
from .validation import read_yaml_folder, schema_errors

DECISION_SCENES = (4, 7)
MIN_ENDINGS = 2


@dataclass(frozen=True)
class Vignette:
    """A case: the parsed YAML document, with helpers for its role-play graph."""
    doc: dict

    @property
    def id(self) -> str:
        return self.doc["id"]

    @property
    def title(self) -> str:
        return self.doc["title"]

    @property
    def scenes(self) -> dict:
        return self.doc["roleplay"]["scenes"]

    @property
    def start(self) -> str:
        return self.doc["roleplay"]["start"]

    def __getitem__(self, key):
        return self.doc[key]

    def paths(self) -> list[list[tuple[str, int]]]:
        """Every path through the role-play, as (scene id, choice index) steps ending at an ending scene."""
        found: list[list[tuple[str, int]]] = []

        def walk(scene_id: str, trail: list[tuple[str, int]]):
            scene = self.scenes[scene_id]
            if scene.get("ending"):
                found.append(trail)
                return
            for index, choice in enumerate(scene["choices"]):
                walk(choice["next"], trail + [(scene_id, index)])

        walk(self.start, [])
        return found


def graph_errors(doc: dict, shown: str) -> list[ContentError]:
    """Role-play graph problems: dangling links, unreachable scenes, cycles, choice rules."""
    entry = doc["id"]
    scenes = doc["roleplay"]["scenes"]
    start = doc["roleplay"]["start"]
    errors = []
    if start not in scenes:
        return [ContentError(shown, entry, "roleplay.start", f"names no scene ({start!r})")]
    decisions = endings = 0
    for scene_id, scene in scenes.items():
        where = f"roleplay.scenes.{scene_id}"
        if scene.get("ending"):
            endings += 1
            if "choices" in scene:
                errors.append(ContentError(shown, entry, where, "an ending scene has no choices"))
            continue
        decisions += 1
        choices = scene.get("choices")
        if not choices:
            errors.append(ContentError(shown, entry, where, "needs choices, or `ending: true`"))
            continue
        if not any(c["quality"] == "helpful" for c in choices):
            errors.append(ContentError(shown, entry, f"{where}.choices", "has no helpful choice"))
        for index, choice in enumerate(choices):
            if choice["next"] not in scenes:
                errors.append(ContentError(shown, entry, f"{where}.choices[{index}].next",
                                           f"names no scene ({choice['next']!r})"))
            if choice["quality"] == "harmful" and "pitfall" not in choice:
                errors.append(ContentError(shown, entry, f"{where}.choices[{index}].pitfall",
                                           "a harmful choice must name its pitfall"))
        if "speaker" in scene and scene["speaker"] not in {p["name"] for p in doc["people"]}:
            errors.append(ContentError(shown, entry, f"{where}.speaker", f"{scene['speaker']!r} is not in people"))
    if errors:
        return errors
    # Reachability and cycles by depth-first search from the start.
    state: dict[str, str] = {}

    def visit(scene_id: str, trail: tuple[str, ...]):
        if state.get(scene_id) == "open":
            errors.append(ContentError(shown, entry, f"roleplay.scenes.{scene_id}",
                                       f"is part of a cycle ({' -> '.join(trail + (scene_id,))}); every path must end"))
            return
        if state.get(scene_id) == "done":
            return
        state[scene_id] = "open"
        for choice in scenes[scene_id].get("choices", []):
            visit(choice["next"], trail + (scene_id,))
        state[scene_id] = "done"

    visit(start, ())
    for scene_id in scenes:
        if scene_id not in state:
            errors.append(ContentError(shown, entry, f"roleplay.scenes.{scene_id}", "cannot be reached from start"))
    low, high = DECISION_SCENES
    if not low <= decisions <= high:
        errors.append(ContentError(shown, entry, "roleplay.scenes", f"has {decisions} decision scenes; {low}-{high} expected"))
    if endings < MIN_ENDINGS:
        errors.append(ContentError(shown, entry, "roleplay.scenes", f"has {endings} ending(s); at least {MIN_ENDINGS} expected"))
    return errors


def vignette_errors(doc, path: Path, signs: set[str]) -> list[ContentError]:
    """Every problem in one parsed vignette: schema, ids, safety vocabulary, then the role-play graph."""
    shown = display_path(path)
    errors = schema_errors(doc, "vignette", path)
    if errors:
        return errors
    entry = doc["id"]
    if path.stem != entry:
        errors.append(ContentError(shown, entry, "id", f"must match the file name ({path.stem!r})"))
    concept_fields = [("concepts", doc["concepts"])] + [
        (f"roleplay.scenes.{sid}.choices[{i}].concepts", choice["concepts"])
        for sid, scene in doc["roleplay"]["scenes"].items() for i, choice in enumerate(scene.get("choices", []))
    ]
    for field, concepts in concept_fields:
        for concept in concepts:
            if concept not in CONCEPT_IDS:
                errors.append(ContentError(shown, entry, field, f"unknown framework concept {concept!r}"))
    for field, flags in (("risk_flags", doc["risk_flags"]), ("safety.signs_present", doc["safety"]["signs_present"])):
        for flag in flags:
            if flag not in signs:
                errors.append(ContentError(shown, entry, field, f"{flag!r} is not a referral sign in framework.yaml"))
    return errors + graph_errors(doc, shown)


def _referral_sign_ids(root: Path) -> set[str]:
    return {p.id for p in load_framework(root / "framework.yaml").referral_signs()}


def check_vignettes(folder: Path) -> tuple[list[Vignette], list[ContentError]]:
    """Load every vignette in a folder; return the valid ones and every problem."""
    folder = Path(folder)
    parsed, errors = read_yaml_folder(folder, "vignettes")
    if not parsed:
        return [], errors
    try:
        signs = _referral_sign_ids(folder.parent)
    except ContentError as error:
        return [], [error]
    vignettes = []
    for path, doc in parsed:
        problems = vignette_errors(doc, path, signs)
        errors += problems
        if not problems:
            vignettes.append(Vignette(doc))
    return vignettes, errors


def load_vignettes(folder: Path | None = None) -> dict[str, Vignette]:
    """Load and validate every vignette; raise the first problem as a ContentError."""
    vignettes, errors = check_vignettes(Path(folder) if folder else data_dir() / "vignettes")
    if errors:
        raise errors[0]
    return {v.id: v for v in vignettes}


@lru_cache(maxsize=None)
def vignettes() -> dict[str, Vignette]:
    """The course's vignettes by id, loaded once per process."""
    return load_vignettes()


def load_vignette(vignette_id: str) -> Vignette:
    """One vignette by id, with a clear error naming the known ids when it does not exist."""
    cases = vignettes()
    if vignette_id not in cases:
        raise KeyError(f"no vignette {vignette_id!r}; known: {', '.join(sorted(cases))}")
    return cases[vignette_id]
