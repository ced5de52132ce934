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
