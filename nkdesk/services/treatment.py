"""Treatment cycles and their events (planned and actual dates), and stopping or suspending.

The dates to plan come from the schedule rules (`nkdesk.rules.schedule`, the dosing issue); this
module stores them as `PlannedEvent`s and records what actually happened. Marking an event in
progress or done moves an eligible patient to "on treatment"; an apheresis done sets the cycle's
actual apheresis date. Only an investigator discontinues or suspends, with a signature.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from nkdesk.domain import Saved, User
from nkdesk.rules.errors import InputError
from nkdesk.rules.protocol import DEFAULT_PROTOCOL
from nkdesk.storage import records
from nkdesk.storage.errors import RecordNotFound, RuleViolation

EVENT_STATUSES = ("planned", "in_progress", "done", "cancelled")
STOP_KINDS = {"discontinued": "treatment discontinued", "suspended": "treatment suspended"}
STOP_REASONS = ("infection_test_positive", "treatment_impossible", "consent_withdrawn", "adverse_event", "other")


@dataclass(frozen=True)
class PlannedEvent:
    kind: str                    # gcsf, apheresis, medium_add, medium_change, il12, il2, infusion, followup
    planned_on: date
    culture_day: int | None = None


def plan_cycle(store, actor: User, patient_id: int, number: int, planned_apheresis_on: date,
               events: Sequence[PlannedEvent], *, protocol_id: str = DEFAULT_PROTOCOL) -> Saved:
    with store.write(actor, "treatment.plan") as tx:
        if tx.row("patients", patient_id) is None:
            raise RecordNotFound(f"patient #{patient_id} does not exist")
        cid = tx.insert("treatment_cycles", {"patient_id": patient_id, "protocol_id": protocol_id, "number": number,
                                             "planned_apheresis_on": planned_apheresis_on, "status": "planned"})
        for event in events:
            tx.insert("treatment_events", {"cycle_id": cid, "patient_id": patient_id, "kind": event.kind,
                                           "culture_day": event.culture_day, "planned_on": event.planned_on})
    return Saved(next(c for c in records.cycles(store, patient_id) if c.id == cid), tx.changes)


def record_event(store, actor: User, event_id: int, status: str, expected_version: int, *,
                 actual_on: date | None = None, note: str | None = None) -> Saved:
    """What happened to a planned event: in progress, done (on `actual_on`), or cancelled."""
    if status not in EVENT_STATUSES:
        raise InputError("status", f"one of {', '.join(EVENT_STATUSES)}", code="not_a_choice")
    with store.write(actor, "treatment.record") as tx:
        row = tx.row("treatment_events", event_id)
        if row is None:
            raise RecordNotFound(f"treatment event #{event_id} does not exist")
        values = {"status": status, "actual_on": actual_on if actual_on is not None else row["actual_on"]}
        if note is not None:
            values["note"] = note
        tx.update("treatment_events", event_id, values, expected_version=expected_version)
        if status in ("in_progress", "done"):
            _start_treatment(tx, row)
    return Saved(records.event(store, event_id), tx.changes)


def move_event(store, actor: User, event_id: int, planned_on: date, expected_version: int, reason: str) -> Saved:
    if not (reason or "").strip():
        raise InputError("reason", "moving a planned date needs a reason", code="required")
    with store.write(actor, "treatment.record", reason=reason) as tx:
        row = tx.row("treatment_events", event_id)
        if row is None:
            raise RecordNotFound(f"treatment event #{event_id} does not exist")
        if row["status"] != "planned":
            # what has happened keeps its date: a given infusion is never re-dated
            raise RuleViolation(f"this {row['kind']} is {row['status'].replace('_', ' ')}: only a planned event can be moved")
        tx.update("treatment_events", event_id, {"planned_on": planned_on}, expected_version=expected_version)
    return Saved(records.event(store, event_id), tx.changes)


def decide_stop(store, actor: User, patient_id: int, kind: str, reason_code: str, decided_on: date,
                password: str, details: str = "") -> Saved:
    """An investigator discontinues or suspends protocol treatment (signed)."""
    if kind not in STOP_KINDS:
        raise InputError("kind", "discontinued or suspended", code="not_a_choice")
    if reason_code not in STOP_REASONS:
        raise InputError("reason_code", f"one of {', '.join(STOP_REASONS)}", code="not_a_choice")
    with store.write(actor, "treatment.discontinue", reason=details or reason_code) as tx:
        if tx.row("patients", patient_id) is None:
            raise RecordNotFound(f"patient #{patient_id} does not exist")
        sid = tx.insert("discontinuations", {"patient_id": patient_id, "kind": kind, "reason_code": reason_code,
                                             "details": details, "decided_on": decided_on})
        tx.sign("discontinuations", sid, STOP_KINDS[kind], password)
        for enrolment in tx.conn.execute("SELECT id FROM enrolments WHERE patient_id = ?", (patient_id,)).fetchall():
            tx.update("enrolments", enrolment[0], {"status": kind}, expected_version=None)
    return Saved(next(d for d in records.discontinuations(store, patient_id) if d.id == sid), tx.changes)


def _start_treatment(tx, event_row) -> None:
    cycle = tx.row("treatment_cycles", event_row["cycle_id"])
    cycle_values = {"status": "in_progress"} if cycle["status"] == "planned" else {}
    if event_row["kind"] == "apheresis":
        cycle_values["actual_apheresis_on"] = tx.row("treatment_events", event_row["id"])["actual_on"]
    if cycle_values:
        tx.update("treatment_cycles", cycle["id"], cycle_values, expected_version=None)
    enrolment = tx.one("SELECT id, status FROM enrolments WHERE patient_id = ? AND protocol_id = ?",
                       (event_row["patient_id"], cycle["protocol_id"]))
    if enrolment is not None and enrolment["status"] == "eligible":
        tx.update("enrolments", enrolment["id"], {"status": "on_treatment"}, expected_version=None)
