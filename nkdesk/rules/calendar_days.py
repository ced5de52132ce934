"""Days the ward team is short: weekends and Japanese public holidays.

An apheresis, a culture step or an infusion planned on such a day is not wrong — cells grow on
Sundays — but the team must confirm that the cell-processing facility and the apheresis unit are
staffed (issue 18). Public holidays come from the maintained `holidays` package (Japan's list as
the Cabinet Office publishes it, with substitute holidays and the 国民の休日 between two holidays),
never from a hand-kept table.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

_WEEKDAY_NAMES = {"en": ("Saturday", "Sunday"), "ja": ("土曜日", "日曜日")}


@dataclass(frozen=True)
class DayOff:
    day: date
    kind: str        # "holiday" or "weekend"
    name: str        # the holiday's name, or the weekday, in the language asked


@lru_cache(maxsize=8)
def _calendar(language: str) -> holidays.HolidayBase:
    return holidays.country_holidays("JP", language="ja" if language == "ja" else "en_US")


def day_off(day: date, language: str = "en") -> DayOff | None:
    """The reason `day` is not a normal working day in Japan, or None. A public holiday wins over
    the weekend it falls on (its name says more)."""
    name = _calendar(language).get(day)
    if name:
        return DayOff(day, "holiday", str(name))
    if day.weekday() >= 5:
        return DayOff(day, "weekend", _WEEKDAY_NAMES["ja" if language == "ja" else "en"][day.weekday() - 5])
    return None
