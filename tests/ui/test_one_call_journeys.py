"""Journeys through the window's one-call actions, checked in the database: a new patient's first
order typed and prescribed (the service records the measurements and computes the dose), the
calendar proposed and stored by the service, the product and the start in one save, a signed
assessment re-opened."""
from __future__ import annotations

import math

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton

from nkdesk.services import patients as patient_service
from nkdesk.storage import records
from tests.ui.conftest import sign_in

NURSE, INVESTIGATOR = ("rn.ito", "ito-ward-demo"), ("dr.tanaka", "tanaka-demo")


def database(window):
    return window.session.store


def _type(qtbot, parent, name: str, text: str) -> None:
    line = parent.findChild(QLineEdit, name)
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, text)
    qtbot.wait(50)


def test_first_order_typed_then_the_calendar_stored(qtbot, window, prompts):
    """An investigator registers a patient, types 170 cm, 65 kg and the apheresis date and
    prescribes: the service stores both measurements and the order it computes (Mosteller
    √(170·65/3600) = 1.75198 m², 400 µg/m²: cli-contract.md). The calendar tab then shows the
    protocol's plan from that order and stores it: three cycles, 3 calendar months apart."""
    import datetime as dt

    sign_in(window, prompts, *INVESTIGATOR)
    prompts.will("patient", {"study_id": "NEW-010", "initials": "CD", "birth_date": "1961-04-02", "sex": "M",
                             "hospital_id": "H9010"})
    window.new_patient()
    patient = patient_service.search(database(window), "NEW-010")[0]
    view = window.patient_view
    view.tabs.setCurrentWidget(view.dosing)
    page = view.dosing.page
    _type(qtbot, page, "height_value", "170")
    _type(qtbot, page, "weight_value", "65")
    _type(qtbot, page, "apheresis_date", "2026-12-05")
    assert math.isclose(page.order.bsa.bsa_m2, math.sqrt(170 * 65 / 3600), rel_tol=1e-9)
    assert not page.findChild(QPushButton, "dose_prescribe").isEnabled()   # the label cautions are asked first
    for caution in ("caution_splenomegaly", "caution_thrombosis_history"):
        page.findChild(QCheckBox, caution).click()
    prompts.will("signature", ("", "tanaka-demo", ""))
    page.findChild(QPushButton, "dose_prescribe").click()
    (order,) = records.dose_orders(database(window), patient.id)
    assert order.status == "prescribed" and math.isclose(order.order.bsa_m2, math.sqrt(170 * 65 / 3600),
                                                         rel_tol=1e-9)
    assert math.isclose(order.order.daily_dose_ug, 400 * math.sqrt(170 * 65 / 3600), rel_tol=1e-9)
    body = patient_service.chart(database(window), patient.id).body_measurements
    assert sorted((m.kind, m.quantity.text) for m in body) == [("height", "170 cm"), ("weight", "65 kg")]
    assert page.findChild(QLabel, "dose_order_status").text().startswith("Prescribed — NOT ACTIVE")

    view.tabs.setCurrentWidget(view.calendar)
    note = view.calendar.findChild(QLabel, "calendar_note")
    assert "Proposed by the protocol from the apheresis on 2026-12-05" in note.text()
    view.calendar.findChild(QPushButton, "calendar_store_plan").click()
    cycles = records.cycles(database(window), patient.id)
    assert [(c.number, c.planned_apheresis_on) for c in cycles] == [
        (1, dt.date(2026, 12, 5)), (2, dt.date(2027, 3, 5)), (3, dt.date(2027, 6, 5))]
    assert "Stored calendar" in note.text()


def _verify_at_the_pharmacy(store, patient_id: int) -> None:
    """The pharmacist verifies the order at another workstation (the service, as the pharmacy would)."""
    from nkdesk.services import auth
    from nkdesk.services import dosing as dosing_service

    pharmacist = auth.sign_in(store, "ph.suzuki", "suzuki-demo").value
    order = [o for o in records.dose_orders(store, patient_id) if o.status == "prescribed"][-1]
    dosing_service.verify_order(store, pharmacist, order.id, "suzuki-demo", order.version,
                                shown_hash=dosing_service.order_hash(store, order.id) or "")


def test_product_and_start_from_the_bedside_in_one_save(qtbot, window, prompts):
    """A nurse prepares DEMO-002's cycle 1 infusion, types the bag as released and starts it: the
    database holds the product and the infusion in progress, and the treatment event too."""
    sign_in(window, prompts, *NURSE)
    patient = patient_service.search(database(window), "DEMO-002")[0]
    window.patient_view.show_patient(patient.id)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.infusion)
    prepare = view.infusion.findChild(QPushButton, "infusion_prepare")
    # issue 16: not offered before the filgrastim order is verified, and the screen says why
    assert not prepare.isEnabled()
    assert "not verified yet" in view.infusion.findChild(QLabel, "infusion_state").text()
    _verify_at_the_pharmacy(database(window), patient.id)
    window.patient_view.show_patient(patient.id)
    assert prepare.isEnabled() and "not verified" not in view.infusion.findChild(QLabel, "infusion_state").text()
    prepare.click()
    panel = view.infusion.page.product
    _type(qtbot, panel, "product_bag_id", "NK-C1-002")
    _type(qtbot, panel, "product_cells_value", "2.1")
    _type(qtbot, panel, "product_viability", "90")
    _type(qtbot, panel, "product_nk_fraction", "80")
    _type(qtbot, panel, "infusion_administered_by", "Emi Ito")
    for name in ("product_sterility", "product_infectious"):
        combo = view.infusion.page.product.findChild(QComboBox, name)
        combo.setCurrentIndex(combo.findData("negative"))
        qtbot.wait(50)
    view.infusion.page.product.findChild(QPushButton, "infusion_start_button").click()
    assert prompts.problems == []
    (infusion,) = [i for i in patient_service.chart(database(window), patient.id).infusions]
    assert (infusion.status, infusion.bag_id, infusion.total_viable_cells.text) == ("in_progress", "NK-C1-002",
                                                                                    "2.1 10^9")
    assert infusion.sterility == infusion.infectious_disease == "negative" and infusion.started_at is not None
    assert infusion.administered_by == "Emi Ito"
    event = next(e for e in records.events(database(window), patient.id) if e.id == infusion.event_id)
    assert event.status == "in_progress"


def test_reopen_a_signed_assessment_with_a_reason(qtbot, window, prompts):
    """DEMO-002's signed assessment is re-opened with a reason: a new draft, editable, the signed one unchanged."""
    sign_in(window, prompts, *INVESTIGATOR)
    patient = patient_service.search(database(window), "DEMO-002")[0]
    window.patient_view.show_patient(patient.id)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.eligibility)
    before = records.assessments(database(window), patient.id)
    assert [a.status for a in before] == ["signed"]
    prompts.will("reason", "CTC count re-read from the lab report")
    view.eligibility.findChild(QPushButton, "eligibility_reopen").click()
    after = records.assessments(database(window), patient.id)
    assert [a.status for a in after] == ["signed", "draft"] and after[0] == before[0]
    assert after[1].inputs["raw"] == before[0].inputs["raw"]
    assert not view.eligibility.wizard.findChild(QLineEdit, "lab_platelets_value").isReadOnly()
    trail = database(window).rows("SELECT reason FROM audit_log WHERE table_name = 'eligibility_assessments' "
                                  "AND record_id = ?", (str(after[1].id),))
    assert [r["reason"] for r in trail] == ["CTC count re-read from the lab report"]
