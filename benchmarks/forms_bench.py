"""Time to make each paper form for a typical demo patient (issue 7: target < 300 ms each). Prints; not a test.

    .venv/bin/python benchmarks/forms_bench.py [--runs 15]

The patient is DEMO-003 of a demo database built in a temporary folder (scripts/form_examples.py:
signed eligibility, a verified dose order, cycle 1 mid-infusion) with the example first infusion's
7 vital-sign sets and 5 adverse events (2 serious) fed through the storage adapters, since storage
Each figure is the median of --runs calls of `printing.make_pdf` (read
from the database, lay out, render, embed font subsets), after one warm-up call that registers the
fonts. Baselines, measured in the same run: reportlab making a one-page document with one
paragraph in its built-in Helvetica, and the same with NKDesk's embedded DejaVu Sans.
"""
from __future__ import annotations

import argparse
import getpass
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
TARGET_MS = 300


def median_ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def one_paragraph(font: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [Paragraph("Filgrastim 400 µg/m² subcutaneously once daily.", ParagraphStyle("p", fontName=font))])
    return buffer.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    import form_examples

    from nkdesk.forms import catalogue
    from nkdesk.forms.base import FONT, register_font
    from nkdesk.services import auth, printing
    from nkdesk.services import settings as site_settings
    from nkdesk.storage import patients
    from nkdesk.storage.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        path = form_examples.demo_database(Path(folder) / "demo.sqlite3")
        with open_database(path) as store, form_examples.with_examples(form_examples.infusion_start()):
            settings = site_settings.load(store)
            actor = auth.os_actor(store, getpass.getuser())
            patient = patients.by_study_id(store, form_examples.PATIENT)
            start = time.perf_counter()
            printing.make_pdf("summary", store, patient, actor, settings)
            first_ms = (time.perf_counter() - start) * 1000
            helvetica = median_ms(lambda: one_paragraph("Helvetica"), args.runs)
            register_font()
            dejavu = median_ms(lambda: one_paragraph(FONT), args.runs)
            print(f"forms for {form_examples.PATIENT}, median of {args.runs} runs (target < {TARGET_MS} ms each)")
            print(f"  baseline: reportlab, one page, one paragraph, Helvetica      {helvetica:7.1f} ms")
            print(f"  baseline: the same in embedded DejaVu Sans                  {dejavu:7.1f} ms")
            print(f"  first form of the process (font files loaded, summary)      {first_ms:7.1f} ms")
            print(f"  {'form':14} {'pages':>5} {'median':>9} {'× Helvetica':>12} {'× DejaVu':>9}  target")
            for name in catalogue.names():
                pdf = printing.make_pdf(name, store, patient, actor, settings)
                pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")
                ms = median_ms(lambda name=name: printing.make_pdf(name, store, patient, actor, settings), args.runs)
                verdict = "ok" if ms < TARGET_MS else "OVER"
                print(f"  {name:14} {pages:5d} {ms:7.1f} ms {ms / helvetica:11.1f}× {ms / dejavu:8.1f}×  {verdict}")
        out = Path(folder) / "summary.pdf"
        command = [sys.executable, "-m", "nkdesk", "form", "summary", "--patient", form_examples.PATIENT,
                   "--db", str(path), "--out", str(out)]
        samples = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
            samples.append(time.perf_counter() - start)
        print(f"  `nkdesk form summary` end to end (new process, median of 5): "
              f"{statistics.median(samples) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
