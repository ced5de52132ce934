"""What the evidence asks of the window (issue 15): at sign-in, a reset password is changed before
anything else, and an audit trail that a witness shows was rolled back (or an anchor that does not
fit) is shown until an administrator accepts it with a reason; an administrator reads the access
log (File › Access log…).

The decisions are the services' (`auth.must_change_password`, `trail.evidence_problem`,
`trail.accept_anchor`, `trail.access_entries`); this module only asks and shows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from nkdesk.domain import Role

translate = QCoreApplication.translate   # lupdate extracts translate("Context", "text") by its name

if TYPE_CHECKING:
    from nkdesk.ui.prompts import Prompts
    from nkdesk.ui.session import Session


def after_sign_in(session: Session, prompts: Prompts) -> bool:
    """Run the sign-in checks; False if the user must not go on (the password was not changed)."""
    from nkdesk.services import auth, trail

    actor = session.user
    if actor is None:
        return False
    if auth.must_change_password(actor) and not change_password_now(session, prompts):
        return False
    problem = session.read(trail.evidence_problem)
    if problem:
        if actor.role is Role.ADMINISTRATOR:
            reason = prompts.reason(
                translate("Evidence", "The audit trail needs your decision"),
                translate("Evidence", "{0}.\n\nIf this is a known crash or a restore you checked, say what "
                                      "was investigated: the trail is accepted as it stands (recorded in the "
                                      "audit trail). Cancel to leave the warning for now.").format(problem))
            if reason:
                session.call(trail.accept_anchor, reason)
        else:
            prompts.problem(translate("Evidence", "AUDIT TRAIL WARNING: {0}. Tell the site's administrator; "
                                                  "records can be viewed, but the trail must be checked before "
                                                  "it is trusted.").format(problem))
    return True


def change_password_now(session: Session, prompts: Prompts) -> bool:
    """An administrator reset this password: the user sets their own now (current, then new)."""
    from nkdesk.services import auth

    actor = session.user
    if actor is None:
        return False
    current: dict[str, str] = {}

    def check_current(_username: str, password: str) -> str | None:
        _user, problem = session.authenticate(actor.username, password)
        if problem is None:
            current["password"] = password
        return problem

    def set_new(_username: str, password: str) -> str | None:
        from nkdesk.services.errors import InputError, StorageError

        try:
            auth.change_password(session.store, actor, current["password"], password)
        except (InputError, StorageError) as exc:
            from nkdesk.ui.session import problem_text

            return problem_text(exc)
        return None

    if not prompts.credentials(translate("Evidence", "Change your password"),
                               translate("Evidence", "An administrator reset your password: enter it once "
                                                     "more, then choose your own."),
                               check_current, username=actor.username, fixed_user=True):
        return False
    return prompts.credentials(translate("Evidence", "Choose your new password"),
                               translate("Evidence", "At least 10 characters, not easy to guess (a short "
                                                     "sentence works well)."),
                               set_new, username=actor.username, fixed_user=True)


# what was read, in words (storage.access_log.WHAT)
WHAT_WORDS = {"patient_opened": QT_TRANSLATE_NOOP("Evidence", "Patient opened"),
              "form_printed": QT_TRANSLATE_NOOP("Evidence", "Form printed"),
              "export": QT_TRANSLATE_NOOP("Evidence", "Export made")}


class AccessLogModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("Evidence", "When"), QT_TRANSLATE_NOOP("Evidence", "Who"),
               QT_TRANSLATE_NOOP("Evidence", "Workstation"), QT_TRANSLATE_NOOP("Evidence", "What"),
               QT_TRANSLATE_NOOP("Evidence", "Patients"))

    def __init__(self, entries: list[Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.entries = entries

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("Evidence", self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        e = self.entries[index.row()]
        what = translate("Evidence", WHAT_WORDS[e.what]) if e.what in WHAT_WORDS else e.what
        return (e.at_local[:19].replace("T", " "), e.username, e.workstation, what,
                ", ".join(e.study_ids))[index.column()]


class AccessLogDialog(QDialog):
    """The newest reads (patient opened, form printed, export made), for an administrator."""

    def __init__(self, entries: list[Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("access_log_dialog")
        self.setWindowTitle(translate("Evidence", "Access log"))
        intro = QLabel(translate("Evidence", "Who read which patients' records, newest first (patient opened, "
                                             "form printed, export made). The log is append-only and chained; "
                                             "`nkdesk verify` checks it."), self)
        intro.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("access_log_table")
        self.table.setAccessibleName(translate("Evidence", "Access log"))
        self.table.setModel(AccessLogModel(entries, self))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 480)
