"""Printing: the PDF of a form for a patient, read from the database and laid out by nkdesk.forms.

`nkdesk form NAME …` and the window's Print action both call `make_pdf`, so they produce the same
PDF from the same stored data. The builders here read (never write) what each form needs, turn it
into rules-level objects (an EligibilityResult, a DoseOrder, VitalsRows, AdverseEventEntries) and
hand them to the form modules; nothing is recalculated from today's rules that was stored as seen.
Where nothing is stored yet, the form says so.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkdesk.forms import (
    ae_log_form,
    calendar_form,
    chart_views,
    dose_order_form,
    eligibility_form,
    summary_form,
    vitals_form,
)
from nkdesk.forms.base import FormHeader, para, render
from nkdesk.forms.catalogue import SERIOUS_EVENT_REPORT, spec
from nkdesk.forms.words import day, join, moment, printing_in, say, say_short
from nkdesk.rules import protocol

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from nkdesk.domain import Actor, Infusion, Patient, PatientChart, TreatmentCycle, TreatmentEvent, VitalSignSet
    from nkdesk.domain.settings import SiteSettings
    from nkdesk.forms.catalogue import FormSpec
    from nkdesk.rules.adverse_events import AdverseEventEntry
    from nkdesk.storage.store import Store

Out = str | Path | io.BytesIO | None   # where render() also writes the PDF


def make_pdf(name: str, store: Store, patient: Patient, actor: Actor, settings: SiteSettings, *,
             printed_at: datetime | None = None, app_version: str | None = None, out: Out = None) -> bytes:
    """The PDF of form `name` for `patient`, as bytes (also written to `out` if given).

    `printed_at` defaults to now in the workstation's zone; `app_version` to nkdesk.__version__.
    The form speaks the site's `forms_language` (English by default), with era dates if `era_dates`.
    """
    from nkdesk.services import trail

    chosen = spec(name)
    with printing_in(settings.forms_language, settings.era_dates):
        story = BUILDERS[chosen.builder](store, patient, actor, settings)
        pdf = render_form(chosen, story, store, patient, actor, settings, printed_at=printed_at,
                          app_version=app_version, out=out)
    trail.record_read(store, actor, "form_printed", [patient.study_id], {"form": chosen.name})   # issue 15
    return pdf


def make_serious_event_report(entry: AdverseEventEntry, store: Store, patient: Patient, actor: Actor,
                              settings: SiteSettings, *, number: int | None = None,
                              printed_at: datetime | None = None, app_version: str | None = None,
                              out: Out = None) -> bytes:
    """One serious AE's report form (the ae-log PDF carries one for every serious AE as well):
    for the window's Print action on a single AE. `entry` is a rules.adverse_events.AdverseEventEntry."""
    from nkdesk.services import trail

    with printing_in(settings.forms_language, settings.era_dates):
        story = ae_log_form.serious_report_story(entry, number)
        pdf = render_form(SERIOUS_EVENT_REPORT, story, store, patient, actor, settings,
                          printed_at=printed_at, app_version=app_version, out=out)
    trail.record_read(store, actor, "form_printed", [patient.study_id], {"form": SERIOUS_EVENT_REPORT.name})
    return pdf


# ------------------------------------------------------------------------------ reading
def read_chart(store: Store, patient: Patient) -> PatientChart:
    """Everything stored about the patient, in one consistent read (RecordNotFound if it is gone)."""
    from nkdesk.services import patients
    from nkdesk.storage.errors import RecordNotFound

    found = patients.chart(store, patient.id)
    if found is None:
        raise RecordNotFound(f"patients #{patient.id} does not exist", table="patients", record_id=patient.id)
    return found


def content_hash(store: Store, table: str, record_id: int) -> str:
    """The record's content hash as stored now (`storage.signatures.content_hash`, the one every
    signature binds), shortened for the page: the printed record can be matched to its signatures."""
    from nkdesk.storage import signatures

    found = signatures.record_hash(store, table, record_id)
    return say("content SHA-256 {hash}…", hash=found[:16]) if found else say("content hash unavailable")


def user_name(store: Store, user_id: int | None) -> str | None:
    from nkdesk.storage import users

    found = users.get(store, user_id) if user_id is not None else None
    return None if found is None else f"{found.full_name} ({found.role.label if found.role else 'no role'})"


def infusion_vitals(patient_chart: PatientChart, settings: SiteSettings) -> list[chart_views.InfusionVitals]:
    """Every infusion (recorded, or still only planned) with the vital-sign sets recorded around it."""
    cycle_numbers = {c.id: c.number for c in patient_chart.cycles}
    sets_by_infusion: dict[int, list[VitalSignSet]] = {}
    for record in patient_chart.vital_sets:
        sets_by_infusion.setdefault(record.infusion_id, []).append(record)
    recorded = {i.event_id: i for i in patient_chart.infusions}
    out = []
    for event in sorted((e for e in patient_chart.events if e.kind == "infusion"),
                        key=lambda e: (cycle_numbers.get(e.cycle_id, 0), e.id)):
        infusion = recorded.pop(event.id, None)
        out.append(_infusion_vitals(event.cycle_id, event, infusion, sets_by_infusion, cycle_numbers, settings))
    for infusion in recorded.values():   # an infusion recorded without a calendar event
        out.append(_infusion_vitals(infusion.cycle_id, None, infusion, sets_by_infusion, cycle_numbers, settings))
    return out


def _infusion_vitals(cycle_id: int | None, event: TreatmentEvent | None, infusion: Infusion | None,
                     sets_by_infusion: dict[int, list[VitalSignSet]], cycle_numbers: dict[int, int],
                     settings: SiteSettings) -> chart_views.InfusionVitals:
    from nkdesk.rules import vitals as vitals_rules
    from nkdesk.services import vitals as vitals_service

    if infusion is not None and infusion.started_at is not None:
        when, status = day(infusion.started_at.date()), infusion.status
    else:
        planned = event.actual_on or event.planned_on if event is not None else None
        when = day(planned, missing=say("date not set"))
        status = infusion.status if infusion is not None else (event.status if event is not None else "planned")
    number = cycle_numbers.get(cycle_id, "?") if cycle_id is not None else "?"
    label = say("Cycle {number} infusion, {day} ({status})", number=number, day=when,
                status=say(status.replace("_", " ")))
    rows = []
    sets = sets_by_infusion.get(infusion.id, []) if infusion is not None else []   # no infusion yet: no sets
    started_at = infusion.started_at if infusion is not None else None
    for record in sorted(sets, key=lambda r: r.measured_at):
        acknowledged = [a for a in record.alerts if a.acknowledged_at is not None]
        complete = bool(record.alerts) and len(acknowledged) == len(record.alerts)
        when = vitals_service.set_label(record, started_at)
        rows.append(vitals_form.VitalsRow(
            when, vitals_rules.assess(vitals_service.as_vital_signs(record), settings.vital_limits),
            acknowledged[-1].acknowledged_by_name if complete else None,
            acknowledged[-1].acknowledged_at if complete else None, record.reason or None))
    return chart_views.InfusionVitals(label, infusion.started_at if infusion else None, tuple(rows))


def stored_adverse_events(store: Store, patient_chart: PatientChart) -> list[AdverseEventEntry]:
    """The patient's logged adverse events as rules-level entries, by onset (reporter's name in
    `extra["reported_by"]` when the prompt report was recorded)."""
    from nkdesk.services import adverse_events

    entries = []
    for record in sorted(patient_chart.adverse_events, key=lambda r: r.onset):
        entry = adverse_events.as_entry(record)
        if record.reported_by is not None:
            entry.extra["reported_by"] = user_name(store, record.reported_by)
        entries.append(entry)
    return entries


# ------------------------------------------------------------------------------ one builder per form
def eligibility(store: Store, patient: Patient, actor: Actor, settings: SiteSettings) -> list[Flowable]:
    patient_chart = read_chart(store, patient)
    found = chart_views.assessment_to_print(patient_chart)
    if found is None:
        return [para(say("No eligibility assessment recorded for this patient."), "body")]
    lines = [eligibility_form.SignatureLine(c.signature.signer_name, c.signature.signer_role, chart_views.signed_at(c),
                                            c.signature.meaning, c.valid)
             for c in chart_views.signatures(patient_chart, "eligibility_assessments", found.id)]
    notes = []
    if found.status != "signed":
        notes.append(say("DRAFT — not signed by an investigator: this checklist does not confirm eligibility."))
    newer = [a for a in patient_chart.assessments if a.id > found.id]
    if newer:
        notes.append(say("A newer unsigned assessment exists (#{id} of {day}); this form prints the signed one.",
                         id=newer[-1].id, day=day(newer[-1].assessed_on, missing=say("no date"))))
    about = say("Assessment #{id} of {day}, {status} ({hash}). Result as stored when it was saved.",
                id=found.id, day=day(found.assessed_on, missing=say("(no date)")), status=say(found.status),
                hash=content_hash(store, "eligibility_assessments", found.id))
    data = found.inputs.get("raw", {})
    return eligibility_form.story(protocol.load(found.protocol_id), data, chart_views.result_from_json(found.result),
                                  lines, tuple(notes), about)


def dose_order(store: Store, patient: Patient, actor: Actor, settings: SiteSettings) -> list[Flowable]:
    from nkdesk.rules.dosing import UserRef

    patient_chart = read_chart(store, patient)
    record = chart_views.order_to_print(patient_chart)
    if record is None:
        return _calculation_only(patient_chart, settings)
    signed = {c.signature.meaning: c for c in chart_views.signatures(patient_chart, "dose_orders", record.id)}

    def who(meaning: str) -> str | None:
        check = signed.get(meaning)
        if check is None:
            return None
        sig = check.signature
        return (say("{name} ({role}), signed {when}", name=sig.signer_name, role=say(sig.signer_role),
                    when=moment(chart_views.signed_at(check), "%Y-%m-%d %H:%M %Z"))
                + ("" if check.valid else say(" — SIGNATURE BROKEN: order changed after signing")))

    prescriber, verifier = who("dose prescribed"), who("dose verified")
    order = chart_views.dose_order_from_json(
        record.order_json, prescribed_by=UserRef(str(record.prescriber_id), prescriber) if prescriber else None,
        verified_by=UserRef(str(record.verifier_id), verifier) if verifier else None)
    status = {"draft": "DRAFT — not prescribed, not an order", "cancelled": "CANCELLED — not to be given"}
    cycle = _cycle(patient_chart, record.cycle_id)
    about = join(say("Order #{id}", id=record.id), say(" for cycle {n}", n=cycle.number) if cycle else "",
                 say(", stored status: {status} ({hash}).", status=say(record.status),
                     hash=content_hash(store, "dose_orders", record.id)))
    notes = []
    if record.cancel_reason:
        notes.append(say("Cancelled: {reason}", reason=record.cancel_reason))
    if record.decision_note:
        notes.append(say("Pharmacist's decision: {note}", note=record.decision_note))
    others = [o for o in patient_chart.dose_orders if o.id != record.id]
    if others:
        notes.append(say("Other orders for this patient: {orders}",
                         orders=", ".join(f"#{o.id} ({say(o.status)})" for o in others)))
    if order is None:
        return [para(say("Order #{id} ({status}) was stored without the details this form prints; "
                         "its stored content follows.", id=record.id, status=say(record.status)), "body"),
                para("; ".join(f"{k}: {v}" for k, v in record.order_json.items()), "small")]
    drafted = user_name(store, record.prescriber_id)
    return dose_order_form.story(order,
                                 prescriber=prescriber or (say("{who} — draft, not signed", who=drafted)
                                                           if drafted else None),
                                 verifier=verifier, status_words=status.get(record.status), notes=tuple(notes),
                                 about=about, acknowledged=_acknowledged(record.order_json))


def _acknowledged(order_json: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The stored order's caution acknowledgement (issue 14), if it was stored with one."""
    found = order_json.get("cautions_acknowledged")
    return found if isinstance(found, Mapping) else None


def _cycle(patient_chart: PatientChart, cycle_id: int | None) -> TreatmentCycle | None:
    return next((c for c in patient_chart.cycles if c.id == cycle_id), None)


def _calculation_only(patient_chart: PatientChart, settings: SiteSettings) -> list[Flowable]:
    """No order stored: the dose from the newest height and weight, marked as not an order."""
    from nkdesk.rules import bsa, dosing
    from nkdesk.rules.errors import InputError

    height, weight = chart_views.latest_body(patient_chart, "height"), chart_views.latest_body(patient_chart, "weight")
    if height is None or weight is None:
        return [para(say("No dose order recorded for this patient, and no height and weight to calculate from."),
                     "body")]
    planned = [c for c in patient_chart.cycles if c.status in ("planned", "in_progress")]
    apheresis = (planned[0].actual_apheresis_on or planned[0].planned_apheresis_on) if planned else None
    try:
        area = bsa.bsa(height.quantity.text, weight.quantity.text, settings.default_bsa_formula)
        order = dosing.make_order(area, apheresis=apheresis, settings=settings)
    except InputError as exc:
        return [para(say("No dose order recorded for this patient; the dose cannot be calculated ({problem}).",
                         problem=exc), "body")]
    note = say("No dose order has been recorded for this patient. The calculation below uses the newest height "
               "({height}, {height_on}) and weight ({weight}, {weight_on}) for information only: it is NOT an "
               "order. Prescribe and verify in NKDesk before any dose is given.", height=height.quantity.text,
               height_on=day(height.measured_on), weight=weight.quantity.text, weight_on=day(weight.measured_on))
    return dose_order_form.story(order, status_words="NO ORDER — calculation only", notes=(note,), sign_off=False,
                                 entered={"height": height.quantity.text, "weight": weight.quantity.text})


def calendar(store: Store, patient: Patient, actor: Actor, settings: SiteSettings) -> list[Flowable]:
    patient_chart = read_chart(store, patient)
    rows, notes = chart_views.calendar_rows(patient_chart, chart_views.protocol_of(patient_chart))
    return calendar_form.rows_story(rows, notes)


def vitals(store: Store, patient: Patient, actor: Actor, settings: SiteSettings) -> list[Flowable]:
    from nkdesk.rules import vitals as vitals_rules

    patient_chart = read_chart(store, patient)
    points = vitals_rules.time_points(chart_views.protocol_of(patient_chart), tuple(settings.infusion_time_points_min))
    return vitals_form.record_story(infusion_vitals(patient_chart, settings), [p.label for p in points])


def ae_log(store: Store, patient: Patient, actor: Actor, settings: SiteSettings) -> list[Flowable]:
    patient_chart = read_chart(store, patient)
    return ae_log_form.story(stored_adverse_events(store, patient_chart))


def summary(store: Store, patient: Patient, actor: Actor, settings: SiteSettings) -> list[Flowable]:
    patient_chart = read_chart(store, patient)
    return summary_form.story(patient_chart, chart_views.protocol_of(patient_chart),
                              stored_adverse_events(store, patient_chart))


def render_form(form: FormSpec, story: list[Flowable], store: Store, patient: Patient, actor: Actor,
                settings: SiteSettings, *, printed_at: datetime | None = None, app_version: str | None = None,
                out: Out = None) -> bytes:
    """The story on pages with the header every form carries (catalogue.FormSpec `form`)."""
    from nkdesk import __version__
    from nkdesk.forms.catalogue import printed_by
    from nkdesk.services import trail
    from nkdesk.storage import patients

    enrolment = patients.enrolment(store, patient.id)
    chosen = protocol.load(enrolment.protocol_id if enrolment else protocol.DEFAULT_PROTOCOL)
    header = FormHeader(chosen.id, patient.study_id, patient.initials, say_short(form.title), form.version,
                        printed_by(actor),
                        printed_at or datetime.now().astimezone(), app_version or __version__,
                        paper=settings.paper_size, protocol_title=chosen.title, orientation=form.orientation,
                        witness=trail.witness_line(store))
    return render(header, story, out)


BUILDERS: dict[str, Callable[[Store, Patient, Actor, SiteSettings], list[Flowable]]] = {
    "eligibility": eligibility, "dose_order": dose_order, "calendar": calendar, "vitals": vitals,
    "ae_log": ae_log, "summary": summary}
