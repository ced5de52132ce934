"""A patient's treatment calendar: the stored cycles and events (planned and actual dates), or, when
none are stored yet, the plan the treatment service proposes from the order's apheresis date and
G-CSF days (`services.treatment.proposed_calendar`) with a button that has the service compute and
store it, every cycle in one save. Events are marked done or moved (with a reason) through the
treatment service; a move re-plans what depends on it (an apheresis: its cycle and the later
ones) in the same save, and the tab says what moved and marks those rows until another patient
is shown."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nkdesk.rules.protocol import text_in
from nkdesk.services import treatment
from nkdesk.ui import language, words
from nkdesk.ui.calendar_move import MoveEditor
from nkdesk.ui.calendar_page import CalendarPage


@dataclass(frozen=True)
class CalendarRow:
    """One event as the calendar page shows it; `event` is the stored TreatmentEvent (or None)."""

    date: dt.date
    kind: str
    cycle: int | None
    culture_day: int | None
    label: str
    status: str
    event: object = None


@dataclass(frozen=True)
class CalendarView:
    events: tuple
    gcsf_window: object = None
    timing: str | None = None


class CalendarTab(QWidget):
    def __init__(self, session, prompts, protocol, parent=None):
        super().__init__(parent)
        self.session, self.prompts, self.protocol = session, prompts, protocol
        self.chart = None
        self.plan = None
        self.note = QLabel(self)
        self.note.setObjectName("calendar_note")
        self.note.setWordWrap(True)
        self.moved = QLabel(self)
        self.moved.setObjectName("calendar_moved")
        self.moved.setAccessibleName(self.tr("What the last move changed"))
        self.moved.setWordWrap(True)
        self.moved.setStyleSheet("background: #fff59d; padding: 4px;")
        self.moved.hide()
        self._moves: dict[int, dt.date] = {}     # event id → date before the last move (this patient)
        self.store_plan = QPushButton(self.tr("&Store this plan as the patient's calendar"), self)
        self.store_plan.setObjectName("calendar_store_plan")
        self.store_plan.clicked.connect(self._on_store_plan)
        self.page = CalendarPage(self)
        self.page.mark_done_requested.connect(self._on_mark_done)
        self.page.move_requested.connect(self._on_move)
        # issue 14: the move's date and reason typed inline, kept as a draft (ui/calendar_move.py)
        self.move_editor = MoveEditor(session, prompts, self)
        self.move_editor.moved.connect(self._show_moves)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.store_plan)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.moved)
        layout.addWidget(self.move_editor)
        layout.addWidget(self.page, 1)

    # -- the move editor is this tab's editor (ui/editor.py)
    def unsaved(self) -> bool:
        return self.move_editor.unsaved()

    def keep(self) -> None:
        self.move_editor.keep()

    def leave(self) -> bool:
        return self.move_editor.leave()

    def show_patient(self, chart) -> None:
        new_patient = self.chart is None or chart.patient.id != self.chart.patient.id
        if new_patient:
            self._moves = {}
            self.moved.hide()
            self.move_editor.close_editor()      # the previous patient's typing stays theirs, as a draft
        self.chart = chart
        if new_patient:
            self.move_editor.offer(chart.patient.id, chart.events, self._describe)
        self.plan = None
        numbers = {c.id: c.number for c in chart.cycles}
        if chart.events:
            rows = [CalendarRow(e.actual_on or e.planned_on, e.kind, numbers.get(e.cycle_id), e.culture_day,
                                words.event_kind(e.kind), words.event_status(e.status), e)
                    for e in chart.events if (e.actual_on or e.planned_on) is not None]
            rows.sort(key=lambda r: (r.date, r.culture_day if r.culture_day is not None else 99))
            self.note.setText(self.tr("Stored calendar: {0} events. Select one to mark it done or move it.").format(
                len(rows)))
            self.store_plan.hide()
            self.page.show_schedule(CalendarView(tuple(rows)), self._moves)
            return
        self.plan, problem = self.session.attempt(treatment.proposed_calendar, chart.patient.id)
        if problem is not None:
            self.note.setText(problem)
            self.store_plan.hide()
            return
        if self.plan is None:
            self.note.setText(self.tr("No calendar yet: it is planned from the filgrastim order's apheresis date."))
            self.store_plan.hide()
            self.page.show_schedule(CalendarView(()))
            return
        labels = self._protocol_labels()
        english = language.current() == "en"   # the plan's own labels ("G-CSF day 1 of 5") are English
        rows = tuple(CalendarRow(e.date, e.kind, e.cycle, e.culture_day,
                                 labels.get(e.label) or (e.label if english else words.event_kind(e.kind)),
                                 self.tr("proposed"))
                     for e in self.plan.events)
        apheresis = next(e.date for e in self.plan.events if e.kind == "apheresis" and e.cycle == 1)
        self.note.setText(self.tr("Proposed by the protocol from the apheresis on {0}; not stored yet.").format(
            apheresis.isoformat()))
        self.store_plan.show()
        self.page.show_schedule(CalendarView(rows, self.plan.gcsf_window, self.plan.timing))

    def _protocol_labels(self) -> dict[str, str]:
        """The protocol's event labels (its [schedule] tables, English as the plan carries them) in
        the current language (rules.protocol.text_in: the file's own Japanese)."""
        schedule = self.protocol.section("schedule", {}) or {}
        entries = [*schedule.get("culture", []), *schedule.get("infusions", []), *schedule.get("followup", [])]
        return {entry["label"]: text_in(entry, "label", language.current()) for entry in entries if "label" in entry}

    def _on_store_plan(self) -> None:
        if self.plan is not None:
            self.session.call(treatment.plan_calendar, self.chart.patient.id)

    def _on_mark_done(self, row) -> None:
        if row.event is None:
            self.prompts.problem(self.tr("Store the plan first; then events can be marked done."))
            return
        self.session.call(treatment.record_event, row.event.id, "done", row.event.version, actual_on=dt.date.today())

    def _on_move(self, row) -> None:
        if row.event is None:
            self.prompts.problem(self.tr("Store the plan first; then events can be moved."))
            return
        self.move_editor.open_for(self.chart.patient.id, row.event, *self._describe(row.event))

    def _describe(self, event) -> tuple[str, str]:
        return words.event_kind(event.kind), self._cycle_number(event)

    def _show_moves(self, replan) -> None:
        """Say what the move re-dated (and what kept its date because it happened), and mark the rows."""
        self._moves = {m.event.id: m.was for m in replan.moved}
        first = replan.moved[0] if replan.moved else None
        text = self.tr("Moved: {0} (cycle {1}) {2} → {3}.").format(
            words.event_kind(replan.event.kind), self._cycle_number(replan.event),
            first.was.isoformat() if first and first.was else "", replan.event.planned_on.isoformat())
        rest = replan.moved[1:]
        if rest:
            per_cycle: dict[str, int] = {}
            for m in rest:
                per_cycle[self._cycle_number(m.event)] = per_cycle.get(self._cycle_number(m.event), 0) + 1
            text += " " + self.tr("Re-planned with it: {0} events ({1}), marked \"was …\" in the list.").format(
                len(rest), ", ".join(self.tr("cycle {0}: {1}").format(k, n) for k, n in sorted(per_cycle.items())))
        else:
            text += " " + self.tr("Nothing else depends on it.")
        if replan.kept:
            text += " " + self.tr("Kept as they happened: {0}.").format("; ".join(
                f"{words.event_kind(e.kind)} {(e.actual_on or e.planned_on).isoformat()}" for e in replan.kept))
        for order in replan.orders_to_review:
            text += " " + self.tr("The {0} filgrastim order still gives the apheresis on {1}: it is unchanged — "
                                  "re-prescribe it for the new dates.").format(
                order.status, order.order.apheresis.isoformat())
        self.moved.setText(text)
        self.moved.show()
        if self.chart is not None:
            self.show_patient(self.chart)

    def _cycle_number(self, event) -> str:
        numbers = {c.id: c.number for c in self.chart.cycles} if self.chart is not None else {}
        return str(numbers.get(event.cycle_id, "?"))
