"""Sign-in time, phase by phase (ward walk: 5–12 s with no busy sign). Prints; not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/sign_in_bench.py [runs]

On a demo database with the real key-derivation parameters (storage.passwords: scrypt N=2^14,
r=8, p=1, for the password hash and again for unsealing the signing key), the median wall-clock
and CPU time (time.process_time; the machine is shared, CPU time is inflated less by others) of:
the password check alone (one scrypt, the natural baseline), `services.auth.sign_in` (check and
unseal), the window's first sign-in (the workspace built, the roster and the round read, the list
filled) and a later sign-in (the workspace already built); and the ratio of each to the baseline.
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

USER = ("rn.ito", "ito-ward-demo")


class BenchPrompts:
    def credentials(self, title, intro, authenticate, *, username="", fixed_user=False) -> bool:
        return authenticate(*USER) is None

    def problem(self, text: str) -> None:
        raise SystemExit(f"the window reported a problem: {text}")

    def __getattr__(self, name):
        raise SystemExit(f"the window asked an unexpected question: {name}")


def timed(action) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - start, time.process_time() - cpu


def main(runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from nkdesk.services import auth, demo
    from nkdesk.storage import passwords
    from nkdesk.storage import users as stored_users
    from nkdesk.storage.database import open_database
    from nkdesk.ui.main_window import MainWindow
    from nkdesk.ui.style import apply_style

    apply_style(app)
    db = Path(tempfile.mkdtemp()) / "nkdesk.sqlite3"
    store = open_database(db, create=True)
    demo.populate(store, "bench")
    stored_hash = stored_users.by_username(store, USER[0])["password_hash"]
    rows: dict[str, list[tuple[float, float]]] = {"password check (baseline)": [], "auth.sign_in": []}
    for _ in range(runs):
        rows["password check (baseline)"].append(timed(lambda: passwords.check_password(USER[1], stored_hash)))
        rows["auth.sign_in"].append(timed(lambda: auth.sign_in(store, *USER)))
    store.close()
    window = MainWindow(db, sign_in=False, prompts=BenchPrompts())
    window.show()
    window.load_rest()
    app.processEvents()

    def sign_in() -> None:
        assert window.sign_in()
        app.processEvents()           # the list painted

    rows["window: first sign-in"] = [timed(sign_in)]
    rows["window: later sign-in"] = []
    for _ in range(runs):
        window.sign_out(ask=False)
        app.processEvents()
        rows["window: later sign-in"].append(timed(sign_in))
    window.close()
    window.shut_down()
    base_wall = statistics.median(w for w, _ in rows["password check (baseline)"])
    print(f"sign-in phases, median of {runs} (first sign-in: once); scrypt N={passwords.COST_N}, "
          f"r={passwords.COST_R}, p={passwords.COST_P}")
    print(f"{'phase':28} {'wall ms':>8} {'cpu ms':>8} {'ratio':>6}")
    for name, samples in rows.items():
        wall = statistics.median(w for w, _ in samples) * 1000
        cpu = statistics.median(c for _, c in samples) * 1000
        print(f"{name:28} {wall:8.1f} {cpu:8.1f} {wall / (base_wall * 1000):6.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
