#!/usr/bin/env python3
"""Render every paper form to PDF and each page to PNG (pdftoppm) under docs/forms/, for review.

    .venv/bin/python scripts/render_forms.py [--out DIR] [--dpi 100]

A demo database is built in a temporary folder (scripts/form_examples.py: `nkdesk demo` plus a
verified dose order for DEMO-003). Each form is printed for DEMO-003 through the same path as
`nkdesk form` (nkdesk.services.printing.make_pdf), then the variants worth looking at: a draft
eligibility checklist (DEMO-001), a dose calculation with no order stored (DEMO-002), a
discontinued patient's summary (DEMO-004), and the vitals record, AE log (with its serious-event
reports) and summary with invented vital signs and adverse events fed through the storage adapters
(`*-example`), since storage Needs poppler-utils (pdftoppm).
"""
from __future__ import annotations

import argparse
import getpass
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

# (file stem, form, patient, with the example vital signs and AEs)
RENDERINGS = (
    ("eligibility", "eligibility", "DEMO-003", False),
    ("dose-order", "dose-order", "DEMO-003", False),
    ("calendar", "calendar", "DEMO-003", False),
    ("vitals", "vitals", "DEMO-003", False),
    ("ae-log", "ae-log", "DEMO-003", False),
    ("summary", "summary", "DEMO-003", False),
    ("eligibility-draft", "eligibility", "DEMO-001", False),
    ("dose-order-calculation", "dose-order", "DEMO-002", False),
    ("summary-discontinued", "summary", "DEMO-004", False),
    ("vitals-example", "vitals", "DEMO-003", True),
    ("ae-log-example", "ae-log", "DEMO-003", True),
    ("summary-example", "summary", "DEMO-003", True),
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "forms")
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: apt-get install -y poppler-utils", file=sys.stderr)
        return 2
    import form_examples

    from nkdesk.services import auth, printing
    from nkdesk.services import settings as site_settings
    from nkdesk.storage import patients
    from nkdesk.storage.database import open_database

    args.out.mkdir(parents=True, exist_ok=True)
    for old in [*args.out.glob("*.png"), *args.out.glob("*.pdf")]:
        old.unlink()
    start = form_examples.infusion_start()
    with (
        tempfile.TemporaryDirectory() as folder,
        open_database(form_examples.demo_database(Path(folder) / "demo.sqlite3")) as store,
    ):
        settings = site_settings.load(store)
        actor = auth.os_actor(store, getpass.getuser())
        for stem, name, study_id, examples in RENDERINGS:
            pdf = args.out / f"{stem}.pdf"
            patient = patients.by_study_id(store, study_id)
            if examples:
                with form_examples.with_examples(start):
                    printing.make_pdf(name, store, patient, actor, settings, out=pdf)
            else:
                printing.make_pdf(name, store, patient, actor, settings, out=pdf)
            subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(args.out / stem)], check=True)
            pages = sorted(args.out.glob(f"{stem}-[0-9]*.png"))
            print(f"{pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf}: {len(pages)} page(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
