"""Recording lab results and body measurements, each parsed with its unit by the rules.

A lab set of a patient on treatment is graded against CTCAE v5.0 in the same save, and what it
supports is stored as AE proposals (services.ae_proposals) for a user to accept or dismiss.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from nkdesk.domain import Actor, RecordedQuantity, Saved
from nkdesk.rules import analytes, dates, units
from nkdesk.rules.errors import InputError
from nkdesk.rules.quantities import recorded
from nkdesk.services import ae_proposals
from nkdesk.storage import measurements as stored
from nkdesk.storage.errors import RecordNotFound

if TYPE_CHECKING:
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction


def record_labs(store: Store, actor: Actor, patient_id: int, sampled_on: date, values: Mapping[str, str],
                note: str = "") -> Saved:
    """One blood sample's results ({"platelets": "15.2 10^4/uL", …}); any bad value refuses all."""
    results: dict[str, RecordedQuantity] = {}
    measured: dict[str, units.Measured] = {}
    for key, text in values.items():
        spec = analytes.find(key)
        if spec is None or spec.name in ("height", "weight", "temperature"):
            raise InputError(f"labs.{key}", f"unknown lab (known: {', '.join(analytes.names())})",
                             code="unknown_field")
        if spec.name in results:
            raise InputError(f"labs.{key}", f"given twice (as {spec.name} too)", code="duplicate")
        measured[spec.name] = units.parse(text, field=f"labs.{key}", analyte=spec.name)
        results[spec.name] = recorded(measured[spec.name])
    if not results:
        raise InputError("labs", "no results given", code="required")
    with store.write(actor, "labs.record") as tx:
        dates.not_after_now("sampled_on", sampled_on, tx.now)
        _require_patient(tx, patient_id)
        set_id = stored.insert_lab_set(tx, patient_id, sampled_on, results, note)
        ae_proposals.propose_from_lab_set(tx, patient_id, set_id, sampled_on, measured)
    return Saved(stored.lab_set(store, set_id), tx.changes)


def record_body(store: Store, actor: Actor, patient_id: int, measured_on: date, *, height: str | None = None,
                weight: str | None = None) -> Saved:
    """Height and/or weight as entered ("170 cm", "150 lb"); returns the stored measurements."""
    given = {kind: text for kind, text in (("height", height), ("weight", weight)) if text not in (None, "")}
    if not given:
        raise InputError("height", "give a height or a weight", code="required")
    parsed = {kind: recorded(units.parse(text, field=kind, analyte=kind)) for kind, text in given.items()}
    with store.write(actor, "body.record") as tx:
        _require_patient(tx, patient_id)
        ids = [stored.insert_body_measurement(tx, patient_id, measured_on, kind, q) for kind, q in parsed.items()]
    return Saved(tuple(m for m in stored.body_measurements(store, patient_id) if m.id in ids), tx.changes)


def _require_patient(tx: Transaction, patient_id: int) -> None:
    if tx.row("patients", patient_id) is None:
        raise RecordNotFound(f"patient #{patient_id} does not exist", table="patients", record_id=patient_id)
