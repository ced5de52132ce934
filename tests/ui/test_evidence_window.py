"""The window's part of "Evidence that holds" (issue 15): at sign-in, a rolled-back trail is shown
until an administrator accepts it with a reason; a reset password is changed before anything else;
an administrator reads the access log. Driven as users would, then the database is read."""
from __future__ import annotations

import sqlite3

from tests.ui.conftest import sign_in

ADMIN_PW, NURSE_PW = "admin-demo", "ito-ward-demo"


def _roll_back(path, rows: int = 2) -> None:
    """What a crash or a tamperer leaves: the newest trail rows gone after a backup witnessed them."""
    from nkdesk.storage import backup

    backup.take(path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq > ?", (last - rows,))
    conn.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
                 "    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END")
    conn.commit()
    conn.close()


def _window(qtbot, demo_db, prompts):
    from nkdesk.ui.main_window import MainWindow

    main = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(main)
    main.show()
    main.load_rest()
    return main


def test_a_nurse_is_warned_and_the_administrator_accepts_with_a_reason(qtbot, demo_db, prompts):
    _roll_back(demo_db)
    window = _window(qtbot, demo_db, prompts)
    try:
        sign_in(window, prompts, "rn.ito", NURSE_PW)
        qtbot.wait(200)
        assert any("AUDIT TRAIL WARNING" in p and "rolled back 2 rows" in p for p in prompts.problems)
        window.sign_out(ask=False)
        prompts.will("reason", "rows lost in the power cut of 5 Dec; checked against the paper file")
        sign_in(window, prompts, "admin", ADMIN_PW)
        qtbot.wait(200)
        asked = [c for kind, c in prompts.asked if kind == "reason"]
        assert asked, "the administrator was not asked to decide"
    finally:
        window.lock_timer.stop()
        window.shut_down()
    conn = sqlite3.connect(demo_db)
    row = conn.execute("SELECT reason FROM audit_log WHERE table_name = '_audit_anchor' AND field = 'accepted' "
                       "ORDER BY seq DESC LIMIT 1").fetchone()
    conn.close()
    assert row is not None and "power cut" in row[0]


def test_a_reset_password_is_changed_at_the_next_sign_in(qtbot, demo_db, prompts):
    from nkdesk.services import auth, users
    from nkdesk.storage.database import open_database

    store = open_database(demo_db)
    try:
        admin = auth.sign_in(store, "admin", ADMIN_PW).value
        nurse = next(u for u in users.accounts(store) if u.username == "rn.ito")
        users.reset_password(store, admin, nurse.id, "temporary-ward-pass-17", nurse.version)
    finally:
        store.close()
    window = _window(qtbot, demo_db, prompts)
    try:
        prompts.will("credentials", ("rn.ito", "temporary-ward-pass-17"),     # signing in
                     ("rn.ito", "temporary-ward-pass-17"),                   # asked again: the current one
                     ("rn.ito", "short"),                                    # refused: too short
                     ("rn.ito", "lantern-harbour-quietly-9"))                # the nurse's own
        assert window.sign_in(), prompts.problems
        qtbot.wait(200)
        assert prompts.problems, "a too-short new password must be refused with a reason"
    finally:
        window.lock_timer.stop()
        window.shut_down()
    store = open_database(demo_db)
    try:
        signed = auth.sign_in(store, "rn.ito", "lantern-harbour-quietly-9").value
        assert not auth.must_change_password(signed)
    finally:
        store.close()


def test_the_administrator_reads_the_access_log(qtbot, window, prompts):
    sign_in(window, prompts, "rn.ito", NURSE_PW)
    window.patients.search.setFocus()
    qtbot.keyClicks(window.patients.search, "DEMO-002")
    qtbot.keyClick(window.patients.search, "\r")
    qtbot.wait(300)
    window.sign_out(ask=False)
    sign_in(window, prompts, "admin", ADMIN_PW)
    window.access_log_action.trigger()
    dialog = window.findChild(type(window), "access_log_dialog") or window.access_log_dialog
    qtbot.waitUntil(dialog.isVisible)
    model = dialog.table.model()
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert any(r[1] == "rn.ito" and "DEMO-002" in r[4] for r in rows), rows
    dialog.close()
