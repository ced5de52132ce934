"""The nurse's round: what is due now across every patient — vital-sign alerts not yet acknowledged
(first: someone must act and record it), the vital-sign sets of the infusions in progress that are
due (or late), the G-CSF doses and other treatment events planned for today, and the events still
planned on a day already past.

A vital-sign set is listed from `DUE_WITHIN_MIN` minutes before its time (the protocol gives no
window: NKDesk's choice, so the nurse sees it coming); which set is next is `rules.vitals_due`
(the same rule as the bedside grid). Times are the workstation's local wall clock, as the infusion
times are entered.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from nkdesk.rules import protocol as protocol_rules
from nkdesk.rules import vitals, vitals_due
from nkdesk.storage import rounds as stored
from nkdesk.storage import settings as stored_settings
from nkdesk.storage.store import Store

DUE_WITHIN_MIN = 15


@dataclass(frozen=True)
class DueItem:
    """One line of the round. `kind`: "alert" (`what`: the findings, comma-separated codes; `due_at`:
    when the first was raised), "vitals", "gcsf" or "event" (`event_kind` names it);
    `late_min` > 0 for a vital-sign set past its time; `overdue` for an event planned on a past day."""

    patient_id: int
    study_id: str
    kind: str
    what: str                      # the time point's label, or the event's kind code
    due_at: datetime | None        # vital signs: the set's clock time
    day: date
    late_min: int = 0
    overdue: bool = False
    event_kind: str = ""
    offset_min: int | None = None  # vital signs: the time point's minutes from the start (the window words it)


def due_now(store: Store, now: datetime | None = None) -> tuple[DueItem, ...]:
    """Everything due at `now` (default: the local time), vital signs first, then today's events,
    then overdue ones."""
    now = now or datetime.now()
    settings = stored_settings.load(store.conn)
    items: list[DueItem] = []
    with store.reading():
        running = stored.infusions_in_progress(store)
        events = stored.planned_events_up_to(store, now.date())
        alerts = stored.open_alerts(store)
    for patient_id, study_id, raised_at, findings in alerts:
        local = raised_at.astimezone().replace(tzinfo=None) if raised_at.tzinfo else raised_at
        items.append(DueItem(patient_id, study_id, "alert", ",".join(findings), local, local.date()))
    points_of: dict[str, list[vitals.TimePoint]] = {}
    for _infusion_id, patient_id, study_id, protocol_id, started_at, taken in running:
        if protocol_id not in points_of:
            points_of[protocol_id] = vitals.time_points(protocol_rules.load(protocol_id),
                                                        tuple(settings.infusion_time_points_min))
        points = points_of[protocol_id]
        state = vitals_due.next_due([p.offset_min for p in points], taken, started_at, now)
        if state.next_offset_min is None or state.due_at is None:
            continue
        if state.due_at - now > timedelta(minutes=DUE_WITHIN_MIN):
            continue
        label = next(p.label for p in points if p.offset_min == state.next_offset_min)
        items.append(DueItem(patient_id, study_id, "vitals", label, state.due_at, state.due_at.date(),
                             late_min=state.minutes_late, offset_min=state.next_offset_min))
    today = now.date()
    for study_id, event in events:
        if event.planned_on is None:
            continue
        kind = "gcsf" if event.kind == "gcsf" else "event"
        items.append(DueItem(event.patient_id, study_id, kind, event.kind, None, event.planned_on,
                             overdue=event.planned_on < today, event_kind=event.kind))
    order = {"alert": -1, "vitals": 0, "gcsf": 1, "event": 2}
    return tuple(sorted(items, key=lambda i: (i.overdue, order[i.kind], i.due_at or datetime.min, i.day,
                                              i.study_id)))
