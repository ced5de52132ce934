"""The eligibility assessment takes its laboratory values from a lab set already recorded on the
Labs tab (ward walk: the nurse typed the platelets on the Labs tab, then again in the assessment).

Journeys as a person would: the study ID in the search box, the Labs tab's boxes by objectName, one
click on the eligibility page's "Fill from the lab set of …", pauses, a patient switch and back,
then the database: the assessment stores the values exactly as the lab set had them, with the set's
sampling date (which the rules check against the protocol's lab window like anything typed)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from nkdesk.services import patients as patient_service
from tests.ui.conftest import open_patient, sign_in

INVESTIGATOR = ("dr.tanaka", "tanaka-demo")


def _type(qtbot, parent, name: str, text: str) -> None:
    line = parent.findChild(QLineEdit, name)
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, text)
    qtbot.wait(40)


def _record_lab_set(qtbot, window, day: date, values: dict[str, str]) -> None:
    view = window.patient_view
    view.tabs.setCurrentWidget(view.labs)
    qtbot.wait(50)
    _type(qtbot, view.labs, "labtab_date", f"{day.year}/{day.month}/{day.day}")
    for analyte, text in values.items():
        _type(qtbot, view.labs, f"labtab_{analyte}_value", text)
    qtbot.wait(300)
    view.labs.findChild(QPushButton, "labtab_save").click()
    qtbot.wait(50)


def _eligibility_labs_page(qtbot, window):
    view = window.patient_view
    view.tabs.setCurrentWidget(view.eligibility)
    qtbot.wait(50)
    wizard = view.eligibility.wizard
    wizard.steps.setFocus()
    qtbot.keyClick(wizard.steps, Qt.Key_PageDown, Qt.ControlModifier)   # step 2, Laboratory
    qtbot.wait(50)
    return wizard


def _latest_assessment_raw(window, study_id: str) -> dict:
    store = window.session.store
    patient = patient_service.search(store, study_id)[0]
    chart = patient_service.chart(store, patient.id)
    return dict(max(chart.assessments, key=lambda a: a.id).inputs["raw"])


def test_a_lab_set_from_the_labs_tab_fills_the_assessment_and_is_saved_as_recorded(qtbot, window, prompts):
    """DEMO-001 (screening: its assessment has every lab value but the platelet count). Today's set is
    recorded on the Labs tab with the same Hb, WBC, AFP and PIVKA-II and platelets 15.2 ×10⁴/µL; on the
    eligibility page one click puts the platelets, in their unit, and the sampling date into the
    inputs (nothing typed differs, so nothing is asked); the draft survives a switch to DEMO-005 and
    back; "Save assessment" stores the values as the lab set had them, with its date."""
    sign_in(window, prompts, *INVESTIGATOR)
    open_patient(qtbot, window, "DEMO-001")
    today = date.today()
    _record_lab_set(qtbot, window, today, {"hemoglobin": "12.1", "platelets": "15.2", "wbc": "5600",
                                           "afp": "25", "pivka2": "420"})
    assert prompts.problems == []
    wizard = _eligibility_labs_page(qtbot, window)
    button = wizard.findChild(QPushButton, "eligibility_fill_from_lab_set")
    assert button.isEnabled() and button.isVisible()
    assert today.isoformat() in button.text()
    assert wizard.findChild(QLineEdit, "lab_platelets_value").text() == ""
    assert "missing: Platelets" in wizard.findChild(QLabel, "eligibility_verdict").text()
    button.click()
    qtbot.wait(1000)                   # a person reads what came in; the draft is kept meanwhile
    assert not any(kind == "confirm" for kind, _ in prompts.asked)
    assert wizard.findChild(QLineEdit, "lab_platelets_value").text() == "15.2"
    assert wizard.findChild(QLineEdit, "labs_date").text() == today.isoformat()
    note = wizard.findChild(QLabel, "eligibility_lab_set_note").text()
    assert today.isoformat() in note
    # the demo's assessment is dated at screening, weeks before these labs: the verdict says why they
    # count as missing; the investigator assessing today dates the assessment today (page 1)
    verdict = wizard.findChild(QLabel, "eligibility_verdict")
    assert f"the labs of {today.isoformat()} are dated after the assessment date" in verdict.text()
    qtbot.keyClick(wizard.steps, Qt.Key_PageUp, Qt.ControlModifier)
    qtbot.wait(50)
    _type(qtbot, wizard, "assessment_date", today.isoformat())
    qtbot.wait(300)
    assert "missing" not in verdict.text(), verdict.text()
    open_patient(qtbot, window, "DEMO-005")
    qtbot.wait(100)
    open_patient(qtbot, window, "DEMO-001")
    qtbot.wait(100)
    assert wizard.findChild(QLineEdit, "lab_platelets_value").text() == "15.2"
    wizard.findChild(QPushButton, "eligibility_save").click()
    qtbot.wait(100)
    assert prompts.problems == []
    raw = _latest_assessment_raw(window, "DEMO-001")
    assert raw["labs"]["platelets"] == "15.2 10^4/uL"
    assert raw["labs"]["hemoglobin"] == "12.1 g/dL"
    assert raw["labs_date"] == today.isoformat()
    assert raw["assessment_date"] == today.isoformat()


def test_values_already_typed_are_replaced_only_when_the_user_agrees(qtbot, window, prompts):
    """DEMO-001's assessment has Hb 12.1 g/dL typed; a new set on the Labs tab has Hb 13.1 and platelets,
    and no WBC, AFP or PIVKA-II. The click names what would be replaced (Hb) and what is kept from
    the older typing (WBC, AFP, PIVKA-II: not in that set) and asks; "no" leaves everything as it
    was; "yes" puts the set's values and date."""
    sign_in(window, prompts, *INVESTIGATOR)
    open_patient(qtbot, window, "DEMO-001")
    _record_lab_set(qtbot, window, date.today(), {"hemoglobin": "13.1", "platelets": "15.2"})
    wizard = _eligibility_labs_page(qtbot, window)
    button = wizard.findChild(QPushButton, "eligibility_fill_from_lab_set")
    prompts.will("confirm", False)
    button.click()
    qtbot.wait(200)
    kind, (_title, text) = prompts.asked[-1]
    assert kind == "confirm"
    replace, keep = text.split("\n")
    assert "Hb" in replace and "Platelets" not in replace
    assert all(name in keep for name in ("WBC", "AFP", "PIVKA-II"))
    assert wizard.findChild(QLineEdit, "lab_hemoglobin_value").text() == "12.1"
    assert wizard.findChild(QLineEdit, "lab_platelets_value").text() == ""
    prompts.will("confirm", True)
    button.click()
    qtbot.wait(200)
    assert wizard.findChild(QLineEdit, "lab_hemoglobin_value").text() == "13.1"
    assert wizard.findChild(QLineEdit, "lab_platelets_value").text() == "15.2"
    assert wizard.findChild(QLineEdit, "lab_wbc_value").text() == "5600"


def test_without_a_lab_set_the_offer_is_greyed_out_with_its_reason(qtbot, window, prompts):
    """A patient registered today has no lab set: the button is there, greyed out, and says why."""
    from nkdesk.services import auth

    store = window.session.store
    nurse = auth.sign_in(store, "rn.ito", "ito-ward-demo").value
    patient_service.create_patient(store, nurse, study_id="NEW-301", initials="AB", birth_date="1961-04-05", sex="M")
    sign_in(window, prompts, *INVESTIGATOR)
    open_patient(qtbot, window, "NEW-301")
    wizard = _eligibility_labs_page(qtbot, window)
    button = wizard.findChild(QPushButton, "eligibility_fill_from_lab_set")
    assert button.isVisible() and not button.isEnabled()
    assert "No lab set" in button.toolTip()
