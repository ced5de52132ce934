"""What the people who check a filgrastim order are shown, read from the database (never from a panel).

`for_verification` is the order as stored — dose, syringe plan, the height and weight it used with
the dates they were measured, who prescribed it and when (the workstation's local time with its
zone) — and the content hash the verifier hands back to `dosing.verify_order(shown_hash=…)`.
`recompute` is the independent double check (ISMP, high-alert medicines): the daily dose worked
out again by the dosing rules from the stored measurements as they were entered, under today's
settings, before the verifier sees the prescriber's figure; `check_figure` compares a figure the
verifier worked out themselves with the stored dose. `changed_inputs` says which inputs on screen
differ from those of the order on file (the panel then says the order is unchanged and offers to
re-prescribe instead of showing a new dose as if it were the order). `cell_dose` is the cell
product's dose per kg for the infusion panel, from the rules.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nkdesk.domain import BodyMeasurement, DoseOrderDetails, DoseOrderRecord, PatientChart
from nkdesk.rules import cell_product, dosing, units
from nkdesk.rules.cell_product import CellDose, CellProduct
from nkdesk.rules.errors import InputError
from nkdesk.services import dosing as dosing_service
from nkdesk.storage import audit, records, signatures
from nkdesk.storage import measurements as stored_measurements
from nkdesk.storage import patients as stored_patients
from nkdesk.storage import settings as stored_settings
from nkdesk.storage import users as stored_users
from nkdesk.storage.errors import RecordNotFound

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

TABLE = dosing_service.TABLE
# The verifier repeats the same calculation: a figure from a BSA rounded to 2 decimals differs from
# the exact dose by at most about 0.3 %, so 1 % separates rounding from a real discrepancy.
FIGURE_AGREEMENT_PCT = 1.0


@dataclass(frozen=True)
class OrderToVerify:
    """A stored order as the verify dialog shows it."""

    record: DoseOrderRecord
    content_hash: str                       # of the order as read here: what the verifier signs
    study_id: str
    prescribed_by: str | None
    prescribed_at: str | None               # the prescriber's signature time, local with its zone
    height: BodyMeasurement | None          # the stored measurement the order's height came from
    weight: BodyMeasurement | None


@dataclass(frozen=True)
class FigureCheck:
    """The verifier's own figure against the stored daily dose."""

    figure_ug: float
    prescribed_ug: float
    difference_pct: float
    agrees: bool
    agreement_pct: float = FIGURE_AGREEMENT_PCT


def local_time(iso: str | None) -> str | None:
    """An ISO time with an offset (as the trail stores it) as 'YYYY-MM-DD HH:MM ZONE', in the
    workstation's zone."""
    if not iso:
        return None
    moment = dt.datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or local.strftime('%z')}"


def for_verification(store: Store, order_id: int) -> OrderToVerify:
    """The order as stored now, for the verify dialog (RecordNotFound if there is none)."""
    with store.reading():
        record = records.dose_order(store, order_id)
        content_hash = signatures.record_hash(store, TABLE, order_id)
        if record is None or content_hash is None:
            raise RecordNotFound(f"dose order #{order_id} does not exist", table=TABLE, record_id=order_id)
        patient = stored_patients.get(store, record.patient_id)
        body = stored_measurements.body_measurements(store, record.patient_id)
        signed = [c.signature for c in signatures.checks_for(store, TABLE, [order_id])
                  if c.signature.meaning == "dose prescribed"]
        prescriber = stored_users.full_name(store, record.prescriber_id)
    return OrderToVerify(record, content_hash, patient.study_id if patient else f"#{record.patient_id}",
                         prescriber, local_time(signed[-1].signed_at_local) if signed else None,
                         _used(body, "height", record.order.height_cm), _used(body, "weight", record.order.weight_kg))


def _used(body: tuple[BodyMeasurement, ...], kind: str, value: float | None) -> BodyMeasurement | None:
    """The newest stored measurement of `kind` whose value is the one the order used."""
    if value is None:
        return None
    found = [m for m in body if m.kind == kind and math.isclose(m.quantity.canonical_value, value, rel_tol=1e-6)]
    return found[-1] if found else None


@dataclass(frozen=True)
class Recomputation:
    """The order worked out again by the rules, and how its dose compares with the stored one."""

    order: dosing.DoseOrder
    check: FigureCheck


def last_change(store: Store, order_id: int) -> tuple[str, str]:
    """(who, when: local time with its zone) of the order's newest change, for a refused verification."""
    who, at = audit.last_change(store.conn, TABLE, order_id)
    try:
        return who, local_time(at) or at
    except ValueError:   # the trail's "an unknown time"
        return who, at


def recompute(store: Store, order_id: int) -> Recomputation:
    """The daily dose worked out again from the order's stored inputs (the measurements as they
    were entered where they are stored, else the order's own figures), by the dosing rules, under
    today's settings, compared with the stored dose."""
    shown = for_verification(store, order_id)
    order = shown.record.order
    if order.height_cm is None or order.weight_kg is None:
        raise InputError("order", f"dose order #{order_id} was stored without its height and weight: "
                                  "it cannot be recomputed", code="not_stored")
    with store.reading():
        settings = stored_settings.load(store.conn)
        enrolment = stored_patients.enrolment(store, shown.record.patient_id)
    height = shown.height.quantity.text if shown.height else f"{order.height_cm} cm"
    weight = shown.weight.quantity.text if shown.weight else f"{order.weight_kg} kg"
    again = dosing_service.preview(settings, dosing_service.regimen_of(enrolment.protocol_id if enrolment else None),
                                   height=height, weight=weight, formula=order.formula, gcsf_days=order.gcsf_days,
                                   apheresis=order.apheresis, split_daily_dose=order.split_daily_dose)
    return Recomputation(again, _compare(again.daily_dose_ug, order.daily_dose_ug or 0.0))


def check_figure(store: Store, order_id: int, figure: str) -> FigureCheck:
    """The verifier's figure (µg/day, as typed) against the stored daily dose."""
    value = units.number(figure, "verifier_dose")
    if not math.isfinite(value) or value <= 0:
        raise InputError("verifier_dose", "enter the daily dose you worked out, in µg/day", code="out_of_range")
    record = records.dose_order(store, order_id)
    if record is None or record.order.daily_dose_ug is None:
        raise RecordNotFound(f"dose order #{order_id} does not exist", table=TABLE, record_id=order_id)
    return _compare(value, record.order.daily_dose_ug)


def _compare(figure: float, prescribed: float) -> FigureCheck:
    difference = (figure - prescribed) / prescribed * 100.0 if prescribed else float("inf")
    return FigureCheck(figure, prescribed, difference, abs(difference) <= FIGURE_AGREEMENT_PCT)


def changed_inputs(order: DoseOrderDetails, typed: dosing.DoseOrder | None) -> tuple[str, ...]:
    """The inputs on screen (`typed`, the preview) that differ from those of the stored order:
    height, weight, formula, gcsf_days, split_daily_dose, apheresis. Empty when `typed` is None."""
    if typed is None:
        return ()
    found: list[str] = []
    for name, stored, now in (("height", order.height_cm, typed.bsa.height_cm),
                              ("weight", order.weight_kg, typed.bsa.weight_kg)):
        if stored is None or not math.isclose(stored, now, rel_tol=1e-9):
            found.append(name)
    if order.formula is not None and order.formula != typed.bsa.formula:
        found.append("formula")
    if order.gcsf_days is not None and order.gcsf_days != typed.gcsf_days:
        found.append("gcsf_days")
    if order.split_daily_dose != typed.split_daily_dose:
        found.append("split_daily_dose")
    if typed.apheresis is not None and order.apheresis != typed.apheresis:
        found.append("apheresis")
    return tuple(found)


def cell_dose(product: CellProduct, weight: str | None) -> CellDose | None:
    """Cells per kg of the product for the weight as recorded (None without cells or weight);
    InputError when either cannot be read."""
    if not (product.total_viable_cells or "").strip() or weight is None or not weight.strip():
        return None
    return cell_product.dose_per_kg(product, weight)


def details_of(order: dosing.DoseOrder) -> DoseOrderDetails:
    """A computed order (a preview) typed as a stored one is, so the screen shows both alike."""
    return records.dose_order_details(order.to_json())


def preparation_block(chart: PatientChart, cycle_id: int | None) -> tuple[str, int | None] | None:
    """Why this cycle's infusion may not be prepared yet, as a code and the order's id (None: it may):
    the filgrastim order must be verified by a second person first (issue 16). Codes: "no_order",
    "not_verified". The window words the code in the user's language; `preparation_blocked` in English."""
    live = [o for o in chart.dose_orders if o.status in dosing_service.LIVE
            and (o.cycle_id is None or cycle_id is None or o.cycle_id == cycle_id)]
    if not live:
        return ("no_order", None)
    if live[-1].status != "verified":
        return ("not_verified", live[-1].id)
    return None


def preparation_blocked(chart: PatientChart, cycle_id: int | None) -> str | None:
    """`preparation_block` as an English sentence (None: the infusion may be prepared)."""
    block = preparation_block(chart, cycle_id)
    if block is None:
        return None
    if block[0] == "no_order":
        return "No filgrastim order is on file for this cycle: prescribe it and have it verified first."
    return (f"The filgrastim order #{block[1]} is not verified yet: a pharmacist or a second investigator "
            "verifies it before the infusion is prepared.")
