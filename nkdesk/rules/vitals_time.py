"""Which protocol time point a vital-sign set belongs to, from the time it was actually measured.

NKDesk's rule (issue 14), for the minutes between the start of the infusion and the measurement:
- the "before infusion" point (offset 0) covers the 60 minutes before the start, up to and
  including the start itself;
- any other point p covers the minutes within min(15, half the gap to its neighbouring point) of
  it, on each side separately (for 0, 15, 30, 60, 120, 240: 15 covers 7.5–22.5 min, 30 covers
  22.5–45, 60 covers 45–75, 120 covers 105–135, 240 covers 225–255);
- a set in no point's window is "unscheduled, N min after start" (or "… before start").
On a boundary shared by two windows (only possible at half a minute) the earlier point wins.
The label words are the printed record's; the window translates its own.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from nkdesk.rules.vitals import time_point_label

BEFORE_START_WINDOW_MIN = 60.0    # "before infusion" covers the 60 min before the start
MAX_TOLERANCE_MIN = 15.0          # no point reaches further than 15 min either side


@dataclass(frozen=True)
class Slot:
    """Where a set taken `minutes` after the start belongs: a protocol point, or None (unscheduled)."""

    minutes: float
    point_min: int | None

    @property
    def scheduled(self) -> bool:
        return self.point_min is not None

    @property
    def whole_minutes(self) -> int:
        return round(self.minutes)

    @property
    def label(self) -> str:
        return set_label(self.point_min, self.whole_minutes)


def minutes_after_start(start: datetime, measured_at: datetime) -> float:
    return (measured_at - start).total_seconds() / 60.0


def window(points: Sequence[int], point_min: int) -> tuple[float, float]:
    """The minutes after the start (low, high; both included) that belong to `point_min`."""
    ordered = sorted(set(points))
    if point_min not in ordered:
        raise ValueError(f"{point_min} is not one of the time points {ordered}")
    if point_min <= 0:
        return (point_min - BEFORE_START_WINDOW_MIN, float(point_min))
    index = ordered.index(point_min)
    before = ordered[index - 1] if index > 0 else None
    after = ordered[index + 1] if index + 1 < len(ordered) else None
    low = point_min - min(MAX_TOLERANCE_MIN, (point_min - before) / 2 if before is not None else MAX_TOLERANCE_MIN)
    high = point_min + min(MAX_TOLERANCE_MIN, (after - point_min) / 2 if after is not None else MAX_TOLERANCE_MIN)
    return (low, high)


def slot_for(points: Sequence[int], minutes: float) -> Slot:
    """The point whose window holds `minutes` after the start (the nearest; the earlier on a tie)."""
    holding = [p for p in sorted(set(points)) if window(points, p)[0] <= minutes <= window(points, p)[1]]
    if not holding:
        return Slot(minutes, None)
    return Slot(minutes, min(holding, key=lambda p: (abs(p - minutes), p)))


def set_label(point_min: int | None, minutes: int | None) -> str:
    """A stored set's label on screen and on the form: its point, or "unscheduled, N min after start"."""
    if point_min is not None:
        return time_point_label(point_min)
    if minutes is None:
        return "unscheduled (time since the start unknown)"
    if minutes < 0:
        return f"unscheduled, {-minutes} min before start"
    return f"unscheduled, {minutes} min after start"
