"""Who is working at the window: sign-in (the first administrator of an empty database too), the
session's start (the user's language, the workspace built on first use, the daily backup, the
evidence checks after sign-in), sign-out, and the lock after inactivity. A mixin of `MainWindow`,
split from it along this seam; its texts stay in the "MainWindow" translation context
(`QCoreApplication.translate` with the class's name, as `self.tr` on the window looks them up).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication

from nkdesk.domain import Role
from nkdesk.ui import evidence, language
from nkdesk.ui.window_files import wait_cursor


class WindowSession:
    """Sign-in, sign-out and the lock of the main window (which provides session, prompts, stack,
    cover, workspace, patients, patient_view, lock_timer, the status bar's labels, …)."""

    session: Any
    prompts: Any
    patient_view: Any

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

        title = QCoreApplication.translate("MainWindow", "Sign in to NKDesk")
        where = QCoreApplication.translate("MainWindow", "Database: {0}").format(self.db_path)
        if not self.prompts.credentials(title, where, authenticate):
            return False
        self._start_session(signed["user"])
        return True

    def _start_session(self, user) -> None:
        from nkdesk.services import preferences, workstation

        # the user's own language before anything of theirs is shown (none chosen: the workstation's)
        self.set_language(self.session.read(preferences.language, user) or self.start_language)
        if self.menus_built:
            for code, action in self.language_actions.items():
                action.setChecked(code == language.current())
        QApplication.setOverrideCursor(wait_cursor())
        try:
            if self.workspace is not None and self.workspace_language != language.current():
                self._rebuild_workspace()   # made for the previous user's language; nobody on it now
            if self.workspace is None:   # the first sign-in builds every tab (2–12 s, benchmarks/sign_in_bench.py)
                self.welcome.setText(QCoreApplication.translate("MainWindow", "Signing in…"))
                self.activateWindow()    # keys typed meanwhile wait for this window, then go to the search box
                QApplication.processEvents(QEventLoop.ExcludeUserInputEvents)   # painted; the keys kept queued
                self._build_workspace()
                self.welcome.setText(QCoreApplication.translate("MainWindow", "NKDesk — sign in to begin"))
        finally:
            QApplication.restoreOverrideCursor()
        self.session.set_user(user)
        self._show_user(user)
        # each sign-in starts at the patient list, nobody chosen: never the previous user's patient
        self.patient_view.clear()
        self.patients.search.clear()
        self.stack.setCurrentWidget(self.workspace)
        self.patients.setVisible(True)
        if self.menus_built:
            self.list_action.setChecked(True)
        self.refresh_patients()
        self.activateWindow()
        self.patients.search.setFocus()
        self.patients.search.insert(vars(self.prompts).pop("typed_ahead", ""))   # typed in the sign-in dialog
        if self.window_events is not None:
            self.window_events.watch(self.lock_timer)
        self.lock_timer.setInterval(int(self.session.settings.lock_timeout_min * 60_000))
        self.lock_timer.start()
        if workstation.daily_backup_due(self.session.store.path, self.session.store.now()):
            self._back_up("daily")
        if self.menus_built:
            self.access_log_action.setVisible(user.role is Role.ADMINISTRATOR)
            self.restore_action.setVisible(user.role is Role.ADMINISTRATOR)
        # issue 15: a reset password is changed first; a rolled-back trail is shown until accepted
        if not evidence.after_sign_in(self.session, self.prompts):
            self.sign_out(ask=False)

    def _show_user(self, user) -> None:
        from nkdesk.ui import words

        self.user_label.setText(QCoreApplication.translate("MainWindow", "Signed in: {0} ({1})").format(
            user.full_name, words.role(user.role.value) if user.role else ""))

    def sign_out(self, ask: bool = True) -> bool:
        """Sign out, leaving the sign-in button. Each editor leaves first (a draft kept, or the user
        asked; False: someone chose to keep editing). After a lock nothing is asked: the lock kept
        every edit already (`ask=False`)."""
        if self.session.user is None:
            return True
        if ask and self.patient_view is not None and not self.patient_view.leave_all():
            return False
        if self.patient_view is not None:
            self.patient_view.clear()
            self.patients.search.clear()
            self.patients.set_rows([])
        self.session.set_user(None)
        self.lock_timer.stop()
        self.locked = False
        self.user_label.setText(QCoreApplication.translate("MainWindow", "Not signed in"))
        self.stack.setCurrentWidget(self.cover)
        self.welcome.setText(QCoreApplication.translate("MainWindow", "Signed out. Sign in to continue."))
        self.sign_in_button.show()
        self.sign_in_button.setFocus()
        return True

    def lock(self, idle: bool = False) -> None:
        """Hide patient data until the same user's password is given again. Nothing is asked and
        nothing on screen is lost: every editor keeps what it holds (a draft) and shows it again on
        unlock. Cancelling the unlock signs out, with the edits kept as drafts."""
        if self.session.user is None or self.locked:
            return
        if self.patient_view is not None:
            self.patient_view.keep_all()
        self.locked = True
        self.lock_timer.stop()
        self.stack.setCurrentWidget(self.cover)
        user = self.session.user
        self.welcome.setText(
            QCoreApplication.translate("MainWindow", "Locked — {0} is signed in.").format(user.full_name))
        self.sign_in_button.hide()

        def authenticate(_username, password):
            return self.session.unlock(password)

        if idle:
            intro = QCoreApplication.translate("MainWindow", "Locked after inactivity. {0}, enter your password to continue.")  # noqa: E501 — one literal, as lupdate reads it
        else:
            intro = QCoreApplication.translate("MainWindow", "Locked. {0}, enter your password to continue.")
        while self.locked:
            if self.prompts.credentials(QCoreApplication.translate("MainWindow", "Unlock NKDesk"),
                                        intro.format(user.full_name),
                                        authenticate, username=user.username, fixed_user=True):
                self.unlock()
            else:
                self.sign_out(ask=False)

    def unlock(self) -> None:
        self.locked = False
        self.stack.setCurrentWidget(self.workspace)
        self.lock_timer.start()
