"""The treatment calendar: culture days, 3-monthly cycles with month-end clamping, slips, follow-up,
the G-CSF window, and each shipped protocol file's schedule."""
from __future__ import annotations

import calendar
import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkdesk.rules import protocol, schedule
from nkdesk.rules.errors import InputError

D = dt.date
KIND_ORDER = ["gcsf", "apheresis", "medium_add", "medium_change", "il12", "il2", "infusion", "followup"]


def primary(**kwargs) -> schedule.Schedule:
    return schedule.plan(protocol.load("jRCTb060200020"), **kwargs)


def of_kind(result, kind, cycle=None):
    return [e for e in result.events if e.kind == kind and (cycle is None or e.cycle == cycle)]


def add_months(date: dt.date, months: int) -> dt.date:
    """Test oracle (stdlib only): calendar months, day clamped to the month's last day."""
    year, month0 = divmod(date.month - 1 + months, 12)
    year += date.year
    return D(year, month0 + 1, min(date.day, calendar.monthrange(year, month0 + 1)[1]))


def test_contract_example_first_event():
    """Apheresis 2026-12-05 with 5 G-CSF days: the first event is G-CSF on 2026-12-01, day −4."""
    first = primary(apheresis=D(2026, 12, 5)).events[0]
    assert (first.date, first.cycle, first.culture_day, first.kind) == (D(2026, 12, 1), 1, -4, "gcsf")


def test_culture_days_follow_the_protocol():
    """Medium added on days 3, 6, 9, 12, 15; changed on 7 and 14; IL-12 day 14, IL-2 day 16,
    infusion day 17 (BMJ Open 2022;12:e064526, Treatment)."""
    result = primary(apheresis=D(2026, 12, 5), cycles=1)
    days = {kind: [e.culture_day for e in of_kind(result, kind)] for kind in KIND_ORDER}
    assert days == {"gcsf": [-4, -3, -2, -1, 0], "apheresis": [0], "medium_add": [3, 6, 9, 12, 15],
                    "medium_change": [7, 14], "il12": [14], "il2": [16], "infusion": [17], "followup": []}
    for e in result.events:
        assert e.date == D(2026, 12, 5) + dt.timedelta(days=e.culture_day)


@pytest.mark.parametrize(
    ("cycle1", "cycle2", "cycle3"),
    [
        (D(2026, 11, 30), D(2027, 2, 28), D(2027, 5, 30)),   # the contract's example (2027 not leap)
        (D(2027, 11, 30), D(2028, 2, 29), D(2028, 5, 30)),   # 2028 is a leap year
        (D(2026, 8, 31), D(2026, 11, 30), D(2027, 2, 28)),
        (D(2026, 12, 31), D(2027, 3, 31), D(2027, 6, 30)),
        (D(2026, 12, 5), D(2027, 3, 5), D(2027, 6, 5)),
    ],
)
def test_cycles_every_3_calendar_months_from_cycle_1(cycle1, cycle2, cycle3):
    """Cycle k's apheresis is cycle 1's + 3(k−1) calendar months, clamped to the month's end."""
    result = primary(apheresis=cycle1)
    assert [e.date for e in of_kind(result, "apheresis")] == [cycle1, cycle2, cycle3]
    assert [e.date - a.date for e, a in zip(of_kind(result, "infusion"), of_kind(result, "apheresis"), strict=True)] \
        == [dt.timedelta(days=17)] * 3


@pytest.mark.parametrize("days", [4, 6])
def test_four_and_six_day_gcsf_courses(days):
    """A 4- or 6-day course: G-CSF on culture days −(N−1) … 0 in every cycle."""
    result = primary(apheresis=D(2026, 12, 5), gcsf_days=days)
    for cycle in (1, 2, 3):
        assert [e.culture_day for e in of_kind(result, "gcsf", cycle)] == list(range(-(days - 1), 1))
    assert of_kind(result, "gcsf", 1)[0].date == D(2026, 12, 5) - dt.timedelta(days=days - 1)


@pytest.mark.parametrize("days", [3, 7])
def test_gcsf_days_outside_the_protocol_are_refused(days):
    """Only 4–6 G-CSF days."""
    with pytest.raises(InputError, match="outside 4–6") as caught:
        primary(apheresis=D(2026, 12, 5), gcsf_days=days)
    assert caught.value.field == "gcsf_days"


def test_slipped_apheresis_redates_its_cycle_and_later_cycles():
    """Cycle 2's apheresis 3 days late re-dates cycle 2; cycle 3 is 3 months after it; cycle 1 stays."""
    result = primary(apheresis=D(2026, 12, 5), actual={2: D(2027, 3, 8)})
    assert [e.date for e in of_kind(result, "apheresis")] == [D(2026, 12, 5), D(2027, 3, 8), D(2027, 6, 8)]
    assert of_kind(result, "apheresis", 2)[0].status == "actual"
    assert of_kind(result, "infusion", 2)[0].date == D(2027, 3, 25)
    assert of_kind(result, "gcsf", 2)[0].date == D(2027, 3, 4)
    assert of_kind(result, "infusion", 1)[0].date == D(2026, 12, 22)


def test_after_an_actual_apheresis_later_cycles_chain_from_the_previous_one():
    """Once a cycle's apheresis is actual, each later cycle is 3 months after the previous cycle's."""
    result = primary(apheresis=D(2026, 11, 28), actual={1: D(2026, 11, 30)})
    # 30 Nov + 3 months = 28 Feb 2027; 28 Feb + 3 months = 28 May (chained, per the contract).
    assert [e.date for e in of_kind(result, "apheresis")] == [D(2026, 11, 30), D(2027, 2, 28), D(2027, 5, 28)]


def test_given_infusion_is_never_redated():
    """An infusion already given keeps its date when its cycle's apheresis is re-dated."""
    given = {1: D(2026, 12, 21)}
    result = primary(apheresis=D(2026, 12, 5), actual={1: D(2026, 12, 6)}, given_infusions=given)
    infusion = of_kind(result, "infusion", 1)[0]
    assert infusion.date == D(2026, 12, 21) and infusion.status == "given"
    assert infusion.culture_day == 15                     # counted from the actual apheresis
    # Culture steps planned after the infusion did not happen (IL-2 on day 16 = 22 Dec).
    assert of_kind(result, "il2", 1) == []
    assert all(e.date <= D(2026, 12, 21) for e in result.events if e.cycle == 1)
    assert of_kind(result, "apheresis", 2)[0].date == D(2027, 3, 6)


def test_given_infusion_before_its_apheresis_is_refused():
    """An infusion given before its cycle's apheresis means the apheresis date is wrong."""
    with pytest.raises(InputError, match="before its apheresis"):
        primary(apheresis=D(2026, 12, 5), given_infusions={1: D(2026, 12, 1)})


def test_actual_apheresis_before_the_previous_cycle_is_refused():
    """Cycle 2 cannot be collected before cycle 1."""
    with pytest.raises(InputError, match="not after cycle 1") as caught:
        primary(apheresis=D(2026, 12, 5), actual={2: D(2026, 12, 1)})
    assert caught.value.field == "actual"


@pytest.mark.parametrize(("cycles", "ok"), [(1, True), (3, True), (0, False), (4, False)])
def test_cycles_between_one_and_the_protocols_three(cycles, ok):
    """1 to 3 cycles; the protocol gives 3."""
    if ok:
        assert len(of_kind(primary(apheresis=D(2026, 12, 5), cycles=cycles), "infusion")) == cycles
    else:
        with pytest.raises(InputError, match="outside 1–3"):
            primary(apheresis=D(2026, 12, 5), cycles=cycles)


@pytest.mark.parametrize("cycle", [0, 4])
def test_actual_for_an_unplanned_cycle_is_refused(cycle):
    """--actual names one of the planned cycles."""
    with pytest.raises(InputError, match="not one of the planned cycles"):
        primary(apheresis=D(2026, 12, 5), actual={cycle: D(2027, 3, 8)})


@pytest.mark.parametrize(
    ("surgery", "year1", "year3"),
    [
        (D(2024, 2, 29), D(2025, 2, 28), D(2027, 2, 28)),    # 29 Feb → 28 Feb
        (D(2026, 10, 1), D(2027, 10, 1), D(2029, 10, 1)),
        (D(2025, 2, 28), D(2026, 2, 28), D(2028, 2, 28)),
    ],
)
def test_followup_at_1_and_3_years_after_surgery(surgery, year1, year3):
    """Follow-up 1 and 3 years after surgery, with no cycle and no culture day."""
    result = primary(apheresis=surgery + dt.timedelta(days=45), surgery=surgery)
    visits = of_kind(result, "followup")
    assert [v.date for v in visits] == [year1, year3]
    assert all(v.cycle is None and v.culture_day is None for v in visits)


def test_no_followup_or_window_without_surgery():
    """Without a surgery date there is nothing to count follow-up or the window from."""
    result = primary(apheresis=D(2026, 12, 5))
    assert of_kind(result, "followup") == [] and result.gcsf_window is None


@pytest.mark.parametrize(
    ("surgery", "first_gcsf", "start", "end", "within"),
    [
        (D(2026, 10, 31), D(2026, 11, 30), D(2026, 11, 30), D(2027, 1, 31), True),   # first day of window
        (D(2026, 10, 31), D(2026, 11, 29), D(2026, 11, 30), D(2027, 1, 31), False),  # one day early
        (D(2026, 10, 31), D(2027, 1, 31), D(2026, 11, 30), D(2027, 1, 31), True),    # last day of window
        (D(2026, 10, 31), D(2027, 2, 1), D(2026, 11, 30), D(2027, 1, 31), False),    # one day late
        (D(2026, 11, 30), D(2027, 1, 10), D(2026, 12, 30), D(2027, 2, 28), True),    # end clamped to 28 Feb
        (D(2027, 11, 30), D(2028, 2, 29), D(2027, 12, 30), D(2028, 2, 29), True),    # leap year end
    ],
)
def test_gcsf_window_is_1_to_3_calendar_months_after_surgery(surgery, first_gcsf, start, end, within):
    """The first G-CSF day must fall 1 to 3 calendar months after surgery, both ends included."""
    result = primary(apheresis=first_gcsf + dt.timedelta(days=4), surgery=surgery)
    window = result.gcsf_window
    assert (window.start, window.end, window.first_gcsf, window.within) == (start, end, first_gcsf, within)
    assert result.to_json()["gcsf_window"] == {"start": start.isoformat(), "end": end.isoformat(),
                                               "first_gcsf": first_gcsf.isoformat(), "within": within}


def test_window_uses_the_actual_first_gcsf_day():
    """A slipped cycle-1 apheresis moves the first G-CSF day the window is checked against."""
    result = primary(apheresis=D(2027, 1, 31), surgery=D(2026, 10, 31), actual={1: D(2027, 2, 6)})
    assert result.gcsf_window.first_gcsf == D(2027, 2, 2)
    assert not result.gcsf_window.within


def test_apheresis_is_needed_for_the_primary_protocol():
    """jRCTb060200020 is anchored on cycle 1's planned apheresis."""
    with pytest.raises(InputError) as caught:
        primary(surgery=D(2026, 10, 1))
    assert caught.value.field == "apheresis"


def test_events_on_one_date_follow_culture_day_then_kind_order():
    """On the apheresis day the last G-CSF comes before the apheresis; on day 14 the medium change
    before IL-12 (contract: date, then culture day, then kind order)."""
    result = primary(apheresis=D(2026, 12, 5), cycles=1)
    same_day = [(e.kind, e.culture_day) for e in result.events if e.date == D(2026, 12, 5)]
    assert same_day == [("gcsf", 0), ("apheresis", 0)]
    day14 = [e.kind for e in result.events if e.date == D(2026, 12, 19)]
    assert day14 == ["medium_change", "il12"]


# ---------------------------------------------------------------- the other protocol files
def other(protocol_id, surgery, **kwargs):
    return schedule.plan(protocol.load(protocol_id), surgery=surgery, **kwargs)


def test_every_shipped_protocol_produces_a_schedule():
    """Each of the four protocol files yields a calendar with at least one infusion, dated where the
    seed gives its timing (allo-family-nk: undated, seed 003 gives none)."""
    assert protocol.protocol_ids() == ["allo-family-nk", "jRCTb060200020", "lt-donor-liver-nk", "takayama-2000-ait"]
    for protocol_id in protocol.protocol_ids():
        anchor = {"apheresis": D(2026, 12, 5)} if protocol_id == "jRCTb060200020" else {}
        result = schedule.plan(protocol.load(protocol_id), surgery=D(2026, 10, 20), **anchor)
        undated = [u for u in result.undated if u.kind == "infusion"]
        assert bool(of_kind(result, "infusion")) != bool(undated), protocol_id
        assert bool(undated) is (protocol_id == "allo-family-nk")


@pytest.mark.parametrize(("surgery", "infusion"), [(D(2026, 1, 10), D(2026, 1, 13)),
                                                   (D(2028, 2, 27), D(2028, 3, 1))])
def test_donor_liver_nk_single_infusion_day_3(surgery, infusion):
    """One infusion 3 days after liver transplantation (PLoS One 2025;20:e0313102)."""
    result = other("lt-donor-liver-nk", surgery)
    assert [(e.date, e.cycle, e.culture_day) for e in of_kind(result, "infusion")] == [(infusion, 1, None)]
    assert of_kind(result, "followup")[0].date == add_months(surgery, 1)   # 1-month BSI window


def test_takayama_five_infusions():
    """Infusions 2, 3 and 4 weeks and 3 and 6 months after resection (Lancet 2000;356:802)."""
    result = other("takayama-2000-ait", D(2025, 11, 30))
    assert [e.date for e in of_kind(result, "infusion")] == [
        D(2025, 12, 14), D(2025, 12, 21), D(2025, 12, 28), D(2026, 2, 28), D(2026, 5, 30)]
    assert [e.cycle for e in of_kind(result, "infusion")] == [1, 2, 3, 4, 5]


def test_family_donor_infusion_is_left_undated():
    """Seed 003 gives no infusion timing ("received transfusion therapy with NK cells derived from their
    immediate family"): the infusion and the visits counted from it stay undated (issue 13), marked
    'timing per site protocol', instead of being dated on the surgery day."""
    result = other("allo-family-nk", D(2026, 3, 31))
    assert of_kind(result, "infusion") == [] and of_kind(result, "followup") == []
    assert result.timing == result.to_json()["timing"] == "per site protocol"
    undated = result.to_json()["undated"]
    assert [u["kind"] for u in undated] == ["infusion"] + ["followup"] * 5
    assert all("per site protocol" in u["timing"] for u in undated)


def test_family_donor_visits_are_dated_once_the_infusion_is_given():
    """Once given, the infusion keeps its date; CTC 24 h after it and mRECIST at 3, 6, 12 and 36
    months (seed 003) are dated from it."""
    result = other("allo-family-nk", D(2026, 3, 31), given_infusions={1: D(2026, 4, 20)})
    infusion = of_kind(result, "infusion")[0].date
    assert infusion == D(2026, 4, 20)
    visits = [e.date for e in of_kind(result, "followup")]
    assert visits == [infusion + dt.timedelta(days=1)] + [add_months(infusion, m) for m in (3, 6, 12, 36)]
    assert result.undated == ()


def test_takayama_does_not_claim_ctcae_v5():
    """Lancet 2000;356:802 (trial 1992–1995) predates CTCAE v5.0 (2017) and names no grading in the seed."""
    study = protocol.load("takayama-2000-ait")
    assert study.section("ctcae_version") is None
    assert str(study.section("adverse_event_grading")).startswith("not stated")


@pytest.mark.parametrize("protocol_id", ["lt-donor-liver-nk", "allo-family-nk", "takayama-2000-ait"])
def test_surgery_anchored_protocols_need_surgery_and_refuse_cycle_options(protocol_id):
    """Without --surgery there is no anchor; apheresis, G-CSF days and cycles do not apply."""
    with pytest.raises(InputError) as caught:
        schedule.plan(protocol.load(protocol_id))
    assert caught.value.field == "surgery"
    for option in ({"apheresis": D(2026, 1, 1)}, {"gcsf_days": 5}, {"cycles": 1}, {"actual": {1: D(2026, 1, 1)}}):
        with pytest.raises(InputError, match="anchored on the surgery date"):
            other(protocol_id, D(2026, 1, 1), **option)


def test_given_infusion_keeps_its_date_in_a_surgery_anchored_protocol():
    """A Takayama infusion given a day late stays on the day it was given."""
    result = other("takayama-2000-ait", D(2025, 11, 30), given_infusions={2: D(2025, 12, 22)})
    assert [(e.date, e.status) for e in of_kind(result, "infusion", 2)] == [(D(2025, 12, 22), "given")]


@pytest.mark.parametrize("protocol_id", ["jRCTb060200020", "lt-donor-liver-nk", "allo-family-nk",
                                         "takayama-2000-ait"])
def test_every_protocol_carries_its_endpoints(protocol_id):
    """Each protocol file lists endpoint fields with an id, a label, a type and a role."""
    endpoints = protocol.load(protocol_id).section("endpoints")
    assert endpoints
    assert all({"id", "label", "type", "role"} <= set(e) for e in endpoints)
    assert any(e["role"] == "primary" for e in endpoints)


@pytest.mark.parametrize(
    ("protocol_id", "endpoint_ids"),
    [
        ("lt-donor-liver-nk", {"bloodstream_infection", "acute_rejection", "nk_activity"}),
        ("allo-family-nk", {"kps", "liver_function", "renal_function", "blood_counts", "ctc_count",
                            "mrecist_response", "overall_survival", "infusion_reactions"}),
        ("takayama-2000-ait", {"time_to_first_recurrence", "recurrence_free_survival", "overall_survival"}),
    ],
)
def test_seed_endpoints_are_present(protocol_id, endpoint_ids):
    """The endpoints ../shared/protocol.md lists for each regimen are in its file."""
    assert endpoint_ids <= {e["id"] for e in protocol.load(protocol_id).section("endpoints")}


# ---------------------------------------------------------------- properties
DATES = st.dates(min_value=D(2000, 1, 1), max_value=D(2098, 12, 31))


@given(DATES, st.integers(4, 6), st.dictionaries(st.integers(1, 3), st.integers(-3, 10), max_size=3),
       st.one_of(st.none(), DATES))
def test_calendar_properties(apheresis, days, slips, surgery):
    """Events are sorted as the contract says; within a cycle dates never decrease with culture
    day; cycles are 3 calendar months apart (from cycle 1, or chained after an actual date)."""
    planned, actual = [], {}
    chained = False
    for k in (1, 2, 3):  # the oracle: the contract's rule, with stdlib month arithmetic
        base = add_months(planned[-1], 3) if chained else add_months(apheresis, 3 * (k - 1))
        if k in slips:
            base = base + dt.timedelta(days=slips[k])
            actual[k] = base
            chained = True
        planned.append(base)
    if any(b <= a for a, b in pairwise(planned)):
        return  # a slip that puts a cycle before the previous one is refused (tested above)
    result = primary(apheresis=apheresis, gcsf_days=days, actual=actual, surgery=surgery)

    keys = [(e.date, e.culture_day is None, e.culture_day or 0, KIND_ORDER.index(e.kind)) for e in result.events]
    assert keys == sorted(keys)
    assert [e.date for e in of_kind(result, "apheresis")] == planned
    for k in (1, 2, 3):
        cycle = sorted((e for e in result.events if e.cycle == k), key=lambda e: e.culture_day)
        assert [e.date for e in cycle] == sorted(e.date for e in cycle)
        assert len(of_kind(result, "gcsf", k)) == days
