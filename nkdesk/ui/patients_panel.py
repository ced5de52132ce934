"""The patient list: search as you type (study ID, initials, hospital ID), each patient's state and
next due event; add a patient. The model is handed fresh rows (`set_rows`); it never queries."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nkdesk.domain import PATIENT_STATES

STATE_COLOURS = {"mid_infusion": "#fce4ec", "eligible_awaiting_dose": "#e8f5e9", "discontinued": "#eeeeee",
                 "suspended": "#fff3cd", "screen_failed": "#f5f5f5"}
ROOT_INDEX = QModelIndex()  # the invalid index: a table model's rows and columns hang from it
KIND_WORDS = {"gcsf": "G-CSF", "apheresis": "apheresis", "medium_add": "medium added",
              "medium_change": "medium changed", "il12": "IL-12", "il2": "IL-2", "infusion": "infusion",
              "followup": "follow-up"}


class PatientTableModel(QAbstractTableModel):
    HEADERS = ("Study ID", "Initials", "State", "Next due", "Hospital ID")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return self._cell(row, index.column())
        if role == Qt.BackgroundRole and row.state in STATE_COLOURS:
            return QBrush(QColor(STATE_COLOURS[row.state]))
        if role == Qt.UserRole:
            return row.id
        return None

    def _cell(self, row, column: int) -> str:
        if column == 0:
            return row.study_id
        if column == 1:
            return row.initials
        if column == 2:
            return self.tr(PATIENT_STATES.get(row.state, row.state))
        if column == 4:
            return row.hospital_id or ""
        if row.next_event_on is None:
            return ""
        return f"{row.next_event_on:%d %b} {KIND_WORDS.get(row.next_event_kind, row.next_event_kind)}"


class PatientsPanel(QWidget):
    patient_chosen = Signal(int)
    add_requested = Signal()
    search_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("patient_search")
        self.search.setAccessibleName(self.tr("Search patients"))
        self.search.setPlaceholderText(self.tr("Study ID, initials or hospital ID"))
        self.search.setToolTip(self.tr("Search as you type; Enter opens the only match"))
        self.search.setClearButtonEnabled(True)
        self.add = QPushButton(self.tr("&New patient…"), self)
        self.add.setObjectName("patient_add")
        self.model = PatientTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("patient_list")
        self.table.setAccessibleName(self.tr("Patients"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._on_row_activated)
        self.table.clicked.connect(self._on_row_activated)
        # typing is debounced a little so that a fast typist does not query on every key
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(lambda: self.search_changed.emit(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._on_return)
        self.add.clicked.connect(self.add_requested)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows) -> None:
        chosen = self.current_id()
        self.model.set_rows(rows)
        for r, row in enumerate(self.model.rows):
            if row.id == chosen:
                self.table.selectRow(r)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()].id if index.isValid() and index.row() < len(self.model.rows) else None

    def select(self, patient_id: int) -> None:
        for r, row in enumerate(self.model.rows):
            if row.id == patient_id:
                self.table.selectRow(r)
                return

    def _on_row_activated(self, index) -> None:
        if index.isValid():
            self.patient_chosen.emit(self.model.rows[index.row()].id)

    def _on_return(self) -> None:
        self._debounce.stop()
        self.search_changed.emit(self.search.text())
        if len(self.model.rows) == 1:
            self.table.selectRow(0)
            self.patient_chosen.emit(self.model.rows[0].id)
