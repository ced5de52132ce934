"""Helpers shared by the dosing and calendar subcommands: ISO dates, and naming fields as options.

The rules name a bad field by its own name (`height`, `gcsf_days`); on the command line the user
typed an option (`--height`, `--gcsf-days`), so the one line on stderr names the option.
"""
from __future__ import annotations

import datetime as dt
import re

from nkdesk.rules.errors import InputError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str, field: str) -> dt.date:
    """An ISO date (YYYY-MM-DD); InputError naming `field` otherwise."""
    value = text.strip()
    try:
        if _ISO_DATE.match(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise InputError(field, f"'{text}' is not a date (expected YYYY-MM-DD, e.g. 2026-11-21)", code="bad_date")


def parse_int(text: str, field: str) -> int:
    """A whole number typed as an option value; InputError naming `field` otherwise."""
    try:
        return int(text.strip())
    except ValueError:
        raise InputError(field, f"'{text}' is not a whole number", code="not_a_number") from None


def as_option(exc: InputError) -> InputError:
    """The same problem named by the command-line option (`gcsf_days` → `--gcsf-days`)."""
    if not exc.field or exc.field.startswith("-") or "." in exc.field:
        return exc
    return exc.for_field("--" + exc.field.replace("_", "-"))
