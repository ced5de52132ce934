"""Every input of the bedside screens can be found by objectName and is named for screen readers."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from nkdesk.rules import ae_proposals, protocol, vitals
from nkdesk.ui.adverse_event_dialog import AdverseEventDialog
from nkdesk.ui.adverse_events_page import AdverseEventsPage
from nkdesk.ui.infusion_page import InfusionPage
from nkdesk.ui.vitals_grid import VitalsGrid

INPUTS = (QLineEdit, QComboBox, QCheckBox, QRadioButton, QAbstractSpinBox, QTextEdit, QPlainTextEdit)
NOW = datetime(2026, 12, 22, 10, 0)


def _ae_page():
    page = AdverseEventsPage(protocol.load(), date(2026, 12, 22), 1)
    page.set_proposals(ae_proposals.propose_from_labs({"platelets": "6.2 10^4/uL"}))
    page.open_dialog()                  # the dialog it opens is its child: walked too
    return page


FACTORIES = {
    "grid": lambda: VitalsGrid(vitals.time_points(protocol.load()), now=lambda: NOW),
    "infusion": lambda: InfusionPage(protocol.load(), "60 kg", now=lambda: NOW),
    "dialog": lambda: AdverseEventDialog(protocol.load(), date(2026, 12, 22), 1),
    "ae_page": _ae_page,
}


@pytest.mark.parametrize("name", list(FACTORIES))
def test_every_input_has_object_and_accessible_names(qtbot, name):
    """Walking every child: each input has an objectName and an accessibleName; each button an objectName."""
    widget = FACTORIES[name]()
    qtbot.addWidget(widget)
    inputs = [w for w in widget.findChildren(QWidget) if isinstance(w, INPUTS)]
    assert len(inputs) > 5
    for child in inputs:
        assert child.objectName(), f"{type(child).__name__} without objectName"
        assert child.accessibleName(), f"{child.objectName()} without accessibleName"
    for button in widget.findChildren(QPushButton):
        assert button.objectName(), f"button '{button.text()}' without objectName"
    names = [w.objectName() for w in inputs]
    assert len(names) == len(set(names)), "objectNames repeat"


def test_grid_cells_are_named_by_time_point_and_measurement(qtbot):
    """A cell's objectName gives row and field; its accessibleName the time point and the measurement."""
    grid = FACTORIES["grid"]()
    qtbot.addWidget(grid)
    assert grid.findChild(QLineEdit, "vitals_r1_systolic").accessibleName() == "15 min systolic blood pressure"
    assert grid.findChild(QComboBox, "vitals_r3_acvpu").accessibleName() == "1 h consciousness ACVPU"
