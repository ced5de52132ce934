"""The review of an eligibility result: every criterion as met / not met / missing / boundary,
with its evidence and the source's wording, then the protocol's open points."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

STATUS_COLOURS = {"ok": "#e8f5e9", "failed": "#ffcdd2", "missing": "#fff3cd", "boundary": "#e1d5f5"}


def status_words(widget, criterion) -> tuple[str, str]:
    """(text, colour key) for a criterion, in words as well as colour."""
    if criterion.kind == "exclusion":
        text = {True: widget.tr("Applies: excluded"), False: widget.tr("Does not apply"), None: widget.tr("Missing")}
    else:
        text = {True: widget.tr("Met"), False: widget.tr("Not met"), None: widget.tr("Missing")}
    words = text[criterion.met]
    if criterion.boundary:
        words += " · " + widget.tr("boundary")
    key = criterion.status if not (criterion.boundary and criterion.status == "ok") else "boundary"
    return words, key


class CriteriaReview(QWidget):
    def __init__(self, protocol, parent=None):
        super().__init__(parent)
        self.protocol = protocol
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("eligibility_review_table")
        self.table.setAccessibleName(self.tr("Eligibility criteria"))
        self.table.setHorizontalHeaderLabels([self.tr("Criterion"), self.tr("Result"), self.tr("Evidence"),
                                              self.tr("Source wording")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(True)
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
        points = "".join(f"<li><b>{p.title}</b>: {p.text}</li>" for p in protocol.open_points)
        self.open_points.setText(self.tr("<b>Open points in the protocol text</b>") + f"<ul>{points}</ul>")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.open_points)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def show_result(self, result) -> None:
        self.table.setRowCount(len(result.criteria))
        for row, c in enumerate(result.criteria):
            words, key = status_words(self, c)
            cells = [c.id, words, c.evidence, c.text]
            for column, text in enumerate(cells):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                item.setText(text)
                item.setBackground(QBrush(QColor(STATUS_COLOURS[key])))
                item.setForeground(QBrush(QColor("#212121")))
        self.table.resizeRowsToContents()
