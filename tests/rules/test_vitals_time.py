"""A vital-sign set's time point comes from the time it was measured (issue 14, "Vital-sign time points"):
"a set belongs to the nearest protocol point when it is within min(15 min, half the gap to the
neighbouring points) of it (the 'before infusion' point covers the 60 min before the start);
otherwise it is 'unscheduled, N min after start'". Expected windows are worked out by hand from
that sentence for the protocol's points 0, 15, 30, 60, 120, 240 min (protocol.md, vital signs)."""
from __future__ import annotations

from datetime import datetime

import pytest

from nkdesk.rules import vitals_time

POINTS = (0, 15, 30, 60, 120, 240)


@pytest.mark.parametrize(("minutes", "point"), [
    (-60, 0), (-1, 0), (0, 0),              # the 60 min before the start, up to the start
    (-61, None),                            # earlier than that: unscheduled
    (3, None), (7, None),                   # 15's window reaches back 7.5 min (half of 15 − 0)
    (8, 15), (15, 15), (22, 15),            # 15 ± 7.5
    (23, 30), (30, 30), (45, 30),           # 30: back 7.5 (half of 15), forward 15 (min(15, 30/2))
    (46, 60), (60, 60), (75, 60),           # 60 ± 15 (half the gaps are 15 and 30: min is 15)
    (71, 60),                               # the set: 71 min is the 1 h point, not 2 h
    (76, None), (90, None), (104, None),    # between 1 h and 2 h, outside both windows
    (105, 120), (135, 120),                 # 120 ± 15
    (136, None), (224, None),
    (225, 240), (255, 240),                 # the last point: ± 15
    (256, None), (400, None),
])
def test_the_point_a_set_belongs_to(minutes, point):
    assert vitals_time.slot_for(POINTS, minutes).point_min == point


def test_half_the_gap_is_the_limit_when_it_is_under_15_min():
    """Points 10 min apart: each reaches 5 min towards the other (half the gap), 15 the other way."""
    points = (0, 60, 70)
    assert vitals_time.window(points, 60) == (45, 65)
    assert vitals_time.window(points, 70) == (65, 85)
    assert vitals_time.slot_for(points, 64).point_min == 60
    assert vitals_time.slot_for(points, 66).point_min == 70


def test_labels_on_screen_and_on_the_form():
    assert vitals_time.slot_for(POINTS, 71).label == "1 h after start"
    assert vitals_time.slot_for(POINTS, 90).label == "unscheduled, 90 min after start"
    assert vitals_time.slot_for(POINTS, -75).label == "unscheduled, 75 min before start"
    assert vitals_time.slot_for(POINTS, -20).label == "Before infusion"
    assert vitals_time.set_label(None, None) == "unscheduled (time since the start unknown)"


def test_minutes_come_from_the_clock():
    start = datetime(2026, 12, 22, 10, 0)
    assert vitals_time.minutes_after_start(start, datetime(2026, 12, 22, 11, 11)) == 71
    assert vitals_time.minutes_after_start(start, datetime(2026, 12, 22, 9, 30)) == -30


def test_a_minute_not_a_time_point_has_no_window():
    with pytest.raises(ValueError):
        vitals_time.window(POINTS, 45)
