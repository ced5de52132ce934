"""The dosing page: BSA and the filgrastim order recomputed as height and weight are typed."""
from __future__ import annotations

import datetime as dt
import math

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from nkdesk.rules import protocol
from nkdesk.rules.site_settings import SiteSettings, Syringe
from nkdesk.ui.dosing_page import DosingPage


@pytest.fixture
def page(qtbot):
    widget = DosingPage(protocol.load())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_typed_height_and_weight_give_the_order(qtbot, page):
    """170 cm and 65 kg: Mosteller √(170·65/3600) = 1.752 m², 400 µg/m² → 700.8 µg/day (Mosteller 1987)."""
    qtbot.keyClicks(page.findChild(QLineEdit, "height_value"), "170")
    qtbot.keyClicks(page.findChild(QLineEdit, "weight_value"), "65")
    qtbot.keyClicks(page.findChild(QLineEdit, "apheresis_date"), "2026-12-05")
    expected_bsa = math.sqrt(170 * 65 / 3600)
    assert page.order.bsa.bsa_m2 == pytest.approx(expected_bsa)
    summary = page.findChild(QLabel, "dosing_summary").text()
    assert f"{expected_bsa:.2f} m²" in summary and f"{400 * expected_bsa:.1f} µg/day" in summary
    assert "01 Dec" in page.findChild(QLabel, "dosing_course").text()
    assert page.findChild(QLabel, "dose_order_status").text().startswith("Calculation only")


def test_imperial_units_and_formula_choice(qtbot, page):
    """67 in and 150 lb with DuBois: 0.007184·H^0.725·W^0.425 (DuBois & DuBois 1916)."""
    qtbot.keyClicks(page.findChild(QLineEdit, "height_value"), "67")
    page.findChild(QComboBox, "height_unit").setCurrentIndex(2)   # in
    qtbot.keyClicks(page.findChild(QLineEdit, "weight_value"), "150")
    page.findChild(QComboBox, "weight_unit").setCurrentIndex(1)   # lb
    formula = page.findChild(QComboBox, "bsa_formula")
    formula.setCurrentIndex(formula.findData("dubois"))
    h, w = 67 * 2.54, 150 * 0.45359237
    assert page.order.bsa.bsa_m2 == pytest.approx(0.007184 * h ** 0.725 * w ** 0.425)


def test_implausible_weight_turns_red(qtbot, page):
    """A weight typed in grams against kg is refused next to the field; no order is shown."""
    qtbot.keyClicks(page.findChild(QLineEdit, "height_value"), "170")
    qtbot.keyClicks(page.findChild(QLineEdit, "weight_value"), "65000")
    assert page.order is None
    assert "65000 g" in page.findChild(QLabel, "weight_problem").text()
    assert not page.prescribe.isEnabled()


def test_out_of_tolerance_plan_asks_for_a_pharmacist(qtbot):
    """With only 300 µg syringes, 1.2 m² (480 µg) cannot be met within ±10 %: flagged in words."""
    widget = DosingPage(protocol.load(), SiteSettings(syringes=(Syringe(300, 0.7, "300 µg"),)))
    qtbot.addWidget(widget)
    # 1.2 m² by Mosteller: H·W = 1.44 × 3600 = 5184, e.g. 144 cm × 36 kg
    widget.load("144 cm", "36 kg", dt.date(2026, 12, 5))
    assert widget.order.plan.within_tolerance is False
    assert "pharmacist must decide" in widget.findChild(QLabel, "dosing_tolerance").text()


def test_label_cautions_are_asked_before_prescribing_and_a_split_dose_is_a_deviation(qtbot, page):
    """Issue 13 item 9: the filgrastim label's cautions (splenomegaly / left upper quadrant pain,
    thrombosis history) are ticked as asked before Prescribe is offered; the split dose departs from
    the protocol's "400 μg/m2 subcutaneously once daily" and says so in red."""
    from PySide6.QtWidgets import QCheckBox, QPushButton

    qtbot.keyClicks(page.findChild(QLineEdit, "height_value"), "170")
    qtbot.keyClicks(page.findChild(QLineEdit, "weight_value"), "65")
    prescribe = page.findChild(QPushButton, "dose_prescribe")
    assert not prescribe.isEnabled() and "cautions" in page.findChild(QLabel, "dose_prescribe_hint").text()
    page.findChild(QCheckBox, "caution_splenomegaly").click()
    assert not prescribe.isEnabled()
    page.findChild(QCheckBox, "caution_thrombosis_history").click()
    assert prescribe.isEnabled() and page.findChild(QLabel, "dose_prescribe_hint").isHidden()
    deviation = page.findChild(QLabel, "split_deviation")
    assert deviation.isHidden()
    page.findChild(QCheckBox, "gcsf_split").click()
    assert not deviation.isHidden() and "DEVIATION" in deviation.text() and "b71c1c" in deviation.styleSheet()
    assert "PROTOCOL DEVIATION" in page.findChild(QCheckBox, "gcsf_split").text()


def test_switching_to_a_patient_with_nothing_stored_clears_every_figure(qtbot, page):
    """Issue 14: no previous patient's '= 156 cm / = 51 kg' beside empty fields."""
    page.load("156 cm", "51 kg", dt.date(2026, 12, 5))
    assert page.findChild(QLabel, "height_converted").text() == "= 156 cm"
    page.clear()
    page.load("", "")
    for name in ("height_converted", "weight_converted", "dosing_summary", "dose_exact_values", "dosing_course"):
        assert page.findChild(QLabel, name).text() == "", name
    assert page.findChild(QLineEdit, "apheresis_date").text() == ""
