"""The review of an eligibility result: every criterion as met / not met / missing / boundary,
with its evidence and the source's wording (a table model and its view, rows wrapped to their
text so nothing is cut off), then the protocol's open points."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nkdesk.ui import explanations

STATUS_COLOURS = {"ok": "#e8f5e9", "failed": "#ffcdd2", "missing": "#fff3cd", "boundary": "#e1d5f5"}
_Index = QModelIndex | QPersistentModelIndex

# The table's column titles (lupdate reads the literals here; shown in the current language).
HEADERS = (QT_TRANSLATE_NOOP("CriteriaReview", "Criterion"), QT_TRANSLATE_NOOP("CriteriaReview", "Result"),
           QT_TRANSLATE_NOOP("CriteriaReview", "Evidence"), QT_TRANSLATE_NOOP("CriteriaReview", "Source wording"))


def status_words(widget, criterion) -> tuple[str, str]:
    """(text, colour key) for a criterion, in words as well as colour."""
    if criterion.kind == "exclusion":
        text = {True: QCoreApplication.translate("CriteriaReview", "Applies: excluded"),
                False: QCoreApplication.translate("CriteriaReview", "Does not apply"),
                None: QCoreApplication.translate("CriteriaReview", "Missing")}
    else:
        text = {True: QCoreApplication.translate("CriteriaReview", "Met"),
                False: QCoreApplication.translate("CriteriaReview", "Not met"),
                None: QCoreApplication.translate("CriteriaReview", "Missing")}
    words = text[criterion.met]
    if criterion.boundary:
        words += " · " + QCoreApplication.translate("CriteriaReview", "boundary")
    key = criterion.status if not (criterion.boundary and criterion.status == "ok") else "boundary"
    return words, key


class CriteriaModel(QAbstractTableModel):
    """One row per criterion of the result; a new result changes only the rows that differ."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._words = parent
        self.rows: list[tuple[str, str, str, str, str]] = []    # id, result words, evidence, wording, colour key
        self.headers = [QCoreApplication.translate("CriteriaReview", text) for text in HEADERS]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default argument
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default argument
        return 0 if parent.isValid() else 4

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_COLOURS[row[4]]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#212121"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def show_result(self, result) -> list[int]:
        """Show `result`; returns the rows whose content changed."""
        rows = []
        for c in result.criteria:
            words, key = status_words(self._words, c)
            rows.append((c.id, words, explanations.evidence(c, self._words.protocol), c.text, key))
        if len(rows) != len(self.rows):
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
            return list(range(len(rows)))
        changed = [i for i, (old, new) in enumerate(zip(self.rows, rows, strict=True)) if old != new]
        self.rows = rows
        for i in changed:
            self.dataChanged.emit(self.index(i, 0), self.index(i, 3))
        return changed


class CriteriaReview(QWidget):
    def __init__(self, protocol, parent=None):
        super().__init__(parent)
        self.protocol = protocol
        self.model = CriteriaModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("eligibility_review_table")
        self.table.setAccessibleName(self.tr("Eligibility criteria"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.open_points = QLabel(self)
        self.open_points.setObjectName("eligibility_open_points")
        self.open_points.setWordWrap(True)
        self.open_points.setTextFormat(Qt.RichText)
        self.open_points.setStyleSheet("background: #fff8e1; border: 1px solid #f9a825; padding: 6px;")
        points = "".join(f"<li><b>{explanations.protocol_text(p, 'title')}</b>: {explanations.protocol_text(p, 'text')}"
                         "</li>" for p in protocol.open_points)   # the protocol file's Japanese in a Japanese window
        self.open_points.setText(self.tr("<b>Open points in the protocol text</b>") + f"<ul>{points}</ul>")
        # at 1366×768 the open points would take a third of the page: they scroll in their own
        # pane under the criteria, and the user can drag the divider
        points_pane = QScrollArea(self)
        points_pane.setObjectName("eligibility_open_points_pane")
        points_pane.setWidgetResizable(True)
        points_pane.setWidget(self.open_points)
        split = QSplitter(Qt.Vertical, self)
        split.setObjectName("eligibility_review_split")
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(points_pane)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def show_result(self, result) -> None:
        changed = self.model.show_result(result)
        # measuring wrapped rows is the costly part (a patient switch changes most of them); off
        # screen it waits for showEvent, which measures every row
        if self.table.isVisible():
            for row in changed:
                self.table.resizeRowToContents(row)
