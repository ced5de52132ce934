"""Slips typed into the window's quantity fields (issue 12): the rules' message inline, the save refused,
nothing typed cut, eaten or rewritten — in every locale.

Before: the number boxes' QDoubleValidator let `45,5` through as 455 (en_US, ja_JP) or 45.5
(de_DE, fr_FR) and pint then read `45,5 kg` as 225 kg; a `\\d{0,3}` pattern turned a typed systolic
`1200` into `120`. Now every box is judged by the same parser as the CLI (ui/rules_validator.py).
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton

from nkdesk.rules import protocol
from nkdesk.services import patients as patient_service
from nkdesk.storage import records
from nkdesk.ui.dosing_page import DosingPage
from nkdesk.ui.eligibility_page import EligibilityWizard
from tests.ui.conftest import sign_in

# (typed, words of the rules' message); each as a person types it into a number box
SLIPS = [
    ("45,5", "use a decimal point"), ("6 5", "two numbers"), ("65*2", "arithmetic"), ("65/2", "arithmetic"),
    ("(60+5)", "arithmetic"), ("1e5", "exponents are not accepted"), ("1e99999999", "exponents are not accepted"),
    ("0x10", "hexadecimal"), ("5_0", "underscores"), ("9 .5", "two numbers"), ("12..5", "more than one decimal"),
    ("1.2.3", "more than one decimal"), ("--5", "two signs"), ("5-", "a sign goes before"), ("½", "digits 0–9"),
    ("9" * 400, "too large"), ("１２，５", "use a decimal point"),
]


def type_text(qtbot, line: QLineEdit, text: str) -> None:
    """Type as a person: keys for ASCII, the input method's commit for anything else (toolchain notes)."""
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(line, event)
    qtbot.wait(1)


@pytest.fixture
def wizard(qtbot):
    page = EligibilityWizard(protocol.load(), {"platelets": "10^4/uL", "wbc": "/uL", "hemoglobin": "g/dL"})
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def dosing(qtbot):
    page = DosingPage(protocol.load())
    qtbot.addWidget(page)
    page.show()
    return page


def _quantity_boxes(page) -> list[QLineEdit]:
    boxes = [line for line in page.findChildren(QLineEdit) if line.objectName().endswith("_value")]
    assert boxes
    return boxes


@pytest.mark.parametrize(("slip", "words"), SLIPS, ids=[s[0][:12] for s in SLIPS])
def test_each_slip_in_each_eligibility_quantity_field_is_shown_and_refused(qtbot, wizard, slip, words):
    names = []
    for box in _quantity_boxes(wizard):
        type_text(qtbot, box, slip)
        name = box.objectName().removesuffix("_value")
        problem = wizard.findChild(QLabel, f"{name}_problem")
        assert box.text() == slip, name                           # nothing cut, eaten or rewritten
        assert not problem.isHidden() and words in problem.text(), (name, problem.text())
        assert not box.hasAcceptableInput()
        assert wizard.data()["labs"][name.removeprefix("lab_")].startswith(slip)   # handed on as typed
        assert wizard.findChild(QLabel, "eligibility_verdict").text() == "Correct the fields marked in red"
        type_text(qtbot, box, "")
        names.append(name)
    assert {"lab_platelets", "lab_hemoglobin", "lab_wbc"} <= set(names)


@pytest.mark.parametrize(("slip", "words"), SLIPS, ids=[s[0][:12] for s in SLIPS])
def test_each_slip_in_height_and_weight_is_shown_and_the_order_refused(qtbot, dosing, slip, words):
    type_text(qtbot, dosing.findChild(QLineEdit, "height_value"), "170")
    type_text(qtbot, dosing.findChild(QLineEdit, "weight_value"), "65")
    for caution in ("caution_splenomegaly", "caution_thrombosis_history"):   # asked before prescribing
        dosing.findChild(QCheckBox, caution).click()
    assert dosing.findChild(QPushButton, "dose_prescribe").isEnabled()
    for name, good in (("height", "170"), ("weight", "65")):
        box = dosing.findChild(QLineEdit, f"{name}_value")
        type_text(qtbot, box, slip)
        problem = dosing.findChild(QLabel, f"{name}_problem")
        assert box.text() == slip
        assert not problem.isHidden() and words in problem.text(), problem.text()
        assert dosing.order is None and not dosing.findChild(QPushButton, "dose_prescribe").isEnabled()
        type_text(qtbot, box, good)
        assert problem.isHidden() and dosing.order is not None


def test_a_value_too_large_is_kept_whole_and_refused(qtbot, dosing):
    """No silent maxLength, truncation or clamping: 1200 cm stays 1200 and is refused as implausible."""
    box = dosing.findChild(QLineEdit, "height_value")
    type_text(qtbot, box, "1200")
    assert box.text() == "1200"
    assert "outside the plausible range 100–250 cm" in dosing.findChild(QLabel, "height_problem").text()


@pytest.mark.parametrize("locale", ["en_US", "ja_JP", "de_DE", "fr_FR"])
def test_45_comma_5_is_never_a_number_in_any_locale(qtbot, locale):
    """`45,5` is refused with the decimal point suggested, whatever the locale's separators."""
    before = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        page = DosingPage(protocol.load())
        qtbot.addWidget(page)
        page.show()
        type_text(qtbot, page.findChild(QLineEdit, "height_value"), "170")
        weight = page.findChild(QLineEdit, "weight_value")
        type_text(qtbot, weight, "45,5")
        assert weight.text() == "45,5" and page.order is None
        assert "45.5 kg?" in page.findChild(QLabel, "weight_problem").text()
        type_text(qtbot, weight, "45.5")
        assert page.order is not None and page.order.bsa.weight_kg == 45.5
    finally:
        QLocale.setDefault(before)


# ------------------------------------------------------------------ journeys, checked in the database

NURSE, INVESTIGATOR = ("rn.ito", "ito-ward-demo"), ("dr.tanaka", "tanaka-demo")


def test_a_slip_in_a_lab_value_is_not_saved(qtbot, window, prompts):
    """What is typed is kept as a draft after the pause — `1,21 g/dL` too, exactly as typed — but
    never recorded: the text stays with the rules' words beside it, the state says it has problems,
    the assessment in the database is unchanged, and the slip comes back as typed (with its
    problem) after switching patient and coming back."""
    from nkdesk.services import drafts

    sign_in(window, prompts, *NURSE)
    store = window.session.store
    patient = patient_service.search(store, "DEMO-001")[0]
    window.patient_view.show_patient(patient.id)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.eligibility)
    box = view.eligibility.wizard.findChild(QLineEdit, "lab_hemoglobin_value")
    recorded = records.assessments(store, patient.id)

    def kept_hemoglobin():
        return drafts.find(store, patient.id, "eligibility").payload["labs"].get("hemoglobin")

    type_text(qtbot, box, "12.3")
    qtbot.wait(1500)                                       # past the draft pause
    assert kept_hemoglobin() == "12.3 g/dL"
    type_text(qtbot, box, "1,21")
    qtbot.wait(1500)
    problem = view.eligibility.wizard.findChild(QLabel, "lab_hemoglobin_problem")
    assert box.text() == "1,21" and "use a decimal point — 1.21 g/dL?" in problem.text() and not problem.isHidden()
    assert view.eligibility.findChild(QLabel, "eligibility_state").text().startswith("Has problems: not saved")
    assert kept_hemoglobin() == "1,21 g/dL" and prompts.problems == []
    assert records.assessments(store, patient.id) == recorded           # a draft is not a record
    other = patient_service.search(store, "DEMO-005")[0]
    window.patient_view.show_patient(other.id)
    window.patient_view.show_patient(patient.id)
    assert view.eligibility.wizard.findChild(QLineEdit, "lab_hemoglobin_value").text() == "1,21"
    assert not problem.isHidden() and records.assessments(store, patient.id) == recorded


def test_a_slip_in_the_weight_cannot_be_prescribed(qtbot, window, prompts):
    sign_in(window, prompts, *INVESTIGATOR)
    store = window.session.store
    patient = patient_service.search(store, "DEMO-002")[0]
    window.patient_view.show_patient(patient.id)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.dosing)
    page = view.dosing.page
    orders = records.dose_orders(store, patient.id)
    weight = page.findChild(QLineEdit, "weight_value")
    type_text(qtbot, weight, "45,5")
    qtbot.wait(300)
    assert weight.text() == "45,5" and "45.5 kg?" in page.findChild(QLabel, "weight_problem").text()
    prescribe = page.findChild(QPushButton, "dose_prescribe")
    assert not prescribe.isEnabled()
    qtbot.mouseClick(prescribe, Qt.LeftButton)
    assert records.dose_orders(store, patient.id) == orders


def test_systolic_1200_is_kept_and_refused_at_the_bedside(qtbot, window, prompts):
    """`1200` typed for systolic stays `1200` (it became `120`), is refused in red with the rules'
    words, and the set is not saved when the row is left; `38,4` for temperature likewise."""
    from nkdesk.services import vitals as vitals_service

    sign_in(window, prompts, *NURSE)
    store = window.session.store
    patient = patient_service.search(store, "DEMO-003")[0]
    window.patient_view.show_patient(patient.id)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.infusion)
    grid = view.infusion.page.grid
    infusion_id = view.infusion.infusion.id
    row = next(i for i, r in enumerate(grid.rows) if r.key == "tp120")
    window.activateWindow()
    qtbot.waitActive(window)
    values = {"time": "12:05", "systolic": "1200", "diastolic": "74", "pulse": "88", "resp_rate": "18",
              "temperature": "38,4", "spo2": "97"}
    for field, text in values.items():
        type_text(qtbot, grid.findChild(QLineEdit, f"vitals_r{row}_{field}"), text)
    acvpu = grid.findChild(QComboBox, f"vitals_r{row}_acvpu")
    acvpu.setFocus()
    acvpu.setCurrentIndex(acvpu.findText("A  Alert"))
    systolic = grid.findChild(QLineEdit, f"vitals_r{row}_systolic")
    assert systolic.text() == "1200"
    message = grid.findChild(QLabel, "vitals_message").text()
    assert "1200 is impossible for systolic" in message and "38.4 degC?" in message
    assert grid.findChild(QLineEdit, f"vitals_r{row}_temperature").text() == "38,4"
    qtbot.keyClick(acvpu, Qt.Key_Tab)
    qtbot.wait(800)
    assert not any(s.key == "tp120" for s in vitals_service.vital_sets(store, infusion_id))
    assert grid.findChild(QLabel, f"vitals_r{row}_news2").text() == "refused"
