"""Vital-sign sets: stored as measured with what the rules said at save; alerts until acknowledged."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import ae_proposals, settings, trail, vitals
from nkdesk.storage.errors import PermissionDenied, RuleViolation
from tests.bedside import START, record, signs, started_infusion, treated_patient


@pytest.fixture
def infusion(store, people, make_patient, contract_example):
    _patient, cycle = treated_patient(store, people, make_patient, contract_example)
    return started_infusion(store, people, cycle)


# RCP 2017, NEWS2 Chart 1: RR 22 → 2; SpO2 95 % (scale 1) → 1; air → 0; systolic 105 → 1; pulse 95 → 1;
# alert → 0; 101.1 °F = (101.1 − 32) × 5/9 = 38.39 °C → 38.4 °C → 1. Total 6: "medium" (Chart 3: 5–6).
FEBRILE = dict(resp_rate_per_min=22, spo2_pct=95, systolic_mmhg=105, pulse_per_min=95, temperature="101.1 degF")


def test_set_stored_as_measured_with_news2_and_findings_at_save(store, people, infusion):
    """Temperature kept in °F as entered and in °C; NEWS2 6 (medium) with Chart 4's response; the
    findings as the nurse saw them; the reason kept."""
    saved = record(store, people.nurse, infusion.id, 60, reason="rigors after the start", **FEBRILE)
    t = saved.temperature
    assert (t.text, t.value, t.unit, t.canonical_unit) == ("101.1 degF", 101.1, "degF", "degC")
    assert t.canonical_value == pytest.approx((101.1 - 32) * 5 / 9, rel=1e-9)
    assert (saved.news2_score, saved.news2_risk, saved.key) == (6, "medium", "tp60")
    assert saved.news2["response"]["monitoring"] == "Minimum 1 hourly"            # RCP 2017, Chart 4 (medium)
    tiers = {f["name"]: f["tier"] for f in saved.findings}
    # systolic 105: NEWS2 (RCP 2017, Chart 1) 101–110 scores 1 → outside normal (issue 13)
    assert tiers == {"systolic_mmhg": "abnormal", "diastolic_mmhg": "normal", "pulse_per_min": "abnormal",
                     "resp_rate_per_min": "abnormal", "spo2_pct": "abnormal", "temperature_c": "critical",
                     "vasopressors": "normal", "acvpu": "normal"}
    assert saved.reason == "rigors after the start"
    assert vitals.as_vital_signs(saved) == signs(60, **FEBRILE)


def test_outside_normal_without_a_reason_is_refused(store, people, infusion):
    """A pulse of 95/min (normal 51–90) without a reason: InputError on 'reason', nothing written."""
    rows = store.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(InputError) as caught:
        record(store, people.nurse, infusion.id, 15, pulse_per_min=95)
    assert (caught.value.field, caught.value.code) == ("reason", "reason_required")
    assert store.scalar("SELECT count(*) FROM audit_log") == rows
    assert vitals.vital_sets(store, infusion.id) == ()


@pytest.mark.parametrize("change, field", [
    ({"pulse_per_min": 700}, "pulse_per_min"),          # impossible (absolute limit 20–300)
    ({"temperature": "38.2"}, "temperature"),           # no unit
    ({"acvpu": "X"}, "acvpu"),
])
def test_impossible_values_are_refused_whatever_the_reason(store, people, infusion, change, field):
    """Absolute limits and bad entries refuse the set even with a reason."""
    with pytest.raises(InputError) as caught:
        record(store, people.nurse, infusion.id, 15, reason="checked twice", **change)
    assert caught.value.field == field


def test_site_limits_decide(store, people, infusion):
    """With the site's normal pulse raised to 100/min, 95/min is still outside normal because NEWS2
    scores it 1 (RCP 2017: 91–110 → 1); once the site also sets NEWS2's "outside normal" score to 2,
    it needs no reason (both are site settings, issue 13)."""
    settings.change_settings(store, people.admin, {"vital_limits": {"pulse_per_min": {"normal": [51, 100]}}})
    with pytest.raises(InputError):
        record(store, people.nurse, infusion.id, 15, pulse_per_min=95)
    settings.change_settings(store, people.admin, {"news2_abnormal_score": 2})
    saved = record(store, people.nurse, infusion.id, 15, pulse_per_min=95)
    assert saved.reason == ""
    assert next(f for f in saved.findings if f["name"] == "pulse_per_min")["news2_points"] == 1


def test_critical_finding_is_an_alert_until_a_named_user_acknowledges_it(store, people, infusion):
    """Systolic 86 mmHg (< 90, issue 5) opens one alert; acknowledging records who and when, once."""
    saved = record(store, people.nurse, infusion.id, 30, reason="sat up quickly", systolic_mmhg=86)
    (alert,) = saved.alerts
    assert (alert.finding, alert.value, alert.open) == ("systolic_mmhg", 86, True)
    assert [a.id for a in vitals.open_alerts(store)] == [alert.id]
    moment = datetime(2026, 12, 18, 1, 40, tzinfo=UTC)
    store._clock = lambda: moment
    acknowledged = vitals.acknowledge_alerts(store, people.inv, saved.id, informed="doctor on duty",
                                           action="legs raised", note="seen, legs raised").value
    (alert,) = acknowledged.alerts
    assert (alert.acknowledged_by, alert.acknowledged_by_name, alert.note) == \
        (people.inv.id, "Ivo Investigator", "seen, legs raised")
    assert alert.acknowledged_at == moment and not alert.open
    assert vitals.open_alerts(store) == ()
    changed = {e.field: (e.username, e.new) for e in trail.history(store, "vital_alerts", alert.id) if e.op == "update"}
    assert changed["acknowledged_by"] == ("inv", people.inv.id)
    with pytest.raises(RuleViolation, match="Ivo Investigator"):
        vitals.acknowledge_alerts(store, people.nurse, saved.id, informed="doctor", action="rechecked")


def test_a_pharmacist_cannot_acknowledge(store, people, infusion):
    """Acknowledging is for the ward's clinical staff (investigator, research nurse)."""
    saved = record(store, people.nurse, infusion.id, 30, reason="low", spo2_pct=90)
    with pytest.raises(PermissionDenied):
        vitals.acknowledge_alerts(store, people.pharm, saved.id, informed="doctor", action="rechecked")


def test_correction_needs_a_reason_and_keeps_history(store, people, infusion):
    """A corrected set: the reason is required; the audit trail keeps the old value, the new one and why;
    NEWS2 is recomputed; a newly critical value raises its alert."""
    saved = record(store, people.nurse, infusion.id, 15)
    fixed = signs(15, spo2_pct=90)
    with pytest.raises(InputError) as caught:
        vitals.correct_vital_signs(store, people.nurse, saved.id, fixed, saved.version, correction_reason="",
                                   reason="probe slipped?")
    assert caught.value.field == "correction_reason"
    corrected = vitals.correct_vital_signs(store, people.nurse, saved.id, fixed, saved.version,
                                           correction_reason="typed 98 for 90", reason="re-measured: 90 %").value
    # SpO2 90 % on scale 1 scores 3 (RCP 2017 Chart 1); every other parameter 0 → 3, "low-medium" (single 3).
    assert (corrected.spo2_pct, corrected.news2_score, corrected.news2_risk) == (90, 3, "low-medium")
    assert [a.finding for a in corrected.alerts] == ["spo2_pct"]
    spo2 = next(e for e in trail.history(store, "vital_sign_sets", saved.id) if e.field == "spo2_pct")
    assert (spo2.old, spo2.new, spo2.reason, spo2.username) == (98, 90, "typed 98 for 90", "nurse")


def test_stale_correction_is_refused(store, people, infusion):
    """Two corrections from the same loaded version: the second is refused (no lost update)."""
    from nkdesk.storage.errors import StaleVersion

    saved = record(store, people.nurse, infusion.id, 15)
    vitals.correct_vital_signs(store, people.nurse, saved.id, signs(15, pulse_per_min=74), saved.version,
                               correction_reason="re-read")
    with pytest.raises(StaleVersion):
        vitals.correct_vital_signs(store, people.inv, saved.id, signs(15, pulse_per_min=76), saved.version,
                                   correction_reason="re-read")


def test_time_points_scheduled_once_and_extra_sets_numbered(store, people, infusion):
    """A time point of the protocol (0, 15, 30, 60, 120, 240 min) is recorded once; others are extra sets."""
    record(store, people.nurse, infusion.id, 15)
    with pytest.raises(RuleViolation, match="recorded already"):
        record(store, people.nurse, infusion.id, 15)
    with pytest.raises(InputError) as caught:
        record(store, people.nurse, infusion.id, 45)
    assert caught.value.field == "time_point_min"
    # 90 and 95 min lie between the 1 h and 2 h windows (issue 14): unscheduled, numbered
    first = vitals.record_vital_signs(store, people.nurse, infusion.id, signs(90), extra=True).value
    second = vitals.record_vital_signs(store, people.nurse, infusion.id, signs(95), extra=True).value
    assert (first.key, second.key, first.offset_min) == ("extra1", "extra2", 90)
    assert [s.key for s in vitals.vital_sets(store, infusion.id)] == ["tp15", "extra1", "extra2"]


def test_a_set_needs_its_time(store, people, infusion):
    """Without the time it was measured, a set is refused."""
    from dataclasses import replace

    with pytest.raises(InputError) as caught:
        vitals.record_vital_signs(store, people.nurse, infusion.id, replace(signs(15), measured_at=None))
    assert caught.value.field == "measured_at"


def test_fever_episode_is_proposed_and_follows_the_readings(store, people, infusion):
    """38.3 °C at 60 min proposes Fever grade 1 (CTCAE v5.0: 38.0–39.0 °C); 39.2 °C at 120 min raises the
    open proposal to grade 2 (>39.0–40.0 °C); correcting both away dismisses it with a note."""
    patient_id = infusion.patient_id
    first = record(store, people.nurse, infusion.id, 60, reason="febrile", temperature="38.3 degC")
    (proposal,) = ae_proposals.proposals(store, patient_id)
    assert (proposal.kind, proposal.term, proposal.grade, proposal.onset) == \
        ("fever", "Fever", 1, START + timedelta(minutes=60))
    second = record(store, people.nurse, infusion.id, 120, reason="febrile", temperature="39.2 degC")
    (proposal,) = ae_proposals.proposals(store, patient_id)
    assert (proposal.grade, proposal.value_text) == (2, "39.2 degC")
    for saved in (first, second):
        vitals.correct_vital_signs(store, people.nurse, saved.id, signs(saved.scheduled_min), saved.version,
                                   correction_reason="wrong patient's thermometer reading", reason="")
    assert ae_proposals.proposals(store, patient_id) == ()
    (dismissed,) = ae_proposals.proposals(store, patient_id, status="dismissed")
    assert "no longer supported" in dismissed.decision_note


def test_the_site_may_set_its_own_time_points(store, people, infusion):
    """Default: issue 5's before infusion, 15 and 30 min, 1, 2 and 4 h (protocol file); a site's list replaces it."""
    assert [p.offset_min for p in vitals.time_points(store, infusion.id)] == [0, 15, 30, 60, 120, 240]
    settings.change_settings(store, people.admin, {"infusion_time_points_min": [0, 30, 90]})
    assert [p.offset_min for p in vitals.time_points(store, infusion.id)] == [0, 30, 90]
    assert record(store, people.nurse, infusion.id, 90).key == "tp90"


def test_vasopressin_is_kept_with_the_set(store, people, infusion):
    """Vasopressin running (ASTCT CRS: a vasopressor for grade 3) is stored with the set, and a
    correction that stops it is stored too (issue 13)."""
    saved = record(store, people.nurse, infusion.id, 30, reason="on vasopressin", vasopressin=True)
    assert saved.vasopressin is True and vitals.as_vital_signs(saved).vasopressin is True
    corrected = vitals.correct_vital_signs(store, people.nurse, saved.id, signs(30, vasopressin=False),
                                           saved.version, correction_reason="typing slip")
    assert corrected.value.vasopressin is False


def test_a_set_typed_into_a_row_its_time_does_not_match_is_confirmed_never_relabelled(store, people, infusion):
    """Issue 14: a set measured 71 min after the start typed into the "2 h" row. By the rule
    (min(15, half the gap) around 1 h = 45–75 min) it is the 1 h set: refused until confirmed,
    then stored as 1 h — never as "2 h after start"."""
    typed = signs(120, at=START + timedelta(minutes=71))
    assert vitals.place(store, infusion.id, typed).label == "1 h after start"
    with pytest.raises(InputError) as caught:
        vitals.record_vital_signs(store, people.nurse, infusion.id, typed)
    assert caught.value.code == "time_point_mismatch"
    assert "71 min after the start" in caught.value.message and '"1 h after start"' in caught.value.message
    assert vitals.vital_sets(store, infusion.id) == ()
    saved = vitals.record_vital_signs(store, people.nurse, infusion.id, typed, confirmed_placement=True).value
    assert (saved.key, saved.offset_min) == ("tp60", 60)


def test_a_set_outside_every_window_is_unscheduled_with_its_minutes(store, people, infusion):
    """90 min after the start is in no window (1 h: 45–75, 2 h: 105–135): "unscheduled, 90 min after
    start", on the record (offset) and on the printed label; a second set near a recorded point too."""
    typed = signs(120, at=START + timedelta(minutes=90))
    placement = vitals.place(store, infusion.id, typed)
    assert (placement.point_min, placement.label) == (None, "unscheduled, 90 min after start")
    saved = vitals.record_vital_signs(store, people.nurse, infusion.id, typed, confirmed_placement=True).value
    assert (saved.scheduled_min, saved.extra_number, saved.offset_min) == (None, 1, 90)
    record(store, people.nurse, infusion.id, 60)
    again = signs(None, at=START + timedelta(minutes=62))
    assert vitals.place(store, infusion.id, again, extra=True).label == "unscheduled, 62 min after start"
    assert vitals.place(store, infusion.id, again, extra=True).matches


def test_a_set_on_time_needs_no_confirmation(store, people, infusion):
    """13 min after the start in the 15 min row (window 7.5–22.5 min) is simply the 15 min set."""
    saved = vitals.record_vital_signs(store, people.nurse, infusion.id,
                                      signs(15, at=START + timedelta(minutes=13))).value
    assert (saved.key, saved.offset_min) == ("tp15", 15)


def test_acknowledging_records_who_was_informed_what_was_done_and_when(store, people, infusion):
    """Issue 14: "Acknowledge… is one click that records nothing of what was done". Who was informed
    and the action are required; the action's time is kept (default: the acknowledgement's); the
    NEWS2 response offered is RCP 2017 Chart 4's for the set's band."""
    saved = record(store, people.nurse, infusion.id, 60, reason="rigors after the start", **FEBRILE)
    # NEWS2 6 = "medium" (RCP 2017 Chart 3: aggregate 5–6); Chart 4: "Minimum 1 hourly" monitoring
    assert vitals.response_words(saved.news2).startswith("Minimum 1 hourly.")
    with pytest.raises(InputError) as caught:
        vitals.acknowledge_alerts(store, people.nurse, saved.id, informed="", action="paracetamol")
    assert caught.value.field == "informed"
    with pytest.raises(InputError) as caught:
        vitals.acknowledge_alerts(store, people.nurse, saved.id, informed="Dr Sato", action="  ")
    assert caught.value.field == "action"
    done_at = START + timedelta(minutes=65)
    store._clock = lambda: (START + timedelta(minutes=70)).astimezone()
    acknowledged = vitals.acknowledge_alerts(store, people.nurse, saved.id, informed="Dr Sato (on call)",
                                             action="Blood cultures, paracetamol 500 mg", action_at=done_at).value
    (alert,) = acknowledged.alerts
    assert (alert.informed, alert.action_taken, alert.action_at) == (
        "Dr Sato (on call)", "Blood cultures, paracetamol 500 mg", done_at)
    assert not alert.open and alert.acknowledged_by_name
    changed = {e.field for e in trail.history(store, "vital_alerts", alert.id) if e.op == "update"}
    assert {"informed", "action_taken", "action_at"} <= changed


def test_the_printed_record_labels_an_unscheduled_set_with_its_minutes(store, people, infusion):
    """On the form, as on screen (issue 14): "unscheduled, 90 min after start", never a time point."""
    from nkdesk.rules.site_settings import SiteSettings
    from nkdesk.services import patients, printing

    record(store, people.nurse, infusion.id, 60)
    vitals.record_vital_signs(store, people.nurse, infusion.id, signs(120, at=START + timedelta(minutes=90)),
                              confirmed_placement=True)
    chart = patients.chart(store, infusion.patient_id)
    (printed,) = [v for v in printing.infusion_vitals(chart, SiteSettings()) if v.rows]
    assert [row.label for row in printed.rows] == ["1 h after start", "unscheduled, 90 min after start"]
