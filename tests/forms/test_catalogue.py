"""The catalogue's forms built from a stored patient: the header on every page, the stored values
(never recalculated), and an honest "nothing recorded" where storage holds nothing yet."""
from __future__ import annotations

import datetime as dt

import pytest

from nkdesk.forms import catalogue
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.services import printing
from tests.forms.conftest import PRINTED_AT
from tests.forms.pdf import assert_numbered, flat, page_sizes, pages_text

# ../shared/cli-contract.md, "Data commands": NAME ∈ eligibility, dose-order, calendar, vitals, ae-log, summary
CONTRACT_NAMES = ("eligibility", "dose-order", "calendar", "vitals", "ae-log", "summary")


def make(name, store, patient, actor, settings) -> list[str]:
    return pages_text(printing.make_pdf(name, store, patient, actor, settings, printed_at=PRINTED_AT,
                                         app_version="9.9.9"))


def test_the_catalogue_offers_exactly_the_contracts_forms():
    """The names `nkdesk form` and the window's Print menu offer are the contract's six, in its order."""
    assert catalogue.names() == CONTRACT_NAMES


def test_an_unknown_name_is_an_input_error_naming_the_forms():
    """A name not in the catalogue is refused with the list of known forms."""
    from nkdesk.rules.errors import InputError

    with pytest.raises(InputError) as caught:
        catalogue.spec("ae_log")
    assert caught.value.field == "form" and "ae-log" in str(caught.value)


@pytest.mark.parametrize("name", CONTRACT_NAMES)
def test_every_page_of_every_form_carries_the_header_and_page_n_of_m(name, store, people, treated, site_settings):
    """Protocol, study ID and initials, title and version, app version, printed at (with zone) and by."""
    texts = make(name, store, treated, people.nurse, site_settings)
    spec = catalogue.spec(name)
    assert_numbered(texts, "jRCTb060200020", "Subject NK-010", "Initials HS", spec.title,
                    f"form version {spec.version}", "NKDesk 9.9.9",
                    "Printed 2026-12-18 09:00 JST (UTC+09:00) by Nora Nurse (research nurse)")


def test_the_dose_order_form_prints_the_stored_order_and_who_signed_it(store, people, treated, site_settings):
    """170 cm, 65 kg: Mosteller √(170·65/3600) = 1.75198 m², 400 µg/m² → 700.79 µg/day, delivered 2 × 300 +
    1 × 75 = 675 µg (../shared/cli-contract.md); active, prescribed by Ivo, verified by Pia."""
    text = " ".join(make("dose-order", store, treated, people.nurse, site_settings))
    assert "170 cm" in text and "65 kg" in text and "1.75 m²" in text and "400 µg/m²" in text
    assert "700.8 µg/day" in text and "675 µg/day" in text and "-3.68 %" in text
    assert "ACTIVE (verified)" in text
    assert "Ivo Investigator (investigator), signed" in text and "Pia Pharmacist (pharmacist), signed" in text
    assert "Tue 2026-12-01" in text and "Sat 2026-12-05" in text   # 5 days ending on the apheresis day
    # issue 14: the label's cautions as the prescriber acknowledged them, by whom
    assert "At prescribing" in text and text.count("acknowledged") >= 2 and "NOT acknowledged" not in text
    assert "Cautions acknowledged at prescribing by Ivo Investigator" in text


def test_a_cancelled_order_is_printed_as_cancelled(store, people, treated, site_settings):
    """A cancelled order is marked not to be given, with the reason."""
    from nkdesk.services import dosing as dose_service
    from nkdesk.storage import records

    order = records.dose_orders(store, treated.id)[0]
    dose_service.cancel_order(store, people.pharm, order.id, "weight re-measured: 59 kg", order.version)
    text = " ".join(make("dose-order", store, treated, people.nurse, site_settings))
    assert "CANCELLED — not to be given" in text and "weight re-measured: 59 kg" in text


def test_a_new_order_is_printed_rather_than_the_cancelled_one_it_replaces(store, people, treated, site_settings,
                                                                          prescribe):
    """Cancelled #1 then a new prescription #2 (for 59 kg): #2 is printed, awaiting verification, with
    the content hash its signature binds; #1 is only named."""
    from nkdesk.services import dosing as dose_service
    from nkdesk.storage import records, signatures

    first = records.dose_orders(store, treated.id)[0]
    dose_service.cancel_order(store, people.pharm, first.id, "weight re-measured", first.version)
    second = prescribe(treated.id, weight="59 kg")
    text = " ".join(make("dose-order", store, treated, people.nurse, site_settings))
    (signed,) = signatures.checks_for(store, "dose_orders", [second.id])
    assert f"Order #{second.id}, stored status: prescribed (content SHA-256 {signed.signature.content_hash[:16]}" \
        in text
    assert "PRESCRIBED — NOT ACTIVE until verified" in text
    assert "59 kg" in text and f"#{first.id} (cancelled)" in text and "CANCELLED" not in text


def test_a_draft_from_an_older_version_is_printed_as_a_draft(store, people, treated, site_settings):
    """A draft order (written by versions before prescribing became one signed save) is printed as a
    draft, never as an order."""
    from nkdesk.storage import records

    first = records.dose_orders(store, treated.id)[0]
    with store.write(people.inv, "dose.prescribe") as tx:   # as the older version's draft_order wrote it
        draft = records.insert_dose_order(tx, treated.id, None, dict(first.order_json, weight_kg=59.0), "draft",
                                          people.inv.id)
    with store.write(people.pharm, "dose.cancel", reason="superseded") as tx:
        tx.update("dose_orders", first.id, {"status": "cancelled", "cancel_reason": "superseded"},
                  expected_version=first.version)
    text = " ".join(make("dose-order", store, treated, people.nurse, site_settings))
    assert f"Order #{draft}, stored status: draft" in text and "DRAFT — not prescribed" in text


def test_without_an_order_the_form_is_a_calculation_marked_not_an_order(store, people, make_patient, site_settings):
    """No stored order: the dose from the stored height and weight, clearly not an order, no signature lines."""
    from nkdesk.services import measurements

    patient = make_patient(study_id="NK-011")
    measurements.record_body(store, people.nurse, patient.id, dt.date(2026, 11, 21), height="67 in", weight="150 lb")
    text = " ".join(make("dose-order", store, patient, people.nurse, site_settings))
    assert "NO ORDER — calculation only" in text and "NOTanorder" in flat(text)
    assert "67 in" in text and "150 lb" in text
    assert "Prescriber's signature" not in text and "Given by" not in text


def test_the_eligibility_form_prints_the_signed_assessment_and_its_signature(store, people, treated, site_settings,
                                                                           contract_example):
    """The signed result, its signer and meaning; a newer draft is mentioned, not printed instead."""
    from nkdesk.services import eligibility

    draft = dict(contract_example, labs=dict(contract_example["labs"], platelets="8.1 10^4/uL"))
    eligibility.save_assessment(store, people.nurse, treated.id, draft)
    text = " ".join(make("eligibility", store, treated, people.nurse, site_settings))
    assert "Verdict: ELIGIBLE" in text and "15.2 ×10⁴/µL" in text and "8.1" not in text
    assert "Ivo Investigator" in text and "eligibility confirmed" in text and "valid" in text
    assert "A newer unsigned assessment exists" in text


def test_an_unsigned_assessment_is_printed_as_a_draft(store, people, make_patient, site_settings, contract_example):
    """Only a draft stored: it is printed, headed DRAFT, with no signature."""
    from nkdesk.services import eligibility

    patient = make_patient(study_id="NK-012")
    eligibility.save_assessment(store, people.nurse, patient.id, contract_example)
    text = " ".join(make("eligibility", store, patient, people.nurse, site_settings))
    assert "DRAFT — not signed" in text and "Not signed electronically" in text


def test_the_calendar_shows_stored_dates_and_the_protocols_plan_for_later_cycles(store, people, treated,
                                                                                site_settings):
    """Cycle 1's recorded events with status; cycles 2 and 3 where the protocol puts them: apheresis
    3 calendar months after the previous one, infusion on culture day 17 (cli-contract.md, schedule)."""
    text = " ".join(make("calendar", store, treated, people.nurse, site_settings))
    flat_text = flat(text)
    assert "Sat2026-12-05Sat2026-12-05done" in flat_text           # cycle 1 apheresis, planned and actual
    assert "Tue2026-12-22planned" in flat_text                     # cycle 1 infusion, stored, not yet given
    assert "Fri2027-03-05" in flat_text and "Mon2027-03-22" in flat_text   # cycle 2: 5 Mar, infusion 22 Mar
    assert "Sat2027-06-05" in flat_text and "Tue2027-06-22" in flat_text   # cycle 3: 5 Jun, infusion 22 Jun
    assert "protocolplan" in flat_text


def test_vitals_and_adverse_events_say_when_nothing_is_recorded(store, people, treated, site_settings):
    """Nothing recorded yet: the forms say so (and give the protocol's grid for writing by hand)."""
    vitals = " ".join(make("vitals", store, treated, people.nurse, site_settings))
    assert "Cycle 1 infusion, 2026-12-22 (planned)" in vitals and "No vital signs recorded" in vitals
    assert "15 min after start" in vitals and "4 h after start" in vitals   # the protocol's time points, blank
    assert "No adverse events recorded" in " ".join(make("ae-log", store, treated, people.nurse, site_settings))


def test_stored_vitals_and_adverse_events_are_what_the_forms_print(store, people, treated, site_settings):
    """A set with alerts acknowledged, and AEs (one free term in Japanese): what storage holds is
    what the vitals record, AE log and summary print."""
    from nkdesk.rules import units
    from nkdesk.rules import vitals as vitals_rules
    from nkdesk.services import adverse_events, infusions
    from nkdesk.services import vitals as vitals_service
    from nkdesk.storage import records
    from tests.bedside import at_ward_time

    at_ward_time(store)    # after these records' times
    onset = dt.datetime(2026, 12, 22, 10, 30)
    cycle = records.cycles(store, treated.id)[0]
    prepared = infusions.prepare_infusion(store, people.nurse, cycle.id).value
    product = infusions.product_of(prepared).__class__("BAG-7", "2.5 10^9", viability_pct=92.0, nk_fraction_pct=85.0,
                                                       sterility="negative", infectious_disease="negative")
    ready = infusions.record_cell_product(store, people.nurse, prepared.id, product, prepared.version).value
    started = infusions.start_infusion(store, people.nurse, ready.id, dt.datetime(2026, 12, 22, 10, 0),
                                       ready.version).value
    signs = vitals_rules.VitalSigns(88, 50, 120, 22, units.parse("38.6 degC", analyte="temperature"), 95, acvpu="A",
                                    time_point_min=30, measured_at=onset)
    saved = vitals_service.record_vital_signs(store, people.nurse, started.id, signs, reason="rigors").value
    vitals_service.acknowledge_alerts(store, people.nurse, saved.id, informed="doctor", action="rechecked")
    for entry in (AdverseEventEntry("Fever", 1, onset, worst_grade=2),
                  AdverseEventEntry("Fever", 3, onset + dt.timedelta(days=1)),
                  AdverseEventEntry("注射部位の皮下出血", 1, onset, ctcae_term=False)):
        adverse_events.record_adverse_event(store, people.nurse, treated.id, entry)
    record = flat(" ".join(make("vitals", store, treated, people.nurse, site_settings)))
    assert "88!/50" in record and "38.6°C!" in record and "ack.NoraNurse" in record and "rigors" in record
    log = flat(" ".join(make("ae-log", store, treated, people.nurse, site_settings)))
    assert "注射部位の皮下出血(freeterm)" in log and "3adverseevent(s)" in log
    summary = flat(" ".join(make("summary", store, treated, people.nurse, site_settings)))
    assert "Fever23" in summary   # two events, worst grade 3 (the worst over both)


@pytest.mark.parametrize("name, landscape", [("summary", False), ("ae-log", True)])
def test_letter_paper_is_a_site_setting(name, landscape, store, people, treated):
    """A site that set Letter gets Letter pages (8.5 × 11 in = 612 × 792 pt), the AE log turned."""
    from nkdesk.services import settings

    letter = settings.change_settings(store, people.admin, {"paper_size": "Letter"}).value
    pdf = printing.make_pdf(name, store, treated, people.nurse, letter, printed_at=PRINTED_AT)
    assert page_sizes(pdf)[0] == pytest.approx((792, 612) if landscape else (612, 792), abs=0.5)


def test_one_serious_event_report_can_be_printed_alone(store, people, treated, site_settings):
    """The window's Print on one serious AE: a portrait report under its own title."""
    entry = AdverseEventEntry("Fever", 3, dt.datetime(2026, 12, 22, 11, 0), serious=True,
                              serious_criteria=("hospitalisation",), reported_at=dt.datetime(2026, 12, 22, 15, 0))
    pdf = printing.make_serious_event_report(entry, store, treated, people.inv, site_settings, number=2,
                                              printed_at=PRINTED_AT)
    texts = pages_text(pdf)
    assert_numbered(texts, "Serious adverse event report", "Subject NK-010", "Ivo Investigator (investigator)")
    assert "AE #2: Fever" in texts[0] and "REQUIRED: report promptly" in texts[0]
    assert page_sizes(pdf)[0] == pytest.approx((595.28, 841.89), abs=0.5)
