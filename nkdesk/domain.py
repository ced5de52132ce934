"""The ward's records as plain frozen dataclasses: what storage returns and the window shows.

Standard library only, so every layer may import it (rules, storage, services, forms, ui). Storage
turns rows into these; services hand them to the window; nothing here touches a database, pint or
Qt. Quantities are kept as recorded: the text as entered, its number and unit, and the value in the
analyte's canonical unit (`nkdesk.rules.analytes.ANALYTES` names that unit).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
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


@dataclass(frozen=True)
class Infusion:
    """One cycle's infusion: the cell product as released, the dose per kg, start, end, given by.

    Counts keep their scale as entered ("2.5 10^9") with the canonical value in cells; the dose
    per kg was computed by `nkdesk.rules.cell_product.dose_per_kg` with `weight` at the last save.
    """

    id: int
    patient_id: int
    cycle_id: int
    event_id: int | None
    bag_id: str
    total_viable_cells: RecordedQuantity | None
    viability_pct: float | None
    nk_fraction_pct: float | None                # CD3−CD56+ cells, % of the viable cells
    weight: RecordedQuantity | None              # the weight the dose per kg used
    viable_cells_per_kg: float | None
    nk_cells_per_kg: float | None
    sterility: str                               # pending / negative / positive
    infectious_disease: str                      # pending / negative / positive
    status: str                                  # prepared / in_progress / completed
    started_at: datetime | None                  # naive local times, as entered
    ended_at: datetime | None
    administered_by: str
    version: int = 1


@dataclass(frozen=True)
class VitalAlert:
    """A critical finding of a saved set: open until a named user acknowledges it."""

    id: int
    vital_set_id: int
    infusion_id: int
    patient_id: int
    finding: str                 # a vitals limit name (temperature_c, systolic_mmhg, …) or "acvpu"
    value: float
    low: float | None
    high: float | None
    raised_at: datetime          # workstation local time with its offset
    acknowledged_by: int | None
    acknowledged_by_name: str | None
    acknowledged_at: datetime | None
    note: str
    version: int = 1

    @property
    def open(self) -> bool:
        return self.acknowledged_at is None


@dataclass(frozen=True)
class VitalSignSet:
    """One saved set as measured (temperature as entered, with °C beside it) and what the rules
    said at save: NEWS2 score, band and response, the limit findings, and the reason given."""

    id: int
    infusion_id: int
    patient_id: int
    scheduled_min: int | None     # the protocol time point, or None for an extra set
    extra_number: int | None      # 1, 2, … for extra sets
    offset_min: int | None        # minutes from the start of the infusion, as recorded
    measured_at: datetime
    systolic_mmhg: int | None
    diastolic_mmhg: int | None
    pulse_per_min: int | None
    resp_rate_per_min: int | None
    temperature: RecordedQuantity | None
    spo2_pct: int | None
    spo2_scale: int
    oxygen_device: str | None
    o2_flow_l_min: float | None
    vasopressors: int
    acvpu: str | None
    news2_score: int | None
    news2_risk: str | None
    news2: Mapping[str, Any] | None
    findings: tuple[Mapping[str, Any], ...]
    reason: str
    alerts: tuple[VitalAlert, ...] = ()
    version: int = 1

    @property
    def key(self) -> str:
        """The row key the vitals grid uses: tp<minutes> for scheduled sets, extra<n> for extra ones."""
        return f"tp{self.scheduled_min}" if self.scheduled_min is not None else f"extra{self.extra_number}"

    @property
    def open_alerts(self) -> tuple[VitalAlert, ...]:
        return tuple(a for a in self.alerts if a.open)


@dataclass(frozen=True)
class AdverseEvent:
    """An AE as stored: the entry's fields (see nkdesk.rules.adverse_events.AdverseEventEntry), who
    judged seriousness and relatedness, and the prompt report (required, and when it was made)."""

    id: int
    patient_id: int
    term: str
    ctcae_term: bool
    ctcae_version: str
    grade: int | None
    worst_grade: int | None
    onset: datetime
    resolution: datetime | None
    serious: bool
    serious_criteria: tuple[str, ...]
    relatedness: str | None
    action: str | None
    outcome: str | None
    cycle: int | None
    days_since_infusion: int | None
    comment: str
    source: str
    extra: Mapping[str, Any]
    judged_by: int | None        # the investigator who set seriousness/relatedness last
    judged_at: datetime | None
    report_required: bool        # serious with death or (prolonged) hospitalisation (protocol)
    reported_at: datetime | None
    reported_by: int | None
    report_note: str
    version: int = 1

    @property
    def duration(self) -> timedelta | None:
        return None if self.resolution is None else self.resolution - self.onset

    @property
    def report_due(self) -> bool:
        """The prompt report to the Committee for Regenerative Medicine and the MHLW is still to be made."""
        return self.report_required and self.reported_at is None


@dataclass(frozen=True)
class AeProposal:
    """An AE the data suggest (a lab value graded by CTCAE v5.0, or a fever episode): an AE only
    once a user accepts it."""

    id: int
    patient_id: int
    kind: str                    # lab / fever
    key: str                     # lab:<set id>:<term> or fever:<episode start>
    source_table: str            # lab_sets / vital_sign_sets
    source_id: int
    term: str
    analyte: str | None
    value_text: str              # the value as entered (the peak, for a fever)
    grade: int | None            # None: needs judgement or a missing limit (see result)
    result: Mapping[str, Any]    # the CTCAE GradeResult as JSON, as it was shown
    range_source: str
    detail: Mapping[str, Any]    # fever: readings, resolved_at, hours above 40 °C
    onset: datetime
    status: str                  # open / accepted / dismissed
    adverse_event_id: int | None
    decision_note: str
    version: int = 1


@dataclass(frozen=True)
class StopProposal:
    """A protocol stop reason that appeared; an investigator discontinues, suspends or dismisses."""

    id: int
    patient_id: int
    reason_code: str             # services.treatment.STOP_REASONS
    source_table: str | None     # infusions / adverse_events / None (raised by a user)
    source_id: int | None
    details: str
    raised_at: datetime
    status: str                  # open / decided / dismissed
    discontinuation_id: int | None
    decision_note: str
    version: int = 1


@dataclass(frozen=True)
class SuspensionLift:
    """An investigator's signed decision to resume protocol treatment after a suspension."""

    id: int
    discontinuation_id: int
    patient_id: int
    lifted_on: date
    reason: str
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
