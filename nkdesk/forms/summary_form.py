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
from nkdesk.rules import summary as summary_rules

if TYPE_CHECKING:
    from nkdesk.rules.adverse_events import AdverseEventEntry
    from nkdesk.rules.protocol import Protocol

FORM_VERSION = spec("summary").version
STOP_REASONS = {"infection_test_positive": "infection test positive", "treatment_impossible": "treatment impossible",
                "consent_withdrawn": "consent withdrawn", "adverse_event": "adverse event", "other": "other reason"}
VERDICTS = {True: "ELIGIBLE", False: "NOT ELIGIBLE", None: "UNDECIDED (inputs missing)"}
WHEN = "%Y-%m-%d %H:%M %Z"


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _signers(chart: PatientChart, table_name: str, record_id: int) -> list[str]:
    from nkdesk.forms.chart_views import signatures, signed_at

    out: list[str] = []
    for check in signatures(chart, table_name, record_id):
        sig = check.signature
        out.append(f"{sig.signer_name} ({sig.signer_role}), {sig.meaning}, {signed_at(check).strftime(WHEN).strip()}"
                   + ("" if check.valid else " — SIGNATURE BROKEN: record changed after signing"))
    return out


def story(chart: PatientChart, protocol: Protocol,
          adverse_events: Sequence[AdverseEventEntry]) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(markup(f"Status: {status_words(chart)}"), s["verdict"])]
    out += _enrolment(chart, protocol)
    out += _eligibility(chart)
    out += _cycles(chart)
    out += _dose_orders(chart)
    out += _adverse_events(adverse_events)
    return out


def status_words(chart: PatientChart) -> str:
    """The patient's state in the ward's words; a stop with its kind, date and reason."""
    words = PATIENT_STATES.get(chart.state, chart.state)
    if chart.discontinuations and chart.state in ("discontinued", "suspended"):
        stop = chart.discontinuations[-1]
        words = (f"{stop.kind} on {stop.decided_on.isoformat()} — "
                 f"{STOP_REASONS.get(stop.reason_code, stop.reason_code)}")
    return words


def _enrolment(chart: PatientChart, protocol: Protocol) -> list[Flowable]:
    s = styles()
    enrolment = chart.enrolment
    done = [e.actual_on for e in chart.events if e.actual_on and e.status in ("done", "in_progress")]
    rows = [["Protocol", f"{protocol.id} — {protocol.title}"],
            ["Enrolment status", enrolment.status.replace("_", " ") if enrolment else "not enrolled"],
            ["Screening started", _day(enrolment.enrolled_on if enrolment else None)],
            ["First treatment event", _day(min(done) if done else None)],
            ["Latest treatment event", _day(max(done) if done else None)]]
    out: list[Flowable] = [Paragraph("Enrolment", s["h2"]), table(rows, [50 * mm, 125 * mm], header_rows=0)]
    for stop in chart.discontinuations:
        out.append(Paragraph(markup(
            f"Treatment {stop.kind} on {stop.decided_on.isoformat()}: "
            f"{STOP_REASONS.get(stop.reason_code, stop.reason_code)}" + (f" — {stop.details}" if stop.details else "")
            + "".join(f"\nSigned: {line}" for line in _signers(chart, "discontinuations", stop.id))), s["warning"]))
    return out


def _eligibility(chart: PatientChart) -> list[Flowable]:
    from nkdesk.forms.chart_views import assessment_to_print

    s = styles()
    out: list[Flowable] = [Paragraph("Eligibility", s["h2"])]
    found = assessment_to_print(chart)
    if found is None:
        return out + [para("No eligibility assessment recorded.", "body")]
    result = found.result
    rows = [["Verdict", VERDICTS[found.eligible]],
            ["Assessment", f"#{found.id} of {_day(found.assessed_on)} ({found.status})"]]
    if result.get("failed"):
        rows.append(["Failed criteria", ", ".join(result["failed"])])
    if result.get("missing"):
        rows.append(["Missing inputs", ", ".join(result["missing"])])
    if result.get("boundary"):
        rows.append(["Boundary cases", ", ".join(result["boundary"])])
    signers = _signers(chart, "eligibility_assessments", found.id)
    rows.append(["Signed by", "\n".join(signers) if signers else "not signed"])
    return out + [table(rows, [50 * mm, 125 * mm], header_rows=0)]


def _cycles(chart: PatientChart) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph("Cycles", s["h2"])]
    if not chart.cycles:
        return out + [para("No treatment cycle planned.", "body")]
    rows = [["Cycle", "Status", "Apheresis planned", "Apheresis actual", "Infusion planned", "Infusion actual",
             "Infusion status"]]
    for cycle in chart.cycles:
        infusion = next((e for e in chart.events if e.cycle_id == cycle.id and e.kind == "infusion"), None)
        rows.append([str(cycle.number), cycle.status.replace("_", " "), _day(cycle.planned_apheresis_on),
                     _day(cycle.actual_apheresis_on), _day(infusion.planned_on if infusion else None),
                     _day(infusion.actual_on if infusion else None),
                     infusion.status.replace("_", " ") if infusion else "not planned"])
    return out + [table(rows, [13 * mm, 22 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm])]


def _dose_orders(chart: PatientChart) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph("Filgrastim dose orders", s["h2"])]
    if not chart.dose_orders:
        return out + [para("No dose order recorded.", "body")]
    cycle_numbers: dict[int | None, int] = {c.id: c.number for c in chart.cycles}
    rows = [["Order", "Cycle", "Status", "Daily dose", "Delivered", "Deviation", "Signed"]]
    for record in chart.dose_orders:
        order = record.order
        status = record.status + (f": {record.cancel_reason}" if record.cancel_reason else "")
        rows.append([f"#{record.id}", str(cycle_numbers.get(record.cycle_id, "—")), status,
                     _number(order.daily_dose_ug, "µg/day", ".1f"),
                     _number(order.delivered_ug, "µg/day", "g"),
                     _number(order.deviation_pct, "%", "+.2f"),
                     "\n".join(_signers(chart, "dose_orders", record.id)) or "not signed"])
    return out + [table(rows, [14 * mm, 12 * mm, 22 * mm, 24 * mm, 22 * mm, 18 * mm, 63 * mm])]


def _number(value: float | None, unit: str, fmt: str) -> str:
    return "—" if value is None else f"{format(value, fmt)} {unit}"


def _adverse_events(entries: Sequence[AdverseEventEntry]) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph("Adverse events: worst grade per term (CTCAE v5.0)", s["h2"])]
    if not entries:
        return out + [para("No adverse events recorded.", "body")]
    events = [{"subject": 1, "term": e.term, "grade": e.worst_grade or e.grade} for e in entries]
    rows = [["Term", "Events", "Worst grade", "Serious", "Latest outcome"]]
    for counted in summary_rules.ae_counts(events):
        worst = next((g for g in reversed(summary_rules.GRADES) if counted["worst_grade"][str(g)]), None)
        of_term = sorted((e for e in entries if e.term == counted["term"]), key=lambda e: e.onset)
        serious = sum(1 for e in of_term if e.serious)
        rows.append([term_words(of_term[-1]), str(counted["events"]), "not graded" if worst is None else str(worst),
                     f"{serious} serious" if serious else "no", OUTCOME_SHORT.get(of_term[-1].outcome or "", "—")])
    return out + [table(rows, [70 * mm, 18 * mm, 25 * mm, 25 * mm, 37 * mm])]
