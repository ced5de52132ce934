"""The treatment calendar for the paper file: every cycle's events, planned and actual dates."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from nkdesk.forms.base import markup, para, styles, table

FORM_VERSION = "1.0"
KIND_WORDS = {"gcsf": "G-CSF", "apheresis": "Apheresis", "medium_add": "Medium added",
              "medium_change": "Medium changed", "il12": "IL-12 added", "il2": "IL-2 added",
              "infusion": "NK-cell infusion", "followup": "Follow-up"}


def story(schedule, planned=None) -> list:
    """`schedule` as it stands (actual dates where recorded); `planned`, if given, the original plan
    so that each event shows its planned date beside the actual one."""
    s = styles()
    out = []
    if schedule.gcsf_window is not None:
        w = schedule.gcsf_window
        text = (f"First G-CSF day {w.first_gcsf.isoformat()}: window {w.start.isoformat()} – {w.end.isoformat()} "
                f"(1 to 3 months after surgery) — {'within' if w.within else 'OUTSIDE THE WINDOW'}")
        out.append(Paragraph(markup(text), s["body" if w.within else "warning"]))
    if schedule.timing:
        out.append(Paragraph(markup(f"Timing: {schedule.timing}"), s["warning"]))
    plan_dates = {}
    if planned is not None:
        for event in planned.events:
            plan_dates.setdefault((event.cycle, event.culture_day, event.kind), event.date)
    rows = [["Cycle", "Day", "Event", "Planned", "Actual / status", "Done (initials)"]]
    for event in schedule.events:
        original = plan_dates.get((event.cycle, event.culture_day, event.kind), event.date)
        actual = event.date.isoformat() if event.status != "planned" or original != event.date else ""
        rows.append(["" if event.cycle is None else str(event.cycle),
                     "" if event.culture_day is None else str(event.culture_day),
                     event.label or KIND_WORDS.get(event.kind, event.kind),
                     original.strftime("%a %Y-%m-%d"),
                     f"{actual} {event.status}".strip(), ""])
    out.append(table(rows, [14 * mm, 12 * mm, 70 * mm, 32 * mm, 32 * mm, 20 * mm]))
    out.append(para(f"Protocol {schedule.protocol_id}: {len(schedule.events)} events.", "small"))
    return out
