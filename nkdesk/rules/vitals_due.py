"""Which scheduled vital-sign set is due next during an infusion, and which were missed.

The time points are minutes from the start of the infusion (vitals.time_points; 0 = the set
taken before it starts). A set is due at start + offset. Rule (NKDesk's, for the highlight on
the bedside grid; the protocol gives no window):
- before the infusion has started, the next due set is the first unrecorded one (normally
  "before infusion"), with no clock time for the later ones;
- after it started, only points later than the last recorded one count; among them the latest
  already due (due time ≤ now) is the one to take now, else the first still to come;
- unrecorded points before the one highlighted are "missed": a set cannot be taken in the past.
Extra sets a nurse adds are not scheduled and play no part.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class DueState:
    next_offset_min: int | None           # None: every scheduled set is recorded or missed
    due_at: datetime | None               # clock time of the next set (None before the start)
    minutes_late: int                     # > 0 when the next set's due time has passed
    missed_offsets: tuple[int, ...] = ()


def due_at(offset_min: int, start: datetime | None) -> datetime | None:
    """Start + offset minutes; None while the start time is unknown."""
    return None if start is None else start + timedelta(minutes=offset_min)


def next_due(offsets: Iterable[int], recorded: Iterable[int], start: datetime | None,
             now: datetime) -> DueState:
    """The set to take next (see module docstring); `recorded` holds the offsets already taken."""
    offsets = sorted(set(offsets))
    taken = set(recorded)
    if start is None:
        open_points = [o for o in offsets if o not in taken]
        return DueState(open_points[0] if open_points else None, None, 0)
    last_taken = max((o for o in offsets if o in taken), default=None)
    begin: datetime = start  # known from here on: every offset has a clock time

    def when_due(offset_min: int) -> datetime:
        return begin + timedelta(minutes=offset_min)

    later = [o for o in offsets if o not in taken and (last_taken is None or o > last_taken)]
    due_now = [o for o in later if when_due(o) <= now]
    chosen = due_now[-1] if due_now else (later[0] if later else None)
    missed = tuple(o for o in offsets if o not in taken and (chosen is None or o < chosen)
                   and when_due(o) <= now)
    if chosen is None:
        return DueState(None, None, 0, missed)
    when = when_due(chosen)
    late = max(0, int((now - when).total_seconds() // 60))
    return DueState(chosen, when, late, missed)
