"""The patient record as stored: measurements, assessments, treatment cycles and events, dose orders."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
class SyringeUse:
    """So many stocked syringes of one strength in a day's dose."""

    strength_ug: float
    count: int
    volume_ml_each: float | None
    name: str


@dataclass(frozen=True)
class DoseOrderDetails:
    """A filgrastim order as the dosing rules computed it when it was prescribed.

    Storage keeps the rules' JSON (`nkdesk.rules.dosing.DoseOrder.to_json()`) as the signed
    content; this is that JSON read back, typed. A field an older order did not store is None.
    """

    formula: str | None
    height_cm: float | None
    weight_kg: float | None
    bsa_m2: float | None
    dose_per_m2_ug: float | None
    daily_dose_ug: float | None           # exact: dose/m² × BSA
    delivered_ug: float | None            # what the syringe plan gives per day
    deviation_pct: float | None
    within_tolerance: bool | None
    tolerance_pct: float | None
    gcsf_days: int | None
    apheresis: date | None
    course: tuple[date, ...]
    split_daily_dose: bool
    syringes: tuple[SyringeUse, ...]      # per day

    @property
    def needs_pharmacist_decision(self) -> bool:
        """The plan is outside the dose tolerance: only a pharmacist may verify it, with a note."""
        return self.within_tolerance is False


@dataclass(frozen=True)
class DoseOrderRecord:
    """A stored dose order: what the dosing rules computed (typed), and who did what.

    `order_json` is the same content exactly as stored and signed, for the printed order.
    """

    id: int
    patient_id: int
    cycle_id: int | None
    order: DoseOrderDetails
    status: str                  # draft (older databases only) / prescribed / verified / cancelled
    prescriber_id: int
    verifier_id: int | None
    decision_note: str
    cancel_reason: str
    version: int = 1
    order_json: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DoseCheck:
    """Something the dosing service found about the order on file, as a code and its numbers
    (the window words it): `weight_changed` (new_weight_kg, order_weight_kg, change_pct,
    limit_pct), `wbc_reduce` / `wbc_stop` (wbc_per_mm3, reduce_at_per_mm3, stop_at_per_mm3), or
    `not_checked` (field, message) when a stored value could not be read."""

    code: str
    values: Mapping[str, Any]


@dataclass(frozen=True)
class DosingStatus:
    """What the dosing screen shows for one patient, decided by `nkdesk.services.dosing.status`."""

    patient_id: int
    order: DoseOrderRecord | None         # the live order (prescribed or verified), if any
    content_hash: str | None              # of the live order: the verifier hands it back
    prescribed_by: str | None             # names, as stored with the accounts
    verified_by: str | None
    checks: tuple[DoseCheck, ...]
    height: BodyMeasurement | None        # the latest stored
    weight: BodyMeasurement | None
    apheresis: date | None                # the order's, else cycle 1's planned apheresis
