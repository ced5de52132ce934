"""What the protocol's summaries read (services.summaries computes them with rules.summary).

Each function takes `patient_ids` (None: every patient) and returns plain rows: the AEs with the
cell dose of their cycle's infusion, the scheduled vital-sign sets of started infusions, and the
lab results in their canonical units.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from nkdesk.storage.records import scope

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader

# The stored column of each summarised vital sign (temperature in °C, its canonical unit).
VITAL_COLUMNS = {name: name for name in ("systolic_mmhg", "diastolic_mmhg", "pulse_per_min", "resp_rate_per_min",
                                         "spo2_pct", "news2_score")} | {"temperature_c": "temperature_canonical_value"}


def _ids(patient_ids: Iterable[int] | None) -> list[int] | None:
    return None if patient_ids is None else [int(i) for i in patient_ids]


def adverse_events_with_dose(store: Reader, patient_ids: Iterable[int] | None) -> list[dict[str, Any]]:
    """Each AE: study_id, term, worst_grade, grade, cycle, and viable_cells_per_kg of its cycle's infusion."""
    where, params = scope("a.patient_id", _ids(patient_ids))
    rows = store.rows(
        "SELECT p.study_id, a.term, a.worst_grade, a.grade, a.cycle, i.viable_cells_per_kg FROM adverse_events a "
        "JOIN patients p ON p.id = a.patient_id "
        "LEFT JOIN treatment_cycles c ON c.patient_id = a.patient_id AND c.number = a.cycle "
        "LEFT JOIN infusions i ON i.cycle_id = c.id "
        f"WHERE {where} ORDER BY a.id", params)
    return [dict(r) for r in rows]


def started_infusion_ids(store: Reader, patient_ids: Iterable[int] | None) -> list[int]:
    """The infusions in progress or completed, by id."""
    where, params = scope("i.patient_id", _ids(patient_ids))
    return [int(r[0]) for r in store.rows(f"SELECT i.id FROM infusions i WHERE {where} "
                                          "AND i.status IN ('in_progress', 'completed') ORDER BY i.id", params)]


def scheduled_vital_sets(store: Reader, patient_ids: Iterable[int] | None,
                         names: Iterable[str]) -> list[dict[str, Any]]:
    """The scheduled sets of started infusions: infusion_id, scheduled_min and each named vital sign."""
    where, params = scope("i.patient_id", _ids(patient_ids))
    columns = ", ".join(f"s.{VITAL_COLUMNS[n]} AS {n}" for n in names)
    rows = store.rows(f"SELECT s.infusion_id, s.scheduled_min, {columns} FROM vital_sign_sets s "
                      f"JOIN infusions i ON i.id = s.infusion_id WHERE {where} AND s.scheduled_min IS NOT NULL "
                      "AND i.status IN ('in_progress', 'completed')", params)
    return [dict(r) for r in rows]


def lab_set_ids(store: Reader, patient_ids: Iterable[int] | None) -> list[int]:
    where, params = scope("s.patient_id", _ids(patient_ids))
    return [int(r[0]) for r in store.rows(f"SELECT s.id FROM lab_sets s WHERE {where}", params)]


def lab_values(store: Reader, patient_ids: Iterable[int] | None) -> list[tuple[int, str, float]]:
    """(lab set id, analyte, value in the canonical unit) of every result."""
    where, params = scope("s.patient_id", _ids(patient_ids))
    return [(int(r[0]), str(r[1]), float(r[2])) for r in store.rows(
        f"SELECT r.lab_set_id, r.analyte, r.canonical_value FROM lab_results r "
        f"JOIN lab_sets s ON s.id = r.lab_set_id WHERE {where}", params)]
