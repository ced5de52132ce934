"""One input widget per protocol field type (date, yes/no, whole number, choice, quantity).

Each exposes the same small interface: `value()` (what the assessment JSON holds, None when
blank), `set_value()`, `changed`, `set_problem()` and `set_read_only()`; each has an objectName
from the field path (`labs.platelets` → `lab_platelets`) and an accessibleName from its label.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from nkdesk.rules import assessment, vitals
from nkdesk.rules.errors import InputError
from nkdesk.rules.protocol import FieldSpec
from nkdesk.ui import words
from nkdesk.ui.quantity_field import ERROR_STYLE, QuantityField
from nkdesk.ui.rules_validator import RulesValidator


def object_name(path: str) -> str:
    """`labs.platelets` → `lab_platelets`, `ctc_count` → `ctc_count`."""
    return path.replace("labs.", "lab_").replace(".", "_")


class _Input(QWidget):
    changed = Signal()

    def __init__(self, spec: FieldSpec, editor: QWidget, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.editor = editor
        editor.setObjectName(object_name(spec.path))
        editor.setAccessibleName(spec.label)
        if spec.help:
            editor.setToolTip(spec.help)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(editor)
        layout.addWidget(self.problem, 1)
        layout.addStretch(0)

    def set_problem(self, message: str | None) -> None:
        sheet = ERROR_STYLE.replace("QLineEdit", type(self.editor).__name__) if message else ""
        if sheet != self.editor.styleSheet():   # setting a sheet re-polishes, even the same one
            self.editor.setStyleSheet(sheet)
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    def focus_widget(self) -> QWidget:
        return self.editor


class ComboInput(_Input):
    """Yes/no or a choice: "—" means not yet known (the engine then reports it missing)."""

    def __init__(self, spec: FieldSpec, parent=None):
        combo = QComboBox()
        # Item data are strings: PySide6 mis-counts references to None/bool stored in a QVariant
        # (the process aborts at exit with "deallocating None"), so values map through _options.
        self._options = [None] + ([True, False] if spec.type == "boolean" else list(spec.choices))
        labels = ["—"] + ([self.tr("Yes"), self.tr("No")] if spec.type == "boolean"
                          else [words.choice(spec.path, c) for c in spec.choices])
        for index, label in enumerate(labels):
            combo.addItem(label, str(index))
        combo.setMinimumWidth(110)
        super().__init__(spec, combo, parent)
        combo.currentIndexChanged.connect(self.changed)

    def value(self):
        return self._options[max(self.editor.currentIndex(), 0)]

    def set_value(self, value) -> None:
        matches = [i for i, option in enumerate(self._options) if option is not None and option == value
                   and type(option) is type(value)]
        self.editor.setCurrentIndex(matches[0] if matches else 0)

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setEnabled(not read_only)


class TextInput(_Input):
    """A date (ISO) or a whole number typed as text; validation beyond shape is the rules' job."""

    def __init__(self, spec: FieldSpec, parent=None):
        line = QLineEdit()
        line.setMaximumWidth(160)
        line.setPlaceholderText("YYYY-MM-DD" if spec.type == "date" else self.tr("number"))
        # the rules judge the text; Qt's validators ate keystrokes (a 5 typed where 0-4 fit vanished)
        line.setValidator(RulesValidator(lambda text: assessment.parse_value(spec, self._typed(text), typed=True),
                                         line))
        super().__init__(spec, line, parent)
        line.textChanged.connect(self.changed)

    def value(self):
        text = self.editor.text().strip()
        return self._typed(text) if text else None

    def _typed(self, text: str):
        """What the assessment JSON holds for this text: a whole number as an int, else the text."""
        if self.spec.type == "integer":
            try:
                return vitals.whole_number(text, self.spec.path)
            except InputError:
                return text.strip()  # the rules will say what is wrong with it
        return text.strip()

    def set_value(self, value) -> None:
        self.editor.setText("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)


class QuantityInput(QWidget):
    """Adapter giving QuantityField the common interface."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, default_unit: str | None = None, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.field = QuantityField(object_name(spec.path), spec.label, spec.analyte, default_unit, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        self.field.changed.connect(self.changed)
        if spec.help:
            self.field.value.setToolTip(spec.help)

    def value(self):
        return self.field.text() or None

    def set_value(self, value) -> None:
        self.field.set_text(value or "")

    def set_problem(self, message: str | None) -> None:
        self.field.set_problem(message)

    def show_converted(self, value: float | None) -> None:
        self.field.show_converted(value)

    def set_read_only(self, read_only: bool) -> None:
        self.field.set_read_only(read_only)

    def focus_widget(self) -> QWidget:
        return self.field.value


def make_input(spec: FieldSpec, lab_units: dict[str, str] | None = None):
    if spec.type == "quantity":
        return QuantityInput(spec, (lab_units or {}).get(spec.analyte))
    if spec.type in ("boolean", "choice"):
        return ComboInput(spec)
    return TextInput(spec)
