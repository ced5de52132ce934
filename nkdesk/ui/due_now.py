"""The "due now" list of the nurse's round, across every patient (`services.rounds.due_now`): one
line per vital-sign set due or late, G-CSF dose or event today, and event overdue. The button that
opens it shows the number of lines listed, never another count."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

ROOT_INDEX = QModelIndex()
KIND_WORDS = {"gcsf": "G-CSF dose", "apheresis": "apheresis", "medium_add": "medium added",
              "medium_change": "medium changed", "il12": "IL-12", "il2": "IL-2", "infusion": "infusion",
              "followup": "follow-up"}
LATE = "#b71c1c"


class DueNowModel(QAbstractTableModel):
    HEADERS = ("Study ID", "What", "When")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list = []

    def set_items(self, items) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent=ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.DisplayRole:
            return (item.study_id, self.what(item), self.when(item))[index.column()]
        if role == Qt.ForegroundRole and (item.overdue or item.late_min > 0):
            return QBrush(QColor(LATE))
        return None

    def what(self, item) -> str:
        if item.kind == "vitals":
            return self.tr("Vital signs: {0}").format(self.tr(item.what))
        return self.tr(KIND_WORDS.get(item.event_kind, item.event_kind))

    def when(self, item) -> str:
        if item.kind == "vitals":
            text = f"{item.due_at:%H:%M}"
            return self.tr("{0} — {1} min late").format(text, item.late_min) if item.late_min else text
        if item.overdue:
            return self.tr("overdue since {0}").format(f"{item.day:%d %b}")
        return self.tr("today")
