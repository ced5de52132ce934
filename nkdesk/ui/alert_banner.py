"""A red banner of critical vital-sign alerts, one line per set, each with its Acknowledge button.

An alert stays on the banner until its owner says a named user acknowledged it (`clear`); the
banner never clears itself. Words and colour both: "ALERT" leads every line.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

BANNER_STYLE = ("QFrame#vitals_alerts { background: #b71c1c; border-radius: 4px; }"
                "QFrame#vitals_alerts QLabel { color: white; font-weight: bold; font-size: 12pt; }"
                "QFrame#vitals_alerts QPushButton { background: white; color: #b71c1c; font-weight: bold; }")


class AlertBanner(QFrame):
    acknowledge_clicked = Signal(str)      # the row key

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("vitals_alerts")
        self.setAccessibleName(self.tr("Critical vital-sign alerts"))
        self.setStyleSheet(BANNER_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._lines: dict[str, QWidget] = {}
        self.hide()

    def show_alert(self, key: str, text: str) -> None:
        """Show (or replace) the alert line of one set."""
        self.clear(key)
        line = QWidget(self)
        layout = QHBoxLayout(line)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text, line)
        label.setObjectName(f"vitals_alert_{key}")
        label.setWordWrap(True)
        label.setTextFormat(Qt.PlainText)
        button = QPushButton(self.tr("Acknowledge…"), line)
        button.setObjectName(f"vitals_ack_{key}")
        button.setAccessibleName(self.tr("Acknowledge alert: {0}").format(text))
        button.clicked.connect(lambda: self.acknowledge_clicked.emit(key))
        layout.addWidget(label, 1)
        layout.addWidget(button)
        self._layout.addWidget(line)
        self._lines[key] = line
        self.show()

    def clear(self, key: str) -> None:
        line = self._lines.pop(key, None)
        if line is not None:
            line.hide()
            line.deleteLater()
        self.setVisible(bool(self._lines))

    def keys(self) -> list[str]:
        return list(self._lines)

    def shows(self, key: str) -> bool:
        return key in self._lines

    def text_of(self, key: str) -> str:
        line = self._lines.get(key)
        return line.findChild(QLabel).text() if line is not None else ""
