#!/usr/bin/env python3
"""Render every main screen of the window to docs/screenshots/ (1366×768), in English or Japanese.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py            # docs/screenshots/*.png
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py --lang ja  # docs/screenshots/ja/*.png
    … --out DIR                                                                  # somewhere else

Builds a demo database in a temporary folder, signs in as a demo user, opens each screen as the
ward would see it (the patient list shown; the bedside grid also with the list hidden, F9) and grabs
the window. It warns when the window grew past 1366×768. Look at every picture before resolving a
window change: a screen a nurse cannot read at arm's length is a bug. (A walk on a real X screen with
keystrokes is the other half of looking: ../shared/tools/walk.sh.)
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (English file, Japanese file or None): the Japanese set is the main screens only
SHOTS = {
    "signed_out": ("01-signed-out", None), "sign_in": ("02-sign-in", "01-sign-in"),
    "patients": ("03-patients", "02-patient-list"), "overview": ("04-overview", "03-overview"),
    "eligibility_labs": ("05-eligibility-labs", "04-eligibility"),
    "eligibility_review": ("06-eligibility-review", None), "dosing": ("07-dosing", "05-dosing"),
    "signature": ("08-signature", None), "calendar_proposed": ("09-calendar-proposed", None),
    "calendar": ("10-calendar-stored", "06-calendar"), "infusion": ("11-infusion", "07-infusion"),
    "adverse_events": ("11-adverse-events", "08-adverse-events"),
    "bedside": ("12-infusion-bedside", None), "labs_entry": ("13-labs-entry", "09-labs"),
    "labs_history": ("14-labs-history", None),
}


class DemoPrompts:
    """Answers the window's questions as the demo users would."""

    def __init__(self, login: tuple[str, str]):
        self.login = login

    def credentials(self, title, intro, authenticate, *, username="", fixed_user=False):
        return authenticate(*self.login) is None

    def problem(self, text):
        print("problem:", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "ja"), default="en")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or (ROOT / "docs" / "screenshots" / ("ja" if args.lang == "ja" else ""))
    from PySide6.QtWidgets import QApplication

    from nkdesk.services import demo, patients
    from nkdesk.storage.database import open_database
    from nkdesk.ui import language
    from nkdesk.ui.dialogs import CredentialsDialog, SignatureDialog
    from nkdesk.ui.main_window import MainWindow
    from nkdesk.ui.style import apply_style

    app = QApplication.instance() or QApplication([])
    apply_style(app)
    language.apply(args.lang, app)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "nkdesk.sqlite3"
        store = open_database(db, create=True)
        demo.populate(store, "screenshots")
        store.close()
        window = MainWindow(db, sign_in=False, prompts=DemoPrompts(("dr.tanaka", "tanaka-demo")))
        window.resize(1366, 768)
        window.show()
        window.load_rest()

        def shot(widget, key: str) -> None:
            name = SHOTS[key][1 if args.lang == "ja" else 0]
            if name is None:
                return
            for _ in range(3):
                app.processEvents()
            if widget is window and (window.width() > 1366 or window.height() > 768):
                print(f"WARNING: {name}: the window is {window.width()}×{window.height()}, more than 1366×768")
            widget.grab().save(str(out / f"{name}.png"))
            print("wrote", out / f"{name}.png")

        shot(window, "signed_out")
        dialog = CredentialsDialog(app.translate("MainWindow", "Sign in to NKDesk"), f"{db}", lambda u, p: None)
        dialog.username.setText("rn.ito")
        dialog.show()
        shot(dialog, "sign_in")
        dialog.close()
        window.sign_in()
        shot(window, "patients")
        by_id = {p.study_id: p.id for p in patients.search(window.session.store, "")}
        view = window.patient_view

        def show(study_id: str, tab) -> None:
            window.patients.select(by_id[study_id])
            view.show_patient(by_id[study_id])
            view.tabs.setCurrentWidget(tab)

        show("DEMO-003", view.overview)
        shot(window, "overview")
        show("DEMO-001", view.eligibility)
        view.eligibility.wizard.go(1)
        shot(window, "eligibility_labs")
        view.eligibility.wizard.go(3)
        shot(window, "eligibility_review")
        show("DEMO-002", view.dosing)
        shot(window, "dosing")
        signature = SignatureDialog("Dr Kenji Tanaka", "dose prescribed", "Filgrastim order for DEMO-002")
        signature.show()
        shot(signature, "signature")
        signature.close()
        show("DEMO-001", view.calendar)
        shot(window, "calendar_proposed")
        show("DEMO-003", view.calendar)
        shot(window, "calendar")
        view.tabs.setCurrentWidget(view.infusion)
        shot(window, "infusion")
        view.tabs.setCurrentWidget(view.adverse_events)
        shot(window, "adverse_events")
        view.tabs.setCurrentWidget(view.infusion)
        window.toggle_patient_list()          # F9: the bedside grid gets the whole width
        shot(window, "bedside")
        window.toggle_patient_list()
        view.tabs.setCurrentWidget(view.labs)
        shot(window, "labs_entry")
        view.labs.inner.setCurrentIndex(1)
        shot(window, "labs_history")
        window.lock_timer.stop()
        window.shut_down()


if __name__ == "__main__":
    main()
