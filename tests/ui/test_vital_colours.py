"""One palette for the vital signs on screen and on paper (ward walk: the printed record drew systolic
red and pulse blue, the screen pulse red and systolic blue — a nurse comparing them could misread a
line). Checked on what each side draws with: the screen chart's colours and the printed plot's."""
from __future__ import annotations

from PySide6.QtGui import QColor

from nkdesk.forms import vitals_form
from nkdesk.ui.vitals_chart import COLOURS


def test_the_printed_chart_draws_each_vital_sign_in_the_screens_colour():
    printed = {name: QColor(colour) for name, _label, colour in vitals_form.SERIES}
    screen = {"systolic_mmhg": COLOURS["systolic"], "diastolic_mmhg": COLOURS["diastolic"],
              "pulse_per_min": COLOURS["pulse"], "spo2_pct": COLOURS["spo2"]}
    assert {name: c.name() for name, c in printed.items()} == {name: c.name() for name, c in screen.items()}
    pulse, systolic = screen["pulse_per_min"], screen["systolic_mmhg"]
    assert pulse.red() > pulse.blue() and systolic.blue() > systolic.red()     # pulse red, pressure blue

