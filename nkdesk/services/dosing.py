"""Dose orders: an investigator prescribes (signed), a second user verifies (signed), or cancels.

The order itself is built by the dosing rules (`nkdesk.rules.dosing`, its `to_json()`: bsa_m2,
daily_dose_ug, syringes, delivered_ug, deviation_pct, within_tolerance, gcsf_days, course); storage
keeps that JSON as signed content. Rules enforced here and in storage: only an investigator
prescribes; a pharmacist or another investigator verifies, never the prescriber (also a CHECK in
the table); a plan outside the dose tolerance is verified only by a pharmacist, with a decision note.
While protocol treatment is discontinued or suspended, no order is drafted, prescribed or verified
(`TreatmentStopped`; the database refuses it too, by trigger).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nkdesk.domain import Role, Saved, User
from nkdesk.rules.errors import InputError
from nkdesk.storage import records
from nkdesk.storage.errors import PermissionDenied, RecordNotFound, RuleViolation, TreatmentStopped

TABLE = "dose_orders"


def order_json(order: Any) -> dict:
    """The order as JSON data: a dose-order object's `to_json()`, or a mapping as given."""
    data = order.to_json() if hasattr(order, "to_json") else order
    if not isinstance(data, Mapping) or not data:
        raise InputError("order", "expected a dose order (an object with to_json(), or its JSON)", code="not_order")
    return dict(data)


def draft_order(store, actor: User, patient_id: int, order: Any, *, cycle_id: int | None = None) -> Saved:
    values = {"patient_id": patient_id, "cycle_id": cycle_id, "order_json": order_json(order),
              "status": "draft", "prescriber_id": actor.id}
    with store.write(actor, "dose.draft") as tx:
        if tx.row("patients", patient_id) is None:
            raise RecordNotFound(f"patient #{patient_id} does not exist")
        refuse_if_stopped(tx, patient_id)
        oid = tx.insert(TABLE, values)
    return Saved(records.dose_order(store, oid), tx.changes)


def prescribe(store, actor: User, order_id: int, password: str, expected_version: int) -> Saved:
    """Sign a draft as its prescriber ("dose prescribed")."""
    with store.write(actor, "dose.prescribe") as tx:
        row = _order(tx, order_id, "draft")
        tx.update(TABLE, order_id, {"status": "prescribed", "prescriber_id": actor.id},
                  expected_version=expected_version)
        tx.sign(TABLE, order_id, "dose prescribed", password)
    return Saved(records.dose_order(store, row["id"]), tx.changes)


def verify_order(store, actor: User, order_id: int, password: str, expected_version: int,
                 decision_note: str = "") -> Saved:
    """Second check by a pharmacist or another investigator ("dose verified")."""
    with store.write(actor, "dose.verify") as tx:
        row = _order(tx, order_id, "prescribed")
        if row["prescriber_id"] == actor.id:
            raise PermissionDenied("a dose order cannot be verified by its prescriber: a second person checks it",
                                   action="dose.verify")
        order = records.dose_order_from_row(row).order
        if order.get("within_tolerance") is False:
            if tx.role is not Role.PHARMACIST:
                raise PermissionDenied("this syringe plan is outside the dose tolerance: a pharmacist decides on it",
                                       action="dose.verify")
            if not decision_note.strip():
                raise InputError("decision_note", "a plan outside the tolerance needs the pharmacist's decision "
                                                  "written down", code="required")
        tx.update(TABLE, order_id, {"status": "verified", "verifier_id": actor.id,
                                    "decision_note": decision_note.strip()}, expected_version=expected_version)
        tx.sign(TABLE, order_id, "dose verified", password)
    return Saved(records.dose_order(store, order_id), tx.changes)


def cancel_order(store, actor: User, order_id: int, reason: str, expected_version: int) -> Saved:
    if not (reason or "").strip():
        raise InputError("reason", "cancelling a dose order needs a reason", code="required")
    with store.write(actor, "dose.cancel", reason=reason) as tx:
        row = tx.row(TABLE, order_id)
        if row is None:
            raise RecordNotFound(f"dose order #{order_id} does not exist")
        if row["status"] == "cancelled":
            raise RuleViolation(f"dose order #{order_id} is cancelled already")
        tx.update(TABLE, order_id, {"status": "cancelled", "cancel_reason": reason.strip()},
                  expected_version=expected_version)
    return Saved(records.dose_order(store, order_id), tx.changes)


def _order(tx, order_id: int, status: str):
    row = tx.row(TABLE, order_id)
    if row is None:
        raise RecordNotFound(f"dose order #{order_id} does not exist")
    refuse_if_stopped(tx, row["patient_id"])
    if row["status"] != status:
        raise RuleViolation(f"dose order #{order_id} is {row['status']}, not {status}")
    return row


def refuse_if_stopped(tx, patient_id: int) -> None:
    """TreatmentStopped if the patient's protocol treatment is discontinued or suspended."""
    stop = records.treatment_stop(tx, patient_id)
    if stop is not None:
        then = "lift the suspension first" if stop["kind"] == "suspended" else "a discontinuation is final"
        raise TreatmentStopped(f"protocol treatment of this patient was {stop['kind']} on {stop['decided_on']}: "
                               f"no dose order can be drafted, prescribed or verified ({then})",
                               patient_id=patient_id, kind=stop["kind"])
