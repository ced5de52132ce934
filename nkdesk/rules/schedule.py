"""The treatment calendar: dated events from a protocol file's `[schedule]` section (data, not code).

Two shapes of protocol are supported, chosen by `[schedule].anchor`:

- ``apheresis`` (jRCTb060200020): cycles of G-CSF days ending on the apheresis (culture day 0)
  and culture events on fixed culture days (`[[schedule.culture]]`), repeated `cycles` times
  `cycle_every` apart; optionally a G-CSF window after surgery (`[schedule.gcsf_window]`).
- ``surgery`` (the other regimens): infusions at offsets after the operation
  (`[[schedule.infusions]]`), each numbered as its own cycle, no culture days.

Both may list `[[schedule.followup]]` visits, from the surgery or from the first infusion.
Offsets are calendar offsets ({days|weeks|months|years = N}) added with dateutil's relativedelta,
which keeps the day of the month and clamps it to the month's end (30 Nov + 3 months = 28/29 Feb,
+ 6 months = 30 May; 29 Feb + 1 year = 28 Feb), as ../shared/cli-contract.md requires.

Rules of the contract (`nkdesk schedule`) implemented here: planned cycle k's apheresis is cycle 1's
+ (k−1) × 3 months; an actual apheresis for cycle K re-dates cycle K, and every later cycle is
planned 3 months after the previous cycle's (actual or planned) apheresis; an infusion already
given keeps its date (later culture events of that cycle, which did not happen, are dropped);
events are sorted by date, then culture day, then kind in the order of `KINDS`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nkdesk.rules.errors import InputError

if TYPE_CHECKING:
    from nkdesk.rules.protocol import Protocol

KINDS = ("gcsf", "apheresis", "medium_add", "medium_change", "il12", "il2", "infusion", "followup")
OFFSET_UNITS = ("days", "weeks", "months", "years")


@dataclass(frozen=True)
class ScheduleEvent:
    """One dated event. Follow-ups have no cycle and no culture day."""

    date: dt.date
    kind: str
    cycle: int | None
    culture_day: int | None
    label: str = ""
    status: str = "planned"   # planned | actual (a recorded apheresis) | given (an infusion given)

    def sort_key(self) -> tuple[dt.date, bool, int, int, int]:
        no_day = self.culture_day is None
        return (self.date, no_day, self.culture_day or 0, KINDS.index(self.kind), self.cycle or 0)

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "cycle": self.cycle, "culture_day": self.culture_day,
                "kind": self.kind, "label": self.label, "status": self.status}


@dataclass(frozen=True)
class UndatedEvent:
    """An event the protocol lists without a time (the seed gives none): shown, never dated."""

    kind: str
    cycle: int | None
    label: str
    timing: str = "per site protocol"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "cycle": self.cycle, "label": self.label, "timing": self.timing}


@dataclass(frozen=True)
class GcsfWindow:
    """The first G-CSF day must fall from `start` to `end` (both included) after surgery."""

    start: dt.date
    end: dt.date
    first_gcsf: dt.date
    within: bool

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "first_gcsf": self.first_gcsf.isoformat(), "within": self.within}


@dataclass(frozen=True)
class Schedule:
    protocol_id: str
    events: tuple[ScheduleEvent, ...]
    gcsf_window: GcsfWindow | None = None
    timing: str | None = None           # "per site protocol" when the protocol leaves timing to the site
    undated: tuple[UndatedEvent, ...] = ()   # events the protocol gives no date for (allo-family-nk)

    def to_json(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"protocol": self.protocol_id, "events": [e.to_json() for e in self.events]}
        if self.undated:
            payload["undated"] = [e.to_json() for e in self.undated]
        if self.gcsf_window is not None:
            payload["gcsf_window"] = self.gcsf_window.to_json()
        if self.timing:
            payload["timing"] = self.timing
        return payload


def plan(protocol: Protocol, *, apheresis: dt.date | None = None, surgery: dt.date | None = None,
         gcsf_days: int | None = None, cycles: int | None = None,
         actual: Mapping[int, dt.date] | None = None,
         given_infusions: Mapping[int, dt.date] | None = None) -> Schedule:
    """The dated calendar of `protocol` from its anchor date (see the module docstring).

    `actual` maps cycle K to the date its apheresis really happened; `given_infusions` maps cycle
    K to the date its infusion was given (never re-dated). Raises InputError on the field at fault
    (`apheresis`, `surgery`, `gcsf_days`, `cycles`, `actual`, `given_infusions`).
    """
    section = protocol.section("schedule")
    if not section:
        raise InputError("protocol", f"protocol {protocol.id} has no treatment calendar", code="no_schedule")
    actual, given = dict(actual or {}), dict(given_infusions or {})
    anchor = section.get("anchor")
    window = None
    if anchor == "apheresis":
        events = _cycle_events(protocol, section, apheresis, gcsf_days, cycles, actual, given)
        window = _gcsf_window(section, surgery, events)
    elif anchor == "surgery":
        _refuse_unused(protocol, apheresis=apheresis, gcsf_days=gcsf_days, cycles=cycles, actual=actual)
        events = _infusion_events(protocol, section, surgery, given)
    else:
        raise InputError("protocol", f"protocol {protocol.id}: unknown schedule anchor '{anchor}'",
                         code="bad_protocol")
    events += _followups(section, surgery, events)
    return Schedule(protocol.id, tuple(sorted(events, key=ScheduleEvent.sort_key)), window,
                    section.get("timing"), _undated(section, events))


def add_offset(date: dt.date, offset: Mapping[str, int], times: int = 1) -> dt.date:
    """`date` + `times` × a calendar offset {days|weeks|months|years: N}, month ends clamped."""
    from dateutil.relativedelta import relativedelta

    unknown = set(offset) - set(OFFSET_UNITS)
    if unknown or not offset:
        raise InputError("protocol", f"schedule offset {dict(offset)} must use {', '.join(OFFSET_UNITS)}",
                         code="bad_protocol")
    n = {k: int(v) * times for k, v in offset.items()}
    return date + relativedelta(years=n.get("years", 0), months=n.get("months", 0), weeks=n.get("weeks", 0),
                                days=n.get("days", 0))


def _cycle_events(protocol: Protocol, section: dict[str, Any], apheresis: dt.date | None, gcsf_days: int | None,
                  cycles: int | None, actual: dict[int, dt.date], given: dict[int, dt.date]) -> list[ScheduleEvent]:
    from nkdesk.rules.dosing import GcsfRegimen, course_dates

    if apheresis is None:
        raise InputError("apheresis", f"cycle 1's planned apheresis date is needed for protocol {protocol.id}",
                         code="missing")
    days = GcsfRegimen.from_protocol(protocol).check_days(gcsf_days)
    most = int(section["cycles"])
    count = most if cycles is None else cycles
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= most:
        raise InputError("cycles", f"{count} is outside 1–{most} (the protocol gives {most} cycles)",
                         code="out_of_range", low=1, high=most)
    for field, mapping in (("actual", actual), ("given_infusions", given)):
        for k in mapping:
            if not (isinstance(k, int) and 1 <= k <= count):
                raise InputError(field, f"cycle {k} is not one of the planned cycles 1–{count}", code="unknown_cycle")

    events: list[ScheduleEvent] = []
    previous: dt.date | None = None
    chained = False  # after an actual apheresis, each cycle is planned from the previous one
    for k in range(1, count + 1):
        planned = add_offset(previous, section["cycle_every"]) if chained and previous is not None else \
            add_offset(apheresis, section["cycle_every"], times=k - 1)
        day0 = actual.get(k, planned)
        if previous is not None and day0 <= previous:
            raise InputError("actual", f"cycle {k}'s apheresis on {day0} is not after cycle {k - 1}'s "
                                       f"on {previous}", code="out_of_order")
        chained = chained or k in actual
        previous = day0
        events += _one_cycle(section, k, day0, days, course_dates(day0, days), k in actual, given.get(k))
    return events


def _one_cycle(section: dict[str, Any], k: int, day0: dt.date, days: int, gcsf_dates: tuple[dt.date, ...],
               is_actual: bool, given_on: dt.date | None) -> list[ScheduleEvent]:
    events = [ScheduleEvent(d, "gcsf", k, (d - day0).days, f"G-CSF day {i} of {days}")
              for i, d in enumerate(gcsf_dates, 1)]
    for entry in section.get("culture", []):
        kind = entry["kind"]
        if kind not in KINDS:
            raise InputError("protocol", f"unknown event kind '{kind}' (known: {', '.join(KINDS)})",
                             code="bad_protocol")
        for day in entry["days"]:
            status = "actual" if kind == "apheresis" and is_actual else "planned"
            events.append(ScheduleEvent(day0 + dt.timedelta(days=int(day)), kind, k, int(day),
                                        entry.get("label", kind), status))
    if given_on is None:
        return events
    if given_on < day0:
        raise InputError("given_infusions", f"cycle {k}'s infusion on {given_on} is before its apheresis "
                                            f"on {day0}: record the actual apheresis", code="out_of_order")
    # The infusion keeps the date it was given; culture steps planned after it did not happen.
    label = next((e.label for e in events if e.kind == "infusion"), "infusion")
    kept = [e for e in events if e.kind != "infusion" and (e.kind == "gcsf" or e.date <= given_on)]
    return kept + [ScheduleEvent(given_on, "infusion", k, (given_on - day0).days, label, "given")]


def _infusion_events(protocol: Protocol, section: dict[str, Any], surgery: dt.date | None,
                     given: dict[int, dt.date]) -> list[ScheduleEvent]:
    if surgery is None:
        what = section.get("anchor_label", "surgery").lower()
        raise InputError("surgery", f"the date of the {what} is needed for protocol {protocol.id}",
                         code="missing")
    infusions = section.get("infusions", [])
    for k in given:
        if not (isinstance(k, int) and 1 <= k <= len(infusions)):
            raise InputError("given_infusions", f"infusion {k} is not one of 1–{len(infusions)}",
                             code="unknown_cycle")
    events: list[ScheduleEvent] = []
    for k, entry in enumerate(infusions, 1):
        if k in given:
            events.append(ScheduleEvent(given[k], "infusion", k, None, entry.get("label", ""), "given"))
        elif "after" not in entry:
            continue                    # no timing in the source: listed undated (see _undated)
        else:
            events.append(ScheduleEvent(add_offset(surgery, entry["after"]), "infusion", k, None,
                                        entry.get("label", "")))
    return events


def _refuse_unused(protocol: Protocol, **options: object) -> None:
    """Options that only a cycle (apheresis-anchored) protocol uses are refused, not ignored."""
    for name, value in options.items():
        if value is not None and value != {}:
            raise InputError(name, f"protocol {protocol.id} has no G-CSF/apheresis cycles; its calendar "
                                   f"is anchored on the surgery date", code="not_used")


def _gcsf_window(section: dict[str, Any], surgery: dt.date | None, events: list[ScheduleEvent]) -> GcsfWindow | None:
    spec = section.get("gcsf_window")
    if spec is None or surgery is None:
        return None
    start, end = add_offset(surgery, spec["start"]), add_offset(surgery, spec["end"])
    first = min(e.date for e in events if e.kind == "gcsf" and e.cycle == 1)
    return GcsfWindow(start, end, first, start <= first <= end)


def _undated(section: dict[str, Any], events: list[ScheduleEvent]) -> tuple[UndatedEvent, ...]:
    """Infusions without an offset (not yet given), and the visits counted from a first infusion that
    has no date: listed with "timing per site protocol", never given a date of their own."""
    if section.get("anchor") != "surgery":
        return ()
    timing = section.get("timing") or "per site protocol"
    given = {e.cycle for e in events if e.kind == "infusion"}
    undated = [UndatedEvent("infusion", k, entry.get("label", ""), timing)
               for k, entry in enumerate(section.get("infusions", []), 1) if "after" not in entry and k not in given]
    if not any(e.kind == "infusion" for e in events):
        undated += [UndatedEvent("followup", None, entry.get("label", ""), f"after the first infusion ({timing})")
                    for entry in section.get("followup", []) if entry.get("from") == "first_infusion"]
    return tuple(undated)


def _followups(section: dict[str, Any], surgery: dt.date | None, events: list[ScheduleEvent]) -> list[ScheduleEvent]:
    """Follow-up visits, from the surgery (skipped when no surgery date is known) or first infusion."""
    infusions = sorted(e.date for e in events if e.kind == "infusion")
    origins = {"surgery": surgery, "first_infusion": infusions[0] if infusions else None}
    visits = []
    for entry in section.get("followup", []):
        origin = entry.get("from", "surgery")
        if origin not in origins:
            raise InputError("protocol", f"follow-up 'from' must be one of {', '.join(origins)}",
                             code="bad_protocol")
        start = origins[origin]
        if start is not None:
            visits.append(ScheduleEvent(add_offset(start, entry["after"]), "followup", None, None,
                                        entry.get("label", "")))
    return visits
