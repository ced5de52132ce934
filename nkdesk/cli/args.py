"""Helpers shared by the subcommands: dates, whole numbers, hours, and naming fields as options.

The rules name a bad field by its own name (`height`, `gcsf_days`); on the command line the user
typed an option (`--height`, `--gcsf-days`), so the one line on stderr names the option.
"""
from __future__ import annotations

import datetime as dt
import re

from nkdesk.rules import dates
from nkdesk.rules.errors import InputError

_WHOLE = re.compile(r"[+-]?[0-9]{1,9}")
_HOURS = re.compile(r"[0-9]{1,9}(?:\.[0-9]{0,9})?|\.[0-9]{1,9}")


def parse_date(text: str, field: str) -> dt.date:
    """An ISO date (YYYY-MM-DD) from 1900 to 2100; InputError naming `field` otherwise."""
    return dates.parse_date(text, field)


def parse_int(text: str, field: str) -> int:
    """A whole number typed as an option value (ASCII digits, an optional sign); InputError otherwise."""
    value = text.strip()
    if not _WHOLE.fullmatch(value):
        raise InputError(field, f"'{_shown(text)}' is not a whole number (digits only, e.g. 5)",
                         code="not_a_number")
    return int(value)


def parse_hours(text: str, field: str) -> float:
    """A duration in hours: digits and at most one decimal point (no sign, exponent, inf or nan)."""
    value = text.strip()
    if not _HOURS.fullmatch(value):
        raise InputError(field, f"'{_shown(text)}' is not a number of hours (digits and at most one "
                                "decimal point, e.g. 30 or 1.5)", code="bad_duration")
    return float(value)


def as_option(exc: InputError) -> InputError:
    """The same problem named by the command-line option (`gcsf_days` → `--gcsf-days`)."""
    if not exc.field or exc.field.startswith("-") or "." in exc.field:
        return exc
    return exc.for_field("--" + exc.field.replace("_", "-"))


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"
