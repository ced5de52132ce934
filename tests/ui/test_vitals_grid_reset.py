"""The vital-signs grid refilled for another infusion (issue 11: a patient switch empties and refills
the grid instead of building its widgets again). After `reset` nothing of the previous infusion is
shown or held — no value, no saved set, no alert, no extra row, no NEWS2 — exactly as a grid built
new; and the next infusion's sets load into it as they load into a new grid."""
from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from nkdesk.rules import protocol, units, vitals
from nkdesk.ui.vitals_grid import VitalsGrid, VitalsRecord
from nkdesk.ui.vitals_row import FIELDS

START = datetime(2026, 12, 22, 10, 0)
NOW = START + timedelta(minutes=75)


def _grid(qtbot, start=START) -> VitalsGrid:
    grid = VitalsGrid(vitals.time_points(protocol.load()), infusion_start=start, now=lambda: NOW)
    qtbot.addWidget(grid)
    grid.resize(1366, 600)
    grid.show()
    qtbot.waitExposed(grid)
    return grid


def _signs(minutes: int, temperature: str, systolic: int = 118) -> vitals.VitalSigns:
    return vitals.VitalSigns(systolic_mmhg=systolic, diastolic_mmhg=72, pulse_per_min=80, resp_rate_per_min=16,
                             temperature=units.parse(temperature, analyte="temperature"), spo2_pct=97, acvpu="A",
                             time_point_min=minutes, measured_at=START + timedelta(minutes=minutes))


def _shown(grid: VitalsGrid) -> list[tuple[str, ...]]:
    """Every row as the nurse sees it: its name, each cell's text or choice, its NEWS2 words."""
    rows = []
    for i, row in enumerate(grid.rows):
        cells = []
        for name in FIELDS:
            cell = f"vitals_r{i}_{name}"
            editor = grid.findChild(QLineEdit, cell) or grid.findChild(QComboBox, cell)
            cells.append(editor.currentText() if isinstance(editor, QComboBox) else editor.text())
        rows.append((row.label, *cells, grid.findChild(QLabel, f"vitals_r{i}_news2").text()))
    return rows


def test_a_reset_grid_shows_and_holds_nothing_of_the_previous_infusion(qtbot):
    new = _grid(qtbot, START + timedelta(days=1))
    grid = _grid(qtbot)
    # 38.6 °C is a critical temperature (issue 5: ≥ 38.0 °C), so the 1 h set raises an alert
    grid.load([VitalsRecord("tp0", _signs(0, "36.8 degC")), VitalsRecord("tp60", _signs(60, "38.6 degC"), "chills"),
               VitalsRecord("extra1", _signs(70, "37.0 degC", systolic=121))])
    assert grid.pending_alerts() == ["tp60"] and len(grid.rows) == len(new.rows) + 1
    grid.reset(START + timedelta(days=1))

    assert grid.recorded_sets() == [] and grid.pending_alerts() == []
    assert not grid.banner.isVisible()
    assert not grid.unsaved()
    assert len(grid.rows) == len(new.rows)                       # the extra row is gone, not emptied
    assert grid.findChild(QLineEdit, f"vitals_r{len(new.rows)}_systolic") is None
    assert _shown(grid) == _shown(new)
    assert [r.acknowledged for r in grid.rows] == [None] * len(new.rows)
    assert grid.findChild(QLineEdit, "vitals_r0_reason").isEnabled() is False

    # the next infusion's sets, as they load into a new grid
    records = [VitalsRecord("tp15", _signs(15, "99.1 degF"))]
    new.load(records)
    grid.load(records)
    assert _shown(grid) == _shown(new)
    assert grid.recorded_sets() == new.recorded_sets()
