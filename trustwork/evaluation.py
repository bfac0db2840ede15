"""How well the analyzer agrees with the statement bank: accuracy, per-category precision and recall,
the confusion matrix, and how often a deflection's primary category is among those reported."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .analyzer import VERDICTS, analyze_many
from .statements import EVALUATION_SETS, Statement, load_labelled, statement_bank
from .taxonomy import FAMILY


@dataclass
class Evaluation:
    split: str
    size: int
    accuracy: float
    primary_recall: float | None  # None when the set has no deflections
    confusion: dict[str, dict[str, int]]
    categories: dict[str, dict[str, float]]
    mistakes: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Everything but the list of mistakes, for JSON output."""
        return {"split": self.split, "size": self.size, "accuracy": self.accuracy,
                "deflection_primary_category_found": self.primary_recall,
                "confusion": self.confusion, "categories": self.categories}

    def report(self) -> str:
        """A plain-text report: accuracy, confusion matrix, per-category precision and recall."""
        lines = [f"split: {self.split} ({self.size} statements)",
                 f"verdict accuracy: {self.accuracy:.3f}",
                 "deflections whose primary category is reported: "
                 + (f"{self.primary_recall:.3f}" if self.primary_recall is not None else "n/a (no deflections)"), "",
                 "confusion (rows: bank label, columns: analyzer verdict)",
                 f"{'':16}" + "".join(f"{v:>16}" for v in VERDICTS)]
        for label in VERDICTS:  # a set of off-topic text is labelled `unclear`
            lines.append(f"{label:16}" + "".join(f"{self.confusion[label][v]:>16}" for v in VERDICTS))
        lines += ["", f"{'category':22}{'precision':>10}{'recall':>10}{'support':>9}"]
        for name, row in self.categories.items():
            lines.append(f"{name:22}{row['precision']:>10.2f}{row['recall']:>10.2f}{row['support']:>9}")
        return "\n".join(lines)


def evaluate(statements: list[Statement], split: str = "custom", reader="default") -> Evaluation:
    """Compare the analyzer's verdicts and categories with the bank's labels."""
    results = analyze_many([s.text for s in statements], reader)
    return _score(statements, results, split)


def _score(statements, results, split) -> Evaluation:
    confusion = {label: {v: 0 for v in VERDICTS} for label in VERDICTS}
    correct = primary_hits = deflections = 0
    true_pos, false_pos, support = Counter(), Counter(), Counter()
    mistakes = []
    for statement, result in zip(statements, results):
        confusion[statement.label][result.verdict] += 1
        correct += result.verdict == statement.label
        if statement.label == "deflection":
            deflections += 1
            primary_hits += statement.primary in result.categories
        gold, found = set(statement.categories), set(result.categories)
        for category in found:
            (true_pos if category in gold else false_pos)[category] += 1
        support.update(gold)
        if result.verdict != statement.label or (statement.label == "deflection" and statement.primary not in found):
            mistakes.append({"id": statement.id, "text": statement.text, "label": statement.label,
                             "gold": list(statement.categories), "verdict": result.verdict,
                             "found": list(result.categories)})
    categories = {}
    for name in FAMILY:
        reported = true_pos[name] + false_pos[name]
        categories[name] = {
            "precision": round(true_pos[name] / reported, 3) if reported else 0.0,
            "recall": round(true_pos[name] / support[name], 3) if support[name] else 0.0,
            "support": support[name],
        }
    size = len(statements)
    return Evaluation(split, size, round(correct / size, 3) if size else 0.0,
                      round(primary_hits / deflections, 3) if deflections else None,
                      confusion, categories, mistakes)


def evaluate_split(split: str, reader="default") -> Evaluation:
    """Evaluate on the bank's `practice` or `heldout` split, or on an evaluation set (`development`, `external`)."""
    if split in EVALUATION_SETS:
        return evaluate(load_labelled(split), split, reader)
    return evaluate([s for s in statement_bank() if s.split == split], split, reader)


def cross_validate(folds: int = 5, seed: int = 7, on: str = "practice") -> Evaluation:
    """An estimate by cross-validation: the learned reader is retrained without each fold it scores.

    `on="practice"` scores the bank's practice split. The phrase patterns were written while reading it, so this
    flatters them. `on="pool"` scores the independent training sets (`TRAINING_SETS`, about 28,000 statements,
    off-topic text included), which is how the analyzer's settings were chosen. The held-out and test sets are the
    honest measures.
    """
    import random

    from .reader_training import train, training_statements

    if on not in ("practice", "pool"):
        raise ValueError(f"cross-validation runs on 'practice' or 'pool', not {on!r}")
    practice = [s for s in statement_bank() if s.split == "practice"]
    practice_ids = {s.id for s in practice}
    others = [s for s in training_statements() if s.id not in practice_ids]
    order = sorted(practice if on == "practice" else others, key=lambda s: s.id)
    random.Random(seed).shuffle(order)
    statements, results = [], []
    for fold in range(folds):
        held = order[fold::folds]
        held_ids = {s.id for s in held}
        reader = train([s for s in practice + others if s.id not in held_ids])
        statements += held
        results += analyze_many([s.text for s in held], reader)
    return _score(statements, results, f"{on}, {folds}-fold cross-validation")
