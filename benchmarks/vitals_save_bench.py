"""A vital-sign set saved → the grid and the chart repainted (issue 11). Prints; not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/vitals_save_bench.py [saves] [--profile]

(--profile: cProfile of the measured Enter → repainted spans, the 40 costliest calls by cumulative time.)

The whole window on the mid-infusion demo patient, the infusion tab on screen with 20 sets on it.
Each measured set is typed into a new extra row as a nurse types it (Tab along the row) and saved
with Enter. Reported as medians, two ways:
- from the save's return (the service has committed durably) to the grid and chart repainted
  (the window's refresh from the returned changes, then the paint; target ≤ 16 ms, one frame);
- the whole: Enter → saved → repainted — beside the service call alone (the natural baseline,
  measured in the same run), and the ratio of the whole to it.
"""
from __future__ import annotations

import cProfile
import dataclasses
import os
import pstats
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from switch_bench import BenchPrompts  # noqa: E402 - the path is set just above

ON_SCREEN = 20
# normal values, no reason asked; Tab along: systolic … temperature, unit, SpO₂, oxygen (air: the flow is
# skipped), vasopressors, vasopressin, ACVPU
ROW = ["124", "76", "80", "16", "36.8", "", "98", "", "", "", "A"]


def main(saves: int, profile: bool = False) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

    app = QApplication([])
    from nkdesk.services import auth, demo, infusions, patients
    from nkdesk.services import vitals as vitals_service
    from nkdesk.storage import passwords
    from nkdesk.storage.database import open_database
    from nkdesk.ui.main_window import MainWindow
    from nkdesk.ui.style import apply_style

    apply_style(app)
    passwords.COST_N = 2 ** 10
    db = Path(tempfile.mkdtemp()) / "nkdesk.sqlite3"
    store = open_database(db, create=True)
    demo.populate(store, "bench")
    nurse = auth.sign_in(store, "rn.ito", "ito-ward-demo").value
    patient = patients.search(store, "DEMO-003")[0]
    infusion = infusions.current_infusion(patients.chart(store, patient.id))
    sets = vitals_service.vital_sets(store, infusion.id)
    model = vitals_service.as_vital_signs(sets[0])
    start = infusion.started_at
    for n in range(ON_SCREEN - len(sets)):       # extra sets up to 20 on screen, minutes after the start
        at = min(datetime.now(), start + timedelta(minutes=70 + n)).replace(second=0, microsecond=0)
        vitals_service.record_vital_signs(store, nurse, infusion.id, dataclasses.replace(
            model, measured_at=at, time_point_min=int((at - start).total_seconds() // 60)), extra=True)
    store.close()

    window = MainWindow(db, sign_in=False, prompts=BenchPrompts("rn.ito", "ito-ward-demo"))
    window.resize(1366, 900)
    window.show()
    window.load_rest()
    assert window.sign_in()
    search = window.findChild(QLineEdit, "patient_search")
    QTest.keyClicks(search, "DEMO-003")
    QTest.keyClick(search, Qt.Key_Return)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.infusion)
    app.processEvents()
    grid = view.infusion.page.grid
    assert len(grid.recorded_sets()) == ON_SCREEN, len(grid.recorded_sets())

    returned: list[float] = []
    service_alone: list[float] = []
    real_service = vitals_service.record_vital_signs

    def timed_service(*args, **kwargs):
        begin = time.perf_counter()
        saved = real_service(*args, **kwargs)
        returned.append(time.perf_counter())
        service_alone.append(returned[-1] - begin)
        return saved

    vitals_service.record_vital_signs = timed_service
    after_return, whole, whole_cpu = [], [], []
    profiler = cProfile.Profile() if profile else None
    try:
        for _ in range(saves):
            QTest.mouseClick(grid.findChild(QPushButton, "vitals_add_extra"), Qt.LeftButton)
            QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)       # the time defaults to now
            for text in ROW[:-1]:
                if text:
                    QTest.keyClicks(QApplication.focusWidget(), text)
                QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
            QTest.keyClicks(QApplication.focusWidget(), ROW[-1])
            app.processEvents()
            count = len(returned)
            enter, cpu = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)    # saved, the window refreshed
            app.processEvents()                                          # grid and chart painted
            done = time.perf_counter()
            if profiler is not None:
                profiler.disable()
            whole_cpu.append(time.process_time() - cpu)
            focus = QApplication.focusWidget().objectName()
            assert len(returned) == count + 1, f"the set was not saved: {grid.message.text()!r} (focus: {focus})"
            after_return.append(done - returned[-1])
            whole.append(done - enter)
    finally:
        vitals_service.record_vital_signs = real_service
    stored = len(vitals_service.vital_sets(window.session.store, infusion.id))
    assert stored == ON_SCREEN + saves, stored
    ms = [statistics.median(x) * 1000 for x in (after_return, whole, service_alone, whole_cpu)]
    print(f"vital-sign set saved with {ON_SCREEN}+ sets on screen, {saves} saves (median ms)")
    print(f"  save returned → grid and chart repainted: {ms[0]:7.1f}   (target ≤ 16)")
    print(f"  whole (Enter → saved → repainted):        {ms[1]:7.1f}   (this process's CPU time: {ms[3]:.1f})")
    print(f"  the service call alone (baseline):        {ms[2]:7.1f}   ratio whole/service {ms[1] / ms[2]:.1f}")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    window.close()
    window.shut_down()


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 10, profile="--profile" in sys.argv)
