"""data/cases: reproducible from the seeded generator, and each tells the story it is meant to."""
from __future__ import annotations

import pytest

from conftest import DATA
from trustwork.casegen import PLANS, generate, main as casegen_main
from trustwork.cases import case_errors, check_cases, load_case
from trustwork.vignettes import load_vignettes


def test_committed_files_equal_what_the_generator_makes():
    files = generate()
    assert len(files) == 2 * len(PLANS) >= 8
    for path, content in files.items():
        assert path.read_text(encoding="utf-8") == content, f"{path} is stale: run python -m trustwork.casegen"
    assert casegen_main(["--check"]) == 0


def test_generator_is_deterministic():
    assert generate() == generate()


def test_cases_belong_to_vignettes_and_cover_four_shapes():
    vignettes = load_vignettes()
    assert {p.vignette for p in PLANS} <= set(vignettes)
    assert {p.shape for p in PLANS} == {"steady", "stall", "relapse", "separation"}
    assert check_cases(DATA / "cases") == []


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.vignette)
def test_savings_account_shape_small_frequent_deposits_rarer_larger_withdrawals(plan):
    case = load_case(plan.vignette)
    assert 20 <= case.scores["week"].max() <= 40
    deposits = case.ledger[case.ledger["kind"] == "deposit"]
    withdrawals = case.ledger[case.ledger["kind"] == "withdrawal"]
    assert len(deposits) > 3 * len(withdrawals) > 0
    assert deposits["weight"].abs().mean() < withdrawals["weight"].abs().mean()


def _trust(plan, weeks):
    scores = load_case(plan.vignette).scores.set_index("week")["dts"]
    return scores.loc[weeks].mean()


def _plan(shape):
    return next(p for p in PLANS if p.shape == shape)


def test_steady_case_improves():
    plan = _plan("steady")
    assert _trust(plan, range(plan.weeks - 3, plan.weeks + 1)) - _trust(plan, range(1, 5)) >= 12


def test_stalled_case_does_not_improve():
    plan = _plan("stall")
    assert _trust(plan, range(plan.weeks - 3, plan.weeks + 1)) <= _trust(plan, range(1, 5)) + 2


def test_relapse_case_drops_after_the_big_withdrawal_then_recovers():
    plan = _plan("relapse")
    week = plan.big_withdrawal_week
    before = _trust(plan, range(week - 2, week))
    after = _trust(plan, range(week, week + 2))
    assert before - after >= 6
    assert _trust(plan, range(plan.weeks - 3, plan.weeks + 1)) > after


def test_separation_case_ends_apart_with_forgiveness_growing_and_satisfaction_falling():
    plan = _plan("separation")
    case = load_case(plan.vignette)
    assert (case.ledger["concept"] == "outcomes").any()
    scores = case.scores.set_index("week")
    assert scores["trim_benevolence"].iloc[-4:].mean() > scores["trim_benevolence"].iloc[:4].mean()
    assert scores["csi4"].iloc[-4:].mean() < scores["csi4"].iloc[10:14].mean()
    assert scores["csi4"].iloc[-4:].mean() < 13.5


def test_broken_case_file_names_file_case_and_field(data_copy):
    folder = data_copy / "cases" / PLANS[0].vignette
    ledger = folder / "ledger.csv"
    lines = ledger.read_text().splitlines()
    lines[3] = lines[3].replace(",deposit,", ",gift,")
    ledger.write_text("\n".join(lines) + "\n")
    _, errors = case_errors(folder)
    assert errors and errors[0].entry == PLANS[0].vignette and errors[0].field == "kind"
    assert "line 4" in str(errors[0]) and "ledger.csv" in str(errors[0])


def test_out_of_range_score_is_reported(data_copy):
    folder = data_copy / "cases" / PLANS[1].vignette
    scores = folder / "scores.csv"
    lines = scores.read_text().splitlines()
    cells = lines[5].split(",")
    cells[-1] = "22"
    lines[5] = ",".join(cells)
    scores.write_text("\n".join(lines) + "\n")
    _, errors = case_errors(folder)
    assert errors and errors[0].field == "csi4" and "0 to 21" in str(errors[0])
