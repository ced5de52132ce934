"""Treatment cycles and their events (planned and actual dates), and stopping or suspending.

The calendar is computed here with the schedule rules (`nkdesk.rules.schedule.plan`) from what the
ward knows (the planned apheresis and G-CSF days of the filgrastim order, or as given) and stored
in one save, every cycle at once (`plan_calendar`); the window shows the same computation before it
is stored (`proposed_calendar`). The service also decides which cycle is the current one
(`current_cycle`). Marking an event in progress or done moves an eligible patient to "on
treatment"; an apheresis done sets the cycle's actual apheresis date. Only an investigator
discontinues or suspends, with a signature, usually deciding on a stop proposal (services.stops).
Discontinuation cancels every event still planned from the decision day on, the cycles not yet
started, and the dose orders not yet given; `services.dosing` then refuses new orders (and the
database's own trigger too). A suspension is lifted by an investigator with a reason and a
signature; both stay in the audit trail.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from nkdesk.domain import Actor, DoseOrderRecord, PatientChart, Saved, TreatmentCycle, TreatmentEvent
from nkdesk.rules import protocol as protocol_rules
from nkdesk.rules import schedule
from nkdesk.rules.errors import InputError
from nkdesk.storage import drafts as stored_drafts
from nkdesk.storage import infusions as stored_infusions
from nkdesk.storage import patients as stored_patients
from nkdesk.storage import records
from nkdesk.storage.errors import InfusionBlocked, RecordNotFound, RuleViolation, TreatmentStopped

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction

EVENT_STATUSES = ("planned", "in_progress", "done", "cancelled")
STOP_KINDS = {"discontinued": "treatment discontinued", "suspended": "treatment suspended"}
STOP_REASONS = ("infection_test_positive", "treatment_impossible", "consent_withdrawn", "adverse_event", "other")
LIVE_ORDERS = ("prescribed", "verified")


# ------------------------------------------------------------------------------ the calendar
def proposed_calendar(store: Store, patient_id: int, *, apheresis: date | None = None, gcsf_days: int | None = None,
                      cycles: int | None = None) -> schedule.Schedule | None:
    """The protocol's calendar for the patient as `plan_calendar` would store it (None when no
    planned apheresis is known yet: the filgrastim order gives it). InputError when the inputs do
    not make a calendar."""
    with store.reading():
        return _computed(store, patient_id, apheresis, gcsf_days, cycles)


def plan_calendar(store: Store, actor: Actor, patient_id: int, *, apheresis: date | None = None,
                  gcsf_days: int | None = None, cycles: int | None = None) -> Saved:
    """Store the protocol's calendar, computed here by the schedule rules, every cycle in one save.

    The anchor is `apheresis` (cycle 1's planned apheresis) as given, else cycle 1's as stored,
    else the live filgrastim order's; the G-CSF days as given, else that order's. Cycles already
    stored are kept as they are (their actual apheresis dates re-date the later ones); `cycles`
    limits how many the calendar has (default: the protocol's). Refused when there is nothing left
    to plan or no anchor.
    Returns `Saved(the patient's cycles as now stored)`."""
    with store.write(actor, "treatment.plan") as tx:
        if tx.row("patients", patient_id) is None:
            raise RecordNotFound(f"patient #{patient_id} does not exist")
        plan = _computed(tx, patient_id, apheresis, gcsf_days, cycles)
        if plan is None:
            raise InputError("apheresis", "the planned apheresis date is needed: prescribe the filgrastim order "
                                          "(it gives the apheresis) or enter the date", code="missing")
        stored = {c.number for c in records.cycles(tx, patient_id)}
        numbers = sorted({e.cycle for e in plan.events if e.cycle is not None} - stored)
        if not numbers:
            raise RuleViolation("the calendar is stored already: move or mark its events instead",
                                code="calendar_stored")
        for number in numbers:
            events = [e for e in plan.events if e.cycle == number]
            day0 = next(e.date for e in events if e.kind == "apheresis")
            cid = tx.insert("treatment_cycles", {"patient_id": patient_id, "protocol_id": plan.protocol_id,
                                                 "number": number, "planned_apheresis_on": day0,
                                                 "status": "planned"})
            for event in events:
                tx.insert("treatment_events", {"cycle_id": cid, "patient_id": patient_id, "kind": event.kind,
                                               "culture_day": event.culture_day, "planned_on": event.date})
    return Saved(records.cycles(store, patient_id), tx.changes)


def _computed(reader: Reader, patient_id: int, apheresis: date | None, gcsf_days: int | None,
              cycles: int | None) -> schedule.Schedule | None:
    enrolment = stored_patients.enrolment(reader, patient_id)
    chosen = protocol_rules.load(enrolment.protocol_id if enrolment else protocol_rules.DEFAULT_PROTOCOL)
    stored = records.cycles(reader, patient_id)
    if apheresis is None:   # the ward's own dates: the live filgrastim order's, else cycle 1 as stored
        live = [o for o in records.dose_orders(reader, patient_id) if o.status in LIVE_ORDERS]
        order = live[-1].order if live else None
        first = next((c for c in stored if c.number == 1), None)
        apheresis = (first.planned_apheresis_on if first is not None
                     else order.apheresis if order is not None else None)
        if gcsf_days is None and order is not None:
            gcsf_days = order.gcsf_days
    if apheresis is None:
        return None
    actual = {c.number: c.actual_apheresis_on for c in stored if c.actual_apheresis_on is not None}
    return schedule.plan(chosen, apheresis=apheresis, gcsf_days=gcsf_days, cycles=cycles, actual=actual)


def current_cycle(chart: PatientChart) -> TreatmentCycle | None:
    """The cycle the bedside works on: the first not cancelled whose infusion is still planned or in progress."""
    for cycle in chart.cycles:
        if cycle.status == "cancelled":
            continue
        if any(e.cycle_id == cycle.id and e.kind == "infusion" and e.status in ("planned", "in_progress")
               for e in chart.events):
            return cycle
    return None


def record_event(store: Store, actor: Actor, event_id: int, status: str, expected_version: int, *,
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


@dataclass(frozen=True)
class Moved:
    """One planned event re-dated by a move: the event as now stored, and its date before."""

    event: TreatmentEvent
    was: date | None


@dataclass(frozen=True)
class Replan:
    """What a move changed: the event the user moved, and every event re-dated with it (the moved
    one first). `kept` are the dependents that were not re-dated because they happened already
    (done, in progress) or were cancelled."""

    event: TreatmentEvent
    moved: tuple[Moved, ...]
    kept: tuple[TreatmentEvent, ...] = ()
    # live filgrastim orders of the re-planned cycles that still give the old apheresis: a signed
    # order is never changed here; the prescriber re-prescribes (services.dosing)
    orders_to_review: tuple[DoseOrderRecord, ...] = ()


def _typed_date(value: date | str) -> date:
    """The new date as typed, or refused in words naming the field."""
    if isinstance(value, date):
        return value
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text:
        raise InputError("planned_on", "enter the new date (YYYY-MM-DD)", code="missing")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("planned_on", f"'{text}' is not a date (YYYY-MM-DD)", code="not_a_date") from None


def move_event(store: Store, actor: Actor, event_id: int, planned_on: date | str, expected_version: int,
               reason: str) -> Saved:
    """Move a planned event to `planned_on`, re-planning what depends on it, in one save.

    Moving cycle K's apheresis (culture day 0) re-plans by the rule of the calendar's `--actual`
    (rules/schedule.py, cli-contract.md `schedule`): cycle K's G-CSF days and culture steps are
    re-dated from the new day 0 and each later cycle is planned 3 calendar months after the
    previous one's apheresis; earlier cycles, an apheresis that happened and an infusion given keep
    their dates, and only events still planned are re-dated. Any other event has nothing depending
    on it and moves alone. `planned_on` may be the date as typed (YYYY-MM-DD); the move's draft
    (editor "calendar", issue 14) is removed in the same save. Returns `Saved(Replan)`."""
    planned_on = _typed_date(planned_on)
    if not (reason or "").strip():
        raise InputError("reason", "moving a planned date needs a reason", code="required")
    with store.write(actor, "treatment.record", reason=reason) as tx:
        row = tx.row("treatment_events", event_id)
        if row is None:
            raise RecordNotFound(f"treatment event #{event_id} does not exist")
        if row["status"] != "planned":
            # what has happened keeps its date: a given infusion is never re-dated
            raise RuleViolation(f"this {row['kind']} is {row['status'].replace('_', ' ')}: "
                                "only a planned event can be moved", code="event_not_planned", kind=row["kind"],
                                status=row["status"])
        tx.check_version("treatment_events", event_id, expected_version)
        cycle = tx.existing("treatment_cycles", row["cycle_id"])
        chosen = protocol_rules.load(cycle["protocol_id"])
        if row["kind"] == "apheresis" and (chosen.section("schedule") or {}).get("anchor") == "apheresis":
            dates, kept = _replanned(tx, chosen, row["patient_id"], cycle["number"], planned_on)
        else:
            dates, kept = {event_id: planned_on}, []
        before = {e.id: e for e in records.events(tx, row["patient_id"])}
        dates[event_id] = planned_on
        for moved_id, new_date in dates.items():
            if before[moved_id].planned_on != new_date:
                tx.update("treatment_events", moved_id, {"planned_on": new_date},
                          expected_version=expected_version if moved_id == event_id else None)
        if row["kind"] == "apheresis":
            _redate_cycles(tx, row["patient_id"], dates, before)
        stored_drafts.clear_in(tx, row["patient_id"], "calendar", str(event_id))   # typed is now the move
    after = {e.id: e for e in records.events(store, row["patient_id"])}
    order = [event_id] + sorted((i for i in dates if i != event_id),
                                key=lambda i: (after[i].planned_on or planned_on, i))
    moved = tuple(Moved(after[i], before[i].planned_on) for i in order if before[i].planned_on != dates[i])
    new_day0 = {after[m.event.id].cycle_id: m.event.planned_on for m in moved if m.event.kind == "apheresis"}
    review = tuple(o for o in records.dose_orders(store, row["patient_id"])
                   if o.status in LIVE_ORDERS and o.cycle_id in new_day0 and o.order.apheresis is not None
                   and o.order.apheresis != new_day0[o.cycle_id])
    return Saved(Replan(after[event_id], moved, tuple(after[i] for i in kept), review), tx.changes)


def _replanned(tx: Transaction, chosen: protocol_rules.Protocol, patient_id: int, number: int,
               day0: date) -> tuple[dict[int, date], list[int]]:
    """(event id → new planned date for every planned event the rule re-dates, ids of dependents
    kept because they happened or were cancelled) when cycle `number`'s apheresis moves to `day0`."""
    cycles = {c.number: c for c in records.cycles(tx, patient_id)}
    events = records.events(tx, patient_id)
    number_of = {c.id: c.number for c in cycles.values()}

    def apheresis_of(k: int) -> date | None:
        found = [e for e in events if number_of.get(e.cycle_id) == k and e.kind == "apheresis"
                 and e.status != "cancelled"]
        if found:
            return found[0].actual_on or found[0].planned_on
        c = cycles[k]
        return c.actual_apheresis_on or c.planned_apheresis_on

    # the rule's inputs: earlier cycles and apheresis that happened as they are, this one moved
    actual = {k: d for k in cycles if k < number and (d := apheresis_of(k)) is not None}
    actual.update({k: c.actual_apheresis_on for k, c in cycles.items() if k > number and c.actual_apheresis_on})
    actual[number] = day0
    given = {number_of[e.cycle_id]: e.actual_on for e in events
             if e.kind == "infusion" and e.status in ("done", "in_progress") and e.actual_on is not None}
    gcsf_days = sum(1 for e in events if number_of.get(e.cycle_id) == number and e.kind == "gcsf") or None
    first = actual.get(1) or apheresis_of(1)
    try:
        plan = schedule.plan(chosen, apheresis=first, gcsf_days=gcsf_days, cycles=max(cycles), actual=actual,
                             given_infusions=given)
    except InputError as exc:
        raise exc.for_field("planned_on") from None
    planned = {(e.cycle, e.kind, e.culture_day): e.date for e in plan.events if e.cycle is not None}
    dates: dict[int, date] = {}
    kept: list[int] = []
    for e in events:
        k = number_of.get(e.cycle_id)
        if k is None or k < number:
            continue
        new = planned.get((k, e.kind, e.culture_day))
        if new is None:
            continue
        if e.status == "planned":
            dates[e.id] = new
        elif (e.actual_on or e.planned_on) != new:
            kept.append(e.id)
    return dates, kept


def _redate_cycles(tx: Transaction, patient_id: int, dates: dict[int, date],
                   before: dict[int, TreatmentEvent]) -> None:
    """Each cycle whose apheresis was re-dated plans its apheresis on the new day."""
    for cycle in records.cycles(tx, patient_id):
        for event_id, new_date in dates.items():
            event = before[event_id]
            if (event.cycle_id == cycle.id and event.kind == "apheresis" and cycle.planned_apheresis_on != new_date
                    and cycle.status != "cancelled"):
                tx.update("treatment_cycles", cycle.id, {"planned_apheresis_on": new_date}, expected_version=None)


def decide_stop(store: Store, actor: Actor, patient_id: int, kind: str, reason_code: str, decided_on: date,
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
                                f"{in_force['decided_on']})", code="already_stopped", kind=in_force["kind"],
                                decided_on=in_force["decided_on"])
        sid = tx.insert("discontinuations", {"patient_id": patient_id, "kind": kind, "reason_code": reason_code,
                                             "details": details, "decided_on": decided_on})
        tx.sign("discontinuations", sid, STOP_KINDS[kind], password)
        for enrolment in stored_patients.enrolments(tx, patient_id):
            tx.update("enrolments", enrolment.id, {"status": kind}, expected_version=None)
        if kind == "discontinued":
            _cancel_what_is_left(tx, patient_id, decided_on)
        if proposal_id is not None:
            _decide_proposal(tx, proposal_id, patient_id, sid, details)
    return Saved(next(d for d in records.discontinuations(store, patient_id) if d.id == sid), tx.changes)


def lift_suspension(store: Store, actor: Actor, discontinuation_id: int, lifted_on: date, reason: str,
                    password: str) -> Saved:
    """An investigator resumes protocol treatment after a suspension, with a reason (signed
    "suspension lifted"); the enrolment returns to on treatment (or eligible, if nothing started)."""
    if not (reason or "").strip():
        raise InputError("reason", "lifting a suspension needs a reason", code="required")
    with store.write(actor, "treatment.lift_suspension", reason=reason) as tx:
        stop = tx.row("discontinuations", discontinuation_id)
        if stop is None:
            raise RecordNotFound(f"discontinuation #{discontinuation_id} does not exist")
        if stop["kind"] != "suspended":
            raise RuleViolation("only a suspension can be lifted: a discontinuation is final", code="not_a_suspension")
        if records.suspension_lifted(tx, discontinuation_id):
            raise RuleViolation("this suspension was lifted already", code="suspension_lifted")
        in_force = records.treatment_stop(tx, stop["patient_id"])
        if in_force is not None and in_force["kind"] == "discontinued":
            raise RuleViolation(f"protocol treatment was discontinued on {in_force['decided_on']}: "
                                "a suspension before it cannot be lifted", code="discontinued_since",
                                decided_on=in_force["decided_on"])
        if lifted_on < date.fromisoformat(stop["decided_on"]):
            raise InputError("lifted_on", f"before the suspension itself ({stop['decided_on']})", code="out_of_order",
                             before=stop["decided_on"])
        patient_id = stop["patient_id"]
        lid = tx.insert("suspension_lifts", {"discontinuation_id": discontinuation_id, "patient_id": patient_id,
                                             "lifted_on": lifted_on, "reason": reason.strip()})
        tx.sign("suspension_lifts", lid, "suspension lifted", password)
        started = records.treatment_started(tx, patient_id)
        for enrolment in stored_patients.enrolments(tx, patient_id, status="suspended"):
            tx.update("enrolments", enrolment.id, {"status": "on_treatment" if started else "eligible"},
                      expected_version=None)
    return Saved(next(x for x in records.suspension_lifts(store, patient_id) if x.id == lid), tx.changes)


def _cancel_what_is_left(tx: Transaction, patient_id: int, decided_on: date) -> None:
    """Discontinued: events still planned from the decision day on, cycles not started, and dose
    orders not yet given (drafts, unverified ones, and verified ones whose course lies ahead)."""
    for event in records.planned_events_from(tx, patient_id, decided_on):
        tx.update("treatment_events", event.id, {"status": "cancelled"}, expected_version=None)
    for cycle in records.cycles(tx, patient_id):
        if cycle.status == "planned":
            tx.update("treatment_cycles", cycle.id, {"status": "cancelled"}, expected_version=None)
    for order in records.dose_orders(tx, patient_id):
        if order.status == "cancelled":
            continue
        course = order.order.course
        if order.status != "verified" or (course and min(course) > decided_on):
            tx.update("dose_orders", order.id, {"status": "cancelled", "cancel_reason": "treatment discontinued"},
                      expected_version=None)


def _decide_proposal(tx: Transaction, proposal_id: int, patient_id: int, discontinuation_id: int, note: str) -> None:
    proposal = tx.row("stop_proposals", proposal_id)
    if proposal is None or proposal["patient_id"] != patient_id:
        raise RecordNotFound(f"stop proposal #{proposal_id} of patient #{patient_id} does not exist")
    if proposal["status"] != "open":
        raise RuleViolation(f"stop proposal #{proposal_id} is {proposal['status']} already",
                            code="stop_proposal_decided", status=proposal["status"])
    tx.update("stop_proposals", proposal_id, {"status": "decided", "discontinuation_id": discontinuation_id,
                                              "decision_note": note}, expected_version=None)


def _may_happen(tx: Transaction, event_row: sqlite3.Row, actual_on: date | str | None) -> None:
    """An event is not recorded as happening on or after a stop still in force, and an infusion
    event not while its cell product's release tests block it (services.infusions starts those)."""
    stop = records.treatment_stop(tx, event_row["patient_id"])
    when = actual_on.isoformat() if isinstance(actual_on, date) else actual_on
    if stop is not None and (when is None or stop["decided_on"] is None or when >= stop["decided_on"]):
        raise TreatmentStopped(f"protocol treatment was {stop['kind']} on {stop['decided_on']}: this event "
                               "cannot be recorded as happening after that", patient_id=event_row["patient_id"],
                               kind=stop["kind"], decided_on=stop["decided_on"])
    if event_row["kind"] == "infusion":
        tests = stored_infusions.product_tests_of_event(tx, event_row["id"])
        if tests is not None and "positive" in tests:
            raise InfusionBlocked("the cell product's release tests block this infusion: it cannot be recorded as "
                                  "given", event_id=event_row["id"])


def mark_started(tx: Transaction, event_row: sqlite3.Row) -> None:
    """An event of this cycle has started: the cycle is in progress, an eligible patient on treatment."""
    _start_treatment(tx, event_row)


def _start_treatment(tx: Transaction, event_row: sqlite3.Row) -> None:
    cycle = tx.existing("treatment_cycles", event_row["cycle_id"])
    cycle_values = {"status": "in_progress"} if cycle["status"] == "planned" else {}
    if event_row["kind"] == "apheresis":
        cycle_values["actual_apheresis_on"] = tx.existing("treatment_events", event_row["id"])["actual_on"]
    if cycle_values:
        tx.update("treatment_cycles", cycle["id"], cycle_values, expected_version=None)
    for enrolment in stored_patients.enrolments(tx, event_row["patient_id"], protocol_id=cycle["protocol_id"],
                                                status="eligible"):
        tx.update("enrolments", enrolment.id, {"status": "on_treatment"}, expected_version=None)
