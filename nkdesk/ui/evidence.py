"""What the evidence asks of the window (issue 15): at sign-in, a reset password is changed before
anything else, and an audit trail that a witness shows was rolled back (or an anchor that does not
fit) is shown until an administrator accepts it with a reason; an administrator reads the access
log (File › Access log…).

The decisions are the services' (`auth.must_change_password`, `trail.evidence_problem`,
`trail.accept_anchor`, `trail.access_entries`); this module only asks and shows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from nkdesk.domain import Role

if TYPE_CHECKING:
    from nkdesk.ui.prompts import Prompts
    from nkdesk.ui.session import Session


def _tr(text: str) -> str:
    return QCoreApplication.translate("Evidence", text)


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
                _tr("The audit trail needs your decision"),
                _tr("{0}.\n\nIf this is a known crash or a restore you checked, say what was investigated: "
                    "the trail is accepted as it stands (recorded in the audit trail). Cancel to leave "
                    "the warning for now.").format(problem))
            if reason:
                session.call(trail.accept_anchor, reason)
        else:
            prompts.problem(_tr("AUDIT TRAIL WARNING: {0}. Tell the site's administrator; records can be "
                                "viewed, but the trail must be checked before it is trusted.").format(problem))
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

    if not prompts.credentials(_tr("Change your password"),
                               _tr("An administrator reset your password: enter it once more, then choose "
                                   "your own."), check_current, username=actor.username, fixed_user=True):
        return False
    return prompts.credentials(_tr("Choose your new password"),
                               _tr("At least 10 characters, not easy to guess (a short sentence works well)."),
                               set_new, username=actor.username, fixed_user=True)


class AccessLogModel(QAbstractTableModel):
    HEADERS = ("When", "Who", "Workstation", "What", "Patients")

    def __init__(self, entries: list[Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.entries = entries

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        e = self.entries[index.row()]
        return (e.at_local[:19].replace("T", " "), e.username, e.workstation, e.what,
                ", ".join(e.study_ids))[index.column()]


class AccessLogDialog(QDialog):
    """The newest reads (patient opened, form printed, export made), for an administrator."""

    def __init__(self, entries: list[Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("access_log_dialog")
        self.setWindowTitle(_tr("Access log"))
        intro = QLabel(_tr("Who read which patients' records, newest first (patient opened, form printed, "
                           "export made). The log is append-only and chained; `nkdesk verify` checks it."), self)
        intro.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("access_log_table")
        self.table.setAccessibleName(_tr("Access log"))
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
