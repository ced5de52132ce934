"""The main window: patient list on the left, the chosen patient's workspace on the right, and the
status bar the ward relies on (who is signed in, which database, the last backup).

It paints first and loads afterwards (`load_rest`, called from the event loop once the first paint
is done), so NKDesk appears at once; `ready` says everything is loaded. It locks after the site's
inactivity timeout, hiding patient data but keeping every screen as it was, and unlocks with the
signed-in user's password.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nkdesk.ui.background import run_in_background
from nkdesk.ui.dialogs import DialogPrompts
from nkdesk.ui.prompts import Prompts
from nkdesk.ui.session import Session, problem_text
from nkdesk.ui.style import BASE_POINT_SIZE, set_font_scale


class _ActivityWatch(QObject):
    """Restarts the lock timer on every key press, click or scroll anywhere in the application."""

    def __init__(self, timer: QTimer):
        super().__init__()
        self.timer = timer
        # built here, not at import: Qt's enums are created on first use, and start-up does not need them
        from PySide6.QtCore import QEvent

        self.events = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel, QEvent.InputMethod}

    def eventFilter(self, obj, event) -> bool:
        if event.type() in self.events and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    first_painted = Signal()
    ready = Signal()

    def __init__(self, db_path: Path, sign_in: bool = True, prompts: Prompts | None = None, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.wants_sign_in = sign_in
        self.prompts = prompts or DialogPrompts(self)
        self.session = Session(self.db_path, self.prompts, self)
        self.workspace = None
        self.patient_view = None
        self._painted = False
        self._font_scale = 1.0
        self.setWindowTitle(self.tr("NKDesk"))
        self.resize(1366, 768)
        self.stack = QStackedWidget(self)
        self.cover = QWidget(self)
        self.welcome = QLabel(self.tr("NKDesk is starting…"), self.cover)
        self.welcome.setObjectName("welcome")
        self.welcome.setWordWrap(True)
        self.welcome.setMinimumWidth(760)   # one line for the greeting; long problems wrap
        self.welcome.setStyleSheet("font-size: 18pt; color: #455a64; padding: 40px;")
        self.sign_in_button = QPushButton(self.tr("&Sign in…"), self.cover)
        self.sign_in_button.setObjectName("sign_in_button")
        self.sign_in_button.hide()
        self.sign_in_button.clicked.connect(self.sign_in)
        # centred with stretches rather than alignment flags: importing the Qt namespace (its
        # enums) costs ~13 ms, which the first paint need not wait for
        cover_layout = QVBoxLayout(self.cover)
        cover_layout.addStretch(1)
        for widget in (self.welcome, self.sign_in_button):
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(widget)
            row.addStretch(1)
            cover_layout.addLayout(row)
        cover_layout.addStretch(2)
        self.stack.addWidget(self.cover)
        self.setCentralWidget(self.stack)
        self.user_label = QLabel(self.tr("Not signed in"), self)
        self.user_label.setObjectName("status_user")
        self.db_label = QLabel(self.tr("Database: {0}").format(self.db_path), self)
        self.db_label.setObjectName("status_database")
        self.backup_label = QLabel(self.tr("Last backup: none"), self)
        self.backup_label.setObjectName("status_backup")
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.backup_label)
        self.lock_timer = QTimer(self)
        self.lock_timer.setSingleShot(True)
        self.lock_timer.timeout.connect(self.lock)
        self._activity = None       # made at the first sign-in
        self.locked = False
        self.menus_built = False   # after the first paint: creating QActions wakes ~100 Qt enums (~30 ms)

    # -- menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_patient_action = self._action(file_menu, self.tr("&New patient…"), QKeySequence("Ctrl+N"),
                                               self.new_patient)
        self.print_action = self._action(file_menu, self.tr("&Print form…"), QKeySequence("Ctrl+P"), self.print_form)
        self.backup_action = self._action(file_menu, self.tr("&Back up now"), None, self.back_up_now)
        self.export_action = self._action(file_menu, self.tr("&Export…"), None, self.export_data)
        self.export_action.setObjectName("export_action")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Lock"), QKeySequence("Ctrl+L"), self.lock)
        self._action(file_menu, self.tr("Sign &out"), None, self.sign_out)
        self._action(file_menu, self.tr("&Quit"), QKeySequence("Ctrl+Q"), self.close)
        view = self.menuBar().addMenu(self.tr("&View"))
        self.list_action = self._action(view, self.tr("Patient &list"), QKeySequence("F9"), self.toggle_patient_list)
        self.list_action.setCheckable(True)
        self.list_action.setChecked(True)
        self._action(view, self.tr("Larger text"), QKeySequence("Ctrl++"), lambda: self.change_font_scale(0.1))
        self._action(view, self.tr("Smaller text"), QKeySequence("Ctrl+-"), lambda: self.change_font_scale(-0.1))

    def _action(self, menu, text, keys, slot) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def toggle_patient_list(self) -> None:
        """F9 hides the list, giving the bedside grid the whole width; F9 again brings it back."""
        if self.workspace is not None:
            self.patients.setVisible(not self.patients.isVisible())
            self.list_action.setChecked(self.patients.isVisible())

    def change_font_scale(self, step: float) -> None:
        self._font_scale = round(max(0.8, min(2.0, self._font_scale + step)), 2)
        set_font_scale(QApplication.instance(), self._font_scale)

    @property
    def font_point_size(self) -> float:
        return BASE_POINT_SIZE * self._font_scale

    # -- start-up
    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def load_rest(self) -> None:
        """What the signed-out screen needs after its first paint: the database, opened and migrated.

        The patient workspace (and with it the unit registry and the protocols) is built when
        someone signs in: nothing of it is shown before, so start-up does not wait for it.
        """
        from nkdesk.services.errors import StorageError
        from nkdesk.ui.style import load_fonts

        if not self.menus_built:
            from PySide6.QtCore import Qt

            self._build_menus()
            self.welcome.setAlignment(Qt.AlignCenter)
            self.menus_built = True
        load_fonts(QApplication.instance())
        try:
            self.session.open()
        except StorageError as exc:
            self.welcome.setText(self.tr("The database cannot be opened.\n\n{0}").format(problem_text(exc)))
            self.welcome.setStyleSheet("font-size: 13pt; color: #b71c1c; padding: 30px;")
            self.ready.emit()
            return
        self._show_last_backup()
        self.welcome.setText(self.tr("NKDesk — sign in to begin"))
        self.sign_in_button.show()
        self.ready.emit()
        if self.wants_sign_in:
            QTimer.singleShot(0, self.sign_in)

    def _build_workspace(self) -> None:
        if self.workspace is not None:
            return
        from nkdesk.ui.patient_view import PatientView
        from nkdesk.ui.patients_panel import PatientsPanel

        self.patients = PatientsPanel(self)
        self.patient_view = PatientView(self.session, self.prompts, self)
        from PySide6.QtCore import Qt

        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(self.patients)
        split.addWidget(self.patient_view)
        split.setSizes([420, 946])
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        self.patients.setMinimumWidth(380)
        self.workspace = split
        self.stack.addWidget(split)
        self.patients.search_changed.connect(lambda _text: self.refresh_patients())
        self.patients.patient_chosen.connect(self.patient_view.show_patient)
        self.patients.add_requested.connect(self.new_patient)
        self.patient_view.edit_requested.connect(self.edit_patient)
        self.session.changed.connect(lambda _c: self.refresh_patients())

    # -- who is working
    def sign_in(self) -> bool:
        from nkdesk.services import users

        if self.session.store is None:
            return False
        if not users.has_accounts(self.session.store):
            first = self.prompts.first_administrator()
            if first is None:
                return False
            import getpass

            if self.session.call(
                    lambda store, _u: users.bootstrap_administrator(store, getpass.getuser(), *first)) is None:
                return False
        signed: dict = {}

        def authenticate(username, password):
            user, problem = self.session.authenticate(username, password)
            signed["user"] = user
            return problem

        if not self.prompts.credentials(self.tr("Sign in to NKDesk"), self.tr("Database: {0}").format(self.db_path),
                                        authenticate):
            return False
        self._start_session(signed["user"])
        return True

    def _start_session(self, user) -> None:
        from nkdesk.services import workstation

        QApplication.setOverrideCursor(_wait_cursor())
        try:
            self._build_workspace()
        finally:
            QApplication.restoreOverrideCursor()
        self.session.set_user(user)
        self.user_label.setText(self.tr("Signed in: {0} ({1})").format(user.full_name,
                                                                        user.role.label if user.role else ""))
        self.stack.setCurrentWidget(self.workspace)
        self.refresh_patients()
        if self._activity is None:
            self._activity = _ActivityWatch(self.lock_timer)
        QApplication.instance().installEventFilter(self._activity)
        self.lock_timer.setInterval(int(self.session.settings.lock_timeout_min * 60_000))
        self.lock_timer.start()
        if workstation.daily_backup_due(self.session.store.path, self.session.store.now()):
            self._back_up("daily")

    def sign_out(self) -> None:
        if self.session.user is None:
            return
        if self.patient_view is not None:
            self.patient_view.eligibility.flush()
        self.session.set_user(None)
        self.lock_timer.stop()
        self.user_label.setText(self.tr("Not signed in"))
        self.stack.setCurrentWidget(self.cover)
        self.welcome.setText(self.tr("Signed out. Sign in to continue."))

    def lock(self) -> None:
        """Hide patient data until the same user's password is given again; nothing on screen is lost."""
        if self.session.user is None or self.locked:
            return
        self.patient_view.eligibility.flush()
        self.locked = True
        self.lock_timer.stop()
        self.stack.setCurrentWidget(self.cover)
        user = self.session.user
        self.welcome.setText(self.tr("Locked — {0} is signed in.").format(user.full_name))
        self.sign_in_button.hide()

        def authenticate(_username, password):
            return self.session.unlock(password)

        while self.locked:
            if self.prompts.credentials(self.tr("Unlock NKDesk"),
                                        self.tr("Locked after inactivity. {0}, enter your "
                                                "password to continue.").format(user.full_name),
                                        authenticate, username=user.username, fixed_user=True):
                self.unlock()
            else:
                self.sign_out()
                self.locked = False
                self.sign_in_button.show()

    def unlock(self) -> None:
        self.locked = False
        self.stack.setCurrentWidget(self.workspace)
        self.lock_timer.start()

    # -- patients
    def refresh_patients(self) -> None:
        from nkdesk.services import patients

        if self.session.user is None or self.workspace is None:
            return
        rows = self.session.read(patients.search, self.patients.search.text())
        if rows is not None:
            self.patients.set_rows(rows)

    def new_patient(self) -> None:
        from nkdesk.services import patients

        if self.session.user is None:
            return
        values = self.prompts.patient_details()
        if values is None:
            return
        saved = self.session.call(patients.create_patient, **values)
        if saved is not None:
            self.patients.select(saved.value.id)
            self.patient_view.show_patient(saved.value.id)

    def edit_patient(self, patient) -> None:
        from nkdesk.services import patients

        values = self.prompts.patient_details(patient)
        if values is None:
            return

        def shown(value) -> str:
            return value.isoformat() if hasattr(value, "isoformat") else str(value or "").strip().upper()

        changed = {k: v for k, v in values.items() if shown(getattr(patient, k)) != shown(v)}
        if not changed:
            return
        reason = self.prompts.reason(self.tr("Change patient details"), self.tr("Why are these details changed?"))
        if reason:
            self.session.call(patients.edit_patient, patient.id, patient.version, reason=reason, **changed)

    def print_form(self) -> None:
        """The PDF `nkdesk form` would write, previewed, then printed or saved."""
        from nkdesk.forms import catalogue
        from nkdesk.services import printing

        chart = self.patient_view.chart if self.patient_view is not None else None
        if self.session.user is None or chart is None:
            self.prompts.problem(self.tr("Choose a patient first: forms are printed for one patient."))
            return
        name = self.prompts.choose(self.tr("Print a form"),
                                   self.tr("Which form for {0}?").format(chart.patient.study_id),
                                   {f.name: self.tr(f.title) for f in catalogue.FORMS})
        if name is None:
            return
        QApplication.setOverrideCursor(_wait_cursor())
        try:
            pdf = self.session.read(lambda store: printing.make_pdf(name, store, chart.patient, self.session.user,
                                                                    self.session.settings))
        finally:
            QApplication.restoreOverrideCursor()
        if pdf is not None:
            self.prompts.preview(pdf, f"{name}-{chart.patient.study_id}.pdf", self.session.settings.paper_size)

    def export_data(self) -> None:
        """File › Export… (nkdesk/ui/export_dialog.py): ODM, REDCap or FHIR, pseudonymised."""
        from nkdesk.ui.export_dialog import ExportDialog

        if self.session.user is None:
            return
        self.export_dialog = ExportDialog(self.session.db_path, self.session.user, self)
        self.export_dialog.open()

    # -- backups and closing
    def back_up_now(self) -> None:
        if self.session.store is not None:
            self._back_up("manual")

    def _back_up(self, kind: str) -> None:
        """A verified online backup on a worker thread (its own SQLite connection), the status bar
        busy meanwhile; rotation of the automatic ones afterwards, on this thread."""
        from PySide6.QtWidgets import QProgressBar

        from nkdesk.services import workstation

        store = self.session.store
        if store.network:   # on a network folder only the Store's own connection may read the file
            self._backup_done(kind, *self._backup_now(
                lambda: workstation.take_backup(store.path, kind, source=store.conn)))
            return
        busy = QProgressBar(self)
        busy.setObjectName("backup_busy")
        busy.setRange(0, 0)
        busy.setMaximumWidth(160)
        self.statusBar().addPermanentWidget(busy)
        self.statusBar().showMessage(self.tr("Backing up…"))
        path = store.path

        def done(result, error):
            self.statusBar().removeWidget(busy)
            busy.deleteLater()
            self._backup_done(kind, result, error)

        self._backup_job = run_in_background(lambda: workstation.take_backup(path, kind), done, self)

    @staticmethod
    def _backup_now(fn):
        try:
            return fn(), None
        except Exception as exc:
            return None, exc

    def _backup_done(self, kind: str, info, error) -> None:
        from nkdesk.services import workstation

        if error is not None:
            self.prompts.problem(self.tr("The {0} backup failed: {1}").format(kind, error))
            return
        if kind != "manual" and self.session.store is not None:
            workstation.rotate_backups(self.session.store.path, self.session.settings.backups_kept)
        self.statusBar().showMessage(self.tr("Backed up to {0}").format(info.path), 10000)
        self._show_last_backup()

    def _show_last_backup(self) -> None:
        from nkdesk.services import workstation

        last = workstation.last_backup(self.session.store.path) if self.session.store else None
        if last is not None:
            when = last.manifest.get("created_local", last.created_utc)[:16].replace("T", " ")
            self.backup_label.setText(self.tr("Last backup: {0}").format(when))

    def closeEvent(self, event) -> None:
        if self.patient_view is not None:
            self.patient_view.eligibility.flush()
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Called once the event loop has ended: the exit backup, then the database is closed."""
        from PySide6.QtCore import QThreadPool

        if self._activity is not None:
            QApplication.instance().removeEventFilter(self._activity)
        QThreadPool.globalInstance().waitForDone(60_000)   # a backup still being written finishes first
        self.session.close()


def _wait_cursor():
    from PySide6.QtCore import Qt

    return Qt.WaitCursor
