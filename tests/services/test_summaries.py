"""Summaries from the stored records: AE counts by term, cycle and dose; vital signs and labs described."""
from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.services import adverse_events, measurements, summaries
from tests.bedside import START, record, started_infusion, treated_patient


@pytest.fixture
def ward(store, people, make_patient, contract_example):
    """Patient A (60 kg) and B (50 kg), each given 2.5 × 10^9 cells in cycle 1: 4.17 and 5.0 × 10^7 cells/kg."""
    a, cycle_a = treated_patient(store, people, make_patient, contract_example, weight="60 kg")
    b, cycle_b = treated_patient(store, people, make_patient, contract_example, weight="50 kg")
    return {"a": (a, started_infusion(store, people, cycle_a)), "b": (b, started_infusion(store, people, cycle_b))}


def _ae(store, people, patient, term, grade, worst=None):
    entry = AdverseEventEntry(term=term, grade=grade, worst_grade=worst, onset=START + timedelta(days=1))
    adverse_events.record_adverse_event(store, people.nurse, patient.id, entry)


def test_ae_counts_by_term_cycle_and_dose(store, people, ward):
    """A: nausea grade 1 and nausea grade 1 (worst 2); B: nausea grade 3 and fever grade 1. Per term a
    subject counts once at its worst grade; 2 treated subjects; doses 2.5e9/60 and 2.5e9/50 cells/kg."""
    (a, _), (b, _) = ward["a"], ward["b"]
    _ae(store, people, a, "Nausea", 1)
    _ae(store, people, a, "Nausea", 1, worst=2)
    _ae(store, people, b, "Nausea", 3)
    _ae(store, people, b, "Fever", 1)
    result = summaries.ae_summary(store)
    assert result["subjects_n"] == 2
    by_term = {r["term"]: r for r in result["by_term"]}
    nausea = by_term["Nausea"]
    assert (nausea["events"], nausea["subjects"], nausea["subjects_pct"]) == (3, 2, 100.0)
    assert by_term["Nausea"]["worst_grade"] == {"1": 0, "2": 1, "3": 1, "4": 0, "5": 0}
    assert (by_term["Fever"]["events"], by_term["Fever"]["worst_grade"]["1"]) == (1, 1)
    assert {(r["cycle"], r["term"]): r["events"] for r in result["by_cycle"]} == {(1, "Fever"): 1, (1, "Nausea"): 3}
    assert result["dose_grouping"] == "recorded dose level"
    by_dose = {(r["dose_level"], r["term"]): r["worst_grade"] for r in result["by_dose"]}
    assert set(by_dose) == {("4.2 × 10^7 cells/kg", "Nausea"), ("5.0 × 10^7 cells/kg", "Nausea"),
                            ("5.0 × 10^7 cells/kg", "Fever")}
    assert by_dose[("4.2 × 10^7 cells/kg", "Nausea")]["2"] == 1
    only_a = summaries.ae_summary(store, patient_ids=[a.id])
    assert only_a["subjects_n"] == 1 and [r["term"] for r in only_a["by_term"]] == ["Nausea"]


@pytest.mark.parametrize("value, label", [
    (2.5e9 / 60, "4.2 × 10^7 cells/kg"),
    (9.96e7, "1.0 × 10^8 cells/kg"),      # rounds up into the next power of ten
    (None, None),
])
def test_dose_levels(value, label):
    """A recorded dose is grouped at 2 significant figures."""
    assert summaries.dose_level(value) == label


def test_vital_signs_per_time_point_with_missing(store, people, ward):
    """Pulse at 0 min: 72 and 90 → n 2, mean 81, SD √((9² + 9²) / 1) = 12.73; at 15 min only A's set (B
    missing); the protocol's later time points are all missing."""
    (_, inf_a), (_, inf_b) = ward["a"], ward["b"]
    record(store, people.nurse, inf_a.id, 0, pulse_per_min=72)
    record(store, people.nurse, inf_a.id, 15, pulse_per_min=80)
    record(store, people.nurse, inf_b.id, 0, pulse_per_min=90)
    result = summaries.vitals_summary(store)
    assert result["infusions_n"] == 2 and result["time_points"] == [0, 15, 30, 60, 120, 240]
    pulse = result["measurements"]["pulse_per_min"]
    assert (pulse[0]["n"], pulse[0]["missing"], pulse[0]["mean"], pulse[0]["min"], pulse[0]["max"]) \
        == (2, 0, 81, 72, 90)
    assert pulse[0]["sd"] == pytest.approx(math.sqrt(162))
    assert (pulse[15]["n"], pulse[15]["missing"], pulse[15]["median"]) == (1, 1, 80)
    assert (pulse[240]["n"], pulse[240]["missing"]) == (0, 2)
    assert result["measurements"]["temperature_c"][0]["mean"] == pytest.approx(36.8)


def test_lab_values_in_canonical_units(store, people, ward):
    """Platelets 15.2 × 10^4/µL (= 152 × 10^9/L) and 200 × 10^9/L, and a set without platelets: n 2,
    missing 1, mean 176 × 10^9/L."""
    (a, _), (b, _) = ward["a"], ward["b"]
    day = date(2026, 12, 19)
    measurements.record_labs(store, people.nurse, a.id, day, {"platelets": "15.2 10^4/uL"})
    measurements.record_labs(store, people.nurse, b.id, day, {"platelets": "200 10^9/L"})
    measurements.record_labs(store, people.nurse, b.id, day + timedelta(days=1), {"wbc": "5.0 10^9/L"})
    platelets = summaries.lab_summary(store)["platelets"]
    assert (platelets["unit"], platelets["n"], platelets["missing"]) == ("10^9/L", 2, 1)
    assert platelets["mean"] == pytest.approx(176)
