"""The syringe plan of a dose order as a table model: one row per syringe strength — how many each
time, how many a day, the volume a day. Filled from the typed order (`DoseOrderDetails`), the same
for the order on file, a preview and the verify dialog."""
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
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from nkdesk.domain import DoseOrderDetails
from nkdesk.ui import words

Index = QModelIndex | QPersistentModelIndex
ROOT_INDEX = QModelIndex()


class SyringePlanModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("SyringePlanModel", "Syringe"), QT_TRANSLATE_NOOP("SyringePlanModel", "Each time"),
               QT_TRANSLATE_NOOP("SyringePlanModel", "Per day"), QT_TRANSLATE_NOOP("SyringePlanModel", "Volume/day"))

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[tuple[str, str, str, str]] = []

    def set_order(self, order: DoseOrderDetails | None) -> None:
        rows: list[tuple[str, str, str, str]] = []
        if order is not None:
            administrations = 2 if order.split_daily_dose else 1
            for use in order.syringes:
                volume = f"{use.count * use.volume_ml_each:.2f} mL" if use.volume_ml_each is not None else "—"
                name = words.syringe_name(use.name) or f"{use.strength_ug:g} µg"   # site data, in the user's language
                rows.append((name, str(use.count // administrations), str(use.count), volume))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        return self._rows[index.row()][index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("SyringePlanModel", self.HEADERS[section])
        return None


def syringe_table(parent: QWidget, object_name: str = "syringe_plan") -> tuple[QTableView, SyringePlanModel]:
    """A read-only view of a SyringePlanModel, sized to its rows (no scroll bar for a few syringes)."""
    model = SyringePlanModel(parent)
    view = QTableView(parent)
    view.setObjectName(object_name)
    view.setAccessibleName(QCoreApplication.translate("SyringePlanModel", "Syringe plan"))
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # read-only: Tab goes on to the next input
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)

    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit() -> None:
        """Tall enough for every row (a plan has a few syringes): never a scroll bar."""
        rows = max(1, model.rowCount())
        header = max(view.horizontalHeader().height(), view.horizontalHeader().sizeHint().height())
        view.setFixedHeight(header + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth() + 2)

    model.modelReset.connect(fit)
    fit()
    return view, model
