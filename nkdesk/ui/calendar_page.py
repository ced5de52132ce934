"""The treatment calendar as a list and a month view. Events come from `nkdesk.rules.schedule`;
marking one done or moving it is asked of the owner (signals), who records it and re-plans."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

KIND_WORDS = {"gcsf": "G-CSF", "apheresis": "Apheresis", "medium_add": "Medium added",
              "medium_change": "Medium changed", "il12": "IL-12", "il2": "IL-2", "infusion": "Infusion",
              "followup": "Follow-up"}
KIND_COLOURS = {"gcsf": "#e3f2fd", "apheresis": "#fff3e0", "infusion": "#fce4ec", "followup": "#ede7f6"}


class CalendarPage(QWidget):
    mark_done_requested = Signal(object)   # the ScheduleEvent
    move_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.events = []
        self.window_note = QLabel(self)
        self.window_note.setObjectName("gcsf_window")
        self.window_note.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("calendar_events")
        self.table.setAccessibleName(self.tr("Treatment calendar events"))
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Cycle"), self.tr("Culture day"),
                                              self.tr("Event"), self.tr("Status")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.month = QCalendarWidget(self)
        self.month.setObjectName("calendar_month")
        self.month.setAccessibleName(self.tr("Month view"))
        self.month.setGridVisible(True)
        self.month.selectionChanged.connect(self._on_month_date_changed)
        self.done = QPushButton(self.tr("Mark &done"), self)
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
        split.setSizes([700, 450])
        layout = QVBoxLayout(self)
        layout.addWidget(self.window_note)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def selected(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.events[rows[0].row()] if rows else None

    def show_schedule(self, schedule) -> None:
        self.events = list(schedule.events) if schedule is not None else []
        # sized once after the fill: sizing to contents on every setItem made a fill quadratic (~0.5 s)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.setRowCount(len(self.events))
        self.month.setDateTextFormat(QDate(), QTextCharFormat())  # clear old highlights
        today = dt.date.today()
        for row, event in enumerate(self.events):
            cells = [event.date.strftime("%a %Y-%m-%d"), "" if event.cycle is None else str(event.cycle),
                     "" if event.culture_day is None else str(event.culture_day),
                     event.label or KIND_WORDS.get(event.kind, event.kind), event.status]
            colour = KIND_COLOURS.get(event.kind)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                if event.date < today and event.status == "planned":
                    item.setForeground(QBrush(QColor("#616161")))
                self.table.setItem(row, column, item)
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(QColor(colour or "#e8f5e9")))
            fmt.setFontWeight(700)
            fmt.setToolTip(event.label or KIND_WORDS.get(event.kind, event.kind))
            self.month.setDateTextFormat(QDate(event.date.year, event.date.month, event.date.day), fmt)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
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

    def _on_month_date_changed(self) -> None:
        chosen = self.month.selectedDate().toPython()
        for row, event in enumerate(self.events):
            if event.date == chosen:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))
                return
