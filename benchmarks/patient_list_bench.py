#!/usr/bin/env python3
"""Patient list benchmark (issue 16): a keystroke in the search box → the list filtered and repainted.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/patient_list_bench.py [--patients 10000]

Builds a database of N patients (default 10,000) through the audited write path in a temporary
folder, reads the roster as the window does (`services.patients.roster`, printed: it runs once per
save, not per keystroke), hands it to the real `PatientsPanel` (420×700 px, shown offscreen), and
times each keystroke of a realistic typing sequence — characters typed and erased, study IDs,
initials and hospital IDs, parts from the middle — from the key event to the end of a synchronous
repaint of the list (`viewport().repaint()`). Prints the median and the 95th percentile (target:
median ≤ 16 ms, one frame at 60 Hz) and the ratio to a natural baseline measured in the same run:
the same keystrokes in the same panel holding a ward of 125 patients.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nkdesk.services import auth, patients, users  # noqa: E402
from nkdesk.storage.database import open_database  # noqa: E402

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STATES = ("screening", "eligible", "on_treatment", "discontinued", "screen_failed")


def generate(path: Path, n: int) -> float:
    store = open_database(path, create=True)
    users.bootstrap_administrator(store, "bench", "admin", "Bench Admin", "bench-admin")
    admin = auth.sign_in(store, "admin", "bench-admin").value
    users.create_user(store, admin, "nurse", "Bench Nurse", "research_nurse", "bench-nurse-1")
    nurse = auth.sign_in(store, "nurse", "bench-nurse-1").value
    store.conn.execute("PRAGMA synchronous = OFF")   # generating only
    rng = random.Random(16)
    start = time.perf_counter()
    batch = 500
    for first in range(0, n, batch):
        with store.write(nurse, "patient.create") as tx:
            for k in range(first, min(n, first + batch)):
                pid = tx.insert("patients", {"study_id": f"HU-{k:05d}", "initials": rng.choice(LETTERS) +
                                             rng.choice(LETTERS), "sex": "F", "birth_date": "1960-05-01",
                                             "hospital_id": f"H{rng.randrange(10**7):07d}"})
                tx.insert("enrolments", {"patient_id": pid, "protocol_id": "jRCTb060200020",
                                         "status": rng.choice(STATES)})
    built = time.perf_counter() - start
    store.close()
    return built


def keystrokes(rng: random.Random) -> list[str]:
    """What a nurse types: whole IDs char by char, erased with Backspace; initials; middle parts."""
    words = [f"HU-{rng.randrange(10000):05d}" for _ in range(4)] + ["KM", "ty", "0123", "u-09", "H55", "999"]
    keys: list[str] = []
    for word in words:
        keys.extend(word)
        keys.extend(["\b"] * len(word))
    return keys


def time_keys(panel, app, keys: list[str]) -> list[float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    times = []
    for key in keys:
        start = time.perf_counter()
        if key == "\b":
            QTest.keyClick(panel.search, Qt.Key_Backspace)
        else:
            QTest.keyClick(panel.search, key)
        panel.table.viewport().repaint()
        panel.count.repaint()
        times.append((time.perf_counter() - start) * 1000)
    app.processEvents()
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000)
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from nkdesk.ui.patients_panel import PatientsPanel

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        built = generate(path, args.patients)
        store = open_database(path)
        loads = []
        for _ in range(5):
            start = time.perf_counter()
            roster = patients.roster(store)
            loads.append((time.perf_counter() - start) * 1000)
        store.close()
    rng = random.Random(7)
    keys = keystrokes(rng)
    results = {}
    for label, rows in (("ward of 125", roster[:125]), (f"{len(roster):,} patients", roster)):
        panel = PatientsPanel()
        panel.resize(420, 700)
        panel.show()
        start = time.perf_counter()
        panel.set_rows(rows)
        panel.table.viewport().repaint()
        handed = (time.perf_counter() - start) * 1000
        app.processEvents()
        time_keys(panel, app, keys[:10])                  # warm-up (fonts, first paints)
        times = time_keys(panel, app, keys)
        results[label] = (statistics.median(times), sorted(times)[int(0.95 * len(times)) - 1], handed)
        panel.close()
    print(f"generated {args.patients:,} patients in {built:.1f} s")
    print(f"roster read (services.patients.roster, once per save): median {statistics.median(loads):.1f} ms")
    for label, (median, p95, handed) in results.items():
        print(f"{label}: keystroke → list repainted: median {median:.2f} ms, 95th percentile {p95:.2f} ms "
              f"({len(keys)} keystrokes); roster handed to the list and painted {handed:.1f} ms")
    big = results[f"{len(roster):,} patients"][0]
    base = results["ward of 125"][0]
    print(f"ratio to the ward of 125 (same keystrokes, same panel): {big / base:.2f}×; "
          f"target median ≤ 16 ms: {'met' if big <= 16 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
