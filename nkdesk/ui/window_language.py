"""The window in the user's language (issue 18): View › Language stored per user, the translation
installed, and every text of the window made again — menus and status bar retranslated, the patient
list and the patient's workspace rebuilt around what they held (each editor keeps its typing as a
draft first). A mixin of `MainWindow`, split from it along this seam; its texts stay in the
"MainWindow" translation context (`QCoreApplication.translate` with the class's name, as `self.tr`
on the window looks them up).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from nkdesk.domain import Role
from nkdesk.ui import language


class WindowLanguage:
    """Language switching of the main window (which provides session, menus, workspace, …)."""

    session: Any

    def choose_language(self, code: str) -> None:
        """View › Language: stored as the signed-in user's choice, then shown at once."""
        from nkdesk.services import preferences

        if code != language.current():
            if self.session.user is not None and self.session.call(preferences.set_language, code) is None:
                code = language.current()   # not stored (the problem was shown): the window stays as it is
            else:
                self.set_language(code)
        for other, action in self.language_actions.items():
            action.setChecked(other == code)

    def set_language(self, code: str) -> None:
        """Install the language's translation; Qt then sends every widget LanguageChange, on which
        the window retranslates itself (changeEvent)."""
        if code != language.current():
            language.apply(code, QApplication.instance())
            self.retranslate()   # at once: the events Qt posts find the window already in `code`

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and not self._retranslating \
                and self.texts_language != language.current():
            # a language installed elsewhere: one retranslation for the several events of one switch
            self._retranslating = True
            QTimer.singleShot(0, self, self.retranslate)   # not called once the window is gone

    def retranslate(self) -> None:
        """Every text of the window in the current language. The menus and the status bar are made
        again; the workspace (patient list and patient) is rebuilt around what it held — each editor
        keeps its typing as a draft first and shows it again (services.drafts), the same patient,
        tab and search stay on screen."""
        self._retranslating = False
        self.texts_language = language.current()
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "NKDesk"))
        if self.menus_built:
            self._rebuild_menus()
        user = self.session.user
        if user is None:
            self.user_label.setText(QCoreApplication.translate("MainWindow", "Not signed in"))
            if self.session.store is not None and self.stack.currentWidget() is self.cover:
                self.welcome.setText(QCoreApplication.translate("MainWindow", "NKDesk — sign in to begin"))
        else:
            self._show_user(user)
        self.db_label.setText(QCoreApplication.translate("MainWindow", "Database: {0}").format(self.db_path))
        self.sign_in_button.setText(QCoreApplication.translate("MainWindow", "&Sign in…"))
        self.backup_label.setText(QCoreApplication.translate("MainWindow", "Last backup: none"))
        if self.session.store is not None:
            self._show_last_backup()
        if self.workspace is not None and self.workspace_language != language.current() \
                and self.session.store is not None:
            self._rebuild_workspace()

    def _rebuild_menus(self) -> None:
        list_shown = self.list_action.isChecked()
        for item in self._menu_items:
            if isinstance(item, QAction):
                self.removeAction(item)
            item.setObjectName("")   # gone at the next turn of the event loop; found by name no more
            item.deleteLater()
        self._menu_items.clear()
        self.menuBar().clear()
        self._build_menus()
        self.list_action.setChecked(list_shown)
        self.access_log_action.setVisible(self.session.user is not None
                                          and self.session.user.role is Role.ADMINISTRATOR)

    def _rebuild_workspace(self) -> None:
        """The patient list and the patient's workspace made again in the current language, showing
        what they showed: nothing typed is lost (each editor keeps a draft and restores it)."""
        view, panel = self.patient_view, self.patients
        shown = self.stack.currentWidget() is self.workspace
        patient_id, tab = view.patient_id, view.tabs.currentIndex()
        search, list_visible = panel.search.text(), not panel.isHidden()
        view.keep_all()
        view.clear()
        self.session.changed.disconnect(view._on_changed)
        old = self.workspace
        self.stack.removeWidget(old)
        old.hide()
        old.setParent(None)   # out of the window at once: its widgets' objectNames are the new ones'
        old.deleteLater()
        self.workspace = None
        self._make_workspace()
        if shown:
            self.stack.setCurrentWidget(self.workspace)
        self.patients.setVisible(list_visible)
        self.patients.search.setText(search)
        self.refresh_patients()
        if patient_id is not None:
            self.patient_view.tabs.setCurrentIndex(tab)
            self.patients.select(patient_id)
            self.patient_view.show_patient(patient_id)

    # -- start-up
