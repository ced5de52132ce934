"""Start-up and typing latency of the window (issue 6). Prints; not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup_bench.py [runs]

- `nkdesk gui --smoke`: shown_s (process start → first paint) and ready_s (→ everything loaded,
  event loop idle), as ratios to a bare PySide6 QMainWindow measured the same way in the same run
  (targets: shown ≤ 1.5 × bare; ready ≤ 4 × bare and < 1 s);
- the time from a keystroke in a lab field to the updated verdict (target < 50 ms).
Runs alternate between the two programs so that machine load affects both alike.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_WINDOW = r"""
import nkdesk.startup as startup  # the same clock as nkdesk gui --smoke
import json
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Window(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            shown = startup.seconds_since_start()
            QTimer.singleShot(0, lambda: (
                print(json.dumps({"shown_s": shown, "ready_s": startup.seconds_since_start()})), app.quit()))

app = QApplication([])
window = Window()
window.setCentralWidget(QLabel("bare"))
window.resize(1366, 768)
window.show()
app.exec()
"""

KEYSTROKE = r"""
import json, statistics, time
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
from nkdesk.rules import protocol
from nkdesk.ui.eligibility_page import EligibilityWizard
page = EligibilityWizard(protocol.load())
page.load(json.load(open("tests/data/contract_example.json")))
page.show(); app.processEvents()
line = page.findChild(QLineEdit, "lab_hemoglobin_value")
samples = []
for i in range(200):
    t = time.perf_counter()
    QTest.keyClick(line, Qt.Key_Backspace if i % 2 else Qt.Key_1)
    app.processEvents()
    samples.append(time.perf_counter() - t)
print(json.dumps({"median_s": statistics.median(samples), "max_s": max(samples)}))
"""


def run_json(command: list[str], env: dict) -> dict:
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(runs: int = 15) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as home:
        env.update(XDG_DATA_HOME=f"{home}/data", XDG_CACHE_HOME=f"{home}/cache", NKDESK_DB=f"{home}/bench.sqlite3")
        run_json([sys.executable, "-m", "nkdesk", "gui", "--smoke"], env)  # warm caches once
        bare, app = [], []
        for _ in range(runs):
            bare.append(run_json([sys.executable, "-c", BARE_WINDOW], env))
            app.append(run_json([sys.executable, "-m", "nkdesk", "gui", "--smoke"], env))
        keys = run_json([sys.executable, "-c", KEYSTROKE], env)
    b_shown = statistics.median(r["shown_s"] for r in bare)
    a_shown = statistics.median(r["shown_s"] for r in app)
    a_ready = statistics.median(r["ready_s"] for r in app)
    print(f"runs: {runs} of each, alternating")
    print(f"bare PySide6 window, shown:   {b_shown * 1e3:7.1f} ms")
    print(f"nkdesk gui --smoke, shown_s:  {a_shown * 1e3:7.1f} ms   ratio {a_shown / b_shown:.2f} (target ≤ 1.5)")
    print(f"nkdesk gui --smoke, ready_s:  {a_ready * 1e3:7.1f} ms   ratio {a_ready / b_shown:.2f} (target ≤ 4, < 1 s)")
    print(f"keystroke → verdict, median:  {keys['median_s'] * 1e3:7.2f} ms   "
          f"max {keys['max_s'] * 1e3:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
