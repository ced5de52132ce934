"""The patient summary: enrolment, eligibility and signer, cycles, dose orders, worst AE grades, status."""
from __future__ import annotations

import datetime as dt

import pytest

from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.services import printing
from tests.forms.conftest import PRINTED_AT
from tests.forms.pdf import flat, pages_text


def summary_text(store, patient, actor, settings) -> str:
    return " ".join(pages_text(printing.make_pdf("summary", store, patient, actor, settings, printed_at=PRINTED_AT)))


def test_the_summary_of_a_patient_on_treatment(store, people, treated, site_settings):
    """Protocol and status, the signed verdict and its signer, cycle 1's dates, the dose order."""
    text = summary_text(store, treated, people.nurse, site_settings)
    compact = flat(text)
    assert "Status: on treatment" in text and "jRCTb060200020" in text
    assert "ELIGIBLE" in text and "Ivo Investigator (investigator), eligibility confirmed" in text
    # cycle 1: apheresis planned and done on 5 Dec, infusion planned on culture day 17 = 22 Dec
    assert "1inprogress2026-12-052026-12-052026-12-22—planned" in compact
    # 400 µg/m² × 1.75198 m² = 700.79 µg/day; plan 675 µg/day, −3.68 % (cli-contract.md, `nkdesk dose`)
    assert "700.8µg/day675µg/day-3.68%" in compact and "verified" in text
    assert "PiaPharmacist(pharmacist),doseverified" in compact
    assert "No adverse events recorded" in text


@pytest.mark.parametrize("kind, reason, words", [
    ("discontinued", "consent_withdrawn", "consent withdrawn"),
    ("suspended", "adverse_event", "adverse event"),
])
def test_a_stop_is_the_status_with_its_reason_and_signer(kind, reason, words, store, people, treated, site_settings):
    """Discontinued or suspended: kind, date, reason and details, signed by the investigator."""
    from nkdesk.services import treatment

    treatment.decide_stop(store, people.inv2, treated.id, kind, reason, dt.date(2026, 12, 20), people.password,
                          details="患者の希望により中止")
    text = summary_text(store, treated, people.nurse, site_settings)
    assert f"Status: {kind} on 2026-12-20 — {words}" in text
    assert "患者の希望により中止" in text and f"Ines Investigator (investigator), treatment {kind}" in text


def test_worst_grade_per_term_counts_each_term_once_at_its_highest_grade(store, people, treated, site_settings):
    """Fever at grade 1 (worst 2) and grade 3: one line, 2 events, worst 3; serious ones counted."""
    from nkdesk.services import adverse_events
    from tests.bedside import at_ward_time

    at_ward_time(store)    # after these records' times
    onset = dt.datetime(2026, 12, 22, 10, 30)
    for user, entry in ((people.nurse, AdverseEventEntry("Fever", 1, onset, worst_grade=2, outcome="recovered")),
                        (people.inv, AdverseEventEntry("Fever", 3, onset + dt.timedelta(days=2), serious=True,
                                                       serious_criteria=("hospitalisation",), outcome="recovering")),
                        (people.nurse, AdverseEventEntry("Headache", None, onset))):
        adverse_events.record_adverse_event(store, user, treated.id, entry)
    compact = flat(summary_text(store, treated, people.nurse, site_settings))
    assert "Fever231seriousRecovering" in compact           # latest outcome is the later event's
    assert "Headache1notgradedno" in compact
