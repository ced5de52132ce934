"""A vital-sign set saved → the grid and the chart repainted, with 20 sets on screen (issue 11). Prints; not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/vitals_repaint_bench.py [runs]

Each run starts from the same file (the demo's DEMO-003, infusing, with 20 recorded sets), builds the
infusion screen at 1366×768, fills one more row as a nurse would have typed it, and times the grid
handing the row on: the service's durable save (`record_vital_signs`, the owner's slot as in
InfusionTab), then the grid's own bookkeeping, the chart's new data, the history model's new row and
the event loop's repaint of what changed (Qt paints the regions marked dirty; the run checks that the
chart and the saved row's heading ("✓ saved") were painted). As a floor, a forced repaint of the whole grid
and chart is timed too. Reported as medians:
- repaint: from the save's return (after the durable commit) to the end of the repaint (target ≤ 16 ms);
- whole: save plus repaint; save: the service call alone; and the ratio repaint / whole;
- the process's CPU time of the repaint (the machine is shared: wall time includes waiting) and how
  many widgets received a paint event (a repaint of what changed, not of the whole grid).
Then the same in the whole window (issue 11's "screens refresh from what changed"): DEMO-003 open on
the Infusion tab of a signed-in MainWindow, an extra row typed and handed on by the grid as a nurse
would (focus leaving the row), saved through InfusionTab and the session; reported from the save's
return to the end of the repaint, which now includes PatientView's refresh after the save (the
chart's parts the save touched read again, the banner and the tabs that depend on vital signs), and
that refresh alone (`PatientView._on_changed`).
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject  # noqa: E402 — the platform is chosen first
from PySide6.QtWidgets import QApplication  # noqa: E402 — the platform is chosen first

SETS_ON_SCREEN = 20


def build_template(folder: Path) -> Path:
    """The demo file plus unscheduled sets before the start, up to 20 on DEMO-003's infusion."""
    from nkdesk.rules.vitals import from_entry
    from nkdesk.services import auth, demo, infusions, patients, vitals
    from nkdesk.storage import passwords
    from nkdesk.storage.database import open_database

    passwords.COST_N = 2 ** 10
    path = folder / "template.sqlite3"
    store = open_database(path, create=True)
    demo.populate(store, "bench")
    nurse = auth.sign_in(store, "rn.ito", "ito-ward-demo").value
    patient = patients.search(store, "DEMO-003")[0]
    infusion = infusions.current_infusion(patients.chart(store, patient.id))
    have = len(vitals.vital_sets(store, infusion.id))
    for i in range(SETS_ON_SCREEN - have):
        at = infusion.started_at - timedelta(minutes=120 - 3 * i)      # unscheduled: > 60 min before the start
        signs = from_entry({"systolic_mmhg": 118 + i % 5, "diastolic_mmhg": 72, "pulse_per_min": 76,
                            "resp_rate_per_min": 16, "temperature": "36.8 degC", "spo2_pct": 98, "acvpu": "A"})
        vitals.record_vital_signs(store, nurse, infusion.id, signs.__class__(**{**signs.__dict__, "measured_at": at}),
                                  extra=True)
    store.close()
    return path


def one_run(template: Path, folder: Path, index: int) -> tuple[float, float, float, float, float, int]:
    from nkdesk.rules import protocol
    from nkdesk.rules.site_settings import SiteSettings
    from nkdesk.services import auth, infusions, patients, vitals
    from nkdesk.storage.database import open_database
    from nkdesk.ui.infusion_page import InfusionPage
    from nkdesk.ui.vitals_grid import VitalsRecord

    path = folder / f"run{index}.sqlite3"
    shutil.copyfile(template, path)
    store = open_database(path)
    nurse = auth.sign_in(store, "rn.ito", "ito-ward-demo").value
    patient = patients.search(store, "DEMO-003")[0]
    infusion = infusions.current_infusion(patients.chart(store, patient.id))
    sets = vitals.vital_sets(store, infusion.id)
    assert len(sets) == SETS_ON_SCREEN, len(sets)
    page = InfusionPage(protocol.load(), None, SiteSettings(), infusion.started_at)
    page.resize(1366, 600)
    page.grid.load([VitalsRecord(s.key, vitals.as_vital_signs(s), s.reason) for s in sets])
    page.show()
    QApplication.processEvents()
    clock: dict[str, float] = {}

    def save(key: str, signs, reason: str) -> None:          # the owner's slot (InfusionTab)
        vitals.record_vital_signs(store, nurse, infusion.id, signs, reason=reason, extra=key.startswith("extra"),
                                  row_key=key)
        clock["saved"], clock["saved_cpu"] = time.perf_counter(), time.process_time()

    page.grid.row_completed.connect(save)
    painted: list[str] = []
    counting = [False]

    class PaintSpy(QObject):
        def eventFilter(self, watched, event) -> bool:
            if counting[0] and event.type() == QEvent.Paint:
                painted.append(watched.objectName())
            return False

    spy = PaintSpy()
    row = page.grid.row_for(page.grid.add_extra_set())
    now = datetime.now()
    row.restore({"time": now.strftime("%H:%M"), "systolic": "121", "diastolic": "70", "pulse": "80",
                 "resp_rate": "16", "temperature": "36.9", "temperature_unit": "degC", "spo2": "97", "acvpu": "A"})
    page.grid.scroll.ensureWidgetVisible(row.editors["time"])     # the row being typed in is on screen (its
    page.grid.scroll.ensureWidgetVisible(row.heading)             # reason line shows only when needed)
    QApplication.processEvents()
    QApplication.instance().installEventFilter(spy)            # every widget painted, counted
    counting[0] = True
    start = time.perf_counter()
    assert page.grid.commit_row(row) == "saved"
    QApplication.processEvents()                               # the repaint a user sees: what changed
    end, end_cpu = time.perf_counter(), time.process_time()
    counting[0] = False
    QApplication.instance().removeEventFilter(spy)
    assert {"vitals_chart", row.heading.objectName()} <= set(painted), painted
    page.grid.repaint()                                        # the floor: everything, forced
    page.chart.repaint()
    forced = time.perf_counter() - end
    assert len(page.grid.recorded_sets()) == SETS_ON_SCREEN + 1
    if os.environ.get("NKDESK_BENCH_PAINTED"):
        print(sorted(painted))
    page.close()
    page.deleteLater()
    QApplication.processEvents()
    store.close()
    return ((end - clock["saved"]) * 1000, (end - start) * 1000, (clock["saved"] - start) * 1000, forced * 1000,
            (end_cpu - clock["saved_cpu"]) * 1000, len(painted))


class WindowPrompts:
    """Signs in as the nurse; confirms a set's time point; any other question is a failure."""

    def credentials(self, title, intro, authenticate, *, username="", fixed_user=False) -> bool:
        return authenticate("rn.ito", "ito-ward-demo") is None

    def confirm(self, *_args, **_kwargs) -> bool:
        return True

    def problem(self, text: str) -> None:
        raise SystemExit(f"the window reported a problem: {text}")

    def __getattr__(self, name):
        raise SystemExit(f"the window asked an unexpected question: {name}")


def window_run(template: Path, folder: Path, index: int) -> tuple[float, float, float, float, float, float]:
    """One save in the whole window: (save's return → repainted, its CPU time, PatientView's refresh
    alone, its CPU time, the window's patient list refresh, its CPU time), in ms."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QLineEdit

    from nkdesk.services import vitals
    from nkdesk.storage.audit import anchor_path
    from nkdesk.ui import main_window, patient_view
    from nkdesk.ui.main_window import MainWindow

    path = folder / f"window{index}.sqlite3"
    shutil.copyfile(template, path)
    shutil.copyfile(anchor_path(template), anchor_path(path))    # the trail's anchor, as a real file has
    window = MainWindow(path, sign_in=False, prompts=WindowPrompts())
    window.resize(1366, 768)
    window.show()
    window.load_rest()
    assert window.sign_in()
    view = window.patient_view
    view.tabs.setCurrentWidget(view.infusion)
    search = window.findChild(QLineEdit, "patient_search")
    search.setText("DEMO-003")
    window.patients.search.returnPressed.emit()
    while view.pending_fills():
        QApplication.processEvents()
    grid = view.infusion.page.grid
    assert len(grid.recorded_sets()) == SETS_ON_SCREEN, len(grid.recorded_sets())
    clock: dict[str, float] = {}
    service = vitals.record_vital_signs
    refresh = patient_view.PatientView._on_changed

    def timed_save(*args, **kwargs):
        saved = service(*args, **kwargs)
        clock["saved"], clock["saved_cpu"] = time.perf_counter(), time.process_time()
        return saved

    def timed_refresh(self, changes) -> None:
        start, cpu = time.perf_counter(), time.process_time()
        refresh(self, changes)
        clock["refresh"], clock["refresh_cpu"] = time.perf_counter() - start, time.process_time() - cpu

    view.session.changed.disconnect(view._on_changed)        # the slot bound at construction: the timed one instead
    list_refresh = main_window.MainWindow._on_changed

    def timed_list(self, changes) -> None:
        start, cpu = time.perf_counter(), time.process_time()
        list_refresh(self, changes)
        clock["list"], clock["list_cpu"] = time.perf_counter() - start, time.process_time() - cpu

    window.session.changed.disconnect(window._on_changed)
    vitals.record_vital_signs = timed_save
    patient_view.PatientView._on_changed = timed_refresh
    main_window.MainWindow._on_changed = timed_list
    view.session.changed.connect(view._on_changed)
    window.session.changed.connect(window._on_changed)
    try:
        row = grid.row_for(grid.add_extra_set())
        now = datetime.now()
        row.restore({"time": now.strftime("%H:%M"), "systolic": "121", "diastolic": "70", "pulse": "80",
                     "resp_rate": "16", "temperature": "36.9", "temperature_unit": "degC", "spo2": "97",
                     "acvpu": "A"})
        grid.scroll.ensureWidgetVisible(row.editors["reason"])
        QApplication.processEvents()
        assert grid.commit_row(row) == "saved"
        QApplication.processEvents()
        end, end_cpu = time.perf_counter(), time.process_time()
    finally:
        vitals.record_vital_signs = service
        patient_view.PatientView._on_changed = refresh
        main_window.MainWindow._on_changed = list_refresh
    assert "refresh" in clock, "PatientView did not refresh after the save"
    assert len(view.chart.vital_sets) > SETS_ON_SCREEN
    window.close()
    window.shut_down()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    return ((end - clock["saved"]) * 1000, (end_cpu - clock["saved_cpu"]) * 1000, clock["refresh"] * 1000,
            clock["refresh_cpu"] * 1000, clock.get("list", 0.0) * 1000, clock.get("list_cpu", 0.0) * 1000)


def main() -> None:
    from benchmarks.switch_bench import quiet_qt_noise

    quiet_qt_noise()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = build_template(folder)
        one_run(template, folder, -1)                          # warm-up: imports, fonts, first paint
        figures = [one_run(template, folder, i) for i in range(runs)]
        window_runs = max(5, runs // 3)
        window_run(template, folder, -1)                       # warm-up
        in_window = [window_run(template, folder, i) for i in range(window_runs)]
    repaint = statistics.median(f[0] for f in figures)
    whole = statistics.median(f[1] for f in figures)
    save = statistics.median(f[2] for f in figures)
    forced = statistics.median(f[3] for f in figures)
    repaint_cpu = statistics.median(f[4] for f in figures)
    widgets = statistics.median(f[5] for f in figures)
    print(f"vital-sign set saved → grid and chart repainted, {SETS_ON_SCREEN} sets on screen, median of {runs}:")
    print(f"  repaint (from the save's return): {repaint:.2f} ms   (target ≤ 16 ms; CPU time {repaint_cpu:.2f} ms)")
    print(f"  widgets painted:                  {widgets:.0f}")
    print(f"  whole (save + repaint):           {whole:.2f} ms")
    print(f"  save alone (durable commit):      {save:.2f} ms")
    print(f"  ratio repaint / whole:            {repaint / whole:.2f}")
    print(f"  (a forced repaint of the whole grid and chart: {forced:.2f} ms)")
    w_repaint, w_cpu, w_refresh, w_refresh_cpu, w_list, w_list_cpu = (statistics.median(f[i] for f in in_window)
                                                                      for i in range(6))
    print(f"in the window (DEMO-003 on the Infusion tab, median of {len(in_window)}), from the save's return:")
    print(f"  refreshed and repainted:          {w_repaint:.2f} ms   (target ≤ 16 ms; CPU time {w_cpu:.2f} ms)")
    print(f"  PatientView's refresh alone:      {w_refresh:.2f} ms   (CPU time {w_refresh_cpu:.2f} ms)")
    print(f"  the patient list's (due now):     {w_list:.2f} ms   (CPU time {w_list_cpu:.2f} ms; "
          "MainWindow._on_changed)")
    del app


if __name__ == "__main__":
    main()
