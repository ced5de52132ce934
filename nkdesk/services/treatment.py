"""Treatment cycles and their events (planned and actual dates), and stopping or suspending.

The dates to plan come from the schedule rules (`nkdesk.rules.schedule`, the dosing issue); this
module stores them as `PlannedEvent`s and records what actually happened. Marking an event in
progress or done moves an eligible patient to "on treatment"; an apheresis done sets the cycle's
actual apheresis date. Only an investigator discontinues or suspends, with a signature, usually
deciding on a stop proposal (services.stops). Discontinuation cancels every event still planned
from the decision day on, the cycles not yet started, and the dose orders not yet given;
`services.dosing` then refuses new orders (and the database's own trigger too). A suspension is
lifted by an investigator with a reason and a signature; both stay in the audit trail.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from nkdesk.domain import Saved, User
from nkdesk.rules.errors import InputError
from nkdesk.rules.protocol import DEFAULT_PROTOCOL
from nkdesk.storage import records
from nkdesk.storage.errors import InfusionBlocked, RecordNotFound, RuleViolation, TreatmentStopped

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
        if status in ("in_progress", "done"):
            _may_happen(tx, row, values["actual_on"])
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
            raise RuleViolation(f"this {row['kind']} is {row['status'].replace('_', ' ')}: "
                                "only a planned event can be moved")
        tx.update("treatment_events", event_id, {"planned_on": planned_on}, expected_version=expected_version)
    return Saved(records.event(store, event_id), tx.changes)


def decide_stop(store, actor: User, patient_id: int, kind: str, reason_code: str, decided_on: date,
                password: str, details: str = "", *, proposal_id: int | None = None) -> Saved:
    """An investigator discontinues or suspends protocol treatment (signed), optionally deciding an
    open stop proposal. Discontinuing cancels what was still to come (see the module docstring)."""
    if kind not in STOP_KINDS:
        raise InputError("kind", "discontinued or suspended", code="not_a_choice")
    if reason_code not in STOP_REASONS:
        raise InputError("reason_code", f"one of {', '.join(STOP_REASONS)}", code="not_a_choice")
    with store.write(actor, "treatment.discontinue", reason=details or reason_code) as tx:
        if tx.row("patients", patient_id) is None:
            raise RecordNotFound(f"patient #{patient_id} does not exist")
        in_force = records.treatment_stop(tx, patient_id)
        if in_force is not None and (in_force["kind"] == "discontinued" or kind == "suspended"):
            raise RuleViolation(f"protocol treatment is already {in_force['kind']} (decided on "
                                f"{in_force['decided_on']})")
        sid = tx.insert("discontinuations", {"patient_id": patient_id, "kind": kind, "reason_code": reason_code,
                                             "details": details, "decided_on": decided_on})
        tx.sign("discontinuations", sid, STOP_KINDS[kind], password)
        for enrolment in tx.conn.execute("SELECT id FROM enrolments WHERE patient_id = ?", (patient_id,)).fetchall():
            tx.update("enrolments", enrolment[0], {"status": kind}, expected_version=None)
        if kind == "discontinued":
            _cancel_what_is_left(tx, patient_id, decided_on)
        if proposal_id is not None:
            _decide_proposal(tx, proposal_id, patient_id, sid, details)
    return Saved(next(d for d in records.discontinuations(store, patient_id) if d.id == sid), tx.changes)


def lift_suspension(store, actor: User, discontinuation_id: int, lifted_on: date, reason: str, password: str) -> Saved:
    """An investigator resumes protocol treatment after a suspension, with a reason (signed
    "suspension lifted"); the enrolment returns to on treatment (or eligible, if nothing started)."""
    if not (reason or "").strip():
        raise InputError("reason", "lifting a suspension needs a reason", code="required")
    with store.write(actor, "treatment.lift_suspension", reason=reason) as tx:
        stop = tx.row("discontinuations", discontinuation_id)
        if stop is None:
            raise RecordNotFound(f"discontinuation #{discontinuation_id} does not exist")
        if stop["kind"] != "suspended":
            raise RuleViolation("only a suspension can be lifted: a discontinuation is final")
        if tx.one("SELECT 1 FROM suspension_lifts WHERE discontinuation_id = ?", (discontinuation_id,)):
            raise RuleViolation("this suspension was lifted already")
        in_force = records.treatment_stop(tx, stop["patient_id"])
        if in_force is not None and in_force["kind"] == "discontinued":
            raise RuleViolation(f"protocol treatment was discontinued on {in_force['decided_on']}: "
                                "a suspension before it cannot be lifted")
        if lifted_on < date.fromisoformat(stop["decided_on"]):
            raise InputError("lifted_on", f"before the suspension itself ({stop['decided_on']})", code="out_of_order")
        patient_id = stop["patient_id"]
        lid = tx.insert("suspension_lifts", {"discontinuation_id": discontinuation_id, "patient_id": patient_id,
                                             "lifted_on": lifted_on, "reason": reason.strip()})
        tx.sign("suspension_lifts", lid, "suspension lifted", password)
        started = tx.one("SELECT 1 FROM treatment_events WHERE patient_id = ? AND status IN ('in_progress', 'done')",
                         (patient_id,))
        for enrolment in tx.conn.execute("SELECT id FROM enrolments WHERE patient_id = ? AND status = 'suspended'",
                                         (patient_id,)).fetchall():
            tx.update("enrolments", enrolment[0], {"status": "on_treatment" if started else "eligible"},
                      expected_version=None)
    return Saved(next(x for x in records.suspension_lifts(store, patient_id) if x.id == lid), tx.changes)


def _cancel_what_is_left(tx, patient_id: int, decided_on: date) -> None:
    """Discontinued: events still planned from the decision day on, cycles not started, and dose
    orders not yet given (drafts, unverified ones, and verified ones whose course lies ahead)."""
    day = decided_on.isoformat()
    for row in tx.conn.execute("SELECT id FROM treatment_events WHERE patient_id = ? AND status = 'planned' "
                               "AND planned_on >= ?", (patient_id, day)).fetchall():
        tx.update("treatment_events", row[0], {"status": "cancelled"}, expected_version=None)
    for row in tx.conn.execute("SELECT id FROM treatment_cycles WHERE patient_id = ? AND status = 'planned'",
                               (patient_id,)).fetchall():
        tx.update("treatment_cycles", row[0], {"status": "cancelled"}, expected_version=None)
    for row in tx.conn.execute("SELECT id, status, order_json FROM dose_orders WHERE patient_id = ? "
                               "AND status <> 'cancelled'", (patient_id,)).fetchall():
        course = json.loads(row[2]).get("course") or []
        if row[1] != "verified" or (course and min(course) > day):
            tx.update("dose_orders", row[0], {"status": "cancelled", "cancel_reason": "treatment discontinued"},
                      expected_version=None)


def _decide_proposal(tx, proposal_id: int, patient_id: int, discontinuation_id: int, note: str) -> None:
    proposal = tx.row("stop_proposals", proposal_id)
    if proposal is None or proposal["patient_id"] != patient_id:
        raise RecordNotFound(f"stop proposal #{proposal_id} of patient #{patient_id} does not exist")
    if proposal["status"] != "open":
        raise RuleViolation(f"stop proposal #{proposal_id} is {proposal['status']} already")
    tx.update("stop_proposals", proposal_id, {"status": "decided", "discontinuation_id": discontinuation_id,
                                              "decision_note": note}, expected_version=None)


def _may_happen(tx, event_row, actual_on) -> None:
    """An event is not recorded as happening on or after a stop still in force, and an infusion
    event not while its cell product's release tests block it (services.infusions starts those)."""
    stop = records.treatment_stop(tx, event_row["patient_id"])
    when = actual_on.isoformat() if isinstance(actual_on, date) else actual_on
    if stop is not None and (when is None or stop["decided_on"] is None or when >= stop["decided_on"]):
        raise TreatmentStopped(f"protocol treatment was {stop['kind']} on {stop['decided_on']}: this event "
                               "cannot be recorded as happening after that", patient_id=event_row["patient_id"],
                               kind=stop["kind"])
    if event_row["kind"] == "infusion":
        product = tx.one("SELECT sterility, infectious_disease FROM infusions WHERE event_id = ?", (event_row["id"],))
        if product is not None and "positive" in (product["sterility"], product["infectious_disease"]):
            raise InfusionBlocked("the cell product's release tests block this infusion: it cannot be recorded as "
                                  "given", event_id=event_row["id"])


def mark_started(tx, event_row) -> None:
    """An event of this cycle has started: the cycle is in progress, an eligible patient on treatment."""
    _start_treatment(tx, event_row)


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
