"""The window's File menu work on the record: print a form, read the access log, restore, export,
back up now (and the status bar's word on the last backup). A mixin of `MainWindow`, split from it
along this seam; its texts stay in the "MainWindow" translation context (`QCoreApplication.translate`
with the class's name, as `self.tr` on the window looks them up).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from nkdesk.domain import Role
from nkdesk.ui import evidence
from nkdesk.ui.background import run_in_background

# The printable forms' titles (nkdesk.forms.catalogue.FORMS), keyed by form name, for File › Print.
FORM_TITLES = {
    "eligibility": QT_TRANSLATE_NOOP("MainWindow", "Eligibility checklist"),
    "dose-order": QT_TRANSLATE_NOOP("MainWindow", "Filgrastim dose order"),
    "calendar": QT_TRANSLATE_NOOP("MainWindow", "Treatment calendar"),
    "vitals": QT_TRANSLATE_NOOP("MainWindow", "Infusion vital-signs record"),
    "ae-log": QT_TRANSLATE_NOOP("MainWindow", "Adverse-event log"),
    "summary": QT_TRANSLATE_NOOP("MainWindow", "Patient summary"),
}


def wait_cursor() -> Any:
    return Qt.WaitCursor


class FileActions:
    """File menu actions of the main window (which provides session, prompts, patient_view, say, …)."""

    session: Any
    prompts: Any
    patient_view: Any

    def print_form(self) -> None:
        """The PDF `nkdesk form` would write, previewed, then printed or saved."""
        from nkdesk.forms import catalogue
        from nkdesk.services import printing

        chart = self.patient_view.chart if self.patient_view is not None else None
        if self.session.user is None or chart is None:
            self.prompts.problem(QCoreApplication.translate(
                "MainWindow", "Choose a patient first: forms are printed for one patient."))
            return
        name = self.prompts.choose(QCoreApplication.translate("MainWindow", "Print a form"),
                                   QCoreApplication.translate("MainWindow", "Which form for {0}?").format(
                                       chart.patient.study_id),
                                   {f.name: QCoreApplication.translate("MainWindow", FORM_TITLES.get(f.name, f.title))
                                    for f in catalogue.FORMS})
        if name is None:
            return
        QApplication.setOverrideCursor(wait_cursor())
        try:
            pdf = self.session.read(lambda store: printing.make_pdf(name, store, chart.patient, self.session.user,
                                                                    self.session.settings))
        finally:
            QApplication.restoreOverrideCursor()
        if pdf is not None:
            self.prompts.preview(pdf, f"{name}-{chart.patient.study_id}.pdf", self.session.settings.paper_size)

    def show_access_log(self) -> None:
        """An administrator reads who opened, printed or exported which patients (issue 15)."""
        from nkdesk.services import trail

        entries = self.session.call(trail.access_entries)
        if entries is None:
            return
        self.access_log_dialog = evidence.AccessLogDialog(entries, self)
        self.access_log_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.access_log_dialog.show()

    def restore_backup(self) -> None:
        """File › Restore from backup… (nkdesk/ui/restore_dialog.py): administrators only (issue 15)."""
        from nkdesk.ui import restore_dialog

        if self.session.user is not None and self.session.user.role is Role.ADMINISTRATOR:
            restore_dialog.open_for(self)

    def export_data(self) -> None:
        """File › Export… (nkdesk/ui/export_dialog.py): ODM, REDCap or FHIR, pseudonymised."""
        from nkdesk.ui.export_dialog import ExportDialog

        if self.session.user is None:
            return
        if getattr(self, "export_dialog", None) is not None:   # the previous one, closed: not kept alive
            self.export_dialog.deleteLater()
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
        self.say(QCoreApplication.translate("MainWindow", "Backing up…"))
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
            self.say("")
            self.prompts.problem(QCoreApplication.translate("MainWindow", "The {0} backup failed: {1}").format(
                kind, error))
            return
        if kind != "manual" and self.session.store is not None:
            workstation.rotate_backups(self.session.store.path, self.session.settings.backups_kept)
        self.say(QCoreApplication.translate("MainWindow", "Backed up to {0}").format(info.path), 10000)
        self._show_last_backup()

    def _show_last_backup(self) -> None:
        from nkdesk.services import workstation

        last = workstation.last_backup(self.session.store.path) if self.session.store else None
        if last is not None:
            when = last.manifest.get("created_local", last.created_utc)[:16].replace("T", " ")
            self.backup_label.setText(QCoreApplication.translate("MainWindow", "Last backup: {0}").format(when))
