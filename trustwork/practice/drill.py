"""The sorting drill: deal statements, take a trainee's sort and category, score and explain."""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from ..analyzer import Analysis, analyze
from ..statements import Statement, statement_bank
from ..taxonomy import ACCOUNTABILITY, DEFLECTION, FAMILY, taxonomy


@dataclass
class Feedback:
    """What a trainee is told after an answer: whether it was right, and why."""
    correct: bool
    headline: str
    explanation: str
    analysis: Analysis | None = None
    better: str = ""


@dataclass
class Attempt:
    statement_id: str
    sorted_correctly: bool
    category_correct: bool | None = None


def deal(category: str | None = None, relationship: str | None = None, difficulty: int | None = None,
         count: int = 10, seed: int | None = None, categories: list[str] | None = None) -> list[Statement]:
    """Statements from the practice split matching the filters, shuffled (never the held-out split)."""
    wanted = set(categories or ([category] if category else []))
    pool = [s for s in statement_bank() if s.split == "practice"
            and (not wanted or s.primary in wanted)
            and (relationship is None or s.relationship == relationship)
            and (difficulty is None or s.difficulty == difficulty)]
    if not pool:
        raise ValueError("no practice statements match these filters: "
                         f"category={category or categories}, relationship={relationship}, difficulty={difficulty}")
    rng = random.Random(seed)
    rng.shuffle(pool)
    return pool[:count]


@dataclass
class DrillSession:
    """One run through a deck: sort each statement, then name its category."""
    deck: list[Statement]
    attempts: list[Attempt] = field(default_factory=list)
    position: int = 0
    stage: str = "sort"  # sort -> category -> done-with-item; "finished" at the end

    @property
    def current(self) -> Statement | None:
        return self.deck[self.position] if self.position < len(self.deck) else None

    @property
    def finished(self) -> bool:
        return self.position >= len(self.deck)

    def category_choices(self) -> tuple[str, ...]:
        """The categories to choose from for the current statement: those of its true family."""
        statement = self.current
        if statement is None:
            return ()
        return ACCOUNTABILITY if statement.label == "accountability" else DEFLECTION

    def sort(self, label: str) -> Feedback:
        """The trainee says `accountability` or `deflection` for the current statement."""
        statement = self._require("sort")
        if label not in ("accountability", "deflection"):
            raise ValueError(f"sort takes 'accountability' or 'deflection', not {label!r}")
        correct = label == statement.label
        self.attempts.append(Attempt(statement.id, correct))
        self.stage = "category"
        analysis = analyze(statement.text)
        headline = (f"This is {statement.label}." if correct
                    else f"This is {statement.label}, not {label}.")
        return Feedback(correct, headline, statement.explanation, analysis,
                        statement.better if statement.label == "deflection" else "")

    def name_category(self, category: str) -> Feedback:
        """The trainee names the category; any category the statement shows counts, the primary is named."""
        statement = self._require("category")
        if category not in FAMILY:
            raise ValueError(f"unknown category {category!r}")
        names = taxonomy()
        correct = category in statement.categories
        self.attempts[-1].category_correct = correct
        self.stage = "next"
        primary = names[statement.primary]
        if category == statement.primary:
            headline = f"{primary.name} is the main move."
        elif correct:
            headline = f"{names[category].name} is there too; the main move is {primary.name.lower()}."
        else:
            headline = f"The main move is {primary.name.lower()}, not {names[category].name.lower()}."
        return Feedback(correct, headline, f"{primary.name}: {primary.definition}")

    def next(self) -> Statement | None:
        """Move to the next statement (after its category was named)."""
        self._require("next")
        self.position += 1
        self.stage = "finished" if self.finished else "sort"
        return self.current

    def _require(self, stage: str) -> Statement:
        if self.finished:
            raise RuntimeError("the drill is finished; start another")
        if self.stage != stage:
            raise RuntimeError(f"the drill is waiting for '{self.stage}', not '{stage}'")
        return self.current

    @property
    def score(self) -> tuple[int, int]:
        """Points so far (one for each right sort, one for each right category) and the points possible."""
        points = sum(a.sorted_correctly + bool(a.category_correct) for a in self.attempts)
        return points, 2 * len(self.attempts)

    def missed_categories(self) -> Counter:
        """Primary categories of the statements sorted or named wrongly."""
        by_id = {s.id: s for s in self.deck}
        return Counter(by_id[a.statement_id].primary for a in self.attempts
                       if not a.sorted_correctly or a.category_correct is False)

    def summary(self) -> str:
        """A plain-language summary of the run."""
        points, possible = self.score
        missed = self.missed_categories()
        names = taxonomy()
        lines = [f"You scored {points} out of {possible} on {len(self.attempts)} statements."]
        if missed:
            listed = ", ".join(f"{names[c].name.lower()} ({n})" for c, n in missed.most_common())
            lines.append(f"The statements you missed were mostly: {listed}.")
        else:
            lines.append("You missed none. Try a harder deck (difficulty 3).")
        return " ".join(lines)

    def retry_deck(self, seed: int | None = None) -> list[Statement]:
        """A new deck of the categories missed this time (fresh statements where the bank has them)."""
        missed = list(self.missed_categories())
        if not missed:
            return []
        seen = {s.id for s in self.deck}
        fresh = [s for s in deal(categories=missed, count=200, seed=seed) if s.id not in seen]
        return (fresh or deal(categories=missed, count=200, seed=seed))[: max(5, len(missed) * 2)]
