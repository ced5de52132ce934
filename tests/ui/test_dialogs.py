"""The small dialogs, shown modelessly: Japanese and µ typed through the input method, sign-in
errors shown in the dialog, a signature's meaning shown before the password is asked."""
from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton

from nkdesk.ui.dialogs import CredentialsDialog, ReasonDialog, SignatureDialog


def type_with_input_method(widget, text: str) -> None:
    """What an input method sends (keyClicks with non-ASCII aborts pytest: toolchain notes)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_reason_typed_in_japanese_with_a_micro_sign(qtbot):
    """A reason in Japanese (and µ) is taken as typed; OK is possible only once something is typed."""
    dialog = ReasonDialog("Change", "Why?")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QPushButton, "reason_ok")
    assert not ok.isEnabled()
    type_with_input_method(dialog.findChild(QPlainTextEdit, "reason_text"), "血小板 15.2 ×10⁴/µL の転記ミスを訂正")
    assert ok.isEnabled()
    assert dialog.text() == "血小板 15.2 ×10⁴/µL の転記ミスを訂正"


def test_return_in_a_reason_accepts_it_and_adds_no_newline(qtbot):
    """A reason is one line: Return on an empty reason does nothing; after typing, Return accepts
    the dialog with the reason as typed (no line break added)."""
    from PySide6.QtCore import Qt

    dialog = ReasonDialog("Move", "Why?")
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.findChild(QPlainTextEdit, "reason_text")
    qtbot.keyClick(box, Qt.Key_Return)
    assert dialog.isVisible() and box.toPlainText() == ""
    qtbot.keyClicks(box, "unit booked")
    qtbot.keyClick(box, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted and box.toPlainText() == "unit booked"


def test_sign_in_shows_the_problem_and_keeps_the_dialog_open(qtbot):
    """A wrong password is said in the dialog, the password cleared; the right one accepts."""
    tried = []

    def authenticate(username, password):
        tried.append((username, password))
        return None if password == "right" else "unknown user or wrong password"

    dialog = CredentialsDialog("Sign in", "Database: x", authenticate)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "sign_in_username"), "rn.ito")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "sign_in_password"), "wrong")
    dialog.findChild(QPushButton, "sign_in_ok").click()
    assert dialog.isVisible() and dialog.findChild(QLabel, "sign_in_error").text() == "unknown user or wrong password"
    assert dialog.findChild(QLineEdit, "sign_in_password").text() == ""
    qtbot.keyClicks(dialog.findChild(QLineEdit, "sign_in_password"), "right")
    dialog.findChild(QPushButton, "sign_in_ok").click()
    assert tried == [("rn.ito", "wrong"), ("rn.ito", "right")] and dialog.result() == QDialog.Accepted


def test_signature_shows_signer_record_and_meaning(qtbot):
    """The signer sees who signs, which record, and what the signature means."""
    dialog = SignatureDialog("佐藤 花子", "eligibility confirmed", "Eligibility assessment of NK-001")
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.findChild(QLabel, "signature_meaning").text()
    assert "佐藤 花子" in text and "eligibility confirmed" in text and "NK-001" in text
    password = dialog.findChild(QLineEdit, "signature_password")
    assert password.echoMode() == QLineEdit.Password and password.accessibleName()


def test_a_question_leaves_no_dialog_behind(qtbot):
    """Each question makes its dialog as a child of the window: once answered it is deleted, or a
    shift of questions would keep every dialog alive with the window."""
    from PySide6.QtCore import QEvent, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from nkdesk.ui.dialogs import DialogPrompts

    window = QWidget()
    qtbot.addWidget(window)
    prompts = DialogPrompts(window)
    for _ in range(3):
        QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
        assert prompts.reason("Why", "Why is this changed?") is None
        QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
        assert prompts.signature("Dr A", "approved", "order 1") is None
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert window.findChildren(QDialog) == []


def test_sign_in_shows_it_is_busy_while_the_password_is_checked(qtbot):
    """Ward walk: sign-in took seconds with no sign of life. While the check runs the dialog says
    "Signing in…", OK cannot be pressed twice and the cursor is busy; after a wrong password all is
    back as it was, with the problem shown."""
    from PySide6.QtCore import Qt

    seen = []

    def authenticate(username, password):
        busy = dialog.findChild(QLabel, "sign_in_busy")
        cursor = QApplication.overrideCursor()
        seen.append((busy.isVisible(), busy.text(), dialog.findChild(QPushButton, "sign_in_ok").isEnabled(),
                     cursor.shape() if cursor is not None else None))
        return "unknown user or wrong password"

    dialog = CredentialsDialog("Sign in", "Database: x", authenticate)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "sign_in_username"), "rn.ito")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "sign_in_password"), "wrong")
    qtbot.mouseClick(dialog.findChild(QPushButton, "sign_in_ok"), Qt.LeftButton)
    qtbot.wait(50)
    assert seen == [(True, "Signing in…", False, Qt.WaitCursor)]
    assert not dialog.findChild(QLabel, "sign_in_busy").isVisible()
    assert dialog.findChild(QPushButton, "sign_in_ok").isEnabled()
    assert QApplication.overrideCursor() is None
    assert dialog.findChild(QLabel, "sign_in_error").text() == "unknown user or wrong password"


def test_keys_typed_while_signing_in_are_kept_for_the_search_box(qtbot):
    """Ward walk: a nurse pressed Enter and typed the patient's ID at once; the keys went to the
    closing dialog and were lost. Typed while the password is checked, they are kept (not added
    to the password) for the patient search box."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent

    def authenticate(username, password):
        field = dialog.findChild(QLineEdit, "sign_in_password")
        for key, text in ((Qt.Key_D, "D"), (Qt.Key_E, "E"), (Qt.Key_M, "M"), (Qt.Key_O, "O")):
            QApplication.postEvent(field, QKeyEvent(QKeyEvent.KeyPress, key, Qt.NoModifier, text))
        return None

    dialog = CredentialsDialog("Sign in", "Database: x", authenticate)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "sign_in_username"), "rn.ito")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "sign_in_password"), "ito-ward-demo")
    qtbot.mouseClick(dialog.findChild(QPushButton, "sign_in_ok"), Qt.LeftButton)
    qtbot.wait(50)
    assert dialog.result() == QDialog.Accepted
    assert dialog.typed_ahead == "DEMO"
    assert dialog.findChild(QLineEdit, "sign_in_password").text() == "ito-ward-demo"
