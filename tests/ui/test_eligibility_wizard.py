"""The eligibility wizard: typed values in mixed units, the verdict as you type, red fields."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from nkdesk.rules import protocol
from nkdesk.ui.eligibility_page import EligibilityWizard
from tests.conftest import DATA

LAB_UNITS = {"platelets": "10^4/uL", "wbc": "/uL", "hemoglobin": "g/dL"}


@pytest.fixture
def wizard(qtbot):
    page = EligibilityWizard(protocol.load(), LAB_UNITS)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    return page


def type_into(qtbot, page, name: str, text: str) -> None:
    line = page.findChild(QLineEdit, name)
    line.clear()
    qtbot.keyClicks(line, text)


def choose(page, name: str, text: str) -> None:
    combo = page.findChild(QComboBox, name)
    combo.setCurrentIndex(combo.findText(text))


def test_every_input_has_an_object_and_accessible_name(wizard):
    """Screen readers and tests find every input by objectName and accessibleName."""
    for widget in wizard.findChildren(QLineEdit) + wizard.findChildren(QComboBox):
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
    names = {w.objectName() for w in wizard.findChildren(QLineEdit)}
    assert {"lab_platelets_value", "lab_hemoglobin_value", "ctc_count", "birth_date"} <= names
    assert wizard.findChild(QLineEdit, "lab_platelets_value").accessibleName() == "Platelets value"


def test_typing_the_contract_example_in_mixed_units_gives_eligible(qtbot, wizard):
    """Entering the contract's example by keyboard, with units from the lists, ends ELIGIBLE."""
    example = json.loads((DATA / "contract_example.json").read_text())
    type_into(qtbot, wizard, "assessment_date", "2026-11-21")
    type_into(qtbot, wizard, "birth_date", "1960-05-01")
    choose(wizard, "sex", "F")
    type_into(qtbot, wizard, "lab_hemoglobin_value", "121")
    choose(wizard, "lab_hemoglobin_unit", "g/L")
    type_into(qtbot, wizard, "lab_platelets_value", "152")
    choose(wizard, "lab_platelets_unit", "×10⁹/L")
    type_into(qtbot, wizard, "lab_wbc_value", "5.6")
    choose(wizard, "lab_wbc_unit", "×10⁹/L")
    type_into(qtbot, wizard, "lab_afp_value", "25")
    type_into(qtbot, wizard, "lab_pivka2_value", "420")
    type_into(qtbot, wizard, "ctc_count", "4")
    choose(wizard, "performance_status", "0") if wizard.findChild(QComboBox, "performance_status") else \
        type_into(qtbot, wizard, "performance_status", "0")
    for key, value in example.items():
        if isinstance(value, bool):
            choose(wizard, key, "Yes" if value else "No")
    verdict = wizard.findChild(QLabel, "eligibility_verdict")
    assert verdict.text() == "ELIGIBLE"
    assert wizard.result.eligible is True
    assert wizard.data()["labs"]["platelets"] == "152 10^9/L"
    assert wizard.findChild(QLabel, "lab_hemoglobin_converted").text() == "= 121 g/L"


def test_verdict_updates_as_values_are_typed(qtbot, wizard):
    """The verdict changes on the keystroke that changes the answer."""
    wizard.load(json.loads((DATA / "contract_example.json").read_text()))
    verdict = wizard.findChild(QLabel, "eligibility_verdict")
    assert verdict.text() == "ELIGIBLE"
    type_into(qtbot, wizard, "lab_hemoglobin_value", "9.")
    assert verdict.text().startswith("NOT ELIGIBLE") and "I3" in verdict.text()
    qtbot.keyClicks(wizard.findChild(QLineEdit, "lab_hemoglobin_value"), "9")
    assert verdict.text() == "NOT ELIGIBLE — failed: I3 (Hb ≥ 100 g/L and platelets ≥ threshold)"   # I3 named
    line = wizard.findChild(QLineEdit, "lab_hemoglobin_value")
    line.clear()
    qtbot.keyClicks(line, "10")
    assert verdict.text() == "ELIGIBLE"


def test_implausible_value_turns_red_with_the_likely_slip(qtbot, wizard):
    """98 g/dL (meant 98 g/L) turns the field red and says what was probably meant."""
    type_into(qtbot, wizard, "lab_hemoglobin_value", "98")
    problem = wizard.findChild(QLabel, "lab_hemoglobin_problem")
    assert not problem.isHidden()
    assert "was it 98 g/L?" in problem.text()
    assert "c62828" in wizard.findChild(QLineEdit, "lab_hemoglobin_value").styleSheet()
    assert wizard.findChild(QLabel, "eligibility_verdict").text() == "Correct the fields marked in red"
    choose(wizard, "lab_hemoglobin_unit", "g/L")
    assert problem.isHidden()


def test_boundary_and_open_points_on_review(wizard):
    """The review shows a boundary case in words and lists the protocol's open points."""
    data = json.loads((DATA / "contract_example.json").read_text())
    data["labs"]["afp"] = "10 ng/mL"
    wizard.load(data)
    wizard.go(3)
    model = wizard.review.table.model()
    rows = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert rows["I5"] == "Met · boundary"
    assert rows["E1"] == "Does not apply"
    assert "to be confirmed" in wizard.findChild(QLabel, "eligibility_open_points").text()


def test_read_only_when_loaded_signed(wizard):
    """A signed assessment loads read-only: fields cannot be typed into, signing is off."""
    wizard.load(json.loads((DATA / "contract_example.json").read_text()), read_only=True)
    assert wizard.findChild(QLineEdit, "lab_platelets_value").isReadOnly()
    assert not wizard.sign.isEnabled()


def test_steps_move_by_keyboard(qtbot, wizard):
    """Ctrl+PgDown and Ctrl+PgUp move between the steps from whichever field has the focus."""
    wizard.activateWindow()
    qtbot.waitActive(wizard)
    field = wizard.findChild(QLineEdit, "birth_date")
    field.setFocus()
    assert wizard.pages.currentIndex() == 0
    qtbot.keyClick(field, Qt.Key_PageDown, Qt.ControlModifier)
    assert wizard.pages.currentIndex() == 1
    qtbot.keyClick(wizard.focusWidget() or field, Qt.Key_PageUp, Qt.ControlModifier)
    assert wizard.pages.currentIndex() == 0


def test_pregnancy_is_not_asked_of_a_man(qtbot, wizard):
    """Sex M hides the pregnancy question and leaves it out of the assessment (the protocol's
    `not_needed_when`: E1 cannot apply to a man); F asks it again, with the answer kept."""
    wizard.go(2)
    pregnancy = wizard.findChild(QComboBox, "pregnant_or_possibly_pregnant")
    choose(wizard, "sex", "F")
    choose(wizard, "pregnant_or_possibly_pregnant", "No")
    assert pregnancy.isVisible() and wizard.data()["pregnant_or_possibly_pregnant"] is False
    choose(wizard, "sex", "M")
    assert not pregnancy.isVisible() and "pregnant_or_possibly_pregnant" not in wizard.data()
    assert wizard.findChild(QComboBox, "heart_disease").isVisible()
    choose(wizard, "sex", "F")
    assert pregnancy.isVisible() and wizard.data()["pregnant_or_possibly_pregnant"] is False


def test_platelets_above_450_ask_to_confirm_e4v_without_changing_the_verdict(wizard):
    """The contract example (eligible) with platelets 46 ×10⁴/µL = 460 ×10⁹/L, above 450 ×10⁹/L
    (WHO essential-thrombocythaemia threshold, Arber 2016; the protocol's parameter): still
    ELIGIBLE, and the warning asks to confirm E4.v. At 45 ×10⁴/µL (= 450, not above) no warning."""
    data = json.loads((DATA / "contract_example.json").read_text())
    data["labs"]["platelets"] = "46 10^4/uL"
    wizard.load(data)
    warning = wizard.findChild(QLabel, "eligibility_warnings")
    assert wizard.findChild(QLabel, "eligibility_verdict").text() == "ELIGIBLE"
    assert warning.isVisible() and "E4.v" in warning.text() and "confirm" in warning.text()
    data["labs"]["platelets"] = "45 10^4/uL"
    wizard.load(data)
    assert not warning.isVisible()


def test_the_criteria_dates_are_inputs_that_decide_e4ii_and_e5(qtbot, wizard):
    """The dates of the latest coronary/cerebrovascular event and of surgery and discharge are
    typed like any field (objectName and accessibleName), and decide E4.ii and E5 without the
    yes/no answers: an event 2 months before the assessment applies E4.ii (within 6 months);
    discharge 50 days after surgery applies E5 (> 42 days)."""
    data = json.loads((DATA / "contract_example.json").read_text())
    for key in ("coronary_or_cerebrovascular_disease_within_6_months", "hospitalised_over_6_weeks_after_surgery"):
        data.pop(key, None)
    wizard.load(data)
    for name in ("labs_date", "cv_event_date", "surgery_date", "discharge_date"):
        assert wizard.findChild(QLineEdit, name).accessibleName()
    on = data["assessment_date"]
    import datetime as dt

    day = dt.date.fromisoformat(on)
    type_into(qtbot, wizard, "cv_event_date", (day - dt.timedelta(days=60)).isoformat())
    type_into(qtbot, wizard, "surgery_date", (day - dt.timedelta(days=80)).isoformat())
    type_into(qtbot, wizard, "discharge_date", (day - dt.timedelta(days=30)).isoformat())
    failed = wizard.result.failed
    assert "E4.ii" in failed and "E5" in failed
    assert wizard.findChild(QLabel, "eligibility_verdict").text().startswith("NOT ELIGIBLE")


@pytest.mark.parametrize(("lang", "platelets", "hepatectomy"), [
    ("en", "Platelets", "Initial hepatectomy for HCC"),
    # the protocol file's label_ja for labs.platelets and initial_hepatectomy_for_hcc
    ("ja", "血小板数", "肝細胞癌に対する初回肝切除"),
])
def test_the_verdict_names_what_is_missing_by_its_label_not_its_id(qtbot, qapp, lang, platelets, hepatectomy):
    """Issue 16: "missing: initial_hepatectomy_for_hcc, labs.platelets" was developer wording. The
    review names the missing answers as the form's labels do, in the window's language."""
    from nkdesk.ui import language

    example = json.loads((DATA / "contract_example.json").read_text())
    del example["labs"]["platelets"]
    del example["initial_hepatectomy_for_hcc"]
    try:
        assert language.apply(lang, qapp)
        page = EligibilityWizard(protocol.load(), LAB_UNITS)
        qtbot.addWidget(page)
        page.show()
        page.load(example)
        qtbot.wait(20)
        text = page.findChild(QLabel, "eligibility_verdict").text()
        assert platelets in text and hepatectomy in text, text
        assert "labs.platelets" not in text and "initial_hepatectomy_for_hcc" not in text, text
        assert "platelets" not in text.replace("Platelets", ""), text
    finally:
        language.apply("en", qapp)
