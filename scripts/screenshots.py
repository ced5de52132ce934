#!/usr/bin/env python3
"""Render every main screen of the window to docs/screenshots/*.png (offscreen, 1366×768).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

Builds a demo database in a temporary folder, signs in as the demo users, opens each screen and
grabs it. Look at every picture before resolving a UI change: a screen a nurse cannot read at
arm's length is a bug.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


class DemoPrompts:
    """Answers the window's questions as the demo users would."""

    def __init__(self, login):
        self.login = login

    def credentials(self, title, intro, authenticate, *, username="", fixed_user=False):
        return authenticate(*self.login) is None

    def problem(self, text):
        print("problem:", text)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from nkdesk.services import demo, patients
    from nkdesk.storage.database import open_database
    from nkdesk.ui.dialogs import CredentialsDialog, SignatureDialog
    from nkdesk.ui.main_window import MainWindow
    from nkdesk.ui.style import apply_style

    app = QApplication.instance() or QApplication([])
    apply_style(app)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "nkdesk.sqlite3"
        store = open_database(db, create=True)
        demo.populate(store, "screenshots")
        store.close()
        window = MainWindow(db, sign_in=False, prompts=DemoPrompts(("dr.tanaka", "tanaka-demo")))
        window.resize(1366, 768)
        window.show()
        window.load_rest()

        def shot(widget, name: str) -> None:
            app.processEvents()
            if widget is window and (window.width() > 1366 or window.height() > 768):
                print(f"WARNING: {name}: the window is {window.width()}×{window.height()}, more than 1366×768")
            widget.grab().save(str(OUT / f"{name}.png"))
            print("wrote", OUT / f"{name}.png")

        shot(window, "01-signed-out")
        dialog = CredentialsDialog("Sign in to NKDesk", f"Database: {db}", lambda u, p: None)
        dialog.username.setText("rn.ito")
        dialog.show()
        shot(dialog, "02-sign-in")
        dialog.close()
        window.sign_in()
        shot(window, "03-patients")
        if window.width() > 1366 or window.height() > 768:
            print(f"WARNING: the window grew to {window.width()}×{window.height()}: it must fit 1366×768")
        by_id = {p.study_id: p.id for p in patients.search(window.session.store, "")}
        view = window.patient_view
        window.patients.select(by_id["DEMO-001"])
        view.show_patient(by_id["DEMO-001"])
        shot(window, "04-overview")
        view.tabs.setCurrentWidget(view.eligibility)
        view.eligibility.wizard.go(1)
        shot(window, "05-eligibility-labs")
        view.eligibility.wizard.go(3)
        shot(window, "06-eligibility-review")
        window.patients.select(by_id["DEMO-002"])
        view.show_patient(by_id["DEMO-002"])
        view.tabs.setCurrentWidget(view.dosing)
        view.dosing.page.apheresis.setText("2026-12-05")
        shot(window, "07-dosing")
        signature = SignatureDialog("Dr Kenji Tanaka", "dose prescribed", "Filgrastim order for DEMO-002: 700.8 µg/day")
        signature.show()
        shot(signature, "08-signature")
        signature.close()
        view.tabs.setCurrentWidget(view.calendar)
        shot(window, "09-calendar-proposed")
        window.patients.select(by_id["DEMO-003"])
        view.show_patient(by_id["DEMO-003"])
        view.tabs.setCurrentWidget(view.calendar)
        shot(window, "10-calendar-stored")
        for index in range(view.tabs.count()):
            name = view.tabs.tabText(index).replace("&", "").lower().replace(" ", "-")
            if name in ("infusion", "adverse-events"):
                view.tabs.setCurrentIndex(index)
                shot(window, f"11-{name}")
        view.tabs.setCurrentWidget(view.infusion)
        window.toggle_patient_list()          # F9: the bedside grid gets the whole width
        shot(window, "12-infusion-bedside")
        window.toggle_patient_list()
        view.tabs.setCurrentWidget(view.labs)          # issue 16: dated labs on treatment
        for name, text in (("wbc", "52000"), ("hemoglobin", "8.5"), ("platelets", "4.0"), ("sodium", "128"),
                           ("albumin", "3.1"), ("calcium", "8.0")):
            view.labs.fields[name].value.setText(text)
        view.labs._show_preview()
        shot(window, "13-labs-entry")
        view.labs.inner.setCurrentIndex(1)
        view.labs.trend_analyte.setCurrentIndex(view.labs.trend_analyte.findData("hemoglobin"))
        shot(window, "14-labs-history")
        view.labs.inner.setCurrentIndex(0)
        window.lock_timer.stop()
        window.shut_down()


if __name__ == "__main__":
    main()
