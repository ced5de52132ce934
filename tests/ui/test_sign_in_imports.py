"""Signing in does not load the PDF machinery (sign-in bench: importing reportlab for the calendar
form's event words cost 0.15–0.45 s of the first sign-in). The window signs in, opens a mid-infusion
patient and shows every tab, in a fresh process (this test process has long since loaded
reportlab); reportlab must still be absent — it loads when something is printed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = r'''
import sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
from nkdesk.services import demo, patients
from nkdesk.storage.database import open_database
from nkdesk.ui.main_window import MainWindow
app = QApplication([])
folder = Path(tempfile.mkdtemp())
store = open_database(folder / "db.sqlite3", create=True)
demo.populate(store, "probe")
store.close()
class Prompts:
    def credentials(self, title, intro, authenticate, **kw):
        return authenticate("rn.ito", "ito-ward-demo") is None
    def problem(self, text):
        raise SystemExit(text)
window = MainWindow(folder / "db.sqlite3", sign_in=False, prompts=Prompts())
window.resize(1366, 768)
window.show()
window.load_rest()
assert window.sign_in()
view = window.patient_view
view.show_patient(next(p.id for p in patients.search(window.session.store, "DEMO-003")))
for index in range(view.tabs.count()):
    view.tabs.setCurrentIndex(index)
    app.processEvents()
print("LOADED" if "reportlab" in sys.modules else "ABSENT")
window.lock_timer.stop()
window.shut_down()
'''


def test_signing_in_and_showing_every_tab_does_not_load_reportlab():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300, env=env,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "ABSENT"
