"""Criteria with dates and the E4.v cross-check (issue 13; ../shared/cli-contract.md, `eligibility`,
"Optional dates"): labs_date with the protocol's lab_window_days (default 14, to be confirmed),
cv_event_date deciding E4.ii (within 6 calendar months), surgery/discharge dates deciding E5
(discharge − surgery > 42 days = "more than 6 weeks", BMJ Open 2022;12:e064526 exclusion 5), and a
platelet count above 450 × 10⁹/L adding a warning without changing the verdict.
"""
from __future__ import annotations

import copy

import pytest

from nkdesk.rules import assessment, eligibility, protocol
from nkdesk.rules.errors import InputError
from tests.clirun import in_process

JRCT = protocol.load("jRCTb060200020")


def run(data: dict) -> eligibility.EligibilityResult:
    return eligibility.evaluate(JRCT, assessment.parse(data, JRCT))


def with_(base: dict, drop: tuple[str, ...] = (), **top) -> dict:
    data = copy.deepcopy(base)
    for key in drop:
        data.pop(key, None)
    data.update(top)
    return data


def criterion(result, cid):
    return next(c for c in result.criteria if c.id == cid)


def test_without_dates_everything_behaves_as_before(contract_example):
    result = run(contract_example)
    assert (result.eligible, result.failed, result.missing, result.warnings) == (True, [], [], ())
    assert result.to_json()["warnings"] == []


@pytest.mark.parametrize(("sampled", "counted"), [
    ("2026-11-21", True),     # same day
    ("2026-11-07", True),     # 14 days before: inside the 14-day window
    ("2026-11-06", False),    # 15 days before: outside
    ("2026-11-22", False),    # after the assessment
])
def test_labs_outside_the_window_count_as_missing(contract_example, sampled, counted):
    result = run(with_(contract_example, labs_date=sampled))
    if counted:
        assert result.eligible is True
        return
    assert result.eligible is None
    assert {"labs.hemoglobin", "labs.platelets", "labs.wbc"} <= set(result.missing)
    i3 = criterion(result, "I3")
    assert i3.met is None and "counted as missing" in i3.evidence and sampled in i3.evidence


@pytest.mark.parametrize(("event", "applies"), [
    ("2026-05-21", True),     # exactly 6 calendar months before 2026-11-21
    ("2026-05-20", False),    # one day more
    ("2026-11-21", True),     # on the assessment day
    ("2025-01-01", False),
])
def test_cv_event_date_decides_e4_ii(contract_example, event, applies):
    data = with_(contract_example, drop=("coronary_or_cerebrovascular_disease_within_6_months",), cv_event_date=event)
    result = run(data)
    assert criterion(result, "E4.ii").met is applies
    assert "coronary_or_cerebrovascular_disease_within_6_months" not in result.missing
    assert result.eligible is (not applies)


def test_six_calendar_months_clamp_to_the_month_end(contract_example):
    """31 Aug − 6 months = 28 Feb (2027 is not a leap year): an event on 28 Feb is within."""
    data = with_(contract_example, assessment_date="2027-08-31", cv_event_date="2027-02-28")
    assert criterion(run(data), "E4.ii").met is True
    data = with_(contract_example, assessment_date="2027-08-31", cv_event_date="2027-02-27")
    assert criterion(run(data), "E4.ii").met is False


def test_cv_event_after_the_assessment_is_bad_input(contract_example):
    with pytest.raises(InputError) as caught:
        run(with_(contract_example, cv_event_date="2026-12-01"))
    assert caught.value.field == "cv_event_date"


@pytest.mark.parametrize(("surgery", "discharge", "applies"), [
    ("2026-08-01", "2026-09-12", False),     # 42 days: exactly 6 weeks, not more
    ("2026-08-01", "2026-09-13", True),      # 43 days
    ("2026-08-01", "2026-08-15", False),
])
def test_surgery_and_discharge_dates_decide_e5(contract_example, surgery, discharge, applies):
    data = with_(contract_example, drop=("hospitalised_over_6_weeks_after_surgery",), surgery_date=surgery,
                 discharge_date=discharge)
    result = run(data)
    assert criterion(result, "E5").met is applies
    assert "hospitalised_over_6_weeks_after_surgery" not in result.missing


def test_one_date_alone_leaves_e5_to_the_answer(contract_example):
    result = run(with_(contract_example, drop=("hospitalised_over_6_weeks_after_surgery",), surgery_date="2026-08-01"))
    assert criterion(result, "E5").met is None
    assert "hospitalised_over_6_weeks_after_surgery" in result.missing


@pytest.mark.parametrize(("platelets", "warned"), [
    ("450 10^9/L", False), ("451 10^9/L", True), ("52 10^4/uL", True), ("15.2 10^4/uL", False),
])
def test_thrombocytosis_asks_to_confirm_e4_v_without_changing_the_verdict(contract_example, platelets, warned):
    data = copy.deepcopy(contract_example)
    data["labs"]["platelets"] = platelets
    result = run(data)
    assert result.eligible is True
    assert bool(result.warnings) is warned
    if warned:
        assert result.warnings[0].startswith("E4.v")


def test_cli_keys(capsys, tmp_path, contract_example):
    """Contract: `warnings` always present; the dates accepted as optional keys."""
    data = with_(contract_example, labs_date="2026-11-20", cv_event_date="2024-01-01", surgery_date="2026-08-01",
                 discharge_date="2026-08-20")
    data["labs"]["platelets"] = "500 10^9/L"
    path = tmp_path / "a.json"
    import json

    path.write_text(json.dumps(data))
    out = in_process(capsys, "eligibility", str(path), "--json")
    assert out.status == 0, out.err
    assert out.json["eligible"] is True
    assert len(out.json["warnings"]) == 1
