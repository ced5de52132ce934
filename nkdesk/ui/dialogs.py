"""Small dialogs the ward uses everywhere: sign in (and unlock), sign a record (the meaning shown,
the password asked again), and give a reason for a change."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nkdesk.ui.prompts import Authenticate, DraftKeeper, PatientCheck, Prompts

if TYPE_CHECKING:
    from nkdesk.domain import Patient


def _field(parent, name: str, accessible: str, password: bool = False) -> QLineEdit:
    line = QLineEdit(parent)
    line.setObjectName(name)
    line.setAccessibleName(accessible)
    if password:
        line.setEchoMode(QLineEdit.Password)
    return line


class CredentialsDialog(QDialog):
    """Username and password. `authenticate(username, password)` returns an error text or None."""

    def __init__(self, title: str, intro: str, authenticate, *, username: str = "", fixed_user: bool = False,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("credentials_dialog")
        self._authenticate = authenticate
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("credentials_intro")
        self.username = _field(self, "sign_in_username", self.tr("User name"))
        self.username.setText(username)
        self.username.setReadOnly(fixed_user)
        self.password = _field(self, "sign_in_password", self.tr("Password"), password=True)
        self.error = QLabel(self)
        self.error.setObjectName("sign_in_error")
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        # shown while the password is checked and the signing key unlocked (two scrypt derivations,
        # ~0.1 s of CPU, seconds on a busy ward PC: benchmarks/sign_in_bench.py)
        self.busy = QLabel(self.tr("Signing in…"), self)
        self.busy.setObjectName("sign_in_busy")
        kept = self.busy.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.busy.setSizePolicy(kept)
        self.busy.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.Ok)
        self.ok.setObjectName("sign_in_ok")
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(460)

    def _try(self) -> None:
        self.error.clear()
        self.busy.show()
        self.ok.setEnabled(False)
        QApplication.setOverrideCursor(Qt.WaitCursor)
        QApplication.processEvents(QEventLoop.ExcludeUserInputEvents)   # painted before the slow check
        try:
            problem = self._authenticate(self.username.text().strip(), self.password.text())
        finally:
            QApplication.restoreOverrideCursor()
            self.busy.hide()
            self.ok.setEnabled(True)
        if not problem:
            self._keep_typed_ahead()
        if problem:
            self.error.setText(problem)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


    def _keep_typed_ahead(self) -> None:
        """What was typed while the password was checked (ward walk: a nurse types the patient's ID
        at once; it went to this dialog, then closing, and was lost): taken off the queue, never
        into the password, and kept in `typed_ahead` for the patient search box."""
        app = QApplication.instance()
        app.installEventFilter(self)
        self._draining = True
        try:
            QApplication.processEvents()
        finally:
            self._draining = False
            app.removeEventFilter(self)

    typed_ahead = ""
    _draining = False
    _SWALLOWED = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
                  QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.ShortcutOverride)

    def eventFilter(self, watched, event) -> bool:
        if self._draining and event.type() in self._SWALLOWED:
            if event.type() == QEvent.Type.KeyPress and event.text().isprintable():
                self.typed_ahead += event.text()
            return True
        return super().eventFilter(watched, event)


class SignatureDialog(QDialog):
    """An electronic signature: who signs, what the signature means, and the password again."""

    def __init__(self, signer_name: str, meaning: str, record: str, parent=None, *, ask_username: bool = False):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign electronically"))
        self.setObjectName("signature_dialog")
        text = QLabel(self.tr("<b>{0}</b><br/>Record: {1}<br/><br/>By entering your password you sign this "
                              "record electronically. Meaning of the signature: <b>{2}</b>.").format(
            signer_name, record, meaning), self)
        text.setWordWrap(True)
        text.setObjectName("signature_meaning")
        self.username = _field(self, "signature_username", self.tr("Signer's user name"))
        self.username.setVisible(ask_username)
        self.password = _field(self, "signature_password", self.tr("Signer's password"), password=True)
        self.note = QLineEdit(self)
        self.note.setObjectName("signature_note")
        self.note.setAccessibleName(self.tr("Decision note"))
        self.note.setVisible(False)
        form = QFormLayout()
        if ask_username:
            form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.note_label = QLabel(self.tr("Decision note"), self)
        form.addRow(self.note_label, self.note)
        self.note_label.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Sign"))
        buttons.button(QDialogButtonBox.Ok).setObjectName("signature_sign")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        (self.username if ask_username else self.password).setFocus()
        self.setMinimumWidth(520)

    def want_note(self, label: str) -> None:
        self.note_label.setText(label)
        self.note_label.setVisible(True)
        self.note.setVisible(True)


class ReasonDialog(QDialog):
    """Why a record is being changed: required, kept in the audit trail."""

    def __init__(self, title: str, question: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("reason_dialog")
        label = QLabel(question, self)
        label.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason_text")
        self.reason.setAccessibleName(self.tr("Reason for the change"))
        self.reason.setMaximumHeight(90)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setObjectName("reason_ok")
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.text())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # a reason is one line: Return/Enter accepts it (once something is typed), never adds a newline
        if (watched is self.reason and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            if self.text():
                self.accept()
            return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.reason.toPlainText().strip()


class DialogPrompts(Prompts):
    """The window's questions (`prompts.Prompts`) asked of a person, with modal dialogs; tests hand
    the window a scripted double (tests/ui/scripted_prompts.py) implementing the same protocol."""

    def __init__(self, parent=None):
        self.parent = parent

    def credentials(self, title: str, intro: str, authenticate: Authenticate, *, username: str = "",
                    fixed_user: bool = False) -> bool:
        with _asking(CredentialsDialog(title, intro, authenticate, username=username, fixed_user=fixed_user,
                                       parent=self.parent)) as dialog:
            accepted = dialog.exec() == QDialog.Accepted
            self.typed_ahead = dialog.typed_ahead if accepted else ""
            return accepted

    def signature(self, signer_name: str, meaning: str, record: str, *, ask_username: bool = False,
                  note_label: str | None = None) -> tuple[str, str, str] | None:
        """(username, password, note) or None if cancelled."""
        with _asking(SignatureDialog(signer_name, meaning, record, self.parent, ask_username=ask_username)) as dialog:
            if note_label:
                dialog.want_note(note_label)
            if dialog.exec() != QDialog.Accepted:
                return None
            return dialog.username.text().strip(), dialog.password.text(), dialog.note.text().strip()

    def reason(self, title: str, question: str) -> str | None:
        with _asking(ReasonDialog(title, question, self.parent)) as dialog:
            return dialog.text() if dialog.exec() == QDialog.Accepted else None

    def problem(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        with _asking(QMessageBox(QMessageBox.Warning, "NKDesk", text, QMessageBox.Ok, self.parent)) as box:
            box.setObjectName("problem_message")
            box.exec()

    def confirm(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        with _asking(QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No,
                                 self.parent)) as box:
            box.setObjectName("confirm_message")
            return box.exec() == QMessageBox.Yes

    def patient_details(self, patient: Patient | None = None, check: PatientCheck | None = None,
                        draft: DraftKeeper | None = None) -> dict[str, Any] | None:
        """The details as typed, once `check` (details → problems) finds none; None if cancelled
        (what was typed stays as the `draft`)."""
        from nkdesk.ui.patient_dialog import PatientDialog

        with _asking(PatientDialog(patient, self.parent, check=check, draft=draft)) as dialog:
            return dialog.values() if dialog.exec() == QDialog.Accepted else None

    def date(self, title: str, question: str, default: str = "") -> str | None:
        """An ISO date typed by the user (validated by whoever uses it), or None."""
        with _asking(ReasonDialog(title, question, self.parent)) as dialog:
            dialog.reason.setPlainText(default)
            dialog.reason.setAccessibleName(QCoreApplication.translate("DialogPrompts", "Date"))
            return dialog.text() if dialog.exec() == QDialog.Accepted else None

    def choose(self, title: str, question: str, options: dict[str, str]) -> str | None:
        """One of `options` (key → words shown), or None if cancelled."""
        from PySide6.QtWidgets import QInputDialog

        labels = list(options.values())
        try:
            text, ok = QInputDialog.getItem(self.parent, title, question, labels, 0, False)
        finally:
            _back_to_window(self.parent)
        if not ok:
            return None
        return list(options)[labels.index(text)]

    def preview(self, pdf: bytes, suggested_name: str, paper: str) -> None:
        from nkdesk.ui.print_preview import FormPreview

        with _asking(FormPreview(pdf, suggested_name, paper, self.parent)) as dialog:
            dialog.exec()

    def first_administrator(self) -> tuple[str, str, str] | None:
        """(username, full name, password) for the first account of an empty database."""
        with _asking(FirstAdministratorDialog(self.parent)) as dialog:
            if dialog.exec() != QDialog.Accepted:
                return None
            return dialog.username.text().strip(), dialog.full_name.text().strip(), dialog.password.text()


_D = TypeVar("_D", bound=QDialog)


@contextmanager
def _asking(dialog: _D) -> Iterator[_D]:
    """A question's dialog, deleted once answered: a dialog made per question and parented to the
    window would otherwise stay alive with it for the whole shift (a widget leak). The window is
    made active again once it is answered (the ward walk: without a window manager's help, Alt+letter
    did nothing after a question was answered, until the window was clicked)."""
    try:
        yield dialog
    finally:
        dialog.deleteLater()
        _back_to_window(dialog.parentWidget())


def _back_to_window(parent: QWidget | None) -> None:
    if parent is not None:
        parent.window().activateWindow()


class FirstAdministratorDialog(QDialog):
    """An empty database has no users: create the administrator who will add everyone else."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create the first administrator"))
        intro = QLabel(self.tr("This database has no user accounts yet. Create the administrator account; "
                               "the administrator then adds investigators, pharmacists and nurses."), self)
        intro.setWordWrap(True)
        self.username = _field(self, "admin_username", self.tr("Administrator user name"))
        self.full_name = _field(self, "admin_full_name", self.tr("Administrator full name"))
        self.password = _field(self, "admin_password", self.tr("Administrator password"), password=True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
