"""The patient record as stored: measurements, assessments, treatment cycles and events, dose orders."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


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
    # reason_code: infection_test_positive / treatment_impossible / consent_withdrawn / adverse_event / other
    reason_code: str
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
