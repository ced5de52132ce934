"""Eligibility assessments, treatment cycles and events, stops, and dose orders as stored.

Row ↔ dataclass conversion and the inserts for these tables; the workflow rules (who may sign,
prescriber ≠ verifier, statuses) are in the services and in `Transaction`/`roles`.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from nkdesk.domain import (
    Discontinuation,
    DoseOrderDetails,
    DoseOrderRecord,
    EligibilityAssessment,
    SuspensionLift,
    SyringeUse,
    TreatmentCycle,
    TreatmentEvent,
)

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader
    from nkdesk.storage.transaction import Transaction


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# ------------------------------------------------------------------------------ eligibility assessments
def assessment_from_row(row: sqlite3.Row) -> EligibilityAssessment:
    eligible = None if row["eligible"] is None else bool(row["eligible"])
    return EligibilityAssessment(row["id"], row["patient_id"], row["protocol_id"], _date(row["assessed_on"]),
                                 json.loads(row["inputs_json"]), json.loads(row["result_json"]), eligible,
                                 row["status"], row["version"])


def assessments(reader: Reader, patient_id: int) -> tuple[EligibilityAssessment, ...]:
    """`reader`: the Store or a Transaction (also below)."""
    rows = reader.rows("SELECT * FROM eligibility_assessments WHERE patient_id = ? ORDER BY id", (patient_id,))
    return tuple(assessment_from_row(r) for r in rows)


def assessment(reader: Reader, assessment_id: int) -> EligibilityAssessment | None:
    row = reader.one("SELECT * FROM eligibility_assessments WHERE id = ?", (assessment_id,))
    return assessment_from_row(row) if row else None


# ------------------------------------------------------------------------------ cycles, events, stops
def cycle_from_row(row: sqlite3.Row) -> TreatmentCycle:
    return TreatmentCycle(row["id"], row["patient_id"], row["protocol_id"], row["number"],
                          _date(row["planned_apheresis_on"]), _date(row["actual_apheresis_on"]), row["status"],
                          row["version"])


def event_from_row(row: sqlite3.Row) -> TreatmentEvent:
    return TreatmentEvent(row["id"], row["cycle_id"], row["patient_id"], row["kind"], row["culture_day"],
                          _date(row["planned_on"]), _date(row["actual_on"]), row["status"], row["note"],
                          row["version"])


def discontinuation_from_row(row: sqlite3.Row) -> Discontinuation:
    return Discontinuation(row["id"], row["patient_id"], row["kind"], row["reason_code"], row["details"],
                           date.fromisoformat(row["decided_on"]), row["version"])


def cycles(reader: Reader, patient_id: int) -> tuple[TreatmentCycle, ...]:
    """`reader`: the Store or a Transaction (also below)."""
    rows = reader.rows("SELECT * FROM treatment_cycles WHERE patient_id = ? ORDER BY number", (patient_id,))
    return tuple(cycle_from_row(r) for r in rows)


def events(reader: Reader, patient_id: int) -> tuple[TreatmentEvent, ...]:
    rows = reader.rows("SELECT * FROM treatment_events WHERE patient_id = ? "
                       "ORDER BY coalesce(actual_on, planned_on), culture_day, id", (patient_id,))
    return tuple(event_from_row(r) for r in rows)


def event(reader: Reader, event_id: int) -> TreatmentEvent | None:
    row = reader.one("SELECT * FROM treatment_events WHERE id = ?", (event_id,))
    return event_from_row(row) if row else None


def infusion_event_of_cycle(reader: Reader, cycle_id: int) -> TreatmentEvent | None:
    """The cycle's first infusion event that is not cancelled."""
    row = reader.one("SELECT * FROM treatment_events WHERE cycle_id = ? AND kind = 'infusion' "
                     "AND status <> 'cancelled' ORDER BY id LIMIT 1", (cycle_id,))
    return event_from_row(row) if row else None


def planned_events_from(reader: Reader, patient_id: int, day: date) -> tuple[TreatmentEvent, ...]:
    """Events still planned on or after `day`."""
    rows = reader.rows("SELECT * FROM treatment_events WHERE patient_id = ? AND status = 'planned' "
                       "AND planned_on >= ? ORDER BY id", (patient_id, day.isoformat()))
    return tuple(event_from_row(r) for r in rows)


def treatment_started(reader: Reader, patient_id: int) -> bool:
    """Some event of the patient is in progress or done."""
    return reader.one("SELECT 1 FROM treatment_events WHERE patient_id = ? AND status IN ('in_progress', 'done') "
                      "LIMIT 1", (patient_id,)) is not None


def first_treatment_day(reader: Reader, patient_id: int) -> date | None:
    """The earliest actual date of an event in progress or done: the day treatment started."""
    row = reader.one("SELECT min(actual_on) FROM treatment_events WHERE patient_id = ? "
                     "AND status IN ('in_progress', 'done') AND actual_on IS NOT NULL", (patient_id,))
    return _date(row[0]) if row else None


def treated_patients(store: Reader, patient_ids: list[int] | None) -> int:
    """How many of the patients (all, if None) have an event in progress or done."""
    where, params = scope("patient_id", patient_ids)
    row = store.one(f"SELECT count(DISTINCT patient_id) FROM treatment_events WHERE {where} "
                    "AND status IN ('in_progress', 'done')", params)
    return int(row[0]) if row else 0


def infusion_days(reader: Reader, patient_id: int) -> dict[int, date]:
    """Cycle number → the day its infusion was given (started, else its treatment event's actual day)."""
    rows = reader.rows(
        "SELECT c.number, i.started_at, e.actual_on FROM treatment_cycles c "
        "LEFT JOIN infusions i ON i.cycle_id = c.id "
        "LEFT JOIN treatment_events e ON e.cycle_id = c.id AND e.kind = 'infusion' "
        "AND e.status IN ('in_progress', 'done') "
        "WHERE c.patient_id = ?", (patient_id,))
    days: dict[int, date] = {}
    for number, started, actual in rows:
        when = datetime.fromisoformat(started).date() if started else _date(actual)
        if when is not None:
            days[number] = when
    return days


def discontinuations(reader: Reader, patient_id: int) -> tuple[Discontinuation, ...]:
    rows = reader.rows("SELECT * FROM discontinuations WHERE patient_id = ? ORDER BY decided_on, id", (patient_id,))
    return tuple(discontinuation_from_row(r) for r in rows)


def suspension_lifted(reader: Reader, discontinuation_id: int) -> bool:
    return reader.one("SELECT 1 FROM suspension_lifts WHERE discontinuation_id = ?",
                      (discontinuation_id,)) is not None


def scope(column: str, ids: list[int] | None) -> tuple[str, list[int]]:
    """A WHERE clause limiting `column` to `ids` (None: no limit)."""
    if ids is None:
        return "1", []
    return f"{column} IN ({', '.join('?' for _ in ids) or 'NULL'})", [int(i) for i in ids]


# ------------------------------------------------------------------------------ dose orders
def dose_order_details(data: Mapping[str, Any]) -> DoseOrderDetails:
    """The stored order JSON (`rules.dosing.DoseOrder.to_json()`) as a typed record."""
    def number(key: str) -> float | None:
        value = data.get(key)
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    days = data.get("gcsf_days")
    tolerance = data.get("within_tolerance")
    syringes = tuple(SyringeUse(float(s["strength_ug"]), int(s["count"]),
                                float(s["volume_ml_each"]) if s.get("volume_ml_each") is not None else None,
                                str(s.get("name", "")))
                     for s in data.get("syringes") or () if isinstance(s, Mapping))
    return DoseOrderDetails(
        formula=data.get("formula"), height_cm=number("height_cm"), weight_kg=number("weight_kg"),
        bsa_m2=number("bsa_m2"), dose_per_m2_ug=number("dose_per_m2_ug"), daily_dose_ug=number("daily_dose_ug"),
        delivered_ug=number("delivered_ug"), deviation_pct=number("deviation_pct"),
        within_tolerance=tolerance if isinstance(tolerance, bool) else None, tolerance_pct=number("tolerance_pct"),
        gcsf_days=days if isinstance(days, int) and not isinstance(days, bool) else None,
        apheresis=_date(data.get("apheresis")), course=tuple(date.fromisoformat(d) for d in data.get("course") or ()),
        split_daily_dose=bool(data.get("split_daily_dose")), syringes=syringes)


def dose_order_from_row(row: sqlite3.Row) -> DoseOrderRecord:
    data = json.loads(row["order_json"])
    return DoseOrderRecord(row["id"], row["patient_id"], row["cycle_id"], dose_order_details(data), row["status"],
                           row["prescriber_id"], row["verifier_id"], row["decision_note"], row["cancel_reason"],
                           row["version"], data)


def dose_orders(reader: Reader, patient_id: int) -> tuple[DoseOrderRecord, ...]:
    """`reader`: the Store or a Transaction (also below)."""
    rows = reader.rows("SELECT * FROM dose_orders WHERE patient_id = ? ORDER BY id", (patient_id,))
    return tuple(dose_order_from_row(r) for r in rows)


def dose_order(reader: Reader, order_id: int) -> DoseOrderRecord | None:
    row = reader.one("SELECT * FROM dose_orders WHERE id = ?", (order_id,))
    return dose_order_from_row(row) if row else None


def insert_dose_order(tx: Transaction, patient_id: int, cycle_id: int | None, order_json: Mapping[str, Any],
                      status: str, prescriber_id: int) -> int:
    return tx.insert("dose_orders", {"patient_id": patient_id, "cycle_id": cycle_id, "order_json": dict(order_json),
                                     "status": status, "prescriber_id": prescriber_id})


def treatment_stop(reader: Reader, patient_id: int) -> sqlite3.Row | None:
    """The stop in force for the patient, from the enrolment status (the state the database's own
    triggers check): a row with `kind` ('discontinued' or 'suspended') and `decided_on`, or None.
    `reader` is a Store or a Transaction (both have `one`)."""
    return reader.one("SELECT e.status AS kind, (SELECT max(d.decided_on) FROM discontinuations d "
                      "WHERE d.patient_id = e.patient_id AND d.kind = e.status) AS decided_on FROM enrolments e "
                      "WHERE e.patient_id = ? AND e.status IN ('discontinued', 'suspended') "
                      "ORDER BY CASE e.status WHEN 'discontinued' THEN 0 ELSE 1 END LIMIT 1", (patient_id,))


def suspension_lifts(reader: Reader, patient_id: int) -> tuple[SuspensionLift, ...]:
    rows = reader.rows("SELECT * FROM suspension_lifts WHERE patient_id = ? ORDER BY id", (patient_id,))
    return tuple(SuspensionLift(r["id"], r["discontinuation_id"], r["patient_id"], date.fromisoformat(r["lifted_on"]),
                                r["reason"], r["version"]) for r in rows)
