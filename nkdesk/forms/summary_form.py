"""The patient summary for the paper file: enrolment, eligibility, cycles, dose orders, the worst
grade of each adverse-event term, and where treatment stands (with the reason for a stop).

Built from the stored chart (`domain.PatientChart`) and the logged AEs (`AdverseEventEntry`); the
worst grade per term is counted by `rules.summary.ae_counts` (a subject counts once per term, at
the highest grade reached), the same rule the trial's safety tables use.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from nkdesk.domain import PATIENT_STATES, PatientChart
from nkdesk.forms.ae_log_form import OUTCOME_SHORT, term_words
from nkdesk.forms.base import markup, para, styles, table
from nkdesk.forms.catalogue import spec
from nkdesk.forms.terms import STOP_REASONS
from nkdesk.forms.words import data_text, day, moment, say
from nkdesk.rules import summary as summary_rules

if TYPE_CHECKING:
    from nkdesk.rules.adverse_events import AdverseEventEntry
    from nkdesk.rules.protocol import Protocol

FORM_VERSION = spec("summary").version
VERDICTS = {True: "ELIGIBLE", False: "NOT ELIGIBLE", None: "UNDECIDED (inputs missing)"}
WHEN = "%Y-%m-%d %H:%M %Z"


def _day(value: date | None) -> str:
    return day(value)


def _signers(chart: PatientChart, table_name: str, record_id: int) -> list[str]:
    from nkdesk.forms.chart_views import signatures, signed_at

    out: list[str] = []
    for check in signatures(chart, table_name, record_id):
        sig = check.signature
        out.append(f"{sig.signer_name} ({say(sig.signer_role)}), {say(sig.meaning)}, {moment(signed_at(check), WHEN)}"
                   + ("" if check.valid else say(" — SIGNATURE BROKEN: record changed after signing")))
    return out


def story(chart: PatientChart, protocol: Protocol,
          adverse_events: Sequence[AdverseEventEntry]) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(markup(say("Status: {status}", status=status_words(chart))), s["verdict"])]
    out += _enrolment(chart, protocol)
    out += _eligibility(chart)
    out += _cycles(chart)
    out += _dose_orders(chart)
    out += _adverse_events(adverse_events)
    return out


def status_words(chart: PatientChart) -> str:
    """The patient's state in the ward's words; a stop with its kind, date and reason."""
    words = say(PATIENT_STATES.get(chart.state, chart.state))
    if chart.discontinuations and chart.state in ("discontinued", "suspended"):
        stop = chart.discontinuations[-1]
        words = say("{kind} on {day} — {reason}", kind=say(stop.kind), day=_day(stop.decided_on),
                    reason=say(STOP_REASONS.get(stop.reason_code, stop.reason_code)))
    return words


def _enrolment(chart: PatientChart, protocol: Protocol) -> list[Flowable]:
    s = styles()
    enrolment = chart.enrolment
    done = [e.actual_on for e in chart.events if e.actual_on and e.status in ("done", "in_progress")]
    title = data_text(protocol.title, str(protocol.data.get("title_ja", "")) or None)
    rows = [[say("Protocol"), f"{protocol.id} — {title}"],
            [say("Enrolment status"), say(enrolment.status.replace("_", " ")) if enrolment else say("not enrolled")],
            [say("Screening started"), _day(enrolment.enrolled_on if enrolment else None)],
            [say("First treatment event"), _day(min(done) if done else None)],
            [say("Latest treatment event"), _day(max(done) if done else None)]]
    out: list[Flowable] = [Paragraph(markup(say("Enrolment")), s["h2"]),
                           table(rows, [50 * mm, 125 * mm], header_rows=0)]
    for stop in chart.discontinuations:
        out.append(Paragraph(markup(
            say("Treatment {kind} on {day}: {reason}", kind=say(stop.kind), day=_day(stop.decided_on),
                reason=say(STOP_REASONS.get(stop.reason_code, stop.reason_code)))
            + (f" — {stop.details}" if stop.details else "")
            + "".join("\n" + say("Signed: {line}", line=line)
                      for line in _signers(chart, "discontinuations", stop.id))), s["warning"]))
    return out


def _eligibility(chart: PatientChart) -> list[Flowable]:
    from nkdesk.forms.chart_views import assessment_to_print

    s = styles()
    out: list[Flowable] = [Paragraph(markup(say("Eligibility")), s["h2"])]
    found = assessment_to_print(chart)
    if found is None:
        return out + [para(say("No eligibility assessment recorded."), "body")]
    result = found.result
    rows = [[say("Verdict"), say(VERDICTS[found.eligible])],
            [say("Assessment"), say("#{id} of {day} ({status})", id=found.id, day=_day(found.assessed_on),
                                    status=say(found.status))]]
    if result.get("failed"):
        rows.append([say("Failed criteria"), ", ".join(result["failed"])])
    if result.get("missing"):
        rows.append([say("Missing inputs"), ", ".join(result["missing"])])
    if result.get("boundary"):
        rows.append([say("Boundary cases"), ", ".join(result["boundary"])])
    signers = _signers(chart, "eligibility_assessments", found.id)
    rows.append([say("Signed by"), "\n".join(signers) if signers else say("not signed")])
    return out + [table(rows, [50 * mm, 125 * mm], header_rows=0)]


def _cycles(chart: PatientChart) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(markup(say("Cycles")), s["h2"])]
    if not chart.cycles:
        return out + [para(say("No treatment cycle planned."), "body")]
    rows = [[say(h) for h in ("Cycle", "Status", "Apheresis planned", "Apheresis actual", "Infusion planned",
                              "Infusion actual", "Infusion status")]]
    for cycle in chart.cycles:
        infusion = next((e for e in chart.events if e.cycle_id == cycle.id and e.kind == "infusion"), None)
        rows.append([str(cycle.number), say(cycle.status.replace("_", " ")), _day(cycle.planned_apheresis_on),
                     _day(cycle.actual_apheresis_on), _day(infusion.planned_on if infusion else None),
                     _day(infusion.actual_on if infusion else None),
                     say(infusion.status.replace("_", " ")) if infusion else say("not planned")])
    return out + [table(rows, [13 * mm, 22 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm])]


def _dose_orders(chart: PatientChart) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(markup(say("Filgrastim dose orders")), s["h2"])]
    if not chart.dose_orders:
        return out + [para(say("No dose order recorded."), "body")]
    cycle_numbers: dict[int | None, int] = {c.id: c.number for c in chart.cycles}
    rows = [[say(h) for h in ("Order", "Cycle", "Status", "Daily dose", "Delivered", "Deviation", "Signed")]]
    for record in chart.dose_orders:
        order = record.order
        status = say(record.status) + (f": {record.cancel_reason}" if record.cancel_reason else "")
        rows.append([f"#{record.id}", str(cycle_numbers.get(record.cycle_id, "—")), status,
                     _number(order.daily_dose_ug, "µg/day", ".1f"),
                     _number(order.delivered_ug, "µg/day", "g"),
                     _number(order.deviation_pct, "%", "+.2f"),
                     "\n".join(_signers(chart, "dose_orders", record.id)) or say("not signed")])
    return out + [table(rows, [14 * mm, 12 * mm, 22 * mm, 24 * mm, 22 * mm, 18 * mm, 63 * mm])]


def _number(value: float | None, unit: str, fmt: str) -> str:
    return "—" if value is None else f"{format(value, fmt)} {unit}"


def _adverse_events(entries: Sequence[AdverseEventEntry]) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(markup(say("Adverse events: worst grade per term (CTCAE v5.0)")), s["h2"])]
    if not entries:
        return out + [para(say("No adverse events recorded."), "body")]
    events = [{"subject": 1, "term": e.term, "grade": e.worst_grade or e.grade} for e in entries]
    rows = [[say(h) for h in ("Term", "Events", "Worst grade", "Serious", "Latest outcome")]]
    for counted in summary_rules.ae_counts(events):
        worst = next((g for g in reversed(summary_rules.GRADES) if counted["worst_grade"][str(g)]), None)
        of_term = sorted((e for e in entries if e.term == counted["term"]), key=lambda e: e.onset)
        serious = sum(1 for e in of_term if e.serious)
        rows.append([term_words(of_term[-1]), str(counted["events"]),
                     say("not graded") if worst is None else str(worst),
                     say("{n} serious", n=serious) if serious else say("no"),
                     say(OUTCOME_SHORT.get(of_term[-1].outcome or "", "—"))])
    return out + [table(rows, [70 * mm, 18 * mm, 25 * mm, 25 * mm, 37 * mm])]
