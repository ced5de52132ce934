"""What the forms read from a patient's chart: plain helpers over `domain.PatientChart` (no database).

Each prints exactly what was stored: a signed result is rebuilt from its stored JSON, never
re-evaluated with today's rules; the calendar merges stored events with the protocol's plan. The
database is read by `nkdesk.services.printing`, which hands the chart to these helpers.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from nkdesk.domain import (
    BodyMeasurement,
    DoseOrderRecord,
    EligibilityAssessment,
    PatientChart,
    SignatureCheck,
    TreatmentEvent,
)
from nkdesk.forms.words import say
from nkdesk.rules import schedule as schedule_rules
from nkdesk.rules.errors import InputError

if TYPE_CHECKING:
    from nkdesk.forms.vitals_form import VitalsRow
    from nkdesk.rules.dosing import DoseOrder, UserRef
    from nkdesk.rules.eligibility import EligibilityResult
    from nkdesk.rules.protocol import Protocol

StoredKey = tuple[int | None, int | None, str]   # (cycle number, culture day, kind) of a stored event


def protocol_of(patient_chart: PatientChart) -> Protocol:
    from nkdesk.rules import protocol

    enrolment = patient_chart.enrolment
    return protocol.load(enrolment.protocol_id if enrolment else protocol.DEFAULT_PROTOCOL)


def signatures(patient_chart: PatientChart, table: str, record_id: int) -> list[SignatureCheck]:
    """The signatures of one record, oldest first, each with whether the record still matches it."""
    found = [c for c in patient_chart.signatures if c.signature.table == table and c.signature.record_id == record_id]
    return sorted(found, key=lambda c: c.signature.id)


def signed_at(check: SignatureCheck) -> datetime:
    """The signature's time as the workstation's local time with its offset (as stored)."""
    return datetime.fromisoformat(check.signature.signed_at_local)


# ------------------------------------------------------------------------------ eligibility
def assessment_to_print(patient_chart: PatientChart) -> EligibilityAssessment | None:
    """The newest signed assessment, else the newest draft, else None."""
    signed = [a for a in patient_chart.assessments if a.status == "signed"]
    if signed:
        return signed[-1]
    return patient_chart.assessments[-1] if patient_chart.assessments else None


def result_from_json(data: Mapping[str, Any]) -> EligibilityResult:
    """The engine's result as stored (`EligibilityResult.to_json()`), rebuilt for the form."""
    from nkdesk.rules.eligibility import CriterionResult, EligibilityResult

    criteria = tuple(CriterionResult(c["id"], c["kind"], c["met"], c.get("evidence") or "",
                                     tuple(c.get("missing") or ()), bool(c.get("boundary")), c.get("text") or "",
                                     c.get("group") or "") for c in data.get("criteria", ()))
    return EligibilityResult(data.get("protocol", ""), criteria)


# ------------------------------------------------------------------------------ dose orders
def order_to_print(patient_chart: PatientChart) -> DoseOrderRecord | None:
    """The newest dose order that is not cancelled, else the newest cancelled one, else None."""
    live = [o for o in patient_chart.dose_orders if o.status != "cancelled"]
    if live:
        return live[-1]
    return patient_chart.dose_orders[-1] if patient_chart.dose_orders else None


def dose_order_from_json(data: Mapping[str, Any], *, prescribed_by: UserRef | None = None,
                         verified_by: UserRef | None = None) -> DoseOrder | None:
    """A rules `DoseOrder` with the stored numbers (`DoseOrder.to_json()`), not recalculated;
    None if the stored JSON lacks what the form prints (e.g. an order stored before the dosing rules)."""
    from nkdesk.rules.bsa import FORMULAS, BodySurfaceArea
    from nkdesk.rules.dosing import BsaCap, DoseOrder, GcsfRegimen
    from nkdesk.rules.site_settings import Syringe
    from nkdesk.rules.syringes import SyringeCount, SyringePlan

    try:
        if data["formula"] not in FORMULAS:
            return None
        area = BodySurfaceArea(float(data["bsa_m2"]), data["formula"], float(data["height_cm"]),
                               float(data["weight_kg"]))
        administrations = int(data.get("administrations_per_day", 1))
        items = tuple(SyringeCount(Syringe(float(s["strength_ug"]), float(s["volume_ml_each"]), s.get("name", "")),
                                   int(s["count"]))
                      for s in data.get("syringes_per_administration", data["syringes"]))
        plan = SyringePlan(float(data["daily_dose_ug"]), items, administrations, float(data["delivered_ug"]),
                           float(data["deviation_pct"]), bool(data["within_tolerance"]),
                           float(data["tolerance_pct"]), data.get("rounding_policy", ""))
        regimen = GcsfRegimen(float(data["dose_per_m2_ug"]), int(data["gcsf_days"]), int(data["gcsf_days"]),
                              int(data["gcsf_days"]), data["route"], data["frequency"], data["drug"],
                              bool(data.get("split_daily_dose")))
        stored_cap = data.get("bsa_cap")
        cap = None if not stored_cap else BsaCap(stored_cap["cap_m2"], stored_cap["applied"],
                                                 stored_cap["bsa_used_m2"], stored_cap["dose_before_cap_ug"],
                                                 stored_cap["dose_after_cap_ug"])
        course = tuple(date.fromisoformat(d) for d in data["course"]) if data.get("course") else None
        apheresis = date.fromisoformat(data["apheresis"]) if data.get("apheresis") else None
    except (KeyError, TypeError, ValueError):
        return None
    return DoseOrder(area, regimen, float(data["daily_dose_ug"]), plan, int(data["gcsf_days"]), apheresis, course,
                     cap, bool(data.get("split_daily_dose")), prescribed_by, verified_by)


def latest_body(patient_chart: PatientChart, kind: str) -> BodyMeasurement | None:
    """The newest stored height or weight (a BodyMeasurement), or None."""
    found = [m for m in patient_chart.body_measurements if m.kind == kind]
    return max(found, key=lambda m: (m.measured_on, m.id)) if found else None


# ------------------------------------------------------------------------------ treatment calendar
@dataclass(frozen=True)
class CalendarRow:
    """One event as the calendar prints it: stored (planned in NKDesk) or from the protocol's plan."""

    cycle: int | None
    culture_day: int | None
    kind: str
    label: str
    planned: date | None
    actual: date | None
    status: str          # planned / in_progress / done / cancelled (stored), or "protocol" (not stored yet)

    def sort_key(self) -> tuple[date, bool, int, int, int]:
        when = self.actual or self.planned or date.max
        kinds = schedule_rules.KINDS
        return (when, self.culture_day is None, self.culture_day or 0,
                kinds.index(self.kind) if self.kind in kinds else len(kinds), self.cycle or 0)


def calendar_rows(patient_chart: PatientChart, protocol: Protocol) -> tuple[list[CalendarRow], list[str]]:
    """The stored events merged with the protocol's calendar, and notes on what could not be planned.

    The protocol's plan (rules.schedule) is laid out from cycle 1's planned apheresis, with the
    actual apheresis dates and given infusions recorded so far, so later cycles show where the
    protocol puts them; an event NKDesk has stored is printed with its stored dates and status.
    """
    cycle_numbers = {c.id: c.number for c in patient_chart.cycles}
    stored: dict[StoredKey, TreatmentEvent] = {}
    extra: list[TreatmentEvent] = []
    for event in patient_chart.events:
        key = (cycle_numbers.get(event.cycle_id), event.culture_day, event.kind)
        if key in stored:
            extra.append(event)     # e.g. a second infusion entered by hand on one culture day
        else:
            stored[key] = event
    notes: list[str] = []
    planned = _protocol_plan(patient_chart, protocol, stored, notes)
    rows: list[CalendarRow] = []
    for step in planned:
        key = (step.cycle, step.culture_day, step.kind)
        found = stored.pop(key, None)
        label = step.label or step.kind
        if found is None:
            rows.append(CalendarRow(step.cycle, step.culture_day, step.kind, label, step.date, None, "protocol"))
        else:
            rows.append(_row(found, key[0], label))
    rows += [_row(e, cycle_numbers.get(e.cycle_id), "") for e in (*stored.values(), *extra)]
    return sorted(rows, key=CalendarRow.sort_key), notes


def _row(event: TreatmentEvent, cycle: int | None, label: str) -> CalendarRow:
    return CalendarRow(cycle, event.culture_day, event.kind, label, event.planned_on, event.actual_on, event.status)


def _protocol_plan(patient_chart: PatientChart, protocol: Protocol, stored: dict[StoredKey, TreatmentEvent],
                   notes: list[str]) -> tuple[schedule_rules.ScheduleEvent, ...]:
    cycles = sorted(patient_chart.cycles, key=lambda c: c.number)
    if not cycles:
        notes.append(say("No treatment cycle has been planned for this patient yet."))
        return ()
    section = protocol.section("schedule") or {}
    if section.get("anchor") != "apheresis" or cycles[0].planned_apheresis_on is None:
        notes.append(say("Only the events planned in NKDesk are shown: the protocol's calendar needs a date "
                         "NKDesk does not store for this patient (the surgery date)."))
        return ()
    gcsf_days = sum(1 for (number, _day, kind) in stored if number == cycles[0].number and kind == "gcsf")
    actual = {c.number: c.actual_apheresis_on for c in cycles if c.actual_apheresis_on}
    given = {number: e.actual_on for (number, _day, kind), e in stored.items()
             if kind == "infusion" and e.status == "done" and e.actual_on and number}
    try:
        return schedule_rules.plan(protocol, apheresis=cycles[0].planned_apheresis_on, gcsf_days=gcsf_days or None,
                                   actual=actual, given_infusions=given).events
    except InputError as exc:
        notes.append(say("The protocol's calendar could not be laid out ({problem}); only stored events are shown.",
                         problem=exc))
        return ()


# ------------------------------------------------------------------------------ infusions and vital signs
@dataclass(frozen=True)
class InfusionVitals:
    """One infusion and the vital signs recorded around it."""

    label: str                    # "Cycle 1 infusion, 2026-12-17 (in progress)"
    start: datetime | None        # when the infusion started, if stored; else time points are used
    rows: tuple[VitalsRow, ...]   # in time order
