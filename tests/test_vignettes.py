"""data/vignettes: coverage of cases and situations, and role-play graphs that always end."""
from __future__ import annotations

from collections import Counter

import pytest
import yaml

from trustwork.framework import CONCEPT_IDS
from trustwork.vignettes import check_vignettes, load_vignettes

CASES = load_vignettes()


def test_at_least_twelve_cases():
    assert len(CASES) >= 12


def test_cases_cover_every_betrayal_and_relationship():
    betrayals = {b for v in CASES.values() for b in v["betrayal"]}
    relationships = {v["relationship"] for v in CASES.values()}
    assert betrayals >= {"infidelity", "emotional_affair", "lies", "financial_deception", "broken_promise",
                         "emotional_withdrawal", "breach_of_confidence", "addiction_relapse"}
    assert relationships >= {"married", "partners", "dating", "friends", "parent_adult_child", "siblings",
                             "colleagues"}


def test_cases_cover_the_clinical_situations():
    situations = {s for v in CASES.values() for s in v["situations"]}
    assert situations >= {"ongoing_affair", "active_addiction", "repeated_betrayal", "heal_and_part",
                          "friendship", "family"}
    assert situations & {"intimate_partner_violence", "coercive_control"}


def test_cases_cover_the_stages_from_discovery_to_the_end():
    stages = {v["stage"] for v in CASES.values()}
    assert {"discovery", "stabilization"} & stages
    assert "forgiveness" in stages and "separation" in stages
    assert len(stages) >= 7


def test_abuse_cases_teach_safety_and_referral_not_conjoint_repair():
    abuse = [v for v in CASES.values()
             if {"intimate_partner_violence", "coercive_control"} & set(v["situations"] + v["risk_flags"])]
    assert abuse
    for case in abuse:
        assert case["safety"]["recommended"] in {"referral", "individual"}, case.id
        assert "referral" in case["concepts"], case.id


def test_every_harmful_pitfall_is_modelled():
    pitfalls = Counter(
        choice.get("pitfall") for v in CASES.values() for scene in v.scenes.values()
        for choice in scene.get("choices", []) if choice["quality"] == "harmful"
    )
    for pitfall in ("rushing_forgiveness", "colluding_with_deflection", "shaming", "skipping_safety_check"):
        assert pitfalls[pitfall] >= 1, pitfall


def test_every_path_ends_and_every_scene_is_on_a_path():
    for case in CASES.values():
        paths = case.paths()
        assert paths, case.id
        visited = {case.start} | {case.scenes[s]["choices"][i]["next"] for p in paths for s, i in p}
        assert visited == set(case.scenes), case.id
        for path in paths:
            last_scene, last_choice = path[-1]
            assert case.scenes[case.scenes[last_scene]["choices"][last_choice]["next"]].get("ending")


def test_people_are_diverse():
    people = [p for v in CASES.values() for p in v["people"]]
    ages = [p["age"] for p in people]
    assert min(ages) < 30 and max(ages) >= 60
    assert {"they/them", "she/her", "he/him"} <= {p["pronouns"] for p in people}
    same_sex = [v for v in CASES.values() if v["relationship"] in {"married", "partners", "dating"}
                and len({p["pronouns"] for p in v["people"] if p["role"] in {"injured", "betraying"}}) == 1]
    assert same_sex, "no same-sex couple"


def test_concepts_are_framework_ids_and_all_are_taught_somewhere():
    taught = {c for v in CASES.values() for c in v["concepts"]}
    assert taught <= set(CONCEPT_IDS)
    assert len(taught) >= 18


def _broken_copy(tmp_path, data_copy, change):
    folder = data_copy / "vignettes"
    path = sorted(folder.glob("*.yaml"))[0]
    doc = yaml.safe_load(path.read_text())
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    return check_vignettes(folder)[1], doc["id"]


def _first_decision(doc):
    return doc["roleplay"]["scenes"][doc["roleplay"]["start"]]


@pytest.mark.parametrize(
    "change, field, words",
    [
        (lambda d: _first_decision(d)["choices"][0].update(next="nowhere"), ".choices[0].next", "names no scene"),
        (lambda d: _first_decision(d)["choices"][0].update(next=d["roleplay"]["start"]), "roleplay.scenes.", "cycle"),
        (lambda d: d["roleplay"]["scenes"].update(orphan={"ending": True, "text": "Nobody gets here."}),
         "roleplay.scenes.orphan", "cannot be reached"),
        (lambda d: [c.update(quality="unhelpful") for c in _first_decision(d)["choices"]], ".choices", "no helpful"),
        (lambda d: [c.update(quality="harmful") or c.pop("pitfall", None) for c in _first_decision(d)["choices"][1:]],
         ".pitfall", "pitfall"),
        (lambda d: d.update(concepts=["step.apology"]), "concepts", "step.apology"),
        (lambda d: d.update(risk_flags=["bad_vibes"]), "risk_flags", "bad_vibes"),
        (lambda d: d["safety"].update(recommended="couples"), "safety.recommended", "couples"),
    ],
)
def test_broken_vignette_names_file_entry_and_field(tmp_path, data_copy, change, field, words):
    errors, vignette_id = _broken_copy(tmp_path, data_copy, change)
    assert errors, "the broken vignette was not reported"
    error = errors[0]
    assert error.entry == vignette_id and error.file.endswith(".yaml")
    assert field in (error.field or ""), error
    assert words in str(error)
