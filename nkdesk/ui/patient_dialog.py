"""Add or edit a patient: study ID, initials, date of birth, sex, hospital ID (nothing more
identifying than the protocol needs). Validation is the service's; this dialog shows its answer.

Save asks the service for every problem at once (`check`: the details as typed → the problems,
`services.patients.problems`) and shows each under its field in words (ui/messages.py); the dialog
stays open with everything typed until the details are acceptable or the user cancels.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from nkdesk.ui.messages import problem_words

ERROR_STYLE = "color: #b71c1c; font-weight: bold;"


class PatientDialog(QDialog):
    def __init__(self, patient=None, parent=None, check: Callable[[dict], Sequence] | None = None):
        super().__init__(parent)
        self.setObjectName("patient_dialog")
        self.setWindowTitle(self.tr("Edit patient") if patient else self.tr("New patient"))
        self.check = check
        self.study_id = self._line("patient_study_id", self.tr("Study ID"))
        self.initials = self._line("patient_initials", self.tr("Initials"))
        self.birth_date = self._line("patient_birth_date", self.tr("Date of birth"))
        self.birth_date.setPlaceholderText(self.tr("e.g. 1958-03-07 or 1958/3/7"))
        self.sex = QComboBox(self)
        self.sex.setObjectName("patient_sex")
        self.sex.setAccessibleName(self.tr("Sex"))
        self._sexes = ["", "F", "M"]
        self.sex.addItems(["—", "F", "M"])
        self.hospital_id = self._line("patient_hospital_id", self.tr("Hospital ID"))
        self.error = QLabel(self)
        self.error.setObjectName("patient_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.problems: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, widget in (("study_id", self.tr("Study ID"), self.study_id),
                                   ("initials", self.tr("Initials"), self.initials),
                                   ("birth_date", self.tr("Date of birth"), self.birth_date),
                                   ("sex", self.tr("Sex"), self.sex),
                                   ("hospital_id", self.tr("Hospital ID"), self.hospital_id)):
            form.addRow(label, self._with_problem(key, widget))
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Save).setObjectName("patient_save")
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)
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

    def _with_problem(self, key: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        problem = QLabel(box)
        problem.setObjectName(f"patient_{key}_problem")
        problem.setStyleSheet(ERROR_STYLE)
        problem.setWordWrap(True)
        problem.hide()
        self.problems[key] = problem
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(problem)
        return box

    def values(self) -> dict:
        return {"study_id": self.study_id.text(), "initials": self.initials.text(),
                "birth_date": self.birth_date.text().strip() or None,
                "sex": self._sexes[self.sex.currentIndex()] or None,
                "hospital_id": self.hospital_id.text()}

    def show_problems(self, problems: Sequence) -> None:
        """Each problem under its field, all at once; the count above the buttons."""
        for label in self.problems.values():
            label.clear()
            label.hide()
        unplaced = []
        for exc in problems:
            words = problem_words(exc)
            label = self.problems.get(getattr(exc, "field", ""))
            if label is None:
                unplaced.append(words)
                continue
            label.setText(words)
            label.show()
        summary = (self.tr("Please correct the {0} problems shown.").format(len(problems)) if len(problems) > 1
                   else self.tr("Please correct the problem shown.") if problems else "")
        self.error.setText("\n".join([summary, *unplaced]).strip())
        self.layout().activate()
        self.adjustSize()          # wrapped messages need their height: grow rather than clip
        first = next((k for k in self.problems if not self.problems[k].isHidden()), None)
        if first is not None:
            getattr(self, first).setFocus()

    def _on_save(self) -> None:
        problems = list(self.check(self.values())) if self.check is not None else []
        if problems:
            self.show_problems(problems)
            return
        self.accept()
