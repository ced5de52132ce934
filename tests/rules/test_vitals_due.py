"""The next scheduled vital-sign set: due by the infusion start and the clock, missed ones flagged."""
from __future__ import annotations

from datetime import datetime

import pytest

from nkdesk.rules import vitals_due

OFFSETS = (0, 15, 30, 60, 120, 240)          # the protocol's [vitals] time points (minutes)
START = datetime(2026, 12, 22, 10, 0)


def _at(hh, mm):
    return datetime(2026, 12, 22, hh, mm)


@pytest.mark.parametrize(("recorded", "start", "now", "expected", "late", "missed"), [
    ((), None, _at(9, 40), 0, 0, ()),                       # not started: the set before infusion
    ((0,), None, _at(9, 50), 15, 0, ()),                    # not started, pre-set taken: 15 min next
    ((0,), START, _at(10, 5), 15, 0, ()),                   # due 10:15, not yet late
    ((0,), START, _at(10, 18), 15, 3, ()),                  # 3 min past 10:15
    ((0,), START, _at(10, 32), 30, 2, (15,)),               # 15 min missed, 30 min due 10:30
    ((0, 15, 30), START, _at(10, 31), 60, 0, ()),           # next is 1 h (11:00)
    ((0, 30), START, _at(10, 40), 60, 0, (15,)),            # an unrecorded point before a recorded one is missed
    ((), START, _at(10, 1), 0, 1, ()),                      # started without a pre-set: it is the one due
    (OFFSETS, START, _at(15, 0), None, 0, ()),              # all done
])
def test_next_due(recorded, start, now, expected, late, missed):
    """The latest set already due after the last recorded one, else the first to come; earlier gaps are missed."""
    state = vitals_due.next_due(OFFSETS, recorded, start, now)
    assert (state.next_offset_min, state.minutes_late, state.missed_offsets) == (expected, late, missed)


def test_due_time_is_start_plus_offset():
    """The 2 h set of an infusion started at 10:00 is due at 12:00; no clock time before the start."""
    assert vitals_due.due_at(120, START) == _at(12, 0)
    assert vitals_due.due_at(120, None) is None
