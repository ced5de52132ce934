#!/usr/bin/env python3
"""Storage benchmark: generated databases of 1,000 and 10,000 patients, 20 lab sets and 20 vital-sign sets each.

    .venv/bin/python benchmarks/storage_bench.py [--sizes 1000 10000] [--keep] [--verify] [--cache DIR]

For each size it prints (targets from issue 4):
- durable save of one lab set (6 results, 7 audit rows, synchronous=FULL, anchor written): median,
  target < 10 ms, and its ratio to a raw sqlite3 transaction inserting the same 7 rows with the same
  pragmas (WAL, synchronous=FULL) in the same folder, measured in the same run;
- durable save of one vital-sign set (issue 5: checked against the limits, NEWS2 computed, 1 row and
  its audit row, the patient's fever episodes re-read from their ~20 temperatures): median, target
  < 10 ms, and its ratio to a raw sqlite3 transaction inserting the same row with the same pragmas;
- opening one patient with all their data: median, target < 50 ms;
- searching patients by study ID and by initials: median, target < 50 ms;
- opening the database: median, to show it does not grow with the file;
- with --verify, the full `nkdesk verify` (a monitor's check, not part of opening), wall and CPU
  time (its second process included), and its ratio to SQLite's own `PRAGMA integrity_check` of
  the same file, measured in the same run (on a machine others load, CPU time is the steadier figure).
The databases are built through the real audited write path (each patient one transaction, with
synchronous=OFF while generating only) in a temporary folder, never in the repository. With
`--cache DIR` a database is built once into DIR (10,000 patients take about an hour on a loaded
2-core machine) and each run measures a fresh copy of it, so a run's saves never reach the cache.
"""
from __future__ import annotations

import argparse
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nkdesk.rules import quantities, units  # noqa: E402
from nkdesk.rules import vitals as vital_rules  # noqa: E402
from nkdesk.services import auth, measurements, patients, users, vitals  # noqa: E402
from nkdesk.storage import audit, verify  # noqa: E402
from nkdesk.storage import measurements as stored_measurements  # noqa: E402
from nkdesk.storage.database import open_database  # noqa: E402

LAB_SET = {"hemoglobin": "12.1 g/dL", "platelets": "15.2 10^4/uL", "wbc": "5600 /uL", "afp": "25 ng/mL",
           "pivka2": "420 mAU/mL", "albumin": "4.1 g/dL"}
SETS_PER_PATIENT = 20
VITALS = {"systolic_mmhg": 118, "diastolic_mmhg": 72, "pulse_per_min": 78, "resp_rate_per_min": 16,
          "temperature": "36.8 degC", "spo2_pct": 98, "acvpu": "A"}
# 20 vital-sign sets per patient: three infusions (cycles) with the protocol's 6 time points each, and
# 2 extra sets at the first.
TIME_POINTS = (0, 15, 30, 60, 120, 240)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (verify's second process)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


NURSE_PASSWORD = "bench-nurse"


def generate(path: Path, n_patients: int) -> float:
    store = open_database(path, create=True)
    users.bootstrap_administrator(store, "bench", "admin", "Bench Admin", "bench-admin")
    admin = auth.sign_in(store, "admin", "bench-admin").value
    users.create_user(store, admin, "nurse", "Bench Nurse", "research_nurse", NURSE_PASSWORD)
    nurse = auth.sign_in(store, "nurse", NURSE_PASSWORD).value
    recorded = {k: quantities.recorded(units.parse(v, analyte=k)) for k, v in LAB_SET.items()}
    signs = vital_rules.from_entry(VITALS)
    set_values = vitals.values_for(signs, vital_rules.assess(signs), "")
    store.conn.execute("PRAGMA synchronous = OFF")   # generating only; every measurement below uses FULL
    rng = random.Random(4)
    start = time.perf_counter()
    for n in range(n_patients):
        initials = rng.choice(LETTERS) + rng.choice(LETTERS)
        with store.write(nurse, "patient.create") as tx:
            pid = tx.insert("patients", {"study_id": f"P{n:05d}", "initials": initials, "sex": "F",
                                         "birth_date": "1960-05-01", "hospital_id": f"H{n:06d}"})
            tx.insert("enrolments", {"patient_id": pid, "protocol_id": "jRCTb060200020", "status": "on_treatment"})
            for k in range(SETS_PER_PATIENT):
                stored_measurements.insert_lab_set(tx, pid, date(2026, 1, 1) + timedelta(days=7 * k), recorded)
            _vital_sets(tx, pid, set_values)
    built = time.perf_counter() - start
    store.close()
    return built


def _vital_sets(tx, pid: int, set_values: dict) -> None:
    """Three cycles, each with its infusion given and its 6 scheduled sets; 2 extra sets at the first."""
    for cycle in range(3):
        day = datetime(2026, 1, 18, 10, 0) + timedelta(days=91 * cycle)
        cid = tx.insert("treatment_cycles", {"patient_id": pid, "protocol_id": "jRCTb060200020", "number": cycle + 1,
                                             "status": "completed"})
        iid = tx.insert("infusions", {"patient_id": pid, "cycle_id": cid, "bag_id": f"B{pid}-{cycle}",
                                      "status": "completed", "started_at": day, "ended_at": day + timedelta(hours=1)})
        slots = [{"scheduled_min": m} for m in TIME_POINTS] + ([{"extra_number": 1}, {"extra_number": 2}]
                                                              if cycle == 0 else [])
        for n, slot in enumerate(slots):
            minutes = slot.get("scheduled_min", 300 + 60 * n)
            tx.insert("vital_sign_sets", {"infusion_id": iid, "patient_id": pid, **slot,
                                          **dict(set_values, measured_at=day + timedelta(minutes=minutes),
                                                 offset_min=minutes)})


def raw_vitals_baseline(folder: Path, repeat: int, set_values: dict) -> float:
    """The same vital-sign row in one transaction, plain sqlite3, same pragmas."""
    from nkdesk.storage.transaction import encode

    conn = sqlite3.connect(folder / "raw_vitals.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    row = {"infusion_id": 1, "patient_id": 1, "extra_number": 1,
           **{k: encode(v) for k, v in set_values.items()}}
    conn.execute(f"CREATE TABLE IF NOT EXISTS vital_sign_sets (id INTEGER PRIMARY KEY, {', '.join(row)})")
    sql = f"INSERT INTO vital_sign_sets ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})"

    def save():
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql, list(row.values()))
        conn.execute("COMMIT")
    result = median_ms(save, repeat)
    conn.close()
    return result


def raw_baseline(folder: Path, repeat: int) -> float:
    """The same 7 rows (a set and 6 results) in one transaction, plain sqlite3, same pragmas."""
    conn = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS lab_sets (id INTEGER PRIMARY KEY, patient_id INT, sampled_on TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS lab_results (id INTEGER PRIMARY KEY, lab_set_id INT, analyte TEXT, "
                 "text TEXT, value REAL, unit TEXT, canonical_value REAL, canonical_unit TEXT)")

    def save():
        conn.execute("BEGIN IMMEDIATE")
        set_id = conn.execute("INSERT INTO lab_sets (patient_id, sampled_on) VALUES (1, '2026-11-21')").lastrowid
        for analyte, text in LAB_SET.items():
            conn.execute("INSERT INTO lab_results (lab_set_id, analyte, text, value, unit, canonical_value, "
                         "canonical_unit) VALUES (?, ?, ?, 1, 'u', 1, 'u')", (set_id, analyte, text))
        conn.execute("COMMIT")
    result = median_ms(save, repeat)
    conn.close()
    return result


def measure(path: Path, n_patients: int, run_verify: bool) -> dict:
    figures = {"open_ms": median_ms(lambda: open_database(path).close(), 20)}
    store = open_database(path)
    nurse = auth.sign_in(store, "nurse", NURSE_PASSWORD).value
    rng = random.Random(7)
    try:
        pid = lambda: rng.randint(1, n_patients)  # noqa: E731
        figures["save_set_ms"] = median_ms(
            lambda: measurements.record_labs(store, nurse, pid(), date(2026, 11, 21), LAB_SET), 100)
        clock = iter(range(10 ** 6))

        def save_vitals():
            patient = pid()
            infusion_id = (patient - 1) * 3 + 1       # each patient's first infusion (generated in order)
            when = datetime(2026, 1, 18, 18, 0) + timedelta(minutes=next(clock))
            signs = replace(vital_rules.from_entry(VITALS), measured_at=when)
            vitals.record_vital_signs(store, nurse, infusion_id, signs, extra=True)
        figures["save_vitals_ms"] = median_ms(save_vitals, 100)
        signs = vital_rules.from_entry(VITALS)
        figures["assess_ms"] = median_ms(lambda: vital_rules.assess(signs), 100)
        figures["chart_ms"] = median_ms(lambda: patients.chart(store, pid()), 50)
        figures["search_study_id_ms"] = median_ms(lambda: patients.search(store, f"P{pid() - 1:05d}"), 50)
        figures["search_initials_ms"] = median_ms(
            lambda: patients.search(store, rng.choice(LETTERS) + rng.choice(LETTERS)), 50)
        figures["parse_ms"] = median_ms(lambda: [units.parse(v, analyte=k) for k, v in LAB_SET.items()], 100)
        anchor = audit.read_anchor(path)
        figures["anchor_ms"] = median_ms(lambda: audit.write_anchor(path, anchor), 100)
        chart = patients.chart(store, 1)
        figures["rows_per_chart"] = sum(len(s.results) + 1 for s in chart.lab_sets)
        figures["vital_sets_per_chart"] = len(chart.vital_sets)
        figures["audit_rows"] = store.scalar("SELECT count(*) FROM audit_log")
    finally:
        store.close()
    if run_verify:
        wall, cpu = time.perf_counter(), cpu_seconds()
        report = verify.verify(path)
        figures["verify_s"], figures["verify_cpu_s"] = time.perf_counter() - wall, cpu_seconds() - cpu
        figures["verify_ok"] = report.ok
        figures["verify_rows"] = report.audit_rows
        figures["verify_problems"] = [p.message for p in report.problems[:3]]
        wall, cpu = time.perf_counter(), cpu_seconds()   # the natural baseline: SQLite's own full check
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        conn.execute("PRAGMA integrity_check").fetchall()
        conn.close()
        figures["integrity_s"], figures["integrity_cpu_s"] = time.perf_counter() - wall, cpu_seconds() - cpu
    figures["raw_save_ms"] = raw_baseline(path.parent, 100)
    signs = vital_rules.from_entry(VITALS)
    figures["raw_vitals_ms"] = raw_vitals_baseline(path.parent, 100,
                                                   vitals.values_for(signs, vital_rules.assess(signs), ""))
    figures["mb"] = path.stat().st_size / 1e6
    return figures


def built_copy(path: Path, size: int, cache: Path | None) -> float:
    """Generate the database at `path`; with a cache folder, generate it there once and copy it
    (the database, its anchor) to `path`. Returns the seconds the generation took (0 if cached)."""
    if cache is None:
        return generate(path, size)
    cached = cache / f"p{size}" / path.name
    built = 0.0
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(cached.name + ".building")
        for stale in partial.parent.glob(partial.name + "*"):
            stale.unlink()
        built = generate(partial, size)
        conn = sqlite3.connect(partial)            # one self-contained file: no -wal beside it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        Path(str(partial) + ".anchor.json").replace(Path(str(cached) + ".anchor.json"))
        partial.replace(cached)
    for source in cached.parent.glob(cached.name + "*"):
        if not source.name.endswith(("-wal", "-shm")):
            shutil.copyfile(source, path.parent / source.name)
    return built


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--keep", action="store_true", help="keep the generated databases")
    parser.add_argument("--verify", action="store_true", help="also time a full `nkdesk verify`")
    parser.add_argument("--cache", type=Path, default=None,
                        help="build each database once into this folder and measure a copy (e.g. /tmp/nkdesk-bench)")
    args = parser.parse_args(argv)
    units.registry()
    tmp = tempfile.mkdtemp(prefix="nkdesk-bench-")
    try:
        for size in args.sizes:
            folder = Path(tmp) / f"p{size}"
            folder.mkdir()
            path = folder / "nkdesk.sqlite3"
            built = built_copy(path, size, args.cache)
            f = measure(path, size, args.verify)
            print(f"\n{size:,} patients × {SETS_PER_PATIENT} lab sets and {SETS_PER_PATIENT} vital-sign sets: "
                  f"{f['audit_rows']:,} audit rows, "
                  f"{f['mb']:.0f} MB, generated in {built:.0f} s ({path})")
            print(f"  durable save of one lab set   {f['save_set_ms']:7.2f} ms median (target < 10)  "
                  f"raw sqlite3, same pragmas {f['raw_save_ms']:.2f} ms "
                  f"→ ratio {f['save_set_ms'] / f['raw_save_ms']:.1f}×")
            print(f"    of which: parsing the 6 values with their units {f['parse_ms']:.2f} ms, "
                  f"replacing the anchor file (write, fsync, rename) {f['anchor_ms']:.2f} ms")
            print(f"  durable save of one vital set {f['save_vitals_ms']:7.2f} ms median (target < 10)  "
                  f"raw sqlite3, same pragmas {f['raw_vitals_ms']:.2f} ms → ratio "
                  f"{f['save_vitals_ms'] / f['raw_vitals_ms']:.1f}×")
            print(f"    of which: limits and NEWS2 (rules.vitals.assess) {f['assess_ms']:.2f} ms")
            print(f"  open one patient, all data    {f['chart_ms']:7.2f} ms median (target < 50; "
                  f"{f['rows_per_chart']} lab rows, {f['vital_sets_per_chart']} vital-sign sets)")
            print(f"  search by study ID            {f['search_study_id_ms']:7.2f} ms median (target < 50)")
            print(f"  search by initials            {f['search_initials_ms']:7.2f} ms median (target < 50)")
            print(f"  open the database             {f['open_ms']:7.2f} ms median")
            if args.verify:
                print(f"  nkdesk verify (full)          {f['verify_s']:7.1f} s wall, {f['verify_cpu_s']:.1f} s CPU "
                      f"({f['verify_rows']:,} audit rows; sound: {f['verify_ok']}"
                      f"{'' if f['verify_ok'] else ': ' + '; '.join(f['verify_problems'])})")
                print(f"    SQLite's integrity_check alone {f['integrity_s']:.1f} s wall, {f['integrity_cpu_s']:.1f} s "
                      f"CPU → ratio {f['verify_s'] / f['integrity_s']:.1f}× wall, "
                      f"{f['verify_cpu_s'] / f['integrity_cpu_s']:.1f}× CPU")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
