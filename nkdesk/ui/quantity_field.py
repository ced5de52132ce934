"""A lab or body-measurement input: a number, a unit chosen from those that make sense, the value
converted to the unit the rules use, and a red message for an implausible or impossible value.

The number box is judged by the same parser as the CLI (`units.parse` of the number and the chosen
unit, through `RulesValidator`): what is typed is never eaten, cut or rewritten, and a slip such as
`45,5` shows the rules' message in the field's own label (`<name>_problem`) at once. The page's own
messages (from the same rules) are shown there when the number itself is fine.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from nkdesk.rules import analytes, units
from nkdesk.rules.errors import InputError
from nkdesk.rules.units import display_unit
from nkdesk.ui.rules_validator import RulesValidator

ERROR_STYLE = "QLineEdit { border: 2px solid #c62828; background: #ffebee; }"


class QuantityField(QWidget):
    """Number + unit for one analyte. `text()` is what the rules parse, e.g. "12.3 10^4/uL"."""

    changed = Signal()

    def __init__(self, name: str, label: str, analyte: str, default_unit: str | None = None, parent=None):
        super().__init__(parent)
        spec = analytes.find(analyte)
        self.analyte = spec
        self.value = QLineEdit(self)
        self.value.setObjectName(f"{name}_value")
        self.value.setAccessibleName(self.tr("{0} value").format(label))
        self.value.setPlaceholderText(self.tr("number"))
        self.validator = RulesValidator(self._check, self.value)
        self.value.setValidator(self.validator)
        self._page_problem: str | None = None
        self._keeps_place = False
        self.value.setMinimumWidth(80)
        self.value.setMaximumWidth(130)
        self.unit = QComboBox(self)
        self.unit.setObjectName(f"{name}_unit")
        self.unit.setAccessibleName(self.tr("{0} unit").format(label))
        # wide enough for 7 characters of the current font (×10⁴/µL, mmol/L), so it grows with
        # "Larger text": a fixed 112 px clipped "×10⁴/µL" at 1.5×; every unit box the same width
        self.unit.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(7)
        for unit in spec.units:
            self.unit.addItem(display_unit(unit), unit)
        if default_unit and default_unit in spec.units:
            self.unit.setCurrentIndex(spec.units.index(default_unit))
        self.converted = QLabel(self)
        self.converted.setObjectName(f"{name}_converted")
        self.converted.setMinimumWidth(110)
        self.problem = QLabel(self)
        self.problem.setObjectName(f"{name}_problem")
        self.problem.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.value)
        row.addWidget(self.unit)
        row.addWidget(self.converted)
        row.addStretch(1)
        # the message under the number, full width: a slip's words must be readable, not a narrow column
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        # the field's own check first, so the page reading it on `changed` finds the message shown
        self.value.textChanged.connect(self._show_problem)
        self.unit.currentIndexChanged.connect(self._show_problem)
        self.value.textChanged.connect(self.changed)
        self.unit.currentIndexChanged.connect(self.changed)

    def keep_place(self) -> QLabel:
        """For a page of rows (the Labs entry): the field keeps its size whatever it shows — the number
        box sized from the font, not from its frame — and its message label is handed to the page
        (returned), to be placed in a space the page reserves, so no row moves as messages come."""
        self._keeps_place = True
        self.layout().removeWidget(self.problem)
        self._fix_size()
        return self.problem

    def _fix_size(self) -> None:
        style = self.value.styleSheet()
        self.value.setStyleSheet("")              # measured without the red frame of a problem
        self.value.setMinimumSize(0, 0)
        self.value.setMaximumSize(16777215, 16777215)
        hint = self.value.sizeHint()
        self.value.setFixedSize(max(80, min(130, hint.width())), hint.height())
        self.value.setStyleSheet(style)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange and self._keeps_place:
            self._fix_size()                      # "Larger text": the box grows with the font
        super().changeEvent(event)

    def _check(self, number: str) -> None:
        units.parse(f"{number} {self.unit.currentData()}", field=self.value.objectName(), analyte=self.analyte.name)

    def number_problem(self) -> str | None:
        """What is wrong with the number as typed (the rules' words), or None."""
        return self.validator.problem_for(self.value.text())

    def text(self) -> str:
        """The entry as text with its unit, or "" when nothing is typed."""
        number = self.value.text().strip()
        return f"{number} {self.unit.currentData()}" if number else ""

    def set_text(self, text: str) -> None:
        """Show a stored value ("15.2 10^4/uL"): the number, and the unit if it is one of ours."""
        try:
            number, unit = units.split(text)
        except InputError:  # not a quantity (an old draft): shown whole, and its problem with it
            number, _, unit = text.strip().partition(" ")
        index = self.unit.findData(unit.strip())
        if index < 0 and unit.strip():
            self.unit.addItem(display_unit(unit.strip()), unit.strip())
            index = self.unit.count() - 1
        if index >= 0:
            self.unit.setCurrentIndex(index)
        self.value.setText(number)

    def show_converted(self, value: float | None) -> None:
        if value is None:
            self.converted.clear()
        else:
            self.converted.setText(f"= {value:.4g} {display_unit(self.analyte.canonical)}")

    def set_problem(self, message: str | None) -> None:
        """The page's message (from the rules); the number's own problem, if any, is shown first."""
        self._page_problem = message
        self._show_problem()

    def _show_problem(self, *_) -> None:
        message = self.number_problem() or self._page_problem
        sheet = ERROR_STYLE if message else ""
        if sheet != self.value.styleSheet():   # setting a sheet re-polishes, even the same one
            self.value.setStyleSheet(sheet)
        self.problem.setText(message or "")
        self.problem.setToolTip(message or "")     # whole, where the page cuts it (keep_place)
        self.problem.setVisible(bool(message))
        if message:
            self.converted.clear()

    def set_read_only(self, read_only: bool) -> None:
        self.value.setReadOnly(read_only)
        self.unit.setEnabled(not read_only)
