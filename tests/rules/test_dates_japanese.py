"""Dates typed the Japanese way (issue 18): 2026年3月7日 and the era, 令和8年3月7日, through the one
date parser (rules.dates.parse_date, typed=True). Files and the command line stay ISO.

Era starts: 令和 1 May 2019 (平成31年政令第143号, 元号を改める政令), 平成 8 January 1989 (昭和64年政令第1号),
昭和 25 December 1926; the first year of an era is 元年.
"""
from __future__ import annotations

from datetime import date

import pytest

from nkdesk.rules.dates import parse_date
from nkdesk.rules.errors import InputError


@pytest.mark.parametrize("text, expected", [
    ("2026年3月7日", date(2026, 3, 7)),
    ("2026年03月07日", date(2026, 3, 7)),
    ("2026 年 3 月 7 日", date(2026, 3, 7)),
    ("令和8年3月7日", date(2026, 3, 7)),          # 2019 is 令和元年, so 2026 is 令和8年
    ("令和元年5月1日", date(2019, 5, 1)),          # the era's first day
    ("平成31年4月30日", date(2019, 4, 30)),        # the last day of 平成
    ("平成元年1月8日", date(1989, 1, 8)),
    ("昭和33年3月7日", date(1958, 3, 7)),          # 1926 is 昭和元年: 1958 is 昭和33年
])
def test_a_date_typed_with_kanji_or_in_the_era(text, expected):
    assert parse_date(text, "birth_date", typed=True) == expected


@pytest.mark.parametrize("text, code", [
    ("平成32年1月1日", "no_such_date"),   # 平成 ended in its 31st year: never moved into 令和
    ("令和1年4月30日", "no_such_date"),   # 令和 began on 1 May 2019
    ("昭和64年1月8日", "no_such_date"),   # 8 January 1989 is 平成元年
    ("2026年2月30日", "no_such_date"),
    ("令和8年3月7", "not_a_date"),        # 日 missing
    ("２０２６年３月７日", "not_a_date"),  # full-width digits are not taken silently
    ("3月7日", "not_a_date"),             # no year: never guessed
])
def test_what_a_japanese_typed_date_refuses(text, code):
    with pytest.raises(InputError) as caught:
        parse_date(text, "birth_date", typed=True)
    assert (caught.value.field, caught.value.code) == ("birth_date", code)


def test_files_and_the_command_line_stay_iso():
    with pytest.raises(InputError):
        parse_date("2026年3月7日", "apheresis")


def test_the_window_paths_take_japanese_dates_and_the_cli_path_does_not():
    """The eligibility assessment typed in the window (services.eligibility with typed dates) takes
    令和; the same JSON from a file (the CLI's parse) is refused."""
    from nkdesk.rules import assessment
    from nkdesk.rules import protocol as protocols

    chosen = protocols.load()
    typed = {"assessment_date": "令和8年3月7日", "birth_date": "昭和33年3月7日"}
    parsed = assessment.parse(typed, chosen, typed=True)
    assert (parsed.get("assessment_date"), parsed.get("birth_date")) == (date(2026, 3, 7), date(1958, 3, 7))
    with pytest.raises(InputError):
        assessment.parse(typed, chosen)


def test_the_dose_preview_takes_the_apheresis_date_typed_in_kanji():
    from nkdesk.rules.site_settings import SiteSettings
    from nkdesk.services import dosing

    order = dosing.preview(SiteSettings(), dosing.regimen_of(), height="160 cm", weight="55 kg", gcsf_days=5,
                           apheresis="令和8年3月7日")
    assert order.apheresis == date(2026, 3, 7)
