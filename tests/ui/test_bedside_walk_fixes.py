"""Three things a ward walk at the bedside found (DEMO-003, mid-infusion), as journeys by objectName
with a person's pauses, the database read after:
- the row said "saved" while a question about the set's time point was still open, and nothing
  was stored (it is said only once the set is stored);
- clicking into the empty time box of a time point still to come stamped the current time into it;
- after an alert's acknowledgement was recorded the keyboard landed in the patient search box with
  "003" selected (one typed digit away from another patient's list): it stays in the grid.
"""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton

from nkdesk.services import vitals as vitals_service
from tests.ui.conftest import open_patient, sign_in
from tests.ui.test_vitals_journeys import _row, _type  # the same steps as the nurse's round

NURSE = ("rn.ito", "ito-ward-demo")


def _infusion(qtbot, window):
    open_patient(qtbot, window, "DEMO-003")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.infusion)
    qtbot.wait(100)
    return view


def test_saved_is_said_only_once_the_set_is_stored(qtbot, window, prompts):
    """71 min after the start typed into the 2-h row: the nurse is asked where it goes; while the
    question is open the row does not say "saved"; answering "no" stores nothing and says unsaved."""
    sign_in(window, prompts, *NURSE)
    view = _infusion(qtbot, window)
    store = window.session.store
    infusion = view.infusion.infusion
    before = len(vitals_service.vital_sets(store, infusion.id))
    grid = view.infusion.page.grid
    row = _row(grid, "tp120")
    window.activateWindow()
    _type(qtbot, grid, row, "time", (infusion.started_at + timedelta(minutes=71)).strftime("%H:%M"))
    for field, text in (("systolic", "121"), ("diastolic", "70"), ("pulse", "76"), ("resp_rate", "16"),
                        ("temperature", "36.8"), ("spo2", "98")):
        _type(qtbot, grid, row, field, text)
    acvpu = grid.findChild(QComboBox, f"vitals_r{row}_acvpu")
    acvpu.setFocus()
    acvpu.setCurrentIndex(acvpu.findData("A"))
    seen_while_asked = []

    def answer(_title, _text):
        seen_while_asked.append(view.infusion.page.grid.findChild(QLabel, "vitals_save_state").text())
        return False

    prompts.will("confirm", answer)
    qtbot.keyClick(acvpu, Qt.Key_Tab)
    qtbot.keyClick(grid.findChild(QLineEdit, f"vitals_r{row}_reason"), Qt.Key_Tab)
    qtbot.wait(300)
    assert len(seen_while_asked) == 1 and not seen_while_asked[0].startswith("Saved"), seen_while_asked
    assert len(vitals_service.vital_sets(store, infusion.id)) == before
    state = view.infusion.page.grid.findChild(QLabel, "vitals_save_state").text()
    assert not state.startswith("Saved"), state


def test_an_empty_time_box_takes_the_clock_only_for_a_set_being_taken(qtbot, window, prompts):
    """The demo infusion started 70 min ago with its 1-h set taken: the 2-h row is due in 50 min and
    the 4-h row in 170; entering their empty time boxes leaves them empty; an extra set takes now."""
    sign_in(window, prompts, *NURSE)
    view = _infusion(qtbot, window)
    grid = view.infusion.page.grid
    window.activateWindow()
    for key in ("tp120", "tp240"):
        box = grid.findChild(QLineEdit, f"vitals_r{_row(grid, key)}_time")
        qtbot.mouseClick(box, Qt.LeftButton)
        qtbot.wait(100)
        assert box.text() == "", key
    grid.findChild(QPushButton, "vitals_add_extra").click()
    qtbot.wait(100)
    extra = grid.findChild(QLineEdit, f"vitals_r{len(grid.rows) - 1}_time")
    assert extra.hasFocus() and len(extra.text()) == 5          # HH:MM, now


def test_recording_an_acknowledgement_keeps_the_keyboard_in_the_grid(qtbot, window, prompts):
    """The demo's 1-h set (38.3 °C) has an open alert; the nurse records who was informed and the
    action; the alert is stored as acknowledged and the keyboard is still in the grid."""
    sign_in(window, prompts, *NURSE)
    view = _infusion(qtbot, window)
    store = window.session.store
    grid = view.infusion.page.grid
    window.activateWindow()
    (key,) = grid.pending_alerts()
    grid.findChild(QPushButton, f"vitals_ack_{key}").click()
    qtbot.wait(100)
    informed = grid.findChild(QComboBox, f"vitals_ack_{key}_informed")
    informed.setFocus()
    qtbot.keyClicks(informed.lineEdit(), "Dr Sato")
    action = grid.findChild(QLineEdit, f"vitals_ack_{key}_action")
    action.setFocus()
    qtbot.keyClicks(action, "paracetamol 500 mg")
    record = grid.findChild(QPushButton, f"vitals_ack_{key}_record")
    record.setFocus(Qt.MouseFocusReason)                 # clicked, as on the ward
    qtbot.mouseClick(record, Qt.LeftButton)
    qtbot.wait(300)
    assert store.scalar("SELECT count(*) FROM vital_alerts WHERE acknowledged_at IS NULL AND patient_id = ?",
                        (view.chart.patient.id,)) == 0
    focus = QApplication.focusWidget()
    grid = view.infusion.page.grid
    assert focus is not None and grid.isAncestorOf(focus), focus.objectName() if focus else None
    assert focus.objectName() != "patient_search"


def test_a_click_into_a_value_selects_it_so_typing_replaces_it(qtbot, window, prompts):
    """Ward walk: clicking into the 30-min set's SpO₂ (98) and typing 97 made "9897"; a click selects the
    value, as Tab does, so what is typed replaces it."""
    sign_in(window, prompts, *NURSE)
    view = _infusion(qtbot, window)
    grid = view.infusion.page.grid
    window.activateWindow()
    spo2 = grid.findChild(QLineEdit, f"vitals_r{_row(grid, 'tp30')}_spo2")
    assert spo2.text() == "98"
    qtbot.mouseClick(spo2, Qt.LeftButton)
    qtbot.wait(100)
    qtbot.keyClicks(spo2, "97")
    assert spo2.text() == "97"
