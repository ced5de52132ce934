"""The ward's records as plain frozen dataclasses: what storage returns and the window shows.

Standard library only, so every layer may import it (rules, storage, services, forms, ui). Storage
turns rows into these; services hand them to the window; nothing here touches a database, pint or
Qt. Quantities are kept as recorded: the text as entered, its number and unit, and the value in the
analyte's canonical unit (`nkdesk.rules.analytes.ANALYTES` names that unit).

The records live in three modules (people: users, signatures, audit entries; records: the patient
record and treatment; bedside: infusions, vital signs, adverse events, proposals and stops) and are
all importable from here; this module adds the patient list's line, the chart and what a save returns.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nkdesk.domain.bedside import (
    AdverseEvent,
    AeProposal,
    AeReport,
    Infusion,
    StopProposal,
    SuspensionLift,
    VitalAlert,
    VitalSignSet,
)
from nkdesk.domain.people import Actor, AuditEntry, Role, Signature, SignatureCheck, User
from nkdesk.domain.records import (
    BodyMeasurement,
    Discontinuation,
    DoseCheck,
    DoseOrderDetails,
    DoseOrderRecord,
    DosingStatus,
    EligibilityAssessment,
    Enrolment,
    LabResult,
    LabSet,
    Patient,
    RecordedQuantity,
    SyringeUse,
    TreatmentCycle,
    TreatmentEvent,
)

__all__ = [
    "Actor", "AdverseEvent", "AeProposal", "AeReport", "AuditEntry", "BodyMeasurement", "Changes", "Discontinuation",
    "DoseCheck",
    "DoseOrderDetails", "DoseOrderRecord", "DosingStatus", "EligibilityAssessment", "Enrolment", "Infusion",
    "LabResult", "LabSet", "PATIENT_STATES", "Patient", "PatientChart", "PatientSummary", "RecordedQuantity", "Role",
    "Saved", "Signature", "SignatureCheck", "StopProposal", "SuspensionLift", "SyringeUse", "TreatmentCycle",
    "TreatmentEvent", "User", "VitalAlert", "VitalSignSet",
]


PATIENT_STATES = {
    "screening": "screening",
    "screen_failed": "not eligible",
    "eligible_awaiting_dose": "eligible, awaiting dose",
    "on_treatment": "on treatment",
    "mid_infusion": "mid-infusion",
    "suspended": "suspended",
    "discontinued": "discontinued",
    "completed": "completed",
}


@dataclass(frozen=True)
class PatientSummary:
    """One line of the patient list."""

    id: int
    study_id: str
    initials: str
    hospital_id: str | None
    state: str
    next_event_on: date | None = None      # the earliest treatment event still planned
    next_event_kind: str | None = None
    due_today: int = 0                      # planned treatment events dated today (patients.roster)
    overdue: int = 0                        # planned treatment events dated before today


@dataclass(frozen=True)
class PatientChart:
    """Everything stored about one patient, loaded in one read."""

    patient: Patient
    enrolment: Enrolment | None
    state: str
    lab_sets: tuple[LabSet, ...]
    body_measurements: tuple[BodyMeasurement, ...]
    assessments: tuple[EligibilityAssessment, ...]
    cycles: tuple[TreatmentCycle, ...]
    events: tuple[TreatmentEvent, ...]
    dose_orders: tuple[DoseOrderRecord, ...]
    discontinuations: tuple[Discontinuation, ...]
    signatures: tuple[SignatureCheck, ...]
    infusions: tuple[Infusion, ...] = ()
    vital_sets: tuple[VitalSignSet, ...] = ()
    adverse_events: tuple[AdverseEvent, ...] = ()
    ae_proposals: tuple[AeProposal, ...] = ()
    stop_proposals: tuple[StopProposal, ...] = ()
    suspension_lifts: tuple[SuspensionLift, ...] = ()


@dataclass(frozen=True)
class Changes:
    """What one save changed, so each view can decide whether to refresh (Anki's OpChanges)."""

    tables: frozenset[str] = frozenset()
    records: frozenset[tuple[str, int | str]] = frozenset()
    patient_ids: frozenset[int] = frozenset()
    audit_seqs: tuple[int, int] | None = None   # first and last audit row written

    def concerns(self, *, table: str | None = None, patient_id: int | None = None) -> bool:
        if table is not None and table not in self.tables:
            return False
        if patient_id is not None and patient_id not in self.patient_ids:
            return False
        return bool(self.tables)


@dataclass(frozen=True)
class Saved:
    """A service's answer: the record as now stored, and what changed."""

    value: Any
    changes: Changes = field(default_factory=Changes)
