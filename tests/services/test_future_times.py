"""A time a person records has happened: one later than now (beyond 5 minutes of clock tolerance,
rules.dates.CLOCK_TOLERANCE) is refused with code "future" on its field, and nothing is written.

Ward walk: at 23:02 the nurse typed 23:50 for the 2 h set; it was stored and plotted.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.rules.errors import InputError
from nkdesk.services import adverse_events, infusions, measurements, vitals
from tests.bedside import START, at_ward_time, infusion_with_product, signs, started_infusion, treated_patient


@pytest.fixture
def treated(store, people, make_patient, contract_example):
    return treated_patient(store, people, make_patient, contract_example)


def _rows(store, table: str) -> int:
    return store.scalar(f"SELECT count(*) FROM {table}")


def test_a_vital_sign_set_measured_later_than_now_is_refused(store, people, treated):
    """62 min after the start the nurse types the 2 h set's time (120 min): refused on measured_at;
    the 1 h set measured 3 min ahead of the PC's clock (inside the tolerance) is stored."""
    infusion = started_infusion(store, people, treated[1])
    at_ward_time(store, START + timedelta(minutes=62))
    audit = _rows(store, "audit_log")
    with pytest.raises(InputError) as caught:
        vitals.record_vital_signs(store, people.nurse, infusion.id, signs(120))
    assert (caught.value.field, caught.value.code) == ("measured_at", "future")
    assert vitals.vital_sets(store, infusion.id) == ()
    assert _rows(store, "audit_log") == audit
    saved = vitals.record_vital_signs(store, people.nurse, infusion.id,
                                      signs(60, at=START + timedelta(minutes=65))).value
    assert saved.measured_at == START + timedelta(minutes=65)


def test_a_correction_cannot_move_a_set_into_the_future(store, people, treated):
    infusion = started_infusion(store, people, treated[1])
    at_ward_time(store, START + timedelta(minutes=62))
    saved = vitals.record_vital_signs(store, people.nurse, infusion.id, signs(60)).value
    with pytest.raises(InputError) as caught:
        vitals.correct_vital_signs(store, people.nurse, saved.id, signs(60, at=START + timedelta(minutes=90)),
                                   saved.version, correction_reason="time typed wrong")
    assert (caught.value.field, caught.value.code) == ("measured_at", "future")


def test_an_infusion_cannot_start_or_end_later_than_now(store, people, treated):
    ready = infusion_with_product(store, people, treated[1])
    at_ward_time(store, START - timedelta(minutes=30))
    with pytest.raises(InputError) as caught:
        infusions.start_infusion(store, people.nurse, ready.id, START, ready.version)
    assert (caught.value.field, caught.value.code) == ("started_at", "future")
    assert infusions.infusion(store, ready.id).started_at is None
    at_ward_time(store, START + timedelta(minutes=10))
    started = infusions.start_infusion(store, people.nurse, ready.id, START, ready.version).value
    with pytest.raises(InputError) as caught:
        infusions.end_infusion(store, people.nurse, started.id, START + timedelta(hours=1), started.version)
    assert (caught.value.field, caught.value.code) == ("ended_at", "future")


def test_an_adverse_event_onset_or_resolution_later_than_now_is_refused(store, people, treated):
    patient = treated[0]
    at_ward_time(store, datetime(2026, 12, 20, 9, 0))
    for changes, field in (({"onset": datetime(2026, 12, 20, 13, 0)}, "onset"),
                           ({"onset": datetime(2026, 12, 20, 8, 0), "resolution": datetime(2026, 12, 21, 8, 0),
                             "outcome": "recovered"}, "resolution")):
        with pytest.raises(InputError) as caught:
            adverse_events.record_adverse_event(
                store, people.nurse, patient.id,
                replace(AdverseEventEntry(term="Nausea", grade=1, onset=datetime(2026, 12, 20, 8, 0)), **changes))
        assert (caught.value.field, caught.value.code) == (field, "future")
    assert _rows(store, "adverse_events") == 0


def test_a_lab_sample_dated_after_today_is_refused(store, people, treated):
    patient = treated[0]
    at_ward_time(store, datetime(2026, 12, 20, 23, 0))
    with pytest.raises(InputError) as caught:
        measurements.record_labs(store, people.nurse, patient.id, date(2026, 12, 21), {"platelets": "15 10^4/uL"})
    assert (caught.value.field, caught.value.code) == ("sampled_on", "future")
    saved = measurements.record_labs(store, people.nurse, patient.id, date(2026, 12, 20), {"platelets": "15 10^4/uL"})
    assert saved.value.sampled_on == date(2026, 12, 20)
