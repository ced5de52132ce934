"""Problems in words (issue 16): each InputError worded from its code, under the field's label."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton

from nkdesk.rules import dates, units
from nkdesk.rules.errors import InputError
from nkdesk.services import patients as patient_service
from nkdesk.ui.messages import problem_words
from nkdesk.ui.patient_dialog import PatientDialog
from tests.ui.conftest import sign_in


def _raised(fn, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        fn(*args, **kwargs)
    return caught.value


def test_a_date_typed_the_wrong_way_names_the_field_and_the_two_ways():
    """The issue's "birth_date: expected an ISO date…" becomes the label and the accepted forms."""
    exc = _raised(dates.parse_date, "7.3.1958", "birth_date", typed=True)
    assert problem_words(exc) == "Date of birth: “7.3.1958” is not a date. Type the year first: 1958-03-07 or 1958/3/7."
    exc = _raised(dates.parse_date, "1958/2/30", "birth_date", typed=True)
    assert problem_words(exc) == "Date of birth: “1958/2/30” is not a day of the calendar: check the month and the day."


def test_a_lab_value_names_the_analyte_not_its_id():
    """labs.hemoglobin is "Haemoglobin"; a value without its unit asks for it. Platelets 15200 ×10⁴/µL
    = 152,000 ×10⁹/L is outside the plausible 1–2000 ×10⁹/L (cli-contract.md), and 15200 /µL
    (15.2 ×10⁹/L) is offered as the likely intent."""
    exc = _raised(units.parse, "12.1", field="labs.hemoglobin", analyte="hemoglobin")
    assert problem_words(exc) == "Haemoglobin: “12.1” needs its unit: choose or type one, e.g. g/dL."
    exc = _raised(units.parse, "15200 10^4/uL", field="labs.platelets", analyte="platelets")
    words = problem_words(exc)
    assert words.startswith("Platelets: this value is outside what is possible (1–2000 ×10⁹/L).")
    assert "15200 /µL" in words


def test_the_new_patient_dialog_keeps_the_typing_and_shows_every_problem(qtbot, window, prompts):
    """A duplicate study ID, initials with a digit and 30 February: the dialog stays open with all
    three problems, each under its field, and everything typed; corrected (1958/3/7 accepted), it
    closes, and the service stores 1958-03-07."""
    sign_in(window, prompts, "rn.ito", "ito-ward-demo")
    store = window.session.store
    dialog = PatientDialog(check=lambda values: patient_service.problems(store, values))
    qtbot.addWidget(dialog)
    dialog.show()
    for name, text in (("patient_study_id", "DEMO-001"), ("patient_initials", "A1"),
                       ("patient_birth_date", "1958/2/30"), ("patient_hospital_id", "H1234")):
        line = dialog.findChild(QLineEdit, name)
        line.setFocus()
        qtbot.keyClicks(line, text)
        qtbot.wait(30)
    dialog.findChild(QPushButton, "patient_save").click()
    qtbot.wait(50)
    assert dialog.isVisible() and dialog.result() != QDialog.Accepted
    shown = {name: dialog.findChild(QLabel, f"patient_{name}_problem").text()
             for name in ("study_id", "initials", "birth_date", "hospital_id")}
    assert shown == {"study_id": "Study ID: DEMO-001 is already used by another patient.",
                     "initials": "Initials: type 1 to 4 letters (A–Z), e.g. TY.",
                     "birth_date": "Date of birth: “1958/2/30” is not a day of the calendar: check the month "
                                   "and the day.",
                     "hospital_id": ""}
    assert dialog.findChild(QLabel, "patient_error").text() == "Please correct the 3 problems shown."
    assert dialog.values()["hospital_id"] == "H1234" and dialog.values()["study_id"] == "DEMO-001"
    for name, text in (("patient_study_id", "NEW-077"), ("patient_initials", "ab"),
                       ("patient_birth_date", "1958/3/7")):
        line = dialog.findChild(QLineEdit, name)
        line.clear()
        qtbot.keyClicks(line, text)
    dialog.findChild(QPushButton, "patient_save").click()
    qtbot.wait(50)
    assert dialog.result() == QDialog.Accepted
    window.session.call(patient_service.create_patient, **dialog.values())
    stored = patient_service.by_study_id(store, "NEW-077")
    assert (stored.initials, stored.birth_date.isoformat(), stored.hospital_id) == ("AB", "1958-03-07", "H1234")


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("typed, code", [("6 5 kg", "two_numbers"), ("65 kg*2", "arithmetic"),
                                         ("65 kg kg", "unit_twice"), ("6.5.1 kg", "two_points"),
                                         ("65 zorks", "unknown_unit"), ("65 furlongs", "wrong_unit")])
def test_a_typing_slip_is_worded_in_japanese_in_the_japanese_window(qapp, typed, code):
    """Ward walk: the rules' English sentences reached the Japanese window ("'36,8 degC': use a
    decimal point"); each slip's code is worded in Japanese, with what was typed, and English stays
    the rules' own sentence."""
    from nkdesk.rules import units
    from nkdesk.rules.errors import InputError
    from nkdesk.ui import language
    from nkdesk.ui.rules_validator import RulesValidator

    def check(text: str) -> object:
        return units.parse(text, field="weight", analyte="weight")

    with pytest.raises(InputError) as raised:
        check(typed)
    assert raised.value.code == code
    validator = RulesValidator(check)
    assert validator.problem_for(typed) == raised.value.message          # English: the rules' sentence
    language.apply("ja", qapp)
    try:
        said = validator.problem_for(typed)
    finally:
        language.apply("en", qapp)
    assert _has_japanese(said) and said != raised.value.message
    shown = typed.split()[1] if code in ("unknown_unit", "wrong_unit") else typed
    assert f"「{shown}」" in said
