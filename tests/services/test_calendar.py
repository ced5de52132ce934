"""The treatment calendar is computed and stored by the service, every cycle in one save.

Reference (../shared/protocol.md, "Treatment, per cycle"): filgrastim for 4–6 days ending on the
apheresis (culture day 0); medium added on days 3, 6, 9, 12, 15 and changed on 7 and 14; IL-12 on
day 14, IL-2 on day 16; infusion on day 17; repeated every 3 months, 3 times (calendar months,
month ends clamped: cli-contract.md `schedule`).
"""
from __future__ import annotations

import inspect
from datetime import date, timedelta

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import treatment
from nkdesk.storage import records
from nkdesk.storage.errors import RuleViolation

APHERESIS = date(2026, 11, 30)


@pytest.fixture
def patient(make_patient):
    return make_patient(study_id="C-001")


def dump(store) -> list[str]:
    return list(store.conn.iterdump())


def test_the_calendar_comes_from_the_orders_apheresis_and_gcsf_days(store, people, patient, prescribe):
    """A 4-day filgrastim order with apheresis on 30 Nov: three cycles on 30 Nov, 28 Feb (clamped) and
    30 May (each 3 calendar months after the previous); cycle 1 has 4 G-CSF days (27–30 Nov) and
    the culture steps on their days, the infusion on day 17 (17 Dec)."""
    prescribe(patient.id, apheresis=APHERESIS, gcsf_days=4)
    cycles = treatment.plan_calendar(store, people.nurse, patient.id).value
    assert [(c.number, c.planned_apheresis_on, c.status) for c in cycles] == [
        (1, APHERESIS, "planned"), (2, date(2027, 2, 28), "planned"), (3, date(2027, 5, 30), "planned")]
    first = [e for e in records.events(store, patient.id) if e.cycle_id == cycles[0].id]
    days = {kind: sorted(e.culture_day for e in first if e.kind == kind) for kind in {e.kind for e in first}}
    assert days == {"gcsf": [-3, -2, -1, 0], "apheresis": [0], "medium_add": [3, 6, 9, 12, 15],
                    "medium_change": [7, 14], "il12": [14], "il2": [16], "infusion": [17]}
    assert all(e.planned_on == APHERESIS + timedelta(days=e.culture_day) for e in first)


def test_every_cycle_is_stored_in_one_save(store, people, patient, prescribe):
    """All cycles and their events in one transaction: one time stamp, one action, for every row."""
    prescribe(patient.id, apheresis=APHERESIS)
    first_seq = store.scalar("SELECT count(*) FROM audit_log") + 1
    treatment.plan_calendar(store, people.nurse, patient.id)
    rows = store.rows("SELECT action, table_name, at_utc FROM audit_log WHERE seq >= ?", (first_seq,))
    assert len({r["at_utc"] for r in rows}) == 1 and {r["action"] for r in rows} == {"treatment.plan"}
    assert sum(r["table_name"] == "treatment_cycles" for r in rows) == 3


def test_the_window_shows_what_would_be_stored(store, people, patient, prescribe):
    """The proposal on screen and the stored calendar are the same computation."""
    prescribe(patient.id, apheresis=APHERESIS)
    proposed = treatment.proposed_calendar(store, patient.id)
    treatment.plan_calendar(store, people.nurse, patient.id)
    stored = {(e.kind, e.culture_day, e.planned_on) for e in records.events(store, patient.id)}
    assert stored == {(e.kind, e.culture_day, e.date) for e in proposed.events if e.cycle is not None}


def test_a_caller_cannot_hand_the_service_dates(store, people, patient):
    """The service takes the anchor and the course, never a list of events to store."""
    assert not set(inspect.signature(treatment.plan_calendar).parameters) & {"events", "cycle", "number"}


def test_inconsistent_inputs_are_refused_before_anything_is_saved(store, people, patient, prescribe):
    """No apheresis known (no order, none given), G-CSF days outside 4–6, a calendar stored already:
    each refused, nothing written."""
    before = dump(store)
    assert treatment.proposed_calendar(store, patient.id) is None
    with pytest.raises(InputError) as caught:
        treatment.plan_calendar(store, people.nurse, patient.id)
    assert caught.value.field == "apheresis"
    with pytest.raises(InputError) as caught:
        treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS, gcsf_days=9)
    assert caught.value.field == "gcsf_days"
    assert dump(store) == before
    prescribe(patient.id, apheresis=APHERESIS)
    treatment.plan_calendar(store, people.nurse, patient.id)
    stored = dump(store)
    with pytest.raises(RuleViolation, match="stored already"):
        treatment.plan_calendar(store, people.nurse, patient.id)
    assert dump(store) == stored


def test_later_cycles_are_planned_from_the_actual_apheresis(store, people, patient):
    """Cycle 1 alone first; its apheresis happens a day late (1 Dec); planning the rest puts cycle 2
    three calendar months after the actual apheresis (1 Mar), not the planned one."""
    (cycle,) = treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS, cycles=1).value
    apheresis = next(e for e in records.events(store, patient.id) if e.kind == "apheresis")
    treatment.record_event(store, people.nurse, apheresis.id, "done", apheresis.version, actual_on=date(2026, 12, 1))
    cycles = treatment.plan_calendar(store, people.nurse, patient.id).value
    assert [(c.number, c.planned_apheresis_on) for c in cycles] == [
        (1, APHERESIS), (2, date(2027, 3, 1)), (3, date(2027, 6, 1))]


def test_a_fault_in_the_last_write_of_the_plan_leaves_the_database_byte_for_byte(store, people, patient, prescribe,
                                                                                 monkeypatch):
    """An exception in the plan's last insert (cycle 3's infusion) undoes every cycle: the dump is identical."""
    from nkdesk.storage.transaction import Transaction

    prescribe(patient.id, apheresis=APHERESIS)
    last = max(e.date for e in treatment.proposed_calendar(store, patient.id).events if e.cycle == 3)
    before = dump(store)
    insert = Transaction.insert

    def failing_last(self, table, values):
        if table == "treatment_events" and values.get("planned_on") == last:
            raise RuntimeError("the disk filled up")
        return insert(self, table, values)

    monkeypatch.setattr(Transaction, "insert", failing_last)
    with pytest.raises(RuntimeError):
        treatment.plan_calendar(store, people.nurse, patient.id)
    assert dump(store) == before


# ------------------------------------------------------------------ moving an event re-plans what depends on it
def _stored(store, patient_id):
    """{(cycle number, kind, culture day): (planned date, status)} as stored."""
    numbers = {c.id: c.number for c in records.cycles(store, patient_id)}
    return {(numbers[e.cycle_id], e.kind, e.culture_day): (e.planned_on, e.status)
            for e in records.events(store, patient_id)}


def _event(store, patient_id, number, kind, culture_day=0):
    cycle = next(c for c in records.cycles(store, patient_id) if c.number == number)
    return next(e for e in records.events(store, patient_id)
                if e.cycle_id == cycle.id and e.kind == kind and e.culture_day == culture_day)


def test_moving_an_apheresis_replans_its_cycle_and_the_later_ones(store, people, patient):
    """Apheresis planned 30 Nov, moved a day to 1 Dec (the ward's slip). By the rule of
    cli-contract.md `schedule --actual`: cycle 1's 4 G-CSF days become 28 Nov–1 Dec, the culture
    steps follow day 0 (medium on 4 Dec = day 3, infusion on 18 Dec = day 17), and each later cycle
    is 3 calendar months after the previous apheresis: 1 Mar 2027 and 1 Jun 2027."""
    treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS, gcsf_days=4)
    apheresis = _event(store, patient.id, 1, "apheresis")
    replan = treatment.move_event(store, people.nurse, apheresis.id, date(2026, 12, 1), apheresis.version,
                                  "apheresis unit booked").value
    stored = _stored(store, patient.id)
    assert [stored[(1, "gcsf", d)][0] for d in (-3, -2, -1, 0)] == [date(2026, 11, 28), date(2026, 11, 29),
                                                                     date(2026, 11, 30), date(2026, 12, 1)]
    assert stored[(1, "medium_add", 3)][0] == date(2026, 12, 4)
    assert stored[(1, "infusion", 17)][0] == date(2026, 12, 18)
    assert [stored[(k, "apheresis", 0)][0] for k in (1, 2, 3)] == [date(2026, 12, 1), date(2027, 3, 1),
                                                                  date(2027, 6, 1)]
    assert [(c.number, c.planned_apheresis_on) for c in records.cycles(store, patient.id)] == [
        (1, date(2026, 12, 1)), (2, date(2027, 3, 1)), (3, date(2027, 6, 1))]
    assert replan.event.id == apheresis.id and replan.moved[0].event.id == apheresis.id
    assert replan.moved[0].was == APHERESIS and len(replan.moved) == len(records.events(store, patient.id))


def test_what_happened_is_never_redated(store, people, patient):
    """G-CSF day 1 was given on 27 Nov (done); the apheresis then moves to 2 Dec: the given dose
    keeps its date and is reported as kept, the planned doses and the culture steps move."""
    treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS, gcsf_days=4)
    first = _event(store, patient.id, 1, "gcsf", -3)
    treatment.record_event(store, people.nurse, first.id, "done", first.version, actual_on=date(2026, 11, 27))
    apheresis = _event(store, patient.id, 1, "apheresis")
    replan = treatment.move_event(store, people.nurse, apheresis.id, date(2026, 12, 2), apheresis.version,
                                  "machine serviced").value
    stored = _stored(store, patient.id)
    assert stored[(1, "gcsf", -3)] == (date(2026, 11, 27), "done")
    assert stored[(1, "gcsf", -2)][0] == date(2026, 11, 30) and stored[(1, "infusion", 17)][0] == date(2026, 12, 19)
    assert [e.id for e in replan.kept] == [first.id]


def test_moving_a_later_cycle_leaves_the_earlier_ones(store, people, patient):
    """Cycle 2's apheresis moves from 28 Feb to 3 Mar 2027: cycle 1 is untouched, cycle 3 follows
    3 calendar months after it (3 Jun 2027)."""
    treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS)
    before = _stored(store, patient.id)
    second = _event(store, patient.id, 2, "apheresis")
    assert second.planned_on == date(2027, 2, 28)
    treatment.move_event(store, people.nurse, second.id, date(2027, 3, 3), second.version, "holiday")
    after = _stored(store, patient.id)
    assert {k: v for k, v in after.items() if k[0] == 1} == {k: v for k, v in before.items() if k[0] == 1}
    assert after[(3, "apheresis", 0)][0] == date(2027, 6, 3)


def test_a_move_is_one_save_and_a_fault_undoes_it(store, people, patient, monkeypatch):
    """Every re-dated event in one transaction (one time stamp, the reason on every row); an
    exception in a late update (the 40th of 48) leaves the database byte for byte as before."""
    from nkdesk.storage.transaction import Transaction

    treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS)
    apheresis = _event(store, patient.id, 1, "apheresis")
    before = dump(store)
    update = Transaction.update
    calls = []

    def failing_late(self, table, rid, values, **kwargs):
        calls.append(table)
        if len(calls) == 40:
            raise RuntimeError("the disk filled up")
        return update(self, table, rid, values, **kwargs)

    monkeypatch.setattr(Transaction, "update", failing_late)
    with pytest.raises(RuntimeError):
        treatment.move_event(store, people.nurse, apheresis.id, date(2026, 12, 1), apheresis.version, "slip")
    assert dump(store) == before
    monkeypatch.setattr(Transaction, "update", update)
    first_seq = store.scalar("SELECT count(*) FROM audit_log") + 1
    treatment.move_event(store, people.nurse, apheresis.id, date(2026, 12, 1), apheresis.version, "slip")
    rows = store.rows("SELECT at_utc, reason, table_name FROM audit_log WHERE seq >= ?", (first_seq,))
    assert len({r["at_utc"] for r in rows}) == 1 and {r["reason"] for r in rows} == {"slip"}
    assert {r["table_name"] for r in rows} == {"treatment_events", "treatment_cycles"}


def test_an_apheresis_moved_before_the_previous_cycle_or_a_stale_move_is_refused(store, people, patient):
    """Cycle 2's apheresis cannot move before cycle 1's; a version the user did not see is stale.
    Nothing written."""
    from nkdesk.storage.errors import StaleVersion

    treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS)
    second = _event(store, patient.id, 2, "apheresis")
    before = dump(store)
    with pytest.raises(InputError) as caught:
        treatment.move_event(store, people.nurse, second.id, date(2026, 11, 29), second.version, "typo")
    assert caught.value.field == "planned_on"
    with pytest.raises(StaleVersion):
        treatment.move_event(store, people.nurse, second.id, date(2027, 3, 1), second.version - 1, "stale")
    assert dump(store) == before


def test_an_event_nothing_depends_on_moves_alone(store, people, patient):
    """Moving IL-2 (day 16) a day: no other event changes."""
    treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS)
    before = _stored(store, patient.id)
    il2 = _event(store, patient.id, 1, "il2", 16)
    replan = treatment.move_event(store, people.nurse, il2.id, date(2026, 12, 17), il2.version, "weekend").value
    after = _stored(store, patient.id)
    assert {k for k in after if after[k] != before[k]} == {(1, "il2", 16)}
    assert [(m.event.id, m.was) for m in replan.moved] == [(il2.id, date(2026, 12, 16))]
