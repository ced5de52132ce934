"""Dates typed in the window: ISO and the year-first slash form of Japanese forms; files stay ISO."""
from __future__ import annotations

from datetime import date

import pytest

from nkdesk.rules.dates import parse_date
from nkdesk.rules.errors import InputError


@pytest.mark.parametrize("text", ["1958/3/7", "1958/03/07", "1958-03-07", "1958-3-7", " 1958/3/7 "])
def test_a_typed_date_year_first_with_slashes_or_hyphens(text):
    """7 March 1958 however a Japanese form writes it (year first, so no day/month ambiguity)."""
    assert parse_date(text, "birth_date", typed=True) == date(1958, 3, 7)


@pytest.mark.parametrize("text, code", [
    ("7/3/1958", "not_a_date"),      # day first: ambiguous with month first, never guessed
    ("58/3/7", "not_a_date"),        # two-digit year
    ("1958/3-7", "not_a_date"),      # two separators
    ("1958.3.7", "not_a_date"),
    ("１９５８/３/７", "not_a_date"),  # full-width digits are not taken silently
    ("1958/2/30", "no_such_date"),
    ("1858/3/7", "date_out_of_range"),
])
def test_what_a_typed_date_refuses(text, code):
    with pytest.raises(InputError) as caught:
        parse_date(text, "birth_date", typed=True)
    assert (caught.value.field, caught.value.code) == ("birth_date", code)


def test_files_and_the_command_line_stay_iso():
    """The contract: "Dates are ISO" — 1958/3/7 is bad input outside the window."""
    assert parse_date("1958-03-07", "x") == date(1958, 3, 7)
    with pytest.raises(InputError):
        parse_date("1958/3/7", "x")
