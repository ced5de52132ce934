"""Restoring a backup from the window (issue 15, items 5 and 6).

- File › Restore from backup… (administrators): `RestoreDialog` lists the backups folder's backups
  (date, kind, size, verified, what each manifest says) and takes any other file; "Check" asks
  `services.restoring.plan` — the checks of `nkdesk restore`, full verify included — and shows its
  answer: a backup that fails is refused with the reason; another database's backup needs a tick
  of its own; what would be lost is listed per table and patient, and restoring then needs a typed
  reason (recorded as `--accept-loss` is). "Restore" asks once more, then `carry_out` has
  `services.restoring.restore` close the database and put the backup in its place; the window
  opens the restored file and everyone signs in again; the copy of the replaced file is named.
- A damaged database at start (`offer_after_damage`): the cover names the file and offers the
  last good backup (the newest whose manifest says it verified, with its date and path) or Quit.

Nothing here decides: every check is the service's, and its refusals are shown in its words.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nkdesk.ui.background import run_in_background

if TYPE_CHECKING:
    from nkdesk.services.restoring import BackupEntry, Restored, RestorePlan
    from nkdesk.ui.main_window import MainWindow

translate = QCoreApplication.translate   # lupdate extracts translate("Context", "text") by its name


def _named(widget: Any, name: str, accessible: str) -> Any:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def _when(entry: BackupEntry) -> str:
    return entry.created_local[:16].replace("T", " ")


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{max(n, 0) / 1e3:.0f} KB"


class RestoreDialog(QDialog):
    """Choose a backup, see what restoring it would do, confirm. Emits `confirmed(path, reason,
    other_instance)`; the window carries it out (`carry_out`)."""

    confirmed = Signal(object, str, bool)

    def __init__(self, db_path: Path, entries: list[BackupEntry], confirm: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(translate("Restore", "Restore from backup"))
        self.db_path, self.entries, self.confirm = Path(db_path), entries, confirm
        self.plan: RestorePlan | None = None
        self._job: Any = None
        intro = QLabel(translate("Restore", "Restoring replaces the database {0} with a backup. The database as it "
                                            "is now is kept as a backup first.").format(self.db_path), self)
        intro.setWordWrap(True)
        self.table = _named(QTableWidget(len(entries), 6, self), "restore_backups", translate("Restore", "Backups"))
        self.table.setHorizontalHeaderLabels([translate("Restore", "Taken"), translate("Restore", "Kind"),
                                              translate("Restore", "Size"), translate("Restore", "Verified"),
                                              translate("Restore", "Audit rows"), translate("Restore", "Manifest")])
        for row, entry in enumerate(entries):
            verified = (translate("Restore", "yes") if entry.verified else translate("Restore", "no")) \
                if entry.present else translate("Restore", "file missing or changed")
            notes = ", ".join(x for x in (f"NKDesk {entry.app_version}" if entry.app_version else "", entry.problem,
                                          entry.path.name) if x)
            for col, text in enumerate((_when(entry), entry.kind, _size(entry.bytes), verified,
                                        f"{entry.audit_rows:,}", notes)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(str(entry.path))
                self.table.setItem(row, col, item)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.file = _named(QLineEdit(self), "restore_file", translate("Restore", "Backup file"))
        self.file.setPlaceholderText(translate("Restore", "choose a backup above, or another file"))
        self.file.textChanged.connect(self._forget_plan)
        browse = _named(QPushButton(translate("Restore", "Other file…"), self), "restore_browse",
                        translate("Restore", "Choose another backup file"))
        browse.clicked.connect(self._browse)
        self.check = _named(QPushButton(translate("Restore", "&Check this backup"), self), "restore_check",
                            translate("Restore", "Check this backup"))
        self.check.clicked.connect(self.check_backup)
        self.verdict = _named(QLabel(translate("Restore", "Choose a backup, then check it."), self),
                              "restore_verdict", translate("Restore", "What the check found"))
        self.verdict.setWordWrap(True)
        self.losses = _named(QTableWidget(0, 3, self), "restore_losses",
                             translate("Restore", "Records that would be lost"))
        self.losses.setHorizontalHeaderLabels([translate("Restore", "Table"), translate("Restore", "Patient"),
                                               translate("Restore", "Records")])
        self.losses.verticalHeader().hide()
        self.losses.horizontalHeader().setStretchLastSection(True)
        self.losses.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.losses.setMaximumHeight(150)
        self.other = _named(QCheckBox(translate("Restore", "This is a backup of another database: replace this "
                                                           "database with it anyway"), self),
                            "restore_other_instance", translate("Restore", "Restore another database's backup"))
        self.other.toggled.connect(self._update_ok)
        self.reason_label = QLabel(translate("Restore", "Why may these records be lost? (recorded in the audit trail)"),
                                   self)
        self.reason = _named(QLineEdit(self), "restore_reason", translate("Restore", "Reason for losing the records"))
        self.reason_label.setBuddy(self.reason)
        self.reason.textChanged.connect(self._update_ok)
        self.ok = _named(QPushButton(translate("Restore", "&Restore…"), self), "restore_ok",
                         translate("Restore", "Restore this backup"))
        self.ok.clicked.connect(self._confirm)
        cancel = _named(QPushButton(translate("Restore", "Cancel"), self), "restore_cancel",
                        translate("Restore", "Cancel"))
        cancel.clicked.connect(self.reject)
        chooser = QHBoxLayout()
        chooser.addWidget(self.file, 1)
        chooser.addWidget(browse)
        chooser.addWidget(self.check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(chooser)
        layout.addWidget(self.verdict)
        layout.addWidget(self.losses)
        layout.addWidget(self.other)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        self._forget_plan()
        self.resize(960, 600)

    # -- choosing
    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.file.setText(str(self.entries[rows[0].row()].path))

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, translate("Restore", "Backup file"),
                                                      str(self.db_path.parent / "backups"),
                                                      translate("Restore", "NKDesk backups (*.sqlite3);;All files (*)"))
        if chosen:
            self.file.setText(chosen)

    def _forget_plan(self) -> None:
        self.plan = None
        self.verdict.setText(translate("Restore", "Choose a backup, then check it."))
        for widget in (self.losses, self.other, self.reason_label, self.reason):
            widget.hide()
        self.other.setChecked(False)
        self.reason.clear()
        self.check.setEnabled(bool(self.file.text().strip()) and self._job is None)
        self._update_ok()

    # -- checking (the service decides; on a worker thread: a full verify can take a while)
    def check_backup(self) -> None:
        from nkdesk.services import restoring

        chosen = self.file.text().strip()
        if not chosen or self._job is not None:
            return
        self._forget_plan()
        self.check.setEnabled(False)
        self.verdict.setText(translate("Restore", "Checking {0} (the full verify)…").format(Path(chosen).name))
        db_path = self.db_path
        self._job = run_in_background(lambda: restoring.plan(db_path, Path(chosen)),
                                      lambda result, error: self._checked(chosen, result, error), self)

    def _checked(self, chosen: str, plan: RestorePlan | None, error: BaseException | None) -> None:
        self._job = None
        self.check.setEnabled(True)
        if chosen != self.file.text().strip():   # another file was chosen meanwhile
            return
        if plan is None:
            self.verdict.setText(translate("Restore", "The check failed: {0}").format(error))
            return
        self.plan = plan
        if not plan.allowed:
            self.verdict.setText(translate("Restore", "This backup cannot be restored: {0}").format(plan.refused))
        else:
            lines = [translate("Restore", "This backup passes the full verify ({0} audit rows).").format(
                f"{plan.audit_rows:,}")]
            if plan.other_instance:
                lines.append(translate("Restore", "It is a backup of ANOTHER database (another instance)."))
                self.other.show()
            if plan.would_lose:
                total = sum(loss.rows for loss in plan.would_lose)
                lines.append(translate("Restore", "Restoring it would lose {0} record(s) that this database holds "
                                                  "and the backup does not:").format(total))
                self.losses.setRowCount(len(plan.would_lose))
                for row, loss in enumerate(plan.would_lose):
                    for col, text in enumerate((loss.table, loss.study_id or "—", str(loss.rows))):
                        self.losses.setItem(row, col, QTableWidgetItem(text))
                self.losses.resizeColumnsToContents()
                for widget in (self.losses, self.reason_label, self.reason):
                    widget.show()
            else:
                lines.append(translate("Restore", "Nothing this database holds would be lost."))
            self.verdict.setText("\n".join(lines))
        self._update_ok()

    def _update_ok(self) -> None:
        plan = self.plan
        ready = plan is not None and plan.allowed and (not plan.other_instance or self.other.isChecked()) \
            and (not plan.would_lose or bool(self.reason.text().strip()))
        self.ok.setEnabled(ready)

    def _confirm(self) -> None:
        plan = self.plan
        if plan is None or not self.ok.isEnabled():
            return
        if not self.confirm(translate("Restore", "Restore from backup"),
                            translate("Restore", "Replace the database with {0}?\n\nNKDesk closes the database, keeps "
                                                 "a copy of it in the backups folder, and puts the backup in its "
                                                 "place. Everyone signs in again afterwards.").format(plan.backup)):
            return
        self.confirmed.emit(plan.backup, self.reason.text().strip(), self.other.isChecked())
        self.accept()


def open_for(window: MainWindow) -> None:
    """File › Restore from backup…: the dialog, for the signed-in administrator."""
    from nkdesk.services import restoring

    session = window.session
    if session.user is None or session.store is None:
        return
    dialog = RestoreDialog(session.db_path, restoring.backups(session.db_path), window.prompts.confirm, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.confirmed.connect(lambda path, reason, other: carry_out(window, path, reason, other))
    window.restore_dialog = dialog
    dialog.open()


def carry_out(window: MainWindow, backup_path: Path, reason: str, other_instance: bool) -> bool:
    """Restore as the signed-in administrator, then open the restored file for a new sign-in."""
    from nkdesk.services import restoring
    from nkdesk.services.errors import InputError, StorageError
    from nkdesk.ui.session import problem_text

    session = window.session
    if window.patient_view is not None and not window.patient_view.leave_all():
        return False
    store, actor = session.store, session.user
    if store is None or actor is None:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        done, problem = restoring.restore(store, actor, Path(backup_path), reason=reason,
                                          other_instance=other_instance), None
    except (InputError, StorageError) as exc:
        done, problem = None, problem_text(exc)
    finally:
        QApplication.restoreOverrideCursor()
    if not store.closed:   # refused before anything was touched: the administrator stays signed in
        window.prompts.problem(translate("Restore", "Nothing was restored: {0}").format(problem))
        return False
    return _reopen(window, done, problem)


def _reopen(window: MainWindow, done: Restored | None, problem: str | None) -> bool:
    """The database was closed for a restore (done or refused): open the file again, signed out."""
    from nkdesk.services.errors import StorageError
    from nkdesk.ui.session import problem_text

    session = window.session
    session.store = None
    window.sign_out(ask=False)
    try:
        session.open()
    except StorageError as exc:
        window.welcome.setText(translate("Restore", "The database cannot be opened.\n\n{0}").format(problem_text(exc)))
        return False
    if done is None:
        window.welcome.setText(translate("Restore", "Nothing was restored: {0}\n\nSign in to continue.")
                               .format(problem))
        window.prompts.problem(translate("Restore", "Nothing was restored: {0}").format(problem))
        return False
    kept = done.replaced.path if done.replaced is not None else None
    text = translate("Restore", "Restored from {0}.").format(done.backup)
    if kept is not None:
        text += "\n" + translate("Restore", "The database it replaced was kept: {0}").format(kept)
    window.welcome.setText(text + "\n\n" + translate("Restore", "Sign in to continue."))
    window.welcome.setStyleSheet("font-size: 13pt; color: #1b5e20; padding: 30px;")
    window._show_last_backup()
    return True


def offer_after_damage(window: MainWindow) -> bool:
    """The database did not open: if it is damaged, say so naming it, and offer the last good backup
    (or Quit). False if it is not damage (the window shows its usual message)."""
    from nkdesk.services import restoring

    found = restoring.damage(window.db_path)
    if found is None:
        return False
    good = restoring.last_good(window.db_path)
    text = translate("Restore", "The database {0} is damaged and was not opened:\n{1}").format(window.db_path, found)
    if good is not None:
        text += "\n\n" + translate("Restore", "The last good backup (it passed the full verify when it was taken) "
                                              "is from {0}:\n{1}").format(_when(good), good.path)
    else:
        text += "\n\n" + translate("Restore", "No verified backup of it was found in {0}. Ask the site's "
                                              "administrator or IT.").format(window.db_path.parent / "backups")
    window.welcome.setText(text)
    window.welcome.setStyleSheet("font-size: 13pt; color: #b71c1c; padding: 30px;")
    window.welcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    panel = QWidget(window.cover)
    panel.setObjectName("damaged_start")
    row = QHBoxLayout(panel)
    row.addStretch(1)
    if good is not None:
        restore = _named(QPushButton(translate("Restore", "Restore the last good backup ({0}, {1})").format(
            _when(good), good.path.name), panel), "restore_last_good",
            translate("Restore", "Restore the last good backup"))
        restore.setToolTip(str(good.path))
        restore.clicked.connect(lambda: _restore_over_damaged(window, panel, good))
        row.addWidget(restore)
    leave = _named(QPushButton(translate("Restore", "&Quit"), panel), "damaged_quit",
                   translate("Restore", "Quit NKDesk"))
    leave.clicked.connect(window.close)
    row.addWidget(leave)
    row.addStretch(1)
    window.cover.layout().insertWidget(window.cover.layout().count() - 1, panel)
    window.damaged_panel = panel
    return True


def _restore_over_damaged(window: MainWindow, panel: QWidget, good: BackupEntry) -> None:
    from nkdesk.services import restoring
    from nkdesk.services.errors import InputError, StorageError
    from nkdesk.ui.session import problem_text

    prompts = window.prompts
    title = translate("Restore", "Restore the last good backup")
    question = translate("Restore", "Replace the damaged database {0} with the backup of {1}?\n\n{2}\n\n"
                                    "The damaged file is kept, byte for byte, in the backups folder.")
    if not prompts.confirm(title, question.format(window.db_path, _when(good), good.path)):
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        plan = restoring.plan(window.db_path, good.path)
    finally:
        QApplication.restoreOverrideCursor()
    if not plan.allowed:
        prompts.problem(translate("Restore", "This backup cannot be restored: {0}").format(plan.refused))
        return
    reason = ""
    if plan.would_lose:
        listed = "\n".join(f"  {loss.table} {loss.study_id or ''}: {loss.rows}" for loss in plan.would_lose)
        reason = prompts.reason(title, translate("Restore", "Restoring it would lose these records of the damaged "
                                                            "database:\n{0}\n\nWhy may they be lost? (recorded in "
                                                            "the audit trail)").format(listed)) or ""
        if not reason.strip():
            return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        done = restoring.restore_over_damaged(window.db_path, good.path, reason=reason)
    except (InputError, StorageError) as exc:
        prompts.problem(translate("Restore", "Nothing was restored: {0}").format(problem_text(exc)))
        return
    finally:
        QApplication.restoreOverrideCursor()
    panel.hide()
    panel.deleteLater()
    window.damaged_panel = None
    window.welcome.setStyleSheet("font-size: 18pt; color: #455a64; padding: 40px;")
    window.load_rest()
    if window.session.store is not None:
        kept = done.replaced.path if done.replaced is not None else None
        text = translate("Restore", "Restored from {0}.").format(done.backup)
        if kept is not None:
            text += "\n" + translate("Restore", "The damaged database was kept: {0}").format(kept)
        window.welcome.setText(text + "\n\n" + translate("Restore", "Sign in to continue."))
        window.welcome.setStyleSheet("font-size: 13pt; color: #1b5e20; padding: 30px;")
