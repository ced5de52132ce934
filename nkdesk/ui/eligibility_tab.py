"""A patient's eligibility: the wizard on the patient's latest assessment, signed by an
investigator, read-only once signed until an investigator re-opens it with a reason
(`services.eligibility.reopen_assessment`: a new unsigned assessment in one save; the signed one
stays as it was).

What is typed is kept as a draft (`services.drafts`, editor "eligibility") a short pause after
the last key: not a record, not in the audit trail, not read by rules, summaries or forms. It is
offered again after a patient switch, a lock, a sign-out or a restart, until the user saves it
("Save assessment": the unsigned record), signs it (the record written and signed in one save) or
discards it with a reason. Both real saves remove the draft in their own transaction. The tab is an
`Editor` (ui/editor.py) with its `SaveState` beside it.

The laboratory page offers the patient's latest lab set from the Labs tab (`service.labs_from_lab_set`):
one click puts its values, as entered, and its sampling date into the inputs, as if typed — values
already typed that would be replaced are named and the user asked first.
"""
from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from nkdesk.services import drafts
from nkdesk.services import eligibility as service
from nkdesk.ui import explanations
from nkdesk.ui.editor import SaveState, State
from nkdesk.ui.eligibility_page import EligibilityWizard
from nkdesk.ui.messages import field_label
from nkdesk.ui.words import listed, weekday_date

DRAFT_PAUSE_MS = 700     # a draft is kept this long after the last key (the issue: within about a second)


def _local_time(utc_iso: str, seconds: bool = True) -> str:
    """HH:MM(:SS) on this workstation's clock for a stored UTC time."""
    at = datetime.fromisoformat(utc_iso.replace("Z", "+00:00")).astimezone()
    return at.strftime("%H:%M:%S" if seconds else "%H:%M")


class EligibilityTab(QWidget):
    def __init__(self, session, prompts, protocol, parent=None):
        super().__init__(parent)
        self.session, self.prompts, self.protocol = session, prompts, protocol
        self.chart = None
        self.assessment = None          # the EligibilityAssessment shown (None: nothing recorded yet)
        self.wizard = EligibilityWizard(protocol, parent=self)
        self.state = SaveState("eligibility_state", self)
        self.discard = QPushButton(self.tr("Discard &draft…"), self)
        self.discard.setObjectName("eligibility_discard_draft")
        self.discard.setToolTip(self.tr("Throw away what was typed and not saved (recorded, with your reason)"))
        self.reopen = QPushButton(self.tr("&Re-open with a reason…"), self)
        self.reopen.setObjectName("eligibility_reopen")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_PAUSE_MS)
        self._timer.timeout.connect(self.keep)
        # "typed since the last draft": a single-shot QTimer is no longer active inside its own
        # timeout slot (toolchain notes), so the timer cannot be what keep() asks
        self._dirty = False
        self._draft_at: str | None = None   # when the draft on screen was kept (UTC), None: no draft
        self._saved_at: str | None = None   # HH:MM of this screen's last real save
        self.wizard.edited.connect(self._on_edited)
        self.wizard.save_requested.connect(self._on_save_requested)
        self.wizard.sign_requested.connect(self._on_sign_requested)
        self.wizard.fill_from_lab_set_requested.connect(self._on_fill_from_lab_set)
        self._lab_offer: service.LabsFromSet | None = None
        self.discard.clicked.connect(self._on_discard_clicked)
        self.reopen.clicked.connect(self._on_reopen_clicked)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.discard)
        top.addWidget(self.reopen)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.wizard, 1)

    # -- showing
    def show_patient(self, chart) -> None:
        if self.chart is not None:
            self.keep()         # nothing typed is lost: the previous patient's, or this one's on a refresh
            if chart.patient.id != self.chart.patient.id:
                self._saved_at = None
        self._timer.stop()
        self._dirty = False
        self.chart = chart
        self.assessment = chart.assessments[-1] if chart.assessments else None
        draft = self._find_draft()
        # a draft beside a signed assessment (signed at another workstation while this one typed)
        # is not shown in the read-only form, but it is not hidden either: the state names it and
        # re-opening starts from it
        self._draft_at = draft.saved_at_utc if draft is not None else None
        if draft is not None and not self.signed:
            self.wizard.load(dict(draft.payload))
        elif self.assessment is None:
            data = {}
            if chart.patient.birth_date:
                data["birth_date"] = chart.patient.birth_date.isoformat()
            if chart.patient.sex:
                data["sex"] = chart.patient.sex
            self.wizard.load(data)
        else:
            self.wizard.load(dict(self.assessment.inputs.get("raw", {})), read_only=self.signed)
        self._lab_offer = service.labs_from_lab_set(self.protocol, chart.lab_sets)
        self._offer_lab_set()
        self._show_state(restored=draft is not None)

    def _offer_lab_set(self) -> None:
        offer = self._lab_offer
        shown = None if offer is None else weekday_date(offer.sampled_on)
        self.wizard.set_lab_set_offer(shown, enabled=not self.signed)

    def _on_fill_from_lab_set(self) -> None:
        offer = self._lab_offer
        if offer is None or self.signed:
            return
        typed = self.wizard.data()
        values = {**offer.texts, "labs_date": offer.sampled_on.isoformat()}
        replaced = [path for path, text in values.items()
                    if (typed.get("labs", {}).get(path[5:]) if path.startswith("labs.") else typed.get(path))
                    not in (None, text)]
        kept = [path for path in offer.absent if path[5:] in typed.get("labs", {})]
        if replaced or kept:
            lines = []
            if replaced:
                lines.append(self.tr("Replace what is typed for: {0}").format(
                    listed(field_label(p, self.protocol) for p in replaced)))
            if kept:
                lines.append(self.tr("Not in that lab set, kept as typed (check they are of the same date): {0}")
                             .format(listed(field_label(p, self.protocol) for p in kept)))
            if not self.prompts.confirm(self.tr("Fill from the lab set"), "\n".join(lines)):
                return
        absent = [p for p in offer.absent if p not in self.wizard.hidden and p not in kept]
        note = self.tr("Filled from the lab set of {0} (Labs tab).").format(weekday_date(offer.sampled_on))
        if absent:
            note += " " + self.tr("Not in that set: {0}").format(listed(field_label(p, self.protocol) for p in absent))
        self.wizard.fill(values, note)

    def _find_draft(self):
        found, _problem = self.session.attempt(drafts.find, self.chart.patient.id, service.DRAFT_EDITOR)
        return found

    @property
    def signed(self) -> bool:
        return self.assessment is not None and self.assessment.status == "signed"

    def _show_state(self, restored: bool = False) -> None:
        a = self.assessment
        if self.signed:
            sig = self._signature()
            who = (f" — {sig.signature.signer_name}, {sig.signature.signed_at_local[:16].replace('T', ' ')}" if sig
                   else "")
            broken = "" if sig is None or sig.valid else self.tr("  SIGNATURE BROKEN: the record changed after signing")
            detail = self.tr("Signed ({0}){1}. Read-only.{2}").format(explanations.meaning(sig), who, broken)
            if self._draft_at:
                detail += " " + self.tr("A draft typed at {0} is kept: re-open to continue from it, "
                                        "or discard it.").format(_local_time(self._draft_at, seconds=False))
            self.state.show_state(State.SAVED, detail=detail)
        elif self.wizard.problems and (self._dirty or self._draft_at):
            kept = self.tr("draft kept at {0}").format(_local_time(self._draft_at)) if self._draft_at else ""
            self.state.show_state(State.PROBLEMS, detail="; ".join(
                x for x in (kept, self.tr("correct the fields marked in red before saving")) if x))
        elif self._dirty:
            self.state.show_state(State.UNSAVED)
        elif self._draft_at:
            detail = (self.tr("restored: save or sign it, or discard it") if restored
                      else self.tr("save or sign to record it"))
            self.state.show_state(State.DRAFT_KEPT, _local_time(self._draft_at), detail)
        elif a is not None:
            self.state.show_state(State.SAVED, self._saved_at or "", self.tr("not signed yet"))
        else:
            self.state.show_state(State.EMPTY, detail=self.tr(
                "New assessment: what you type is kept as a draft; save or sign to record it."))
        self.reopen.setVisible(self.signed)
        self.discard.setVisible(self._draft_at is not None)

    def _signature(self):
        if self.chart is None or self.assessment is None:
            return None
        found = [c for c in getattr(self.chart, "signatures", ()) if c.signature.table == service.TABLE
                 and c.signature.record_id == self.assessment.id]
        return found[-1] if found else None

    # -- the Editor protocol (ui/editor.py)
    def unsaved(self) -> bool:
        """Typed and not recorded: a pending keystroke pause or a kept draft."""
        return self._dirty or self._draft_at is not None

    def keep(self) -> None:
        """Keep what is on screen as the patient's draft now, without asking (also the pause's timeout)."""
        self._timer.stop()
        if not self._dirty or self.chart is None or self.signed or self.session.user is None:
            return
        at, problem = self.session.attempt(drafts.keep, self.session.user, self.chart.patient.id,
                                           service.DRAFT_EDITOR, self.wizard.data())
        if problem is not None:      # the typing stays on screen and unsaved; say why
            self.state.show_state(State.UNSAVED, detail=problem)
            return
        self._dirty = False
        self._draft_at = at
        self._show_state()

    def leave(self) -> bool:
        """Leaving keeps the draft (no reason or signature is needed to keep one): never asks."""
        self.keep()
        return True

    flush = keep    # the name the window used before drafts (main_window: lock, sign-out, quit)

    # -- typing and saving
    def _on_edited(self, _data) -> None:
        self._dirty = True
        self._timer.start()
        self._show_state()

    def _latest_unsigned(self) -> tuple[int | None, int | None]:
        a = self.assessment
        return (a.id, a.version) if a is not None and not self.signed else (None, None)

    def _on_save_requested(self) -> None:
        if self.chart is None or self.signed:
            return
        assessment_id, version = self._latest_unsigned()
        self.keep()      # if the save is refused, what was typed is still kept
        saved = self.session.call(service.save_assessment, self.chart.patient.id, self.wizard.data(),
                                  assessment_id=assessment_id, expected_version=version)
        if saved is not None:
            self._recorded(saved.value)

    def _on_sign_requested(self) -> None:
        if self.chart is None or self.signed:
            return
        result = self.wizard.result
        if self.wizard.problems or result is None or result.eligible is None:
            self.prompts.problem(self.tr("The verdict is undecided (inputs are missing or in error): "
                                         "it cannot be signed yet."))
            return
        self.keep()
        meaning = service.MEANINGS[result.eligible]
        # the verdict being signed, in the dialog itself (ward walk: signed from page 1, the review never seen)
        record = self.tr("Eligibility assessment of {0}: {1}").format(
            self.chart.patient.study_id, html.escape(self.wizard.verdict.text()))
        if result.warnings:   # what the investigator confirms by signing, in the dialog itself
            record += "<br/>" + self.tr("Confirmed by this signature: {0}").format(
                html.escape(explanations.joined(result.warning_phrases)))   # rich text, the user's language
        answer = self.prompts.signature(self.session.user.full_name, meaning, record)
        if answer is None:
            return
        assessment_id, version = self._latest_unsigned()
        saved = self.session.call(service.sign_as_typed, self.chart.patient.id, self.wizard.data(), answer[1],
                                  assessment_id=assessment_id, expected_version=version)
        if saved is not None:
            self._recorded(saved.value)

    def _recorded(self, assessment) -> None:
        """A real save happened (the service removed the draft in the same transaction)."""
        self._timer.stop()
        self._dirty = False
        self._draft_at = None
        self.assessment = assessment
        self._saved_at = datetime.now().strftime("%H:%M")
        if self.signed:
            self.wizard.load(dict(assessment.inputs.get("raw", {})), read_only=True)
            self._offer_lab_set()
        self._show_state()

    def _on_discard_clicked(self) -> None:
        if self.chart is None:
            return
        reason = self.prompts.reason(self.tr("Discard the draft"),
                                     self.tr("Why is what was typed thrown away? It is recorded with your reason."))
        if not reason:
            return
        self.keep()   # the trail records what was on screen
        discarded = self.session.call(drafts.discard, self.chart.patient.id, service.DRAFT_EDITOR, reason)
        if discarded is not None:
            self._draft_at = None
            self._dirty = False
            self.show_patient(self.chart)

    def _on_reopen_clicked(self) -> None:
        reason = self.prompts.reason(self.tr("Re-open the signed assessment"),
                                     self.tr("Why is the signed assessment being changed? The signed version "
                                             "is kept; the change becomes a new assessment to be signed again."))
        if not reason:
            return
        saved = self.session.call(service.reopen_assessment, self.assessment.id, reason, self.assessment.version)
        if saved is not None:
            self.assessment = saved.value
            draft = self._find_draft()
            self._draft_at = draft.saved_at_utc if draft is not None else None
            self.wizard.load(dict(draft.payload if draft is not None else self.assessment.inputs.get("raw", {})),
                             read_only=False)
            self._offer_lab_set()
            self._show_state()
