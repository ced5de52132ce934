"""The bedside records: infusions, vital-sign sets and their alerts, adverse events, proposals and stops."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from nkdesk.domain.records import RecordedQuantity


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
    informed: str = ""                    # who was informed (issue 14, m055)
    action_taken: str = ""                # what was done
    action_at: datetime | None = None     # when it was done

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
    vasopressin: bool = False     # vasopressin running (ASTCT CRS, issue 13)

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
    report_required: bool        # serious, relation not excluded: the law's clock runs (Art. 35, issue 13)
    reported_at: datetime | None
    reported_by: int | None
    report_note: str
    version: int = 1
    investigator_aware_on: date | None = None   # day 0 of the reporting clock (issue 13)
    reports: tuple[AeReport, ...] = ()           # reports made on this AE (date sent, to whom)

    @property
    def duration(self) -> timedelta | None:
        return None if self.resolution is None else self.resolution - self.onset

    @property
    def report_due(self) -> bool:
        """The prompt report to the certified committee for regenerative medicine is still to be made."""
        return self.report_required and self.reported_at is None

    @property
    def reported_to(self) -> frozenset[str]:
        """The recipients reports have been recorded for ("committee", "mhlw", or other text)."""
        return frozenset(r.recipient for r in self.reports)


@dataclass(frozen=True)
class AeReport:
    """A report made on a serious AE: when it was sent, to whom, a note, who recorded it."""

    id: int
    adverse_event_id: int
    patient_id: int
    sent_on: date
    recipient: str               # "committee", "mhlw", or the recipient as typed
    note: str
    recorded_by: int | None
    version: int = 1


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
