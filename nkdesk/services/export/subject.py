"""One subject of the export dataset: a patient's chart as the mapped form records (`collect`),
each value with where it came from (table, record, column), and the audit stamp of every value of a
batch of subjects read in one query per table (`stamp`). `dataset.build` drives it batch by batch.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from nkdesk.domain import PatientChart, Signature
from nkdesk.rules.criteria import age_in_years
from nkdesk.services.export import mapping as mapping_table
from nkdesk.storage import export_reads
from nkdesk.storage.export_reads import AuditStamp

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

Signed = dict[tuple[str, int], list[Signature]]   # (table, record id) → the signatures that still hold


@dataclass
class FormRecord:
    """One instance of a mapped form for one subject: values by field key (absent = not recorded)."""

    form: str
    event: str
    repeat: int | None                       # 1, 2, … for repeating forms (per subject, event and form)
    values: dict[str, Any]
    stamps: dict[str, AuditStamp] = field(default_factory=dict)
    signatures: tuple[Signature, ...] = ()
    complete: bool = True


@dataclass
class Subject:
    study_id: str
    sex: str | None
    age_at_consent: int | None
    state: str
    records: list[FormRecord]

    def forms(self, key: str) -> list[FormRecord]:
        return [r for r in self.records if r.form == key]


Sources = dict[str, tuple[str, int, str]]   # value key → (table, record id, column)


@dataclass(frozen=True)
class RowSource:
    """Every value of a form record read from one row: key → (table, rid, columns.get(key, key)).
    (Said once per record instead of a (table, id, column) per value: vital-sign sets are many.)"""

    table: str
    rid: int
    columns: dict[str, str]


class Collector:
    """Form records of one subject, with where each value came from (table, record, column)."""

    def __init__(self, table: mapping_table.Mapping, with_notes: bool, with_audit: bool = True):
        self.table, self.with_notes, self.with_audit = table, with_notes, with_audit
        self.records: list[FormRecord] = []
        self.sources: list[Sources | RowSource] = []
        self._repeats: dict[tuple[str, str], int] = {}
        self._keys = _exported_keys(table, with_notes)

    def add(self, form: str, event: str, values: dict[str, Any], sources: Sources | RowSource,
            signatures: Sequence[Signature] = (), complete: bool = True) -> None:
        spec = self.table.forms[form]
        kept = {}
        for key in self._keys[form]:
            value = values.get(key)
            if value is None or (isinstance(value, str) and value == ""):
                continue
            kept[key] = value
        repeat = None
        if spec.repeating:
            repeat = self._repeats.get((event, form), 0) + 1
            self._repeats[(event, form)] = repeat
        self.records.append(FormRecord(form, event, repeat, kept, {}, tuple(signatures), complete))
        if self.with_audit:   # (the sources are only read to find the audit stamps, of kept values)
            self.sources.append(sources)


def _exported_keys(table: mapping_table.Mapping, with_notes: bool) -> dict[str, tuple[str, ...]]:
    """Each form's field keys that leave the ward (free-text notes only with notes), in order."""
    return {form.key: tuple(f.key for f in form.fields if with_notes or not f.note) for form in table.forms.values()}


def stamp(store: Store, collectors: Sequence[Collector]) -> None:
    """Attach the audit stamp of every value of a batch of subjects: one query per table. A field's
    stamp is the row that last updated that column, else the row that inserted the record."""
    wanted: dict[str, set[int]] = {}
    for out in collectors:
        for sources in out.sources:
            pairs = ([(sources.table, sources.rid)] if isinstance(sources, RowSource)
                     else [(table, rid) for table, rid, _column in sources.values()])
            for table, rid in pairs:
                ids = wanted.get(table)
                if ids is None:
                    ids = wanted[table] = set()
                ids.add(rid)
    found = {table: export_reads.audit_stamps(store, table, sorted(ids)) for table, ids in wanted.items()}
    for out in collectors:
        for record, sources in zip(out.records, out.sources, strict=True):
            stamps = record.stamps
            if isinstance(sources, RowSource):
                of_table, rid, columns = found[sources.table], sources.rid, sources.columns
                inserted = of_table.get((rid, None))
                for key in record.values:
                    stamp = of_table.get((rid, columns.get(key, key))) or inserted
                    if stamp is not None:
                        stamps[key] = stamp
                continue
            for key in record.values:
                source = sources.get(key)
                if source is not None:
                    table, rid, column = source
                    of_table = found[table]
                    stamp = of_table.get((rid, column)) or of_table.get((rid, None))
                    if stamp is not None:
                        stamps[key] = stamp


def consent_date(chart: PatientChart) -> date | None:
    """The day the age at consent is counted on: entry into screening (after consent), else the
    first assessment's date."""
    if chart.enrolment is not None and chart.enrolment.enrolled_on is not None:
        return chart.enrolment.enrolled_on
    dated = [a.assessed_on for a in chart.assessments if a.assessed_on is not None]
    return min(dated) if dated else None


def collect(chart: PatientChart, table: mapping_table.Mapping, with_notes: bool,
             with_audit: bool = True) -> tuple[Subject, Collector]:
    """The subject of one chart, its records not yet stamped (`stamp` does that for a batch).
    Without `with_audit` the most numerous records (lab sets, vital-sign sets) skip naming sources."""
    p = chart.patient
    on = consent_date(chart)
    age = age_in_years(p.birth_date, on) if p.birth_date is not None and on is not None else None
    signatures: Signed = {(c.signature.table, c.signature.record_id): [] for c in chart.signatures}
    for check in chart.signatures:
        if check.valid:   # a signature whose record changed since no longer signs its content
            signatures[(check.signature.table, check.signature.record_id)].append(check.signature)
    out = Collector(table, with_notes, with_audit)
    enrolment = chart.enrolment
    out.add("demographics", "screening",
            {"sex": p.sex, "age_at_consent": age, "enrolled_on": enrolment.enrolled_on if enrolment else None,
             "enrolment_status": enrolment.status if enrolment else None},
            {"sex": ("patients", p.id, "sex"), "age_at_consent": ("patients", p.id, "birth_date"),
             **({"enrolled_on": ("enrolments", enrolment.id, "enrolled_on"),
                 "enrolment_status": ("enrolments", enrolment.id, "status")} if enrolment else {})})
    _eligibility(out, chart, signatures)
    _body(out, chart)
    _labs(out, chart)
    cycles = {c.id: c.number for c in chart.cycles}
    for e in chart.events:
        out.add("treatment_event", e.kind,
                {"cycle": cycles.get(e.cycle_id), "culture_day": e.culture_day, "planned_on": e.planned_on,
                 "actual_on": e.actual_on, "status": e.status, "note": e.note},
                {k: ("treatment_events", e.id, c) for k, c in (
                    ("cycle", "cycle_id"), ("culture_day", "culture_day"), ("planned_on", "planned_on"),
                    ("actual_on", "actual_on"), ("status", "status"), ("note", "note"))})
    _dose_orders(out, chart, cycles, signatures)
    _infusions(out, chart, cycles)
    _adverse_events(out, chart)
    return Subject(p.study_id, p.sex, age, chart.state, out.records), out


def _eligibility(out: Collector, chart: PatientChart, signatures: Signed) -> None:
    if not chart.assessments:
        return
    a = chart.assessments[-1]
    entered = dict(a.inputs.get("values", {}))
    values: dict[str, Any] = {"assessment_date": a.assessed_on, "status": a.status, "eligible": a.eligible}
    born = entered.get("birth_date", {}).get("value")
    if born and a.assessed_on:
        values["age_years"] = age_in_years(date.fromisoformat(born), a.assessed_on)
    for f in out.table.forms["eligibility"].fields:
        if f.key in values or f.key not in entered:
            continue
        item = entered[f.key]
        values[f.key] = item.get("canonical_value", item.get("value"))
    sources = {k: ("eligibility_assessments", a.id, "inputs_json") for k in values}
    sources["status"] = ("eligibility_assessments", a.id, "status")
    sources["eligible"] = ("eligibility_assessments", a.id, "eligible")
    sources["assessment_date"] = ("eligibility_assessments", a.id, "assessed_on")
    out.add("eligibility", "screening", values, sources, signatures.get(("eligibility_assessments", a.id), ()),
            complete=a.status == "signed")


def _body(out: Collector, chart: PatientChart) -> None:
    """One instance per date with height and weight; a kind measured twice on a day starts another."""
    groups: list[tuple[date, dict[str, Any], dict[str, tuple[str, int, str]]]] = []
    for m in chart.body_measurements:
        current = groups[-1] if groups and groups[-1][0] == m.measured_on and m.kind not in groups[-1][1] else None
        if current is None:
            current = (m.measured_on, {}, {"measured_on": ("body_measurements", m.id, "measured_on")})
            groups.append(current)
        current[1][m.kind] = m.quantity.canonical_value
        current[2][m.kind] = ("body_measurements", m.id, "canonical_value")
    for day, values, sources in groups:
        out.add("body_measurements", "on_study", {"measured_on": day, **values}, sources)


def _labs(out: Collector, chart: PatientChart) -> None:
    for s in chart.lab_sets:
        values: dict[str, Any] = {"sampled_on": s.sampled_on, "note": s.note}
        for r in s.results:
            values[r.analyte] = r.quantity.canonical_value
        sources = {}
        if out.with_audit:
            sources = {"sampled_on": ("lab_sets", s.id, "sampled_on"), "note": ("lab_sets", s.id, "note"),
                       **{r.analyte: ("lab_results", r.id, "canonical_value") for r in s.results}}
        out.add("labs", "on_study", values, sources)


def _dose_orders(out: Collector, chart: PatientChart, cycles: dict[int, int], signatures: Signed) -> None:
    for o in chart.dose_orders:
        order = o.order
        course = order.course
        syringes = " + ".join(f"{s.strength_ug:g} x{s.count}" for s in order.syringes)
        values = {"cycle": cycles.get(o.cycle_id) if o.cycle_id else None, "status": o.status,
                  **{k: getattr(order, k) for k in ("height_cm", "weight_kg", "formula", "bsa_m2", "dose_per_m2_ug",
                                                    "daily_dose_ug", "delivered_ug", "deviation_pct",
                                                    "within_tolerance", "gcsf_days")},
                  "first_day": course[0] if course else None,
                  "last_day": course[-1] if course else None,
                  "syringes": syringes, "decision_note": o.decision_note}
        sources = {k: ("dose_orders", o.id, "order_json") for k in values}
        sources.update(cycle=("dose_orders", o.id, "cycle_id"), status=("dose_orders", o.id, "status"),
                       decision_note=("dose_orders", o.id, "decision_note"))
        out.add("dose_order", "gcsf", values, sources, signatures.get(("dose_orders", o.id), ()),
                complete=o.status == "verified")


# The column each exported value was read from, where it is not the value's own key
_INFUSION_COLUMNS = {"cycle": "cycle_id", "total_viable_cells": "cells_canonical_value",
                     "weight": "weight_canonical_value"}
_VITAL_COLUMNS = {"cycle": "infusion_id", "time_point_min": "scheduled_min",
                  "temperature": "temperature_canonical_value"}
_AE_COLUMNS = {"serious_criteria": "serious_criteria_json", "ctcae_term": "ctcae_term", "meddra_code": "term",
               "report_required": "serious_criteria_json"}


def _infusions(out: Collector, chart: PatientChart, cycles: dict[int, int]) -> None:
    infusion_cycle = {}
    for i in chart.infusions:
        cycle = cycles.get(i.cycle_id)
        infusion_cycle[i.id] = cycle
        values = {"cycle": cycle, "bag_id": i.bag_id,
                  "total_viable_cells": i.total_viable_cells.canonical_value if i.total_viable_cells else None,
                  "viability_pct": i.viability_pct, "nk_fraction_pct": i.nk_fraction_pct,
                  "weight": i.weight.canonical_value if i.weight else None,
                  "viable_cells_per_kg": i.viable_cells_per_kg, "nk_cells_per_kg": i.nk_cells_per_kg,
                  "sterility": i.sterility, "infectious_disease": i.infectious_disease, "status": i.status,
                  "started_at": i.started_at, "ended_at": i.ended_at}
        out.add("infusion", "infusion", values, RowSource("infusions", i.id, _INFUSION_COLUMNS))
    for s in chart.vital_sets:
        values = {"cycle": infusion_cycle.get(s.infusion_id), "time_point_min": s.scheduled_min,
                  "extra_number": s.extra_number, "offset_min": s.offset_min, "measured_at": s.measured_at,
                  "systolic_mmhg": s.systolic_mmhg, "diastolic_mmhg": s.diastolic_mmhg,
                  "pulse_per_min": s.pulse_per_min, "resp_rate_per_min": s.resp_rate_per_min,
                  "temperature": s.temperature.canonical_value if s.temperature else None,
                  "spo2_pct": s.spo2_pct, "spo2_scale": s.spo2_scale, "oxygen_device": s.oxygen_device,
                  "o2_flow_l_min": s.o2_flow_l_min, "acvpu": s.acvpu, "news2_score": s.news2_score,
                  "news2_risk": s.news2_risk, "reason": s.reason}
        out.add("vital_signs", "infusion", values, RowSource("vital_sign_sets", s.id, _VITAL_COLUMNS))


def _adverse_events(out: Collector, chart: PatientChart) -> None:
    codes = mapping_table.meddra_codes()
    for ae in chart.adverse_events:
        values = {"term": ae.term, "ctcae_term": ae.ctcae_term, "ctcae_version": ae.ctcae_version,
                  "meddra_code": codes.get(ae.term.lower()) if ae.ctcae_term else None,
                  "grade": ae.grade, "worst_grade": ae.worst_grade, "onset": ae.onset, "resolution": ae.resolution,
                  "serious": ae.serious, "serious_criteria": ", ".join(ae.serious_criteria),
                  "relatedness": ae.relatedness, "action": ae.action, "outcome": ae.outcome, "cycle": ae.cycle,
                  "days_since_infusion": ae.days_since_infusion, "source": ae.source,
                  "report_required": ae.report_required, "reported_at": ae.reported_at, "comment": ae.comment}
        out.add("adverse_events", "on_study", values, RowSource("adverse_events", ae.id, _AE_COLUMNS))


# ------------------------------------------------------------------------------ value spelling
def text_of(value: Any, kind: str) -> str:
    """A value as the ODM and REDCap files spell it: ISO dates, 1/0 booleans, shortest floats."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if kind == "datetime" and isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        if kind == "integer" and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)
