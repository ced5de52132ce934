"""File › Export…: the trial's data in CDISC ODM, REDCap or FHIR, pseudonymised, with a progress
bar; the output folder is opened when the export is done.

The export itself is `nkdesk.services.export.export_file`, run on a worker thread with its own
read-only connection (the window's SQLite connection belongs to the window's thread); progress
comes back through a queued signal. The widget holds no export logic: it hands the service what
the user chose. `open_folder` is what shows the folder (the desktop's file manager by default).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from nkdesk.ui import words
from nkdesk.ui.background import run_in_background

FORMATS = tuple(words.EXPORT_FORMATS)


class _Progress(QObject):
    step = Signal(int, int)   # done, total: emitted on the worker thread, delivered on the window's


def _named(widget, name: str, accessible: str):
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class ExportDialog(QDialog):
    finished_export = Signal(object, object)   # the ExportResult (or None), the error (or None)

    def __init__(self, db_path: Path, user, parent=None, open_folder=None):
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("Export the trial's data"))
        self.db_path, self.user = Path(db_path), user
        self.open_folder = open_folder or (lambda folder: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        self.result = None
        self._job = None
        self.format = _named(QComboBox(self), "export_format", self.tr("Export format"))
        for key in FORMATS:
            self.format.addItem(words.shown(words.EXPORT_FORMATS, key), key)
        documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
        self.folder = _named(QLineEdit(str(Path(documents) / "nkdesk-export"), self), "export_folder",
                             self.tr("Output folder"))
        browse = _named(QPushButton(self.tr("Choose…"), self), "export_browse", self.tr("Choose the output folder"))
        browse.clicked.connect(self._choose_folder)
        self.patients = _named(QLineEdit(self), "export_patients", self.tr("Study IDs to export"))
        self.patients.setPlaceholderText(self.tr("all patients (or study IDs separated by commas)"))
        self.notes = _named(QCheckBox(self.tr("Include free-text clinical notes"), self), "export_with_notes",
                            self.tr("Include free-text clinical notes"))
        self.progress = _named(QProgressBar(self), "export_progress", self.tr("Export progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = _named(QLabel(self.tr("Pseudonymised: study ID only; no names, hospital IDs or birth dates."),
                                    self), "export_status", self.tr("Export status"))
        self.status.setWordWrap(True)
        self.start = _named(QPushButton(self.tr("Export"), self), "export_start", self.tr("Start the export"))
        self.start.setDefault(True)
        self.start.clicked.connect(self.run_export)
        close = _named(QPushButton(self.tr("Close"), self), "export_close", self.tr("Close"))
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Folder"), row)
        form.addRow(self.tr("Patients"), self.patients)
        form.addRow("", self.notes)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._relay = _Progress(self)
        self._relay.step.connect(self._stepped)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Output folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def run_export(self) -> None:
        from nkdesk.services import export

        fmt = self.format.currentData()
        folder = self.folder.text().strip()
        wanted = [s.strip() for s in self.patients.text().split(",") if s.strip()] or None
        notes = self.notes.isChecked()
        self.start.setEnabled(False)
        self.progress.setRange(0, 0)   # busy until the first patient is done
        self.status.setText(self.tr("Exporting…"))
        relay, db_path, user = self._relay, self.db_path, self.user

        def work():
            return export.export_file(db_path, user, fmt, folder, wanted, notes,
                                      lambda done, total: relay.step.emit(done, total))
        self._job = run_in_background(work, self._done, self)

    def _stepped(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, result, error) -> None:
        self._job = None
        self.start.setEnabled(True)
        if error is not None:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.status.setText(self.tr("The export failed; nothing was written: {0}").format(error))
        else:
            self.result = result
            self.progress.setRange(0, max(len(result.study_ids), 1))
            self.progress.setValue(self.progress.maximum())
            self.status.setText(self.tr("{0} patient(s) exported to {1}").format(len(result.study_ids),
                                                                                  result.out_dir))
            self.open_folder(result.out_dir)
        self.finished_export.emit(result, error)
