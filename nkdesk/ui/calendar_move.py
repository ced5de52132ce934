"""The calendar's "Move…" as an inline editor that keeps a draft (issue 14).

Moving a planned event needs a new date and a reason. They are typed here, under the calendar,
not in a modal question that an interruption would lose: what is typed is kept as a draft
(`services.drafts`, editor "calendar", key: the event's id) about 0.7 s after the last key, and
when the patient changes, the user signs out or the window locks; it is offered back (the editor
open again, "draft kept at HH:MM") when the patient is shown again or the window reopened. "Move"
hands the service the date as typed and the reason (`services.treatment.move_event`: it parses the
date, checks it and re-plans what depends on the event, and removes the draft in its save);
"Discard draft…" throws the draft away with a reason, recorded.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from nkdesk.services import drafts, treatment
from nkdesk.ui.editor import SaveState, State

EDITOR = "calendar"
DRAFT_PAUSE_MS = 700


def _clock(iso_utc: str | None) -> str:
    moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00")) if iso_utc else dt.datetime.now(dt.UTC)
    return moment.astimezone().strftime("%H:%M:%S")


class MoveEditor(QGroupBox):
    """New date and reason for one planned event, with its save state; an `Editor` (ui/editor.py)."""

    moved = Signal(object)      # the service's Replan, after a move was saved

    def __init__(self, session, prompts, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("calendar_move_editor")
        self.session, self.prompts = session, prompts
        self.patient_id: int | None = None
        self.target = None                       # the stored TreatmentEvent being moved
        self.loaded: dict | None = None
        self.draft_kept = False
        self.date = QLineEdit(self)
        self.date.setObjectName("calendar_move_date")
        self.date.setAccessibleName(self.tr("New date"))
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.date.setMaximumWidth(140)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("calendar_move_reason")
        self.reason.setAccessibleName(self.tr("Reason for moving"))
        self.reason.setPlaceholderText(self.tr("Why is this event moved?"))
        self.state = SaveState("calendar_move_state", self)
        self.apply = QPushButton(self.tr("Move"), self)
        self.apply.setObjectName("calendar_move_apply")
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("calendar_move_close")
        self.close_button.setToolTip(self.tr("Close; what is typed is kept as a draft"))
        self.discard = QPushButton(self.tr("Discard draft…"), self)
        self.discard.setObjectName("calendar_move_discard")
        self.discard.hide()
        row = QHBoxLayout(self)
        row.addWidget(QLabel(self.tr("New date"), self))
        row.addWidget(self.date)
        row.addWidget(QLabel(self.tr("Reason"), self))
        row.addWidget(self.reason, 2)
        row.addWidget(self.apply)
        row.addWidget(self.close_button)
        row.addWidget(self.discard)
        row.addWidget(self.state, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_PAUSE_MS)
        self.timer.timeout.connect(self.keep)
        for line in (self.date, self.reason):
            line.textChanged.connect(self._on_typed)
            line.returnPressed.connect(self._on_apply)
        self.apply.clicked.connect(self._on_apply)
        self.close_button.clicked.connect(self.close_editor)
        self.discard.clicked.connect(self._on_discard)
        self.hide()

    def typed(self) -> dict:
        return {"date": self.date.text(), "reason": self.reason.text()}

    def open_for(self, patient_id: int, event, label: str, cycle: str, typed: dict | None = None,
                 kept_at: str | None = None) -> None:
        """Edit the move of `event` (a stored, planned TreatmentEvent), from a kept draft if given."""
        if self.target is not None and (self.patient_id, self.target.id) != (patient_id, event.id):
            self.close_editor()
        self.patient_id, self.target = patient_id, event
        self.setTitle(self.tr("Move {0} (cycle {1}), planned {2}").format(label, cycle, event.planned_on.isoformat()))
        self.loaded = {"date": event.planned_on.isoformat(), "reason": ""}
        if typed is None:
            found = self.session.read(drafts.find, patient_id, EDITOR, str(event.id))
            typed, kept_at = (found.payload, found.saved_at_utc) if found is not None else (None, None)
        self.draft_kept = typed is not None
        values = dict(self.loaded, **(typed or {}))
        for line, key in ((self.date, "date"), (self.reason, "reason")):
            line.blockSignals(True)
            line.setText(str(values.get(key) or ""))
            line.blockSignals(False)
        self.discard.setVisible(self.draft_kept)
        if self.draft_kept:
            self.state.show_state(State.DRAFT_KEPT, _clock(kept_at), self.tr("typed before, not moved"))
        else:
            self.state.show_state(State.EMPTY)
        self.show()
        self.date.setFocus()

    def offer(self, patient_id: int, events, describe) -> None:
        """The patient is shown: a kept move draft of one of their planned events opens the editor
        again (`describe(event)` → (label, cycle)); none: the editor is closed."""
        kept = self.session.read(drafts.pending, patient_id, EDITOR) or []
        planned = {e.id: e for e in events if e.status == "planned"}
        for draft in sorted(kept, key=lambda d: d.saved_at_utc, reverse=True):
            if draft.key.isdigit() and int(draft.key) in planned:
                event = planned[int(draft.key)]
                self.open_for(patient_id, event, *describe(event), typed=draft.payload, kept_at=draft.saved_at_utc)
                return

    # -- the Editor protocol
    def unsaved(self) -> bool:
        return self.target is not None and self.loaded is not None and self.typed() != self.loaded

    def keep(self) -> None:
        self.timer.stop()
        if self.target is None or self.patient_id is None or self.session.user is None or self.session.store is None:
            return
        if not self.unsaved() and not self.draft_kept:
            return
        at, problem = self.session.attempt(drafts.keep, self.session.user, self.patient_id, EDITOR, self.typed(),
                                           str(self.target.id))
        if problem:
            self.state.show_state(State.PROBLEMS, detail=problem)
            return
        self.draft_kept = True
        self.discard.show()
        self.state.show_state(State.DRAFT_KEPT, _clock(at))

    def leave(self) -> bool:
        """Leaving keeps the typing as a draft (a move needs a reason: nothing is moved on the way out)."""
        self.close_editor()
        return True

    def close_editor(self) -> None:
        self.keep()
        self.target, self.loaded, self.draft_kept = None, None, False
        self.hide()

    # -- reacting
    def _on_typed(self) -> None:
        if self.target is None:
            return
        self.state.show_state(State.UNSAVED if self.unsaved() else State.EMPTY)
        self.timer.start()

    def _on_apply(self) -> None:
        event = self.target
        if event is None:
            return
        self.keep()                             # refused or not, what was typed stays
        saved = self.session.call(treatment.move_event, event.id, self.date.text(), event.version,
                                  self.reason.text())
        if saved is None:
            return
        self.target, self.loaded, self.draft_kept = None, None, False   # the move's save took the draft
        self.hide()
        self.moved.emit(saved.value)

    def _on_discard(self) -> None:
        if self.target is None or self.patient_id is None:
            return
        reason = self.prompts.reason(self.tr("Discard the draft"), self.tr("Why is the move typed here thrown away?"))
        if not reason:
            return
        self.timer.stop()
        if self.session.call(drafts.discard, self.patient_id, EDITOR, reason, str(self.target.id)) is not None:
            self.target, self.loaded, self.draft_kept = None, None, False
            self.hide()
