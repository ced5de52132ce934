"""The builders the catalogue names: `build(store, patient, actor, settings) -> story`, one per form.

Each reads what it needs through `sources` (read-only) and hands rules-level objects to its form
module; none recalculates what was stored. Where nothing is stored yet, the form says so.
"""
from __future__ import annotations

from datetime import datetime

from nkdesk.forms import (ae_log_form, calendar_form, dose_order_form, eligibility_form, sources, summary_form,
                          vitals_form)
from nkdesk.forms.base import FormHeader, para, render
from nkdesk.rules import protocol


def eligibility(store, patient, actor, settings) -> list:
    chart = sources.chart(store, patient)
    found = sources.assessment_to_print(chart)
    if found is None:
        return [para("No eligibility assessment recorded for this patient.", "body")]
    lines = [eligibility_form.SignatureLine(c.signature.signer_name, c.signature.signer_role, sources.signed_at(c),
                                            c.signature.meaning, c.valid)
             for c in sources.signatures(chart, "eligibility_assessments", found.id)]
    notes = []
    if found.status != "signed":
        notes.append("DRAFT — not signed by an investigator: this checklist does not confirm eligibility.")
    newer = [a for a in chart.assessments if a.id > found.id]
    if newer:
        notes.append(f"A newer unsigned assessment exists (#{newer[-1].id} of "
                     f"{newer[-1].assessed_on.isoformat() if newer[-1].assessed_on else 'no date'}); "
                     "this form prints the signed one.")
    about = (f"Assessment #{found.id} of {found.assessed_on.isoformat() if found.assessed_on else '(no date)'}, "
             f"{found.status}. Result as stored when it was saved.")
    data = found.inputs.get("raw", {})
    return eligibility_form.story(protocol.load(found.protocol_id), data, sources.result_from_json(found.result),
                                  lines, tuple(notes), about)


def dose_order(store, patient, actor, settings) -> list:
    from nkdesk.rules.dosing import UserRef

    chart = sources.chart(store, patient)
    record = sources.order_to_print(chart)
    if record is None:
        return _calculation_only(chart, settings)
    signed = {c.signature.meaning: c for c in sources.signatures(chart, "dose_orders", record.id)}

    def who(meaning: str) -> str | None:
        check = signed.get(meaning)
        if check is None:
            return None
        sig = check.signature
        return (f"{sig.signer_name} ({sig.signer_role}), signed {sources.signed_at(check):%Y-%m-%d %H:%M %Z}"
                + ("" if check.valid else " — SIGNATURE BROKEN: order changed after signing"))

    prescriber, verifier = who("dose prescribed"), who("dose verified")
    order = sources.dose_order_from_json(
        record.order, prescribed_by=UserRef(str(record.prescriber_id), prescriber) if prescriber else None,
        verified_by=UserRef(str(record.verifier_id), verifier) if verifier else None)
    status = {"draft": "DRAFT — not prescribed, not an order", "cancelled": "CANCELLED — not to be given"}
    cycle = _cycle(chart, record.cycle_id)
    about = f"Order #{record.id}" + (f" for cycle {cycle.number}" if cycle else "") + f", stored status: {record.status}."
    notes = []
    if record.cancel_reason:
        notes.append(f"Cancelled: {record.cancel_reason}")
    if record.decision_note:
        notes.append(f"Pharmacist's decision: {record.decision_note}")
    others = [o for o in chart.dose_orders if o.id != record.id]
    if others:
        notes.append("Other orders for this patient: " + ", ".join(f"#{o.id} ({o.status})" for o in others))
    if order is None:
        return [para(f"Order #{record.id} ({record.status}) was stored without the details this form prints; "
                     "its stored content follows.", "body"),
                para("; ".join(f"{k}: {v}" for k, v in record.order.items()), "small")]
    drafted = sources.user_name(store, record.prescriber_id)
    return dose_order_form.story(order, prescriber=prescriber or (f"{drafted} — draft, not signed" if drafted else None),
                                 verifier=verifier, status_words=status.get(record.status), notes=tuple(notes),
                                 about=about)


def _cycle(chart, cycle_id):
    return next((c for c in chart.cycles if c.id == cycle_id), None)


def _calculation_only(chart, settings) -> list:
    """No order stored: the dose from the newest height and weight, marked as not an order."""
    from nkdesk.rules import bsa, dosing
    from nkdesk.rules.errors import InputError

    height, weight = sources.latest_body(chart, "height"), sources.latest_body(chart, "weight")
    if height is None or weight is None:
        return [para("No dose order recorded for this patient, and no height and weight to calculate from.", "body")]
    planned = [c for c in chart.cycles if c.status in ("planned", "in_progress")]
    apheresis = (planned[0].actual_apheresis_on or planned[0].planned_apheresis_on) if planned else None
    try:
        area = bsa.bsa(height.quantity.text, weight.quantity.text, settings.default_bsa_formula)
        order = dosing.make_order(area, apheresis=apheresis, settings=settings)
    except InputError as exc:
        return [para(f"No dose order recorded for this patient; the dose cannot be calculated ({exc}).", "body")]
    note = (f"No dose order has been recorded for this patient. The calculation below uses the newest height "
            f"({height.quantity.text}, {height.measured_on.isoformat()}) and weight ({weight.quantity.text}, "
            f"{weight.measured_on.isoformat()}) for information only: it is NOT an order. Prescribe and verify "
            "in NKDesk before any dose is given.")
    return dose_order_form.story(order, status_words="NO ORDER — calculation only", notes=(note,), sign_off=False,
                                 entered={"height": height.quantity.text, "weight": weight.quantity.text})


def calendar(store, patient, actor, settings) -> list:
    chart = sources.chart(store, patient)
    rows, notes = sources.calendar_rows(chart, sources.protocol_of(chart))
    return calendar_form.rows_story(rows, notes)


def vitals(store, patient, actor, settings) -> list:
    from nkdesk.rules import vitals as vitals_rules

    chart = sources.chart(store, patient)
    points = vitals_rules.time_points(sources.protocol_of(chart), tuple(settings.infusion_time_points_min))
    return vitals_form.record_story(sources.infusion_vitals(store, chart), [p.label for p in points])


def ae_log(store, patient, actor, settings) -> list:
    chart = sources.chart(store, patient)
    return ae_log_form.story(sources.stored_adverse_events(store, chart))


def summary(store, patient, actor, settings) -> list:
    chart = sources.chart(store, patient)
    return summary_form.story(chart, sources.protocol_of(chart), sources.stored_adverse_events(store, chart))


def render_form(form, story: list, store, patient, actor, settings, *, printed_at: datetime | None = None,
                app_version: str | None = None, out=None) -> bytes:
    """The story on pages with the header every form carries (catalogue.FormSpec `form`)."""
    from nkdesk import __version__
    from nkdesk.forms.catalogue import printed_by
    from nkdesk.storage import patients

    enrolment = patients.enrolment(store, patient.id)
    chosen = protocol.load(enrolment.protocol_id if enrolment else protocol.DEFAULT_PROTOCOL)
    header = FormHeader(chosen.id, patient.study_id, patient.initials, form.title, form.version, printed_by(actor),
                        printed_at or datetime.now().astimezone(), app_version or __version__,
                        paper=settings.paper_size, protocol_title=chosen.title, orientation=form.orientation)
    return render(header, story, out)
