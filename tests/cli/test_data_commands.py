"""`nkdesk demo`, `backup`, `restore` and `verify` as a terminal user runs them (cli-contract.md)."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from nkdesk.services import demo
from tests.clirun import in_process, nkdesk


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def _demo_made(tmp_path_factory):
    """`nkdesk demo` run once as a terminal user would (a second creation costs ~1 s of scrypt)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    result = nkdesk("demo", "--db", str(path))
    assert result.status == 0, result.err
    return path, result


@pytest.fixture
def demo_db(_demo_made, tmp_path):
    """A private copy of that demo database (and its anchor file) for one test."""
    import shutil

    from nkdesk.storage import audit

    made, result = _demo_made
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(made, path)
    shutil.copyfile(audit.anchor_path(made), audit.anchor_path(path))
    return path, result


def test_demo_creates_accounts_for_every_role_and_prints_them(demo_db):
    """`nkdesk demo` creates the file and prints each role's username and password, and the patients."""
    path, result = demo_db
    assert path.exists() and result.err == ""
    for account in demo.ACCOUNTS:
        assert account.username in result.out and account.password in result.out
    for label in ("administrator", "investigator", "pharmacist", "research nurse"):
        assert label in result.out
    for state in ("screening", "eligible, awaiting dose", "mid-infusion", "discontinued"):
        assert state in result.out


def test_demo_again_on_a_demo_database_changes_nothing(demo_db):
    """Re-running on a demo-only database exits 0, reports it was already there, writes no row."""
    path, _ = demo_db
    rows = sqlite3.connect(path).execute("SELECT count(*) FROM audit_log").fetchone()[0]
    again = nkdesk("demo", "--db", str(path), "--json")
    assert again.status == 0 and again.json["created"] is False
    assert {p["study_id"] for p in again.json["patients"]} == {p.study_id for p in demo.PATIENTS}
    assert sqlite3.connect(path).execute("SELECT count(*) FROM audit_log").fetchone()[0] == rows


def test_demo_refuses_a_database_with_other_data_unless_forced(tmp_path, cheap_passwords, capsys):
    """A database holding a real patient is refused (exit 2, one line); --force backs it up first."""
    from nkdesk.services import auth, patients, users
    from nkdesk.storage.database import open_database

    path = tmp_path / "ward.sqlite3"
    with open_database(path, create=True) as store:
        users.bootstrap_administrator(store, "it", "admin", "Admin", "admin-pass")
        admin = auth.sign_in(store, "admin", "admin-pass").value
        users.create_user(store, admin, "nurse", "Nurse", "research_nurse", "nurse-pass")
        nurse = auth.sign_in(store, "nurse", "nurse-pass").value
        patients.create_patient(store, nurse, study_id="REAL-001", initials="RP")
    before = _digest(path)
    refused = in_process(capsys, "demo", "--db", str(path))
    assert refused.status == 2 and refused.err.count("\n") == 1
    assert refused.err.startswith("nkdesk: --db: ") and "--force" in refused.err
    assert _digest(path) == before
    forced = in_process(capsys, "demo", "--db", str(path), "--force", "--json")
    assert forced.status == 0 and forced.json["created"] is True
    kept = forced.json["replaced_backup"]
    assert [r[0] for r in sqlite3.connect(kept).execute("SELECT study_id FROM patients")] == ["REAL-001"]
    assert "REAL-001" not in {p["study_id"] for p in forced.json["patients"]}


def test_demo_refuses_a_file_that_is_not_a_database(tmp_path, capsys):
    """A non-database file is refused (exit 2) and, with --force, kept byte for byte first."""
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"ward notes, not a database")
    assert in_process(capsys, "demo", "--db", str(path)).status == 2
    forced = in_process(capsys, "demo", "--db", str(path), "--force", "--json")
    assert forced.status == 0
    assert Path(forced.json["replaced_backup"]).read_bytes() == b"ward notes, not a database"


def test_backup_restore_and_verify_round_trip(demo_db, tmp_path):
    """backup → a verified copy; verify → 0; restore puts it back after backing up the current file."""
    path, _ = demo_db
    out = tmp_path / "copies"
    out.mkdir()
    made = nkdesk("backup", "--db", str(path), "--to", str(out), "--json")
    assert made.status == 0, made.err
    copy = made.json["backup"]
    assert made.json["verified"] is True and made.json["integrity"] == "ok"
    assert made.json["anchor"]["count"] > 0 and copy.startswith(str(out))
    checked = nkdesk("verify", "--db", str(path), "--json")
    assert checked.status == 0 and checked.json["ok"] is True
    assert nkdesk("verify", "--db", copy).status == 0   # a backup verifies against its manifest
    restored = nkdesk("restore", copy, "--db", str(path), "--json")
    assert restored.status == 0, restored.err
    assert restored.json["replaced_backup"] and restored.json["restored_from"] == copy
    assert nkdesk("verify", "--db", str(path)).status == 0


def test_backup_refuses_to_overwrite(demo_db, tmp_path, capsys):
    """`--to` an existing file: exit 2, one line, the file untouched."""
    path, _ = demo_db
    existing = tmp_path / "exists.sqlite3"
    existing.write_bytes(b"keep me")
    result = in_process(capsys, "backup", "--db", str(path), "--to", str(existing))
    assert result.status == 2 and result.err.count("\n") == 1 and "already exists" in result.err
    assert existing.read_bytes() == b"keep me"


@pytest.mark.parametrize("command", ["verify", "backup"])
def test_missing_database_is_bad_input(tmp_path, capsys, command):
    """A database path with no file: exit 2 with one line naming it."""
    missing = tmp_path / "nowhere.sqlite3"
    result = in_process(capsys, command, "--db", str(missing))
    assert result.status == 2 and result.err.count("\n") == 1 and str(missing) in result.err


def test_database_from_the_environment(demo_db):
    """Without --db, NKDESK_DB names the database."""
    path, _ = demo_db
    result = nkdesk("verify", "--json", env={"NKDESK_DB": str(path)})
    assert result.status == 0 and result.json["db"] == str(path)


def test_data_commands_never_load_qt(demo_db):
    """demo, backup and verify run without importing PySide6."""
    path, _ = demo_db
    code = ("import sys; from nkdesk.cli import main; "
            f"main(['verify', '--db', {str(path)!r}]); main(['demo', '--db', {str(path)!r}]); "
            "import nkdesk.services.demo, nkdesk.storage.restore; "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    import subprocess
    import sys

    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_demo_prints_the_treatment_and_bedside_records(demo_db):
    """The printed summary says what each treated patient has: orders, the infusion, sets and alerts,
    AEs, pending proposals, the stop decision."""
    _, result = demo_db
    lines = {line.split()[0]: line for line in result.out.splitlines() if line.startswith("  DEMO-")}
    details = result.out.split(lines["DEMO-003"])[1].splitlines()[1]
    for words in ("dose order verified", "infusion in progress", "4 vital-sign sets (1 alert open)",
                  "1 adverse event", "1 AE proposal pending"):
        assert words in details
    assert "dose order prescribed, awaiting verification" in result.out.split(lines["DEMO-002"])[1].splitlines()[1]
    assert "treatment discontinued" in result.out.split(lines["DEMO-004"])[1].splitlines()[1]


@pytest.mark.parametrize("sql, record", [
    # an alert "acknowledged" around NKDesk: nobody named in the trail
    ("UPDATE vital_alerts SET acknowledged_by = 2, acknowledged_by_name = 'x', acknowledged_at = '2026-01-01' "
     "WHERE acknowledged_at IS NULL", "vital_alerts #"),
    ("UPDATE vital_sign_sets SET temperature_canonical_value = 37.0 WHERE scheduled_min = 60", "vital_sign_sets #"),
    ("UPDATE adverse_events SET grade = 1, worst_grade = 1, relatedness = 'unrelated'", "adverse_events #"),
    ("DELETE FROM ae_proposals WHERE status = 'open'", "ae_proposals #"),
    ("UPDATE infusions SET infectious_disease = 'positive'", "infusions #"),
    ("UPDATE stop_proposals SET status = 'dismissed'", "stop_proposals #"),
])
def test_verify_catches_tampering_in_the_bedside_tables(demo_db, sql, record):
    """A bedside record changed with raw SQL (around the trail) makes `nkdesk verify` exit 1 naming it."""
    path, _ = demo_db
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()
    checked = nkdesk("verify", "--db", str(path), "--json")
    assert checked.status == 1 and checked.json["first_bad"]["record"].startswith(record)
