"""Add or edit a patient: study ID, initials, date of birth, sex, hospital ID (nothing more
identifying than the protocol needs). Validation is the service's; this dialog shows its answer.

Save asks the service for every problem at once (`check`: the details as typed → the problems,
`services.patients.problems`) and shows each under its field in words (ui/messages.py); the dialog
stays open with everything typed until the details are acceptable or the user cancels.

With a `draft` keeper (`prompts.DraftKeeper`, ui/patient_draft.py; issue 14) what is typed is kept
about 0.7 s after the last key and when the dialog is closed with Escape or Cancel, offered back
when the dialog opens again ("patient_state" says "draft kept at HH:MM"), and can be thrown away
with "Discard draft…" (a reason, recorded).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nkdesk.ui.editor import SaveState, State
from nkdesk.ui.messages import problem_words

DRAFT_PAUSE_MS = 700


def _clock(iso_utc: str | None) -> str:
    moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00")) if iso_utc else dt.datetime.now(dt.UTC)
    return moment.astimezone().strftime("%H:%M:%S")

ERROR_STYLE = "color: #b71c1c; font-weight: bold;"


class PatientDialog(QDialog):
    def __init__(self, patient=None, parent=None, check: Callable[[dict], Sequence] | None = None, draft=None):
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
        buttons.button(QDialogButtonBox.Cancel).setObjectName("patient_cancel")
        self.state = SaveState("patient_state", self)
        self.discard_draft = QPushButton(self.tr("Discard &draft…"), self)
        self.discard_draft.setObjectName("patient_discard_draft")
        self.discard_draft.setAccessibleName(self.tr("Discard the patient details draft"))
        buttons.addButton(self.discard_draft, QDialogButtonBox.ResetRole)
        self.discard_draft.hide()
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)
        if patient is not None:
            self.study_id.setText(patient.study_id)
            self.initials.setText(patient.initials)
            self.birth_date.setText(patient.birth_date.isoformat() if patient.birth_date else "")
            self.sex.setCurrentIndex(self._sexes.index(patient.sex or ""))
            self.hospital_id.setText(patient.hospital_id or "")
        self.draft, self.draft_kept = draft, False
        self.loaded = self.typed()
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_PAUSE_MS)
        self.draft_timer.timeout.connect(self.keep)
        if draft is not None:
            found = draft.found()
            if found is not None:
                self.load_typed(found[0])
                self.draft_kept = True
                self.state.show_state(State.DRAFT_KEPT, _clock(found[1]), self.tr("typed before, not saved"))
                self.discard_draft.show()
            for line in (self.study_id, self.initials, self.birth_date, self.hospital_id):
                line.textChanged.connect(self._on_typed)
            self.sex.currentIndexChanged.connect(self._on_typed)
            self.discard_draft.clicked.connect(self._on_discard)

    # -- the draft (issue 14)
    def typed(self) -> dict:
        """The fields as typed (texts and the sex code), for the draft."""
        return {"study_id": self.study_id.text(), "initials": self.initials.text(),
                "birth_date": self.birth_date.text(), "sex": self._sexes[self.sex.currentIndex()],
                "hospital_id": self.hospital_id.text()}

    def load_typed(self, typed: dict) -> None:
        for line, key in ((self.study_id, "study_id"), (self.initials, "initials"), (self.birth_date, "birth_date"),
                          (self.hospital_id, "hospital_id")):
            line.setText(str(typed.get(key) or ""))
        sex = typed.get("sex") or ""
        self.sex.setCurrentIndex(self._sexes.index(sex) if sex in self._sexes else 0)

    def unsaved(self) -> bool:
        return self.typed() != self.loaded

    def keep(self) -> None:
        self.draft_timer.stop()
        if self.draft is None or (not self.unsaved() and not self.draft_kept):
            return
        at, problem = self.draft.keep(self.typed())
        if at is None:
            if problem:
                self.state.show_state(State.PROBLEMS, detail=problem)
            return
        self.draft_kept = True
        self.discard_draft.show()
        self.state.show_state(State.DRAFT_KEPT, _clock(at))

    def _on_typed(self, *_) -> None:
        self.state.show_state(State.UNSAVED if self.unsaved() else State.EMPTY)
        self.draft_timer.start()

    def _on_discard(self) -> None:
        self.draft_timer.stop()
        if self.draft is not None and self.draft.discard():
            self.draft_kept = False
            self.draft = None            # nothing more is kept from this dialog
            super().reject()

    def reject(self) -> None:
        """Escape, Cancel, the close button: what is typed is kept, never thrown away."""
        self.keep()
        super().reject()

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
        self.keep()          # until the save's own transaction takes it (a reason may still be asked)
        self.accept()
