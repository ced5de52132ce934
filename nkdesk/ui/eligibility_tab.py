"""A patient's eligibility: the wizard on the patient's latest assessment, saved as it is typed
(a short pause after the last key), signed by an investigator, read-only once signed until it is
re-opened with a reason (`services.eligibility.reopen_assessment`: a new draft in one save; the
signed assessment stays as it was)."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nkdesk.services import eligibility as service
from nkdesk.ui.eligibility_page import EligibilityWizard

AUTOSAVE_MS = 700


class EligibilityTab(QWidget):
    def __init__(self, session, prompts, protocol, parent=None):
        super().__init__(parent)
        self.session, self.prompts, self.protocol = session, prompts, protocol
        self.chart = None
        self.assessment = None          # the EligibilityAssessment shown (None: nothing saved yet)
        self.wizard = EligibilityWizard(protocol, parent=self)
        self.state = QLabel(self)
        self.state.setObjectName("eligibility_state")
        self.state.setWordWrap(True)
        self.reopen = QPushButton(self.tr("&Re-open with a reason…"), self)
        self.reopen.setObjectName("eligibility_reopen")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        # "something typed is not saved yet": a single-shot QTimer is no longer active inside its own
        # timeout slot (toolchain notes), so the timer cannot be what flush() asks
        self._dirty = False
        self.wizard.edited.connect(self._on_edited)
        self.wizard.sign_requested.connect(self._on_sign_requested)
        self.reopen.clicked.connect(self._on_reopen_clicked)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.reopen)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.wizard, 1)

    # -- showing
    def show_patient(self, chart) -> None:
        self.flush()
        self._dirty = False       # what was refused stays unsaved; the next patient starts clean
        self.chart = chart
        self.assessment = chart.assessments[-1] if chart.assessments else None
        if self.assessment is None:
            data = {}
            if chart.patient.birth_date:
                data["birth_date"] = chart.patient.birth_date.isoformat()
            if chart.patient.sex:
                data["sex"] = chart.patient.sex
            self.wizard.load(data)
        else:
            self.wizard.load(dict(self.assessment.inputs.get("raw", {})), read_only=self.signed)
        self._show_state()

    @property
    def signed(self) -> bool:
        return self.assessment is not None and self.assessment.status == "signed"

    def _show_state(self, saved_at: str | None = None) -> None:
        a = self.assessment
        if a is None:
            text = self.tr("New assessment: saved automatically as you type.")
        elif self.signed:
            sig = self._signature()
            who = (f" — {sig.signature.signer_name}, {sig.signature.signed_at_local[:16].replace('T', ' ')}" if sig
                   else "")
            broken = "" if sig is None or sig.valid else self.tr("  SIGNATURE BROKEN: the record changed after signing")
            text = self.tr("Signed ({0}){1}. Read-only.{2}").format(
                sig.signature.meaning if sig else "", who, broken)
        else:
            text = self.tr("Draft, saved automatically") + (f" ({saved_at})" if saved_at else "")
        self.state.setText(text)
        self.reopen.setVisible(self.signed)

    def _signature(self):
        if self.chart is None or self.assessment is None:
            return None
        found = [c for c in getattr(self.chart, "signatures", ()) if c.signature.table == service.TABLE
                 and c.signature.record_id == self.assessment.id]
        return found[-1] if found else None

    # -- saving
    def _on_edited(self, _data) -> None:
        self._dirty = True
        self._timer.start()

    def flush(self) -> None:
        """Save what is on screen now (the autosave, without waiting)."""
        if not self._dirty or self.chart is None or self.signed:
            self._timer.stop()
            return
        self._timer.stop()
        if self.wizard.problems:
            # the rules refuse a field (shown beside it): the last saved draft stays as it was
            self.state.setText(self.tr("Not saved: correct the fields marked in red (the last saved draft is kept)"))
            return
        self._dirty = False
        data = self.wizard.data()
        if self.assessment is None:
            saved = self.session.call(service.save_assessment, self.chart.patient.id, data)
        else:
            saved = self.session.call(service.save_assessment, self.chart.patient.id, data,
                                      assessment_id=self.assessment.id, expected_version=self.assessment.version)
        if saved is not None:
            self.assessment = saved.value
            from datetime import datetime

            self._show_state(datetime.now().strftime("%H:%M:%S"))

    def _on_reopen_clicked(self) -> None:
        reason = self.prompts.reason(self.tr("Re-open the signed assessment"),
                                     self.tr("Why is the signed assessment being changed? The signed version "
                                             "is kept; the change becomes a new draft to be signed again."))
        if not reason:
            return
        saved = self.session.call(service.reopen_assessment, self.assessment.id, reason, self.assessment.version)
        if saved is not None:
            self.assessment = saved.value
            self.wizard.load(dict(self.assessment.inputs.get("raw", {})), read_only=False)
            self._show_state()

    def _on_sign_requested(self) -> None:
        self.flush()
        result = self.wizard.result
        if self.assessment is None or result is None or result.eligible is None:
            self.prompts.problem(self.tr("The verdict is undecided (inputs are missing or in error): "
                                         "it cannot be signed yet."))
            return
        meaning = service.MEANINGS[result.eligible]
        answer = self.prompts.signature(self.session.user.full_name, meaning,
                                        self.tr("Eligibility assessment of {0}").format(self.chart.patient.study_id))
        if answer is None:
            return
        saved = self.session.call(service.sign_assessment, self.assessment.id, answer[1], self.assessment.version)
        if saved is not None:
            self.assessment = saved.value
            self.wizard.load(dict(self.assessment.inputs.get("raw", {})), read_only=True)
            self._show_state()
