"""A red banner of critical vital-sign alerts, one line per set, each with its Acknowledge button.

An alert stays on the banner until its owner says a named user acknowledged it (`clear`); the
banner never clears itself. Words and colour both: "ALERT" leads every line. "Acknowledge…" opens,
under the line, what the acknowledgement records (issue 14): who was informed, the action taken
(NEWS2's clinical response for the set is offered, RCP 2017 Chart 4) and when it was taken; "Record"
hands those words to the owner (`acknowledge_clicked`), who saves them with the service.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from nkdesk.ui.style import relative_font

BANNER_STYLE = ("QFrame#vitals_alerts { background: #b71c1c; border-radius: 4px; }"
                "QFrame#vitals_alerts QLabel { color: white; font-weight: bold; }"
                "QFrame#vitals_alerts QPushButton { background: white; color: #b71c1c; font-weight: bold; }")


class AlertBanner(QFrame):
    acknowledge_clicked = Signal(str, str, str, str)   # row key, who was informed, action taken, time "HH:MM"

    def __init__(self, parent=None, now: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self._now = now
        self._responses: dict[str, str] = {}
        self.setObjectName("vitals_alerts")
        self.setAccessibleName(self.tr("Critical vital-sign alerts"))
        self.setStyleSheet(BANNER_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._lines: dict[str, QWidget] = {}
        self.hide()

    def show_alert(self, key: str, text: str, response: str = "") -> None:
        """Show (or replace) the alert line of one set; `response` is NEWS2's clinical response for it."""
        self.clear(key)
        self._responses[key] = response
        line = QWidget(self)
        outer = QVBoxLayout(line)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        outer.addLayout(layout)
        label = QLabel(text, line)
        label.setObjectName(f"vitals_alert_{key}")
        label.setWordWrap(True)
        label.setTextFormat(Qt.PlainText)
        relative_font(label, 12 / 11)   # a little larger than the base at every text size
        button = QPushButton(self.tr("Acknowledge…"), line)
        button.setObjectName(f"vitals_ack_{key}")
        button.setAccessibleName(self.tr("Acknowledge alert: {0}").format(text))
        button.clicked.connect(lambda: self._open_form(key))
        layout.addWidget(label, 1)
        layout.addWidget(button)
        self._layout.addWidget(line)
        self._lines[key] = line
        self.show()

    def _open_form(self, key: str) -> None:
        """What was done, under the alert's line: who was informed, the action, its time, Record."""
        line = self._lines.get(key)
        if line is None:
            return
        if line.findChild(QWidget, f"vitals_ack_{key}_form") is not None:
            line.findChild(QComboBox, f"vitals_ack_{key}_informed").setFocus()
            return
        form = QWidget(line)
        form.setObjectName(f"vitals_ack_{key}_form")
        row = QHBoxLayout(form)
        row.setContentsMargins(0, 2, 0, 2)
        informed = QComboBox(form)
        informed.setEditable(True)
        informed.addItems(["", self.tr("Doctor on duty"), self.tr("Investigator"), self.tr("Nurse in charge"),
                           self.tr("Rapid response team")])
        informed.setObjectName(f"vitals_ack_{key}_informed")
        informed.setAccessibleName(self.tr("Who was informed"))
        informed.lineEdit().setPlaceholderText(self.tr("who was informed"))
        informed.setMinimumWidth(170)
        action = QLineEdit(form)
        action.setObjectName(f"vitals_ack_{key}_action")
        action.setAccessibleName(self.tr("Action taken"))
        action.setPlaceholderText(self.tr("action taken"))
        offer = QPushButton(self.tr("NEWS2 response"), form)
        offer.setObjectName(f"vitals_ack_{key}_news2")
        offer.setAccessibleName(self.tr("Use the NEWS2 clinical response as the action"))
        response = self._responses.get(key, "")
        offer.setToolTip(self.tr("RCP 2017, NEWS2 Chart 4: {0}").format(response))
        offer.setEnabled(bool(response))
        offer.clicked.connect(lambda: (action.setText(response), action.setCursorPosition(0)))
        when = QLineEdit(self._now().strftime("%H:%M"), form)
        when.setObjectName(f"vitals_ack_{key}_time")
        when.setAccessibleName(self.tr("Time the action was taken"))
        when.setValidator(QRegularExpressionValidator(QRegularExpression(r"([01]?\d|2[0-3]):?[0-5]\d"), when))
        when.setFixedWidth(64)
        record = QPushButton(self.tr("Record"), form)
        record.setObjectName(f"vitals_ack_{key}_record")
        record.setAccessibleName(self.tr("Record the acknowledgement"))
        record.clicked.connect(lambda: self.acknowledge_clicked.emit(key, informed.currentText().strip(),
                                                                     action.text().strip(), when.text().strip()))
        for widget, stretch in ((informed, 0), (action, 1), (offer, 0), (when, 0), (record, 0)):
            row.addWidget(widget, stretch)
        line.layout().addWidget(form)
        informed.setFocus()

    def clear(self, key: str) -> None:
        line = self._lines.pop(key, None)
        self._responses.pop(key, None)
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
