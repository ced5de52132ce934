"""The ward's records as plain frozen dataclasses: what storage returns and the window shows.

Standard library only, so every layer may import it (rules, storage, services, forms, ui). Storage
turns rows into these; services hand them to the window; nothing here touches a database, pint or
Qt. Quantities are kept as recorded: the text as entered, its number and unit, and the value in the
analyte's canonical unit (`nkdesk.rules.analytes.ANALYTES` names that unit).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Mapping


class Role(str, Enum):
    """What a user may do (the full table is `nkdesk.storage.roles.PERMISSIONS`)."""

    INVESTIGATOR = "investigator"        # a physician: signs eligibility, prescribes, decides stops
    PHARMACIST = "pharmacist"            # verifies dose orders, decides on out-of-tolerance plans
    RESEARCH_NURSE = "research_nurse"    # records measurements, vital signs, infusions, AEs
    ADMINISTRATOR = "administrator"      # manages users and settings; signs no clinical record

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class User:
    """A person who signs in, or (id None, role None) the operating-system user of a CLI command."""

    id: int | None
    username: str
    full_name: str
    role: Role | None
    active: bool = True
    version: int = 1

    @property
    def is_os_user(self) -> bool:
        return self.id is None

    @classmethod
    def os_user(cls, login: str) -> "User":
        return cls(None, f"os:{login}", login, None)


@dataclass(frozen=True)
class RecordedQuantity:
    """A measured value as entered ("15.2 10^4/uL") and in the canonical unit (152.0 10^9/L)."""

    text: str
    value: float
    unit: str
    canonical_value: float
    canonical_unit: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Patient:
    id: int
    study_id: str
    initials: str
    birth_date: date | None
    sex: str | None
    hospital_id: str | None
    version: int = 1


@dataclass(frozen=True)
class Enrolment:
    """A patient in a protocol; `status` moves screening → eligible → on_treatment → …"""

    id: int
    patient_id: int
    protocol_id: str
    status: str
    enrolled_on: date | None
    version: int = 1


@dataclass(frozen=True)
class LabResult:
    id: int
    lab_set_id: int
    patient_id: int
    analyte: str
    quantity: RecordedQuantity


@dataclass(frozen=True)
class LabSet:
    """The results of one blood sample."""

    id: int
    patient_id: int
    sampled_on: date
    note: str
    results: tuple[LabResult, ...]
    version: int = 1

    def get(self, analyte: str) -> LabResult | None:
        return next((r for r in self.results if r.analyte == analyte), None)


@dataclass(frozen=True)
class BodyMeasurement:
    id: int
    patient_id: int
    measured_on: date
    kind: str                    # "height" or "weight" (an analyte name)
    quantity: RecordedQuantity
    version: int = 1


@dataclass(frozen=True)
class EligibilityAssessment:
    """An assessment as saved: every input as entered (text and unit) and the engine's result."""

    id: int
    patient_id: int
    protocol_id: str
    assessed_on: date | None
    inputs: Mapping[str, Any]    # path → {"text": …} or {"text", "value", "unit", "canonical_value", …}
    result: Mapping[str, Any]    # EligibilityResult.to_json()
    eligible: bool | None
    status: str                  # draft / signed
    version: int = 1


@dataclass(frozen=True)
class Signature:
    """An electronic signature bound to a record's content hash and to the audit chain's head."""

    id: int
    table: str
    record_id: int
    meaning: str                 # "eligibility confirmed", "dose verified", …
    signer_id: int
    signer_username: str
    signer_name: str
    signer_role: str
    signed_at_utc: str
    signed_at_local: str
    workstation: str
    content_hash: str
    anchor_count: int
    anchor_head: str


@dataclass(frozen=True)
class SignatureCheck:
    """A signature and whether the record still has the content that was signed."""

    signature: Signature
    valid: bool


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at_utc: str
    at_local: str
    user_id: int | None
    username: str
    role: str | None
    workstation: str
    action: str
    op: str                      # insert / update / delete / event
    table: str
    record_id: str
    field: str | None
    old: Any
    new: Any
    reason: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class TreatmentCycle:
    id: int
    patient_id: int
    protocol_id: str
    number: int
    planned_apheresis_on: date | None
    actual_apheresis_on: date | None
    status: str                  # planned / in_progress / completed / cancelled
    version: int = 1


@dataclass(frozen=True)
class TreatmentEvent:
    """One dated step of a cycle (gcsf, apheresis, medium_add, …, infusion, followup)."""

    id: int
    cycle_id: int
    patient_id: int
    kind: str
    culture_day: int | None
    planned_on: date | None
    actual_on: date | None
    status: str                  # planned / in_progress / done / cancelled
    note: str
    version: int = 1


@dataclass(frozen=True)
class Discontinuation:
    """An investigator's decision to stop or suspend a patient's protocol treatment."""

    id: int
    patient_id: int
    kind: str                    # discontinued / suspended
    reason_code: str             # infection_test_positive / treatment_impossible / consent_withdrawn / adverse_event / other
    details: str
    decided_on: date
    version: int = 1


@dataclass(frozen=True)
class DoseOrderRecord:
    """A stored dose order: the order as the dosing rules built it (JSON), and who did what."""

    id: int
    patient_id: int
    cycle_id: int | None
    order: Mapping[str, Any]
    status: str                  # draft / prescribed / verified / cancelled
    prescriber_id: int
    verifier_id: int | None
    decision_note: str
    cancel_reason: str
    version: int = 1


# A patient's state in the ward's words, from the enrolment status and any infusion in progress.
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
