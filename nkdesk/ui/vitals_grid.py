"""The vital-signs grid of an infusion: one row per time point, built for fast keyboard entry.

Rows are the protocol's time points (`vitals.time_points`) plus extra sets a nurse adds. Tab and
Enter move along a row, then to the next row. When the focus leaves a complete row it is
assessed by `vitals.assess` and, if savable, handed to the owner (`row_completed`); a saved row
edited later is handed back with the reason for the change (`row_corrected`). Impossible values
are refused in red with the rules' message; values outside normal limits are amber and need a
reason; critical values are red and put an alert on the banner until the owner reports who
acknowledged it (`set_acknowledged`). The next set due is highlighted (rules/vitals_due.py).
A time typed into a row whose protocol point it does not match (rules/vitals_time.py) is shown on
the row's heading; the owner confirms it before saving. A half-typed row is a draft: kept through
the owner's `DraftKeeper` within a second of the last key, put back by
`restore_drafts`; the grid is an `Editor` (ui/editor.py; the drafts: vitals_drafts.py).
Column widths and the cells' looks: vitals_layout.py (measured from the font; one style sheet).
No database and no clinical judgement here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nkdesk.rules import vitals, vitals_due
from nkdesk.ui import vitals_layout
from nkdesk.ui.alert_banner import AlertBanner
from nkdesk.ui.editor import SaveState, State
from nkdesk.ui.vitals_drafts import DRAFT_EVERY_MS, DraftKeeper, GridDrafts  # noqa: F401 — the owner's names
from nkdesk.ui.vitals_keys import GridKeys
from nkdesk.ui.vitals_layout import BODY_STYLE, SteadyLabel, full_names, heading_label, headings, set_look
from nkdesk.ui.vitals_row import (  # noqa: F401 — VitalsRecord: the owner's name, imported from here
    COLUMNS,
    FIELDS,
    RowState,
    VitalsRecord,
    VitalsRow,
    same_set,
    short_label,
)
from nkdesk.ui.vitals_words import GridWords
from nkdesk.ui.words import forms_word


class VitalsGrid(GridKeys, GridDrafts, GridWords, QWidget):
    row_completed = Signal(str, object, str)     # row key, VitalSigns, reason ("" when none needed)
    row_corrected = Signal(str, object, str)     # row key, the edited VitalSigns, reason for the change
    acknowledge_requested = Signal(str, str, str, str)  # row key, who was informed, action taken, time "HH:MM"
    sets_changed = Signal()                      # the recorded sets changed (chart, CRS line)

    def __init__(self, time_points: Iterable[vitals.TimePoint], site_limits=None,
                 infusion_start: datetime | None = None, now: Callable[[], datetime] = datetime.now, parent=None):
        super().__init__(parent)
        self.site_limits, self.start, self._now = site_limits, infusion_start, now
        self.drafts: DraftKeeper | None = None
        self._loading = False
        self._widths: dict[str, int] = {}   # each column's width now (`_fit`)
        self._least: dict[str, int] = {}    # what each column needs, measured from the font (`_measure`)
        self._comfort: dict[str, int] = {}
        self._slot_points: dict[str, int | None] = {}   # an extra row's protocol point (`_placement`)
        self._dirty: set[str] = set()        # rows typed in since their draft was last kept
        self._drafted: set[str] = set()      # rows with a draft kept (or restored) in this grid
        self.limits = vitals.limits(site_limits)
        self.rows: list[VitalsRow] = []
        self.banner = AlertBanner(self, now)
        self.banner.acknowledge_clicked.connect(self.acknowledge_requested)
        self.body = QWidget(self)
        self.layout_ = QGridLayout(self.body)
        self.layout_.setHorizontalSpacing(2)     # 14 gaps: every pixel counts beside the patient list
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.setVerticalSpacing(3)
        self.body.setStyleSheet(BODY_STYLE)
        self.headings = [heading_label(text, name, self.body) for text, name in zip(headings(), full_names(),
                                                                                   strict=True)]
        for column, label in enumerate(self.headings):
            self.layout_.addWidget(label, 0, column, Qt.AlignBottom)
        self.layout_.setColumnStretch(len(COLUMNS) + 2, 1)
        for point in time_points:
            self._add_row(f"tp{point.offset_min}", short_label(point.offset_min), point.offset_min, tooltip=point.label)
        self.layout_.setRowStretch(999, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("vitals_scroll")
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        self.scroll = scroll
        # words under the grid keep the height they took (SteadyLabel): a save that clears the
        # message does not shrink them, so the grid above is not laid out and painted again
        self.message = SteadyLabel(False, self)
        self.message.setObjectName("vitals_message")
        self.message.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.response = SteadyLabel(True, self)
        self.response.setObjectName("vitals_response")
        self.save_state = SaveState("vitals_save_state", self)
        self.add_extra = QPushButton(self.tr("Add e&xtra set"), self)
        self.add_extra.setObjectName("vitals_add_extra")
        self.add_extra.clicked.connect(lambda: self.add_extra_set(focus=True))
        words = QVBoxLayout()
        words.addWidget(self.save_state)
        words.addWidget(self.message)
        words.addWidget(self.response)
        bottom = QHBoxLayout()
        bottom.addLayout(words, 1)
        bottom.addWidget(self.add_extra, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_due)
        self._timer.start(30_000)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_EVERY_MS)
        self._draft_timer.timeout.connect(self.keep)
        self.refresh_due()

    # -------------------------------------------------------------- rows

    def _add_row(self, key: str, label: str, offset: int | None, tooltip: str = "", extra: bool = False) -> VitalsRow:
        # two lines of the layout a set: its values, and under them its reason (vitals_row.VitalsRow)
        row = VitalsRow(len(self.rows), key, label, offset, self.body, self.layout_, 2 * len(self.rows) + 1, extra)
        row.heading.setToolTip(tooltip or label)
        for name, editor in row.editors.items():
            editor.installEventFilter(self)
            signal = editor.currentIndexChanged if isinstance(editor, QComboBox) else editor.textChanged
            signal.connect(lambda *_, r=row, n=name: self._on_edited(r, n))
        if self.rows:
            QWidget.setTabOrder(self.rows[-1].editors["reason"], row.editors["time"])
        for before, after in pairwise(FIELDS):
            QWidget.setTabOrder(row.editors[before], row.editors[after])
        self.rows.append(row)
        if self._widths:
            row.set_widths(self._widths)
        self._show_heading(row)
        return row

    def add_extra_set(self, focus: bool = False) -> str:
        """A row for a set outside the schedule; returns its key."""
        number = sum(1 for r in self.rows if r.extra) + 1
        row = self._add_row(f"extra{number}", self.tr("Extra {0}").format(number), None, extra=True)
        QWidget.setTabOrder(row.editors["reason"], self.add_extra)
        row.show_cells()                      # at once, so the new row can take the focus now
        if focus:
            row.editors["time"].setFocus(Qt.TabFocusReason)
        return row.key

    def row_for(self, key: str) -> VitalsRow | None:
        return next((r for r in self.rows if r.key == key), None)

    def recorded_sets(self) -> list[tuple[str, vitals.VitalSigns]]:
        return [(r.key, r.saved) for r in self.rows if r.saved is not None]

    def pending_alerts(self) -> list[str]:
        return self.banner.keys()

    def _state(self, row: VitalsRow) -> RowState:
        reference = row.saved.measured_at if row.saved is not None and row.saved.measured_at else self._now()
        return row.read(self.site_limits, reference, self.start)

    # -------------------------------------------------------------- editing

    def _on_edited(self, row: VitalsRow, name: str, state: RowState | None = None) -> None:
        if name not in ("time", "load") and not row.text("time") and row.touched():
            row.editors["time"].setText(self._now().strftime("%H:%M"))
        state = state or self._state(row)     # `load` hands the state it read (a row read once, not twice)
        row.show_state(state)
        changed = row.saved is not None and not same_set(state.vitals, row.saved)
        reason_needed = changed or (state.assessment is not None and state.assessment.needs_reason)
        reason = row.editors["reason"]
        reason.setEnabled(reason_needed)
        flagged = [f.name for f in state.assessment.findings if f.tier != "normal"] if state.assessment else []
        named = row.field_words()             # the parameters in the window's language
        words = ", ".join(forms_word(vitals.LABELS.get(n, n)) for n in flagged)
        reason.setPlaceholderText(self.tr("reason for the change") if changed else
                                  self.tr("reason: {0}").format(words) if reason_needed else "")
        if reason_needed and not reason.text().strip():
            set_look(reason, "tier", "needed")
        self.message.setText("; ".join(f"{row.label} — {named.get(n, vitals.LABELS.get(n, n))}: {m}"
                                       for n, m in state.errors.items()))
        self._show_news2(row, state)
        if name != "load" and not self._loading:
            self._typed(row, state, changed)
            self._show_heading(row)

    # -------------------------------------------------------------- fitting the screen

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.FontChange, QEvent.StyleChange):     # "Larger text": measured again
            self._least = {}
            self._fit()
            # and once more when every cell has its new font: the grid may hear of the change before
            # its editors do, and a combo's width is its own size hint (clipped at 1.5× otherwise)
            QTimer.singleShot(0, self, self._measure_again)

    def _measure_again(self) -> None:
        self._least = {}
        self._fit()

    def _measure(self) -> None:
        texts = [label.text() for label in self.headings]
        for label in self.headings:
            label.setFont(vitals_layout.bold(self.font()))
        columns = {name: self.rows[0].editors[name] for name in COLUMNS} if self.rows else {}
        self._least = vitals_layout.needed(self.font(), columns, texts)
        self._comfort = vitals_layout.comfortable(self.font(), self._least)

    def _fit(self) -> None:
        """Every column, ACVPU and NEWS2 included, in the width the grid has (1366 px with the
        patient list shown): comfortable when there is room, narrowed to what its texts need when
        there is not (measured from the font: vitals_layout), and scrolled sideways below that."""
        if not self.rows:
            return
        if not self._least:
            self._measure()
        margins = self.layout_.contentsMargins()
        # the grid's own width (the viewport's is not laid out yet while the grid is being resized)
        available = (self.width() - self.scroll.verticalScrollBar().sizeHint().width() - margins.left()
                     - margins.right() - 2)
        widths = vitals_layout.fit(self._least, self._comfort, available, self.layout_.horizontalSpacing())
        if widths == self._widths:
            return
        self._widths = widths
        for column, name in enumerate(("heading", *COLUMNS, "news2")):
            self.layout_.setColumnMinimumWidth(column, widths[name])
        for row in self.rows:
            row.set_widths(widths)

    # -------------------------------------------------------------- saving and alerts

    def commit_row(self, row: VitalsRow) -> str:
        """Hand a finished row to the owner if it can be saved; returns what happened (a code)."""
        state = self._state(row)
        reason = row.text("reason")
        if not state.touched:
            return "empty"
        if state.errors:
            return "refused"
        if state.missing:
            named = row.field_words()          # "consciousness ACVPU", not the field's code "acvpu"
            self.message.setText(self.tr("{0}: not saved yet — missing {1}").format(
                row.label, ", ".join(named.get(name, name) for name in state.missing)))
            return "incomplete"
        if row.saved is not None:
            if same_set(state.vitals, row.saved) and reason == row.saved_reason:
                return "unchanged"
            if not reason or reason == row.saved_reason:
                self.message.setText(self.tr("{0}: give the reason for the change to save it").format(row.label))
                return "reason_needed"
        elif not state.assessment.savable(reason):
            self.message.setText(self.tr("{0}: values outside normal limits — give a reason to save").format(row.label))
            return "reason_needed"
        corrected = row.saved is not None
        row.saved, row.saved_reason = state.vitals, reason
        self._dirty.discard(row.key)             # the owner's save removes the row's draft
        self._drafted.discard(row.key)
        (self.row_corrected if corrected else self.row_completed).emit(row.key, state.vitals, reason)
        if row.saved is None:
            # the owner did not store it (refused, or its question answered "no": `saved_elsewhere`);
            # "saved" is said only after the owner's save returned (ward walk: it showed while a
            # question about the set's time point was still open, and nothing was stored)
            return "not_saved"
        self.save_state.show_state(State.SAVED, self._now().strftime("%H:%M"))
        self.message.clear()
        alerts = state.assessment.alerts
        if alerts and (row.acknowledged is None or corrected):
            row.acknowledged = None
            self.banner.show_alert(row.key, self._alert_text(row, alerts), self._response(state))
            QTimer.singleShot(0, self, self._keep_focus_visible)
        elif not alerts:
            self.banner.clear(row.key)
        self.refresh_due(row)
        self.sets_changed.emit()
        return "corrected" if corrected else "saved"

    def _keep_focus_visible(self) -> None:
        """An alert line pushes the grid down: the row being typed in stays in view (issue 14)."""
        focus = QApplication.focusWidget()
        if focus is not None and self._row_of(focus) is not None:
            self.scroll.ensureWidgetVisible(focus, 20, 20)

    def set_acknowledged(self, key: str, by_name: str, when: datetime) -> None:
        """The owner recorded who acknowledged the alert of set `key`: the alert leaves the banner."""
        row = self.row_for(key)
        row.acknowledged = (by_name, when)
        focus = QApplication.focusWidget()
        in_banner = focus is not None and self.banner.isAncestorOf(focus)
        self.banner.clear(key)
        self._show_heading(row)
        if in_banner:
            # the acknowledgement form had the keyboard: it goes back to the grid's next set to take, never
            # out of the grid (ward walk: it landed in the patient search box, "003" selected)
            self._focus_next_set()

    def reset(self, infusion_start: datetime | None) -> None:
        """Empty, as a new grid for another infusion would be (a patient switch refills the grid with
        `reset` + `load` instead of building its ~400 widgets again: issue 11). The protocol's rows
        are emptied, extra rows removed, alerts, drafts and words cleared; nothing of the previous
        infusion stays. The owner keeps what is typed first (`keep`); the drafts keeper stays set."""
        self._draft_timer.stop()
        self._dirty.clear()
        self._drafted.clear()
        self._slot_points.clear()
        for key in self.pending_alerts():         # the banner's keys (a list: clearing changes it)
            self.banner.clear(key)
        for row in [r for r in self.rows if r.extra]:
            for widget in (row.heading, row.news2, *row.editors.values()):
                self.layout_.removeWidget(widget)
                widget.hide()
                widget.setObjectName("")          # gone at once for findChild, deleted with the next turn
                widget.deleteLater()
            row.deleteLater()
        self.rows = [r for r in self.rows if not r.extra]
        self.start = infusion_start
        for row in self.rows:
            if row.saved is None and row.acknowledged is None and not row.news2.text() and not any(
                    value for name, value in row.typed().items() if name != "temperature_unit") \
                    and row.text("temperature_unit") == "degC":
                continue                          # never filled: as built
            for editor in row.editors.values():
                editor.blockSignals(True)
            for editor in row.editors.values():
                if isinstance(editor, QComboBox):
                    editor.setCurrentIndex(0)
                else:
                    editor.clear()
            for editor in row.editors.values():
                editor.blockSignals(False)
            row.editors["o2_flow"].setEnabled(False)
            row.editors["reason"].setEnabled(False)
            row.editors["reason"].setPlaceholderText("")
            row.saved, row.saved_reason, row.acknowledged = None, "", None
            row.show_state(RowState())
            row.news2.clear()
            row.news2.setToolTip("")
            set_look(row.news2, "band", "")
        self.message.clear()
        self.response.clear()
        self.save_state.show_state(State.EMPTY)
        self.refresh_due()

    def load(self, records: Iterable[VitalsRecord]) -> None:
        """Show saved sets; editing one later asks for the reason for the change."""
        self._loading = True          # what is shown here is stored: no draft, no "unsaved"
        try:
            self._load(records)
        finally:
            self._loading = False

    def _load(self, records: Iterable[VitalsRecord]) -> None:
        for record in records:
            row = self.row_for(record.key)
            if row is None:
                row = self.row_for(self.add_extra_set()) if record.key.startswith("extra") else None
                if row is None:
                    continue
                row.key = record.key
            row.fill(record.vitals)
            row.editors["reason"].setText(record.reason)
            row.editors["reason"].setCursorPosition(0)          # show the start of a long reason
            row.saved, row.saved_reason = record.vitals, record.reason
            if record.acknowledged_by:
                row.acknowledged = (record.acknowledged_by, record.acknowledged_at)
            state = self._state(row)
            self._on_edited(row, "load", state)
            if state.assessment.alerts and row.acknowledged is None:
                self.banner.show_alert(row.key, self._alert_text(row, state.assessment.alerts), self._response(state))
        self.refresh_due()
        self.sets_changed.emit()

    # -------------------------------------------------------------- the clock

    def set_infusion_start(self, start: datetime | None) -> None:
        self.start = start
        self.refresh_due()

    def refresh_due(self, changed: VitalsRow | None = None) -> None:
        """Which set is due next, shown on the rows' headings. After a save (`changed`) only the
        headings whose words can change are shown again: the saved row, the rows that were or are
        now due or missed, and extra rows placed at the saved row's point (a save once re-read
        every row's time and placement: a third of the save → repaint time, issue 11)."""
        previous = getattr(self, "due", None)
        scheduled = [r for r in self.rows if not r.extra]
        recorded = [r.offset_min for r in scheduled if r.saved is not None]
        self.due = vitals_due.next_due([r.offset_min for r in scheduled], recorded, self.start, self._now())
        if changed is None or previous is None:
            rows = self.rows
        else:
            offsets = ({previous.next_offset_min, self.due.next_offset_min}
                       | (set(previous.missed_offsets) ^ set(self.due.missed_offsets)))
            point = None if changed.extra else changed.offset_min
            rows = [r for r in self.rows if r is changed or (not r.extra and r.offset_min in offsets)
                    or (r.extra and point is not None and self._slot_points.get(r.key) == point)]
        for row in rows:
            self._show_heading(row)
