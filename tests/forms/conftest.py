"""A patient with a full record, made through the services as the ward would: signed eligibility,
height and weight, cycle 1 planned and its apheresis done, a prescribed and verified dose order."""
from __future__ import annotations

import datetime as dt

import pytest

APHERESIS = dt.date(2026, 12, 5)
PRINTED_AT = dt.datetime(2026, 12, 18, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9), "JST"))


@pytest.fixture
def treated(store, people, make_patient, contract_example):
    """NK-010 (HS): eligible (signed by Ivo Investigator), 170 cm and 65 kg, cycle 1 of the protocol's
    calendar stored, with G-CSF on 1–5 Dec 2026 and apheresis done on 5 Dec, filgrastim order
    prescribed (Ivo) and verified (Pia)."""
    from nkdesk.services import dosing as dose_service
    from nkdesk.services import eligibility, measurements, treatment
    from nkdesk.storage import records

    patient = make_patient(study_id="NK-010", initials="HS")
    saved = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    eligibility.sign_assessment(store, people.inv, saved.id, people.password, saved.version)
    measurements.record_body(store, people.nurse, patient.id, dt.date(2026, 11, 21), height="170 cm", weight="65 kg")
    (cycle,) = treatment.plan_calendar(store, people.nurse, patient.id, apheresis=APHERESIS, cycles=1).value
    for event in records.events(store, patient.id):
        if event.kind in ("gcsf", "apheresis"):
            treatment.record_event(store, people.nurse, event.id, "done", event.version, actual_on=event.planned_on)
    prescribed = dose_service.prescribe(store, people.inv, patient.id, height="170 cm", weight="65 kg",
                                        apheresis=APHERESIS, cycle_id=cycle.id, password=people.password,
                                        acknowledged=("splenomegaly", "thrombosis_history")).value
    dose_service.verify_order(store, people.pharm, prescribed.id, people.password, prescribed.version,
                              shown_hash=dose_service.order_hash(store, prescribed.id))
    return patient


@pytest.fixture
def site_settings(store):
    from nkdesk.services import settings

    return settings.load(store)
