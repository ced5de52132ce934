"""A date-and-time typed as text ("2026-12-22 14:30"): quick to key in, no spin boxes to fight."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit

FORMAT = "%Y-%m-%d %H:%M"
ERROR_STYLE = "QLineEdit { border: 2px solid #b71c1c; background: #ffebee; }"


class WhenField(QLineEdit):
    def __init__(self, name: str, accessible_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText("YYYY-MM-DD hh:mm")
        self.setMinimumWidth(170)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9: -]{0,16}"), self))
        self.textChanged.connect(lambda: self.setStyleSheet("" if self.valid() else ERROR_STYLE))

    def when(self) -> datetime | None:
        """The typed moment, or None when blank or not yet a whole date and time."""
        try:
            return datetime.strptime(self.text().strip(), FORMAT)
        except ValueError:
            return None

    def valid(self) -> bool:
        return not self.text().strip() or self.when() is not None

    def set_when(self, when: datetime | None) -> None:
        self.setText(when.strftime(FORMAT) if when else "")
