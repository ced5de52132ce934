"""The main window: patient list on the left, the chosen patient's workspace on the right, and the
status bar the ward relies on (who is signed in, which database, the last backup).

It paints first and loads afterwards (`load_rest`, called from the event loop once the first paint
is done), so NKDesk appears at once; `ready` says everything is loaded. It locks after the site's
inactivity timeout, hiding patient data but keeping every screen as it was, and unlocks with the
signed-in user's password.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
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

from nkdesk.domain import Role
from nkdesk.ui import language
from nkdesk.ui.dialogs import DialogPrompts
from nkdesk.ui.elided_label import ElidedLabel
from nkdesk.ui.prompts import Prompts
from nkdesk.ui.session import Session, problem_text
from nkdesk.ui.style import BASE_POINT_SIZE, relative_font, set_font_scale
from nkdesk.ui.window_files import FileActions
from nkdesk.ui.window_language import WindowLanguage
from nkdesk.ui.window_session import WindowSession

if TYPE_CHECKING:   # imported when first used: start-up does not wait for Qt's enums
    from PySide6.QtGui import QCloseEvent

    from nkdesk.domain import Changes
    from nkdesk.ui.event_filters import WindowEvents


# What the patient list shows (storage.patients.search: the patient, the state from the enrolment and a
# running infusion, the next due event), by table: a save touching none of these leaves the list as it is.
LIST_SHOWS = frozenset({"patients", "enrolments", "infusions", "treatment_cycles", "treatment_events",
                        "discontinuations", "suspension_lifts", "eligibility_assessments",
                        "vital_sign_sets", "vital_alerts", "dose_orders"})   # the last three: the due-now list


class MainWindow(WindowSession, WindowLanguage, FileActions, QMainWindow):
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
        self.welcome.setStyleSheet("color: #455a64; padding: 40px;")
        relative_font(self.welcome, 18 / 11)
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
        # elided, never overlapping: the whole text stays in each label's tooltip (issue 16)
        self.user_label = ElidedLabel(self.tr("Not signed in"), self)
        self.user_label.setObjectName("status_user")
        self.db_label = ElidedLabel(self.tr("Database: {0}").format(self.db_path), self, elide_middle=True)
        self.db_label.setObjectName("status_database")
        self.backup_label = ElidedLabel(self.tr("Last backup: none"), self)
        self.backup_label.setObjectName("status_backup")
        # what is happening ("Backing up…"), in its own place: QStatusBar's temporary message was
        # painted over the user's name
        self.message_label = ElidedLabel("", self)
        self.message_label.setObjectName("status_message")
        self.message_timer = QTimer(self)
        self.message_timer.setSingleShot(True)
        self.message_timer.timeout.connect(self.message_label.clear)
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.db_label, 1)
        bar.addWidget(self.message_label, 1)
        bar.addPermanentWidget(self.backup_label)
        self.lock_timer = QTimer(self)
        self.lock_timer.setSingleShot(True)
        self.lock_timer.timeout.connect(lambda: self.lock(idle=True))
        self.window_events: WindowEvents | None = None   # the idle lock and the wheel guard, after the first paint
        self.locked = False
        self.menus_built = False   # after the first paint: creating QActions wakes ~100 Qt enums (~30 ms)
        self._menu_items: list[QObject] = []     # the menus and actions, replaced when the language changes
        # the window's language before anyone signs in (the workstation's, app.py): a user who has not
        # chosen one gets it
        self.start_language = language.current()
        self.workspace_language: str | None = None   # the language the workspace's texts were made in
        self._retranslating = False
        self.texts_language = self.start_language   # the language the window's own texts are in

    # -- menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_patient_action = self._action(file_menu, self.tr("&New patient…"), QKeySequence("Ctrl+N"),
                                               self.new_patient)
        self.print_action = self._action(file_menu, self.tr("&Print form…"), QKeySequence("Ctrl+P"), self.print_form)
        self.backup_action = self._action(file_menu, self.tr("&Back up now"), None, self.back_up_now)
        self.export_action = self._action(file_menu, self.tr("&Export…"), None, self.export_data)
        self.export_action.setObjectName("export_action")
        self.access_log_action = self._action(file_menu, self.tr("&Access log…"), None, self.show_access_log)
        self.access_log_action.setObjectName("access_log_action")
        self.access_log_action.setVisible(self.session.user is not None
                                          and self.session.user.role is Role.ADMINISTRATOR)
        self.restore_action = self._action(file_menu, self.tr("&Restore from backup…"), None, self.restore_backup)
        self.restore_action.setObjectName("restore_action")
        self.restore_action.setVisible(self.access_log_action.isVisible())
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Lock"), QKeySequence("Ctrl+L"), self.lock).setObjectName("lock_action")
        self._action(file_menu, self.tr("Sign &out"), None, self.sign_out).setObjectName("sign_out_action")
        self._action(file_menu, self.tr("&Quit"), QKeySequence("Ctrl+Q"), self.close).setObjectName("quit_action")
        view = self.menuBar().addMenu(self.tr("&View"))
        self.list_action = self._action(view, self.tr("Patient &list"), QKeySequence("F9"), self.toggle_patient_list)
        self.list_action.setCheckable(True)
        self.list_action.setChecked(True)
        self._action(view, self.tr("Larger text"), QKeySequence("Ctrl++"), lambda: self.change_font_scale(0.1))
        self._action(view, self.tr("Smaller text"), QKeySequence("Ctrl+-"), lambda: self.change_font_scale(-0.1))
        view.addSeparator()
        # View › Language: each language named in itself, so that anyone can find their own
        languages = view.addMenu(self.tr("&Language"))
        languages.setObjectName("language_menu")
        group = QActionGroup(languages)
        self.language_actions: dict[str, QAction] = {}
        for code in ("en", "ja"):
            action = self._action(languages, language.LANGUAGES[code], None,
                                  lambda code=code: self.choose_language(code))
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == language.current())
            group.addAction(action)
            self.language_actions[code] = action
        self._menu_items.extend(self.menuBar().actions())

    def _action(self, menu, text, keys, slot) -> QAction:
        action = QAction(text, self)
        self._menu_items.append(action)
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

    # -- the language (issue 18): chosen per user, applied at once
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
        if self.window_events is None:
            from nkdesk.ui.event_filters import WindowEvents

            self.window_events = WindowEvents(self)
            QApplication.instance().installEventFilter(self.window_events)
        try:
            self.session.open()
        except StorageError as exc:
            from nkdesk.ui import restore_dialog  # issue 15: a damaged file is named, its last good backup offered

            if not restore_dialog.offer_after_damage(self):
                self.welcome.setText(self.tr("The database cannot be opened.\n\n{0}").format(problem_text(exc)))
                self.welcome.setStyleSheet("color: #b71c1c; padding: 30px;")
                relative_font(self.welcome, 13 / 11)
            self.ready.emit()
            return
        self._show_last_backup()
        # the last user's language at this workstation, for the sign-in screen (if they chose one)
        from nkdesk.services import preferences

        last = self.session.read(preferences.workstation_language)
        if last is not None:
            self.set_language(last)
        self.welcome.setText(self.tr("NKDesk — sign in to begin"))
        self.sign_in_button.show()
        self.ready.emit()
        if self.wants_sign_in:
            QTimer.singleShot(0, self.sign_in)

    def _build_workspace(self) -> None:
        if self.workspace is not None:
            return
        self._make_workspace()
        self.session.changed.connect(self._on_changed)
        self.round_timer = QTimer(self)             # what is due moves with the clock, not only with saves
        self.round_timer.setInterval(60_000)
        self.round_timer.timeout.connect(self.refresh_patients)
        self.round_timer.start()

    def _make_workspace(self) -> None:
        """The patient list beside the patient's workspace, in the current language."""
        from nkdesk.ui.patient_view import PatientView
        from nkdesk.ui.patients_panel import PatientsPanel

        self.patients = PatientsPanel(self)
        self.patient_view = PatientView(self.session, self.prompts, self)

        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(self.patients)
        split.addWidget(self.patient_view)
        split.setSizes([420, 946])
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        self.patients.setMinimumWidth(380)
        self.workspace = split
        self.stack.addWidget(split)
        self.patients.patient_chosen.connect(self.choose_patient)
        self.patients.add_requested.connect(self.new_patient)
        self.patients.roster_wanted.connect(self.refresh_patients)
        self.patient_view.edit_requested.connect(self.edit_patient)
        self.workspace_language = language.current()

    # -- patients
    def choose_patient(self, patient_id: int) -> bool:
        """The list's choice: each editor leaves first; if one stays, the list shows the current patient again."""
        if self.patient_view.show_patient(patient_id):
            return True
        current = self.patient_view.patient_id
        if current is not None:
            self.patients.select(current)
        if self.patients.current_id() != current:   # the current patient is not in the filtered list
            self.patients.table.selectionModel().clear()
        return False

    def _on_changed(self, changes: Changes | None) -> None:
        """The list is searched again only when a save touched what it shows (a vital-sign set does not)."""
        if changes is None or changes.tables & LIST_SHOWS:
            self.refresh_patients()

    def refresh_patients(self) -> None:
        from nkdesk.services import patients

        if self.session.user is None or self.workspace is None or self.session.store is None:
            return
        from nkdesk.services import rounds

        rows = self.session.read(patients.roster)   # every patient: the list searches them as you type
        if rows is not None:
            self.patients.set_rows(rows)
        due = self.session.read(rounds.due_now)     # the round across patients ("Due now: N")
        if due is not None:
            self.patients.set_due(due)

    def new_patient(self) -> None:
        from nkdesk.services import patients

        if self.session.user is None:
            return
        from nkdesk.ui.patient_draft import PatientDraft

        values = self.prompts.patient_details(check=self._patient_problems(),
                                              draft=PatientDraft(self.session, self.prompts))
        if values is None:
            return
        saved = self.session.call(patients.create_patient, **values)
        if saved is not None:
            self.refresh_patients()
            self.patients.select(saved.value.id)
            self.choose_patient(saved.value.id)

    def _patient_problems(self, patient_id: int | None = None):
        """What the patient dialog asks before it closes: every problem with the details as typed."""
        from nkdesk.services import patients

        def check(values: dict) -> tuple:
            found, problem = self.session.attempt(patients.problems, values, patient_id)
            return found if problem is None else (problem,)
        return check

    def edit_patient(self, patient) -> None:
        from nkdesk.services import patients
        from nkdesk.ui.patient_draft import PatientDraft

        values = self.prompts.patient_details(patient, check=self._patient_problems(patient.id),
                                              draft=PatientDraft(self.session, self.prompts, patient.id))
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

    def say(self, text: str, timeout_ms: int = 0) -> None:
        """A passing message in the status bar's own place (cleared after `timeout_ms`, if given)."""
        self.message_label.setText(text)
        self.message_timer.stop()
        if timeout_ms:
            self.message_timer.start(timeout_ms)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quitting: each editor leaves (a draft kept, or the user asked); locked, nothing is asked
        (the lock kept every edit)."""
        if self.patient_view is not None and self.session.user is not None and not self.locked \
                and not self.patient_view.leave_all():
            event.ignore()
            return
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Called once the event loop has ended: the exit backup, then the database is closed."""
        from PySide6.QtCore import QThreadPool

        if self.window_events is not None:
            QApplication.instance().removeEventFilter(self.window_events)
        QThreadPool.globalInstance().waitForDone(60_000)   # a backup still being written finishes first
        self.session.close()
