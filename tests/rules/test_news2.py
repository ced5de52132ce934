"""NEWS2 across every band of every parameter, from the published chart (RCP 2017).

Source: Royal College of Physicians. National Early Warning Score (NEWS) 2. London: RCP, 2017.
Chart 1 (the NEWS scoring system):
  Respiration rate (per minute)  ≤8: 3 | 9–11: 1 | 12–20: 0 | 21–24: 2 | ≥25: 3
  SpO2 Scale 1 (%)               ≤91: 3 | 92–93: 2 | 94–95: 1 | ≥96: 0
  SpO2 Scale 2 (%)               ≤83: 3 | 84–85: 2 | 86–87: 1 | 88–92, ≥93 on air: 0 |
                                 93–94 on oxygen: 1 | 95–96 on oxygen: 2 | ≥97 on oxygen: 3
  Air or oxygen?                 Oxygen: 2 | Air: 0
  Systolic blood pressure (mmHg) ≤90: 3 | 91–100: 2 | 101–110: 1 | 111–219: 0 | ≥220: 3
  Pulse (per minute)             ≤40: 3 | 41–50: 1 | 51–90: 0 | 91–110: 1 | 111–130: 2 | ≥131: 3
  Consciousness                  Alert: 0 | CVPU: 3
  Temperature (°C)               ≤35.0: 3 | 35.1–36.0: 1 | 36.1–38.0: 0 | 38.1–39.0: 1 | ≥39.1: 2
Chart 3: low 0–4; low–medium: a score of 3 in any individual parameter; medium 5–6; high ≥7.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkdesk.rules import news2, units
from nkdesk.rules.errors import InputError

# A set that scores 0 everywhere; each test changes one parameter.
BASE = dict(resp_rate=16, spo2=98, on_oxygen=False, systolic=120, pulse=70, acvpu="A", temperature=37.0)


def _only(**change):
    return news2.score(**{**BASE, **change})


@pytest.mark.parametrize(("rate", "points"), [
    (4, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3), (40, 3)])
def test_respiration_rate_bands(rate, points):
    """Chart 1 respiration rate: ≤8 3, 9–11 1, 12–20 0, 21–24 2, ≥25 3."""
    assert _only(resp_rate=rate).parameters["respiration_rate"] == points


@pytest.mark.parametrize(("spo2", "points"), [
    (85, 3), (91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0), (100, 0)])
def test_spo2_scale_1_bands(spo2, points):
    """Chart 1 SpO2 scale 1: ≤91 3, 92–93 2, 94–95 1, ≥96 0."""
    assert _only(spo2=spo2).parameters["spo2"] == points


@pytest.mark.parametrize(("spo2", "on_oxygen", "points"), [
    (80, False, 3), (83, False, 3), (84, False, 2), (85, False, 2), (86, False, 1), (87, False, 1),
    (88, False, 0), (92, False, 0), (88, True, 0), (92, True, 0),
    (93, False, 0), (97, False, 0), (100, False, 0),          # ≥93 on air: 0
    (93, True, 1), (94, True, 1), (95, True, 2), (96, True, 2), (97, True, 3), (100, True, 3),
])
def test_spo2_scale_2_bands(spo2, on_oxygen, points):
    """Chart 1 SpO2 scale 2: ≤83 3, 84–85 2, 86–87 1, 88–92 or ≥93 on air 0, on oxygen 93–94 1, 95–96 2, ≥97 3."""
    assert _only(spo2=spo2, on_oxygen=on_oxygen, scale=2).parameters["spo2"] == points


@pytest.mark.parametrize(("on_oxygen", "points"), [(True, 2), (False, 0)])
def test_air_or_oxygen(on_oxygen, points):
    """Chart 1: oxygen 2, air 0."""
    assert _only(on_oxygen=on_oxygen).parameters["air_or_oxygen"] == points


@pytest.mark.parametrize(("systolic", "points"), [
    (70, 3), (90, 3), (91, 2), (100, 2), (101, 1), (110, 1), (111, 0), (219, 0), (220, 3), (250, 3)])
def test_systolic_bands(systolic, points):
    """Chart 1 systolic BP: ≤90 3, 91–100 2, 101–110 1, 111–219 0, ≥220 3."""
    assert _only(systolic=systolic).parameters["systolic_bp"] == points


@pytest.mark.parametrize(("pulse", "points"), [
    (30, 3), (40, 3), (41, 1), (50, 1), (51, 0), (90, 0), (91, 1), (110, 1), (111, 2), (130, 2), (131, 3), (180, 3)])
def test_pulse_bands(pulse, points):
    """Chart 1 pulse: ≤40 3, 41–50 1, 51–90 0, 91–110 1, 111–130 2, ≥131 3."""
    assert _only(pulse=pulse).parameters["pulse"] == points


@pytest.mark.parametrize(("acvpu", "points"), [("A", 0), ("C", 3), ("V", 3), ("P", 3), ("U", 3), ("c", 3)])
def test_consciousness(acvpu, points):
    """Chart 1: Alert 0; new Confusion, Voice, Pain, Unresponsive 3."""
    assert _only(acvpu=acvpu).parameters["consciousness"] == points


@pytest.mark.parametrize(("text", "points"), [
    ("34.0 degC", 3), ("35.0 degC", 3), ("35.1 degC", 1), ("36.0 degC", 1), ("36.1 degC", 0),
    ("38.0 degC", 0), ("38.1 degC", 1), ("39.0 degC", 1), ("39.1 degC", 2), ("41.0 degC", 2),
    # rounded to 0.1 °C half up before scoring (contract): 38.05 → 38.1, 38.04 → 38.0, 35.05 → 35.1
    ("38.05 degC", 1), ("38.04 degC", 0), ("35.05 degC", 1), ("36.05 degC", 0),
    # °F → °C: 100.4 °F = 38.0 °C (0); 100.5 °F = 38.06 °C → 38.1 (1); 95.0 °F = 35.0 °C (3)
    ("100.4 degF", 0), ("100.5 degF", 1), ("95.0 degF", 3),
])
def test_temperature_bands_after_rounding(text, points):
    """Chart 1 temperature: ≤35.0 3, 35.1–36.0 1, 36.1–38.0 0, 38.1–39.0 1, ≥39.1 2; °C to 0.1 half up first."""
    measured = units.parse(text, field="temp", analyte="temperature")
    assert _only(temperature=measured).parameters["temperature"] == points


@pytest.mark.parametrize(("change", "score", "risk", "single_3"), [
    ({}, 0, "low", False),
    ({"pulse": 95, "resp_rate": 22, "temperature": 38.5}, 4, "low", False),      # 1 + 2 + 1
    ({"resp_rate": 25}, 3, "low-medium", True),                                  # a single 3, total < 5
    ({"acvpu": "C"}, 3, "low-medium", True),                                     # new confusion alone
    ({"resp_rate": 25, "pulse": 95}, 4, "low-medium", True),
    ({"resp_rate": 22, "pulse": 115, "temperature": 38.5}, 5, "medium", False),  # 2 + 2 + 1
    ({"resp_rate": 25, "systolic": 105, "pulse": 95}, 5, "medium", True),        # single 3 but total 5
    ({"resp_rate": 22, "pulse": 115, "temperature": 39.5}, 6, "medium", False),
    ({"resp_rate": 25, "pulse": 115, "systolic": 105, "temperature": 38.5}, 7, "high", True),
    ({"resp_rate": 30, "spo2": 90, "on_oxygen": True, "systolic": 85, "pulse": 140, "acvpu": "U",
      "temperature": 34.0}, 20, "high", True),                                   # the maximum, 3+3+2+3+3+3+3
])
def test_total_and_risk_band(change, score, risk, single_3):
    """Chart 3: low 0–4, low–medium a single 3 with total < 5, medium 5–6, high ≥ 7."""
    result = _only(**change)
    assert (result.score, result.risk, result.any_single_3) == (score, risk, single_3)


@pytest.mark.parametrize(("change", "monitoring"), [
    ({}, "Minimum 12 hourly"),
    ({"pulse": 95}, "Minimum 4–6 hourly"),
    ({"resp_rate": 25}, "Minimum 1 hourly"),
    ({"resp_rate": 22, "pulse": 115, "temperature": 38.5}, "Minimum 1 hourly"),
    ({"resp_rate": 25, "pulse": 115, "systolic": 105, "temperature": 38.5}, "Continuous monitoring of vital signs"),
])
def test_clinical_response_follows_chart_4(change, monitoring):
    """Chart 4 frequency of monitoring: 0 12-hourly; 1–4 4–6-hourly; single 3 and 5–6 hourly; ≥7 continuous."""
    assert _only(**change).to_json()["response"]["monitoring"] == monitoring


@pytest.mark.parametrize(("field", "change"), [("scale", {"scale": 3}), ("acvpu", {"acvpu": "X"})])
def test_bad_scale_or_acvpu_is_an_input_error(field, change):
    """Only scales 1 and 2 and the ACVPU letters exist."""
    with pytest.raises(InputError) as caught:
        _only(**change)
    assert caught.value.field == field


# An independent transcription of Chart 1 as (upper bound inclusive, points) rows, for the property test.
CHART_1 = {
    "respiration_rate": [(8, 3), (11, 1), (20, 0), (24, 2), (10**9, 3)],
    "spo2_scale_1": [(91, 3), (93, 2), (95, 1), (10**9, 0)],
    "systolic_bp": [(90, 3), (100, 2), (110, 1), (219, 0), (10**9, 3)],
    "pulse": [(40, 3), (50, 1), (90, 0), (110, 1), (130, 2), (10**9, 3)],
    "temperature": [(35.0, 3), (36.0, 1), (38.0, 0), (39.0, 1), (10**9, 2)],
}


def _chart(name, value):
    return next(points for upper, points in CHART_1[name] if value <= upper)


@settings(max_examples=300, deadline=None)
@given(rr=st.integers(0, 80), spo2=st.integers(40, 100), o2=st.booleans(), sbp=st.integers(30, 300),
       hr=st.integers(20, 300), acvpu=st.sampled_from("ACVPU"), tenths=st.integers(250, 450))
def test_score_is_the_sum_of_chart_1_points(rr, spo2, o2, sbp, hr, acvpu, tenths):
    """Any scale-1 set scores the sum of its Chart 1 points, each looked up in the chart."""
    temperature = tenths / 10
    result = news2.score(resp_rate=rr, spo2=spo2, on_oxygen=o2, systolic=sbp, pulse=hr, acvpu=acvpu,
                         temperature=temperature)
    expected = (_chart("respiration_rate", rr) + _chart("spo2_scale_1", spo2) + (2 if o2 else 0)
                + _chart("systolic_bp", sbp) + _chart("pulse", hr) + (0 if acvpu == "A" else 3)
                + _chart("temperature", temperature))
    assert result.score == expected == sum(result.parameters.values())
