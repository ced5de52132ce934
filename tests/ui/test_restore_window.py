"""Restoring a backup from the window (issue 15, items 5 and 6), driven as an administrator would —
by objectName, waiting as a person does — then the database files are read: the restored rows,
the restore's audit row with the typed reason and what was accepted as lost, the replaced file
kept. And the refusals: a backup that fails verify, another database's backup, a nurse; at start
a damaged database names itself and offers its last good backup, or only Quit."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QLineEdit, QPushButton, QTableWidget

from tests.ui.conftest import sign_in

ADMIN_PW, NURSE_PW = "admin-demo", "ito-ward-demo"
LABS = {"platelets": "15.2 10^4/uL", "hemoglobin": "12.1 g/dL"}


def _backup(db: Path) -> Path:
    from nkdesk.services import workstation

    return workstation.take_backup(db, "manual").path


def _newer_labs(db: Path) -> str:
    """The nurse records a lab set after the backup: what an older backup would lose."""
    from nkdesk.services import auth, measurements
    from nkdesk.storage.database import open_database

    store = open_database(db)
    try:
        nurse = auth.sign_in(store, "rn.ito", NURSE_PW).value
        pid, study_id = store.conn.execute("SELECT id, study_id FROM patients ORDER BY id LIMIT 1").fetchone()
        measurements.record_labs(store, nurse, pid, date(2026, 12, 5), LABS)
        return str(study_id)
    finally:
        store.close()


def _rows(db: Path, sql: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def _open_dialog(qtbot, window) -> QDialog:
    window.findChild(QAction, "restore_action").trigger()
    qtbot.wait(150)
    dialog = window.findChild(QDialog, "restore_dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def _check(qtbot, dialog) -> QLabel:
    dialog.findChild(QPushButton, "restore_check").click()
    verdict = dialog.findChild(QLabel, "restore_verdict")
    qtbot.waitUntil(lambda: "Checking" not in verdict.text() and dialog.plan is not None, timeout=30_000)
    qtbot.wait(100)
    return verdict


def test_an_administrator_restores_an_older_backup_with_a_reason_for_what_is_lost(qtbot, window, prompts, demo_db):
    older = _backup(demo_db)
    study_id = _newer_labs(demo_db)
    sets_before = _rows(demo_db, "SELECT count(*) FROM lab_sets")[0][0]
    sign_in(window, prompts, "admin", ADMIN_PW)
    qtbot.wait(200)
    dialog = _open_dialog(qtbot, window)
    table = dialog.findChild(QTableWidget, "restore_backups")
    assert table.rowCount() >= 1
    shown = [table.item(r, 5).text() for r in range(table.rowCount())]
    row = next(r for r, text in enumerate(shown) if older.name in text)
    assert table.item(row, 3).text() == "yes"        # its manifest: the full verify passed
    assert table.item(row, 1).text() == "manual"
    table.selectRow(row)
    qtbot.wait(100)
    assert dialog.findChild(QLineEdit, "restore_file").text() == str(older)
    ok = dialog.findChild(QPushButton, "restore_ok")
    assert not ok.isEnabled()                        # not checked yet
    verdict = _check(qtbot, dialog)
    assert "passes the full verify" in verdict.text()
    losses = dialog.findChild(QTableWidget, "restore_losses")
    assert losses.isVisible()
    listed = {(losses.item(r, 0).text(), losses.item(r, 1).text()) for r in range(losses.rowCount())}
    assert ("lab_sets", study_id) in listed and ("lab_results", study_id) in listed
    assert not ok.isEnabled(), "a loss needs a typed reason"
    reason = dialog.findChild(QLineEdit, "restore_reason")
    reason.setFocus()
    qtbot.keyClicks(reason, "wrong patient's labs entered on 5 Dec; paper copy filed")
    qtbot.wait(100)
    assert ok.isEnabled()
    prompts.will("confirm", True)
    ok.click()
    qtbot.wait(500)
    # the window opened the restored file, nobody signed in, and names the copy of what it replaced
    assert window.session.user is None and window.session.store is not None
    welcome = window.findChild(QLabel, "welcome").text()
    assert f"Restored from {older}" in welcome
    kept = Path(welcome.split("was kept: ")[1].split("\n")[0])
    assert kept.is_file() and kept.parent == demo_db.parent / "backups"
    # the restored database lacks the newer lab set; the kept copy still has it
    assert _rows(demo_db, "SELECT count(*) FROM lab_sets")[0][0] == sets_before - 1
    assert _rows(kept, "SELECT count(*) FROM lab_sets")[0][0] == sets_before
    restore_row = _rows(demo_db, "SELECT username, reason, new_value FROM audit_log WHERE table_name = '_database' "
                                 "AND field = 'restored_from' ORDER BY seq DESC LIMIT 1")
    assert restore_row, "the restore is not in the audit trail"
    _who, why, new = restore_row[0]
    recorded = json.loads(new)
    assert "wrong patient's labs" in why and recorded["reason"].startswith("wrong patient's labs")
    assert recorded["confirmed_by"] == "admin"
    assert {"table": "lab_sets", "study_id": study_id, "rows": 1} in recorded["accepted_loss"]
    assert recorded["replaced_copy"] == str(kept)
    # the administrator signs in again to the restored file
    sign_in(window, prompts, "admin", ADMIN_PW)
    qtbot.wait(200)
    assert window.session.user is not None


def test_a_backup_that_fails_verify_is_refused_with_its_reason(qtbot, window, prompts, demo_db, tmp_path):
    good = _backup(demo_db)
    edited = tmp_path / "edited.sqlite3"
    shutil.copyfile(good, edited)
    conn = sqlite3.connect(edited)      # a value changed around NKDesk: the replay finds it
    conn.execute("UPDATE patients SET initials = 'ZZ' WHERE id = (SELECT min(id) FROM patients)")
    conn.commit()
    conn.close()
    before = _rows(demo_db, "SELECT count(*) FROM audit_log")[0][0]
    sign_in(window, prompts, "admin", ADMIN_PW)
    qtbot.wait(200)
    dialog = _open_dialog(qtbot, window)
    field = dialog.findChild(QLineEdit, "restore_file")
    field.setFocus()
    qtbot.keyClicks(field, str(edited))
    qtbot.wait(100)
    verdict = _check(qtbot, dialog)
    assert "cannot be restored" in verdict.text() and "fails verify" in verdict.text()
    assert "patients" in verdict.text()
    assert not dialog.findChild(QPushButton, "restore_ok").isEnabled()
    dialog.findChild(QPushButton, "restore_cancel").click()
    qtbot.wait(100)
    assert window.session.user is not None           # nothing happened: still signed in
    after = _rows(demo_db, "SELECT count(*) FROM audit_log WHERE table_name = '_database'")[0][0]
    assert after == 0 and _rows(demo_db, "SELECT count(*) FROM audit_log")[0][0] >= before


def test_another_databases_backup_needs_its_own_confirmation(qtbot, window, prompts, demo_db, tmp_path):
    from nkdesk.services import users
    from nkdesk.storage.database import open_database

    other = tmp_path / "elsewhere" / "nkdesk.sqlite3"
    store = open_database(other, create=True)
    users.bootstrap_administrator(store, "it", "otheradmin", "Other Admin", "another-site-passphrase-1")
    store.close()
    foreign = _backup(other)
    sign_in(window, prompts, "admin", ADMIN_PW)
    qtbot.wait(200)
    dialog = _open_dialog(qtbot, window)
    field = dialog.findChild(QLineEdit, "restore_file")
    field.setFocus()
    qtbot.keyClicks(field, str(foreign))
    verdict = _check(qtbot, dialog)
    assert "ANOTHER database" in verdict.text()
    other_box = dialog.findChild(QCheckBox, "restore_other_instance")
    ok = dialog.findChild(QPushButton, "restore_ok")
    reason = dialog.findChild(QLineEdit, "restore_reason")
    assert other_box.isVisible() and reason.isVisible()      # everything of this ward would be lost too
    reason.setFocus()
    qtbot.keyClicks(reason, "moving the trial to the other site's file")
    qtbot.wait(100)
    assert not ok.isEnabled(), "another instance needs its own tick, a reason is not enough"
    other_box.click()
    qtbot.wait(100)
    assert ok.isEnabled()
    prompts.will("confirm", False)                   # the last question: the administrator thinks again
    ok.click()
    qtbot.wait(200)
    assert window.session.user is not None
    assert _rows(demo_db, "SELECT count(*) FROM patients")[0][0] > 0
    assert not _rows(demo_db, "SELECT 1 FROM audit_log WHERE table_name = '_database'")


def test_a_nurse_is_not_offered_the_restore(qtbot, window, prompts):
    sign_in(window, prompts, "rn.ito", NURSE_PW)
    qtbot.wait(200)
    assert not window.findChild(QAction, "restore_action").isVisible()
    window.restore_backup()                          # even when called: the method refuses a non-administrator
    qtbot.wait(100)
    assert window.findChild(QDialog, "restore_dialog") is None


def _start(qtbot, db, prompts):
    from nkdesk.ui.main_window import MainWindow

    main = MainWindow(db, sign_in=False, prompts=prompts)
    qtbot.addWidget(main)
    main.show()
    main.load_rest()
    qtbot.wait(150)
    return main


def _cut_in_half(db: Path) -> None:
    os.truncate(db, db.stat().st_size // 2)


def test_a_damaged_database_at_start_offers_its_last_good_backup(qtbot, demo_db, prompts):
    good = _backup(demo_db)
    patients = _rows(good, "SELECT count(*) FROM patients")[0][0]
    _cut_in_half(demo_db)
    damaged_size = demo_db.stat().st_size
    window = _start(qtbot, demo_db, prompts)
    try:
        welcome = window.findChild(QLabel, "welcome").text()
        assert str(demo_db) in welcome and "damaged" in welcome and str(good) in welcome
        offer = window.findChild(QPushButton, "restore_last_good")
        assert offer is not None and offer.isVisible() and good.name in offer.text()
        assert window.findChild(QPushButton, "damaged_quit").isVisible()
        prompts.will("confirm", True)
        offer.click()
        qtbot.wait(500)
        assert window.session.store is not None
        assert "Restored from" in window.findChild(QLabel, "welcome").text()
        assert window.sign_in_button.isVisible()
        sign_in(window, prompts, "admin", ADMIN_PW)
        qtbot.wait(200)
    finally:
        window.lock_timer.stop()
        window.shut_down()
    assert _rows(demo_db, "SELECT count(*) FROM patients")[0][0] == patients
    who = _rows(demo_db, "SELECT username FROM audit_log WHERE table_name = '_database' AND field = 'restored_from'")
    assert who and who[0][0].startswith("os:")       # nobody could sign in to the damaged file
    raw = list((demo_db.parent / "backups").glob("*pre-restore.raw"))
    assert len(raw) == 1 and raw[0].stat().st_size == damaged_size   # the damaged file kept byte for byte


def test_a_ward_database_whose_header_is_gone_is_damage_too(qtbot, demo_db, prompts):
    """Zeroed first bytes: not an SQLite file any more, but NKDesk's anchor beside it says it was the ward's."""
    good = _backup(demo_db)
    with demo_db.open("r+b") as handle:
        handle.write(bytes(100))
    window = _start(qtbot, demo_db, prompts)
    try:
        welcome = window.findChild(QLabel, "welcome").text()
        assert str(demo_db) in welcome and "header is gone" in welcome and str(good) in welcome
        assert window.findChild(QPushButton, "restore_last_good").isVisible()
    finally:
        window.shut_down()


def test_a_damaged_database_without_a_good_backup_offers_only_quit(qtbot, demo_db, prompts):
    _cut_in_half(demo_db)
    window = _start(qtbot, demo_db, prompts)
    try:
        welcome = window.findChild(QLabel, "welcome").text()
        assert str(demo_db) in welcome and "No verified backup" in welcome
        assert window.findChild(QPushButton, "restore_last_good") is None
        assert window.findChild(QPushButton, "damaged_quit").isVisible()
        assert window.session.store is None
    finally:
        window.shut_down()


def test_declining_the_confirmation_leaves_the_damaged_file_as_it_is(qtbot, demo_db, prompts):
    _backup(demo_db)
    _cut_in_half(demo_db)
    size = demo_db.stat().st_size
    window = _start(qtbot, demo_db, prompts)
    try:
        prompts.will("confirm", False)
        window.findChild(QPushButton, "restore_last_good").click()
        qtbot.wait(200)
        assert window.session.store is None and demo_db.stat().st_size == size
        assert not list((demo_db.parent / "backups").glob("*pre-restore*"))
    finally:
        window.shut_down()


def test_every_input_of_the_restore_dialog_can_be_found(qtbot, demo_db):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView

    from nkdesk.services import restoring
    from nkdesk.ui.restore_dialog import RestoreDialog

    _backup(demo_db)
    dialog = RestoreDialog(demo_db, restoring.backups(demo_db), lambda _title, _text: False)
    qtbot.addWidget(dialog)
    inputs = [w for kind in (QLineEdit, QAbstractButton, QAbstractItemView) for w in dialog.findChildren(kind)
              if not w.objectName().startswith("qt_")]
    assert len(inputs) >= 9
    for widget in inputs:
        if widget.parent() is not None and isinstance(widget.parent(), QAbstractItemView):
            continue   # a table's own corner button
        assert widget.objectName() and widget.accessibleName(), widget
