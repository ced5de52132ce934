"""The nurse's round across patients: vital signs due or late, G-CSF doses and events today, events
overdue (issue 16). Time points from the protocol file: 0, 15, 30, 60, 120, 240 min (protocol.md)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from nkdesk.services import rounds, treatment
from tests.bedside import START, record, started_infusion, treated_patient


def test_a_running_infusion_lists_its_next_set_when_due(store, people, make_patient, contract_example):
    """Started 10:00 with the pre-infusion set taken: the 15-min set is listed from 10:00 (15 min
    ahead), and at 10:20 it is 5 minutes late; once the 15-min set is taken, the 30-min set is not listed at
    10:14 (16 min ahead) but is at 10:15 (15 min ahead: rounds.DUE_WITHIN_MIN)."""
    patient, cycle = treated_patient(store, people, make_patient, contract_example)
    infusion = started_infusion(store, people, cycle)
    record(store, people.nurse, infusion.id, 0)
    due = [i for i in rounds.due_now(store, START + timedelta(minutes=1)) if i.kind == "vitals"]
    assert [(i.study_id, i.due_at, i.late_min) for i in due] == [(patient.study_id, START + timedelta(minutes=15), 0)]
    late = [i for i in rounds.due_now(store, START + timedelta(minutes=20)) if i.kind == "vitals"]
    assert [(i.due_at, i.late_min) for i in late] == [(START + timedelta(minutes=15), 5)]
    record(store, people.nurse, infusion.id, 15)
    assert [i for i in rounds.due_now(store, START + timedelta(minutes=14)) if i.kind == "vitals"] == []
    (coming,) = [i for i in rounds.due_now(store, START + timedelta(minutes=15)) if i.kind == "vitals"]
    assert (coming.what, coming.due_at) == ("30 min after start", START + timedelta(minutes=30))


def test_gcsf_today_and_events_overdue(store, people, make_patient):
    """A calendar with the apheresis 2 days ahead: G-CSF (days −4…0, protocol.md) on day −4 and −3 is
    overdue, day −2 is today's dose; nothing later is listed."""
    patient = make_patient(study_id="RND-1")
    today = date(2026, 12, 6)
    treatment.plan_calendar(store, people.nurse, patient.id, apheresis=today + timedelta(days=2), cycles=1)
    due = rounds.due_now(store, datetime(2026, 12, 6, 9, 0))
    assert [(i.kind, i.day, i.overdue) for i in due] == [
        ("gcsf", today, False), ("gcsf", today - timedelta(days=2), True), ("gcsf", today - timedelta(days=1), True)]


def test_an_alert_not_acknowledged_heads_the_round_until_it_is(store, people, make_patient, contract_example):
    """The 15-min set at 38.6 °C raises a temperature alert (38.0 °C and above, protocol.md's infusion
    stop rule; NEWS2 band 38.1–39.0 scores 1): the round lists it first, for that patient, from when it
    was raised, ahead of the set due next; once acknowledged (who was informed, the action), it is gone."""
    from nkdesk.services import vitals

    patient, cycle = treated_patient(store, people, make_patient, contract_example)
    infusion = started_infusion(store, people, cycle)
    record(store, people.nurse, infusion.id, 0)
    fever = record(store, people.nurse, infusion.id, 15, reason="rigors", temperature="38.6 degC")
    due = rounds.due_now(store, START + timedelta(minutes=20))
    assert due[0].kind == "alert" and due[0].study_id == patient.study_id
    assert "temperature_c" in due[0].what.split(",")
    assert due[1].kind == "vitals" and "alert" not in [i.kind for i in due[1:]]
    vitals.acknowledge_alerts(store, people.nurse, fever.id, informed="Doctor on duty", action="paracetamol")
    assert "alert" not in [i.kind for i in rounds.due_now(store, START + timedelta(minutes=20))]
