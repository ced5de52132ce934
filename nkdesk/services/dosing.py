"""Dose orders: an investigator prescribes (signed) in one call, a second person verifies what they
were shown (signed), or an order is cancelled.

`prescribe` takes what the investigator typed — height and weight as text with units (or the ids
of stored measurements), the BSA formula, the G-CSF days, the planned apheresis, the split option
— and computes everything else with the rules: BSA (`rules.bsa`), the daily dose, syringe plan,
deviation and whether a pharmacist must decide (`rules.dosing`, `rules.syringes`), under the
site's settings and the patient's protocol. Nothing a caller computed is stored. In the same save
it records a height or weight that differs from the latest stored one, cancels the order it
replaces (the version the prescriber saw, and a reason), signs the new order and removes the dose
inputs' draft: all of it, or nothing. `preview` is the same computation for the screen while the user types.

The order's cautions (`rules.dosing.label_cautions`: the label's, and a split dose as a protocol
deviation) are computed here too; the prescriber hands over the codes of the cautions they ticked
(`acknowledged`) and the prescription is refused (`CautionsNotAcknowledged`) unless every caution
computed is among them. The order record stores which cautions were shown and which were
acknowledged, by whom and when (`cautions_acknowledged` in the signed order JSON, so the audit row
and both signatures cover it; the database refuses a prescribed order without it, m080).

`verify_order` takes the content hash (`storage.signatures.content_hash`) of the order the
verifier was shown and refuses when the stored order differs, naming who changed it and when.
Rules enforced here and in storage: only an investigator prescribes; a pharmacist or another
investigator verifies, never the prescriber (also a CHECK in the table); a plan outside the dose
tolerance is verified only by a pharmacist, with a decision note. While protocol treatment is
discontinued or suspended, no order is prescribed or verified (`TreatmentStopped`; the database
refuses it too, by trigger).

`status` decides what the dosing screen shows: the live order (typed), its content hash, who
signed it, and the checks on it — a new weight more than the site's limit away, a WBC during the
course over the label's limits — as codes with their numbers.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nkdesk.domain import (
    Actor,
    BodyMeasurement,
    DoseCheck,
    DoseOrderDetails,
    DoseOrderRecord,
    DosingStatus,
    LabSet,
    Role,
    Saved,
)
from nkdesk.domain.settings import SiteSettings
from nkdesk.rules import bsa as bsa_rules
from nkdesk.rules import dates, dosing, units
from nkdesk.rules import protocol as protocol_rules
from nkdesk.rules.errors import InputError
from nkdesk.rules.quantities import recorded
from nkdesk.storage import drafts as stored_drafts
from nkdesk.storage import measurements as stored_measurements
from nkdesk.storage import patients as stored_patients
from nkdesk.storage import records, signatures
from nkdesk.storage import settings as stored_settings
from nkdesk.storage import users as stored_users
from nkdesk.storage.errors import PermissionDenied, RecordNotFound, RuleViolation, TreatmentStopped

if TYPE_CHECKING:
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction

TABLE = "dose_orders"
LIVE = ("prescribed", "verified")
BODY = ("height", "weight")


class CautionsNotAcknowledged(InputError):
    """The prescriber did not acknowledge every caution the order carries; `missing` names them."""

    def __init__(self, missing: Sequence[str]):
        self.missing = tuple(missing)
        super().__init__("acknowledged", "tick every caution once it has been asked about: "
                         + ", ".join(self.missing) + " not acknowledged", code="cautions_not_acknowledged")


@dataclass(frozen=True)
class Replacement:
    """The order a new prescription replaces: its id, the version the prescriber saw, and why."""

    order_id: int
    version: int
    reason: str


# ------------------------------------------------------------------------------ computing
def regimen_of(protocol_id: str | None = None) -> dosing.GcsfRegimen:
    """The G-CSF course of a protocol (default: jRCTb060200020)."""
    return dosing.GcsfRegimen.from_protocol(protocol_rules.load(protocol_id or protocol_rules.DEFAULT_PROTOCOL))


def preview(settings: SiteSettings, regimen: dosing.GcsfRegimen, *, height: str, weight: str,
            formula: str | None = None, gcsf_days: int | None = None, apheresis: dt.date | str | None = None,
            split_daily_dose: bool = False) -> dosing.DoseOrder:
    """The order the typed inputs give, computed exactly as `prescribe` computes what it stores
    (InputError naming the field when they give none; code "missing" for an empty height/weight)."""
    return _compute(settings, regimen, height, weight, formula, gcsf_days, apheresis, split_daily_dose)


def _compute(settings: SiteSettings, regimen: dosing.GcsfRegimen, height: str, weight: str, formula: str | None,
             gcsf_days: int | None, apheresis: dt.date | str | None, split_daily_dose: bool,
             prescribed_by: dosing.UserRef | None = None) -> dosing.DoseOrder:
    for kind, text in (("height", height), ("weight", weight)):
        if not (text or "").strip():
            raise InputError(kind, f"enter the {kind}", code="missing")
    area = bsa_rules.bsa(height, weight, formula or settings.default_bsa_formula)
    return dosing.make_order(area, gcsf_days=gcsf_days, apheresis=_date(apheresis),
                             split_daily_dose=bool(split_daily_dose), settings=settings, regimen=regimen,
                             prescribed_by=prescribed_by)


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if not value.strip():
        return None
    return dates.parse_date(value, "apheresis", typed=True)   # typed in the window: 2026/3/7, 2026年3月7日 too


# ------------------------------------------------------------------------------ prescribing
def prescribe(store: Store, actor: Actor, patient_id: int, *, height: str | int, weight: str | int, password: str,
              formula: str | None = None, gcsf_days: int | None = None, apheresis: dt.date | str | None = None,
              split_daily_dose: bool = False, replaces: Replacement | None = None, cycle_id: int | None = None,
              measured_on: dt.date | None = None, acknowledged: Sequence[str] = ()) -> Saved:
    """Prescribe the filgrastim order the inputs give, signed ("dose prescribed"), in one save.

    `height`/`weight`: the text as typed ("170 cm") or the id of a stored body measurement. A
    typed value that differs from the latest stored one is recorded (on `measured_on`, default
    today). `replaces` cancels the patient's live order (refused if it moved on since the version
    given); a live order not replaced refuses the prescription. `acknowledged`: the codes of the
    cautions the prescriber ticked; every caution of the order must be among them
    (`CautionsNotAcknowledged` otherwise). Returns `Saved(DoseOrderRecord)`.
    """
    if isinstance(acknowledged, str) or not all(isinstance(code, str) for code in acknowledged):
        raise InputError("acknowledged", "expected the ticked cautions' codes", code="invalid")
    if replaces is not None and not (replaces.reason or "").strip():
        raise InputError("reason", "replacing an order needs a reason (it is cancelled)", code="required")
    reason = replaces.reason.strip() if replaces is not None else None
    with store.write(actor, "dose.prescribe", reason=reason) as tx:
        if tx.row("patients", patient_id) is None:
            raise RecordNotFound(f"patient #{patient_id} does not exist", table="patients", record_id=patient_id)
        refuse_if_stopped(tx, patient_id)
        enrolment = stored_patients.enrolment(tx, patient_id)
        settings = stored_settings.load(tx.conn)
        texts = {kind: _body_text(tx, patient_id, kind, value) for kind, value in (("height", height),
                                                                                   ("weight", weight))}
        order = _compute(settings, regimen_of(enrolment.protocol_id if enrolment else None), texts["height"][0],
                         texts["weight"][0], formula, gcsf_days, apheresis, split_daily_dose,
                         dosing.UserRef(str(actor.id), actor.full_name))
        payload = order.to_json()
        payload["cautions_acknowledged"] = _acknowledgement(order, acknowledged, actor, tx.at_utc)
        for kind, (text, is_new) in texts.items():
            if is_new:
                quantity = recorded(units.parse(text, field=kind, analyte=kind))
                stored_measurements.insert_body_measurement(tx, patient_id, measured_on or dt.date.today(), kind,
                                                            quantity)
        _replace(tx, patient_id, replaces)
        if cycle_id is not None and cycle_id not in {c.id for c in records.cycles(tx, patient_id)}:
            raise RecordNotFound(f"treatment cycle #{cycle_id} of patient #{patient_id} does not exist",
                                 table="treatment_cycles", record_id=cycle_id)
        oid = records.insert_dose_order(tx, patient_id, cycle_id, payload, "prescribed", _user_id(actor))
        tx.sign(TABLE, oid, "dose prescribed", password)
        stored_drafts.clear_in(tx, patient_id, "dose_inputs")   # what was typed is now the order
    return Saved(_order_record(store, oid), tx.changes)


def _acknowledgement(order: dosing.DoseOrder, acknowledged: Sequence[str], actor: Actor,
                     at_utc: str) -> dict[str, Any]:
    """What the order stores of its cautions: the codes shown, those acknowledged, by whom, when.
    Refused unless every caution the rules give the order was acknowledged."""
    shown = [c.code for c in order.cautions]
    ticked = {code.strip() for code in acknowledged}
    missing = [code for code in shown if code not in ticked]
    if missing:
        raise CautionsNotAcknowledged(missing)
    unknown = sorted(ticked - set(shown))
    if unknown:
        raise InputError("acknowledged", f"{', '.join(unknown)}: not a caution of this order", code="unknown")
    return {"shown": shown, "acknowledged": [code for code in shown if code in ticked],
            "by": {"id": str(actor.id), "name": actor.full_name, "username": actor.username}, "at_utc": at_utc}


def _body_text(tx: Transaction, patient_id: int, kind: str, value: str | int) -> tuple[str, bool]:
    """(the text to compute with, whether it is new and must be recorded)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(kind, f"expected the {kind} as typed or a stored measurement's id", code="invalid")
    if isinstance(value, int):
        found = [m for m in stored_measurements.body_measurements(tx, patient_id) if m.id == value]
        if not found or found[0].kind != kind:
            raise InputError(kind, f"no stored {kind} #{value} for this patient", code="unknown_measurement")
        return found[0].quantity.text, False
    text = value.strip()
    latest = stored_measurements.latest_body(tx, patient_id, kind)
    return text, bool(text) and (latest is None or latest.quantity.text != text)


def _replace(tx: Transaction, patient_id: int, replaces: Replacement | None) -> None:
    """Cancel the replaced order (at the version seen); refuse when another live order would remain."""
    live = [o for o in records.dose_orders(tx, patient_id) if o.status in LIVE]
    if replaces is not None:
        replaced = records.dose_order(tx, replaces.order_id)
        if replaced is None or replaced.patient_id != patient_id:
            raise RecordNotFound(f"dose order #{replaces.order_id} of patient #{patient_id} does not exist",
                                 table=TABLE, record_id=replaces.order_id)
        if replaced.status not in LIVE:
            by, at = tx.last_change(TABLE, replaced.id)
            raise RuleViolation(f"dose order #{replaced.id} is {replaced.status} (last changed by {by} at {at}): "
                                "there is nothing to replace", code="order_not_current", status=replaced.status,
                                changed_by=by, changed_at=at)
        tx.update(TABLE, replaced.id, {"status": "cancelled", "cancel_reason": replaces.reason.strip()},
                  expected_version=replaces.version)
        live = [o for o in live if o.id != replaced.id]
    if live:
        other = live[-1]
        by, at = tx.last_change(TABLE, other.id)
        raise RuleViolation(f"this patient has a {other.status} dose order #{other.id} (by {by} at {at}): "
                            "replace it, with a reason, to prescribe a new one", code="order_open",
                            status=other.status, changed_by=by, changed_at=at)


# ------------------------------------------------------------------------------ verifying, cancelling
def verify_order(store: Store, actor: Actor, order_id: int, password: str, expected_version: int,
                 decision_note: str = "", *, shown_hash: str) -> Saved:
    """Second check by a pharmacist or another investigator ("dose verified") of the order as it
    was shown (`shown_hash`: its content hash); refused when the stored order differs."""
    with store.write(actor, "dose.verify") as tx:
        row = tx.row(TABLE, order_id)
        if row is None:
            raise RecordNotFound(f"dose order #{order_id} does not exist", table=TABLE, record_id=order_id)
        refuse_if_stopped(tx, row["patient_id"])
        signatures.require_unchanged(tx, TABLE, order_id, shown_hash)
        record = records.dose_order_from_row(row)
        if record.status != "prescribed":
            by, at = tx.last_change(TABLE, order_id)
            raise RuleViolation(f"dose order #{order_id} is {record.status} (last changed by {by} at {at}), "
                                "not awaiting verification", code="order_not_awaiting_verification",
                                status=record.status, changed_by=by, changed_at=at)
        prescribed = [c for c in signatures.checks_for(tx, TABLE, [order_id])
                      if c.signature.meaning == "dose prescribed"]
        if not prescribed or not prescribed[-1].valid:
            raise RuleViolation(f"dose order #{order_id} no longer matches its prescriber's signature: "
                                "it cannot be verified", code="order_signature_broken")
        if record.prescriber_id == actor.id:
            raise PermissionDenied("a dose order cannot be verified by its prescriber: a second person checks it",
                                   action="dose.verify", code="own_order")
        if record.order.needs_pharmacist_decision:
            if tx.role is not Role.PHARMACIST:
                raise PermissionDenied("this syringe plan is outside the dose tolerance: a pharmacist decides on it",
                                       action="dose.verify", code="pharmacist_decides")
            if not decision_note.strip():
                raise InputError("decision_note", "a plan outside the tolerance needs the pharmacist's decision "
                                                  "written down", code="required")
        tx.update(TABLE, order_id, {"status": "verified", "verifier_id": _user_id(actor),
                                    "decision_note": decision_note.strip()}, expected_version=expected_version)
        tx.sign(TABLE, order_id, "dose verified", password)
    return Saved(_order_record(store, order_id), tx.changes)


def cancel_order(store: Store, actor: Actor, order_id: int, reason: str, expected_version: int) -> Saved:
    if not (reason or "").strip():
        raise InputError("reason", "cancelling a dose order needs a reason", code="required")
    with store.write(actor, "dose.cancel", reason=reason) as tx:
        row = tx.row(TABLE, order_id)
        if row is None:
            raise RecordNotFound(f"dose order #{order_id} does not exist", table=TABLE, record_id=order_id)
        if row["status"] == "cancelled":
            raise RuleViolation(f"dose order #{order_id} is cancelled already", code="order_cancelled")
        tx.update(TABLE, order_id, {"status": "cancelled", "cancel_reason": reason.strip()},
                  expected_version=expected_version)
    return Saved(_order_record(store, order_id), tx.changes)


def refuse_if_stopped(tx: Transaction, patient_id: int) -> None:
    """TreatmentStopped if the patient's protocol treatment is discontinued or suspended."""
    stop = records.treatment_stop(tx, patient_id)
    if stop is not None:
        then = "lift the suspension first" if stop["kind"] == "suspended" else "a discontinuation is final"
        raise TreatmentStopped(f"protocol treatment of this patient was {stop['kind']} on {stop['decided_on']}: "
                               f"no dose order can be prescribed or verified ({then})",
                               patient_id=patient_id, kind=stop["kind"], decided_on=stop["decided_on"])


# ------------------------------------------------------------------------------ what the screen shows
def order_hash(store: Store, order_id: int) -> str | None:
    """The content hash of the order as stored now: what a verifier is shown and hands back."""
    return signatures.record_hash(store, TABLE, order_id)


def status(store: Store, patient_id: int) -> DosingStatus:
    """The live order (prescribed or verified) and what the screen must say about it."""
    with store.reading():
        orders = records.dose_orders(store, patient_id)
        body = stored_measurements.body_measurements(store, patient_id)
        lab_sets = stored_measurements.lab_sets(store, patient_id)
        cycles = records.cycles(store, patient_id)
        settings = stored_settings.load(store.conn)
        enrolment = stored_patients.enrolment(store, patient_id)
        live = [o for o in orders if o.status in LIVE]
        record = live[-1] if live else None
        height, weight = (_latest(body, kind) for kind in BODY)
        checks: tuple[DoseCheck, ...] = ()
        content_hash = prescribed_by = verified_by = None
        apheresis = next((c.planned_apheresis_on for c in cycles if c.number == 1), None)
        if record is not None:
            content_hash = signatures.record_hash(store, TABLE, record.id)
            prescribed_by = stored_users.full_name(store, record.prescriber_id)
            verified_by = stored_users.full_name(store, record.verifier_id)
            checks = _checks(record.order, weight, lab_sets, settings,
                             regimen_of(enrolment.protocol_id if enrolment else None))
            apheresis = record.order.apheresis or apheresis
    return DosingStatus(patient_id, record, content_hash, prescribed_by, verified_by, checks, height, weight,
                        apheresis)


def _checks(order: DoseOrderDetails, weight: BodyMeasurement | None, lab_sets: tuple[LabSet, ...],
            settings: SiteSettings, regimen: dosing.GcsfRegimen) -> tuple[DoseCheck, ...]:
    """The label's and the site's checks on an order, by the dosing rules."""
    found: list[DoseCheck] = []
    try:
        if weight is not None and order.height_cm and order.weight_kg:
            area = bsa_rules.bsa(f"{order.height_cm} cm", f"{order.weight_kg} kg", order.formula or "mosteller")
            as_ordered = dosing.make_order(area, gcsf_days=order.gcsf_days, settings=settings, regimen=regimen)
            check = dosing.check_weight(as_ordered, weight.quantity.text, settings)
            if check.needs_recalculation:
                found.append(DoseCheck("weight_changed", check.to_json()))
        wbc = _wbc_during_course(order, lab_sets)
        if wbc is not None:
            wbc_check = dosing.check_wbc(wbc, settings)
            if wbc_check.instruction != "continue":
                found.append(DoseCheck(f"wbc_{wbc_check.instruction}", wbc_check.to_json()))
    except InputError as exc:
        found.append(DoseCheck("not_checked", {"field": exc.field, "message": exc.message}))
    return tuple(found)


def _wbc_during_course(order: DoseOrderDetails, lab_sets: tuple[LabSet, ...]) -> str | None:
    """The latest WBC (as entered) sampled during the order's G-CSF course, if any."""
    if not order.course:
        return None
    found = [r for s in lab_sets if order.course[0] <= s.sampled_on <= order.course[-1]
             for r in s.results if r.analyte == "wbc"]
    return found[-1].quantity.text if found else None


def _latest(body: tuple[BodyMeasurement, ...], kind: str) -> BodyMeasurement | None:
    found = [m for m in body if m.kind == kind]
    return found[-1] if found else None


def _order_record(store: Store, order_id: int) -> DoseOrderRecord:
    found = records.dose_order(store, order_id)
    if found is None:   # just written in this save's commit
        raise RecordNotFound(f"dose order #{order_id} does not exist", table=TABLE, record_id=order_id)
    return found


def _user_id(actor: Actor) -> int:
    if actor.id is None:
        raise PermissionDenied(f"{actor.username} may not write dose orders", action="dose")
    return actor.id
