"""Dates typed by a person or written in an input file: ISO `YYYY-MM-DD`, between 1900 and 2100.

One function for every date that enters from outside (the CLI's `--apheresis`, `--surgery`,
`--actual`, the assessment JSON's dates, the window's date fields), so that a slip such as year
0001 or 9999 is refused with one clear line instead of overflowing later in date arithmetic
(../shared/cli-contract.md: "a date outside 1900–2100" is bad input).

Files and the command line take ISO only (the contract: "Dates are ISO"). What a person types in
the window (`typed=True`) may also be written the way Japanese forms write it, year first with
slashes and without leading zeros: `1958/3/7` = `1958/03/07` = `1958-03-07`, or with the kanji
`1958年3月7日`, or in the Japanese era `昭和33年3月7日` (`令和元年5月1日` for an era's first year;
rules.japanese_dates knows the eras). The year comes first in all of them, so there is no day/month
ambiguity; anything else (`7/3/1958`, `58/3/7`, `1958.3.7`, full-width digits, an era year the era
never reached such as 平成32年) is refused with the example, never guessed.

`not_after_now` is the one check that a time a person records (a vital-sign set's measurement,
an AE's onset or resolution, a lab sample's day, an infusion's start or end, an acknowledged
alert's action) is not later than now: a record of something that has not happened yet is a
typing slip (23:50 typed at 23:02), refused with code "future".
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from nkdesk.rules.errors import InputError
from nkdesk.rules.japanese_dates import ERAS, era_year

# How far past "now" a recorded time may be. Ward clocks disagree: the PC, the bedside monitor and
# the nurse's watch differ by a minute or two, and a time is usually read to the nearest 5 minutes.
# 5 minutes lets those through while 23:50 typed at 23:02 (the slip that was stored) is refused.
CLOCK_TOLERANCE = timedelta(minutes=5)
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# year first, then month and day of one or two digits, one separator used twice (ASCII digits only)
_TYPED_DATE = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})")
# 2026年3月7日, or in an era: 令和8年3月7日, 令和元年5月1日 (ASCII digits; spaces between the parts allowed)
_KANJI_DATE = re.compile(r"(?:([0-9]{4})|(" + "|".join(name for name, _start in ERAS) + r")\s*([0-9]{1,2}|元))"
                         r"\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")


def parse_date(value: object, field: str, *, typed: bool = False) -> date:
    """An ISO date (YYYY-MM-DD, ASCII digits) from 1900-01-01 to 2100-12-31; InputError naming `field`.

    `typed=True` (the window) also takes YYYY/M/D and YYYY-M-D (e.g. 1958/3/7); the error's code
    is `not_a_date` (with `text`), `no_such_date` or `date_out_of_range` (with `low`, `high`).
    """
    if not isinstance(value, str):
        raise InputError(field, f"expected an ISO date such as 2026-11-21, got {_shown(value)}", code="not_a_date",
                         text=_shown(value))
    text = value.strip()
    era = None
    if typed:
        match, kanji = _TYPED_DATE.fullmatch(text), _KANJI_DATE.fullmatch(text)
        if match is not None:
            year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        elif kanji is not None:
            era = kanji.group(2)
            month, day = int(kanji.group(4)), int(kanji.group(5))
            if era is None:
                year = int(kanji.group(1))
            else:
                in_era = 1 if kanji.group(3) == "元" else int(kanji.group(3))
                year = next(start.year for name, start in ERAS if name == era) + in_era - 1
        else:
            raise InputError(field, f"expected a date such as 2026-11-21 or 2026/11/21, got '{_shown(value)}'",
                             code="not_a_date", text=_shown(value))
    elif not _ISO_DATE.fullmatch(text):
        raise InputError(field, f"expected an ISO date such as 2026-11-21 (YYYY-MM-DD), got '{_shown(value)}'",
                         code="not_a_date", text=_shown(value))
    else:
        year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise InputError(field, f"'{text}' is not a real date", code="no_such_date", text=text) from None
    if era is not None and (parsed.year < 1873 or era_year(parsed)[0] != era):
        # 平成32年 (the era had ended) or 令和1年4月30日 (not yet begun): never moved to a neighbouring era
        raise InputError(field, f"'{text}' is not a date of the {era} era", code="no_such_date", text=text)
    if not EARLIEST <= parsed <= LATEST:
        raise InputError(field, f"{text} is outside 1900–2100: a typing slip?", code="date_out_of_range",
                         low=EARLIEST.isoformat(), high=LATEST.isoformat())
    return parsed


def local_naive(moment: datetime) -> datetime:
    """`moment` as this PC's naive local time (the record's convention); a naive one is kept as is."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def not_after_now(field: str, when: date | datetime | None, now: datetime) -> None:
    """Refuse (InputError `field`, code "future") a recorded time later than `now` plus the clock
    tolerance; a day (date) later than the tolerance's day. `now`: aware, or naive local time;
    `when`: naive local time (or aware). None (not given) passes."""
    if when is None:
        return
    latest = local_naive(now) + CLOCK_TOLERANCE
    if isinstance(when, datetime):
        late = local_naive(when) > latest
        shown = local_naive(when).isoformat(sep=" ", timespec="minutes")
    else:
        late = when > latest.date()
        shown = when.isoformat()
    if late:
        now_text = local_naive(now).isoformat(sep=" ", timespec="minutes")
        raise InputError(field, f"{shown} is later than now ({now_text}): a record cannot be in the future",
                         code="future", text=shown, now=now_text)


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"
