"""CTCAE v5.0 grading of lab- and temperature-based adverse events, and the grade texts of all terms.

The table is data (`ctcae_v5.toml`, read on first use); this module finds a term, puts the value
on the right unit column, and matches it against the term's bands. What the value alone cannot
decide is said, never guessed: `grade = None` with `needs_judgement` when two grades share a range
(hyponatraemia 125–129 mmol/L: symptoms decide; fever > 40.0 °C without a duration), and
`upgrade_possible` lists the higher grades CTCAE also reaches by a clinical fact
("transfusion indicated", "life-threatening consequences", "Death").

Rules (../shared/cli-contract.md, `nkdesk grade`):
- A value in a unit CTCAE lists for the term is graded on that unit's column (CTCAE's mmol/L
  haemoglobin column is not an exact conversion of its g/dL one); any other unit is converted to
  the first unit CTCAE lists. Values and cut-offs are compared after rounding to 6 significant
  figures (`units.round_sig`).
- Terms graded against LLN/ULN need those limits: InputError naming `lln`/`uln` when missing
  (`require_limits=False` lets lab auto-grading say which limit it lacked instead).
- `baseline` selects CTCAE's "if baseline was abnormal" criteria when the baseline is above ULN.
- Calcium terms grade albumin-corrected total calcium. Only an albumin below 4.0 g/dL corrects:
  corrected = measured + k × (4.0 − albumin g/dL) in mg/dL, k = 1.0 by default (the convention of
  Japanese labelling, e.g. the denosumab label: "corrected Ca = Ca − Alb + 4.0 when Alb < 4.0 g/dL")
  or k = 0.8 on request (Payne RB et al., BMJ 1973;4:643). An albumin at or above 4.0 g/dL never
  corrects (a correction downwards would invent hypocalcaemia). A value in mmol/L is corrected by
  the same amount converted (× 0.2495) and graded on CTCAE's mmol/L column. Without `albumin` the
  value is taken as already corrected.
- `ionized=True` grades ionised calcium (analyte `ionized_calcium`, mmol/L) on CTCAE's ionised
  column, never corrected; with an albumin, or on a term without an ionised column, it is bad input.
  A measured total calcium below 1.5 mmol/L (6.0 mg/dL) is graded as total but carries a warning
  asking whether it was ionised calcium (typical of citrate toxicity during apheresis).
"""
from __future__ import annotations

import operator
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkdesk.rules import ctcae_calcium, units
from nkdesk.rules.ctcae_calcium import CalciumGrading
from nkdesk.rules.errors import InputError

if TYPE_CHECKING:
    from nkdesk.rules.protocol import Protocol

TABLE_PATH = Path(__file__).resolve().parent / "ctcae_v5.toml"
VERSION = "5.0"
_BOUND = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*\*\s*)?(LLN|ULN|baseline)\s*$")
_OPS: dict[str, Callable[[float, float], bool]] = {"lt": operator.lt, "le": operator.le,
                                                   "gt": operator.gt, "ge": operator.ge}


@dataclass(frozen=True)
class Term:
    """One CTCAE v5.0 term as the table gives it (`analyte` is None for clinically graded terms)."""

    id: str
    name: str
    soc: str
    grades: dict[int, str]               # grade -> NCI wording ("-" where the grade does not exist)
    aliases: tuple[str, ...] = ()
    analyte: str | None = None
    direction: str = ""
    units: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()
    clinical_grades: tuple[int, ...] = ()
    corrected_for_albumin: bool = False
    definition: str = ""
    bands: tuple[dict[str, Any], ...] = ()
    bands_baseline_abnormal: tuple[dict[str, Any], ...] = ()
    ionized_analyte: str | None = None        # the analyte of CTCAE's ionised column, if the term has one
    ionized_bands: tuple[dict[str, Any], ...] = ()
    meddra_code: str = ""                     # CTCAE v5.0's MedDRA LLT code ("" when not verified)
    code_checked: bool = False                # the code was checked against the source named in `source`
    source: str = ""                          # where the wording and the code were checked
    name_ja: str = ""                         # the JCOG translation's name (CTCAE v5.0-JCOG)
    name_ja_checked: bool = False             # False: NKDesk's rendering, translation to be reviewed
    grades_ja: dict[int, str] = field(default_factory=dict)   # each grade's wording in Japanese
    grades_ja_checked: bool = False

    def grade_wording(self, grade: int, language: str) -> str:
        """CTCAE's wording of the grade in the language (NCI's English unless Japanese is asked and present)."""
        return (self.grades_ja.get(grade) if language == "ja" else None) or self.grades.get(grade, "")

    def name_in(self, language: str) -> str:
        """The term's name in the language (Japanese: JCOG's name; English otherwise or if absent)."""
        return self.name_ja if language == "ja" and self.name_ja else self.name

    @property
    def graded_from_value(self) -> bool:
        return self.analyte is not None

    def existing_grades(self) -> dict[int, str]:
        """The grades CTCAE defines for this term, with their wording (for choosing a grade)."""
        return {g: text for g, text in self.grades.items() if text.strip() != "-"}


@dataclass(frozen=True)
class GradeResult:
    """What a value supports: the grade (0 = none, None = judgement needed) and why."""

    term: str
    grade: int | None
    criterion: str
    upgrade_possible: tuple[int, ...] = ()
    needs_judgement: bool = False
    candidates: tuple[int, ...] = ()      # the grades between which judgement decides
    judgement: str = ""                   # what decides, in CTCAE's words
    missing_limits: tuple[str, ...] = ()  # LLN/ULN the answer needed but did not get
    value: float | None = None            # the value compared, in `unit` (corrected for calcium)
    unit: str = ""
    corrected: bool = False
    baseline_abnormal: bool | None = None
    ctcae_version: str = VERSION
    calcium: CalciumGrading | None = None  # calcium terms: measured, corrected and the rule used
    warning: str = ""                     # e.g. "was it ionised calcium?" (graded all the same)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "term": self.term, "grade": self.grade, "ctcae_version": self.ctcae_version,
            "criterion": self.criterion, "upgrade_possible": list(self.upgrade_possible),
            "needs_judgement": self.needs_judgement, "candidates": list(self.candidates),
            "graded_value": {"value": self.value, "unit": self.unit},
        }
        if self.judgement:
            data["judgement"] = self.judgement
        if self.missing_limits:
            data["missing_limits"] = list(self.missing_limits)
        if self.corrected:
            data["corrected_for_albumin"] = True
        if self.baseline_abnormal is not None:
            data["baseline_abnormal"] = self.baseline_abnormal
        if self.calcium is not None:
            data.update(self.calcium.to_json())
        if self.warning:
            data["warning"] = self.warning
        return data


# ---------------------------------------------------------------- the table

@lru_cache(maxsize=1)
def table() -> dict[str, Term]:
    """Every term of `ctcae_v5.toml` by id, read once on first use."""
    data = tomllib.loads(TABLE_PATH.read_text(encoding="utf-8"))
    if str(data.get("version")) != VERSION:
        raise ValueError(f"{TABLE_PATH.name}: expected CTCAE version {VERSION}")
    terms = {}
    for raw in data["terms"]:
        term = Term(
            id=raw["id"], name=raw["term"], soc=raw.get("soc", ""),
            grades={int(k): v for k, v in raw["grades"].items()},
            aliases=tuple(raw.get("aliases", ())), analyte=raw.get("analyte"),
            direction=raw.get("direction", ""), units=tuple(raw.get("units", ())),
            limits=tuple(raw.get("limits", ())), clinical_grades=tuple(raw.get("clinical_grades", ())),
            corrected_for_albumin=bool(raw.get("corrected_for_albumin", False)),
            definition=raw.get("definition", ""), bands=tuple(raw.get("bands", ())),
            bands_baseline_abnormal=tuple(raw.get("bands_baseline_abnormal", ())),
            ionized_analyte=raw.get("ionized_analyte"), ionized_bands=tuple(raw.get("ionized_bands", ())),
            meddra_code=str(raw.get("meddra_code", "")), code_checked=bool(raw.get("code_checked", False)),
            source=raw.get("source", ""), name_ja=raw.get("term_ja", ""),
            name_ja_checked=bool(raw.get("term_ja_checked", False)),
            grades_ja={int(k): v for k, v in raw.get("grades_ja", {}).items()},
            grades_ja_checked=bool(raw.get("grades_ja_checked", False)),
        )
        terms[term.id] = term
    return terms


def _key(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split())


@lru_cache(maxsize=1)
def _index() -> dict[str, Term]:
    index = {}
    for term in table().values():
        for name in (term.id, term.name, *term.aliases, *([term.name_ja] if term.name_ja else [])):
            index[_key(name)] = term
    return index


def find_term(name: str) -> Term | None:
    """The term called `name` (case-insensitive; British spellings and common synonyms too)."""
    return _index().get(_key(name)) if isinstance(name, str) else None


def graded_terms() -> list[str]:
    return [t.name for t in table().values() if t.graded_from_value]


def term_or_error(name: str, *, graded: bool = True) -> Term:
    term = find_term(name)
    if term is None:
        raise InputError("term", f"unknown CTCAE v5.0 term '{name}' (graded from a value: "
                                 f"{', '.join(graded_terms())})", code="unknown_term", term=name)
    if graded and not term.graded_from_value:
        raise InputError("term", f"'{term.name}' is graded by clinical judgement, not from a value "
                                 f"(choose a grade from its CTCAE definitions)", code="clinical_term")
    return term


# ---------------------------------------------------------------- grading

def grade(term_name: str, value: Any, *, lln: Any = None, uln: Any = None, baseline: Any = None,
          albumin: Any = None, ca_correction: str | None = None, ionized: bool = False,
          duration_h: float | None = None, require_limits: bool = True) -> GradeResult:
    """CTCAE v5.0 grade of `value` (text with unit, or a `units.Measured`) for a lab/temperature term.

    Table and sources: ctcae_v5.toml (NCI CTCAE v5.0, 27 Nov 2017). `lln`, `uln`, `baseline`,
    `albumin` are quantities with units; `ca_correction` is "jp" (default) or "payne";
    `ionized` grades CTCAE's ionised-calcium column; `duration_h` is how long the value has
    lasted (hours). Raises InputError (field: term, value, lln, uln, baseline, albumin,
    ca_correction, ionized, duration) for bad input.
    """
    term = term_or_error(term_name)
    rule = ctcae_calcium.correction_rule(ca_correction)
    if ionized:
        if not term.ionized_bands or term.ionized_analyte is None:
            raise InputError("ionized", f"'{term.name}' has no ionised column in CTCAE v5.0 (only Hypocalcemia "
                                        f"and Hypercalcemia do)", code="not_ionized_term")
        if albumin is not None:
            raise InputError("albumin", "ionised calcium is not corrected for albumin: give --albumin only with "
                                        "total calcium", code="albumin_with_ionized")
    analyte = term.ionized_analyte if ionized else term.analyte
    measured = _measure(value, "value", analyte)
    column = "mmol/L" if ionized else _column(term, measured.unit)
    x = measured.to_rounded(column)
    corrected = False
    calcium = None
    warning = ""
    if term.corrected_for_albumin:
        alb = None if albumin is None else _measure(albumin, "albumin", "albumin")
        x, corrected, calcium, warning = ctcae_calcium.grade_calcium(measured, x, column, alb, rule, ionized=ionized)
    if duration_h is not None and (not isinstance(duration_h, (int, float)) or duration_h < 0):
        raise InputError("duration", f"'{duration_h}' is not a duration in hours (>= 0)", code="bad_duration")

    refs: dict[str, float | None] = {}
    missing = []
    for limit, given in (("LLN", lln), ("ULN", uln)):
        if limit not in term.limits:
            continue
        if given is None:
            if require_limits:
                raise InputError(limit.lower(), f"{term.name} is graded against the "
                                 f"{'lower' if limit == 'LLN' else 'upper'} limit of normal: "
                                 f"give the {limit}", code="limit_needed", limit=limit)
            refs[limit] = None
            missing.append(limit)
        else:
            refs[limit] = _measure(given, limit.lower(), analyte).to_rounded(column)

    bands, baseline_abnormal = (term.ionized_bands if ionized else term.bands), None
    uses_baseline = bool(term.bands_baseline_abnormal) or any(b.get("if_given") == "baseline" for b in term.bands)
    baseline_x: float | None = None
    if uses_baseline and baseline is not None:
        baseline_x = refs["baseline"] = _measure(baseline, "baseline", term.analyte).to_rounded(column)
    uln_x = refs.get("ULN")
    if term.bands_baseline_abnormal and baseline_x is not None and uln_x is not None:
        baseline_abnormal = baseline_x > uln_x
        if baseline_abnormal:
            bands = term.bands_baseline_abnormal

    matched, undecided = [], []
    for band in bands:
        if band["unit"] not in (column, "any"):
            continue
        verdict = _band_holds(band, x, refs)
        if verdict is None and band.get("if_given") and refs.get(band["if_given"]) is None:
            continue    # an alternative criterion whose reference was not given (creatinine × baseline)
        if verdict is None:
            undecided.append(band)
        elif verdict:
            matched.append(band)

    common: dict[str, Any] = dict(term=term.name, value=x, unit=column, corrected=corrected,
                                  baseline_abnormal=baseline_abnormal, calcium=calcium, warning=warning)
    if undecided and not matched:
        return GradeResult(grade=None, missing_limits=tuple(missing),
                           criterion=f"needs the site's {' and '.join(missing)} to grade", **common)
    if not matched:
        return GradeResult(grade=0, criterion="No CTCAE v5.0 grade: the value is within normal limits "
                                              "or short of the lowest graded level", **common)
    band = max(matched, key=lambda b: max(b.get("grades", [b.get("grade", 0)])))
    if "grades" in band:
        candidates = tuple(band["grades"])
        if band.get("split_by") == "duration_h" and duration_h is not None:
            chosen = candidates[0] if duration_h <= band["split_at"] else candidates[1]
            return _graded(term, chosen, common)
        return GradeResult(grade=None, needs_judgement=True, candidates=candidates,
                           judgement=band.get("judgement", ""),
                           criterion=" / ".join(f"Grade {g}: {term.grades[g]}" for g in candidates),
                           upgrade_possible=_upgrades(term, max(candidates)), **common)
    return _graded(term, band["grade"], common)


def _graded(term: Term, grade_: int, common: dict[str, Any]) -> GradeResult:
    return GradeResult(grade=grade_, criterion=term.grades[grade_], upgrade_possible=_upgrades(term, grade_),
                       **common)


def _upgrades(term: Term, base: int) -> tuple[int, ...]:
    """Higher grades CTCAE also reaches by a clinical fact alone (a semicolon means "or")."""
    return tuple(g for g in term.clinical_grades if g > base)


def _band_holds(band: dict[str, Any], x: float, refs: dict[str, Any]) -> bool | None:
    """True if `x` is in the band, False if not, None if a limit it needs is unknown."""
    unknown = False
    for op, check in _OPS.items():
        if op not in band:
            continue
        bound = _bound_value(band[op], refs)
        if bound is None:
            unknown = True
            continue
        if not check(x, bound):
            return False
    return None if unknown else True


def _bound_value(bound: str | float, refs: dict[str, Any]) -> float | None:
    if isinstance(bound, (int, float)):
        return float(bound)
    match = _BOUND.match(bound)
    if not match:
        raise ValueError(f"ctcae_v5.toml: bad bound '{bound}'")
    reference = refs.get(match.group(2))
    if reference is None:
        return None
    return units.round_sig(float(match.group(1) or 1) * reference)


def _measure(value: object, field_name: str, analyte: str | None) -> units.Measured:
    if isinstance(value, units.Measured):
        return value
    return units.parse(value, field=field_name, analyte=analyte)


def _column(term: Term, unit: str) -> str:
    """The CTCAE unit column a value in `unit` is graded on (see module docstring)."""
    if not term.units:
        return unit
    for column in term.units:
        if units.same_unit(unit, column):
            return column
    return term.units[0]


@dataclass(frozen=True)
class TermChoice:
    """A term offered when logging an AE, with its grade definitions (for the grade picker)."""

    term: str
    grades: dict[int, str] = field(default_factory=dict)
    graded_from_value: bool = False


def definitions(term_name: str) -> TermChoice:
    """The CTCAE v5.0 grade definitions of a term (any term in the table, lab or clinical)."""
    term = term_or_error(term_name, graded=False)
    return TermChoice(term.name, term.existing_grades(), term.graded_from_value)


@dataclass(frozen=True)
class TermOffer:
    """One CTCAE term the AE picker offers, with the words that say where it comes from.

    `label` is what the picker shows beside the term: the protocol's own wording ("protocol:
    anaemia"), or for a term NKDesk adds, that it is not in the protocol's list and why; a term whose
    MedDRA code could not be verified says so.
    """

    choice: TermChoice
    source: str
    label: str
    added: bool = False
    open_point: str | None = None
    meddra_code: str = ""
    code_checked: bool = False


def protocol_term_offers(protocol: Any) -> list[TermOffer]:
    """The protocol's AE terms for the picker, each CTCAE term once, in the protocol file's order."""
    section = protocol.section("adverse_events", {}) or {}
    offers: list[TermOffer] = []
    seen: set[str] = set()
    for entry in section.get("terms", []):
        added = bool(entry.get("added", False))
        if added:
            why = entry.get("why", "")
            label = f"not in the protocol's list; offered for {why}" if why else "not in the protocol's list"
        else:
            label = f"protocol: {entry['source']}"
        for name in entry["ctcae"]:
            term = term_or_error(name, graded=False)
            if term.name in seen:
                continue
            seen.add(term.name)
            shown = label if term.code_checked else f"{label}; MedDRA code not verified"
            offers.append(TermOffer(definitions(name), entry["source"], shown, added, entry.get("open_point"),
                                    term.meddra_code, term.code_checked))
    return offers


def protocol_terms(protocol: Protocol) -> list[tuple[str, list[TermChoice], str | None]]:
    """The AE terms a protocol lists (`[adverse_events]`): its wording, the CTCAE terms offered, open point id."""
    section = protocol.section("adverse_events", {}) or {}
    return [(entry["source"], [definitions(name) for name in entry["ctcae"]], entry.get("open_point"))
            for entry in section.get("terms", [])]
