"""One row of the vital-signs grid: its editors, what they hold as a VitalSigns, and the colours
and words the rules' verdict gives each cell. The grid (vitals_grid.py) owns navigation, saving
and alerts; every judgement here is `nkdesk.rules.vitals` (absolute, critical, normal limits)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from nkdesk.rules import units, vitals
from nkdesk.rules.errors import InputError
from nkdesk.ui import messages
from nkdesk.ui.rules_validator import RulesValidator
from nkdesk.ui.vitals_layout import CompactCombo, reason_words, set_look
from nkdesk.ui.words import oxygen_device as device_words

# Editor order along a row = Tab/Enter order. Limit names are those of vitals.DEFAULT_VITAL_LIMITS.
FIELDS = ("time", "systolic", "diastolic", "pulse", "resp_rate", "temperature", "temperature_unit", "spo2",
          "oxygen_device", "o2_flow", "vasopressors", "vasopressin", "acvpu", "reason")
# The grid's columns: every field but the free-text reason, which is a line of its own under its set
# (shown when a reason is needed or typed), so every column fits beside the patient list (issue 16).
COLUMNS = tuple(name for name in FIELDS if name != "reason")
INTEGERS = {"systolic": "systolic_mmhg", "diastolic": "diastolic_mmhg", "pulse": "pulse_per_min",
            "resp_rate": "resp_rate_per_min", "spo2": "spo2_pct", "vasopressors": "vasopressors"}
LIMIT_TO_FIELD = {**{v: k for k, v in INTEGERS.items()}, "temperature_c": "temperature",
                  "o2_flow_l_min": "o2_flow", "acvpu": "acvpu", "supplemental_oxygen": "oxygen_device"}
MEASURED = ("systolic", "diastolic", "pulse", "resp_rate", "temperature", "spo2", "o2_flow", "vasopressors")
REQUIRED = ("systolic", "diastolic", "pulse", "resp_rate", "temperature", "spo2", "acvpu")
_TIME_PATTERN = r"([01]?\d|2[0-3])(:?[0-5]?\d?)?"


@dataclass
class RowState:
    """What a row holds now, as the rules see it."""

    vitals: vitals.VitalSigns | None = None
    assessment: vitals.VitalAssessment | None = None
    errors: dict[str, str] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    touched: bool = False

    @property
    def complete(self) -> bool:
        return self.touched and not self.errors and not self.missing and self.assessment is not None


class VitalsRow(QObject):
    """The editors of one set of observations, placed on one line of the grid's layout (`grid_row`),
    and its reason on the line under it (`grid_row` + 1), hidden while no reason is needed or typed."""

    def __init__(self, index: int, key: str, label: str, offset_min: int | None, container: QWidget,
                 layout: QGridLayout, grid_row: int, extra: bool = False):
        super().__init__(container)
        self.index, self.key, self.label, self.offset_min, self.extra = index, key, label, offset_min, extra
        self.saved: vitals.VitalSigns | None = None      # what the owner has (after row_completed or load)
        self.saved_reason = ""
        self.acknowledged: tuple[str, datetime] | None = None
        self.heading = QLabel(container)
        self.heading.setWordWrap(True)     # at the narrowest, "4 h" and its due time take two lines
        self.heading.setObjectName(f"vitals_r{index}_label")
        self.heading.setTextFormat(Qt.RichText)
        words = self.field_words()
        self.editors: dict[str, QWidget] = {}
        for name in FIELDS:
            editor = self._make_editor(name, container)
            editor.setObjectName(f"vitals_r{index}_{name}")
            editor.setAccessibleName(f"{label} {words[name]}")
            self.editors[name] = editor
        for column, name in enumerate(COLUMNS):
            layout.addWidget(self.editors[name], grid_row, column + 1)
        self.news2 = QLabel(container)
        self.news2.setWordWrap(True)
        self.news2.setObjectName(f"vitals_r{index}_news2")
        self.news2.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.heading, grid_row, 0)
        layout.addWidget(self.news2, grid_row, len(COLUMNS) + 1)
        # the reason: a line under the set, from the first value to NEWS2, its label in the name column
        reason = self.editors["reason"]
        words_label, whole = reason_words()
        self.reason_label = QLabel(words_label, container)
        self.reason_label.setObjectName(f"vitals_r{index}_reason_label")
        self.reason_label.setToolTip(whole)
        self.reason_label.setBuddy(reason)
        self.reason_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        layout.addWidget(self.reason_label, grid_row + 1, 0)
        layout.addWidget(reason, grid_row + 1, 1, 1, len(COLUMNS) + 1)
        reason.setMinimumWidth(0)
        reason.setEnabled(False)
        reason.installEventFilter(self)          # enabled or disabled: the line shows or hides
        reason.textChanged.connect(self.show_reason_line)
        self.show_reason_line()
        self.editors["o2_flow"].setEnabled(False)
        self.editors["oxygen_device"].currentIndexChanged.connect(self._on_device_changed)

    def reason_shown(self) -> bool:
        """The reason line is shown while a reason is needed (its editor enabled) or one is typed."""
        reason = self.editors["reason"]
        return reason.isEnabled() or bool(reason.text())

    def show_reason_line(self) -> None:
        shown = self.reason_shown()
        for widget in (self.editors["reason"], self.reason_label):
            if widget.isHidden() == shown:
                widget.setVisible(shown)

    def show_cells(self) -> None:
        """Every cell of a row added to a grid already shown, at once (the reason line as it should be)."""
        for widget in (self.heading, self.news2, *(self.editors[name] for name in COLUMNS)):
            widget.show()
        self.show_reason_line()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.EnabledChange and watched is self.editors["reason"]:
            self.show_reason_line()
        return super().eventFilter(watched, event)

    def set_widths(self, widths: dict[str, int]) -> None:
        """Every cell of the row at the width the grid measured for its column (vitals_layout.fit);
        the reason line spans the columns."""
        cells = (("heading", self.heading), *((name, self.editors[name]) for name in COLUMNS), ("news2", self.news2))
        for name, widget in cells:
            if widget.width() != widths[name] or widget.minimumWidth() != widths[name]:
                widget.setFixedWidth(widths[name])
        self.fit_heading()

    def fit_heading(self) -> None:
        """The row is as tall as its name and status need (an acknowledgement's name was cut off)."""
        height = self.heading.heightForWidth(self.heading.width())
        if height > 0 and self.heading.minimumHeight() != height:
            self.heading.setMinimumHeight(height)

    def field_words(self) -> dict[str, str]:
        """Each field in words (accessible names, what a row still lacks)."""
        return {"time": self.tr("time measured"), "systolic": self.tr("systolic blood pressure"),
                "diastolic": self.tr("diastolic blood pressure"), "pulse": self.tr("pulse"),
                "resp_rate": self.tr("respiratory rate"), "temperature": self.tr("temperature"),
                "temperature_unit": self.tr("temperature unit"), "spo2": self.tr("oxygen saturation SpO2"),
                "oxygen_device": self.tr("oxygen device"), "o2_flow": self.tr("oxygen flow litres per minute"),
                "vasopressors": self.tr("number of vasopressors"),
                "vasopressin": self.tr("vasopressin running"), "acvpu": self.tr("consciousness ACVPU"),
                "reason": self.tr("reason")}

    def _make_editor(self, name: str, parent: QWidget) -> QWidget:
        if name == "temperature_unit":
            combo = QComboBox(parent)
            combo.addItem("°C", "degC")
            combo.addItem("°F", "degF")
            # out of the Tab/Enter order: digits typed into it after the temperature were lost (ward
            # walk); a unit typed with the temperature ("98.6 degF") is read as typed
            combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            combo.setToolTip(self.tr("Temperature unit: click to change, or type the unit with the value "
                                     "(98.6 degF)"))
            return combo
        if name == "oxygen_device":
            # "Air" whole at the least width (beside the patient list); wider, "Venturi" whole; a longer
            # device elided in the closed box, its whole words in the tooltip and the list
            combo = CompactCombo(self.tr("Venturi"), parent, least=self.tr("Air"))
            combo.addItem(self.tr("Air"), "")       # string keys: see field_inputs.ComboInput
            for key in vitals.OXYGEN_DEVICES:
                combo.addItem(device_words(key), key)
            return combo
        if name == "vasopressin":
            combo = QComboBox(parent)
            combo.addItem(self.tr("No"), "")
            combo.addItem(self.tr("Yes"), "yes")
            return combo
        if name == "acvpu":
            # narrow (beside the patient list): the letter alone, its words in the tooltip and the list
            combo = CompactCombo(self.tr("A  Alert"), parent, short=lambda key: key or "—")
            for key, words in (("", "—"), ("A", self.tr("A  Alert")), ("C", self.tr("C  New confusion")),
                               ("V", self.tr("V  Voice")), ("P", self.tr("P  Pain")),
                               ("U", self.tr("U  Unresponsive"))):
                combo.addItem(words, key)
            return combo
        line = QLineEdit(parent)
        line.setAlignment(Qt.AlignRight if name not in ("reason", "time") else Qt.AlignLeft)
        if name == "time":
            line.setValidator(QRegularExpressionValidator(QRegularExpression(_TIME_PATTERN), line))
        elif name != "reason":
            # the rules' grammar, never a pattern that eats keystrokes (\d{0,3} made 1200 into 120)
            line.setValidator(RulesValidator(lambda text, n=name: self._value(n, text), line))
        if name == "time":
            line.setPlaceholderText("hh:mm")
        if name == "vasopressors":
            line.setPlaceholderText("0")
        return line

    def _on_device_changed(self, _index: int) -> None:
        on_oxygen = bool(self.editors["oxygen_device"].currentData())
        self.editors["o2_flow"].setEnabled(on_oxygen)
        if not on_oxygen:
            self.editors["o2_flow"].clear()

    # -------------------------------------------------------------- reading

    def text(self, name: str) -> str:
        editor = self.editors[name]
        return editor.currentData() if isinstance(editor, QComboBox) else editor.text().strip()

    def touched(self) -> bool:
        return (any(self.text(n) for n in MEASURED) or bool(self.text("acvpu")) or bool(self.text("oxygen_device"))
                or bool(self.text("vasopressin")))

    def typed(self) -> dict[str, str]:
        """What the row holds, field by field, as typed (a draft's payload; combos by their key)."""
        return {name: self.text(name) for name in FIELDS}

    def restore(self, typed: dict[str, str]) -> None:
        """Put a draft back into the editors, as typed (signals on: the grid re-reads the row)."""
        for name in FIELDS:
            text = str(typed.get(name, "") or "")
            editor = self.editors[name]
            if isinstance(editor, QComboBox):
                index = editor.findData(text)
                editor.setCurrentIndex(index if index >= 0 else 0)
            else:
                editor.setText(text)

    def measured_at(self, reference: datetime) -> datetime | None:
        """The typed clock time on the day nearest `reference` (a set after midnight is the next day)."""
        text = self.text("time").replace(":", "")
        if len(text) < 3:
            return None
        hours, minutes = int(text[:-2]), int(text[-2:])
        if hours > 23 or minutes > 59:
            return None
        moment = reference.replace(hour=hours, minute=minutes, second=0, microsecond=0)
        if moment - reference > timedelta(hours=12):
            moment -= timedelta(days=1)
        elif reference - moment > timedelta(hours=12):
            moment += timedelta(days=1)
        return moment

    def read(self, site_limits, reference: datetime, start: datetime | None) -> RowState:
        """The set as typed, each value checked alone against the absolute limits, then assessed."""
        state = RowState(touched=self.touched())
        values: dict = {}
        for name, limit in INTEGERS.items():
            if self.text(name):
                self._accept(state, values, name, limit, lambda n=name: self._value(n, self.text(n)), site_limits)
        if self.text("temperature"):
            self._accept(state, values, "temperature", "temperature",
                         lambda: self._value("temperature", self.text("temperature")), site_limits)
        device = self.text("oxygen_device") or None
        flow = self.text("o2_flow")
        self._accept(state, values, "o2_flow", "oxygen",
                     lambda: vitals.Oxygen(device, self._value("o2_flow", flow) if flow and device else None),
                     site_limits)
        if self.text("acvpu"):
            values["acvpu"] = self.text("acvpu")
        values.setdefault("vasopressors", 0)
        values["vasopressin"] = self.text("vasopressin") == "yes"
        when = self.measured_at(reference)
        offset = self.offset_min
        if self.extra and when is not None and start is not None:
            offset = int((when - start).total_seconds() // 60)
        state.vitals = vitals.VitalSigns(**values, time_point_min=offset, measured_at=when)
        state.assessment = vitals.assess(state.vitals, site_limits)
        state.missing = tuple(n for n in REQUIRED if not self.text(n) and n not in state.errors)
        if when is None and state.touched:
            state.missing += ("time",)
        return state

    def _value(self, name: str, text: str):
        """One editor's text as the rules read it (InputError with their words when they cannot)."""
        if name == "temperature":
            # the unit box's unit only when none was typed ("37.5 C" is refused as typed, naming 'C')
            typed_unit = bool(text.strip()) and not text.strip()[-1].isdigit()
            return units.parse(text if typed_unit else f"{text} {self.text('temperature_unit')}",
                               field="temperature", analyte="temperature")
        if name == "o2_flow":
            return units.number(text, "o2_flow_l_min")
        return vitals.whole_number(text, INTEGERS[name])

    def _accept(self, state: RowState, values: dict, name: str, key: str, make, site_limits) -> None:
        try:
            value = make()
            vitals.assess(vitals.VitalSigns(**{key: value}), site_limits)
        except InputError as exc:
            state.errors[name] = messages.problem_sentence(exc)
            return
        except ValueError:
            state.errors[name] = self.tr("not a number")
            return
        values[key] = value

    # -------------------------------------------------------------- showing

    def show_state(self, state: RowState) -> None:
        tiers, rules = {}, {}
        if state.assessment is not None:
            for finding in state.assessment.findings:
                tiers[LIMIT_TO_FIELD[finding.name]] = finding.tier
                rules[LIMIT_TO_FIELD[finding.name]] = messages.finding_rule(state.assessment, finding)   # issue 13
        for name in FIELDS:
            editor = self.editors[name]
            tier = "error" if name in state.errors else tiers.get(name, "normal")
            set_look(editor, "tier", "" if tier == "normal" else tier)
            if name == "reason":
                editor.setToolTip(editor.text())       # a long reason is cut off in the cell
                continue
            editor.setToolTip(state.errors.get(name) or rules.get(name) or {
                "critical": self.tr("Critical value: alert"),
                "abnormal": self.tr("Outside normal limits: give a reason")}.get(tier, ""))

    def fill(self, signs: vitals.VitalSigns) -> None:
        """Show a stored set in the editors (signals blocked: nothing is re-saved)."""
        values = {"systolic": signs.systolic_mmhg, "diastolic": signs.diastolic_mmhg, "pulse": signs.pulse_per_min,
                  "resp_rate": signs.resp_rate_per_min, "spo2": signs.spo2_pct, "vasopressors": signs.vasopressors,
                  "o2_flow": signs.oxygen.flow_l_min}
        for editor in self.editors.values():
            editor.blockSignals(True)
        for name, value in values.items():
            self.editors[name].setText("" if value is None else f"{value:g}")
        if signs.temperature is not None:
            self.editors["temperature"].setText(f"{signs.temperature.magnitude:g}")
            self._choose("temperature_unit", signs.temperature.unit)
        self._choose("oxygen_device", signs.oxygen.device or "")
        self.editors["o2_flow"].setEnabled(signs.oxygen.on_oxygen)
        self._choose("acvpu", (signs.acvpu or "").upper())
        self._choose("vasopressin", "yes" if signs.vasopressin else "")
        if signs.measured_at is not None:
            self.editors["time"].setText(signs.measured_at.strftime("%H:%M"))
        for editor in self.editors.values():
            editor.blockSignals(False)

    def _choose(self, name: str, key: str) -> None:
        combo = self.editors[name]
        combo.setCurrentIndex(max(0, combo.findData(key)))


@dataclass(frozen=True)
class VitalsRecord:
    """A saved set handed to `load`: its row key, the set, its reason, who acknowledged its alert."""

    key: str
    vitals: vitals.VitalSigns
    reason: str = ""
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None


def short_label(offset_min: int) -> str:
    """The row's name on the grid and in its cells' accessible names: "Pre-infusion", "15 min", "1 h"."""
    # QCoreApplication.translate spelled out: lupdate reads a local alias `tr(a, b)` as tr(source, comment)
    if offset_min <= 0:
        return QCoreApplication.translate("VitalsGrid", "Pre-infusion")
    if offset_min % 60 == 0:
        return QCoreApplication.translate("VitalsGrid", "{0} h").format(offset_min // 60)
    return QCoreApplication.translate("VitalsGrid", "{0} min").format(offset_min)


def same_set(a: vitals.VitalSigns, b: vitals.VitalSigns) -> bool:
    """The same observations (the schedule offset aside; temperature with its unit as entered)."""
    def temperature(s):
        return None if s.temperature is None else (s.temperature.magnitude, s.temperature.unit)
    return (a.values() == b.values() and a.oxygen == b.oxygen and temperature(a) == temperature(b)
            and (a.acvpu or "").upper() == (b.acvpu or "").upper() and a.measured_at == b.measured_at)
