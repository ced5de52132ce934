"""Dates typed by a person or written in an input file: ISO `YYYY-MM-DD`, between 1900 and 2100.

One function for every date that enters from outside (the CLI's `--apheresis`, `--surgery`,
`--actual`, the assessment JSON's dates, the window's date fields), so that a slip such as year
0001 or 9999 is refused with one clear line instead of overflowing later in date arithmetic
(../shared/cli-contract.md: "a date outside 1900–2100" is bad input).
"""
from __future__ import annotations

import re
from datetime import date

from nkdesk.rules.errors import InputError

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: object, field: str) -> date:
    """An ISO date (YYYY-MM-DD, ASCII digits) from 1900-01-01 to 2100-12-31; InputError naming `field`."""
    if not isinstance(value, str):
        raise InputError(field, f"expected an ISO date such as 2026-11-21, got {_shown(value)}", code="not_a_date")
    text = value.strip()
    if not _ISO_DATE.fullmatch(text):
        raise InputError(field, f"expected an ISO date such as 2026-11-21 (YYYY-MM-DD), got '{_shown(value)}'",
                         code="not_a_date")
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise InputError(field, f"'{text}' is not a real date", code="not_a_date") from None
    if not EARLIEST <= parsed <= LATEST:
        raise InputError(field, f"{text} is outside 1900–2100: a typing slip?", code="date_out_of_range",
                         low=EARLIEST.isoformat(), high=LATEST.isoformat())
    return parsed


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"
