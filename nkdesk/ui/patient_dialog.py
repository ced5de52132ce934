"""Add or edit a patient: study ID, initials, date of birth, sex, hospital ID (nothing more
identifying than the protocol needs). Validation is the service's; this dialog shows its answer."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout


class PatientDialog(QDialog):
    def __init__(self, patient=None, parent=None):
        super().__init__(parent)
        self.setObjectName("patient_dialog")
        self.setWindowTitle(self.tr("Edit patient") if patient else self.tr("New patient"))
        self.study_id = self._line("patient_study_id", self.tr("Study ID"))
        self.initials = self._line("patient_initials", self.tr("Initials"))
        self.birth_date = self._line("patient_birth_date", self.tr("Date of birth"))
        self.birth_date.setPlaceholderText("YYYY-MM-DD")
        self.sex = QComboBox(self)
        self.sex.setObjectName("patient_sex")
        self.sex.setAccessibleName(self.tr("Sex"))
        self._sexes = ["", "F", "M"]
        self.sex.addItems(["—", "F", "M"])
        self.hospital_id = self._line("patient_hospital_id", self.tr("Hospital ID"))
        self.error = QLabel(self)
        self.error.setObjectName("patient_error")
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        form = QFormLayout()
        form.addRow(self.tr("Study ID"), self.study_id)
        form.addRow(self.tr("Initials"), self.initials)
        form.addRow(self.tr("Date of birth"), self.birth_date)
        form.addRow(self.tr("Sex"), self.sex)
        form.addRow(self.tr("Hospital ID"), self.hospital_id)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Save).setObjectName("patient_save")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if patient is not None:
            self.study_id.setText(patient.study_id)
            self.initials.setText(patient.initials)
            self.birth_date.setText(patient.birth_date.isoformat() if patient.birth_date else "")
            self.sex.setCurrentIndex(self._sexes.index(patient.sex or ""))
            self.hospital_id.setText(patient.hospital_id or "")

    def _line(self, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        return line

    def values(self) -> dict:
        return {"study_id": self.study_id.text(), "initials": self.initials.text(),
                "birth_date": self.birth_date.text().strip() or None,
                "sex": self._sexes[self.sex.currentIndex()] or None,
                "hospital_id": self.hospital_id.text()}
