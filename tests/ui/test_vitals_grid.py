"""The vital-signs grid, driven by keyboard as a nurse would: Tab/Enter along a row, alerts, NEWS2."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton

from nkdesk.rules import protocol, units, vitals
from nkdesk.ui.vitals_grid import VitalsGrid, VitalsRecord

START = datetime(2026, 12, 22, 10, 0)
NOW = START + timedelta(minutes=16)


@pytest.fixture
def grid(qtbot):
    widget = VitalsGrid(vitals.time_points(protocol.load()), infusion_start=START, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1366, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def focused():
    return QApplication.focusWidget()


def painted(cell) -> str:
    """The background a cell is painted with (left of its right-aligned value, inside the border)."""
    return cell.grab().toImage().pixelColor(6, cell.height() // 2).name()


def type_set(qtbot, grid, row: int, values: list[str], reason: str = "") -> None:
    """Type one set the way a nurse does: click the row's time, then Tab through the fields.

    `values` follow the grid's order after the time: systolic, diastolic, pulse, resp. rate,
    temperature, unit ("F" or ""), SpO2, oxygen device ("" = air, else the device's first
    letters), flow (only when on oxygen), vasopressors, (vasopressin left at "No"), ACVPU letter.
    Enter after ACVPU, then the reason (if the row asks for one) and Enter again. The °C/°F box is
    not in the Tab order: a Fahrenheit value is typed with its unit ("102.6 degF").
    """
    values = list(values)
    unit = values.pop(5)
    if unit == "F":
        values[4] += " degF"
    qtbot.mouseClick(grid.findChild(QLineEdit, f"vitals_r{row}_time"), Qt.LeftButton)
    assert focused().objectName() == f"vitals_r{row}_time"
    qtbot.keyClick(focused(), Qt.Key_Tab)             # the time defaults to now
    for text in values[:-1]:
        if text:
            qtbot.keyClicks(focused(), text)
        qtbot.keyClick(focused(), Qt.Key_Tab)
    assert focused().objectName() == f"vitals_r{row}_vasopressin"
    qtbot.keyClick(focused(), Qt.Key_Tab)             # vasopressin: "No" unless chosen
    qtbot.keyClicks(focused(), values[-1])            # the ACVPU letter selects A, C, V, P or U
    assert focused().objectName() == f"vitals_r{row}_acvpu"
    qtbot.keyClick(focused(), Qt.Key_Return)
    if reason:
        assert focused().objectName() == f"vitals_r{row}_reason"
        qtbot.keyClicks(focused(), reason)
        qtbot.keyClick(focused(), Qt.Key_Return)


def test_full_set_by_keyboard_with_one_critical_value_alerts_until_acknowledged(qtbot, grid):
    """A set typed with Tab/Enter is saved with its reason; its critical temperature stays on the
    banner until the owner records who acknowledged it, and the row then names that person."""
    saved, asked = [], []
    grid.row_completed.connect(lambda *args: saved.append(args))
    grid.acknowledge_requested.connect(lambda *args: asked.append(args))
    # 38.4 °C is critical (issue 5: temperature ≥ 38.0 °C alerts); pulse 96 is outside the normal 51–90.
    type_set(qtbot, grid, 1, ["118", "72", "96", "18", "38.4", "", "97", "", "", "A"], reason="shivering")
    assert focused().objectName() == "vitals_r2_time"   # Enter moved on to the next row
    assert len(saved) == 1
    key, signs, reason = saved[0]
    assert (key, reason) == ("tp15", "shivering")
    assert (signs.systolic_mmhg, signs.diastolic_mmhg, signs.pulse_per_min, signs.resp_rate_per_min,
            signs.spo2_pct, signs.acvpu, signs.vasopressors) == (118, 72, 96, 18, 97, "A", 0)
    assert (signs.temperature.magnitude, signs.temperature.unit) == (38.4, "degC")
    assert signs.measured_at == NOW.replace(second=0) and signs.time_point_min == 15
    alert = grid.findChild(QLabel, "vitals_alert_tp15")
    assert alert.isVisible() and "ALERT" in alert.text() and "Temperature 38.4" in alert.text()
    assert "ALERT" in grid.findChild(QLabel, "vitals_r1_label").text()

    qtbot.mouseClick(grid.findChild(QPushButton, "vitals_ack_tp15"), Qt.LeftButton)
    assert asked == []                                   # first, what was done (issue 14)
    informed = grid.findChild(QComboBox, "vitals_ack_tp15_informed")
    informed.setCurrentText("Dr Sato")
    qtbot.mouseClick(grid.findChild(QPushButton, "vitals_ack_tp15_news2"), Qt.LeftButton)
    action = grid.findChild(QLineEdit, "vitals_ack_tp15_action")
    # NEWS2 here: RR 18 → 0, SpO2 97 → 0, SBP 118 → 0, pulse 96 → 1, A → 0, 38.4 °C → 1 = 2, "low":
    # RCP 2017 Chart 4 for a score of 1–4: "Minimum 4–6 hourly"
    assert action.text().startswith("Minimum 4–6 hourly.")
    qtbot.mouseClick(grid.findChild(QPushButton, "vitals_ack_tp15_record"), Qt.LeftButton)
    assert asked == [("tp15", "Dr Sato", action.text(), NOW.strftime("%H:%M"))]
    assert grid.pending_alerts() == ["tp15"]             # clicking alone does not clear it

    grid.set_acknowledged("tp15", "Sato Hanako", datetime(2026, 12, 22, 10, 20))
    assert grid.pending_alerts() == [] and not grid.banner.isVisible()
    heading = grid.findChild(QLabel, "vitals_r1_label").text()
    assert "Sato Hanako" in heading and "10:20" in heading


# NEWS2 expected values are added up by hand from RCP 2017 (NEWS2), Chart 1, parameter by parameter:
# resp. rate ≤8:3 9–11:1 12–20:0 21–24:2 ≥25:3 | SpO2 scale 1 ≤91:3 92–93:2 94–95:1 ≥96:0 | oxygen 2, air 0 |
# systolic ≤90:3 91–100:2 101–110:1 111–219:0 ≥220:3 | pulse ≤40:3 41–50:1 51–90:0 91–110:1 111–130:2 ≥131:3 |
# consciousness A:0, C/V/P/U:3 | temperature ≤35.0:3 35.1–36.0:1 36.1–38.0:0 38.1–39.0:1 ≥39.1:2.
# Risk (Chart 3): 0–4 low; a single 3 → low–medium; 5–6 medium; ≥7 high.
@pytest.mark.parametrize(("values", "score", "band"), [
    # RR 18:0, SpO2 97:0, air:0, SBP 118:0, pulse 96:1, A:0, 38.4 °C:1
    (["118", "72", "96", "18", "38.4", "", "97", "", "", "A"], 1 + 1, "low"),
    # RR 8:3, SpO2 97:0, air:0, SBP 130:0, pulse 70:0, A:0, 36.8 °C:0 → a single 3
    (["130", "80", "70", "8", "36.8", "", "97", "", "", "A"], 3, "low–medium"),
    # RR 12:0, SpO2 96:0, air:0, SBP 101:1, pulse 50:1, C:3, 36.0 °C:1
    (["101", "60", "50", "12", "36.0", "", "96", "", "", "C"], 1 + 1 + 3 + 1, "medium"),
    # RR 23:2, SpO2 93:2, nasal cannula 2 L/min:2, SBP 105:1, pulse 112:2, A:0, 102.6 °F = 39.2 °C:2
    (["105", "64", "112", "23", "102.6", "F", "93", "N", "2", "", "A"], 2 + 2 + 2 + 1 + 2 + 0 + 2, "high"),
])
def test_news2_shown_matches_the_rcp_chart(qtbot, grid, values, score, band):
    """The NEWS2 score and band shown for a typed set are those of RCP 2017 Chart 1 and Chart 3."""
    type_set(qtbot, grid, 1, values, reason="checked twice")
    assert grid.findChild(QLabel, "vitals_r1_news2").text() == f"{score} · {band}"
    assert f"NEWS2 {score}" in grid.findChild(QLabel, "vitals_response").text()


@pytest.mark.parametrize(("field", "text", "words"), [
    ("pulse", "700", "impossible"),                 # issue 5's example of an impossible value
    ("temperature", "50", "outside the plausible range"),
])
def test_impossible_value_is_refused_in_red(qtbot, grid, field, text, words):
    """An impossible value turns its cell red with the message, and the row is not saved."""
    saved = []
    grid.row_completed.connect(lambda *args: saved.append(args))
    values = {"systolic": "120", "diastolic": "70", "pulse": "72", "resp_rate": "16", "temperature": "36.8",
              "spo2": "98"}
    values[field] = text
    for name, value in values.items():
        qtbot.keyClicks(grid.findChild(QLineEdit, f"vitals_r1_{name}"), value)
    grid.rows[1].editors["acvpu"].setCurrentIndex(1)
    cell = grid.findChild(QLineEdit, f"vitals_r1_{field}")
    assert painted(cell) == "#ffebee" and words in cell.toolTip()      # red: vitals_layout.BODY_STYLE
    assert words in grid.findChild(QLabel, "vitals_message").text()
    assert grid.findChild(QLabel, "vitals_r1_news2").text() == "refused"
    assert grid.commit_row(grid.rows[1]) == "refused" and saved == []


def test_unusual_values_need_a_reason_before_saving(qtbot, grid):
    """Amber values (outside normal, not critical) are saved only once a reason is given."""
    saved = []
    grid.row_completed.connect(lambda *args: saved.append(args))
    for name, value in {"systolic": "150", "diastolic": "70", "pulse": "72", "resp_rate": "16",
                        "temperature": "36.8", "spo2": "98"}.items():
        qtbot.keyClicks(grid.findChild(QLineEdit, f"vitals_r1_{name}"), value)
    grid.rows[1].editors["acvpu"].setCurrentIndex(1)
    systolic = grid.findChild(QLineEdit, "vitals_r1_systolic")
    assert painted(systolic) == "#ffe0b2"            # amber: above the normal 139 mmHg (JSH 2019)
    reason = grid.findChild(QLineEdit, "vitals_r1_reason")
    assert reason.isEnabled() and "Systolic BP" in reason.placeholderText()
    assert grid.commit_row(grid.rows[1]) == "reason_needed" and saved == []
    assert "reason" in grid.findChild(QLabel, "vitals_message").text()
    qtbot.keyClicks(reason, "white-coat; repeated 148")
    assert grid.commit_row(grid.rows[1]) == "saved"
    assert saved[0][2] == "white-coat; repeated 148" and grid.pending_alerts() == []


def _temp(text):
    return units.parse(text, field="temperature", analyte="temperature")


def _set(minutes, **change):
    values = dict(systolic_mmhg=124, diastolic_mmhg=76, pulse_per_min=80, resp_rate_per_min=16,
                  temperature=_temp("36.8 degC"), spo2_pct=98, acvpu="A", time_point_min=minutes,
                  measured_at=START + timedelta(minutes=minutes))
    return vitals.VitalSigns(**{**values, **change})


def test_loaded_sets_show_alerts_until_acknowledged_and_edits_need_a_reason(qtbot, grid):
    """Saved sets load into their rows; an unacknowledged alert is on the banner, an acknowledged
    one names who; changing a saved value asks for the reason and is handed on as a correction."""
    corrected = []
    grid.row_corrected.connect(lambda *args: corrected.append(args))
    grid.load([VitalsRecord("tp0", _set(-10)),
               VitalsRecord("tp15", _set(15, systolic_mmhg=86), "rigors", "Dr Tanaka", START + timedelta(minutes=20)),
               VitalsRecord("tp30", _set(30, spo2_pct=90), "on oxygen now")])
    assert grid.findChild(QLineEdit, "vitals_r1_systolic").text() == "86"
    assert grid.pending_alerts() == ["tp30"]
    assert "Dr Tanaka" in grid.findChild(QLabel, "vitals_r1_label").text()
    assert "DUE" in grid.findChild(QLabel, "vitals_r3_label").text().upper()   # 1 h set due 11:00

    pulse = grid.findChild(QLineEdit, "vitals_r0_pulse")
    pulse.clear()
    qtbot.keyClicks(pulse, "82")
    reason = grid.findChild(QLineEdit, "vitals_r0_reason")
    assert reason.isEnabled() and reason.placeholderText() == "reason for the change"
    assert grid.commit_row(grid.rows[0]) == "reason_needed"
    qtbot.keyClicks(reason, "misread monitor")
    assert grid.commit_row(grid.rows[0]) == "corrected"
    assert corrected[0][0] == "tp0" and corrected[0][1].pulse_per_min == 82 and corrected[0][2] == "misread monitor"


def test_next_due_set_is_highlighted_and_moves_on(qtbot, grid):
    """At 10:16 after a 10:00 start the 15 min set is due (1 min late); once it is saved, the 30 min set is."""
    assert "DUE 10:15" in grid.findChild(QLabel, "vitals_r1_label").text()
    assert "missed" in grid.findChild(QLabel, "vitals_r0_label").text()
    grid.load([VitalsRecord("tp15", _set(15))])
    assert "due 10:30" in grid.findChild(QLabel, "vitals_r2_label").text()


def test_extra_set_is_added_and_saved_with_its_offset(qtbot, grid):
    """"Add extra set" adds a row; a set typed there is saved under its own key, minutes from the start."""
    saved = []
    grid.row_completed.connect(lambda *args: saved.append(args))
    qtbot.mouseClick(grid.findChild(QPushButton, "vitals_add_extra"), Qt.LeftButton)
    row = len(grid.rows) - 1
    assert focused().objectName() == f"vitals_r{row}_time"
    type_set(qtbot, grid, row, ["124", "76", "80", "16", "36.8", "", "98", "", "", "A"])
    assert saved[0][0] == "extra1" and saved[0][1].time_point_min == 16


def test_tab_leaves_a_complete_row_for_the_next_and_a_passed_row_keeps_no_time(qtbot, grid):
    """Tab after the last field of a row with nothing unusual goes to the next row's time; a row only
    tabbed through does not keep the clock time it showed (it would be stale when the set is taken)."""
    saved = []
    grid.row_completed.connect(lambda *args: saved.append(args))
    qtbot.mouseClick(grid.findChild(QLineEdit, "vitals_r2_time"), Qt.LeftButton)
    assert grid.findChild(QLineEdit, "vitals_r2_time").text() == "10:16"
    qtbot.keyClick(focused(), Qt.Key_Backtab)                # back into the 15 min row, its reason is disabled
    assert focused().objectName() == "vitals_r1_acvpu"
    assert grid.findChild(QLineEdit, "vitals_r2_time").text() == ""
    for name, value in {"systolic": "124", "diastolic": "76", "pulse": "80", "resp_rate": "16",
                        "temperature": "36.8", "spo2": "98"}.items():
        qtbot.keyClicks(grid.findChild(QLineEdit, f"vitals_r1_{name}"), value)
    acvpu = grid.findChild(QComboBox, "vitals_r1_acvpu")
    acvpu.setFocus()
    qtbot.keyClicks(acvpu, "A")
    qtbot.keyClick(acvpu, Qt.Key_Tab)
    assert focused().objectName() == "vitals_r2_time"
    assert saved and saved[0][0] == "tp15" and saved[0][2] == ""
