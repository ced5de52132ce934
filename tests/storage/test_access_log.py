"""Reads are recorded (issue 15): patient opened, form printed, export made — append-only, chained,
by whom (an NKDesk user or the operating-system user), and never counted as newer data."""
from __future__ import annotations

import getpass
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from nkdesk.services import auth, patients, trail
from nkdesk.storage import access_log, audit, verify
from nkdesk.storage.database import open_database
from nkdesk.storage.errors import PermissionDenied
from tests.clirun import in_process

PW = "correct-horse-1"


def _log(path: Path) -> list[tuple]:
    return sqlite3.connect(path).execute("SELECT username, what, study_ids, detail FROM access_log ORDER BY seq"
                                         ).fetchall()


def test_a_printed_form_is_recorded_as_the_operating_system_user(ward, capsys):
    result = in_process(capsys, "form", "summary", "--patient", "A-001", "--db", str(ward),
                        "--out", str(ward.parent / "summary.pdf"))
    assert result.status == 0, result.err
    (entry,) = _log(ward)
    assert entry[:3] == (f"os:{getpass.getuser()}", "form_printed", '["A-001"]')
    assert json.loads(entry[3]) == {"form": "summary"}


def test_an_export_is_recorded(ward, tmp_path, capsys):
    result = in_process(capsys, "export", "fhir", "--db", str(ward), "--out", str(tmp_path / "out"))
    assert result.status == 0, result.err
    (entry,) = _log(ward)
    assert entry[1:3] == ("export", '["A-001"]') and json.loads(entry[3])["format"] == "fhir"


def test_opening_a_patient_and_the_administrators_view(ward, cheap_passwords):
    store = open_database(ward)
    try:
        nurse = auth.sign_in(store, "nurse", PW).value
        admin = auth.sign_in(store, "admin", PW).value
        patient = patients.by_study_id(store, "A-001")
        trail.patient_opened(store, nurse, patient.id)
        (entry,) = trail.access_entries(store, admin)
        assert (entry.username, entry.what, entry.study_ids, entry.workstation) == \
            ("nurse", "patient_opened", ("A-001",), store.workstation)
        with pytest.raises(PermissionDenied):
            trail.access_entries(store, nurse)
        head = audit.head(store.conn)
    finally:
        store.close()
    assert audit.head(sqlite3.connect(ward)) == head   # a read is not in the audit trail


def test_the_access_log_is_append_only_and_chained(ward, capsys):
    in_process(capsys, "form", "summary", "--patient", "A-001", "--db", str(ward), "--out", str(ward.parent / "a.pdf"))
    in_process(capsys, "form", "calendar", "--patient", "A-001", "--db", str(ward), "--out", str(ward.parent / "b.pdf"))
    conn = sqlite3.connect(ward)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM access_log WHERE seq = 1")
    conn.execute("DROP TRIGGER access_log_no_delete")
    conn.execute("DELETE FROM access_log WHERE seq = 1")
    conn.execute(access_log_trigger())
    conn.commit()
    report = verify.verify(ward)
    assert [p.kind for p in report.problems] == ["access_log"]


def access_log_trigger() -> str:
    return ("CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log\n"
            "    BEGIN SELECT RAISE(ABORT, 'access_log is append-only: rows cannot be deleted'); END")


def test_a_read_only_database_prints_and_logs_beside_it(ward, tmp_path):
    """As an unprivileged user: `form` prints from a read-only database (mode=ro) and records the
    read in a log file — beside the database when its folder is writable, else the user data folder."""
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "ward.sqlite3"
    shutil.copyfile(ward, target)
    shutil.copyfile(audit.anchor_path(ward), audit.anchor_path(target))
    before = target.read_bytes()
    target.chmod(0o444)
    out, home = tmp_path / "out", tmp_path / "home"
    out.mkdir()
    home.mkdir()
    for p in (folder, out, home, tmp_path):
        os.chown(p, 65534, 65534) if p != folder else None
    tmp_path.chmod(0o755)
    for parent in tmp_path.parents:
        if parent != Path("/") and parent.stat().st_mode & 0o005 != 0o005:
            parent.chmod(parent.stat().st_mode | 0o005)
    folder.chmod(0o555)
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    try:
        done = subprocess.run(["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", sys.executable,
                               "-m", "nkdesk", "form", "summary", "--patient", "A-001", "--db", str(target),
                               "--out", str(out / "s.pdf")], capture_output=True, text=True, env=env, timeout=120,
                              cwd=Path(__file__).parent.parent.parent)
        assert done.returncode == 0, done.stderr
        assert (out / "s.pdf").read_bytes().startswith(b"%PDF") and target.read_bytes() == before
        logged = list((home / "data").rglob("access-log-*.jsonl"))
        assert len(logged) == 1
        entry = json.loads(logged[0].read_text().splitlines()[-1])
        assert (entry["what"], entry["username"], entry["db"]) == ("form_printed", "os:nobody", str(target))
    finally:
        folder.chmod(0o755)


def test_the_file_log_is_chained_too(tmp_path):
    db = tmp_path / "x.sqlite3"
    for n in range(3):
        access_log._append_to_file(db, ["t", "t", None, "os:x", "ws", "export", f'["P-{n}"]', "{}"])
    rows = [json.loads(line) for line in access_log.file_path(db).read_text().splitlines()]
    assert [r["seq"] for r in rows] == [1, 2, 3] and rows[1]["prev_hash"] == rows[0]["hash"]
    assert (access_log.file_path(db).stat().st_mode & 0o777) == 0o600
