"""Window tests: a demo database per test and a scripted `Prompts`, so that whole workflows run
without modal dialogs (the dialogs themselves are tested on their own, shown modelessly)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ui.scripted_prompts import ScriptedPrompts


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    """One demo database for the session (cheap password hashing); each test copies it."""
    from nkdesk.services import demo
    from nkdesk.storage import passwords
    from nkdesk.storage.database import open_database

    cost = passwords.COST_N
    passwords.COST_N = 2 ** 10
    try:
        path = tmp_path_factory.mktemp("demo-template") / "nkdesk.sqlite3"
        store = open_database(path, create=True)
        demo.populate(store, "tester")
        store.close()
    finally:
        passwords.COST_N = cost
    return path


@pytest.fixture
def demo_db(tmp_path, _demo_template, cheap_passwords) -> Path:
    target = tmp_path / "ward" / "nkdesk.sqlite3"
    target.parent.mkdir()
    for suffix in ("", ".anchor.json"):
        source = Path(str(_demo_template) + suffix)
        if source.exists():
            shutil.copyfile(source, Path(str(target) + suffix))
    return target


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def window(qtbot, demo_db, prompts):
    """The main window on a demo database, loaded (as after its first paint), nobody signed in."""
    from nkdesk.ui.main_window import MainWindow

    main = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(main)
    main.show()
    main.load_rest()
    yield main
    main.lock_timer.stop()
    main.shut_down()


def sign_in(window, prompts, username: str, password: str) -> None:
    prompts.will("credentials", (username, password))
    assert window.sign_in(), prompts.problems


def verify_in_dialog(qtbot, window, username: str, password: str, *, figure: str | None = None) -> None:
    """Open the verify dialog from the dosing tab, do the independent check (recompute, or type
    `figure`), then sign as `username` — by objectName, as a verifier would."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton

    window.patient_view.dosing.page.verify.click()
    dialog = window.patient_view.dosing.verify_dialog
    qtbot.waitUntil(dialog.isVisible)
    if figure is None:
        dialog.findChild(QPushButton, "verify_recompute").click()
    else:
        dialog.findChild(QLineEdit, "verify_own_dose").setFocus()
        qtbot.keyClicks(dialog.findChild(QLineEdit, "verify_own_dose"), figure)
        dialog.findChild(QPushButton, "verify_compare").click()
    name = dialog.findChild(QLineEdit, "verify_username")    # offered with the signed-in user's name
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, username)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "verify_password"), password)
    qtbot.wait(50)
    dialog.findChild(QPushButton, "verify_sign").click()
    if dialog.result() != QDialog.DialogCode.Accepted:
        dialog.reject()


def ward_clock_at(window, moment) -> None:
    """The ward's clock (the store's: every save checks a recorded time against it) shows `moment`
    (naive local time). The demo infusion started 70 minutes ago; a journey that records its 2 h set
    does it at 2 h, as a nurse would, not 50 minutes early (a time still to come is refused)."""
    from datetime import datetime

    ahead = moment.astimezone() - datetime.now().astimezone()
    window.session.store._clock = lambda: datetime.now().astimezone() + ahead   # and runs on from there


def open_patient(qtbot, window, study_id: str) -> None:
    """As a user: the study ID in the search box, Enter; waits until that patient is on screen."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    search = window.findChild(QLineEdit, "patient_search")
    search.setFocus()
    search.selectAll()
    qtbot.keyClicks(search, study_id)
    qtbot.keyClick(search, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.patient_view.chart is not None
                    and window.patient_view.chart.patient.study_id == study_id, timeout=3000)
