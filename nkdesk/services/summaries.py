"""The summaries the protocol asks for, as plain data for the forms and the window.

The statistics are the rules' (`rules.summary`: n, missing, mean, median, SD, quartiles, min–max;
AE counts by subjects at their worst grade and by events); this module gathers the stored records:
- AEs by term and worst grade, by cycle, and by cell dose: the viable cells/kg of the infusion of
  the AE's cycle, grouped by the protocol file's bins (`[summary] dose_bins = [{label, low, high}]`,
  cells/kg) when it defines them, else by the recorded dose level (2 significant figures);
  percentages are of the treated subjects (patients with any treatment event started or done);
- vital signs per scheduled time point (the protocol's or the site's, and any recorded) across the
  infusions started (a time point without a set, or a set without the value, counts as missing),
  temperatures in °C, and the NEWS2 score;
- lab values per analyte, in the analyte's canonical unit, across the patients' lab sets.
`patient_ids` limits any summary to some patients (default: all).
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from nkdesk.rules import protocol, summary, vitals
from nkdesk.rules.analytes import ANALYTES
from nkdesk.storage import infusions as stored_infusions
from nkdesk.storage import records
from nkdesk.storage import settings as stored_settings
from nkdesk.storage import summaries as stored

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

VITALS = ("systolic_mmhg", "diastolic_mmhg", "pulse_per_min", "resp_rate_per_min", "temperature_c", "spo2_pct",
          "news2_score")


def ae_summary(store: Store, *, patient_ids: Iterable[int] | None = None,
               protocol_id: str | None = None) -> dict[str, Any]:
    """AE counts: {"subjects_n", "by_term", "by_cycle", "by_dose", "dose_grouping"} (rows of
    rules.summary.ae_counts: term, events, subjects, worst_grade {"1".."5"}, ungraded, %)."""
    ids = None if patient_ids is None else [int(i) for i in patient_ids]
    rows = stored.adverse_events_with_dose(store, ids)
    bins = (protocol.load(protocol_id or protocol.DEFAULT_PROTOCOL).section("summary", {}) or {}).get("dose_bins")
    events = [{"subject": r["study_id"], "term": r["term"],
               "grade": r["worst_grade"] if r["worst_grade"] is not None else r["grade"], "cycle": r["cycle"],
               "dose": r["viable_cells_per_kg"], "dose_level": dose_level(r["viable_cells_per_kg"])} for r in rows]
    subjects_n = records.treated_patients(store, ids) or None
    by_dose = summary.ae_counts(events, by=("dose_group",), subjects_n=subjects_n, dose_bins=bins) if bins else \
        summary.ae_counts(events, by=("dose_level",), subjects_n=subjects_n)
    return {"subjects_n": subjects_n or 0,
            "by_term": summary.ae_counts(events, subjects_n=subjects_n),
            "by_cycle": summary.ae_counts(events, by=("cycle",), subjects_n=subjects_n),
            "by_dose": by_dose, "dose_grouping": "protocol bins" if bins else "recorded dose level"}


def dose_level(cells_per_kg: float | None) -> str | None:
    """A recorded dose as a level label, 2 significant figures: 4.17e7 → "4.2 × 10^7 cells/kg"."""
    if cells_per_kg is None or cells_per_kg <= 0:
        return None
    exponent = math.floor(math.log10(cells_per_kg))
    mantissa = round(cells_per_kg / 10 ** exponent, 1)
    if mantissa >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.1f} × 10^{exponent} cells/kg"


def vitals_summary(store: Store, *, patient_ids: Iterable[int] | None = None) -> dict[str, Any]:
    """{"time_points": [min…], "measurements": {name: {minutes: describe()}}, "infusions_n"} for the
    scheduled sets of every infusion started; temperature in °C."""
    ids = None if patient_ids is None else [int(i) for i in patient_ids]
    infusion_ids = stored.started_infusion_ids(store, ids)
    sets = stored.scheduled_vital_sets(store, ids, VITALS)
    by_slot = {(r["infusion_id"], r["scheduled_min"]): r for r in sets}
    minutes = sorted({r["scheduled_min"] for r in sets} | _scheduled(store, infusion_ids))
    measurements = {}
    for name in VITALS:
        measurements[name] = {m: summary.describe(by_slot[(i, m)][name] if (i, m) in by_slot else None
                                                  for i in infusion_ids) for m in minutes}
    return {"infusions_n": len(infusion_ids), "time_points": minutes, "measurements": measurements}


def _scheduled(store: Store, infusion_ids: list[int]) -> set[int]:
    """The time points the infusions' protocols (or the site) schedule, recorded or not."""
    if not infusion_ids:
        return set()
    site = stored_settings.load(store.conn)
    found: set[int] = set()
    for protocol_id in stored_infusions.protocols_of_infusions(store, infusion_ids):
        found |= {p.offset_min for p in vitals.time_points(protocol.load(protocol_id), site.infusion_time_points_min)}
    return found


def lab_summary(store: Store, *, patient_ids: Iterable[int] | None = None) -> dict[str, Any]:
    """{analyte: {"unit": canonical unit, n, missing, mean, median, sd, q1, q3, min, max}} over the
    lab sets of the patients (a set without the analyte counts as missing)."""
    ids = None if patient_ids is None else [int(i) for i in patient_ids]
    sets = stored.lab_set_ids(store, ids)
    values: dict[str, dict[int, float]] = {}
    for set_id, analyte, value in stored.lab_values(store, ids):
        values.setdefault(analyte, {})[set_id] = value
    order = [a.name for a in ANALYTES]
    out = {}
    for analyte in sorted(values, key=lambda a: order.index(a) if a in order else len(order)):
        unit = next((a.canonical for a in ANALYTES if a.name == analyte), "")
        out[analyte] = {"unit": unit, **summary.describe(values[analyte].get(s) for s in sets)}
    return out
