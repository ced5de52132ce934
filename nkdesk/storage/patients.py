"""Patients and enrolments as stored: lookup, search as you type, state, and the whole chart.

Search matches the start of the study ID, initials or hospital ID, case-insensitively; the columns
are `COLLATE NOCASE` with indexes, so SQLite answers a prefix LIKE from the index.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from nkdesk.domain import Enrolment, Patient, PatientChart, PatientSummary
from nkdesk.storage import adverse_events, infusions, measurements, records, signatures

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader
    from nkdesk.storage.store import Store

TERMINAL = {"discontinued", "suspended", "screen_failed", "completed"}


def from_row(row: sqlite3.Row) -> Patient:
    birth = date.fromisoformat(row["birth_date"]) if row["birth_date"] else None
    return Patient(row["id"], row["study_id"], row["initials"], birth, row["sex"], row["hospital_id"], row["version"])


def get(store: Reader, patient_id: int) -> Patient | None:
    row = store.one("SELECT * FROM patients WHERE id = ?", (patient_id,))
    return from_row(row) if row else None


def study_id_owner(reader: Reader, study_id: str) -> int | None:
    """The id of the patient with this study ID, if any (`reader`: the Store or a Transaction)."""
    row = reader.one("SELECT id FROM patients WHERE study_id = ?", (study_id,))
    return None if row is None else int(row[0])


def sex(reader: Reader, patient_id: int) -> str | None:
    row = reader.one("SELECT sex FROM patients WHERE id = ?", (patient_id,))
    return None if row is None else row[0]


def by_study_id(store: Reader, study_id: str) -> Patient | None:
    row = store.one("SELECT * FROM patients WHERE study_id = ?", (study_id.strip(),))
    return from_row(row) if row else None


def _enrolment(row: sqlite3.Row) -> Enrolment:
    enrolled = date.fromisoformat(row["enrolled_on"]) if row["enrolled_on"] else None
    return Enrolment(row["id"], row["patient_id"], row["protocol_id"], row["status"], enrolled, row["version"])


def enrolment(reader: Reader, patient_id: int) -> Enrolment | None:
    """The patient's latest enrolment (`reader`: the Store or a Transaction)."""
    row = reader.one("SELECT * FROM enrolments WHERE patient_id = ? ORDER BY id DESC LIMIT 1", (patient_id,))
    return None if row is None else _enrolment(row)


def enrolments(reader: Reader, patient_id: int, *, protocol_id: str | None = None,
               status: str | None = None) -> tuple[Enrolment, ...]:
    """The patient's enrolments, oldest first: in one protocol and/or with one status, if given."""
    sql, params = "SELECT * FROM enrolments WHERE patient_id = ?", list[object]([patient_id])
    if protocol_id is not None:
        sql, params = sql + " AND protocol_id = ?", [*params, protocol_id]
    if status is not None:
        sql, params = sql + " AND status = ?", [*params, status]
    return tuple(_enrolment(r) for r in reader.rows(sql + " ORDER BY id", params))


def state_of(enrolment_status: str | None, infusing: bool) -> str:
    """The patient's state code (domain.PATIENT_STATES) from the enrolment and any running infusion."""
    if enrolment_status in TERMINAL:
        return enrolment_status
    if infusing:
        return "mid_infusion"
    if enrolment_status == "eligible":
        return "eligible_awaiting_dose"
    return enrolment_status or "screening"


_SUMMARY = """
SELECT p.id, p.study_id, p.initials, p.hospital_id,
  (SELECT status FROM enrolments e WHERE e.patient_id = p.id ORDER BY e.id DESC LIMIT 1) AS enrolment_status,
  EXISTS (SELECT 1 FROM treatment_events t WHERE t.patient_id = p.id AND t.kind = 'infusion'
          AND t.status = 'in_progress') AS infusing,
  (SELECT t.planned_on || ' ' || t.kind FROM treatment_events t WHERE t.patient_id = p.id
          AND t.status = 'planned' ORDER BY t.planned_on, t.id LIMIT 1) AS next_event
FROM patients p
"""


def _summary(row: sqlite3.Row) -> PatientSummary:
    next_on, next_kind = None, None
    if row["next_event"]:
        text, _, next_kind = row["next_event"].partition(" ")
        next_on = date.fromisoformat(text)
    return PatientSummary(row["id"], row["study_id"], row["initials"], row["hospital_id"],
                          state_of(row["enrolment_status"], bool(row["infusing"])), next_on, next_kind or None)


def search(store: Reader, text: str, limit: int = 50) -> list[PatientSummary]:
    """Patients whose study ID, initials or hospital ID starts with `text` (all if empty)."""
    text = (text or "").strip()
    if not text:
        rows = store.rows(_SUMMARY + " ORDER BY p.study_id LIMIT ?", (limit,))
    else:
        pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = store.rows(_SUMMARY + " WHERE p.study_id LIKE ?1 ESCAPE '\\' OR p.initials LIKE ?1 ESCAPE '\\' "
                                     "OR p.hospital_id LIKE ?1 ESCAPE '\\' ORDER BY p.study_id LIMIT ?2",
                          (pattern, limit))
    return [_summary(r) for r in rows]


_ROSTER = """
SELECT p.id, p.study_id, p.initials, p.hospital_id,
  (SELECT status FROM enrolments e WHERE e.patient_id = p.id ORDER BY e.id DESC LIMIT 1) AS enrolment_status,
  EXISTS (SELECT 1 FROM treatment_events t WHERE t.patient_id = p.id AND t.kind = 'infusion'
          AND t.status = 'in_progress') AS infusing,
  (SELECT t.planned_on || ' ' || t.kind FROM treatment_events t WHERE t.patient_id = p.id
          AND t.status = 'planned' ORDER BY t.planned_on, t.id LIMIT 1) AS next_event,
  (SELECT count(*) FROM treatment_events t WHERE t.patient_id = p.id AND t.status = 'planned'
          AND t.planned_on = ?1) AS due_today,
  (SELECT count(*) FROM treatment_events t WHERE t.patient_id = p.id AND t.status = 'planned'
          AND t.planned_on < ?1) AS overdue
FROM patients p ORDER BY p.study_id
"""


def roster(store: Reader, today: date) -> list[PatientSummary]:
    """Every patient (no limit), by study ID, with how many planned treatment events are dated
    `today` and how many before it (the list's "due today" and "overdue" filters)."""
    rows = store.rows(_ROSTER, (today.isoformat(),))
    found = []
    for pid, study_id, initials, hospital_id, status, infusing, next_event, due_today, overdue in rows:
        next_on, _, next_kind = (next_event or "").partition(" ")
        found.append(PatientSummary(pid, study_id, initials, hospital_id, state_of(status, bool(infusing)),
                                    date.fromisoformat(next_on) if next_on else None, next_kind or None,
                                    due_today, overdue))
    return found


def summary(store: Reader, patient_id: int) -> PatientSummary | None:
    row = store.one(_SUMMARY + " WHERE p.id = ?", (patient_id,))
    return _summary(row) if row else None


def chart(store: Store, patient_id: int, *, report_rule: adverse_events.ReportRule) -> PatientChart | None:
    """Everything about one patient, read in one consistent snapshot (`report_rule`: see
    adverse_events.ReportRule)."""
    with store.reading():
        patient = get(store, patient_id)
        found = summary(store, patient_id)
        if patient is None or found is None:
            return None
        assessments = records.assessments(store, patient_id)
        orders = records.dose_orders(store, patient_id)
        stops = records.discontinuations(store, patient_id)
        lifts = records.suspension_lifts(store, patient_id)
        checks = (signatures.checks_for(store, "eligibility_assessments", [a.id for a in assessments])
                  + signatures.checks_for(store, "dose_orders", [o.id for o in orders])
                  + signatures.checks_for(store, "discontinuations", [d.id for d in stops])
                  + signatures.checks_for(store, "suspension_lifts", [x.id for x in lifts]))
        return PatientChart(
            patient=patient, enrolment=enrolment(store, patient_id), state=found.state,
            lab_sets=measurements.lab_sets(store, patient_id),
            body_measurements=measurements.body_measurements(store, patient_id),
            assessments=assessments, cycles=records.cycles(store, patient_id),
            events=records.events(store, patient_id), dose_orders=orders, discontinuations=stops,
            signatures=tuple(checks), infusions=infusions.infusions(store, patient_id),
            vital_sets=infusions.patient_vital_sets(store, patient_id),
            adverse_events=adverse_events.events(store, patient_id, report_rule),
            ae_proposals=adverse_events.proposals(store, patient_id),
            stop_proposals=adverse_events.stop_proposals(store, patient_id), suspension_lifts=lifts)
