"""The calendar flags a staffed event on a weekend or a Japanese public holiday (issue 18): the row
says which day it is — the holiday's name in the window's language — and asks the team to confirm
staffing. G-CSF injections are not flagged.

Holiday: 23 November 2026 (Monday) is 勤労感謝の日, Labor Thanksgiving Day (Cabinet Office,
「国民の祝日について」, https://www8.cao.go.jp/chosei/shukujitsu/gaiyou.html).
"""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from nkdesk.ui.calendar_tab import CalendarRow, CalendarView

HOLIDAY, SATURDAY, WEDNESDAY = dt.date(2026, 11, 23), dt.date(2026, 11, 28), dt.date(2026, 11, 25)


@pytest.fixture
def page(qtbot):
    from nkdesk.ui.calendar_page import CalendarPage

    shown = CalendarPage()
    qtbot.addWidget(shown)
    return shown


def _flags(page) -> dict[str, str]:
    model = page.model
    column = model.columnCount() - 1
    return {f"{model.events[r].kind} {model.events[r].date}": model.index(r, column).data()
            for r in range(model.rowCount())}


def _rows() -> CalendarView:
    return CalendarView((CalendarRow(HOLIDAY, "apheresis", 1, 0, "", "planned"),
                         CalendarRow(HOLIDAY, "gcsf", 1, -1, "", "planned"),
                         CalendarRow(WEDNESDAY, "medium_add", 1, 3, "", "planned"),
                         CalendarRow(SATURDAY, "medium_change", 1, 7, "", "planned")))


def test_staffed_events_on_a_holiday_or_a_weekend_are_flagged_in_english(page):
    page.show_schedule(_rows())
    flags = _flags(page)
    assert flags["apheresis 2026-11-23"] == "⚑ Labor Thanksgiving Day: confirm staffing"
    assert flags["medium_change 2026-11-28"] == "⚑ Saturday: confirm staffing"
    assert flags["gcsf 2026-11-23"] == "" and flags["medium_add 2026-11-25"] == ""
    row = next(r for r in range(page.model.rowCount()) if page.model.events[r].kind == "apheresis")
    tip = page.model.index(row, page.model.columnCount() - 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Labor Thanksgiving Day" in tip and "staffed" in tip
    assert page.model.headerData(page.model.columnCount() - 1, Qt.Orientation.Horizontal) == "Day off"


def test_the_holidays_name_is_japanese_in_the_japanese_window(qapp, qtbot):
    from nkdesk.ui import language
    from nkdesk.ui.calendar_page import CalendarPage

    try:
        assert language.apply("ja", qapp)
        page = CalendarPage()            # made in Japanese, as the window makes its screens
        qtbot.addWidget(page)
        page.show_schedule(_rows())
        flags = _flags(page)
        assert flags["apheresis 2026-11-23"] == "⚑ 勤労感謝の日：体制要確認"
        assert flags["medium_change 2026-11-28"] == "⚑ 土曜日：体制要確認"
        assert page.model.headerData(page.model.columnCount() - 1, Qt.Orientation.Horizontal) == "休日"
        assert page.model.index(0, 0).data() == "2026-11-23（月）"
    finally:
        language.apply("en", qapp)
