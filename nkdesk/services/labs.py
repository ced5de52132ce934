"""The Labs tab's service: dated lab sets on treatment, each value beside the site's reference range
and its CTCAE v5.0 grade, the history per analyte, and one call that records a set.

Recording is `measurements.record_labs` (one save: the set, its results and the AE proposals of a
patient on treatment); this module adds what the window needs around it:
- the analytes the protocol or CTCAE grading uses, in the order a Japanese lab report lists them,
  each with the site's unit first (`SiteSettings.lab_units`, else the analyte table's first unit:
  g/dL, ×10⁴/µL, mg/dL);
- `preview` of what is typed, graded as it would be stored (the site's LLN/ULN, albumin correction
  of calcium in the same set, the patient's baseline), so the window shows grades as you type;
- the ionised-calcium question (issue 13): a measured total calcium below 1.5 mmol/L is refused
  until the user says whether it was total or ionised (`calcium_was`), never guessed;
- after the save, what the set fed: the AE proposals it made and the label's WBC check on the
  live dose order (`dosing.status`), as codes the window words.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from nkdesk.domain import Actor, DoseCheck, LabSet, Saved
from nkdesk.domain.settings import SiteSettings
from nkdesk.rules import analytes, ctcae, dates, units
from nkdesk.rules.ae_proposals import propose_from_labs
from nkdesk.rules.errors import InputError
from nkdesk.rules.normal_ranges import normal_range
from nkdesk.services import ae_proposals, dosing, measurements
from nkdesk.storage import measurements as stored_measurements
from nkdesk.storage import patients as stored_patients
from nkdesk.storage import records
from nkdesk.storage import settings as stored_settings
from nkdesk.storage.store import Store

# Haematology, liver and kidney, electrolytes, tumour markers: the list (16), in report order.
LAB_TAB_ANALYTES: tuple[str, ...] = (
    "wbc", "neutrophils", "lymphocytes", "hemoglobin", "platelets",
    "ast", "alt", "alp", "bilirubin", "creatinine", "albumin",
    "sodium", "potassium", "calcium", "ionized_calcium",
    "afp", "pivka2",
)
CALCIUM_ANSWERS = ("total", "ionised")


@dataclass(frozen=True)
class AnalyteRow:
    """One analyte as the tab offers it: name, label, the site's unit first, then the others."""

    name: str
    label: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class GradedValue:
    """A value beside its reference range and CTCAE grade (None: judgement or a limit is needed).

    `low`/`high` are the LLN/ULN in the value's own unit (None where unknown); `flag` is "L", "H"
    or ""; `term` the CTCAE term graded (the worst); `warning` e.g. "was it ionised?".
    """

    analyte: str
    text: str
    value: float
    unit: str
    canonical_value: float
    low: float | None
    high: float | None
    range_source: str
    flag: str
    grade: int | None
    term: str
    criterion: str
    warning: str = ""
    calcium: str = ""     # calcium: measured and corrected values and the rule used (issue 13)


@dataclass(frozen=True)
class LabSetView:
    id: int
    sampled_on: date
    note: str
    values: tuple[GradedValue, ...]

    def get(self, analyte: str) -> GradedValue | None:
        return next((v for v in self.values if v.analyte == analyte), None)


@dataclass(frozen=True)
class TrendPoint:
    sampled_on: date
    value: float            # in the trend's unit
    grade: int | None


@dataclass(frozen=True)
class Trend:
    """One analyte over time in the site's unit, with the LLN/ULN in that unit (None: not set)."""

    analyte: str
    label: str
    unit: str
    points: tuple[TrendPoint, ...]
    low: float | None
    high: float | None


@dataclass(frozen=True)
class LabHistory:
    analytes: tuple[AnalyteRow, ...]
    sets: tuple[LabSetView, ...]        # oldest first
    trends: Mapping[str, Trend]         # every analyte of the tab, with or without points


@dataclass(frozen=True)
class LabPreview:
    """What the typed values would be: graded values, and each bad value's problem by analyte."""

    values: Mapping[str, GradedValue]
    problems: Mapping[str, InputError]
    ask_ionised: bool                    # a total calcium low enough to be an ionised value


@dataclass(frozen=True)
class LabSaved:
    """What a saved set fed: the set as graded, the AE proposals made, and the dose order's checks."""

    lab_set: LabSet
    graded: LabSetView
    proposals: tuple[tuple[str, int | None], ...]     # (CTCAE term, grade or None when undecided)
    dose_checks: tuple[DoseCheck, ...]


def analyte_rows(settings: SiteSettings) -> tuple[AnalyteRow, ...]:
    """The tab's analytes, each with the site's unit first (a unit the analyte does not offer is ignored)."""
    rows = []
    for name in LAB_TAB_ANALYTES:
        spec = analytes.find(name)
        assert spec is not None, name
        chosen = settings.lab_units.get(name)
        offered = spec.units
        if chosen in offered:
            offered = (chosen, *[u for u in offered if u != chosen])
        rows.append(AnalyteRow(spec.name, spec.label, tuple(offered)))
    return tuple(rows)


def history(store: Store, patient_id: int) -> LabHistory:
    """Every lab set of the patient, each value graded with the site's ranges (oldest set first)."""
    with store.reading():
        settings = stored_settings.load(store.conn)
        sex = stored_patients.sex(store, patient_id)
        sets = stored_measurements.lab_sets(store, patient_id)
        started = records.first_treatment_day(store, patient_id)
        baseline_rows = (stored_measurements.lab_texts_up_to(store, patient_id, started)
                         if started is not None else [])
    views = []
    parsed: list[dict[str, units.Measured]] = []     # each set's values, parsed once (the trends use them too)
    for lab_set in sets:
        measured = {r.analyte: units.parse(r.quantity.text, field=f"labs.{r.analyte}", analyte=r.analyte,
                                           check_range=False) for r in lab_set.results}
        baselines = _baselines(baseline_rows, lab_set, started)
        graded = _graded(measured, sex, settings, baselines)
        views.append(LabSetView(lab_set.id, lab_set.sampled_on, lab_set.note,
                                tuple(graded[r.analyte] for r in lab_set.results)))
        parsed.append(measured)
    rows = analyte_rows(settings)
    return LabHistory(rows, tuple(views), {row.name: _trend(row, views, parsed, sex, settings) for row in rows})


def preview(store: Store, patient_id: int, values: Mapping[str, str]) -> LabPreview:
    """The typed values ({"wbc": "5600 /uL", …}; blanks ignored) graded as a save would grade them."""
    with store.reading():
        settings = stored_settings.load(store.conn)
        sex = stored_patients.sex(store, patient_id)
        started = records.first_treatment_day(store, patient_id)
        baseline_rows = (stored_measurements.lab_texts_up_to(store, patient_id, started)
                         if started is not None else [])
    measured: dict[str, units.Measured] = {}
    problems: dict[str, InputError] = {}
    for name, text in values.items():
        if not (text or "").strip():
            continue
        try:
            measured[name] = units.parse(text, field=f"labs.{name}", analyte=name)
        except InputError as exc:
            problems[name] = exc
    graded = _graded(measured, sex, settings, {a: t for a, t in baseline_rows})
    ask = "calcium" in graded and bool(graded["calcium"].warning)
    return LabPreview(graded, problems, ask)


def record_lab_set(store: Store, actor: Actor, patient_id: int, sampled_on: str, values: Mapping[str, str],
                   note: str = "", *, calcium_was: str | None = None) -> Saved:
    """One dated lab set as typed (`sampled_on` "2026-12-06" or "2026/12/6"; blanks ignored).

    A total calcium below 1.5 mmol/L (6.0 mg/dL) needs `calcium_was`: "total" keeps it as total
    calcium, "ionised" records the same text as ionised calcium. Returns Saved(LabSaved).
    """
    day = dates.parse_date(sampled_on, "sampled_on", typed=True)
    given = {name: text.strip() for name, text in values.items() if (text or "").strip()}
    if calcium_was is not None and calcium_was not in CALCIUM_ANSWERS:
        raise InputError("calcium_was", "total or ionised", code="not_a_choice")
    if "calcium" in given:
        measured = units.parse(given["calcium"], field="labs.calcium", analyte="calcium")
        warning = ctcae.grade("Hypocalcemia", measured, require_limits=False).warning
        if warning and calcium_was is None:
            raise InputError("labs.calcium", warning, code="ionised_question", text=given["calcium"])
        if calcium_was == "ionised":
            if "ionized_calcium" in given:
                raise InputError("labs.calcium", "an ionised calcium is given too: which one is it?",
                                 code="duplicate")
            given["ionized_calcium"] = given.pop("calcium")
    saved = measurements.record_labs(store, actor, patient_id, day, given, note)
    lab_set: LabSet = saved.value
    made = [p for p in ae_proposals.proposals(store, patient_id, status=None)
            if p.kind == "lab" and p.source_id == lab_set.id]
    checks = dosing.status(store, patient_id).checks
    graded = next((s for s in history(store, patient_id).sets if s.id == lab_set.id), None)
    assert graded is not None
    return Saved(LabSaved(lab_set, graded, tuple((p.term, p.grade) for p in made), checks), saved.changes)


# ------------------------------------------------------------------------------ grading for display
def _baselines(rows: list[tuple[str, str]], lab_set: LabSet, started: date | None) -> dict[str, str]:
    """The latest value of each analyte sampled on or before treatment began, this set excluded."""
    if started is None or lab_set.sampled_on <= started:
        return {}
    return {analyte: text for analyte, text in rows}


def _graded(measured: Mapping[str, units.Measured], sex: str | None, settings: SiteSettings,
            baselines: Mapping[str, str]) -> dict[str, GradedValue]:
    """Each value with its range and its worst CTCAE grade (the grading AE proposals use)."""
    proposals = propose_from_labs(measured, sex=sex, site_ranges=settings.lab_normal_ranges,
                                  baselines={a: t for a, t in baselines.items() if a in measured},
                                  ca_correction=settings.calcium_correction)
    worst: dict[str, tuple[int, str, str]] = {}
    calcium_words = {p.analyte: p.result.calcium.describe() for p in proposals if p.result.calcium is not None}
    for p in proposals:
        rank = 5 if p.result.grade is None else p.result.grade   # undecided first: a person must look
        if p.analyte not in worst or rank > worst[p.analyte][0]:
            criterion = p.result.criterion if p.result.grade is not None else (
                p.result.judgement or p.result.criterion)
            worst[p.analyte] = (rank, p.term, criterion)
    out = {}
    for name, m in measured.items():
        limits = normal_range(name, sex=sex, site_ranges=settings.lab_normal_ranges)
        low = _in_unit(limits.low, m.unit)
        high = _in_unit(limits.high, m.unit)
        flag = "L" if low is not None and m.magnitude < low else "H" if high is not None and m.magnitude > high else ""
        rank, term, criterion = worst.get(name, (0, "", ""))
        warning = ""
        if name == "calcium":
            warning = ctcae.grade("Hypocalcemia", m, require_limits=False).warning
            if name not in calcium_words and not warning:   # graded 0: still say what was graded, and how
                shown = ctcae.grade("Hypocalcemia", m, albumin=measured.get("albumin"),
                                    ca_correction=settings.calcium_correction, require_limits=False).calcium
                if shown is not None:
                    calcium_words[name] = shown.describe()
        spec = analytes.find(name)
        canonical = m.to_rounded(spec.canonical) if spec is not None else m.magnitude
        out[name] = GradedValue(name, m.text, m.magnitude, m.unit, canonical, low, high, limits.source, flag,
                                None if rank == 5 else rank, term, criterion, warning, calcium_words.get(name, ""))
    return out


def _trend(row: AnalyteRow, views: list[LabSetView], parsed: list[dict[str, units.Measured]], sex: str | None,
           settings: SiteSettings) -> Trend:
    """One analyte over the sets (`parsed`: each view's values as `history` parsed them, in the same order)."""
    unit = row.units[0]
    points = []
    for view, measured in zip(views, parsed, strict=True):
        value = view.get(row.name)
        if value is not None:
            points.append(TrendPoint(view.sampled_on, measured[row.name].to_rounded(unit), value.grade))
    limits = normal_range(row.name, sex=sex, site_ranges=settings.lab_normal_ranges)
    return Trend(row.name, row.label, unit, tuple(points), _in_unit(limits.low, unit), _in_unit(limits.high, unit))


def _in_unit(limit: units.Measured | None, unit: str) -> float | None:
    if limit is None:
        return None
    try:
        return limit.to_rounded(unit)
    except InputError:
        return None
