"""A read-only table of keyed rows that changes row by row (issue 11: "Tables are QAbstractTableModels
… updated row by row"): the AE log and the vital-sign history.

`set_rows` takes every row as it should be now — its key (a record's id), its cells' words and, per
cell, an optional background/foreground colour — and tells the view only what changed: the cells
of a changed row (`dataChanged`), the rows added (`rowsInserted`) and removed (`rowsRemoved`). A
view never rebuilds, so its selection and scroll position stay where the user left them. Only when
the order of the rows already shown changes is the model reset.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    key: Hashable
    cells: tuple[str, ...]
    colours: dict[int, tuple[str, str]] = field(default_factory=dict)   # column → (background, foreground)
    tooltip: str = ""


class RowModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Row] = []

    # -------------------------------------------------------------- Qt's model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's default argument
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's default argument
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ToolTipRole:
            return row.tooltip or row.cells[index.column()]
        colours = row.colours.get(index.column())
        if colours and role == Qt.BackgroundRole and colours[0]:
            return QBrush(QColor(colours[0]))
        if colours and role == Qt.ForegroundRole and colours[1]:
            return QBrush(QColor(colours[1]))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        return None

    # -------------------------------------------------------------- row by row
    def key_at(self, row: int) -> Hashable:
        return self.rows[row].key

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Make the table show `rows` (in this order), telling the view only what changed."""
        new_keys = [r.key for r in rows]
        kept = [k for k in (r.key for r in self.rows) if k in set(new_keys)]
        if kept != [k for k in new_keys if k in set(kept)]:        # the shown rows were reordered
            self.beginResetModel()
            self.rows = list(rows)
            self.endResetModel()
            return
        wanted = set(new_keys)
        for index in range(len(self.rows) - 1, -1, -1):            # removed, from the bottom up
            if self.rows[index].key not in wanted:
                self.beginRemoveRows(QModelIndex(), index, index)
                del self.rows[index]
                self.endRemoveRows()
        for index, row in enumerate(rows):                           # added or changed, top down
            if index < len(self.rows) and self.rows[index].key == row.key:
                if self.rows[index] != row:
                    self.rows[index] = row
                    self.dataChanged.emit(self.index(index, 0), self.index(index, len(self.headers) - 1))
                continue
            self.beginInsertRows(QModelIndex(), index, index)
            self.rows.insert(index, row)
            self.endInsertRows()
