"""Infusions, vital-sign sets and their alerts as stored: row ↔ dataclass, and the writes.

An infusion belongs to one treatment cycle and keeps the cell product as released: the count as
entered with its scale ("2.5 10^9") and in cells, the weight the dose per kg was computed with (as
entered and in kg), the computed cells/kg, the release tests, start, end and who gave it. A vital-
sign set keeps every measurement as entered (the temperature with its unit and in °C) and what the
rules said at save (NEWS2 with its band, the limit findings), so the record shows what the nurse
saw. Each critical finding is an alert row, open until a named user acknowledges it. The clinical
rules (limits, NEWS2, release tests, dose per kg) run in the services, never here.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Infusion, RecordedQuantity, VitalAlert, VitalSignSet

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader

CELL_UNIT = "cells"      # the canonical unit of a cell count


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def quantity(row: sqlite3.Row, prefix: str) -> RecordedQuantity | None:
    if row[f"{prefix}_text"] is None:
        return None
    return RecordedQuantity(row[f"{prefix}_text"], row[f"{prefix}_value"], row[f"{prefix}_unit"],
                            row[f"{prefix}_canonical_value"], row[f"{prefix}_canonical_unit"])


def quantity_values(prefix: str, q: RecordedQuantity | None) -> dict[str, Any]:
    """The five columns of a quantity stored under `prefix` (all None when there is none)."""
    names = ("text", "value", "unit", "canonical_value", "canonical_unit")
    if q is None:
        return {f"{prefix}_{n}": None for n in names}
    return {f"{prefix}_{n}": getattr(q, n) for n in names}


# ------------------------------------------------------------------------------ infusions
def infusion_from_row(row: sqlite3.Row) -> Infusion:
    return Infusion(row["id"], row["patient_id"], row["cycle_id"], row["event_id"], row["bag_id"],
                    quantity(row, "cells"), row["viability_pct"], row["nk_fraction_pct"], quantity(row, "weight"),
                    row["viable_cells_per_kg"], row["nk_cells_per_kg"], row["sterility"], row["infectious_disease"],
                    row["status"], _when(row["started_at"]), _when(row["ended_at"]), row["administered_by"],
                    row["version"])


def infusions(store: Reader, patient_id: int) -> tuple[Infusion, ...]:
    rows = store.rows("SELECT i.* FROM infusions i JOIN treatment_cycles c ON c.id = i.cycle_id "
                      "WHERE i.patient_id = ? ORDER BY c.number, i.id", (patient_id,))
    return tuple(infusion_from_row(r) for r in rows)


def infusion(reader: Reader, infusion_id: int) -> Infusion | None:
    row = reader.one("SELECT * FROM infusions WHERE id = ?", (infusion_id,))
    return infusion_from_row(row) if row else None


def infusion_of_cycle(reader: Reader, cycle_id: int) -> Infusion | None:
    """`reader`: the Store or a Transaction."""
    row = reader.one("SELECT * FROM infusions WHERE cycle_id = ?", (cycle_id,))
    return infusion_from_row(row) if row else None


# ------------------------------------------------------------------------------ vital-sign sets
SET_COLUMNS = ("measured_at", "offset_min", "systolic_mmhg", "diastolic_mmhg", "pulse_per_min", "resp_rate_per_min",
               "spo2_pct", "spo2_scale", "oxygen_device", "o2_flow_l_min", "vasopressors", "acvpu", "news2_score",
               "news2_risk", "news2_json", "findings_json", "reason")


def alert_from_row(row: sqlite3.Row) -> VitalAlert:
    return VitalAlert(row["id"], row["vital_set_id"], row["infusion_id"], row["patient_id"], row["finding"],
                      row["value"], row["low"], row["high"], datetime.fromisoformat(row["raised_at"]),  # NOT NULL
                      row["acknowledged_by"],
                      row["acknowledged_by_name"], _when(row["acknowledged_at"]), row["note"], row["version"],
                      *((row["informed"], row["action_taken"], _when(row["action_at"]))
                        if "informed" in row.keys() else ()))  # noqa: SIM118 — Row: keys, m055


def set_from_row(row: sqlite3.Row, alerts: Iterable[VitalAlert] = ()) -> VitalSignSet:
    return VitalSignSet(
        row["id"], row["infusion_id"], row["patient_id"], row["scheduled_min"], row["extra_number"],
        row["offset_min"], datetime.fromisoformat(row["measured_at"]), row["systolic_mmhg"], row["diastolic_mmhg"],
        row["pulse_per_min"], row["resp_rate_per_min"], quantity(row, "temperature"), row["spo2_pct"],
        row["spo2_scale"], row["oxygen_device"], row["o2_flow_l_min"], row["vasopressors"], row["acvpu"],
        row["news2_score"], row["news2_risk"], json.loads(row["news2_json"]) if row["news2_json"] else None,
        tuple(json.loads(row["findings_json"])), row["reason"], tuple(alerts), row["version"],
        bool(row["vasopressin"]) if "vasopressin" in row.keys() else False)  # noqa: SIM118 — Row: keys, m022


def _sets(store: Reader, where: str, params: Sequence[object]) -> tuple[VitalSignSet, ...]:
    rows = store.rows(f"SELECT * FROM vital_sign_sets WHERE {where} ORDER BY measured_at, id", params)
    alerts: dict[int, list[VitalAlert]] = {}
    for row in store.rows(f"SELECT * FROM vital_alerts WHERE vital_set_id IN "
                          f"(SELECT id FROM vital_sign_sets WHERE {where}) ORDER BY id", params):
        alerts.setdefault(row["vital_set_id"], []).append(alert_from_row(row))
    return tuple(set_from_row(r, alerts.get(r["id"], ())) for r in rows)


def vital_sets(store: Reader, infusion_id: int) -> tuple[VitalSignSet, ...]:
    """An infusion's sets in the order they were measured."""
    return _sets(store, "infusion_id = ?", (infusion_id,))


def patient_vital_sets(store: Reader, patient_id: int) -> tuple[VitalSignSet, ...]:
    return _sets(store, "patient_id = ?", (patient_id,))


def vital_set(store: Reader, set_id: int) -> VitalSignSet | None:
    found = _sets(store, "id = ?", (set_id,))
    return found[0] if found else None


def last_extra_number(reader: Reader, infusion_id: int) -> int:
    """The highest number of the infusion's extra sets (0 if none); `reader`: Store or Transaction."""
    row = reader.one("SELECT max(extra_number) FROM vital_sign_sets WHERE infusion_id = ?", (infusion_id,))
    return int(row[0] or 0) if row else 0


def scheduled_set_exists(reader: Reader, infusion_id: int, minutes: int | None) -> bool:
    return reader.one("SELECT 1 FROM vital_sign_sets WHERE infusion_id = ? AND scheduled_min = ?",
                      (infusion_id, minutes)) is not None


def alerts_of_set(reader: Reader, set_id: int) -> tuple[VitalAlert, ...]:
    return tuple(alert_from_row(r) for r in reader.rows("SELECT * FROM vital_alerts WHERE vital_set_id = ? "
                                                        "ORDER BY id", (set_id,)))


def alert_raised(reader: Reader, set_id: int, finding: str) -> bool:
    return reader.one("SELECT 1 FROM vital_alerts WHERE vital_set_id = ? AND finding = ?",
                      (set_id, finding)) is not None


def alerts_record_response(reader: Reader) -> bool:
    """Whether the file's alerts take who was informed and what was done (m055): a file built step
    by step for the migration tests may not have them yet."""
    return any(r[1] == "informed" for r in reader.rows("PRAGMA table_info(vital_alerts)", ()))


def infusion_start(reader: Reader, infusion_id: int) -> datetime | None:
    """When the infusion started (None: not yet, or no such infusion); `reader`: Store or Transaction."""
    row = reader.one("SELECT started_at FROM infusions WHERE id = ?", (infusion_id,))
    return None if row is None else _when(row[0])


def protocol_of_infusion(reader: Reader, infusion_id: int) -> str | None:
    """The protocol of the infusion's treatment cycle (None if there is no such infusion)."""
    row = reader.one("SELECT c.protocol_id FROM infusions i JOIN treatment_cycles c ON c.id = i.cycle_id "
                     "WHERE i.id = ?", (infusion_id,))
    return None if row is None else str(row[0])


def protocols_of_infusions(store: Reader, infusion_ids: list[int]) -> set[str]:
    if not infusion_ids:
        return set()
    marks = ", ".join("?" for _ in infusion_ids)
    return {str(r[0]) for r in store.rows("SELECT DISTINCT c.protocol_id FROM infusions i JOIN treatment_cycles c "
                                          f"ON c.id = i.cycle_id WHERE i.id IN ({marks})", infusion_ids)}


def product_tests_of_event(reader: Reader, event_id: int) -> tuple[str, str] | None:
    """(sterility, infectious_disease) of the cell product recorded for an infusion event, if any."""
    row = reader.one("SELECT sterility, infectious_disease FROM infusions WHERE event_id = ?", (event_id,))
    return None if row is None else (str(row[0]), str(row[1]))


def open_alerts(store: Reader, patient_id: int | None = None) -> tuple[VitalAlert, ...]:
    """Alerts nobody has acknowledged yet (all patients, or one), oldest first."""
    if patient_id is None:
        rows = store.rows("SELECT * FROM vital_alerts WHERE acknowledged_at IS NULL ORDER BY id")
    else:
        rows = store.rows("SELECT * FROM vital_alerts WHERE acknowledged_at IS NULL AND patient_id = ? ORDER BY id",
                          (patient_id,))
    return tuple(alert_from_row(r) for r in rows)


def temperatures(reader: Reader, patient_id: int) -> list[tuple[int, str, str]]:
    """(set id, measured_at, temperature as entered) of every set with a temperature, in time order;
    `reader`: the Store or a Transaction."""
    return [(r[0], r[1], r[2]) for r in reader.rows(
        "SELECT id, measured_at, temperature_text FROM vital_sign_sets WHERE patient_id = ? "
        "AND temperature_text IS NOT NULL ORDER BY measured_at, id", (patient_id,))]
