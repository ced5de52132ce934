"""Lab normal ranges (LLN/ULN) for CTCAE grading: the site's, else the JCCLS common reference intervals.

Default: Japanese Committee for Clinical Laboratory Standards (JCCLS). 日本における主要な臨床検査
項目の共用基準範囲 (common reference intervals for major clinical laboratory tests in Japan; 2014,
with the IFCC-method ALP interval adopted for the 2019/2020 change of method). Values as JCCLS
lists them: WBC 3.3–8.6 ×10³/µL; Hb M 13.7–16.8, F 11.6–14.8 g/dL; platelets 158–348 ×10³/µL;
albumin 4.1–5.1 g/dL; total bilirubin 0.4–1.5 mg/dL; AST 13–30 U/L; ALT M 10–42, F 7–23 U/L;
ALP (IFCC) 38–113 U/L (the former JSCC method: 106–322 U/L); Na 138–145, K 3.6–4.8 mmol/L;
Ca 8.8–10.1 mg/dL. JCCLS gives no common interval for neutrophil or lymphocyte counts: a site must
set them, or grade 1 of those terms stays undecided (grades 2–4 need no LLN).

A site's ranges (`SiteSettings.lab_normal_ranges`) replace the defaults analyte by analyte, in the
same shape: `{"alp": {"low": "106 U/L", "high": "322 U/L"}}` or per sex
`{"hemoglobin": {"M": {"low": …, "high": …}, "F": {…}}}`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nkdesk.rules import units

SOURCE = "JCCLS common reference intervals (Japan)"

JCCLS: dict[str, dict[str, Any]] = {
    "wbc": {"low": "3.3 10^3/uL", "high": "8.6 10^3/uL"},
    "hemoglobin": {"M": {"low": "13.7 g/dL", "high": "16.8 g/dL"},
                   "F": {"low": "11.6 g/dL", "high": "14.8 g/dL"}},
    "platelets": {"low": "158 10^3/uL", "high": "348 10^3/uL"},
    "albumin": {"low": "4.1 g/dL", "high": "5.1 g/dL"},
    "bilirubin": {"low": "0.4 mg/dL", "high": "1.5 mg/dL"},
    "ast": {"low": "13 U/L", "high": "30 U/L"},
    "alt": {"M": {"low": "10 U/L", "high": "42 U/L"}, "F": {"low": "7 U/L", "high": "23 U/L"}},
    "alp": {"low": "38 U/L", "high": "113 U/L"},
    "sodium": {"low": "138 mmol/L", "high": "145 mmol/L"},
    "potassium": {"low": "3.6 mmol/L", "high": "4.8 mmol/L"},
    "calcium": {"low": "8.8 mg/dL", "high": "10.1 mg/dL"},
}


@dataclass(frozen=True)
class NormalRange:
    """LLN and ULN of one analyte (either may be unknown), and where they came from."""

    analyte: str
    low: units.Measured | None
    high: units.Measured | None
    source: str


def normal_range(analyte: str, *, sex: str | None = None,
                 site_ranges: Mapping[str, Any] | None = None) -> NormalRange:
    """The LLN/ULN for `analyte`: the site's if it set one, else JCCLS; unknown where neither has it.

    A sex-specific range with the sex unknown gives unknown limits, never a guess between them.
    """
    site_ranges = site_ranges or {}
    if analyte in site_ranges:
        entry, source = site_ranges[analyte], "site"
    elif analyte in JCCLS:
        entry, source = JCCLS[analyte], SOURCE
    else:
        return NormalRange(analyte, None, None, "not set")
    if "low" not in entry and "high" not in entry:      # per sex
        entry = entry.get(str(sex).upper()) if sex else None
        if entry is None:
            return NormalRange(analyte, None, None, f"{source} (sex-specific; sex unknown)")
    field = f"lab_normal_ranges.{analyte}"
    return NormalRange(analyte, _limit(entry.get("low"), f"{field}.low", analyte),
                       _limit(entry.get("high"), f"{field}.high", analyte), source)


def _limit(text: object, field: str, analyte: str) -> units.Measured | None:
    """One limit as written ("3.3 10^3/uL"), parsed by the rules; the same text is parsed once.

    Every patient switch graded each lab value against its range and parsed the range's text with
    pint every time (a third of the Labs tab's fill, issue 11). The parse is a pure function of the
    text, the field and the analyte, so it is cached on them: a site that changes its ranges gives
    new texts, which are parsed anew — never an old range. A text that is not a `str` (a malformed
    setting) is not cached: `units.parse` refuses it with its own error, as before.
    """
    if text is None:
        return None
    if not isinstance(text, str):
        return units.parse(text, field=field, analyte=analyte, check_range=False)
    return _parsed_limit(text, field, analyte)


@lru_cache(maxsize=512)
def _parsed_limit(text: str, field: str, analyte: str) -> units.Measured:
    # Measured is a frozen dataclass and nothing in nkdesk changes a pint quantity in place (no
    # `ito`): handing the same object to every caller is safe. An InputError is raised, not cached.
    return units.parse(text, field=field, analyte=analyte, check_range=False)
