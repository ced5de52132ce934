"""Journeys through the Labs tab: a nurse types a dated set in mixed units for a patient on
treatment, sees each value graded beside its range, saves once, and the database holds the set, the
AE proposals it supports and the label's WBC check on the dose order; a low calcium asks whether it
was ionised; typing survives switching patient.

Grades from NCI CTCAE v5.0 (27 Nov 2017); WBC limits from the Japanese filgrastim label
(mobilisation: reduce at ≥ 50,000/mm³).
"""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QScrollArea

from nkdesk.services import ae_proposals, dosing, labs
from nkdesk.services import patients as patient_service
from tests.ui.conftest import sign_in

NURSE = ("rn.ito", "ito-ward-demo")


def _type(qtbot, parent, name: str, text: str) -> None:
    line = parent.findChild(QLineEdit, name)
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, text)
    qtbot.wait(50)


def _open_labs(qtbot, window, prompts, study_id: str):
    sign_in(window, prompts, *NURSE)
    patient = patient_service.search(window.session.store, study_id)[0]
    window.patient_view.show_patient(patient.id)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.labs)
    qtbot.wait(50)
    return patient, view.labs


def test_a_set_in_mixed_units_is_graded_and_feeds_the_wbc_check_and_a_proposal(qtbot, window, prompts):
    """DEMO-003 (on treatment, verified order): on day 3 of its G-CSF course, typed as 2026/12/3
    style, WBC 52000 /µL, Hb 8.5 g/dL, platelets 4.0 ×10⁴/µL and sodium 140 mEq/L. The screen says
    Anemia grade 2 (CTCAE: <10.0–8.0 g/dL) before saving; after one click the database holds the
    four results as typed, proposals Anemia 2 and Platelet count decreased 3 (<50,000–25,000/mm³),
    and the dose order's check says reduce (label: ≥ 50,000/mm³)."""
    patient, tab = _open_labs(qtbot, window, prompts, "DEMO-003")
    store = window.session.store
    day = dosing.status(store, patient.id).order.order.course[2]
    before = {p.id for p in ae_proposals.proposals(store, patient.id, status=None)}
    _type(qtbot, tab, "labtab_date", f"{day.year}/{day.month}/{day.day}")
    _type(qtbot, tab, "labtab_wbc_value", "52000")
    _type(qtbot, tab, "labtab_hemoglobin_value", "8.5")
    _type(qtbot, tab, "labtab_platelets_value", "4.0")
    sodium_unit = tab.findChild(QComboBox, "labtab_sodium_unit")
    sodium_unit.setCurrentIndex(sodium_unit.findData("mEq/L"))
    _type(qtbot, tab, "labtab_sodium_value", "140")
    qtbot.wait(300)
    assert tab.findChild(QLabel, "labtab_hemoglobin_grade").text() == "low; Anemia grade 2"
    assert tab.findChild(QLabel, "labtab_sodium_range").text() == "138–145 mEq/L"
    assert tab.findChild(QComboBox, "labtab_hemoglobin_unit").currentData() == "g/dL"
    tab.findChild(QPushButton, "labtab_save").click()
    qtbot.wait(50)
    assert prompts.problems == []
    latest = max(patient_service.chart(store, patient.id).lab_sets, key=lambda s: s.id)
    assert latest.sampled_on == day
    assert sorted((r.analyte, r.quantity.text) for r in latest.results) == [
        ("hemoglobin", "8.5 g/dL"), ("platelets", "4.0 10^4/uL"), ("sodium", "140 mEq/L"), ("wbc", "52000 /uL")]
    made = {(p.term, p.grade) for p in ae_proposals.proposals(store, patient.id, status=None) if p.id not in before}
    assert made == {("Anemia", 2), ("Platelet count decreased", 3)}
    assert [c.code for c in dosing.status(store, patient.id).checks] == ["wbc_reduce"]
    words = tab.findChild(QLabel, "labtab_result").text()
    assert "Anemia grade 2" in words and "reduce the dose" in words
    assert tab.findChild(QLineEdit, "labtab_wbc_value").text() == ""
    tab.inner.setCurrentIndex(1)
    qtbot.wait(50)
    assert tab.model.columnCount() == len(labs.history(store, patient.id).sets)


def test_a_low_total_calcium_asks_whether_it_was_ionised(qtbot, window, prompts):
    """Calcium 1.05 mmol/L: the screen warns, saving asks; "ionised" stores it as ionised calcium."""
    patient, tab = _open_labs(qtbot, window, prompts, "DEMO-003")
    unit = tab.findChild(QComboBox, "labtab_calcium_unit")
    unit.setCurrentIndex(unit.findData("mmol/L"))
    _type(qtbot, tab, "labtab_calcium_value", "1.05")
    qtbot.wait(300)
    assert "was it ionised calcium?" in tab.findChild(QLabel, "labtab_warning").text()
    prompts.will("choose", "ionised")
    tab.findChild(QPushButton, "labtab_save").click()
    qtbot.wait(50)
    assert prompts.asked[-1][0] == "choose" and prompts.problems == []
    latest = max(patient_service.chart(window.session.store, patient.id).lab_sets, key=lambda s: s.id)
    assert [(r.analyte, r.quantity.text) for r in latest.results] == [("ionized_calcium", "1.05 mmol/L")]


def test_typing_survives_switching_patient(qtbot, window, prompts):
    """A value typed for DEMO-003 is still there after looking at DEMO-002 and coming back; DEMO-002's
    fields are empty meanwhile. Nothing is saved by switching."""
    patient, tab = _open_labs(qtbot, window, prompts, "DEMO-003")
    store = window.session.store
    sets = len(patient_service.chart(store, patient.id).lab_sets)
    _type(qtbot, tab, "labtab_albumin_value", "3.1")
    other = patient_service.search(store, "DEMO-002")[0]
    window.patient_view.show_patient(other.id)
    qtbot.wait(50)
    assert tab.findChild(QLineEdit, "labtab_albumin_value").text() == ""
    window.patient_view.show_patient(patient.id)
    qtbot.wait(50)
    assert tab.findChild(QLineEdit, "labtab_albumin_value").text() == "3.1"
    assert len(patient_service.chart(store, patient.id).lab_sets) == sets


def test_rows_keep_their_place_while_messages_and_grades_come_and_go(qtbot, window, prompts):
    """Ward walk (rows moved while typing, so a click aimed at Platelets hit AST): every row's number
    box stays where it was when a slip's message appears (AST "45,5": a decimal comma), when a grade
    appears (Hb 8.5 g/dL: CTCAE v5.0 Anemia grade 2, <10.0–8.0 g/dL), and when both go again."""
    _patient, tab = _open_labs(qtbot, window, prompts, "DEMO-003")
    window.resize(1366, 768)
    qtbot.wait(100)
    boxes = {name: tab.findChild(QLineEdit, f"labtab_{name}_value") for name in tab.fields}
    inner = tab.findChild(QScrollArea, "labtab_scroll").widget()

    def places():
        return {name: (box.mapTo(inner, box.rect().topLeft()), box.size()) for name, box in boxes.items()}

    before = places()
    _type(qtbot, tab, "labtab_ast_value", "45,5")
    _type(qtbot, tab, "labtab_hemoglobin_value", "8.5")
    qtbot.wait(400)
    assert tab.findChild(QLabel, "labtab_ast_problem").isVisible()
    assert tab.findChild(QLabel, "labtab_hemoglobin_grade").text() == "low; Anemia grade 2"
    assert places() == before
    _type(qtbot, tab, "labtab_ast_value", "")
    _type(qtbot, tab, "labtab_hemoglobin_value", "")
    qtbot.wait(400)
    assert not tab.findChild(QLabel, "labtab_ast_problem").isVisible()
    assert places() == before
