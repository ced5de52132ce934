"""Patient switch latency (issue 11). Prints; not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/switch_bench.py [switches] [tab …]

(`tab`: only the tabs whose English name starts with it, e.g. `Elig Dos`; default every tab.)

The median time from Enter in the patient search box to the patient's screen shown (the list
searched, the chart read, the title, the safety banner and the tab on screen filled, and the
window painted), target ≤ 30 ms — beside the natural baseline measured in the same run: the storage
read alone (`services.patients.chart`, the one read a switch makes), and their ratio. Reported with
each tab on screen in turn. The other tabs are filled when shown, or in the idle time from 150 ms
after the switch; that is waited for between switches, as a person's pause would be, and reported
apart ("all filled": from the screen shown to every tab filled, the 150 ms included).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PATIENTS = ("DEMO-001", "DEMO-003", "DEMO-002", "DEMO-004")


class BenchPrompts:
    """Signs in once; any other question during the benchmark is a failure."""

    def __init__(self, username: str, password: str):
        self.login = (username, password)

    def credentials(self, title, intro, authenticate, *, username="", fixed_user=False) -> bool:
        return authenticate(*self.login) is None

    def problem(self, text: str) -> None:
        raise SystemExit(f"the window reported a problem: {text}")

    def __getattr__(self, name):
        raise SystemExit(f"the window asked an unexpected question: {name}")


def quiet_qt_noise() -> None:
    """Qt's offscreen plugin says "This plugin does not support propagateSizeHints()" on every window
    size hint change: not the application's, and it buried the figures. Everything else Qt says is
    printed as usual (the handler is the benchmark's, not the application's)."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def main(switches: int, only: tuple[str, ...] = ()) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

    quiet_qt_noise()
    app = QApplication([])
    from nkdesk.services import demo, patients
    from nkdesk.storage import passwords
    from nkdesk.storage.database import open_database
    from nkdesk.ui.main_window import MainWindow
    from nkdesk.ui.style import apply_style

    apply_style(app)
    passwords.COST_N = 2 ** 10   # sign-in is not what is measured
    db = Path(tempfile.mkdtemp()) / "nkdesk.sqlite3"
    store = open_database(db, create=True)
    demo.populate(store, "bench")
    store.close()
    window = MainWindow(db, sign_in=False, prompts=BenchPrompts("dr.tanaka", "tanaka-demo"))
    window.show()
    window.load_rest()
    assert window.sign_in()
    view = window.patient_view
    search = window.findChild(QLineEdit, "patient_search")
    title = window.findChild(QLabel, "patient_title")
    ids = {row.study_id: row.id for row in patients.search(window.session.store, "")}

    def settle() -> float:
        start = time.perf_counter()
        while view.pending_fills():
            app.processEvents()
        app.sendPostedEvents(None, QEvent.DeferredDelete)
        return time.perf_counter() - start

    def switch(study_id: str) -> tuple[float, float]:
        search.setFocus()
        search.selectAll()
        QTest.keyClicks(search, study_id)
        app.processEvents()
        start, cpu = time.perf_counter(), time.process_time()
        QTest.keyClick(search, Qt.Key_Return)
        app.processEvents()            # layout and paint of what is now on screen
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert title.text().startswith(study_id), title.text()
        return elapsed, cpu

    print(f"patient switch, {switches} switches per tab on screen: median ms (wall clock, and this process's "
          "CPU time, which a busy machine inflates less); ratio of the switch to the chart read")
    print(f"{'tab on screen':16} {'switch':>7} {'cpu':>6} {'chart read':>11} {'cpu':>6} {'ratio':>6} "
          f"{'all filled':>11}")
    for index in range(view.tabs.count()):
        name = view.tabs.tabText(index).replace("&", "")
        if only and not name.lower().startswith(tuple(o.lower() for o in only)):
            continue
        view.tabs.setCurrentIndex(index)
        settle()
        shown, shown_cpu, reads, reads_cpu, idle = [], [], [], [], []
        for i in range(switches):
            study_id = PATIENTS[i % len(PATIENTS)]
            # the baseline in the same run, alternating with the switch so that load affects both alike
            start, cpu = time.perf_counter(), time.process_time()
            patients.chart(window.session.store, ids[study_id])
            reads.append(time.perf_counter() - start)
            reads_cpu.append(time.process_time() - cpu)
            wall, cpu = switch(study_id)
            shown.append(wall)
            shown_cpu.append(cpu)
            idle.append(settle())
        s, sc, r, rc = (statistics.median(x) * 1000 for x in (shown, shown_cpu, reads, reads_cpu))
        print(f"{name:16} {s:7.1f} {sc:6.1f} {r:11.2f} {rc:6.2f} {s / r:6.1f} {statistics.median(idle) * 1000:11.1f}")
    window.close()
    window.shut_down()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40, tuple(sys.argv[2:]))
