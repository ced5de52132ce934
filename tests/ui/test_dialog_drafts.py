"""Journeys in real time (issue 14): what a nurse or an investigator types in the adverse-event
dialog, the patient-details dialog and the calendar's move editor is kept as a draft about a
second after the last key; Escape, another patient, the lock and closing the window lose nothing;
reopening offers it back; saving for real removes it. Widgets are driven by their objectNames,
the pauses are a person's (`qtbot.wait`), no flush, save or private method is called, and the
database is read after.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QPushButton, QRadioButton

from nkdesk.services import drafts
from tests.ui.conftest import open_patient, sign_in

INVESTIGATOR = ("dr.tanaka", "tanaka-demo")
NURSE = ("rn.ito", "ito-ward-demo")
PAUSE_MS = 1500          # a person's pause: the draft is kept within about a second of the last key



def _ae_dialog(qtbot, window):
    """"Add adverse event…" on the AE tab, as a user: the dialog that opens."""
    view = window.patient_view
    view.tabs.setCurrentWidget(view.adverse_events)
    view.adverse_events.findChild(QPushButton, "ae_add").click()
    dialog = view.adverse_events.page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def _type(qtbot, parent, name: str, text: str, *, replace: bool = False) -> None:
    line = parent.findChild(QLineEdit, name)
    line.setFocus()
    if replace:
        line.selectAll()
    else:
        qtbot.keyClick(line, Qt.Key_End)          # continue after what is there
    qtbot.keyClicks(line, text)


def _state(parent, name: str) -> str:
    return parent.findChild(QLabel, name).text()


def test_an_adverse_event_typed_survives_escape_a_switch_the_lock_and_a_restart_then_is_saved(
        qtbot, window, prompts, demo_db):
    from nkdesk.ui.main_window import MainWindow

    sign_in(window, prompts, *INVESTIGATOR)
    store = window.session.store
    open_patient(qtbot, window, "DEMO-001")
    patient_id = window.patient_view.chart.patient.id
    count = store.scalar("SELECT count(*) FROM adverse_events WHERE patient_id = ?", (patient_id,))
    dialog = _ae_dialog(qtbot, window)
    term = dialog.findChild(QComboBox, "ae_term")
    term.setFocus()
    term.setCurrentIndex(1)                       # the protocol's first CTCAE term
    dialog.findChild(QRadioButton, "ae_grade_1").click()
    _type(qtbot, dialog, "ae_comment", "chills after the dose")
    qtbot.wait(PAUSE_MS)
    kept = drafts.find(store, patient_id, "adverse_event")
    assert kept is not None and kept.payload["comment"] == "chills after the dose" and kept.payload["grade"] == 1
    assert kept.payload["term"] == term.currentData()
    assert _state(dialog, "ae_state").startswith("Unsaved — draft kept at")
    assert store.scalar("SELECT count(*) FROM adverse_events WHERE patient_id = ?", (patient_id,)) == count
    assert store.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'drafts'") == 0   # not audited

    # -- Escape closes the dialog; nothing is thrown away, the tab says so
    _type(qtbot, dialog, "ae_comment", ", shivering")
    qtbot.keyClick(dialog, Qt.Key_Escape)                         # at once, no pause
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert drafts.find(store, patient_id, "adverse_event").payload["comment"] == "chills after the dose, shivering"
    tab = window.patient_view.adverse_events
    assert not tab.findChild(QLabel, "ae_draft_state").isHidden()
    assert "draft kept" in _state(tab, "ae_draft_state")

    # -- reopened: offered back, with a way to discard it
    dialog = _ae_dialog(qtbot, window)
    assert dialog.findChild(QLineEdit, "ae_comment").text() == "chills after the dose, shivering"
    assert dialog.findChild(QRadioButton, "ae_grade_1").isChecked()
    assert not dialog.findChild(QPushButton, "ae_discard_draft").isHidden()
    assert _state(dialog, "ae_state").startswith("Unsaved — draft kept at")

    # -- the idle lock in the middle of a word: kept without a question, the dialog hidden, back after
    _type(qtbot, dialog, "ae_comment", " at 14")
    prompts.will("credentials", ("", "tanaka-demo"))
    window.lock()
    assert drafts.find(store, patient_id, "adverse_event").payload["comment"].endswith("shivering at 14")
    assert [kind for kind, _ in prompts.asked if kind not in ("credentials",)] == []
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.findChild(QLineEdit, "ae_comment").text().endswith("shivering at 14")

    # -- another patient: the dialog closes, its typing stays DEMO-001's; the other patient has none
    _type(qtbot, dialog, "ae_comment", ":00")
    qtbot.keyClick(dialog, Qt.Key_Escape)
    open_patient(qtbot, window, "DEMO-005")
    assert not dialog.isVisible()
    assert drafts.find(store, patient_id, "adverse_event").payload["comment"].endswith("shivering at 14:00")
    other = _ae_dialog(qtbot, window)
    assert other.findChild(QLineEdit, "ae_comment").text() == ""
    assert other.findChild(QPushButton, "ae_discard_draft").isHidden()
    qtbot.keyClick(other, Qt.Key_Escape)
    qtbot.wait(300)
    assert drafts.find(store, window.patient_view.chart.patient.id, "adverse_event") is None   # untouched: none

    # -- the window closed and opened again on the same file: the draft is offered
    window.close()
    window.shut_down()
    again = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(again)
    again.show()
    again.load_rest()
    try:
        sign_in(again, prompts, *INVESTIGATOR)
        open_patient(qtbot, again, "DEMO-001")
        again.patient_view.tabs.setCurrentWidget(again.patient_view.adverse_events)
        assert "draft kept" in _state(again.patient_view.adverse_events, "ae_draft_state")
        dialog = _ae_dialog(qtbot, again)
        assert dialog.findChild(QLineEdit, "ae_comment").text() == "chills after the dose, shivering at 14:00"
        # -- completed and saved: the AE is the record, the draft is gone
        for name, index in (("ae_relatedness", 1), ("ae_outcome", 2), ("ae_action", 1)):
            combo = dialog.findChild(QComboBox, name)
            combo.setFocus()
            combo.setCurrentIndex(index)
            qtbot.wait(80)
        dialog.findChild(QPushButton, "ae_save").click()
        qtbot.wait(300)
        assert prompts.problems == []
        store = again.session.store
        rows = store.rows("SELECT comment, grade FROM adverse_events WHERE patient_id = ? ORDER BY id", (patient_id,))
        assert len(rows) == count + 1
        assert tuple(rows[-1]) == ("chills after the dose, shivering at 14:00", 1)
        assert drafts.find(store, patient_id, "adverse_event") is None
        assert again.patient_view.adverse_events.findChild(QLabel, "ae_draft_state").isHidden()
    finally:
        again.lock_timer.stop()
        again.shut_down()


def test_an_adverse_event_draft_is_discarded_only_with_a_reason_recorded(qtbot, window, prompts):
    sign_in(window, prompts, *NURSE)
    store = window.session.store
    open_patient(qtbot, window, "DEMO-001")
    patient_id = window.patient_view.chart.patient.id
    dialog = _ae_dialog(qtbot, window)
    _type(qtbot, dialog, "ae_comment", "wrong patient")
    qtbot.wait(PAUSE_MS)
    assert drafts.find(store, patient_id, "adverse_event") is not None
    prompts.will("reason", "typed for the wrong patient")
    dialog.findChild(QPushButton, "ae_discard_draft").click()
    qtbot.wait(300)
    assert not dialog.isVisible()
    assert drafts.find(store, patient_id, "adverse_event") is None
    (row,) = store.rows("SELECT reason, old_value FROM audit_log WHERE table_name = 'drafts'")
    assert row["reason"] == "typed for the wrong patient" and "wrong patient" in row["old_value"]
    dialog = _ae_dialog(qtbot, window)
    assert dialog.findChild(QLineEdit, "ae_comment").text() == ""


def _select_apheresis(qtbot, window, cycle: str = "1") -> None:
    """The calendar tab, cycle `cycle`'s apheresis row selected, "Move…" pressed."""
    from PySide6.QtWidgets import QTableView

    view = window.patient_view
    view.tabs.setCurrentWidget(view.calendar)
    table = view.calendar.findChild(QTableView, "calendar_events")
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 3).data() == "Apheresis"
               and model.index(r, 1).data() == cycle)
    table.setFocus()
    table.selectRow(row)
    qtbot.wait(200)
    view.calendar.findChild(QPushButton, "calendar_move").click()
    qtbot.waitUntil(view.calendar.findChild(QLineEdit, "calendar_move_date").isVisible, timeout=2000)


def test_a_calendar_move_typed_is_kept_across_a_switch_the_lock_and_a_restart_then_moved(
        qtbot, window, prompts, demo_db):
    import datetime as dt

    from nkdesk.storage import records
    from nkdesk.ui.main_window import MainWindow

    sign_in(window, prompts, *NURSE)
    store = window.session.store
    open_patient(qtbot, window, "DEMO-002")
    patient_id = window.patient_view.chart.patient.id
    planned = records.cycles(store, patient_id)[0].planned_apheresis_on
    new_day0 = planned + dt.timedelta(days=2)
    _select_apheresis(qtbot, window)
    calendar = window.patient_view.calendar
    event_id = next(e.id for e in records.events(store, patient_id)
                    if e.kind == "apheresis" and e.planned_on == planned)
    assert calendar.findChild(QLineEdit, "calendar_move_date").text() == planned.isoformat()
    _type(qtbot, calendar, "calendar_move_date", new_day0.isoformat(), replace=True)
    _type(qtbot, calendar, "calendar_move_reason", "apheresis unit")
    qtbot.wait(PAUSE_MS)
    kept = drafts.find(store, patient_id, "calendar", str(event_id))
    assert kept is not None and kept.payload == {"date": new_day0.isoformat(), "reason": "apheresis unit"}
    assert _state(calendar, "calendar_move_state").startswith("Unsaved — draft kept at")
    assert records.cycles(store, patient_id)[0].planned_apheresis_on == planned        # a draft moves nothing

    # -- the idle lock at once after a key: kept, nothing asked, on screen after the unlock
    _type(qtbot, calendar, "calendar_move_reason", " booked")
    prompts.will("credentials", ("", "ito-ward-demo"))
    window.lock()
    assert drafts.find(store, patient_id, "calendar", str(event_id)).payload["reason"] == "apheresis unit booked"
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)
    assert calendar.findChild(QLineEdit, "calendar_move_reason").text() == "apheresis unit booked"

    # -- another patient and back: the editor is closed for the other, and offered again here
    _type(qtbot, calendar, "calendar_move_reason", " for")
    open_patient(qtbot, window, "DEMO-001")
    window.patient_view.tabs.setCurrentWidget(calendar)
    assert calendar.findChild(QGroupBox, "calendar_move_editor").isHidden()
    assert drafts.find(store, patient_id, "calendar", str(event_id)).payload["reason"] == "apheresis unit booked for"
    open_patient(qtbot, window, "DEMO-002")
    window.patient_view.tabs.setCurrentWidget(calendar)
    qtbot.waitUntil(calendar.findChild(QLineEdit, "calendar_move_date").isVisible, timeout=2000)
    assert calendar.findChild(QLineEdit, "calendar_move_date").text() == new_day0.isoformat()
    assert _state(calendar, "calendar_move_state").startswith("Unsaved — draft kept at")

    # -- the window closed and opened again: offered; then moved for real, the draft gone with it
    window.close()
    window.shut_down()
    again = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(again)
    again.show()
    again.load_rest()
    try:
        sign_in(again, prompts, *NURSE)
        open_patient(qtbot, again, "DEMO-002")
        calendar = again.patient_view.calendar
        again.patient_view.tabs.setCurrentWidget(calendar)
        qtbot.waitUntil(calendar.findChild(QLineEdit, "calendar_move_date").isVisible, timeout=2000)
        assert calendar.findChild(QLineEdit, "calendar_move_reason").text() == "apheresis unit booked for"
        _type(qtbot, calendar, "calendar_move_reason", " Tuesday")
        calendar.findChild(QPushButton, "calendar_move_apply").click()
        qtbot.wait(300)
        assert prompts.problems == []
        store = again.session.store
        assert records.cycles(store, patient_id)[0].planned_apheresis_on == new_day0
        assert store.scalar("SELECT count(*) FROM audit_log WHERE reason = 'apheresis unit booked for Tuesday'") > 0
        assert drafts.find(store, patient_id, "calendar", str(event_id)) is None
        assert calendar.findChild(QGroupBox, "calendar_move_editor").isHidden()
        assert not calendar.findChild(QLabel, "calendar_moved").isHidden()
    finally:
        again.lock_timer.stop()
        again.shut_down()


def test_a_move_date_that_is_not_a_date_is_refused_by_the_service_and_the_typing_stays(qtbot, window, prompts):
    from nkdesk.storage import records

    sign_in(window, prompts, *NURSE)
    store = window.session.store
    open_patient(qtbot, window, "DEMO-002")
    patient_id = window.patient_view.chart.patient.id
    before = records.events(store, patient_id)
    _select_apheresis(qtbot, window)
    calendar = window.patient_view.calendar
    _type(qtbot, calendar, "calendar_move_date", "2026-13-40", replace=True)
    _type(qtbot, calendar, "calendar_move_reason", "unit booked")
    calendar.findChild(QPushButton, "calendar_move_apply").click()
    qtbot.wait(300)
    assert prompts.problems and "is not a date" in prompts.problems[-1]
    assert records.events(store, patient_id) == before
    assert calendar.findChild(QLineEdit, "calendar_move_date").text() == "2026-13-40"
    (kept,) = drafts.pending(store, patient_id, "calendar")
    assert kept.payload["date"] == "2026-13-40"


def _patient_dialog(qtbot, window, prompts, patient=None):
    """The patient-details dialog as the window opens it (its draft kept through the window's
    session), shown without a modal loop so that the test can type into it."""
    from nkdesk.ui.patient_dialog import PatientDialog
    from nkdesk.ui.patient_draft import PatientDraft

    dialog = PatientDialog(patient, window, draft=PatientDraft(window.session, prompts,
                                                               None if patient is None else patient.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def test_a_new_patients_details_typed_survive_escape_and_a_restart_then_create_the_patient(
        qtbot, window, prompts, demo_db):
    from nkdesk.services import patients
    from nkdesk.ui.main_window import MainWindow

    sign_in(window, prompts, *NURSE)
    store, nurse = window.session.store, window.session.user
    dialog = _patient_dialog(qtbot, window, prompts)
    _type(qtbot, dialog, "patient_study_id", "NEW-301")
    _type(qtbot, dialog, "patient_initials", "KM")
    _type(qtbot, dialog, "patient_birth_date", "1961-04-09")
    qtbot.wait(PAUSE_MS)
    kept = drafts.find_mine(store, nurse, "patient_details")
    assert kept is not None and kept.payload["study_id"] == "NEW-301" and kept.payload["birth_date"] == "1961-04-09"
    assert _state(dialog, "patient_state").startswith("Unsaved — draft kept at")
    assert not patients.search(store, "NEW-301")                  # no patient yet
    assert store.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'user_drafts'") == 0

    _type(qtbot, dialog, "patient_hospital_id", "H301")
    qtbot.keyClick(dialog, Qt.Key_Escape)                     # at once: kept on the way out
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert drafts.find_mine(store, nurse, "patient_details").payload["hospital_id"] == "H301"

    again_dialog = _patient_dialog(qtbot, window, prompts)    # "New patient…" again: offered back
    assert again_dialog.findChild(QLineEdit, "patient_study_id").text() == "NEW-301"
    assert again_dialog.findChild(QLineEdit, "patient_hospital_id").text() == "H301"
    assert not again_dialog.findChild(QPushButton, "patient_discard_draft").isHidden()
    assert _state(again_dialog, "patient_state").startswith("Unsaved — draft kept at")
    qtbot.keyClick(again_dialog, Qt.Key_Escape)

    window.close()                                            # quit, then the same file again
    window.shut_down()
    again = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(again)
    again.show()
    again.load_rest()
    try:
        sign_in(again, prompts, *NURSE)
        reopened = _patient_dialog(qtbot, again, prompts)
        assert reopened.findChild(QLineEdit, "patient_initials").text() == "KM"
        typed = reopened.values()
        qtbot.keyClick(reopened, Qt.Key_Escape)
        # the window's own "New patient…": it hands the dialog a draft keeper for the signed-in user;
        # creating the patient takes the draft in the same save
        prompts.will("patient", typed)
        again.new_patient()
        assert prompts.problems == []
        keeper = prompts.drafts_offered[-1]
        assert keeper is not None and keeper.patient_id is None       # the signed-in user's draft …
        assert keeper.found() is None                                 # … taken by the creation
        store = again.session.store
        (created,) = patients.search(store, "NEW-301")
        assert (created.initials, created.hospital_id) == ("KM", "H301")
        assert drafts.find_mine(store, again.session.user, "patient_details") is None
    finally:
        again.lock_timer.stop()
        again.shut_down()


def test_an_edit_of_patient_details_is_kept_until_the_change_is_saved_with_its_reason(qtbot, window, prompts):
    from nkdesk.services import patients

    sign_in(window, prompts, *INVESTIGATOR)
    store = window.session.store
    open_patient(qtbot, window, "DEMO-001")
    patient = window.patient_view.chart.patient
    dialog = _patient_dialog(qtbot, window, prompts, patient)
    _type(qtbot, dialog, "patient_hospital_id", "H0001-B", replace=True)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert drafts.find(store, patient.id, "patient_details").payload["hospital_id"] == "H0001-B"
    assert patients.chart(store, patient.id).patient.hospital_id == patient.hospital_id
    reopened = _patient_dialog(qtbot, window, prompts, patient)
    assert reopened.findChild(QLineEdit, "patient_hospital_id").text() == "H0001-B"
    typed = reopened.values()
    qtbot.keyClick(reopened, Qt.Key_Escape)
    prompts.will("patient", typed).will("reason", "hospital ID re-issued")
    window.edit_patient(patient)
    assert prompts.problems == []
    assert patients.chart(store, patient.id).patient.hospital_id == "H0001-B"
    assert drafts.find(store, patient.id, "patient_details") is None


def test_return_in_the_adverse_event_dialog_never_saves_it_and_ctrl_l_locks_from_inside(qtbot, window, prompts):
    """Ward walk: a nurse picked "Fever" with Return and a second Return saved the AE with no grade;
    Ctrl+L in the dialog did nothing and the unlock password went into the Comment box."""
    sign_in(window, prompts, *NURSE)
    store = window.session.store
    open_patient(qtbot, window, "DEMO-003")
    patient_id = window.patient_view.chart.patient.id
    count = store.scalar("SELECT count(*) FROM adverse_events WHERE patient_id = ?", (patient_id,))
    dialog = _ae_dialog(qtbot, window)
    term = dialog.findChild(QComboBox, "ae_term")
    term.setFocus()
    qtbot.keyClick(term, Qt.Key_Down)
    qtbot.keyClick(term, Qt.Key_Return)
    qtbot.wait(300)
    qtbot.keyClick(term, Qt.Key_Return)
    comment = dialog.findChild(QLineEdit, "ae_comment")
    comment.setFocus()
    qtbot.keyClicks(comment, "shivering")
    qtbot.keyClick(comment, Qt.Key_Return)
    qtbot.wait(PAUSE_MS)
    assert dialog.isVisible()
    assert store.scalar("SELECT count(*) FROM adverse_events WHERE patient_id = ?", (patient_id,)) == count

    prompts.will("credentials", ("", "ito-ward-demo"))
    qtbot.keyClick(comment, Qt.Key_L, Qt.ControlModifier)
    assert ("credentials", ("Unlock NKDesk",)) in [(kind, tuple(context)) for kind, context in prompts.asked]
    kept = drafts.find(store, patient_id, "adverse_event")      # the lock kept the typing
    assert kept is not None and kept.payload["comment"] == "shivering"
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert comment.text() == "shivering"                          # and gave it back after the unlock
    assert store.scalar("SELECT count(*) FROM adverse_events WHERE patient_id = ?", (patient_id,)) == count
