#!/usr/bin/env python3
"""Export benchmark: 1,000 patients with 20 lab sets and 20 vital-sign sets each, per format.

    .venv/bin/python benchmarks/export_bench.py [--patients 1000] [--repeat N] [--keep] [--db PATH] [--profile FMT]

The database is generated as benchmarks/storage_bench.py generates it (the real audited write
path, 6 results per lab set, 3 infusions per patient with 20 vital-sign sets). For each format it
prints the wall time of `nkdesk.services.export.export` (reading every chart and the audit stamps,
rendering, validating, writing), the bytes written, and, in the same run, a natural baseline:
reading the same charts through services.patients.chart and `json.dumps` of their values, so the
ratio says what the format and its validation cost on top of reading the data. Target (issue 17):
≤ 10 s per format for 1,000 patients. The process's CPU time is printed beside each wall time: on
a shared machine the wall time also counts the time other processes held the cores, and
`--repeat N` prints the fastest of N runs (a figure of the export, not of a busy machine); the
ratio of CPU times (export / baseline) is printed too, as the load moves wall times far more.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from storage_bench import generate  # noqa: E402  (the storage benchmark's generator: one way to build it)

from nkdesk.rules import units  # noqa: E402
from nkdesk.services import auth, export, patients  # noqa: E402
from nkdesk.storage import export_reads  # noqa: E402
from nkdesk.storage.database import open_database  # noqa: E402

TARGET_S = 10.0


def baseline(store) -> tuple[float, float, int]:
    """Every chart read through services.patients.chart, then json.dumps of all of it: the natural
    floor. (wall s, CPU s, bytes)"""
    start, cpu = time.perf_counter(), time.process_time()
    size = 0
    for pid, _sid in export_reads.patients_by_study_id(store):
        chart = patients.chart(store, pid)
        size += len(json.dumps(asdict(chart), default=str))
    return time.perf_counter() - start, time.process_time() - cpu, size


def profiled(store, actor, fmt: str, out: Path) -> None:
    """One more export of `fmt` under cProfile (slower than the timed run): where the time goes."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.runcall(export.export, store, actor, fmt, out)
    pstats.Stats(profile).sort_stats("tottime").print_stats(30)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--formats", nargs="+", default=list(export.FORMATS))
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the baseline and each export N times and print the fastest (wall and CPU)")
    parser.add_argument("--keep", action="store_true", help="keep the generated database and exports")
    parser.add_argument("--db", type=Path, help="use this database (generated there first if it does not exist)")
    parser.add_argument("--profile", metavar="FMT", help="also run FMT's export under cProfile and print the top 30")
    args = parser.parse_args(argv)
    units.registry()
    tmp = Path(tempfile.mkdtemp(prefix="nkdesk-export-bench-"))
    try:
        db = args.db or tmp / "bench.sqlite3"
        if not db.exists():
            built = generate(db, args.patients)
            print(f"generated {args.patients} patients (20 lab sets, 20 vital-sign sets each) in {built:.1f} s")
        else:
            print(f"using {db} (generated earlier)")
        store = open_database(db)
        try:
            runs = [baseline(store) for _ in range(args.repeat)]
            base_s, base_cpu, base_bytes = min(r[0] for r in runs), min(r[1] for r in runs), runs[0][2]
            print(f"baseline: read every chart + json.dumps: {base_s:.2f} s (CPU {base_cpu:.2f} s; "
                  f"{base_bytes / 1e6:.1f} MB of JSON)")
            actor = auth.os_actor(store, "bench")
            for fmt in args.formats:
                took = took_cpu = float("inf")
                for _ in range(args.repeat):
                    start, cpu = time.perf_counter(), time.process_time()
                    result = export.export(store, actor, fmt, tmp / fmt)
                    took = min(took, time.perf_counter() - start)
                    took_cpu = min(took_cpu, time.process_time() - cpu)
                verdict = "within" if took <= TARGET_S else "OVER"
                print(f"{fmt:7} {took:7.2f} s  (CPU {took_cpu:6.2f} s)  {result.bytes / 1e6:7.1f} MB  "
                      f"{took / base_s:5.2f}x baseline  (CPU {took_cpu / base_cpu:4.2f}x)  "
                      f"({verdict} the {TARGET_S:.0f} s target)")
            print(f"load average (1, 5, 15 min) on this machine: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
                  f"on {os.cpu_count()} cores")
            if args.profile:
                profiled(store, actor, args.profile, tmp / "profiled")
        finally:
            store.close()
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
