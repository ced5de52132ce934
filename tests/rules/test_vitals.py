"""Vital signs: three tiers of limits, a reason for unusual values, NEWS2 for every complete set."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkdesk.rules import protocol, units, vitals
from nkdesk.rules.errors import InputError
from nkdesk.rules.site_settings import SiteSettings


def _temp(text):
    return units.parse(text, field="temperature", analyte="temperature")


NORMAL = dict(systolic_mmhg=120, diastolic_mmhg=70, pulse_per_min=72, resp_rate_per_min=16,
              temperature=_temp("36.8 degC"), spo2_pct=98, acvpu="A")


def _set(**change):
    return vitals.VitalSigns(**{**NORMAL, **change})


def _tier(assessment, name):
    return next(f.tier for f in assessment.findings if f.name == name)


@pytest.mark.parametrize(("change", "name", "tier"), [
    # Issue 5's critical limits: temperature ≥ 38.0 °C, systolic < 90 mmHg, SpO2 < 92 %.
    ({"temperature": _temp("38.0 degC")}, "temperature_c", "critical"),
    ({"temperature": _temp("37.9 degC")}, "temperature_c", "normal"),
    ({"temperature": _temp("37.95 degC")}, "temperature_c", "critical"),   # rounds half up to 38.0
    ({"temperature": _temp("100.4 degF")}, "temperature_c", "critical"),   # = 38.0 °C
    ({"systolic_mmhg": 89}, "systolic_mmhg", "critical"),
    # NEWS2 (RCP 2017, Chart 1) systolic: ≤90 → 3 (critical, issue 13), 91–100 → 2, 101–110 → 1 (outside
    # normal, needs a reason), 111–219 → 0
    ({"systolic_mmhg": 90}, "systolic_mmhg", "critical"),
    ({"systolic_mmhg": 91}, "systolic_mmhg", "abnormal"),
    ({"systolic_mmhg": 110}, "systolic_mmhg", "abnormal"),
    ({"systolic_mmhg": 111}, "systolic_mmhg", "normal"),
    ({"spo2_pct": 91}, "spo2_pct", "critical"),
    ({"spo2_pct": 92}, "spo2_pct", "abnormal"),      # below the normal 96 (NEWS2 scale 1 score 0)
    ({"spo2_pct": 96}, "spo2_pct", "normal"),
    ({"pulse_per_min": 131}, "pulse_per_min", "critical"),
    ({"pulse_per_min": 100}, "pulse_per_min", "abnormal"),
    ({"vasopressors": 1}, "vasopressors", "critical"),
])
def test_each_value_lands_in_its_tier(change, name, tier):
    """Critical limits raise alerts; values outside normal limits are shown as abnormal."""
    assert _tier(vitals.assess(_set(**change)), name) == tier


@pytest.mark.parametrize(("change", "field"), [
    ({"pulse_per_min": 700}, "pulse_per_min"),        # issue 5's example of an impossible value
    ({"systolic_mmhg": 20}, "systolic_mmhg"),
    ({"spo2_pct": 101}, "spo2_pct"),
    ({"resp_rate_per_min": 0}, "resp_rate_per_min"),
    ({"pulse_per_min": 72.5}, "pulse_per_min"),       # counts are whole numbers
    ({"acvpu": "X"}, "acvpu"),
    ({"oxygen": vitals.Oxygen("helmet", 10)}, "oxygen.device"),
    ({"oxygen": vitals.Oxygen(None, 4)}, "oxygen.flow_l_min"),
])
def test_impossible_values_are_refused_naming_the_field(change, field):
    """Outside the absolute limits (or not a valid entry at all): refused with a message."""
    with pytest.raises(InputError) as caught:
        vitals.assess(_set(**change))
    assert caught.value.field == field


def test_temperature_outside_the_plausible_range_is_refused_on_entry():
    """50 °C is outside the contract's 25–45 °C and never becomes a VitalSigns."""
    with pytest.raises(InputError) as caught:
        vitals.from_entry({"temperature": "50 degC"})
    assert caught.value.field == "temperature"


def test_unusual_value_needs_a_reason_to_be_saved():
    """A value outside normal limits is savable only with a reason; a normal set needs none."""
    unusual = vitals.assess(_set(pulse_per_min=100))
    assert unusual.needs_reason and not unusual.savable("") and unusual.savable("rechecked manually")
    assert vitals.assess(_set()).savable(None)


def test_site_overrides_replace_one_tier_and_keep_the_rest():
    """A site may move the temperature alert to 38.5 °C; its other limits stay the defaults."""
    site = SiteSettings(vital_limits={"temperature_c": {"critical": [35.1, 38.4]}})
    assessment = vitals.assess(_set(temperature=_temp("38.0 degC"), systolic_mmhg=89), site.vital_limits)
    assert _tier(assessment, "temperature_c") == "abnormal"
    assert _tier(assessment, "systolic_mmhg") == "critical"


@pytest.mark.parametrize("bad", [
    {"heart_rate": {"critical": [40, 130]}},                   # unknown measurement
    {"pulse_per_min": {"critical": [130, 40]}},                # low above high
    {"pulse_per_min": {"normal": [30, 90]}},                   # normal wider than critical
    {"pulse_per_min": {"urgent": [40, 130]}},                  # unknown tier
])
def test_inconsistent_site_limits_are_rejected(bad):
    """Tiers must nest: normal within critical within absolute."""
    with pytest.raises(ValueError):
        vitals.limits(bad)


def test_complete_set_is_scored_with_news2():
    """A complete set gets its NEWS2; an incomplete one says what is missing."""
    assert vitals.assess(_set()).news2.score == 0
    partial = vitals.assess(_set(resp_rate_per_min=None, acvpu=None))
    assert partial.news2 is None and set(partial.missing_for_news2) == {"resp_rate_per_min", "acvpu"}


def test_protocol_time_points():
    """jRCTb060200020: before infusion, 15 and 30 min, 1, 2 and 4 h after the start (issue 5)."""
    points = vitals.time_points(protocol.load("jRCTb060200020"))
    assert [p.offset_min for p in points] == [0, 15, 30, 60, 120, 240]
    assert points[0].label == "Before infusion"


def test_site_time_points_replace_the_protocols():
    """A site's own schedule wins over the protocol file's."""
    points = vitals.time_points(protocol.load("jRCTb060200020"), site_minutes=(0, 30, 90))
    assert [p.offset_min for p in points] == [0, 30, 90]
    assert points[2].label == "90 min after start"


def test_from_entry_parses_a_form():
    """A form's values become a VitalSigns; the temperature keeps the unit it was entered in."""
    vs = vitals.from_entry({"systolic_mmhg": "118", "pulse_per_min": 80.0, "temperature": "101.1 degF",
                            "oxygen_device": "nasal_cannula", "o2_flow_l_min": 2, "acvpu": "a"})
    assert (vs.systolic_mmhg, vs.pulse_per_min, vs.acvpu) == (118, 80, "A")
    assert vs.temperature.unit == "degF" and vs.temperature_c == 38.4   # (101.1 − 32) × 5/9 = 38.39
    assert vs.oxygen.on_oxygen


@pytest.mark.parametrize(("entry", "field"), [
    ({"heart_rate": 80}, "heart_rate"),
    ({"temperature": "38.2"}, "temperature"),
    ({"pulse_per_min": "fast"}, "pulse_per_min"),
    ({"o2_flow_l_min": "lots", "oxygen_device": "nasal_cannula"}, "o2_flow_l_min"),
])
def test_from_entry_refuses_bad_fields(entry, field):
    """Unknown keys, unitless temperatures and non-numbers are refused, naming the key."""
    with pytest.raises(InputError) as caught:
        vitals.from_entry(entry)
    assert caught.value.field == field


@settings(max_examples=300, deadline=None)
@given(sbp=st.integers(-50, 400), dbp=st.integers(-50, 300), hr=st.integers(-10, 800), rr=st.integers(-5, 120),
       spo2=st.integers(0, 120), tenths=st.integers(250, 450), unit=st.sampled_from(["degC", "degF"]),
       acvpu=st.sampled_from(["A", "C", "V", "P", "U", "X", "a"]), pressors=st.integers(-1, 12),
       device=st.sampled_from([None, "nasal_cannula", "face_mask", "cpap", "unknown"]),
       flow=st.one_of(st.none(), st.floats(0, 100)), scale=st.sampled_from([1, 2, 3]))
def test_any_set_is_refused_with_a_message_or_scored(sbp, dbp, hr, rr, spo2, tenths, unit, acvpu, pressors,
                                                     device, flow, scale):
    """Any complete set is either refused (InputError with a field and a message) or scored; a score
    is the sum of its parameter scores, each 0–3."""
    celsius = tenths / 10
    text = f"{celsius} degC" if unit == "degC" else f"{celsius * 9 / 5 + 32:.2f} degF"
    try:
        temperature = _temp(text)
        vs = vitals.VitalSigns(systolic_mmhg=sbp, diastolic_mmhg=dbp, pulse_per_min=hr, resp_rate_per_min=rr,
                               temperature=temperature, spo2_pct=spo2, acvpu=acvpu, vasopressors=pressors,
                               oxygen=vitals.Oxygen(device, flow), spo2_scale=scale)
        assessment = vitals.assess(vs)
    except InputError as exc:
        assert exc.field and exc.message
        return
    scored = assessment.news2
    assert scored is not None
    assert all(0 <= points <= 3 for points in scored.parameters.values())
    assert scored.score == sum(scored.parameters.values())
    assert len(scored.parameters) == 7


# Issue 13: NEWS2 single-parameter scores (RCP 2017, Chart 1) decide the tier alongside the limits:
# score 3 → critical alert; score 1–2 → outside normal (needs a reason). The infusion's own limits
# stay: fever ≥ 38.0 °C (NEWS2 scores 38.1–39.0 only 1), SpO2 < 92 %, diastolic limits (not scored).
@pytest.mark.parametrize(("change", "name", "tier", "points"), [
    ({"resp_rate_per_min": 8}, "resp_rate_per_min", "critical", 3),       # ≤ 8 → 3
    ({"resp_rate_per_min": 9}, "resp_rate_per_min", "abnormal", 1),       # 9–11 → 1
    ({"resp_rate_per_min": 21}, "resp_rate_per_min", "abnormal", 2),      # 21–24 → 2
    ({"resp_rate_per_min": 25}, "resp_rate_per_min", "critical", 3),      # ≥ 25 → 3
    ({"pulse_per_min": 40}, "pulse_per_min", "critical", 3),              # ≤ 40 → 3
    ({"pulse_per_min": 50}, "pulse_per_min", "abnormal", 1),              # 41–50 → 1
    ({"pulse_per_min": 130}, "pulse_per_min", "abnormal", 2),             # 111–130 → 2
    ({"systolic_mmhg": 220}, "systolic_mmhg", "critical", 3),             # ≥ 220 → 3
    ({"temperature": _temp("35.0 degC")}, "temperature_c", "critical", 3),   # ≤ 35.0 → 3
    ({"temperature": _temp("35.5 degC")}, "temperature_c", "abnormal", 1),   # 35.1–36.0 → 1
    ({"temperature": _temp("38.0 degC")}, "temperature_c", "critical", 0),   # infusion's fever limit
    ({"spo2_pct": 93}, "spo2_pct", "abnormal", 2),                        # scale 1: 92–93 → 2
    ({"diastolic_mmhg": 120}, "diastolic_mmhg", "critical", None),        # not scored by NEWS2
])
def test_news2_single_parameter_scores_set_the_tier(change, name, tier, points):
    finding = next(f for f in vitals.assess(_set(**change)).findings if f.name == name)
    assert (finding.tier, finding.news2_points) == (tier, points)
    assert finding.rule        # the rule is always said


def test_scale_2_and_supplemental_oxygen():
    """SpO2 scale 2 on air 88–92 scores 0 (RCP 2017), yet the infusion's SpO2 < 92 % alert stays;
    supplemental oxygen scores 2 → outside normal with its rule."""
    finding = next(f for f in vitals.assess(_set(spo2_pct=90, spo2_scale=2)).findings if f.name == "spo2_pct")
    assert (finding.tier, finding.news2_points) == ("critical", 0)
    oxygen = next(f for f in vitals.assess(_set(oxygen=vitals.Oxygen("nasal_cannula", 2))).findings
                  if f.name == "supplemental_oxygen")
    assert (oxygen.tier, oxygen.news2_points) == ("abnormal", 2)
    assert "NEWS2" in oxygen.rule


def test_news2_rule_is_site_adjustable():
    """With the site's normal systolic band widened to 91–139, NEWS2 still puts 100 mmHg (score 2)
    outside normal; with the NEWS2 part switched off the limits alone decide (90 stays critical)."""
    widened = {"systolic_mmhg": {"normal": [91, 139]}}
    assert _tier(vitals.assess(_set(systolic_mmhg=100), widened), "systolic_mmhg") == "abnormal"
    assert _tier(vitals.assess(_set(systolic_mmhg=100), widened, (None, None)), "systolic_mmhg") == "normal"
    assert _tier(vitals.assess(_set(systolic_mmhg=90), widened, (None, None)), "systolic_mmhg") == "critical"
