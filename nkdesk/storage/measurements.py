"""Lab results and body measurements: each value as entered and in its analyte's canonical unit.

A quantity arrives here already parsed and converted by the rules, as a `RecordedQuantity` (text as
entered, number, unit, and the value in the canonical unit `nkdesk.rules.analytes.ANALYTES` names;
`nkdesk.rules.quantities.recorded` makes it), and is stored as it is handed.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, Any

from nkdesk.domain import BodyMeasurement, LabResult, LabSet, RecordedQuantity

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader
    from nkdesk.storage.transaction import Transaction


def _quantity(row: sqlite3.Row) -> RecordedQuantity:
    return RecordedQuantity(row["text"], row["value"], row["unit"], row["canonical_value"], row["canonical_unit"])


def _quantity_values(q: RecordedQuantity) -> dict[str, Any]:
    return {"text": q.text, "value": q.value, "unit": q.unit, "canonical_value": q.canonical_value,
            "canonical_unit": q.canonical_unit}


def insert_lab_set(tx: Transaction, patient_id: int, sampled_on: date, results: dict[str, RecordedQuantity],
                   note: str = "") -> int:
    set_id = tx.insert("lab_sets", {"patient_id": patient_id, "sampled_on": sampled_on, "note": note or ""})
    for analyte, quantity in results.items():
        tx.insert("lab_results", {"lab_set_id": set_id, "patient_id": patient_id, "analyte": analyte,
                                  **_quantity_values(quantity)})
    return set_id


def lab_sets(store: Reader, patient_id: int) -> tuple[LabSet, ...]:
    sets = store.rows("SELECT * FROM lab_sets WHERE patient_id = ? ORDER BY sampled_on, id", (patient_id,))
    results = store.rows("SELECT * FROM lab_results WHERE patient_id = ? ORDER BY id", (patient_id,))
    return _assembled(sets, results)


def lab_set(store: Reader, set_id: int) -> LabSet | None:
    sets = store.rows("SELECT * FROM lab_sets WHERE id = ?", (set_id,))
    found = _assembled(sets, store.rows("SELECT * FROM lab_results WHERE lab_set_id = ? ORDER BY id", (set_id,)))
    return found[0] if found else None


def _assembled(sets: list[sqlite3.Row], result_rows: list[sqlite3.Row]) -> tuple[LabSet, ...]:
    results: dict[int, list[LabResult]] = {}
    for row in result_rows:
        results.setdefault(row["lab_set_id"], []).append(
            LabResult(row["id"], row["lab_set_id"], row["patient_id"], row["analyte"], _quantity(row)))
    return tuple(LabSet(r["id"], r["patient_id"], date.fromisoformat(r["sampled_on"]), r["note"],
                        tuple(results.get(r["id"], ())), r["version"]) for r in sets)


def lab_texts_up_to(reader: Reader, patient_id: int, day: date, *, exclude_set_id: int | None = None
                    ) -> list[tuple[str, str]]:
    """(analyte, text as entered) of every result sampled on or before `day`, oldest first (so a
    later value of an analyte comes after an earlier one); `reader`: the Store or a Transaction."""
    rows = reader.rows("SELECT r.analyte, r.text FROM lab_results r JOIN lab_sets s ON s.id = r.lab_set_id "
                       "WHERE r.patient_id = ? AND s.sampled_on <= ? AND s.id IS NOT ? ORDER BY s.sampled_on, s.id",
                       (patient_id, day.isoformat(), exclude_set_id))
    return [(str(r[0]), str(r[1])) for r in rows]


def insert_body_measurement(tx: Transaction, patient_id: int, measured_on: date, kind: str,
                            quantity: RecordedQuantity) -> int:
    return tx.insert("body_measurements", {"patient_id": patient_id, "measured_on": measured_on, "kind": kind,
                                           **_quantity_values(quantity)})


def body_measurements(reader: Reader, patient_id: int) -> tuple[BodyMeasurement, ...]:
    """`reader`: the Store or a Transaction (also below)."""
    rows = reader.rows("SELECT * FROM body_measurements WHERE patient_id = ? ORDER BY measured_on, id", (patient_id,))
    return tuple(BodyMeasurement(r["id"], r["patient_id"], date.fromisoformat(r["measured_on"]), r["kind"],
                                 _quantity(r), r["version"]) for r in rows)


def latest_body(reader: Reader, patient_id: int, kind: str) -> BodyMeasurement | None:
    found = [m for m in body_measurements(reader, patient_id) if m.kind == kind]
    return found[-1] if found else None
