"""The treatment calendar for the paper file: every cycle's events, planned and actual dates."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from nkdesk.forms.base import markup, para, styles, table
from nkdesk.forms.catalogue import spec
from nkdesk.forms.terms import KIND_WORDS, STATUS_WORDS
from nkdesk.forms.words import day, language, protocol_text, say

if TYPE_CHECKING:
    from nkdesk.forms.chart_views import CalendarRow
    from nkdesk.rules.schedule import Schedule

FORM_VERSION = spec("calendar").version
STATUS_COLOURS = {"in_progress": "#fff3cd", "done": "#e8f5e9", "cancelled": "#eeeeee"}


def story(schedule: Schedule, planned: Schedule | None = None) -> list[Flowable]:
    """`schedule` as it stands (actual dates where recorded); `planned`, if given, the original plan
    so that each event shows its planned date beside the actual one."""
    s = styles()
    out: list[Flowable] = []
    if schedule.gcsf_window is not None:
        w = schedule.gcsf_window
        text = say("First G-CSF day {first}: window {start} – {end} (1 to 3 months after surgery) — {verdict}",
                   first=day(w.first_gcsf), start=day(w.start), end=day(w.end),
                   verdict=say("within") if w.within else say("OUTSIDE THE WINDOW"))
        out.append(Paragraph(markup(text), s["body" if w.within else "warning"]))
    if schedule.timing:
        out.append(Paragraph(markup(say("Timing: {timing}", timing=schedule.timing)), s["warning"]))
    plan_dates: dict[tuple[int | None, int | None, str], date] = {}
    if planned is not None:
        for event in planned.events:
            plan_dates.setdefault((event.cycle, event.culture_day, event.kind), event.date)
    rows = [[say("Cycle"), say("Day"), say("Event"), say("Planned"), say("Actual / status"), say("Done (initials)")]]
    for event in schedule.events:
        original = plan_dates.get((event.cycle, event.culture_day, event.kind), event.date)
        actual = day(event.date) if event.status != "planned" or original != event.date else ""
        rows.append(["" if event.cycle is None else str(event.cycle),
                     "" if event.culture_day is None else str(event.culture_day),
                     _event_words(event.label, event.kind),
                     day(original, weekday=True),
                     f"{actual} {_status(event.status)}".strip(), ""])
    out.append(table(rows, [14 * mm, 12 * mm, 68 * mm, 31 * mm, 31 * mm, 19 * mm]))
    out.append(para(say("Protocol {protocol}: {n} events.", protocol=schedule.protocol_id, n=len(schedule.events)),
                    "small"))
    return out


def _status(code: str) -> str:
    """A schedule's status: the code itself in English (as printed before issue 18), else in words."""
    return code if language() == "en" else say(STATUS_WORDS.get(code, code))


def _event_words(label: str, kind: str) -> str:
    """An event as the calendar names it: the protocol's label (its Japanese from the protocol
    file), the G-CSF day counted by the rules, or the kind's word."""
    if not label:
        return say(KIND_WORDS.get(kind, kind))
    import re

    counted = re.fullmatch(r"G-CSF day (\d+) of (\d+)", label)
    if counted:
        return say("G-CSF day {n} of {total}", n=counted.group(1), total=counted.group(2))
    return protocol_text(label)


def rows_story(rows: Sequence[CalendarRow], notes: Sequence[str] = ()) -> list[Flowable]:
    """The calendar as stored (`sources.CalendarRow`s): planned and actual dates, status, and the
    protocol's plan for what NKDesk has not scheduled yet."""
    s = styles()
    out: list[Flowable] = [para(say(
        "Planned: the date NKDesk holds (or the protocol's plan). Actual: the date it happened. "
        "Day: culture day, 0 = apheresis. \"protocol plan\": laid out from the protocol, not yet "
        "scheduled in NKDesk."), "small")]
    out += [Paragraph(markup(note), s["warning"]) for note in notes]
    if not rows:
        out.append(para(say("No treatment events recorded."), "body"))
        return out
    data = [[say(h) for h in ("Cycle", "Day", "Event", "Planned", "Actual", "Status", "Done (initials)")]]
    colours: dict[int, str] = {}
    for index, row in enumerate(rows, start=1):
        data.append(["" if row.cycle is None else str(row.cycle),
                     "" if row.culture_day is None else str(row.culture_day),
                     _event_words(row.label, row.kind),
                     day(row.planned, weekday=True),
                     day(row.actual, weekday=True, missing=""),
                     say(STATUS_WORDS.get(row.status, row.status)), ""])
        if row.status in STATUS_COLOURS:
            colours[index] = STATUS_COLOURS[row.status]
    # サイクル needs 15 mm; English keeps the widths it has always printed with
    widths = [12, 10, 58, 30, 30, 22, 18] if language() == "en" else [15, 9, 55, 30, 30, 22, 19]
    out.append(table(data, [w * mm for w in widths], zebra=False,
                     row_colours=colours))
    recorded = sum(1 for r in rows if r.status != "protocol")
    out.append(para(say("{n} events: {recorded} scheduled or recorded in NKDesk, {planned} from the protocol's plan.",
                        n=len(rows), recorded=recorded, planned=len(rows) - recorded), "small"))
    return out
