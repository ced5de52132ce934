"""The treatment calendar as a list (a table model: one row per event, the events a move re-dated
marked "moved from …") and a month view. Events come from `nkdesk.rules.schedule` or as stored;
marking one done or moving it is asked of the owner (signals), whose service records it and
re-plans what depends on it."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nkdesk.ui import words

KIND_COLOURS = {"gcsf": "#e3f2fd", "apheresis": "#fff3e0", "infusion": "#fce4ec", "followup": "#ede7f6"}
MOVED_COLOUR = "#fff59d"
_Index = QModelIndex | QPersistentModelIndex

# The table's column titles (lupdate reads the literals here; shown in the current language).
HEADERS = (QT_TRANSLATE_NOOP("CalendarPage", "Date"), QT_TRANSLATE_NOOP("CalendarPage", "Cycle"),
           QT_TRANSLATE_NOOP("CalendarPage", "Culture day"), QT_TRANSLATE_NOOP("CalendarPage", "Event"),
           QT_TRANSLATE_NOOP("CalendarPage", "Status"), QT_TRANSLATE_NOOP("CalendarPage", "Change"),
           QT_TRANSLATE_NOOP("CalendarPage", "Day off"))
# Events the team must be there for (issue 18): on a weekend or a public holiday they are flagged to
# confirm that the apheresis unit and the cell-processing facility are staffed. G-CSF injections and
# follow-up visits are not flagged.
STAFFED_KINDS = frozenset({"apheresis", "medium_add", "medium_change", "il12", "il2", "infusion"})
DAY_OFF_COLOUR = "#ffcc80"
EVENT_COLUMN, DAY_OFF_COLUMN = 3, 6


class CalendarModel(QAbstractTableModel):
    """The calendar's events, one row each; `moved` maps an event's row key to its previous date."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.events: list = []
        self.moved: dict[object, dt.date] = {}
        self.headers = [QCoreApplication.translate("CalendarPage", text) for text in HEADERS]
        self._moved_words = QCoreApplication.translate("CalendarPage", "moved from {0}")
        self._was_words = QCoreApplication.translate("CalendarPage", "was {0}")
        self._rows: list[tuple] = []     # per event: texts, tooltip, background, moved background, greyed
        self._grey = QBrush(QColor("#616161"))
        self._day_off_brush = QBrush(QColor(DAY_OFF_COLOUR))
        self._day_off_words = QCoreApplication.translate("CalendarPage", "⚑ {0}: confirm staffing")
        self._day_off_tip = QCoreApplication.translate(
            "CalendarPage", "{0} falls on {1}: confirm that the apheresis unit and the cell-processing facility "
                            "are staffed that day.")

    def day_off(self, event) -> Any:
        """The weekend or public holiday (rules.calendar_days) a staffed event falls on, or None."""
        if event.kind not in STAFFED_KINDS:
            return None
        from nkdesk.rules.calendar_days import day_off
        from nkdesk.ui import language

        return day_off(event.date, language.current())

    def _was(self, was: dt.date, now: dt.date) -> str:
        """Short enough for the column at 1366×768: the year only when it differs."""
        return self._was_words.format(was.strftime("%m-%d") if was.year == now.year else was.isoformat())

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default argument
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default argument
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.headers[section]
        return None

    @staticmethod
    def key(event) -> object:
        stored = getattr(event, "event", None)
        return stored.id if stored is not None else (event.cycle, event.kind, event.culture_day)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        texts, tip, background, moved_background, grey, off_tip = self._rows[index.row()]
        off = off_tip is not None and index.column() == DAY_OFF_COLUMN
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == EVENT_COLUMN:     # the event's whole name: its column elides when narrow
                return "\n".join(text for text in (texts[EVENT_COLUMN], tip) if text)
            return off_tip if off else tip
        if role == Qt.ItemDataRole.BackgroundRole:
            if off:
                return self._day_off_brush
            return moved_background if moved_background is not None and index.column() in (0, 5) else background
        if role == Qt.ItemDataRole.ForegroundRole and grey:
            return self._grey
        if role == Qt.ItemDataRole.FontRole and tip is not None:
            return self.bold_font(QFont())     # the application's font now ("Larger text" included)
        return None

    def _row(self, event, today: dt.date) -> tuple:
        """What a row shows, worked out once per fill: the header sizes its columns from every
        row's texts (many `data` calls per switch), so `data` only looks them up."""
        was = self.moved.get(self.key(event))
        off = self.day_off(event)
        name = event.label or words.event_kind(event.kind)
        texts = (words.weekday_date(event.date), "" if event.cycle is None else str(event.cycle),
                 "" if event.culture_day is None else str(event.culture_day),
                 name, event.status,
                 self._was(was, event.date) if was else "",
                 self._day_off_words.format(off.name) if off else "")
        colour = KIND_COLOURS.get(event.kind)
        return (texts, self._moved_words.format(was.isoformat()) if was else None,
                QBrush(QColor(colour)) if colour else None, QBrush(QColor(MOVED_COLOUR)) if was else None,
                event.date < today and event.status == "planned",
                self._day_off_tip.format(name, off.name) if off else None)

    def text(self, row: int, column: int) -> str:
        """The text a cell shows (its DisplayRole)."""
        return str(self._rows[row][0][column])

    def is_bold(self, row: int) -> bool:
        return self._rows[row][1] is not None    # a moved event's row

    def bold_font(self, font: QFont) -> QFont:
        bold = QFont(font)
        bold.setBold(True)
        return bold

    def show(self, events, moved: dict[object, dt.date]) -> None:
        self.beginResetModel()
        self.events, self.moved = list(events), dict(moved)
        today = dt.date.today()
        self._rows = [self._row(event, today) for event in self.events]
        self.endResetModel()


class CalendarPage(QWidget):
    mark_done_requested = Signal(object)   # the ScheduleEvent
    move_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.events = []
        self.window_note = QLabel(self)
        self.window_note.setObjectName("gcsf_window")
        self.window_note.setWordWrap(True)
        self.model = CalendarModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("calendar_events")
        self.table.setAccessibleName(self.tr("Treatment calendar events"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # sized from the contents once per fill (show_schedule), not in ResizeToContents mode: that
        # mode measured every cell again on each layout pass, 60 ms of a patient switch. The event's
        # name takes the room left and is elided when it has too little (its whole name in the
        # tooltip): the table does not scroll sideways beside the patient list (issue 16) while
        # every heading is whole (`_share_room`).
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.viewport().installEventFilter(self)   # resized (a vertical bar came): the shares again
        self._day_off_width = 0                  # what the day-off column's texts need (`_size_columns`)
        self.table.setWordWrap(False)
        self.month = QCalendarWidget(self)
        self.month.setObjectName("calendar_month")
        self.month.setAccessibleName(self.tr("Month view"))
        self.month.setGridVisible(True)
        # no week numbers (not used on the ward): 40 px more for the list beside the patient list
        self.month.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.month.selectionChanged.connect(self._on_month_date_changed)
        self.done = QPushButton(self.tr("Mar&k done"), self)
        self.done.setObjectName("calendar_mark_done")
        self.move = QPushButton(self.tr("&Move…"), self)
        self.move.setObjectName("calendar_move")
        self.done.clicked.connect(lambda: self.selected() and self.mark_done_requested.emit(self.selected()))
        self.move.clicked.connect(lambda: self.selected() and self.move_requested.emit(self.selected()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done)
        buttons.addWidget(self.move)
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.month)
        # the list (with its "Change" and "Day off" columns) gets the room; the month view keeps the
        # least it needs (its size hint, from the font): beside the patient list the tab has ~950 px
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([10_000, self.month.minimumSizeHint().width()])
        self.split = split
        layout = QVBoxLayout(self)
        layout.addWidget(self.window_note)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:       # "Larger text": measured again in the new font,
            QTimer.singleShot(0, self, self._refit)         # once the table and the month view have it

    def _refit(self) -> None:
        """The month view at its least width and every column from its texts, in the font in use."""
        total = sum(self.split.sizes())
        month = self.month.minimumSizeHint().width()
        self.split.setSizes([max(0, total - month), month])
        if self.events:
            self._size_columns()

    def selected(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.events[rows[0].row()] if rows else None

    def show_schedule(self, schedule, moved: dict[object, dt.date] | None = None) -> None:
        """Show the events; `moved` (event key → previous date) marks what the last move re-dated."""
        self.events = list(schedule.events) if schedule is not None else []
        self.model.show(self.events, moved or {})
        self.month.setDateTextFormat(QDate(), QTextCharFormat())  # clear old highlights
        today = dt.date.today()
        for event in self.events:
            colour = KIND_COLOURS.get(event.kind)
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(QColor(colour or "#e8f5e9")))
            fmt.setFontWeight(700)
            fmt.setToolTip(event.label or words.event_kind(event.kind))
            self.month.setDateTextFormat(QDate(event.date.year, event.date.month, event.date.day), fmt)
        self._size_columns()
        window = getattr(schedule, "gcsf_window", None) if schedule is not None else None
        if window is None:
            self.window_note.setText(getattr(schedule, "timing", None) or "")
            self.window_note.setStyleSheet("")
        elif window.within:
            self.window_note.setText(self.tr("First G-CSF day {0} lies within the window {1} – {2} "
                                             "(1 to 3 months after surgery).").format(
                window.first_gcsf.isoformat(), window.start.isoformat(), window.end.isoformat()))
            self.window_note.setStyleSheet("color: #1b5e20;")
        else:
            self.window_note.setText(self.tr("WARNING: first G-CSF day {0} is OUTSIDE the window {1} – {2} "
                                             "(1 to 3 months after surgery).").format(
                window.first_gcsf.isoformat(), window.start.isoformat(), window.end.isoformat()))
            self.window_note.setStyleSheet("color: #b71c1c; font-weight: bold; background: #ffebee; padding: 4px;")
        if self.events:
            upcoming = next((e for e in self.events if e.date >= today), self.events[0])
            self.month.setSelectedDate(QDate(upcoming.date.year, upcoming.date.month, upcoming.date.day))
            # the list opens on today's (or the next) event, not on the first G-CSF weeks ago (ward walk):
            # scrolled once laid out — and again when shown, since a tab is often filled while hidden
            self._upcoming_row = self.events.index(upcoming)
            QTimer.singleShot(0, self, self._show_upcoming)
        else:
            self._upcoming_row = None

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self, self._show_upcoming)

    def _show_upcoming(self) -> None:
        row = getattr(self, "_upcoming_row", None)
        if row is not None and row < self.model.rowCount() and self.table.isVisible():
            self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def _size_columns(self) -> None:
        """Each column as wide as `resizeColumnsToContents` would make it, measuring one cell per
        column — the one whose text is widest in its font — instead of every cell (each cell's size
        hint through the style sheet: 30 ms of a patient switch for 48 events)."""
        header = self.table.horizontalHeader()
        plain, bold = self.table.fontMetrics(), QFontMetrics(self.model.bold_font(self.table.font()))
        grid = 1 if self.table.showGrid() else 0
        for column in range(self.model.columnCount()):
            if column == EVENT_COLUMN:        # stretched: the room the others leave
                continue
            widest_row, width = None, -1
            for row in range(self.model.rowCount()):   # the texts as worked out once per fill, not via data()
                metrics = bold if self.model.is_bold(row) else plain
                advance = metrics.horizontalAdvance(self.model.text(row, column))
                if advance > width:
                    widest_row, width = row, advance
            widest = self.model.index(widest_row, column) if widest_row is not None else None
            # a letter's room to spare: the metrics here may round differently from the delegate's
            # font ("Wed 2026-12-02" was elided by a pixel when "Mon 2026-11-23" was the widest measured)
            spare = plain.horizontalAdvance("W")
            content = self.table.sizeHintForIndex(widest).width() + grid + spare if widest is not None else 0
            width = max(content, header.sectionSizeHint(column))
            if column == DAY_OFF_COLUMN:
                self._day_off_width = width
            header.resizeSection(column, width)
        self._share_room()

    def _share_room(self) -> None:
        """The room the short columns leave: the day-off column ("⚑ Saturday: confirm staffing", its
        whole sentence in the tooltip) takes at most two fifths of it, the event's name the rest
        (elided, its whole name in the tooltip); neither narrower than its heading (the table
        scrolls sideways only when the headings alone are wider than it)."""
        header = self.table.horizontalHeader()
        if header.count() <= DAY_OFF_COLUMN:
            return
        fixed = sum(header.sectionSize(c) for c in range(header.count()) if c not in (EVENT_COLUMN, DAY_OFF_COLUMN))
        room = self.table.viewport().width() - fixed
        day_off = max(header.sectionSizeHint(DAY_OFF_COLUMN), min(self._day_off_width, room * 2 // 5))
        event = max(header.sectionSizeHint(EVENT_COLUMN), room - day_off)
        for column, width in ((DAY_OFF_COLUMN, day_off), (EVENT_COLUMN, event)):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._share_room()
        return super().eventFilter(watched, event)

    def _on_month_date_changed(self) -> None:
        chosen = self.month.selectedDate().toPython()
        for row, event in enumerate(self.events):
            if event.date == chosen:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return
