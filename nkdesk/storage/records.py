"""Eligibility assessments, treatment cycles and events, stops, and dose orders as stored.

Row ↔ dataclass conversion and the inserts for these tables; the workflow rules (who may sign,
prescriber ≠ verifier, statuses) are in the services and in `Transaction`/`roles`.
"""
from __future__ import annotations

import json
from datetime import date

from nkdesk.domain import (
    Discontinuation,
    DoseOrderRecord,
    EligibilityAssessment,
    SuspensionLift,
    TreatmentCycle,
    TreatmentEvent,
)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# ------------------------------------------------------------------------------ eligibility assessments
def assessment_from_row(row) -> EligibilityAssessment:
    eligible = None if row["eligible"] is None else bool(row["eligible"])
    return EligibilityAssessment(row["id"], row["patient_id"], row["protocol_id"], _date(row["assessed_on"]),
                                 json.loads(row["inputs_json"]), json.loads(row["result_json"]), eligible,
                                 row["status"], row["version"])


def assessments(store, patient_id: int) -> tuple[EligibilityAssessment, ...]:
    rows = store.rows("SELECT * FROM eligibility_assessments WHERE patient_id = ? ORDER BY id", (patient_id,))
    return tuple(assessment_from_row(r) for r in rows)


def assessment(store, assessment_id: int) -> EligibilityAssessment | None:
    row = store.one("SELECT * FROM eligibility_assessments WHERE id = ?", (assessment_id,))
    return assessment_from_row(row) if row else None


# ------------------------------------------------------------------------------ cycles, events, stops
def cycle_from_row(row) -> TreatmentCycle:
    return TreatmentCycle(row["id"], row["patient_id"], row["protocol_id"], row["number"],
                          _date(row["planned_apheresis_on"]), _date(row["actual_apheresis_on"]), row["status"],
                          row["version"])


def event_from_row(row) -> TreatmentEvent:
    return TreatmentEvent(row["id"], row["cycle_id"], row["patient_id"], row["kind"], row["culture_day"],
                          _date(row["planned_on"]), _date(row["actual_on"]), row["status"], row["note"],
                          row["version"])


def discontinuation_from_row(row) -> Discontinuation:
    return Discontinuation(row["id"], row["patient_id"], row["kind"], row["reason_code"], row["details"],
                           date.fromisoformat(row["decided_on"]), row["version"])


def cycles(store, patient_id: int) -> tuple[TreatmentCycle, ...]:
    rows = store.rows("SELECT * FROM treatment_cycles WHERE patient_id = ? ORDER BY number", (patient_id,))
    return tuple(cycle_from_row(r) for r in rows)


def events(store, patient_id: int) -> tuple[TreatmentEvent, ...]:
    rows = store.rows("SELECT * FROM treatment_events WHERE patient_id = ? "
                      "ORDER BY coalesce(actual_on, planned_on), culture_day, id", (patient_id,))
    return tuple(event_from_row(r) for r in rows)


def event(store, event_id: int) -> TreatmentEvent | None:
    row = store.one("SELECT * FROM treatment_events WHERE id = ?", (event_id,))
    return event_from_row(row) if row else None


def discontinuations(store, patient_id: int) -> tuple[Discontinuation, ...]:
    rows = store.rows("SELECT * FROM discontinuations WHERE patient_id = ? ORDER BY decided_on, id", (patient_id,))
    return tuple(discontinuation_from_row(r) for r in rows)


# ------------------------------------------------------------------------------ dose orders
def dose_order_from_row(row) -> DoseOrderRecord:
    return DoseOrderRecord(row["id"], row["patient_id"], row["cycle_id"], json.loads(row["order_json"]),
                           row["status"], row["prescriber_id"], row["verifier_id"], row["decision_note"],
                           row["cancel_reason"], row["version"])


def dose_orders(store, patient_id: int) -> tuple[DoseOrderRecord, ...]:
    rows = store.rows("SELECT * FROM dose_orders WHERE patient_id = ? ORDER BY id", (patient_id,))
    return tuple(dose_order_from_row(r) for r in rows)


def dose_order(store, order_id: int) -> DoseOrderRecord | None:
    row = store.one("SELECT * FROM dose_orders WHERE id = ?", (order_id,))
    return dose_order_from_row(row) if row else None


def treatment_stop(reader, patient_id: int):
    """The stop in force for the patient, from the enrolment status (the state the database's own
    triggers check): a row with `kind` ('discontinued' or 'suspended') and `decided_on`, or None.
    `reader` is a Store or a Transaction (both have `one`)."""
    return reader.one("SELECT e.status AS kind, (SELECT max(d.decided_on) FROM discontinuations d "
                      "WHERE d.patient_id = e.patient_id AND d.kind = e.status) AS decided_on FROM enrolments e "
                      "WHERE e.patient_id = ? AND e.status IN ('discontinued', 'suspended') "
                      "ORDER BY CASE e.status WHEN 'discontinued' THEN 0 ELSE 1 END LIMIT 1", (patient_id,))


def suspension_lifts(store, patient_id: int) -> tuple[SuspensionLift, ...]:
    rows = store.rows("SELECT * FROM suspension_lifts WHERE patient_id = ? ORDER BY id", (patient_id,))
    return tuple(SuspensionLift(r["id"], r["discontinuation_id"], r["patient_id"], date.fromisoformat(r["lifted_on"]),
                                r["reason"], r["version"]) for r in rows)
