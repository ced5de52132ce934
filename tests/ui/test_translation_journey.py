"""View › Language in real time (issue 18): an investigator switches the window to 日本語 from the
menu while typing; every screen speaks Japanese at once, what was typed is still there; the choice
is the investigator's own (after signing out and in again, still Japanese; a nurse who chose nothing
sees the workstation's English) and the window starts in the last user's language.

Widgets are driven by objectName, with a person's pauses; the database is read afterwards.
"""
from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from nkdesk.services import preferences
from tests.ui.conftest import open_patient, sign_in

INVESTIGATOR, NURSE = ("dr.tanaka", "tanaka-demo"), ("rn.ito", "ito-ward-demo")


@pytest.fixture(autouse=True)
def _english_afterwards(qapp):
    """The language is the application's: the next test starts in English whatever happened here."""
    from nkdesk.ui import language

    yield
    language.apply("en", qapp)



def _menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _user_id(store, username: str) -> int:
    return store.one("SELECT id FROM users WHERE username = ?", (username,))["id"]


def test_switching_to_japanese_keeps_the_typing_and_is_the_users_own_choice(qtbot, window, prompts, demo_db):
    from nkdesk.ui.main_window import MainWindow

    sign_in(window, prompts, *INVESTIGATOR)
    assert "&File" in _menu_titles(window)
    open_patient(qtbot, window, "DEMO-002")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.dosing)
    qtbot.wait(100)
    weight = window.findChild(QLineEdit, "weight_value")
    weight.setFocus()
    weight.selectAll()
    qtbot.keyClicks(weight, "69.5")
    qtbot.wait(200)

    window.findChild(QAction, "language_ja").trigger()
    qtbot.waitUntil(lambda: window.patient_view is not view, timeout=5000)
    qtbot.wait(200)
    new_view = window.patient_view
    assert "ファイル(&F)" in _menu_titles(window)
    assert new_view.tabs.tabText(new_view.tabs.indexOf(new_view.overview)) == "概要(&O)"
    # the same patient, the same tab, what was typed still there (the old widgets are gone)
    assert new_view.chart.patient.study_id == "DEMO-002"
    assert new_view.tabs.currentWidget() is new_view.dosing
    assert new_view.findChild(QLineEdit, "weight_value").text() == "69.5"
    assert window.patients.findChild(QLineEdit, "patient_search").text() == "DEMO-002"
    assert [w for w in window.findChildren(QLineEdit, "weight_value") if w.window() is window] == \
        [new_view.findChild(QLineEdit, "weight_value")]   # the old screen is gone from the window
    assert window.findChild(QLabel, "status_user").text().startswith("サインイン中：")
    assert window.findChild(QLabel, "status_user").text().endswith("（試験責任・分担医師）")  # the role in Japanese
    assert window.findChild(QAction, "language_ja").isChecked()
    store = window.session.store
    assert preferences.language(store, window.session.user) == "ja"
    assert store.one("SELECT language FROM user_preferences WHERE user_id = ?",
                     (_user_id(store, "dr.tanaka"),))["language"] == "ja"

    # signed out and in again: still Japanese for this investigator, the typing offered back
    window.findChild(QAction, "sign_out_action").trigger()
    qtbot.wait(200)
    sign_in(window, prompts, *INVESTIGATOR)
    assert "ファイル(&F)" in _menu_titles(window)
    assert window.patient_view.tabs.tabText(0) == "概要(&O)"
    open_patient(qtbot, window, "DEMO-002")
    window.patient_view.tabs.setCurrentWidget(window.patient_view.dosing)
    qtbot.waitUntil(lambda: window.findChild(QLineEdit, "weight_value").text() == "69.5", timeout=3000)

    # another user, who chose nothing: the workstation's language (English here)
    window.findChild(QAction, "sign_out_action").trigger()
    qtbot.wait(200)
    sign_in(window, prompts, *NURSE)
    assert "&File" in _menu_titles(window)
    assert window.patient_view.tabs.tabText(0) == "&Overview"
    assert window.findChild(QAction, "language_en").isChecked()
    assert store.one("SELECT language FROM user_preferences WHERE user_id = ?",
                     (_user_id(store, "rn.ito"),)) is None

    # the investigator signs in last; the window started again greets in Japanese before sign-in
    window.findChild(QAction, "sign_out_action").trigger()
    qtbot.wait(200)
    sign_in(window, prompts, *INVESTIGATOR)
    window.findChild(QAction, "sign_out_action").trigger()
    qtbot.wait(200)
    window.close()
    from nkdesk.ui import language

    language.apply("en")
    again = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(again)
    again.show()
    again.load_rest()
    qtbot.waitUntil(lambda: "ファイル(&F)" in _menu_titles(again), timeout=3000)
    assert again.findChild(QPushButton, "sign_in_button").text() == "サインイン(&S)…"
    assert again.findChild(QLabel, "welcome").text() == "NKDesk — サインインして開始"
    again.lock_timer.stop()
    again.shut_down()


def _type_japanese(qtbot, line: QLineEdit, text: str) -> None:
    """As the input method commits Japanese (qtbot.keyClicks with non-ASCII aborts the process)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    line.setFocus()
    line.selectAll()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(line, event)
    qtbot.wait(300)


def test_the_apheresis_date_typed_in_the_era_plans_the_course(qtbot, window, prompts):
    """令和 typed through the input method on the dosing tab of a new patient: the course is planned
    for 7 March 2026 (services.dosing reads the date with rules.dates, typed)."""
    sign_in(window, prompts, *INVESTIGATOR)
    prompts.will("patient", {"study_id": "NEW-018", "initials": "KS", "birth_date": "昭和33年3月7日", "sex": "F",
                             "hospital_id": "H9018"})
    window.new_patient()
    assert prompts.problems == []
    view = window.patient_view
    assert view.chart.patient.birth_date.isoformat() == "1958-03-07"     # the era, through services.patients
    view.tabs.setCurrentWidget(view.dosing)
    qtbot.wait(100)
    for name, text in (("height_value", "160"), ("weight_value", "55")):
        box = view.findChild(QLineEdit, name)
        box.setFocus()
        qtbot.keyClicks(box, text)
        qtbot.wait(80)
    line = view.findChild(QLineEdit, "apheresis_date")
    _type_japanese(qtbot, line, "令和8年3月7日")
    assert line.text() == "令和8年3月7日"
    course = view.findChild(QLabel, "dosing_course")
    qtbot.waitUntil(lambda: "(apheresis 2026-03-07)" in course.text(), timeout=3000)
    _type_japanese(qtbot, line, "2026年3月9日")
    qtbot.waitUntil(lambda: "(apheresis 2026-03-09)" in course.text(), timeout=3000)
    assert not view.findChild(QLabel, "dosing_problem").isVisible()
