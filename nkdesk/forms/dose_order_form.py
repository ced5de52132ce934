"""The filgrastim dose order for the paper file: measurements, formula and BSA, 400 µg/m², the
prescribed daily dose, the label's cautions to ask about (splenomegaly / left upper quadrant pain,
thrombosis history) and a split dose marked as a protocol deviation, the syringe plan, delivered
dose and deviation, course dates, route and time, prescriber and verifier."""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from nkdesk.forms import dose_figures as figures
from nkdesk.forms.base import markup, para, styles, table
from nkdesk.forms.catalogue import spec
from nkdesk.forms.words import day, join, language, say
from nkdesk.rules.bsa import FORMULAS

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

    from nkdesk.rules.dosing import DoseOrder

FORM_VERSION = spec("dose-order").version
STATUS_WORDS = {"unsigned": "NOT PRESCRIBED (calculation only)", "awaiting_verification":
                "PRESCRIBED — NOT ACTIVE until verified by a second authorised user", "active": "ACTIVE (verified)"}


def story(order: DoseOrder, *, administration_time: str | None = None, prescriber: str | None = None,
          verifier: str | None = None, status_words: str | None = None, notes: tuple[str, ...] = (),
          sign_off: bool = True, entered: dict[str, str] | None = None, about: str = "",
          acknowledged: Mapping[str, Any] | None = None) -> list[Flowable]:
    """The order laid out. `status_words` replaces the banner worked out from the order (a stored
    order's own status: draft, cancelled); `notes` are printed under it as warnings; without
    `sign_off` (a calculation that is not an order) there are no signature lines and no grid for
    recording the doses given; `entered` ({"height": "62 in", …}) the measurements as typed; `about`
    a line naming the stored order; `administration_time` the time of day, if the order has one;
    `acknowledged` the stored order's `cautions_acknowledged` (which cautions were shown and
    acknowledged at prescribing, by whom, when)."""
    s = styles()
    plan = order.plan
    banner = say("Order status: {status}", status=say(status_words or STATUS_WORDS[order.status]))
    out: list[Flowable] = [Paragraph(markup(banner), s["verdict"])]
    out += [para(about, "body")] if about else []
    out += [Paragraph(markup(note), s["warning"]) for note in notes]
    formula = FORMULAS[order.bsa.formula]
    rows = [["", ""],
            [say("Height"), figures.height(order.bsa.height_cm) + _as_entered(entered, "height", "cm")],
            [say("Weight"), figures.weight(order.bsa.weight_kg) + _as_entered(entered, "weight", "kg")],
            [say("BSA formula"), f"{formula.label} — {formula.source}"],
            [say("Body surface area"), figures.bsa(order.bsa.bsa_m2)],
            [say("Dose per m²"), f"{order.regimen.dose_per_m2_ug:g} µg/m²"],
            [say("Prescribed daily dose"), figures.dose(order.daily_dose_ug)]]
    if order.bsa_cap is not None:
        rows.append([say("BSA cap (site setting)"), f"{order.bsa_cap.cap_m2:g} m²: "
                     + (say("applied — {before} before, {after} after",
                            before=figures.dose(order.bsa_cap.dose_before_ug),
                            after=figures.dose(order.bsa_cap.dose_after_ug))
                        if order.bsa_cap.applied else say("not reached"))])
    rows += [[say("Delivered daily dose"), say("{value} µg/day", value=f"{plan.delivered_ug:g}")],
             [say("Deviation"), join(f"{plan.deviation_pct:+.2f} % (", say("tolerance"),
                                     f" ±{plan.tolerance_pct:g} %: ", say("within" if plan.within_tolerance
                                         else "OUTSIDE — pharmacist's decision required"), ")")],
             [say("Drug, route"), f"{order.regimen.drug}, {order.regimen.route}"],
             [say("Frequency and time"), join(say("twice daily (split dose)" if order.split_daily_dose
                                                  else order.regimen.frequency),
                                              say(", time of day: {time}", time=administration_time or '__________'))]]
    out.append(table(rows[1:], [50 * mm, 130 * mm], header_rows=0))
    # the unrounded figures, for the pharmacist only (the rows above are what a clinician reads)
    out.append(para(figures.exact_values(order.bsa.height_cm, order.bsa.weight_kg, order.bsa.bsa_m2,
                                         order.daily_dose_ug), "small"))
    out += _cautions(order, s, sign_off, acknowledged)
    out.append(Paragraph(markup(say("Syringe plan (per administration)")), s["h2"]))
    syringe_rows = [[say("Syringe"), say("Strength"), say("Count"), say("Volume")]]
    for item in plan.items:
        syringe_rows.append([_syringe_name(item.syringe), f"{item.syringe.strength_ug:g} µg", str(item.count),
                             f"{item.count * item.syringe.volume_ml:.2f} mL"])
    syringe_rows.append([say("Total per day"), f"{plan.delivered_ug:g} µg", str(plan.syringe_count),
                         f"{plan.volume_ml:.2f} mL"])
    out.append(table(syringe_rows, [70 * mm, 35 * mm, 30 * mm, 45 * mm]))
    out.append(Paragraph(markup(say("Course")), s["h2"]))
    if order.course and not sign_off:
        out.append(para(say("{n} days: {dates} (the last on the apheresis day).", n=len(order.course),
                            dates=", ".join(day(d, weekday=True) for d in order.course)), "body"))
    elif order.course:
        course_rows = [[say("Day"), say("Date"), say("Given by (initials)"), say("Time")]]
        for number, course_day in enumerate(order.course, start=1):
            label = join(say("{n} of {total}", n=number, total=len(order.course)),
                         say(" — apheresis day") if course_day == order.apheresis else "")
            course_rows.append([label, day(course_day, weekday=True), "", ""])
        out.append(table(course_rows, [50 * mm, 50 * mm, 45 * mm, 35 * mm]))
    else:
        out.append(para(say("Course dates: the planned apheresis date has not been entered."), "body"))
    if not sign_off:
        return out
    out.append(Paragraph(markup(say("Sign-off")), s["h2"]))
    who = [[say("Prescribed by"), prescriber or (order.prescribed_by.name if order.prescribed_by else "—")],
           [say("Verified by"), verifier or (order.verified_by.name if order.verified_by else say("— (not active)"))]]
    out.append(table(who, [50 * mm, 130 * mm], header_rows=0))
    out += [Spacer(1, 8 * mm), para(say("Prescriber's signature: _____________________   "
                                        "Pharmacist's / verifier's signature: _____________________"), "body")]
    return out


def _as_entered(entered: dict[str, str] | None, name: str, unit: str) -> str:
    """" (entered as 62 in)" when the measurement was typed in another unit."""
    text = (entered or {}).get(name)
    if not text or text.strip().endswith(f" {unit}"):
        return ""
    return say(" (entered as {text})", text=text)


def _cautions(order: DoseOrder, s: dict[str, ParagraphStyle], sign_off: bool,
              acknowledged: Mapping[str, Any] | None) -> list[Flowable]:
    """The label's cautions (ask before each dose, with a box to tick) and any protocol deviation;
    for a stored order, whether each was acknowledged at prescribing, and by whom (issue 14)."""
    out: list[Flowable] = [Paragraph(markup(say("Label cautions — ask before each dose")), s["h2"])]
    ticked = set(acknowledged.get("acknowledged") or ()) if acknowledged else set()
    header: list[str | Flowable] = ["", say("Caution"), say("Source")]
    rows: list[list[str | Flowable]] = [header + ([say("At prescribing")] if acknowledged else [])]
    for caution in order.cautions:
        text = say("PROTOCOL DEVIATION: {text}", text=say(caution.text)) if caution.deviation else say(caution.text)
        row: list[str | Flowable] = ["[ ]" if sign_off and not caution.deviation else "!",
                                     Paragraph(markup(text), s["body"]), Paragraph(markup(caution.source), s["small"])]
        if acknowledged:
            row.append(Paragraph(markup(say("acknowledged") if caution.code in ticked
                                        else say("NOT acknowledged")), s["body"]))
        rows.append(row)
    widths = [8 * mm, 112 * mm, 60 * mm] if not acknowledged else [8 * mm, 92 * mm, 50 * mm, 30 * mm]
    out.append(table(rows, widths))
    if acknowledged:
        found = acknowledged.get("by")
        by: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        out.append(para(say("Cautions acknowledged at prescribing by {who}, {when} (UTC).",
                            who=str(by.get("name") or "—"),
                            when=str(acknowledged.get("at_utc") or "—")[:16].replace("T", " ")), "small"))
    return out


def _syringe_name(syringe: Any) -> str:
    """A stocked syringe's product name in the forms language: its Japanese name as site data (the
    order's own, else the default stock's of the same English name); English as the order stores it."""
    from nkdesk.domain.settings import DEFAULT_SYRINGES

    english = syringe.name or "filgrastim"
    if language() == "en":
        return str(english)
    japanese = getattr(syringe, "name_ja", "") or next(
        (s.name_ja for s in DEFAULT_SYRINGES if s.name == english and s.name_ja), "")
    if not japanese:
        return str(english)
    return str(japanese) if language() == "ja" else f"{japanese} / {english}"
