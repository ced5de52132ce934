"""The pseudonymised dataset every export format is written from.

`build(store, …)` reads the patients' charts in batches (`storage.export_reads.charts`: one query
per table for a batch of patients, the batch's charts and audit stamps in one consistent read)
and turns each into `FormRecord`s keyed by the mapping table's forms and fields: values in
their canonical units, each with the audit stamp of the row that last wrote it (who, workstation,
UTC time, reason), and the still-valid signatures of signed records. What leaves the ward is
decided here, once, for all three formats:

- the subject is its study ID only: no initials, no hospital ID, no birth date (the age in
  completed years at consent instead: on the day the patient entered screening, after consent,
  else on the first assessment's date);
- free-text clinical notes (fields marked `note` in the mapping) only with `with_notes`;
- audit reasons are kept (they are the audit evidence);
- people are their user names and roles (no full names); workstations their host names;
- the access log (issue 15: patient opened, form printed, export made) goes with the audit trail,
  every entry, as `AccessRead`s: who, when (UTC), workstation, kind, study IDs and what was read
  (the form, the export's format), never the exported files' paths.

Subjects are produced lazily, a batch of `BATCH` charts at a time, so a thousand patients never
sit in memory as charts; the writers stream them. Only ODM writes the audit stamps, so only its
export reads them (`with_audit`): reading the trail is about a third of the dataset's time.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from nkdesk.domain import PatientChart, Signature
from nkdesk.rules import protocol as protocols
from nkdesk.rules.adverse_events import prompt_report_required
from nkdesk.rules.criteria import age_in_years
from nkdesk.services.export import mapping as mapping_table
from nkdesk.storage import export_reads
from nkdesk.storage.export_reads import AuditStamp

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

Signed = dict[tuple[str, int], list[Signature]]   # (table, record id) → the signatures that still hold

Progress = Callable[[int, int], None]
BATCH = 100   # patients read together (one query per table per batch); bounds what sits in memory


@dataclass(frozen=True)
class ExportUser:
    oid: str
    username: str
    role: str | None


@dataclass(frozen=True)
class Location:
    oid: str
    name: str


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


@dataclass(frozen=True)
class AccessRead:
    """One entry of the access log as it leaves the ward: who (user name, or `os:<login>`), when
    (UTC), at which workstation, what kind of read, which patients (study IDs) and what was read
    (the form printed, or the export's format) — never the files' paths (they can name a person's
    home folder)."""

    seq: int
    at_utc: str
    username: str
    workstation: str
    what: str
    study_ids: tuple[str, ...]
    detail: dict[str, str | bool]


ACCESS_DETAIL = ("form", "format", "with_notes")   # what of an entry's detail leaves the ward
ACCESS_WHAT = {"patient_opened": "patient opened", "form_printed": "form printed", "export": "export made"}


def access_text(read: AccessRead) -> str:
    """An access entry in words, for formats with no field of their own for it: "form printed
    (form: calendar); patients: DEMO-001"."""
    detail = ", ".join(f"{k}: {('yes' if v else 'no') if isinstance(v, bool) else v}" for k, v in read.detail.items())
    return (f"{ACCESS_WHAT.get(read.what, read.what)}{f' ({detail})' if detail else ''}; "
            f"patients: {', '.join(read.study_ids) or 'none'}")


@dataclass
class Subject:
    study_id: str
    sex: str | None
    age_at_consent: int | None
    state: str
    records: list[FormRecord]

    def forms(self, key: str) -> list[FormRecord]:
        return [r for r in self.records if r.form == key]


@dataclass
class Dataset:
    protocol: protocols.Protocol
    mapping: mapping_table.Mapping
    users: list[ExportUser]
    locations: list[Location]
    signature_meanings: list[str]
    subjects: Iterator[Subject]
    subject_count: int
    with_notes: bool
    created_utc: datetime
    access: list[AccessRead] = field(default_factory=list)   # the access log, oldest first

    def user_oid(self, username: str) -> str:
        return user_oid(username)

    def location_oid(self, workstation: str) -> str:
        return location_oid(workstation)


def user_oid(username: str) -> str:
    return "USR." + username


def location_oid(workstation: str) -> str:
    return "LOC." + workstation


class UnknownPatient(LookupError):
    """A study ID that is not in the database."""

    def __init__(self, study_id: str):
        super().__init__(study_id)
        self.study_id = study_id


def build(store: Store, *, patients: Sequence[str] | None = None, with_notes: bool = False,
          progress: Progress | None = None, now: datetime | None = None, with_audit: bool = True) -> Dataset:
    """The dataset of `patients` (study IDs; all when None). UnknownPatient for an unknown ID.
    `with_audit`: attach each value's audit stamp (only ODM writes them; reading the trail is a
    third of the dataset's time)."""
    everyone = export_reads.patients_by_study_id(store)
    if patients is None:
        chosen = everyone
    else:
        by_id = {sid.casefold(): (pid, sid) for pid, sid in everyone}
        chosen = []
        for wanted in patients:
            found = by_id.get(wanted.strip().casefold())
            if found is None:
                raise UnknownPatient(wanted)
            if found not in chosen:
                chosen.append(found)
    access = [AccessRead(e.seq, e.at_utc, e.username, e.workstation, e.what, e.study_ids,
                         {k: v for k, v in e.detail.items() if k in ACCESS_DETAIL and isinstance(v, (str, bool))})
              for e in export_reads.access_entries(store)]
    trail_people, trail_workstations = export_reads.trail_people_and_workstations(store)
    people = dict(trail_people)
    for read in access:   # people and workstations of the access log too (ODM's UserRef and LocationRef)
        people.setdefault(read.username, None)
    users = [ExportUser(user_oid(name), name, people[name]) for name in sorted(people)]
    workstations = set(trail_workstations) | {read.workstation for read in access}
    locations = [Location(location_oid(w), w) for w in sorted(workstations)]
    meanings = export_reads.signature_meanings(store)
    table = mapping_table.load()

    def subjects() -> Iterator[Subject]:
        done = 0
        for start in range(0, len(chosen), BATCH):
            ids = [pid for pid, _sid in chosen[start:start + BATCH]]
            with store.reading():   # a batch's charts and their audit stamps: one consistent snapshot
                collected = {chart.patient.id: _collect(chart, table, with_notes, with_audit)
                             for chart in export_reads.charts(store, ids, report_rule=prompt_report_required)}
                if with_audit:
                    _stamp(store, [out for _subject, out in collected.values()])
            for pid in ids:
                if pid in collected:   # (a patient deleted since the list was read is left out)
                    yield collected[pid][0]
                done += 1
                if progress is not None:
                    progress(done, len(chosen))

    return Dataset(protocols.load(), table, users, locations, meanings, subjects(), len(chosen), with_notes,
                   (now or datetime.now(UTC)).astimezone(UTC), access)


# ------------------------------------------------------------------------------ one subject
Sources = dict[str, tuple[str, int, str]]   # value key → (table, record id, column)


@dataclass(frozen=True)
class RowSource:
    """Every value of a form record read from one row: key → (table, rid, columns.get(key, key)).
    (Said once per record instead of a (table, id, column) per value: vital-sign sets are many.)"""

    table: str
    rid: int
    columns: dict[str, str]


class _Collector:
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


def _stamp(store: Store, collectors: Sequence[_Collector]) -> None:
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


def _collect(chart: PatientChart, table: mapping_table.Mapping, with_notes: bool,
             with_audit: bool = True) -> tuple[Subject, _Collector]:
    """The subject of one chart, its records not yet stamped (`_stamp` does that for a batch).
    Without `with_audit` the most numerous records (lab sets, vital-sign sets) skip naming sources."""
    p = chart.patient
    on = consent_date(chart)
    age = age_in_years(p.birth_date, on) if p.birth_date is not None and on is not None else None
    signatures: Signed = {(c.signature.table, c.signature.record_id): [] for c in chart.signatures}
    for check in chart.signatures:
        if check.valid:   # a signature whose record changed since no longer signs its content
            signatures[(check.signature.table, check.signature.record_id)].append(check.signature)
    out = _Collector(table, with_notes, with_audit)
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


def _eligibility(out: _Collector, chart: PatientChart, signatures: Signed) -> None:
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


def _body(out: _Collector, chart: PatientChart) -> None:
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


def _labs(out: _Collector, chart: PatientChart) -> None:
    for s in chart.lab_sets:
        values: dict[str, Any] = {"sampled_on": s.sampled_on, "note": s.note}
        for r in s.results:
            values[r.analyte] = r.quantity.canonical_value
        sources = {}
        if out.with_audit:
            sources = {"sampled_on": ("lab_sets", s.id, "sampled_on"), "note": ("lab_sets", s.id, "note"),
                       **{r.analyte: ("lab_results", r.id, "canonical_value") for r in s.results}}
        out.add("labs", "on_study", values, sources)


def _dose_orders(out: _Collector, chart: PatientChart, cycles: dict[int, int], signatures: Signed) -> None:
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


def _infusions(out: _Collector, chart: PatientChart, cycles: dict[int, int]) -> None:
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


def _adverse_events(out: _Collector, chart: PatientChart) -> None:
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
