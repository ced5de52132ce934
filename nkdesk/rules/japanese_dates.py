"""Dates in the Japanese era (和暦), shown beside the Western date where a site wants them (a site
setting for the window and the forms, issue 18): 2026-12-06 → 令和8年12月6日.

Era starts (Gregorian): 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08 (元号を改める政令, 昭和64年
政令第1号), 令和 2019-05-01 (平成31年政令第143号). The first year of an era is written 元年.
Dates before 大正 are outside what the ward records (birth dates from 1900 on are 明治33年 onwards):
明治 is included from 1873-01-01, the day Japan adopted the Gregorian calendar.
"""
from __future__ import annotations

from datetime import date

ERAS = (  # newest first
    ("令和", date(2019, 5, 1)),
    ("平成", date(1989, 1, 8)),
    ("昭和", date(1926, 12, 25)),
    ("大正", date(1912, 7, 30)),
    ("明治", date(1868, 1, 25)),   # the era's first Gregorian year is 1868; dates before 1873 are not shown
)
GREGORIAN_ADOPTED = date(1873, 1, 1)


def era_year(day: date) -> tuple[str, int]:
    """The era and the year within it (1 for the era's first year)."""
    if day < GREGORIAN_ADOPTED:
        raise ValueError(f"{day.isoformat()} is before Japan adopted the Gregorian calendar (1873)")
    for name, start in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise AssertionError("unreachable: 明治 covers every date from 1873")


def era_date(day: date) -> str:
    """令和8年12月6日; the first year of an era as 元年 (令和元年5月1日)."""
    name, year = era_year(day)
    return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
