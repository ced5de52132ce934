"""Weekends and Japanese public holidays for the treatment calendar (issue 18).

Reference: Cabinet Office, Government of Japan, 「国民の祝日」について — 令和8年（2026年）の国民の
祝日・休日 (https://www8.cao.go.jp/chosei/shukujitsu/gaiyou.html): 18 days, including the
substitute holiday 5月6日 (憲法記念日 on a Sunday) and the 国民の休日 9月22日 between 敬老の日 and
秋分の日."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from nkdesk.rules.calendar_days import day_off

CABINET_OFFICE_2026 = {
    date(2026, 1, 1): "元日", date(2026, 1, 12): "成人の日", date(2026, 2, 11): "建国記念の日",
    date(2026, 2, 23): "天皇誕生日", date(2026, 3, 20): "春分の日", date(2026, 4, 29): "昭和の日",
    date(2026, 5, 3): "憲法記念日", date(2026, 5, 4): "みどりの日", date(2026, 5, 5): "こどもの日",
    date(2026, 5, 6): "休日", date(2026, 7, 20): "海の日", date(2026, 8, 11): "山の日",
    date(2026, 9, 21): "敬老の日", date(2026, 9, 22): "休日", date(2026, 9, 23): "秋分の日",
    date(2026, 10, 12): "スポーツの日", date(2026, 11, 3): "文化の日", date(2026, 11, 23): "勤労感謝の日",
}


@pytest.mark.parametrize("day, name", sorted(CABINET_OFFICE_2026.items()))
def test_the_cabinet_offices_holidays_of_2026(day, name):
    found = day_off(day, "ja")
    assert found is not None and found.kind == "holiday"
    # the Cabinet Office calls the substitute and in-between days 「休日」; the package names them
    # 振替休日 and 国民の休日
    assert name in found.name or (name == "休日" and found.name in {"振替休日", "国民の休日"})


def test_no_other_weekday_of_2026_is_a_holiday():
    day, extra = date(2026, 1, 1), []
    while day.year == 2026:
        found = day_off(day)
        if found and found.kind == "holiday" and day not in CABINET_OFFICE_2026:
            extra.append(day)
        day += timedelta(days=1)
    assert extra == []


def test_weekends_are_named_and_weekdays_are_working_days():
    assert day_off(date(2026, 12, 5)).name == "Saturday"          # a Saturday
    assert day_off(date(2026, 12, 6), "ja").name == "日曜日"
    assert day_off(date(2026, 12, 7)) is None                    # a Monday
    assert day_off(date(2026, 11, 3), "en").name == "Culture Day"
