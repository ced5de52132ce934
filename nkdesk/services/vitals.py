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
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Actor, Saved, VitalAlert, VitalSignSet
from nkdesk.rules import protocol, vitals
from nkdesk.rules.errors import InputError
from nkdesk.rules.quantities import recorded
from nkdesk.rules.vitals import Oxygen, VitalSigns
from nkdesk.services import ae_proposals
from nkdesk.storage import infusions as stored
from nkdesk.storage import settings as stored_settings
from nkdesk.storage import users as stored_users
from nkdesk.storage.errors import RecordNotFound, RuleViolation

if TYPE_CHECKING:
    from nkdesk.domain.settings import SiteSettings
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction

TABLE = "vital_sign_sets"


def record_vital_signs(store: Store, actor: Actor, infusion_id: int, signs: VitalSigns, *, reason: str = "",
                       extra: bool = False) -> Saved:
    """Save one set: a scheduled one (`signs.time_point_min` is one of the infusion's time points)
    or, with extra=True, an extra set (numbered; `time_point_min` = minutes since the start, if known)."""
    settings = stored_settings.load(store.conn)
    assessment = _assessed(signs, settings, reason)
    with store.write(actor, "vitals.record") as tx:
        infusion = _row(tx, "infusions", infusion_id)
        slot: dict[str, Any] = {"scheduled_min": None, "extra_number": None}
        if extra:
            slot["extra_number"] = stored.last_extra_number(tx, infusion_id) + 1
        else:
            offsets = [p.offset_min for p in time_points(tx, infusion_id, settings)]
            if signs.time_point_min not in offsets:
                raise InputError("time_point_min", f"{signs.time_point_min} is not one of this infusion's time "
                                                   f"points ({', '.join(map(str, offsets))} min): add an extra set",
                                 code="not_a_time_point")
            if stored.scheduled_set_exists(tx, infusion_id, signs.time_point_min):
                raise RuleViolation(f"the {vitals.time_point_label(signs.time_point_min)} set is recorded already: "
                                    "correct it instead")
            slot["scheduled_min"] = signs.time_point_min
        sid = tx.insert(TABLE, {"infusion_id": infusion_id, "patient_id": infusion["patient_id"], **slot,
                                **values_for(signs, assessment, reason)})
        _raise_alerts(tx, sid, infusion, assessment)
        if signs.temperature is not None:
            ae_proposals.refresh_fever(tx, infusion["patient_id"])
    return Saved(stored.vital_set(store, sid), tx.changes)


def correct_vital_signs(store: Store, actor: Actor, set_id: int, signs: VitalSigns, expected_version: int, *,
                        correction_reason: str, reason: str | None = None) -> Saved:
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
        infusion = _row(tx, "infusions", current.infusion_id)
        values = values_for(signs, assessment, reason)
        if current.vasopressin and not signs.vasopressin:
            values["vasopressin"] = False                  # a correction that stops it is kept too
        if current.scheduled_min is not None:
            values["offset_min"] = current.scheduled_min   # a scheduled set stays at its time point
        tx.update(TABLE, set_id, values, expected_version=expected_version)
        _raise_alerts(tx, set_id, infusion, assessment)
        ae_proposals.refresh_fever(tx, current.patient_id)
    return Saved(stored.vital_set(store, set_id), tx.changes)


def acknowledge_alerts(store: Store, actor: Actor, set_id: int, *, note: str = "") -> Saved:
    """The signed-in user acknowledges every open alert of one set: who and when are recorded."""
    with store.write(actor, "vitals.acknowledge") as tx:
        _row(tx, TABLE, set_id)
        alerts = stored.alerts_of_set(tx, set_id)
        pending = [a.id for a in alerts if a.open]
        if not pending:
            done = [f"{a.acknowledged_by_name} at {a.acknowledged_at.isoformat() if a.acknowledged_at else '?'}"
                    for a in alerts]
            raise RuleViolation("no open alert on this set" + (f" (acknowledged by {done[-1]})" if done else ""))
        name = stored_users.full_name(tx, actor.id)
        for alert_id in pending:
            tx.update("vital_alerts", alert_id, {"acknowledged_by": actor.id, "acknowledged_by_name": name,
                                                 "acknowledged_at": tx.at_local, "note": (note or "").strip()},
                      expected_version=None)
    return Saved(stored.vital_set(store, set_id), tx.changes)


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
