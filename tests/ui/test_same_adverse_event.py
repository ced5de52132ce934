"""Logging an AE whose term is already logged and still ongoing asks first (ward walk: a second Fever
was logged silently while DEMO-003's first Fever — grade 1, no outcome yet — was open). "No" logs
nothing and keeps what was typed as a draft; "Yes" logs it. By objectName, the database read after."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QRadioButton

from nkdesk.services import drafts
from tests.ui.conftest import open_patient, sign_in


def _add_fever(qtbot, window):
    view = window.patient_view
    view.tabs.setCurrentWidget(view.adverse_events)
    qtbot.wait(50)
    view.adverse_events.findChild(QPushButton, "ae_add").click()
    dialog = view.adverse_events.page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    term = dialog.findChild(QComboBox, "ae_term")
    term.setFocus()
    term.setCurrentIndex(term.findData("Fever"))
    qtbot.mouseClick(dialog.findChild(QRadioButton, "ae_grade_2"), Qt.LeftButton)
    qtbot.wait(300)
    qtbot.mouseClick(dialog.findChild(QPushButton, "ae_save"), Qt.LeftButton)
    qtbot.wait(300)


def test_a_second_fever_while_the_first_is_ongoing_is_asked_about(qtbot, window, prompts):
    sign_in(window, prompts, "rn.ito", "ito-ward-demo")
    open_patient(qtbot, window, "DEMO-003")
    store = window.session.store
    patient_id = window.patient_view.chart.patient.id

    def fevers() -> int:
        return store.scalar("SELECT count(*) FROM adverse_events WHERE patient_id = ? AND term = 'Fever'",
                            (patient_id,))

    before = fevers()
    assert before >= 1                                   # the demo's open Fever
    prompts.will("confirm", False)
    _add_fever(qtbot, window)
    kind, (_title, text) = prompts.asked[-1]
    assert kind == "confirm" and "already logged" in text and "Fever" in text
    assert fevers() == before
    assert drafts.find(store, patient_id, "adverse_event") is not None      # the typing is kept
    prompts.will("confirm", True)
    _add_fever(qtbot, window)
    assert fevers() == before + 1
