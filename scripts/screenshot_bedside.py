#!/usr/bin/env python3
"""Render the bedside screens with realistic data at 1366×768, offscreen, to docs/screenshots/.

    .venv/bin/python scripts/screenshot_bedside.py [--out DIR]

Each page sits in a plain main window of the ward's screen size (menu bar and status bar
included), so what fits here fits in NKDesk. The data are invented: a 62.5 kg patient, cycle 1,
infusion started at 10:00 on 22 Dec 2026, a febrile reaction at 15 min with a low systolic.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = datetime(2026, 12, 22, 10, 0)
NOW = START + timedelta(minutes=33)


def _set(vitals, units, minutes, systolic, diastolic, pulse, rate, temperature, spo2, device=None, flow=None):
    return vitals.VitalSigns(systolic, diastolic, pulse, rate,
                             units.parse(temperature, field="temperature", analyte="temperature"), spo2,
                             vitals.Oxygen(device, flow), acvpu="A", time_point_min=minutes,
                             measured_at=START + timedelta(minutes=minutes))


def _frame(widget, title: str):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    window.setWindowTitle(title)
    window.menuBar().addMenu("&File")
    window.menuBar().addMenu("&View")
    window.setCentralWidget(widget)
    window.statusBar().showMessage("Signed in: Sato Hanako (nurse) · NKDesk demo database · last backup 09:12")
    window.resize(1366, 768)
    return window


def _save(widget, path: Path, app) -> None:
    widget.show()
    for _ in range(3):
        app.processEvents()
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from nkdesk.rules import ae_proposals, protocol, units, vitals
    from nkdesk.rules.adverse_events import AdverseEventEntry
    from nkdesk.rules.cell_product import CellProduct
    from nkdesk.ui.adverse_event_dialog import AdverseEventDialog
    from nkdesk.ui.adverse_events_page import AdverseEventsPage
    from nkdesk.ui.infusion_page import InfusionPage
    from nkdesk.ui.style import apply_style
    from nkdesk.ui.vitals_grid import VitalsRecord

    app = QApplication.instance() or QApplication([])
    apply_style(app)
    args.out.mkdir(parents=True, exist_ok=True)
    jrct = protocol.load()

    # 1. Mid-infusion: chart, two alerts (one acknowledged), the 1 h set due, a CRS proposal.
    page = InfusionPage(jrct, "62.5 kg", infusion_start=START, now=lambda: NOW)
    page.product.load(CellProduct("NK-0042-C1", "2.5 10^9", 92.0, 88.5, "negative", "negative"), START, None,
                      "Sato Hanako")
    page.grid.load([
        VitalsRecord("tp0", _set(vitals, units, -10, 128, 76, 78, 16, "36.6 degC", 98)),
        VitalsRecord("tp15", _set(vitals, units, 15, 84, 52, 118, 22, "38.6 degC", 95),
                     "rigors; Dr Tanaka informed", "Tanaka Ken", START + timedelta(minutes=18)),
        VitalsRecord("tp30", _set(vitals, units, 31, 96, 58, 104, 20, "101.1 degF", 94, "nasal_cannula", 2.0),
                     "O2 started 2 L/min"),
    ])
    _save(_frame(page, "Infusion"), args.out / "infusion.png", app)

    # 2. Before the start: the cell product with a positive infectious-disease test (blocked).
    blocked = InfusionPage(jrct, "62.5 kg", now=lambda: START - timedelta(minutes=20))
    blocked.product.load(CellProduct("NK-0043-C2", "1.8 10^9", 90.0, 85.0, "negative", "positive"), None, None,
                         "Sato Hanako")
    _save(_frame(blocked, "Infusion — release tests"), args.out / "infusion_blocked.png", app)

    # 3. The AE dialog: a serious fever with its CTCAE definitions and the report banner.
    onset = START + timedelta(minutes=15)
    fever = AdverseEventEntry("Fever", 1, onset, worst_grade=2, resolution=onset + timedelta(hours=21, minutes=45),
                              serious=True, serious_criteria=("hospitalisation",), relatedness="probable",
                              action="infusion_interrupted", outcome="recovered", cycle=1, days_since_infusion=0,
                              comment="悪寒を伴う発熱。入院期間を1日延長")
    dialog = AdverseEventDialog(jrct, date(2026, 12, 22), 1, fever)
    _save(dialog, args.out / "adverse_event_dialog.png", app)

    # 4. The AE tab: logged events and proposals from labs and temperatures.
    ae_page = AdverseEventsPage(jrct, date(2026, 12, 22), 1)
    ae_page.set_events([
        fever,
        AdverseEventEntry("Hypotension", 2, onset + timedelta(minutes=5), worst_grade=2,
                          resolution=onset + timedelta(hours=3), relatedness="possible", outcome="recovered", cycle=1),
        AdverseEventEntry("悪寒", 1, onset - timedelta(minutes=5), ctcae_term=False,
                          resolution=onset + timedelta(minutes=40), relatedness="probable", outcome="recovered",
                          cycle=1),
    ])
    reading = ae_proposals.TemperatureReading
    proposals = ae_proposals.propose_from_labs({"platelets": "6.2 10^4/uL", "sodium": "127 mmol/L"})
    proposals += ae_proposals.fever_episodes([
        reading(onset, units.parse("38.6 degC", analyte="temperature")),
        reading(onset + timedelta(hours=2), units.parse("37.2 degC", analyte="temperature"))])
    ae_page.set_proposals(proposals)
    _save(_frame(ae_page, "Adverse events"), args.out / "adverse_events.png", app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
