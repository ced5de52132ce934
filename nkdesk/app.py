"""The one place that wires NKDesk together: command line → paths → database → services → window.

Start-up is ordered for the ward: the window is shown (and painted) first, then everything the
first screen does not need is loaded from the event loop — the unit registry, the protocols, the
database — so the nurse sees NKDesk at once. `nkdesk gui --smoke` prints how long both took,
measured from the process start, and exits.
"""
from __future__ import annotations

import json
import sys

from nkdesk.startup import seconds_since_start


def run(args) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from nkdesk.paths import database_path
    from nkdesk.ui.main_window import MainWindow
    from nkdesk.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("NKDesk")
    app.setOrganizationName("NKDesk")
    apply_style(app)
    # the sign-in screen follows the workstation's locale; a user's own choice applies once signed in
    from nkdesk.ui import language

    language.apply(language.system_language(), app)
    smoke = bool(getattr(args, "smoke", False))
    timings: dict[str, float] = {}
    window = MainWindow(database_path(getattr(args, "db", None)), sign_in=not smoke)

    def on_first_paint() -> None:
        timings["shown_s"] = seconds_since_start()
        QTimer.singleShot(0, window.load_rest)

    def on_ready() -> None:
        # a zero timer fires once the queue is empty: the event loop is idle
        QTimer.singleShot(0, lambda: finish_smoke() if smoke else None)

    def finish_smoke() -> None:
        timings["ready_s"] = seconds_since_start()
        print(json.dumps({"shown_s": round(timings["shown_s"], 4), "ready_s": round(timings["ready_s"], 4)}))
        app.quit()

    window.first_painted.connect(on_first_paint)
    window.ready.connect(on_ready)
    window.show()
    status = app.exec()
    window.shut_down()
    return int(status)
