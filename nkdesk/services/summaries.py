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

from nkdesk.rules import protocol, summary, vitals
from nkdesk.rules.analytes import ANALYTES
from nkdesk.storage import settings as stored_settings

VITALS = ("systolic_mmhg", "diastolic_mmhg", "pulse_per_min", "resp_rate_per_min", "temperature_c", "spo2_pct",
          "news2_score")
_VITAL_COLUMNS = {name: name for name in VITALS} | {"temperature_c": "temperature_canonical_value"}


def _scope(column: str, patient_ids: Iterable[int] | None) -> tuple[str, list]:
    if patient_ids is None:
        return "1", []
    ids = [int(i) for i in patient_ids]
    return f"{column} IN ({', '.join('?' for _ in ids) or 'NULL'})", ids


def ae_summary(store, *, patient_ids: Iterable[int] | None = None, protocol_id: str | None = None) -> dict:
    """AE counts: {"subjects_n", "by_term", "by_cycle", "by_dose", "dose_grouping"} (rows of
    rules.summary.ae_counts: term, events, subjects, worst_grade {"1".."5"}, ungraded, %)."""
    ids = None if patient_ids is None else list(patient_ids)
    where, params = _scope("a.patient_id", ids)
    rows = store.rows(
        "SELECT p.study_id, a.term, a.worst_grade, a.grade, a.cycle, i.viable_cells_per_kg FROM adverse_events a "
        "JOIN patients p ON p.id = a.patient_id "
        "LEFT JOIN treatment_cycles c ON c.patient_id = a.patient_id AND c.number = a.cycle "
        "LEFT JOIN infusions i ON i.cycle_id = c.id "
        f"WHERE {where} ORDER BY a.id", params)
    bins = (protocol.load(protocol_id or protocol.DEFAULT_PROTOCOL).section("summary", {}) or {}).get("dose_bins")
    events = [{"subject": r["study_id"], "term": r["term"],
               "grade": r["worst_grade"] if r["worst_grade"] is not None else r["grade"], "cycle": r["cycle"],
               "dose": r["viable_cells_per_kg"], "dose_level": dose_level(r["viable_cells_per_kg"])} for r in rows]
    treated_where, treated_params = _scope("patient_id", ids)
    subjects_n = store.scalar(f"SELECT count(DISTINCT patient_id) FROM treatment_events WHERE {treated_where} "
                              "AND status IN ('in_progress', 'done')", treated_params) or None
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


def vitals_summary(store, *, patient_ids: Iterable[int] | None = None) -> dict:
    """{"time_points": [min…], "measurements": {name: {minutes: describe()}}, "infusions_n"} for the
    scheduled sets of every infusion started; temperature in °C."""
    where, params = _scope("i.patient_id", patient_ids)
    infusion_ids = [r[0] for r in store.rows(f"SELECT i.id FROM infusions i WHERE {where} "
                                             "AND i.status IN ('in_progress', 'completed') ORDER BY i.id", params)]
    columns = ", ".join(f"s.{c} AS {n}" for n, c in _VITAL_COLUMNS.items())
    sets = store.rows(f"SELECT s.infusion_id, s.scheduled_min, {columns} FROM vital_sign_sets s "
                      f"JOIN infusions i ON i.id = s.infusion_id WHERE {where} AND s.scheduled_min IS NOT NULL "
                      "AND i.status IN ('in_progress', 'completed')", params)
    by_slot = {(r["infusion_id"], r["scheduled_min"]): r for r in sets}
    minutes = sorted({r["scheduled_min"] for r in sets} | _scheduled(store, infusion_ids))
    measurements = {}
    for name in VITALS:
        measurements[name] = {m: summary.describe(by_slot[(i, m)][name] if (i, m) in by_slot else None
                                                  for i in infusion_ids) for m in minutes}
    return {"infusions_n": len(infusion_ids), "time_points": minutes, "measurements": measurements}


def _scheduled(store, infusion_ids: list[int]) -> set[int]:
    """The time points the infusions' protocols (or the site) schedule, recorded or not."""
    if not infusion_ids:
        return set()
    site = stored_settings.load(store.conn)
    marks = ", ".join("?" for _ in infusion_ids)
    found = set()
    for row in store.rows("SELECT DISTINCT c.protocol_id FROM infusions i "
                          "JOIN treatment_cycles c ON c.id = i.cycle_id "
                          f"WHERE i.id IN ({marks})", infusion_ids):
        found |= {p.offset_min for p in vitals.time_points(protocol.load(row[0]), site.infusion_time_points_min)}
    return found


def lab_summary(store, *, patient_ids: Iterable[int] | None = None) -> dict:
    """{analyte: {"unit": canonical unit, n, missing, mean, median, sd, q1, q3, min, max}} over the
    lab sets of the patients (a set without the analyte counts as missing)."""
    where, params = _scope("s.patient_id", patient_ids)
    sets = [r[0] for r in store.rows(f"SELECT s.id FROM lab_sets s WHERE {where}", params)]
    values: dict[str, dict[int, float]] = {}
    for row in store.rows(f"SELECT r.lab_set_id, r.analyte, r.canonical_value FROM lab_results r "
                          f"JOIN lab_sets s ON s.id = r.lab_set_id WHERE {where}", params):
        values.setdefault(row["analyte"], {})[row["lab_set_id"]] = row["canonical_value"]
    order = [a.name for a in ANALYTES]
    out = {}
    for analyte in sorted(values, key=lambda a: order.index(a) if a in order else len(order)):
        unit = next((a.canonical for a in ANALYTES if a.name == analyte), "")
        out[analyte] = {"unit": unit, **summary.describe(values[analyte].get(s) for s in sets)}
    return out
