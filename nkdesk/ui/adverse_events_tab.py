"""A patient's adverse events: the log, the lab and fever proposals awaiting a decision, and the
prompt reports that are due. Every entry, edit, acceptance and dismissal is one audited save; an
edit asks why.

The AE dialog is an editor (`ui.editor.Editor`, issue 14): what is typed in it is kept as a draft
(`services.drafts`, editor "adverse_event", key "" for a new AE or the AE's id for an edit) about
0.7 s after the last key, and when the dialog is closed with Escape or Cancel, the patient changes,
the user signs out or the window locks. Opening the dialog again for the patient offers the draft
back (restored, "draft kept at HH:MM", with "Discard draft…", a recorded discard); saving the AE
removes the draft in the save's own transaction. The lock hides the dialog with the patient's data
(keeping its draft) and shows it again, as it was, when the workspace is shown after the unlock.
"""
from __future__ import annotations

import datetime as dt
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from nkdesk.services import adverse_events, ae_proposals, drafts
from nkdesk.ui import words
from nkdesk.ui.adverse_events_page import AdverseEventsPage
from nkdesk.ui.editor import SaveState, State

EDITOR = "adverse_event"
DRAFT_PAUSE_MS = 700     # kept this long after the last key (the issue: within about a second)


def _clock(iso_utc: str | None) -> str:
    """The workstation's local time of day of a UTC ISO time (now, if None)."""
    moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00")) if iso_utc else dt.datetime.now(dt.UTC)
    return moment.astimezone().strftime("%H:%M:%S")


class AdverseEventsTab(QWidget):
    def __init__(self, session, prompts, protocol, parent=None):
        super().__init__(parent)
        self.session, self.prompts, self.protocol = session, prompts, protocol
        self.chart = None
        self.records = []          # stored AdverseEvent rows, in the page's order
        self.stored_proposals = []
        self.dialog = None         # the AE dialog being typed in, while it is open (or hidden by the lock)
        self.dialog_key = ""       # its draft's key: "" a new AE, the AE's id for an edit
        self.dialog_patient: int | None = None
        self.loaded: dict | None = None   # what the dialog showed when opened (what "unsaved" is measured against)
        self.draft_kept = False
        self.hidden_by_lock = False
        self.draft_state = SaveState("ae_draft_state", self)
        keep_place = self.draft_state.sizePolicy()       # shown or hidden, the log below never moves (ward walk)
        keep_place.setRetainSizeWhenHidden(True)
        self.draft_state.setSizePolicy(keep_place)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_PAUSE_MS)
        self.draft_timer.timeout.connect(self.keep)
        self.page = AdverseEventsPage(protocol, parent=self)
        self.page.entry_added.connect(self._on_entry_added)
        self.page.entry_edited.connect(self._on_entry_edited)
        self.page.proposal_accepted.connect(self._on_proposal_accepted)
        self.page.proposal_dismissed.connect(self._on_proposal_dismissed)
        self.page.dialog_opened.connect(self._on_dialog_opened)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.draft_state)
        layout.addWidget(self.page)

    def show_patient(self, chart) -> None:
        if self.chart is not None and self.chart.patient.id != chart.patient.id:
            self._close_dialog()                 # the previous patient's typing stays theirs, as a draft
        self.chart = chart
        last = chart.infusions[-1] if chart.infusions else None
        numbers = {c.id: c.number for c in chart.cycles}
        self.page.infusion_date = last.started_at.date() if last and last.started_at else None
        self.page.cycle = numbers.get(last.cycle_id) if last else None
        self.records = sorted(chart.adverse_events, key=lambda r: r.onset)
        self.page.set_events([adverse_events.as_entry(r) for r in self.records],
                             [adverse_events.missing(r) for r in self.records], [r.id for r in self.records])
        self.stored_proposals = [p for p in chart.ae_proposals if p.status == "open"]
        self.page.set_proposals([ae_proposals.as_rules_proposal(p) for p in self.stored_proposals])
        self._show_kept()

    def _show_kept(self) -> None:
        """Beside the log: a kept draft of this patient's AE dialog, if any (none while it is open)."""
        if self.chart is None or (self.dialog is not None and not self.hidden_by_lock):
            return
        kept = self.session.read(drafts.pending, self.chart.patient.id, EDITOR) or []
        if kept:
            latest = max(kept, key=lambda d: d.saved_at_utc)
            self.draft_state.show_state(State.DRAFT_KEPT, _clock(latest.saved_at_utc), self.tr(
                "an adverse event typed before is not saved; open it again to continue"))
        else:
            self.draft_state.show_state(State.EMPTY)
        self.draft_state.setVisible(bool(kept))

    # -- the dialog as an editor
    def _on_dialog_opened(self, dialog, row) -> None:
        if self.chart is None:
            return
        self._close_dialog()
        self.dialog, self.hidden_by_lock = dialog, False
        self.dialog_key = "" if row is None else str(self.records[row].id)
        self.dialog_patient = self.chart.patient.id
        self.loaded = dialog.typed()
        draft = self.session.read(drafts.find, self.dialog_patient, EDITOR, self.dialog_key)
        self.draft_kept = draft is not None
        if draft is not None:
            dialog.load_typed(draft.payload)
            dialog.state.show_state(State.DRAFT_KEPT, _clock(draft.saved_at_utc), self.tr("typed before, not saved"))
        dialog.discard_draft.setVisible(self.draft_kept)
        dialog.typed_changed.connect(self._on_typed)
        dialog.discard_requested.connect(self._on_discard)
        dialog.finished.connect(lambda result, d=dialog: self._on_closed(d, result))
        self.draft_state.hide()

    def _on_typed(self) -> None:
        if self.dialog is None:
            return
        if self.unsaved():
            self.dialog.state.show_state(State.UNSAVED)
        self.draft_timer.start()

    def _on_closed(self, dialog, result: int) -> None:
        """Escape, Cancel or the window's close button: nothing typed is thrown away. (Saved: the
        save kept it first and removed it in its own transaction.)"""
        if dialog is not self.dialog:
            return
        if result != QDialog.DialogCode.Accepted:
            self.keep()
        self.dialog = None
        self._show_kept()

    def _close_dialog(self) -> None:
        """The dialog closes (another patient, a new dialog): its typing is kept first."""
        dialog = self.dialog
        if dialog is None:
            return
        self.keep()
        self.dialog = None
        dialog.reject()
        self.hidden_by_lock = False

    def unsaved(self) -> bool:
        return self.dialog is not None and self.loaded is not None and self.dialog.typed() != self.loaded

    def keep(self) -> None:
        """Keep what the dialog holds as a draft, without asking (a pause, closing, a switch, the lock)."""
        self.draft_timer.stop()
        dialog = self.dialog
        if dialog is None or self.dialog_patient is None or self.session.user is None or self.session.store is None:
            return
        if not self.unsaved() and not self.draft_kept:
            return
        at, problem = self.session.attempt(drafts.keep, self.session.user, self.dialog_patient, EDITOR,
                                           dialog.typed(), self.dialog_key)
        if problem:
            dialog.state.show_state(State.PROBLEMS, detail=problem)
            return
        self.draft_kept = True
        dialog.state.show_state(State.DRAFT_KEPT, _clock(at))
        dialog.discard_draft.show()

    def leave(self) -> bool:
        """Leaving (another patient, tab, sign-out, quit) keeps the dialog's typing as a draft and
        closes the dialog; saving an AE is never done on the way out."""
        self._close_dialog()
        return True

    def hideEvent(self, event) -> None:
        """The workspace is hidden (the lock's cover): the dialog's typing is kept and the dialog is
        hidden with the rest of the patient's data."""
        super().hideEvent(event)
        if not event.spontaneous() and self.dialog is not None and self.dialog.isVisible():
            self.keep()
            self.dialog.hide()
            self.hidden_by_lock = True

    def showEvent(self, event) -> None:
        """Shown again (after the unlock): the dialog the lock hid comes back as it was."""
        super().showEvent(event)
        if self.hidden_by_lock and self.dialog is not None:
            self.hidden_by_lock = False
            self.dialog.open()

    def _on_discard(self) -> None:
        dialog = self.dialog
        if dialog is None or self.dialog_patient is None:
            return
        reason = self.prompts.reason(self.tr("Discard the draft"),
                                     self.tr("Why is the adverse event typed here thrown away?"))
        if not reason:
            return
        self.draft_timer.stop()
        saved = self.session.call(drafts.discard, self.dialog_patient, EDITOR, reason, self.dialog_key)
        if saved is not None:
            self.draft_kept, self.dialog = False, None
            dialog.reject()
            self._show_kept()

    # -- saving
    def _on_entry_added(self, entry) -> None:
        self.keep()              # if the save is refused, what was typed is still there
        same, _problem = self.session.attempt(adverse_events.ongoing_with_term, self.chart.patient.id, entry)
        if same:
            first = same[0]
            if not self.prompts.confirm(self.tr("The same adverse event?"), self.tr(
                    "{0} is already logged for this patient and still ongoing (onset {1}, grade {2}).\n"
                    "Log another {0}? If it is the same event, No — then change that one's grade in the "
                    "log, with the reason (what you typed is kept as a draft).").format(
                    words.ae_term(first.term), f"{first.onset:%Y-%m-%d %H:%M}",
                    first.grade if first.grade is not None else "—")):
                return
        self.session.call(adverse_events.record_adverse_event, self.chart.patient.id, entry)

    def _on_entry_edited(self, row: int, _old, new) -> None:
        self.keep()
        record = self.records[row]
        reason = self.prompts.reason(self.tr("Change the adverse event"),
                                     self.tr("Why is this adverse event ({0}) changed?").format(record.term))
        if reason:
            self.session.call(adverse_events.edit_adverse_event, record.id, new, record.version, reason=reason)

    def _proposal(self, proposal):
        index = next((i for i, p in enumerate(self.page.proposals) if p is proposal), None)
        return self.stored_proposals[index] if index is not None else None

    def _on_proposal_accepted(self, proposal) -> None:
        stored = self._proposal(proposal)
        if stored is not None:
            self.session.call(ae_proposals.accept_proposal, stored.id, stored.version)

    def _on_proposal_dismissed(self, proposal) -> None:
        stored = self._proposal(proposal)
        if stored is None:
            return
        reason = self.prompts.reason(self.tr("Dismiss the proposal"),
                                     self.tr("Why is the proposed {0} not an adverse event?").format(stored.term))
        if reason:
            self.session.call(ae_proposals.dismiss_proposal, stored.id, stored.version, reason)

    def record_report(self, record) -> None:
        """The prompt report to the Committee and the MHLW was made now (an investigator records it)."""
        self.session.call(adverse_events.record_prompt_report, record.id, datetime.now(), record.version)
