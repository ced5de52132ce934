"""Infusions: the cell product given at a cycle, its release tests, the start and the end.

The window prepares a cycle's infusion record (vital signs before the start need one), records
the product as released (`rules.cell_product.CellProduct`) and starts it — one call,
`start_infusion(..., product=…)`, one save — and ends it. The rules decide
what the product means: `dose_per_kg` (with the weight given, else the patient's latest recorded
weight) and `release_check`. A positive infectious-disease test of the culture material records a
stop-rule proposal (the protocol's stop reason 1) in the same save; starting such an infusion is
refused (`InfusionBlocked`), as is starting one while treatment is discontinued or suspended;
a product whose release tests block the start is still recorded as released (with the stop
proposal), and the start is refused. A change to the product after the start needs a reason (the
audit trail keeps every version).
"""
from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Actor, Changes, Infusion, PatientChart, RecordedQuantity, Saved
from nkdesk.rules import cell_product, dates, units
from nkdesk.rules.cell_product import CellProduct
from nkdesk.rules.errors import InputError
from nkdesk.rules.quantities import recorded
from nkdesk.services import treatment
from nkdesk.storage import adverse_events as stored_events
from nkdesk.storage import infusions as stored
from nkdesk.storage import measurements as stored_measurements
from nkdesk.storage import records
from nkdesk.storage import users as stored_users
from nkdesk.storage.errors import InfusionBlocked, RecordNotFound, RuleViolation, TreatmentStopped

if TYPE_CHECKING:
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction

TABLE = "infusions"
# The protocol's stop reason 1 as `rules.cell_product` names it, and as stop proposals and
# discontinuations store it (services.treatment.STOP_REASONS).
STOP_REASON = {cell_product.STOP_INFECTIOUS_POSITIVE: "infection_test_positive"}


def prepare_infusion(store: Store, actor: Actor, cycle_id: int) -> Saved:
    """The cycle's infusion record, created (empty, 'prepared') if it has none yet."""
    with store.write(actor, "infusion.record") as tx:
        cycle = tx.row("treatment_cycles", cycle_id)
        if cycle is None:
            raise RecordNotFound(f"treatment cycle #{cycle_id} does not exist")
        existing = stored.infusion_of_cycle(tx, cycle_id)
        if existing is not None:
            iid = existing.id
        else:
            event = records.infusion_event_of_cycle(tx, cycle_id)
            iid = tx.insert(TABLE, {"patient_id": cycle["patient_id"], "cycle_id": cycle_id,
                                    "event_id": event.id if event else None})
    return Saved(stored.infusion(store, iid), tx.changes)


def product_of(infusion: Infusion) -> CellProduct:
    """The rules' CellProduct of a stored infusion (for the cell-product panel and the rules)."""
    cells = infusion.total_viable_cells
    return CellProduct(infusion.bag_id, cells.text if cells else "", infusion.viability_pct, infusion.nk_fraction_pct,
                       infusion.sterility, infusion.infectious_disease)


def record_cell_product(store: Store, actor: Actor, infusion_id: int, product: CellProduct, expected_version: int, *,
                        weight: str | None = None, reason: str | None = None) -> Saved:
    """Store the product as released and the dose per kg computed from it; a positive
    infectious-disease test also records a stop proposal. After the start, a reason is needed."""
    values = _product_values(product)
    check = cell_product.release_check(product)
    with store.write(actor, "infusion.record", reason=reason) as tx:
        row = _infusion(tx, infusion_id)
        if row["status"] != "prepared" and not (reason or "").strip():
            raise InputError("reason", "the infusion has started: a change to its product needs a reason",
                             code="required")
        values.update(_dose(tx, row["patient_id"], product, weight))
        tx.update(TABLE, infusion_id, values, expected_version=expected_version)
        if check.stop_reason:
            stored_events.insert_stop_proposal(
                tx, row["patient_id"], STOP_REASON[check.stop_reason],
                f"infectious-disease test of the culture material positive (bag {product.bag_id or '?'})",
                TABLE, infusion_id)
    return Saved(stored.infusion(store, infusion_id), tx.changes)


def start_infusion(store: Store, actor: Actor, infusion_id: int, started_at: datetime, expected_version: int, *,
                   product: CellProduct | None = None, weight: str | None = None,
                   administered_by: str = "") -> Saved:
    """Start giving the product (naive local time), in one save: with `product`, the bag as released
    is recorded in the same save (dose per kg from `weight`, else the latest recorded weight).
    Refused if the release tests block it (the product given is still recorded, with the stop
    proposal), if treatment is discontinued or suspended, or if the bag or its count is missing.
    Marks the cycle's infusion event in progress."""
    current = stored.infusion(store, infusion_id)
    if current is None:
        raise RecordNotFound(f"infusion #{infusion_id} does not exist")
    given = product if product is not None else product_of(current)
    values = _product_values(product) if product is not None else {}   # input problems before any save
    check = cell_product.release_check(given)
    if check.blocks:
        refused = InfusionBlocked(_blocked_message(check.blocks), infusion_id=infusion_id, blocks=check.blocks)
        if product is not None or check.stop_reason:   # what did get saved, for the window to show
            refused.changes = _record_blocked(store, actor, infusion_id, product, values, weight, expected_version,
                                              check)
        raise refused
    if not (given.bag_id or "").strip() or not (given.total_viable_cells or "").strip():
        raise InputError("bag_id" if not (given.bag_id or "").strip() else "total_viable_cells",
                         "record the bag and its viable cell count before starting", code="required")
    with store.write(actor, "infusion.record") as tx:
        dates.not_after_now("started_at", started_at, tx.now)
        row = _infusion(tx, infusion_id)
        stop = records.treatment_stop(tx, row["patient_id"])
        if stop is not None:
            raise TreatmentStopped(f"protocol treatment was {stop['kind']} on {stop['decided_on']}: "
                                   "the infusion cannot start", patient_id=row["patient_id"], kind=stop["kind"],
                                   decided_on=stop["decided_on"])
        if row["status"] != "prepared":
            raise RuleViolation(f"infusion #{infusion_id} is {row['status'].replace('_', ' ')} already",
                                code="infusion_not_prepared", status=row["status"])
        if product is not None:
            values.update(_dose(tx, row["patient_id"], product, weight))
        given_by = administered_by.strip() or stored_users.full_name(tx, actor.id) or actor.full_name
        tx.update(TABLE, infusion_id, {**values, "status": "in_progress", "started_at": started_at,
                                       "administered_by": given_by}, expected_version=expected_version)
        _event(tx, row["event_id"], "in_progress", started_at)
    return Saved(stored.infusion(store, infusion_id), tx.changes)


def _record_blocked(store: Store, actor: Actor, infusion_id: int, product: CellProduct | None, values: dict[str, Any],
                    weight: str | None, expected_version: int, check: cell_product.ReleaseCheck) -> Changes:
    """A start the release tests block: the product as released (if given) and the stop proposal
    (for a positive infectious-disease test) are recorded, so the investigator has them."""
    with store.write(actor, "infusion.record") as tx:
        row = _infusion(tx, infusion_id)
        if product is not None:
            values.update(_dose(tx, row["patient_id"], product, weight))
            tx.update(TABLE, infusion_id, values, expected_version=expected_version)
        if check.stop_reason:
            bag = product.bag_id if product is not None else row["bag_id"]
            stored_events.insert_stop_proposal(
                tx, row["patient_id"], STOP_REASON[check.stop_reason],
                f"infectious-disease test of the culture material positive (bag {bag or '?'})", TABLE, infusion_id)
    return tx.changes


def end_infusion(store: Store, actor: Actor, infusion_id: int, ended_at: datetime, expected_version: int) -> Saved:
    """The product has been given: the infusion is completed and its treatment event done."""
    with store.write(actor, "infusion.record") as tx:
        dates.not_after_now("ended_at", ended_at, tx.now)
        row = _infusion(tx, infusion_id)
        if row["status"] != "in_progress":
            raise RuleViolation(f"infusion #{infusion_id} is {row['status'].replace('_', ' ')}, not in progress",
                                code="infusion_not_running", status=row["status"])
        if ended_at < datetime.fromisoformat(row["started_at"]):
            raise InputError("ended_at", f"before the start ({row['started_at']})", code="out_of_order",
                             before=row["started_at"])
        tx.update(TABLE, infusion_id, {"status": "completed", "ended_at": ended_at}, expected_version=expected_version)
        _event(tx, row["event_id"], "done", None)
        cycle = tx.existing("treatment_cycles", row["cycle_id"])
        if cycle["status"] == "in_progress":   # the infusion is the cycle's last step (protocol.md)
            tx.update("treatment_cycles", cycle["id"], {"status": "completed"}, expected_version=None)
    return Saved(stored.infusion(store, infusion_id), tx.changes)


def infusions(store: Store, patient_id: int) -> tuple[Infusion, ...]:
    return stored.infusions(store, patient_id)


def infusion(store: Store, infusion_id: int) -> Infusion | None:
    return stored.infusion(store, infusion_id)


def current_infusion(chart: PatientChart) -> Infusion | None:
    """The infusion the bedside screen shows: the patient's latest."""
    return chart.infusions[-1] if chart.infusions else None


# ------------------------------------------------------------------------------ internals
def _infusion(tx: Transaction, infusion_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = tx.row(TABLE, infusion_id)
    if row is None:
        raise RecordNotFound(f"infusion #{infusion_id} does not exist", table=TABLE, record_id=infusion_id)
    return row


def _product_values(product: CellProduct) -> dict[str, Any]:
    cells = None
    if (product.total_viable_cells or "").strip():
        count = cell_product.parse_cell_count(product.total_viable_cells)
        measured = units.parse(product.total_viable_cells, field="total_viable_cells")
        cells = RecordedQuantity(measured.text, measured.magnitude, measured.unit, count, stored.CELL_UNIT)
    return {"bag_id": (product.bag_id or "").strip(), **stored.quantity_values("cells", cells),
            "viability_pct": _pct(product.viability_pct, "viability_pct"),
            "nk_fraction_pct": _pct(product.nk_fraction_pct, "nk_fraction_pct"),
            "sterility": product.sterility, "infectious_disease": product.infectious_disease}


def _pct(value: float | None, field: str) -> float | None:
    return None if value is None else cell_product.percentage(value, field)


def _dose(tx: Transaction, patient_id: int, product: CellProduct, weight: str | None) -> dict[str, Any]:
    """The weight used (given, else the latest recorded) and the dose per kg from the rules."""
    measured = None
    if weight is not None and weight.strip():
        measured = units.parse(weight, field="weight", analyte="weight")
    else:
        latest = stored_measurements.latest_body(tx, patient_id, "weight")
        if latest is not None:
            measured = units.parse(latest.quantity.text, field="weight", analyte="weight")
    values = {**stored.quantity_values("weight", recorded(measured) if measured else None),
              "viable_cells_per_kg": None, "nk_cells_per_kg": None}
    if measured is not None and (product.total_viable_cells or "").strip():
        dose = cell_product.dose_per_kg(product, measured)
        values.update(viable_cells_per_kg=dose.viable_cells_per_kg, nk_cells_per_kg=dose.nk_cells_per_kg)
    return values


def _event(tx: Transaction, event_id: int | None, status: str, started_at: datetime | None) -> None:
    if event_id is None:
        return
    event = tx.existing("treatment_events", event_id)
    values: dict[str, Any] = {"status": status}
    if started_at is not None:
        values["actual_on"] = started_at.date()
    tx.update("treatment_events", event_id, values, expected_version=None)
    if status == "in_progress":
        treatment.mark_started(tx, event)


def _blocked_message(blocks: tuple[str, ...]) -> str:
    words = {"infectious_disease_positive": "the infectious-disease test of the culture material is positive "
                                            "(protocol stop reason: an investigator decides on discontinuation "
                                            "or suspension)",
             "sterility_positive": "the sterility test is positive (the bag is not released)"}
    return "the infusion cannot start: " + "; ".join(words.get(b, b) for b in blocks)
