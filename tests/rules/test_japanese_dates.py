"""Japanese era dates. Boundaries from the era-change cabinet orders (平成: 昭和64年政令第1号, from
1989-01-08; 令和: 平成31年政令第143号, from 2019-05-01) and the 大正/昭和 accession dates."""
from __future__ import annotations

from datetime import date

import pytest

from nkdesk.rules.japanese_dates import era_date

CASES = [
    (date(2026, 12, 6), "令和8年12月6日"),
    (date(2019, 5, 1), "令和元年5月1日"),
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(1989, 1, 8), "平成元年1月8日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1926, 12, 25), "昭和元年12月25日"),
    (date(1926, 12, 24), "大正15年12月24日"),
    (date(1958, 3, 7), "昭和33年3月7日"),
    (date(1912, 7, 30), "大正元年7月30日"),
    (date(1912, 7, 29), "明治45年7月29日"),
    (date(1900, 1, 1), "明治33年1月1日"),
]


@pytest.mark.parametrize("day, expected", CASES)
def test_era_dates(day, expected):
    assert era_date(day) == expected


def test_before_the_gregorian_calendar_is_refused():
    with pytest.raises(ValueError):
        era_date(date(1872, 12, 31))
