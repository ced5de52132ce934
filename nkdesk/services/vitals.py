"""Vital-sign sets during and after an infusion, and their alerts.

A set is checked and scored by the rules (`rules.vitals.assess`: absolute limits refuse it, a value
outside normal limits needs a reason, NEWS2 with its band and response), with the site's limits.
What the rules said is stored with the set, so the record shows what the nurse saw. Each critical
finding becomes an alert that stays open until a named user acknowledges it (who and when are
recorded). Scheduled sets are the protocol's time points (or the site's); extra sets are numbered.
A correction of a saved set needs a reason; the audit trail keeps every earlier value. A set with
a temperature also refreshes the patient's fever-episode proposals (services.ae_proposals).
"""
from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Actor, Saved, VitalAlert, VitalSignSet
from nkdesk.rules import dates, protocol, vitals, vitals_time
from nkdesk.rules.errors import InputError
from nkdesk.rules.quantities import recorded
from nkdesk.rules.vitals import Oxygen, VitalSigns
from nkdesk.services import ae_proposals, drafts
from nkdesk.storage import drafts as stored_drafts
from nkdesk.storage import infusions as stored
from nkdesk.storage import settings as stored_settings
from nkdesk.storage import users as stored_users
from nkdesk.storage.errors import RecordNotFound, RuleViolation

if TYPE_CHECKING:
    from nkdesk.domain.settings import SiteSettings
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction

TABLE = "vital_sign_sets"


@dataclass(frozen=True)
class Placement:
    """Where a set goes, decided from its clock time (rules.vitals_time): the row it was typed into
    (`row_min`; None for an extra row) and the slot it is stored in (`point_min`; None: unscheduled,
    `minutes` after the start). `matches` is False when the two differ: the user confirms first."""

    row_min: int | None
    point_min: int | None
    minutes: int | None
    started: bool

    @property
    def matches(self) -> bool:
        return self.row_min == self.point_min

    @property
    def label(self) -> str:
        return vitals_time.set_label(self.point_min, self.minutes)

    @property
    def words(self) -> str:
        """What the user is asked to confirm when the row and the time disagree."""
        row = vitals.time_point_label(self.row_min) if self.row_min is not None else "an extra set"
        return (f"This set was measured {_minutes_words(self.minutes)}: it is stored as "
                f"\"{self.label}\", not as \"{row}\".")


def _minutes_words(minutes: int | None) -> str:
    if minutes is None:
        return "at an unknown time"
    return f"{-minutes} min before the start" if minutes < 0 else f"{minutes} min after the start"


def place(reader: Store | Transaction, infusion_id: int, signs: VitalSigns, *, extra: bool = False,
          settings: SiteSettings | None = None) -> Placement:
    """Where `signs` (typed into the row of `signs.time_point_min`, or an extra row) would be stored.
    Before the start is recorded the row decides (nothing to count from); after it the clock does:
    a set in a point's window takes that point if it is still free, else it is unscheduled."""
    row_min = None if extra else signs.time_point_min
    start = stored.infusion_start(reader, infusion_id)
    if start is None or signs.measured_at is None:
        return Placement(row_min, row_min, signs.time_point_min if extra else None, False)
    offsets = [p.offset_min for p in time_points(reader, infusion_id, settings)]
    slot = vitals_time.slot_for(offsets, vitals_time.minutes_after_start(start, signs.measured_at))
    point = slot.point_min
    if point is not None and point != row_min and stored.scheduled_set_exists(reader, infusion_id, point):
        point = None                       # its point is taken: a second set near it is unscheduled
    return Placement(row_min, point, slot.whole_minutes, True)


def record_vital_signs(store: Store, actor: Actor, infusion_id: int, signs: VitalSigns, *, reason: str = "",
                       extra: bool = False, confirmed_placement: bool = False, row_key: str = "") -> Saved:
    """Save one set typed into a scheduled row (`signs.time_point_min` is one of the infusion's time
    points) or, with extra=True, an extra row. Where it is stored is decided by its clock time
    (`place`); when that differs from the row it was typed into the set is refused (code
    "time_point_mismatch", the words say where it would go) unless `confirmed_placement`. `row_key`
    names the grid row typed into: its draft (`draft_key`) is removed in the same transaction."""
    settings = stored_settings.load(store.conn)
    assessment = _assessed(signs, settings, reason)
    with store.write(actor, "vitals.record") as tx:
        dates.not_after_now("measured_at", signs.measured_at, tx.now)
        infusion = _row(tx, "infusions", infusion_id)
        if not extra:
            offsets = [p.offset_min for p in time_points(tx, infusion_id, settings)]
            if signs.time_point_min not in offsets:
                raise InputError("time_point_min", f"{signs.time_point_min} is not one of this infusion's time "
                                                   f"points ({', '.join(map(str, offsets))} min): add an extra set",
                                 code="not_a_time_point")
            if stored.scheduled_set_exists(tx, infusion_id, signs.time_point_min):
                raise RuleViolation(f"the {vitals.time_point_label(signs.time_point_min)} set is recorded already: "
                                    "correct it instead", code="set_recorded",
                                    time_point_min=signs.time_point_min)
        placement = place(tx, infusion_id, signs, extra=extra, settings=settings)
        if not placement.matches and not confirmed_placement:
            raise InputError("time_point_min", placement.words + " Confirm to save it there.",
                             code="time_point_mismatch")
        slot: dict[str, int | None] = {"scheduled_min": placement.point_min, "extra_number": None}
        if placement.point_min is None:
            slot["extra_number"] = stored.last_extra_number(tx, infusion_id) + 1
        values = values_for(signs, assessment, reason)
        values["offset_min"] = placement.point_min if placement.point_min is not None else placement.minutes
        sid = tx.insert(TABLE, {"infusion_id": infusion_id, "patient_id": infusion["patient_id"], **slot, **values})
        _raise_alerts(tx, sid, infusion, assessment)
        if row_key:
            stored_drafts.clear_in(tx, infusion["patient_id"], DRAFT_EDITOR, draft_key(infusion_id, row_key))
        if signs.temperature is not None:
            ae_proposals.refresh_fever(tx, infusion["patient_id"])
    return Saved(stored.vital_set(store, sid), tx.changes)


DRAFT_EDITOR = "vitals_row"


def draft_key(infusion_id: int, row_key: str) -> str:
    """A vital-sign row's draft key: the infusion and the row ("12:tp120"), so a draft of one cycle's
    grid is never offered in another's."""
    return f"{infusion_id}:{row_key}"


def row_drafts(store: Store, patient_id: int, infusion_id: int) -> dict[str, tuple[dict[str, Any], str]]:
    """The infusion's row drafts: row key → (what was typed, when it was kept, UTC ISO)."""
    prefix = f"{infusion_id}:"
    return {d.key[len(prefix):]: (d.payload, d.saved_at_utc) for d in drafts.pending(store, patient_id, DRAFT_EDITOR)
            if d.key.startswith(prefix)}


def correct_vital_signs(store: Store, actor: Actor, set_id: int, signs: VitalSigns, expected_version: int, *,
                        correction_reason: str, reason: str | None = None, row_key: str = "") -> Saved:
    """Correct a saved set: `correction_reason` says why (audit trail); `reason` explains values
    outside normal limits (default: the one stored). New critical findings raise alerts; alerts
    already raised stay until acknowledged, even if the corrected value is no longer critical."""
    if not (correction_reason or "").strip():
        raise InputError("correction_reason", "correcting a saved set needs a reason", code="required")
    current = stored.vital_set(store, set_id)
    if current is None:
        raise RecordNotFound(f"vital-sign set #{set_id} does not exist", table=TABLE, record_id=set_id)
    reason = current.reason if reason is None else reason
    assessment = _assessed(signs, stored_settings.load(store.conn), reason)
    with store.write(actor, "vitals.record", reason=correction_reason) as tx:
        dates.not_after_now("measured_at", signs.measured_at, tx.now)
        infusion = _row(tx, "infusions", current.infusion_id)
        values = values_for(signs, assessment, reason)
        if current.vasopressin and not signs.vasopressin:
            values["vasopressin"] = False                  # a correction that stops it is kept too
        if current.scheduled_min is not None:
            values["offset_min"] = current.scheduled_min   # a scheduled set stays at its time point
        tx.update(TABLE, set_id, values, expected_version=expected_version)
        _raise_alerts(tx, set_id, infusion, assessment)
        if row_key:
            stored_drafts.clear_in(tx, current.patient_id, DRAFT_EDITOR, draft_key(current.infusion_id, row_key))
        ae_proposals.refresh_fever(tx, current.patient_id)
    return Saved(stored.vital_set(store, set_id), tx.changes)


def acknowledge_alerts(store: Store, actor: Actor, set_id: int, *, informed: str, action: str,
                       action_at: datetime | None = None, note: str = "") -> Saved:
    """The signed-in user acknowledges every open alert of one set, saying what was done (issue 14):
    who was informed, the action taken and when it was taken (default: now). Who acknowledged and
    when are recorded beside it. The window offers NEWS2's clinical response as the action's words
    (RCP 2017, Chart 4: `response_words`)."""
    if not (informed or "").strip():
        raise InputError("informed", "who was informed of the alert?", code="required")
    if not (action or "").strip():
        raise InputError("action", "what was done about the alert?", code="required")
    with store.write(actor, "vitals.acknowledge") as tx:
        _row(tx, TABLE, set_id)
        alerts = stored.alerts_of_set(tx, set_id)
        pending = [a.id for a in alerts if a.open]
        if not pending:
            done = [f"{a.acknowledged_by_name} at {a.acknowledged_at.isoformat() if a.acknowledged_at else '?'}"
                    for a in alerts]
            raise RuleViolation("no open alert on this set" + (f" (acknowledged by {done[-1]})" if done else ""),
                                code="no_open_alert", acknowledged_by=done[-1] if done else "")
        dates.not_after_now("action_at", action_at, tx.now)
        name = stored_users.full_name(tx, actor.id)
        response = {"informed": informed.strip(), "action_taken": action.strip(),
                    "action_at": action_at.isoformat(timespec="seconds") if action_at else tx.at_local}
        if not stored.alerts_record_response(tx):       # a file built step by step before m055
            response = {"note": "; ".join(filter(None, (note.strip(), f"informed: {response['informed']}",
                                                        f"action: {response['action_taken']}")))}
        for alert_id in pending:
            tx.update("vital_alerts", alert_id, {"acknowledged_by": actor.id, "acknowledged_by_name": name,
                                                 "acknowledged_at": tx.at_local, "note": (note or "").strip(),
                                                 **response}, expected_version=None)
    return Saved(stored.vital_set(store, set_id), tx.changes)


def response_words(news2: dict[str, Any] | None) -> str:
    """NEWS2's clinical response for a scored set (RCP 2017, Chart 4: its monitoring, then its
    actions), as offered for the action taken. `news2`: a stored set's `news2`, or `to_json()`."""
    response = (news2 or {}).get("response") or {}
    parts = [response.get("monitoring", ""), *response.get("actions", ())]
    return " ".join(p.rstrip(".") + "." for p in parts if p)


def vital_sets(store: Store, infusion_id: int) -> tuple[VitalSignSet, ...]:
    return stored.vital_sets(store, infusion_id)


def open_alerts(store: Store, patient_id: int | None = None) -> tuple[VitalAlert, ...]:
    return stored.open_alerts(store, patient_id)


def time_points(reader: Store | Transaction, infusion_id: int,
                settings: SiteSettings | None = None) -> list[vitals.TimePoint]:
    """The infusion's scheduled time points (minutes and label, for the grid): the site's if it set
    them, else its protocol's `[vitals]`. `reader` is the Store or a Transaction."""
    protocol_id = stored.protocol_of_infusion(reader, infusion_id)
    if protocol_id is None:
        raise RecordNotFound(f"infusions #{infusion_id} does not exist", table="infusions", record_id=infusion_id)
    settings = settings or stored_settings.load(reader.conn)
    return vitals.time_points(protocol.load(protocol_id), settings.infusion_time_points_min)


def set_label(record: VitalSignSet, started_at: datetime | None) -> str:
    """A stored set's label on screen and on the form: its time point, or "unscheduled, N min after
    start" (from the clock when the start is known, else from the stored offset)."""
    minutes = record.offset_min
    if started_at is not None and record.measured_at is not None:
        minutes = round(vitals_time.minutes_after_start(started_at, record.measured_at))
    return vitals_time.set_label(record.scheduled_min, minutes)


def as_vital_signs(record: VitalSignSet) -> VitalSigns:
    """The rules' VitalSigns of a stored set (for the grid, the chart, the forms and `vitals.assess`)."""
    from nkdesk.rules import units

    temperature = None
    if record.temperature is not None:
        temperature = units.parse(record.temperature.text, field="temperature", analyte="temperature")
    return VitalSigns(record.systolic_mmhg, record.diastolic_mmhg, record.pulse_per_min, record.resp_rate_per_min,
                      temperature, record.spo2_pct, Oxygen(record.oxygen_device, record.o2_flow_l_min),
                      record.vasopressors, record.acvpu, record.spo2_scale, record.offset_min, record.measured_at,
                      vasopressin=getattr(record, "vasopressin", False))


# ------------------------------------------------------------------------------ checking and storing a set
def _assessed(signs: VitalSigns, settings: SiteSettings, reason: str | None) -> vitals.VitalAssessment:
    if signs.measured_at is None:
        raise InputError("measured_at", "when was the set measured?", code="required")
    assessment = vitals.assess(signs, settings.vital_limits,
                               (settings.news2_critical_score, settings.news2_abnormal_score))
    if not assessment.savable(reason):
        outside = ", ".join(vitals.LABELS.get(f.name, f.name) for f in assessment.findings if f.tier != "normal")
        raise InputError("reason", f"outside normal limits ({outside}): give a reason to save the set",
                         code="reason_required")
    return assessment


def values_for(signs: VitalSigns, assessment: vitals.VitalAssessment, reason: str | None) -> dict[str, Any]:
    """The stored columns of an assessed set (all but its infusion, patient and time-point slot)."""
    news = assessment.news2
    temperature = recorded(signs.temperature) if signs.temperature is not None else None
    return {
        "measured_at": signs.measured_at, "offset_min": signs.time_point_min,
        "systolic_mmhg": signs.systolic_mmhg, "diastolic_mmhg": signs.diastolic_mmhg,
        "pulse_per_min": signs.pulse_per_min, "resp_rate_per_min": signs.resp_rate_per_min,
        **stored.quantity_values("temperature", temperature),
        "spo2_pct": signs.spo2_pct, "spo2_scale": signs.spo2_scale, "oxygen_device": signs.oxygen.device,
        "o2_flow_l_min": signs.oxygen.flow_l_min, "vasopressors": signs.vasopressors,
        "acvpu": signs.acvpu.upper() if signs.acvpu else None,
        "news2_score": news.score if news else None, "news2_risk": news.risk if news else None,
        "news2_json": news.to_json() if news else None,
        "findings_json": [asdict(f) for f in assessment.findings], "reason": (reason or "").strip(),
        # vasopressin (m022): written when running, so a file built step by step still takes sets
        **({"vasopressin": True} if signs.vasopressin else {}),
    }


def _raise_alerts(tx: Transaction, set_id: int, infusion: sqlite3.Row, assessment: vitals.VitalAssessment) -> None:
    """An alert row for each critical finding not yet alerted on this set."""
    for finding in assessment.alerts:
        if stored.alert_raised(tx, set_id, finding.name):
            continue
        tx.insert("vital_alerts", {"vital_set_id": set_id, "infusion_id": infusion["id"],
                                   "patient_id": infusion["patient_id"], "finding": finding.name,
                                   "value": finding.value, "low": finding.low, "high": finding.high,
                                   "raised_at": tx.at_local})


def _row(tx: Transaction, table: str, rid: int) -> sqlite3.Row:
    row = tx.row(table, rid)
    if row is None:
        raise RecordNotFound(f"{table} #{rid} does not exist", table=table, record_id=rid)
    return row
