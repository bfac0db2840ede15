"""data/framework.yaml and data/taxonomy.yaml: valid as committed, and broken copies fail clearly."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from trustwork.errors import ContentError
from trustwork.framework import CONCEPT_IDS, load_framework
from trustwork.taxonomy import ACCOUNTABILITY, DEFLECTION, load_taxonomy


def design_table_ids() -> list[str]:
    """The concept ids in DESIGN.md's coverage table (read from shared/ when it is beside the repo)."""
    design = ROOT.parent / "shared" / "DESIGN.md"
    if not design.exists():
        pytest.skip("../shared/DESIGN.md is not beside this checkout")
    table = design.read_text().split("## What it must teach", 1)[1].split("## Accountability", 1)[0]
    return re.findall(r"`([a-z_]+(?:\.[a-z_]+)?)`", table)


def test_framework_holds_every_design_concept():
    framework = load_framework()
    assert set(framework.concepts) == set(CONCEPT_IDS)
    assert set(design_table_ids()) == set(CONCEPT_IDS)


def test_steps_are_the_eight_in_order():
    steps = [c.id for c in load_framework().steps()]
    assert steps == [
        "step.accountability", "step.transparency", "step.validation", "step.consistency",
        "step.boundaries", "step.root_cause", "step.intimacy", "step.forgiveness",
    ]


def test_referral_lists_signs_and_contraindications():
    framework = load_framework()
    contraindications = {p.id for p in framework.referral_signs("contraindication")}
    assert {"intimate_partner_violence", "coercive_control", "ongoing_betrayal", "active_addiction"} <= contraindications
    assert len(framework.referral_signs("sign")) == 6


def test_every_model_cited_with_a_source():
    framework = load_framework()
    for model in framework.models.values():
        assert re.search(r"\(\d{4}\)", model["source"]), model["id"]


def test_taxonomy_has_the_sixteen_contract_categories():
    categories = load_taxonomy()
    assert [c for c in categories if categories[c].family == "accountability"] == list(ACCOUNTABILITY)
    assert [c for c in categories if categories[c].family == "deflection"] == list(DEFLECTION)


def _edit(path, change):
    doc = yaml.safe_load(path.read_text())
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


def _concept(doc, concept_id):
    return next(c for c in doc["concepts"] if c["id"] == concept_id)


def _category(doc, category_id):
    return next(c for c in doc["categories"] if c["id"] == category_id)


@pytest.mark.parametrize(
    "change, entry, field, words",
    [
        (lambda d: _concept(d, "step.validation").pop("summary"), "step.validation", "summary", "required"),
        (lambda d: _concept(d, "referral")["parts"][1].update(kind="maybe"), "conflict_every_talk", "kind", "maybe"),
        (lambda d: _concept(d, "outcomes").update(group="ending"), "outcomes", "group", "ending"),
        (lambda d: d["concepts"].remove(_concept(d, "mistakes.secrecy")), "mistakes.secrecy", "id", "missing"),
        (lambda d: _concept(d, "step.intimacy").update(order=6), None, "order", "1..8"),
        (lambda d: _concept(d, "stabilization").update(models=["freud"]), "stabilization", "models", "freud"),
    ],
)
def test_broken_framework_names_file_entry_and_field(data_copy, change, entry, field, words):
    path = data_copy / "framework.yaml"
    _edit(path, change)
    with pytest.raises(ContentError) as caught:
        load_framework(path)
    error = caught.value
    assert error.file.endswith("framework.yaml")
    assert (error.entry, error.field) == (entry, field)
    assert words in str(error)


@pytest.mark.parametrize(
    "change, entry, field",
    [
        (lambda d: _category(d, "empathy").update(family="acountability"), "empathy", "family"),
        (lambda d: _category(d, "minimizing").pop("tip"), "minimizing", "tip"),
        (lambda d: _category(d, "denial").update(family="accountability"), "denial", "family"),
        (lambda d: _category(d, "ownership").update(examples=[]), "ownership", "examples"),
    ],
)
def test_broken_taxonomy_names_file_entry_and_field(data_copy, change, entry, field):
    path = data_copy / "taxonomy.yaml"
    _edit(path, change)
    with pytest.raises(ContentError) as caught:
        load_taxonomy(path)
    assert (caught.value.entry, caught.value.field) == (entry, field)
    assert "taxonomy.yaml" in str(caught.value)


def test_yaml_syntax_error_names_the_line(data_copy):
    path = data_copy / "taxonomy.yaml"
    path.write_text("categories:\n  - id: ownership\n   family: [\n")
    with pytest.raises(ContentError, match=r"taxonomy.yaml: line \d+, column \d+: YAML syntax error"):
        load_taxonomy(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ContentError, match="framework.yaml: file not found"):
        load_framework(tmp_path / "framework.yaml")
