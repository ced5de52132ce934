"""`nkdesk form NAME --patient STUDY_ID [--db PATH] --out FILE.pdf` as a terminal user runs it
(../shared/cli-contract.md, "Data commands"): every form for the demo database, bad input → exit 2."""
from __future__ import annotations

import getpass
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest

from nkdesk.services import demo
from tests.clirun import ROOT, in_process, nkdesk
from tests.forms.pdf import assert_numbered, flat, page_sizes, pages_text

NAMES = ("eligibility", "dose-order", "calendar", "vitals", "ae-log", "summary")   # the contract's list


@pytest.fixture(scope="module")
def _demo_made(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    made = nkdesk("demo", "--db", str(path))
    assert made.status == 0, made.err
    return path


@pytest.fixture
def demo_db(_demo_made, tmp_path):
    """A private copy of the demo database (and its anchor file) for one test."""
    from nkdesk.storage import audit

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(_demo_made, path)
    shutil.copyfile(audit.anchor_path(_demo_made), audit.anchor_path(path))
    return path


def _version() -> str:
    import nkdesk

    return nkdesk.__version__


# What the demo stores for DEMO-003 (services/demo.py): Hb entered as 118 g/L, platelets 15.2 10^4/uL,
# 62 in and 121 lb, signed by Dr Kenji Tanaka, a filgrastim order prescribed by Dr Tanaka and verified by
# Mika Suzuki, apheresis 17 days before today and infused today with vital signs and a fever AE.
def _expected(name: str, infused_on: date | None = None) -> list[str]:
    today, apheresis = date.today(), date.today() - timedelta(days=17)
    # the infusion started 70 minutes before the demo was made: just after midnight, the evening before
    infused_on = infused_on or today
    return {
        "eligibility": ["118 g/L", "15.2 ×10⁴/µL", "152 ×10⁹/L", "Dr Kenji Tanaka", "eligibility confirmed",
                        "Verdict: ELIGIBLE"],
        # the verified cycle-1 order from 62 in (× 2.54 = 157.48 cm) and 121 lb, verified by the pharmacist
        "dose-order": ["157.48 cm", "400 µg/m²", "ACTIVE", "Mika Suzuki", "Dr Kenji Tanaka"],
        "calendar": [apheresis.strftime("%a %Y-%m-%d"), today.strftime("%a %Y-%m-%d"), "IN PROGRESS"],
        # services/demo_bedside.py: systolic 86 at 30 min (acknowledged by Dr Sato), 38.3 °C at 60 min (open)
        "vitals": [f"Cycle 1 infusion, {infused_on.isoformat()} (in progress)", "86 !", "38.3 °C !", "Dr Yuki Sato",
                   "NOT ACKNOWLEDGED"],
        "ae-log": ["Fever", "Possible", "1 adverse event(s)"],
        "summary": ["Status: mid-infusion", "Dr Kenji Tanaka (investigator), eligibility confirmed"],
    }[name]


@pytest.mark.parametrize("name", NAMES)
def test_every_form_prints_for_the_demo_patient_through_the_real_command(name, demo_db, tmp_path):
    """A subprocess as a terminal user: exit 0, nothing on stderr, a PDF with the stored values, printed
    by the operating-system user at local time with its zone, the app version, page N of M."""
    out = tmp_path / f"{name}.pdf"
    result = nkdesk("form", name, "--patient", "DEMO-003", "--db", str(demo_db), "--out", str(out),
                    env={"TZ": "JST-9"})   # POSIX zone: JST, 9 h ahead of UTC, no tz database needed
    assert (result.status, result.err) == (0, ""), result.err
    assert str(out) in result.out
    texts = pages_text(out.read_bytes())
    assert_numbered(texts, "Subject DEMO-003", "Initials HS", "jRCTb060200020", f"NKDesk {_version()}",
                    f"by {getpass.getuser()} (operating-system user)", "JST (UTC+09:00)")
    text = " ".join(texts)
    with sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True) as db:      # what the demo stored
        started = db.execute("SELECT i.started_at FROM infusions i JOIN patients p ON p.id = i.patient_id "
                             "WHERE p.study_id = 'DEMO-003'").fetchone()[0]
    for expected in _expected(name, datetime.fromisoformat(started).date()):
        assert expected in text or flat(expected) in flat(text), expected


@pytest.mark.parametrize("study_id", [p.study_id for p in demo.PATIENTS])
def test_every_form_prints_for_every_demo_patient(study_id, demo_db, tmp_path, capsys):
    """Each demo patient's state (screening … not eligible) gives every form without an error."""
    for name in NAMES:
        out = tmp_path / f"{name}.pdf"
        result = in_process(capsys, "form", name, "--patient", study_id, "--db", str(demo_db), "--out", str(out))
        assert (result.status, result.err) == (0, ""), (name, result.err)
        assert_numbered(pages_text(out.read_bytes()), f"Subject {study_id}")


def test_json_answer_names_the_file_and_who_printed(demo_db, tmp_path, capsys):
    """--json: form, patient, out, bytes, printed_by, printed_at (ISO with offset)."""
    out = tmp_path / "s.pdf"
    result = in_process(capsys, "form", "summary", "--patient", "DEMO-002", "--db", str(demo_db), "--out", str(out),
                        "--json")
    assert result.status == 0
    payload = result.json
    assert payload["form"] == "summary" and payload["patient"] == "DEMO-002" and payload["out"] == str(out)
    assert payload["bytes"] == out.stat().st_size
    assert payload["printed_by"] == f"{getpass.getuser()} (operating-system user)"
    assert payload["printed_at"][-6] in "+-" and payload["printed_at"][-3] == ":"


@pytest.mark.parametrize("arguments, field", [
    (["form", "labels", "--patient", "DEMO-001"], "form"),                      # unknown NAME
    (["form", "summary", "--patient", "DEMO-999"], "--patient"),                # unknown patient
    (["form", "summary", "--patient", "DEMO-001", "--db", "{tmp}/none.sqlite3"], "--db"),   # no database
    (["form", "summary", "--patient", "DEMO-001", "--out", "{tmp}/missing/x.pdf"], "--out"),
    (["form", "summary", "--patient", "DEMO-001", "--out", "{tmp}"], "--out"),   # a folder
    (["form", "summary", "--patient", "DEMO-001", "--out", "{tmp}/file.txt/x.pdf"], "--out"),
])
def test_bad_input_exits_2_with_one_line_naming_the_field(arguments, field, demo_db, tmp_path, capsys):
    """Unknown form or patient, missing database, unwritable --out: exit 2, one line, no file written."""
    (tmp_path / "file.txt").write_text("not a folder")
    arguments = [a.replace("{tmp}", str(tmp_path)) for a in arguments]
    if "--db" not in arguments:
        arguments += ["--db", str(demo_db)]
    if "--out" not in arguments:
        arguments += ["--out", str(tmp_path / "out.pdf")]
    before = sorted(p.name for p in tmp_path.iterdir())
    result = in_process(capsys, *arguments)
    assert result.status == 2 and result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith(f"nkdesk: {field}: "), result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_missing_out_or_patient_is_a_usage_error(demo_db, capsys):
    """--out and --patient are required: exit 2 with one line, as every usage error."""
    for arguments in (["form", "summary", "--patient", "DEMO-001"], ["form", "summary", "--out", "x.pdf"]):
        result = in_process(capsys, *arguments, "--db", str(demo_db))
        assert result.status == 2 and result.err.count("\n") == 1


def test_a_failed_print_leaves_an_existing_file_alone(demo_db, tmp_path, capsys):
    """Writing is all or nothing: an unknown patient leaves what was at --out untouched."""
    out = tmp_path / "kept.pdf"
    out.write_bytes(b"earlier form")
    result = in_process(capsys, "form", "summary", "--patient", "NOPE", "--db", str(demo_db), "--out", str(out))
    assert result.status == 2 and out.read_bytes() == b"earlier form"


def test_printing_writes_nothing_to_the_database(demo_db, tmp_path, capsys):
    """A form is a read: no audit row, no record changed (storage records no reads; see docs/forms.md)."""
    def counts():
        with sqlite3.connect(demo_db) as conn:
            return [conn.execute(f"SELECT count(*), max(rowid) FROM {t}").fetchone()
                    for t in ("audit_log", "patients", "eligibility_assessments", "treatment_events")]
    before = counts()
    for name in NAMES:
        assert in_process(capsys, "form", name, "--patient", "DEMO-004", "--db", str(demo_db),
                          "--out", str(tmp_path / f"{name}.pdf")).status == 0
    assert counts() == before
    assert in_process(capsys, "verify", "--db", str(demo_db)).status == 0


def test_the_paper_size_comes_from_the_site_settings(demo_db, tmp_path, capsys):
    """A4 until the site chooses Letter (8.5 × 11 in = 612 × 792 pt), then Letter."""
    from nkdesk.services import auth, settings
    from nkdesk.storage.database import open_database

    out = tmp_path / "c.pdf"
    assert in_process(capsys, "form", "calendar", "--patient", "DEMO-002", "--db", str(demo_db),
                      "--out", str(out)).status == 0
    assert page_sizes(out.read_bytes())[0] == pytest.approx((595.28, 841.89), abs=0.5)   # A4, ISO 216
    with open_database(demo_db) as store:
        settings.change_settings(store, auth.sign_in(store, "admin", "admin-demo").value, {"paper_size": "Letter"})
    assert in_process(capsys, "form", "calendar", "--patient", "DEMO-002", "--db", str(demo_db),
                      "--out", str(out)).status == 0
    assert page_sizes(out.read_bytes())[0] == pytest.approx((612, 792), abs=0.5)


def test_the_parser_and_help_do_not_load_reportlab():
    """Building the CLI (every subcommand registered) imports no reportlab; `form --help` works."""
    probe = ("import sys; from nkdesk.cli import build_parser; build_parser(); "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pint', 'PySide6'}))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stdout + proc.stderr
    helped = nkdesk("form", "--help")
    assert helped.status == 0
    assert all(name in helped.out.replace("-\n", "-").replace(" ", "") for name in NAMES)   # argparse wraps at "-"
