"""Small builders for the bedside-safety tests: a patient on treatment, an infusion, a vital-sign set.

Everything goes through the services, as the window does. Plain functions (not fixtures), so the
storage tests (roles, migrations) and the service tests share them.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from nkdesk.rules.cell_product import CellProduct
from nkdesk.rules.vitals import VitalSigns, from_entry
from nkdesk.services import eligibility, infusions, measurements, treatment, vitals
from nkdesk.storage import records

APHERESIS = date(2026, 12, 1)
INFUSION_DAY = APHERESIS + timedelta(days=17)          # culture day 17 (protocol.md)
START = datetime(2026, 12, 18, 10, 0)
# The store's clock in these tests: 30 days after the start, past every time they record (a
# recorded time later than now is refused: rules.dates.not_after_now).
WARD_NOW = START + timedelta(days=30)
PRODUCT = CellProduct("BAG-1", "2.5 10^9", viability_pct=92.0, nk_fraction_pct=85.0, sterility="negative",
                      infectious_disease="negative")
# A set inside every normal limit of rules/vitals.py's defaults (NEWS2 0 by RCP 2017 Chart 1).
NORMAL = {"systolic_mmhg": 120, "diastolic_mmhg": 70, "pulse_per_min": 72, "resp_rate_per_min": 16,
          "temperature": "36.8 degC", "spo2_pct": 98, "acvpu": "A"}


def treated_patient(store, people, make_patient, example, *, weight: str = "60 kg", **details):
    """An eligible patient (signed by `inv`), weighed, cycle 1 of the protocol's calendar planned
    (G-CSF days −4…0, apheresis on APHERESIS, culture to the infusion on day 17) with its apheresis
    done, so the enrolment is on treatment. Returns (patient, cycle)."""
    patient = make_patient(**details)
    at_ward_time(store)
    measurements.record_body(store, people.nurse, patient.id, APHERESIS - timedelta(days=10), weight=weight)
    draft = eligibility.save_assessment(store, people.nurse, patient.id, example).value
    eligibility.sign_assessment(store, people.inv, draft.id, people.password, draft.version)
    (cycle,) = treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS, cycles=1).value
    apheresis = next(e for e in records.events(store, patient.id) if e.kind == "apheresis")
    treatment.record_event(store, people.nurse, apheresis.id, "done", apheresis.version, actual_on=APHERESIS)
    return patient, cycle


def at_ward_time(store, moment: datetime = WARD_NOW) -> None:
    """The store's clock stands at `moment` (naive local time) from now on."""
    store._clock = lambda: moment.astimezone()


def infusion_with_product(store, people, cycle, product: CellProduct = PRODUCT):
    prepared = infusions.prepare_infusion(store, people.nurse, cycle.id).value
    return infusions.record_cell_product(store, people.nurse, prepared.id, product, prepared.version).value


def started_infusion(store, people, cycle, product: CellProduct = PRODUCT):
    ready = infusion_with_product(store, people, cycle, product)
    return infusions.start_infusion(store, people.nurse, ready.id, START, ready.version).value


def signs(minutes: int | None, at: datetime | None = None, **changes) -> VitalSigns:
    """A set at `minutes` after START (measured then, unless `at`), normal unless changed."""
    entry = {**NORMAL, **changes}
    if minutes is not None:
        entry["time_point_min"] = minutes
    return replace(from_entry(entry), measured_at=at or START + timedelta(minutes=minutes or 0))


def record(store, user, infusion_id: int, minutes: int, reason: str = "", **changes):
    return vitals.record_vital_signs(store, user, infusion_id, signs(minutes, **changes), reason=reason).value
