"""The infusion screen: cell product and release tests, dose per kg, chart and CRS line, AE button."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from nkdesk.rules import protocol, units, vitals
from nkdesk.ui.infusion_page import InfusionPage
from nkdesk.ui.vitals_chart import COLOURS, VitalsChart, minutes_since_start
from nkdesk.ui.vitals_grid import VitalsRecord

START = datetime(2026, 12, 22, 10, 0)


@pytest.fixture
def page(qtbot):
    widget = InfusionPage(protocol.load(), "62.5 kg", now=lambda: START)
    qtbot.addWidget(widget)
    widget.resize(1366, 720)
    widget.show()
    return widget


def fill_product(qtbot, page, infectious: str = "Negative") -> None:
    qtbot.keyClicks(page.findChild(QLineEdit, "product_bag_id"), "NK-0042-C1")
    qtbot.keyClicks(page.findChild(QLineEdit, "product_cells_value"), "2.5")
    qtbot.keyClicks(page.findChild(QLineEdit, "product_viability"), "92")
    qtbot.keyClicks(page.findChild(QLineEdit, "product_nk_fraction"), "80")
    page.findChild(QComboBox, "product_sterility").setCurrentIndex(1)          # Negative
    infectious_combo = page.findChild(QComboBox, "product_infectious")
    infectious_combo.setCurrentIndex(infectious_combo.findText(infectious))
    qtbot.keyClicks(page.findChild(QLineEdit, "infusion_administered_by"), "Sato Hanako")


def test_dose_per_kg_is_shown_from_the_weight(qtbot, page):
    """2.5 × 10⁹ viable cells for 62.5 kg = 40 × 10⁶ cells/kg; 80 % NK → 32 × 10⁶ NK cells/kg."""
    fill_product(qtbot, page)
    dose = page.findChild(QLabel, "product_dose").text()
    assert "40 × 10⁶ viable cells/kg" in dose and "NK 32 × 10⁶ cells/kg" in dose


def test_negative_release_tests_allow_the_start(qtbot, page):
    """With negative tests, the start button records the start and the grid counts from it."""
    started = []
    page.product.start_requested.connect(lambda *args: started.append(args))
    fill_product(qtbot, page)
    button = page.findChild(QPushButton, "infusion_start_button")
    assert button.isEnabled() and "may start" in page.findChild(QLabel, "product_release").text()
    qtbot.mouseClick(button, Qt.LeftButton)
    assert started[0][0].bag_id == "NK-0042-C1" and started[0][1] == START and started[0][2] == "Sato Hanako"
    assert page.grid.start == START and page.tabs.currentWidget() is page.chart


def test_positive_infectious_disease_test_blocks_the_start_and_proposes_the_stop_rule(qtbot, page):
    """Protocol stop reason 1: a positive infectious-disease test of the culture material blocks the
    infusion; the stop rule is proposed in words and to the owner."""
    proposed = []
    page.product.stop_rule_proposed.connect(proposed.append)
    fill_product(qtbot, page, infectious="POSITIVE")
    assert not page.findChild(QPushButton, "infusion_start_button").isEnabled()
    release = page.findChild(QLabel, "product_release").text()
    assert "INFUSION BLOCKED" in release and "discontinues or suspends" in release
    assert proposed == ["infectious_disease_test_positive"]


def _temp(text):
    return units.parse(text, field="temperature", analyte="temperature")


def _set(minutes, temperature="36.8 degC", systolic=124, device=None, flow=None):
    return vitals.VitalSigns(systolic, 76, 80, 16, _temp(temperature), 97, vitals.Oxygen(device, flow), acvpu="A",
                             time_point_min=minutes, measured_at=START + timedelta(minutes=minutes))


def test_crs_line_appears_with_fever_and_hypoxia(qtbot, page):
    """No CRS line for normal sets; fever 38.6 °C with a 2 L/min nasal cannula is ASTCT grade 2
    (Lee 2019: hypoxia requiring low-flow nasal cannula ≤ 6 L/min)."""
    page.grid.load([VitalsRecord("tp0", _set(-10))])
    assert not page.crs_line.isVisible()
    page.grid.load([VitalsRecord("tp15", _set(15, "38.6 degC", device="nasal_cannula", flow=2.0), "febrile")])
    text = page.findChild(QLabel, "crs_proposal").text()
    assert page.crs_line.isVisible() and "grade 2" in text and "investigator confirms" in text
    added = []
    page.add_adverse_event_requested.connect(added.append)
    qtbot.mouseClick(page.findChild(QPushButton, "infusion_add_ae"), Qt.LeftButton)
    assert added[0].grade == 2


def test_chart_plots_sets_against_minutes_since_start(qtbot):
    """A set measured at 10:31 after a 10:00 start sits at 31 min; each series is drawn in its colour."""
    chart = VitalsChart()
    qtbot.addWidget(chart)
    chart.resize(600, 380)
    assert minutes_since_start(_set(31), START) == 31
    assert minutes_since_start(_set(31), None) == 31            # the scheduled offset without a start
    chart.set_data([_set(-10), _set(15, "38.6 degC", systolic=84), _set(31, "101.1 degF")], START)
    assert [round(x) for x, _ in chart.points] == [-10, 15, 31]
    image = chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    for series in ("pulse", "temperature", "spo2", "systolic"):
        assert COLOURS[series].name() in colours, series
    assert QColor("#b71c1c").name() in colours                   # the dashed critical limits


def test_vasopressin_and_the_oxygen_flow_are_typed_in_the_row_and_reach_the_crs_line(qtbot, page):
    """Issue 13 item 8 in the window: vasopressin (a yes/no beside the number of vasopressors) and
    the O₂ flow with its device are inputs of the row, with objectName and accessibleName, handed on
    as typed. Fever 38.6 °C, systolic 84 on vasopressin alone, nasal cannula 4 L/min: ASTCT 2019
    (Lee et al.) grade 3 for the vasopressor (NKDesk's reading for vasopressin alone, issue 13),
    hypoxia grade 2 (low-flow nasal cannula ≤ 6 L/min)."""
    grid = page.grid
    saved = []
    grid.row_completed.connect(lambda *args: saved.append(args))
    page.set_infusion_start(START)
    row = next(i for i, r in enumerate(grid.rows) if r.key == "tp15")
    vasopressin = grid.findChild(QComboBox, f"vitals_r{row}_vasopressin")
    flow = grid.findChild(QLineEdit, f"vitals_r{row}_o2_flow")
    device = grid.findChild(QComboBox, f"vitals_r{row}_oxygen_device")
    assert vasopressin.accessibleName() == "15 min vasopressin running"
    assert device.accessibleName() == "15 min oxygen device"
    assert flow.accessibleName() == "15 min oxygen flow litres per minute" and not flow.isEnabled()
    grid.rows[row].restore({"time": "10:15", "systolic": "84", "diastolic": "50", "pulse": "110",
                            "resp_rate": "22", "temperature": "38.6", "temperature_unit": "degC", "spo2": "93",
                            "oxygen_device": "nasal_cannula", "acvpu": "A", "reason": "rigors, on vasopressin"})
    assert flow.isEnabled()
    qtbot.keyClicks(flow, "4")
    vasopressin.setCurrentIndex(vasopressin.findData("yes"))
    assert grid.commit_row(grid.rows[row]) == "saved"
    ((key, signs, _reason),) = saved
    assert key == "tp15" and signs.vasopressin is True and signs.vasopressors == 0
    assert (signs.oxygen.device, signs.oxygen.flow_l_min) == ("nasal_cannula", 4)
    crs_line = page.findChild(QLabel, "crs_proposal")
    assert "grade 3" in crs_line.text()
