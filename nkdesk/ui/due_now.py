"""The "due now" list of the nurse's round, across every patient (`services.rounds.due_now`): one
line per patient with vital-sign alerts not yet acknowledged, per vital-sign set due or late, per
G-CSF dose or event today, and per event overdue. The button that opens it shows the number of
lines listed, never another count."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from nkdesk.rules import vitals

ROOT_INDEX = QModelIndex()
KIND_WORDS = {"gcsf": QT_TRANSLATE_NOOP("DueNowModel", "G-CSF dose"),
              "apheresis": QT_TRANSLATE_NOOP("DueNowModel", "apheresis"),
              "medium_add": QT_TRANSLATE_NOOP("DueNowModel", "medium added"),
              "medium_change": QT_TRANSLATE_NOOP("DueNowModel", "medium changed"),
              "il12": QT_TRANSLATE_NOOP("DueNowModel", "IL-12"), "il2": QT_TRANSLATE_NOOP("DueNowModel", "IL-2"),
              "infusion": QT_TRANSLATE_NOOP("DueNowModel", "infusion"),
              "followup": QT_TRANSLATE_NOOP("DueNowModel", "follow-up")}
LATE = "#b71c1c"


class DueNowModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("DueNowModel", "Study ID"), QT_TRANSLATE_NOOP("DueNowModel", "What"),
               QT_TRANSLATE_NOOP("DueNowModel", "When"))

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
            return QCoreApplication.translate("DueNowModel", self.HEADERS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.DisplayRole:
            return (item.study_id, self.what(item), self.when(item))[index.column()]
        if role == Qt.ForegroundRole and (item.kind == "alert" or item.overdue or item.late_min > 0):
            return QBrush(QColor(LATE))
        return None

    def what(self, item) -> str:
        if item.kind == "alert":
            from nkdesk.ui.words import listed, vital_finding

            return self.tr("Alert not acknowledged: {0}").format(listed(vital_finding(f) for f in item.what.split(",")))
        if item.kind == "vitals":
            return self.tr("Vital signs: {0}").format(self.time_point(item))
        words = KIND_WORDS.get(item.event_kind)
        return item.event_kind if words is None else QCoreApplication.translate("DueNowModel", words)

    def time_point(self, item) -> str:
        """The time point in words: the usual wording translated; a protocol's own label as it is written."""
        offset = getattr(item, "offset_min", None)
        if offset is None or item.what != vitals.time_point_label(offset):
            return item.what
        if offset <= 0:
            return self.tr("Before infusion")
        if offset % 60 == 0:
            return self.tr("{0} h after start").format(offset // 60)
        return self.tr("{0} min after start").format(offset)

    def when(self, item) -> str:
        if item.kind == "alert":
            return self.tr("since {0}").format(f"{item.due_at:%H:%M}")
        if item.kind == "vitals":
            text = f"{item.due_at:%H:%M}"
            return self.tr("{0} — {1} min late").format(text, item.late_min) if item.late_min else text
        if item.overdue:
            return self.tr("overdue since {0}").format(f"{item.day:%d %b}")
        return self.tr("today")
