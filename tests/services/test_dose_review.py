"""What the verifier is shown is read from the database, and the independent check is the service's.

Reference values: 62 in = 157.48 cm (1 in = 2.54 cm exactly); 121 lb = 54.88467677 kg (1 lb =
0.45359237 kg exactly, international pound 1959); Mosteller BSA = √(height cm × weight kg / 3600)
(Mosteller RD, N Engl J Med 1987;317:1098); filgrastim 400 µg/m² once daily (jRCTb060200020,
../shared/protocol.md). So 62 in and 121 lb give √(157.48 × 54.88467677 / 3600) = 1.5495 m² and
619.79 µg/day, which a clinician reads as 157.5 cm, 54.9 kg, 1.55 m², 619.8 µg/day (issue 16).
"""
from __future__ import annotations

import math
import re
from datetime import date

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import dose_review, dosing, drafts, patients
from nkdesk.storage.errors import AuthError, ChangedSinceShown, RuleViolation

HEIGHT_CM, WEIGHT_KG = 62 * 2.54, 121 * 0.45359237
# the filgrastim label's cautions (package insert, Japan), each asked about and ticked by the prescriber
ASKED = ("splenomegaly", "thrombosis_history")
BSA = math.sqrt(HEIGHT_CM * WEIGHT_KG / 3600)
DOSE = 400 * BSA


@pytest.fixture
def patient(make_patient):
    return make_patient(study_id="V-001")


@pytest.fixture
def order(store, people, patient):
    return dosing.prescribe(store, people.inv, patient.id,
                            acknowledged=ASKED, height="62 in", weight="121 lb", apheresis="2026-12-05",
                            password=people.password, measured_on=date(2026, 11, 20)).value


def test_the_verifier_is_shown_the_order_as_stored_with_its_measurements_and_their_dates(store, people, order):
    shown = dose_review.for_verification(store, order.id)
    assert shown.content_hash == dosing.order_hash(store, order.id)
    assert shown.study_id == "V-001" and shown.prescribed_by == "Ivo Investigator"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d \S+", shown.prescribed_at or "")   # local time and its zone
    assert (shown.height.quantity.text, shown.height.measured_on) == ("62 in", date(2026, 11, 20))
    assert (shown.weight.quantity.text, shown.weight.measured_on) == ("121 lb", date(2026, 11, 20))
    assert shown.record.order.daily_dose_ug == pytest.approx(DOSE, rel=1e-9)


def test_recompute_works_the_dose_out_again_from_the_stored_measurements(store, order):
    again = dose_review.recompute(store, order.id)
    assert again.order.bsa.bsa_m2 == pytest.approx(BSA, rel=1e-9)
    assert again.order.daily_dose_ug == pytest.approx(DOSE, rel=1e-9)
    assert again.check.agrees and abs(again.check.difference_pct) < 1e-9


def test_a_verifiers_own_figure_is_compared_with_the_stored_dose(store, order):
    rounded = dose_review.check_figure(store, order.id, "619.8")
    assert rounded.agrees and rounded.difference_pct == pytest.approx((619.8 - DOSE) / DOSE * 100)
    # 680.4 µg/day is 1.70 m² (e.g. 62 kg instead of 54.9): more than 9 % off — a discrepancy
    wrong = dose_review.check_figure(store, order.id, "680.4")
    assert not wrong.agrees and wrong.difference_pct == pytest.approx((680.4 - DOSE) / DOSE * 100)
    with pytest.raises(InputError) as caught:
        dose_review.check_figure(store, order.id, "six hundred")
    assert caught.value.field == "verifier_dose"


def test_inputs_that_differ_from_the_order_on_file_are_named(store, order):
    settings_regimen = dosing.regimen_of()
    from nkdesk.services import settings as settings_service

    settings = settings_service.load(store)
    same = dosing.preview(settings, settings_regimen, height="62 in", weight="121 lb", apheresis="2026-12-05")
    heavier = dosing.preview(settings, settings_regimen, height="62 in", weight="72 kg", apheresis="2026-12-05")
    split = dosing.preview(settings, settings_regimen, height="62 in", weight="121 lb", apheresis="2026-12-05",
                           split_daily_dose=True)
    assert dose_review.changed_inputs(order.order, same) == ()
    assert dose_review.changed_inputs(order.order, heavier) == ("weight",)
    assert dose_review.changed_inputs(order.order, split) == ("split_daily_dose",)
    assert dose_review.changed_inputs(order.order, None) == ()


def test_verify_after_a_re_prescription_is_refused_naming_who_and_when(store, people, patient, order):
    shown = dose_review.for_verification(store, order.id)
    dosing.prescribe(store, people.inv2, patient.id,
                     acknowledged=ASKED, height="62 in", weight="72 kg", password=people.password,
                     replaces=dosing.Replacement(order.id, order.version, "weighed again"))
    with pytest.raises((ChangedSinceShown, RuleViolation)) as caught:
        dosing.verify_order(store, people.pharm, order.id, people.password, shown.record.version,
                            shown_hash=shown.content_hash)
    assert "inv2" in str(caught.value) and re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", str(caught.value))


def test_infusion_preparation_waits_for_a_verified_order(store, people, patient):
    assert "No filgrastim order" in dose_review.preparation_blocked(patients.chart(store, patient.id), None)
    order = dosing.prescribe(store, people.inv, patient.id, acknowledged=ASKED, height="170 cm", weight="65 kg",
                             password=people.password).value
    assert "not verified" in dose_review.preparation_blocked(patients.chart(store, patient.id), None)
    dosing.verify_order(store, people.pharm, order.id, people.password, order.version,
                        shown_hash=dosing.order_hash(store, order.id) or "")
    assert dose_review.preparation_blocked(patients.chart(store, patient.id), None) is None


def test_prescribing_removes_the_dose_inputs_draft_in_its_own_save(store, people, patient):
    drafts.keep(store, people.inv, patient.id, "dose_inputs", {"height": "170 cm", "weight": "65 kg"})
    assert drafts.find(store, patient.id, "dose_inputs") is not None
    dosing.prescribe(store, people.inv, patient.id,
                     acknowledged=ASKED, height="170 cm", weight="65 kg", password=people.password)
    assert drafts.find(store, patient.id, "dose_inputs") is None


def test_a_wrong_password_keeps_the_draft(store, people, patient):
    drafts.keep(store, people.inv, patient.id, "dose_inputs", {"height": "170 cm", "weight": "65 kg"})
    with pytest.raises(AuthError):
        dosing.prescribe(store, people.inv, patient.id,
                         acknowledged=ASKED, height="170 cm", weight="65 kg", password="wrong")
    assert drafts.find(store, patient.id, "dose_inputs").payload == {"height": "170 cm", "weight": "65 kg"}


def test_the_cell_dose_per_kg_is_the_services(store):
    """2.5 × 10^9 viable cells for 50 kg = 5.0 × 10^7 cells/kg; NK 80 % of that = 4.0 × 10^7."""
    from nkdesk.rules.cell_product import CellProduct

    product = CellProduct("B1", "2.5 10^9", 95.0, 80.0, "negative", "negative")
    dose = dose_review.cell_dose(product, "50 kg")
    assert dose.viable_cells_per_kg == pytest.approx(5.0e7) and dose.nk_cells_per_kg == pytest.approx(4.0e7)
    assert dose_review.cell_dose(product, "") is None
