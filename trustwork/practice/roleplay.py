"""A role-play session: walk a vignette's branching scenes, keep the path, summarise, replay from any scene."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..vignettes import Vignette


@dataclass(frozen=True)
class Step:
    scene_id: str
    choice_index: int


@dataclass
class RolePlaySession:
    """Where a trainee is in one vignette's role-play and the choices made to get there."""
    vignette: Vignette
    path: list[Step] = field(default_factory=list)

    @property
    def scene_id(self) -> str:
        if not self.path:
            return self.vignette.start
        last = self.path[-1]
        return self.vignette.scenes[last.scene_id]["choices"][last.choice_index]["next"]

    @property
    def scene(self) -> dict:
        return self.vignette.scenes[self.scene_id]

    @property
    def ended(self) -> bool:
        return bool(self.scene.get("ending"))

    def choices(self) -> list[dict]:
        """The counsellor's options in the current scene (none at an ending)."""
        return [] if self.ended else list(self.scene["choices"])

    def choose(self, index: int) -> dict:
        """Take choice `index` in the current scene; return it (its reply, feedback, quality, concepts)."""
        if self.ended:
            raise RuntimeError("the role-play has ended; replay from an earlier scene or start again")
        options = self.scene["choices"]
        if not 0 <= index < len(options):
            raise IndexError(f"scene {self.scene_id!r} has choices 0 to {len(options) - 1}, not {index}")
        self.path.append(Step(self.scene_id, index))
        return options[index]

    def replay_from(self, position: int) -> None:
        """Go back to the scene at `position` in the path (0 is the first scene), forgetting later choices."""
        if not 0 <= position <= len(self.path):
            raise IndexError(f"position {position} is outside this path of {len(self.path)} choices")
        del self.path[position:]

    def taken(self) -> list[tuple[str, dict]]:
        """(scene id, choice) for every choice made so far."""
        return [(step.scene_id, self.vignette.scenes[step.scene_id]["choices"][step.choice_index])
                for step in self.path]

    def summary(self) -> dict:
        """Counts of helpful, unhelpful and harmful choices, the ideas touched, and the ending reached."""
        taken = self.taken()
        qualities = Counter(choice["quality"] for _, choice in taken)
        concepts = list(dict.fromkeys(c for _, choice in taken for c in choice["concepts"]))
        return {
            "helpful": qualities["helpful"], "unhelpful": qualities["unhelpful"], "harmful": qualities["harmful"],
            "pitfalls": [choice["pitfall"] for _, choice in taken if "pitfall" in choice],
            "concepts": concepts, "ended": self.ended,
            "ending": self.scene.get("text", "") if self.ended else "",
            "outcome": self.scene.get("outcome", "") if self.ended else "",
        }
