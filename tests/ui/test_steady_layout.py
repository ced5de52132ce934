"""What is on screen does not jump under the user's next click (ward walk): the eligibility form
moved down when "Discard draft…" appeared beside the state line (a click meant for the platelets
landed in Hb: "12.118.5"), and the adverse-event log moved down when the line "draft kept" appeared
after Escape (the click on "Add adverse event" missed). Journeys by objectName with a person's
pauses; positions measured in the window before and after."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from nkdesk.services import drafts
from tests.ui.conftest import open_patient, sign_in

INVESTIGATOR = ("dr.tanaka", "tanaka-demo")
PAUSE_MS = 1500


def _top(window, widget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def test_the_eligibility_form_stays_put_when_a_draft_is_kept(qtbot, window, prompts):
    sign_in(window, prompts, *INVESTIGATOR)
    open_patient(qtbot, window, "DEMO-001")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.eligibility)
    wizard = view.eligibility.wizard
    wizard.steps.setFocus()
    qtbot.keyClick(wizard.steps, Qt.Key_PageDown, Qt.ControlModifier)      # 2 Laboratory
    qtbot.wait(100)
    platelets = wizard.findChild(QLineEdit, "lab_platelets_value")
    discard = view.eligibility.findChild(QPushButton, "eligibility_discard_draft")
    before = _top(window, platelets)
    assert not discard.isVisible()
    date = wizard.findChild(QLineEdit, "labs_date")
    date.setFocus()
    qtbot.keyClicks(date, "2026-10-28")
    qtbot.wait(PAUSE_MS)                                                    # the draft is kept
    assert drafts.find(window.session.store, view.chart.patient.id, "eligibility") is not None
    assert discard.isVisible()
    assert _top(window, platelets) == before


def test_the_adverse_event_log_stays_put_when_a_draft_is_kept(qtbot, window, prompts):
    sign_in(window, prompts, *INVESTIGATOR)
    open_patient(qtbot, window, "DEMO-001")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.adverse_events)
    qtbot.wait(100)
    add = view.adverse_events.findChild(QPushButton, "ae_add")
    before = _top(window, add)
    add.click()
    dialog = view.adverse_events.page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    term = dialog.findChild(QComboBox, "ae_term")
    term.setFocus()
    term.setCurrentIndex(1)
    qtbot.wait(PAUSE_MS)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    qtbot.wait(200)
    assert view.adverse_events.findChild(QLabel, "ae_draft_state").isVisible()
    assert _top(window, add) == before
