"""Failures of the file itself: read-only, full disk, not a database, a corrupted page.

Each must give a clear error naming the file and what to do, change nothing, and offer the last
good backup.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest

from nkdesk.services import measurements, patients
from nkdesk.storage import backup, verify
from nkdesk.storage.database import open_database
from nkdesk.storage.errors import CorruptDatabase, DiskFull, NotADatabase, ReadOnlyDatabase

NOBODY = 65534


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _in_unprivileged_process(fn):
    """Run fn() where file permissions apply: as is for a normal user; for root, in a forked child
    that has given up root (root may write a read-only file). Returns (exception name, message)."""
    def attempt():
        try:
            fn()
            return ("no error", "")
        except Exception as exc:
            return (type(exc).__name__, str(exc))
    if os.geteuid() != 0:
        return attempt()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(read)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(write, pickle.dumps(attempt()))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)


@pytest.fixture
def shared_dir():
    """A folder an unprivileged user can enter (pytest's own tmp folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="nkdesk-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def test_read_only_file_is_refused_with_the_file_named(shared_dir, cheap_passwords):
    """A read-only database is not opened for writing: the error names the file, says nothing
    changed and what to do, and offers the last good backup; the file stays as it was."""
    db = shared_dir / "nkdesk.sqlite3"
    open_database(db, create=True).close()
    good = backup.take(db)
    db.chmod(0o444)
    for side in (backup.folder(db), *backup.folder(db).iterdir(), *db.parent.glob(f"{db.name}-*")):
        side.chmod(0o755 if side.is_dir() else 0o644)   # private to the ward's account (issue 15); this test's
        # unprivileged user stands for that account, so it may read them
    before = _digest(db)
    name, message = _in_unprivileged_process(lambda: open_database(db).close())
    assert name == ReadOnlyDatabase.__name__
    assert str(db) in message and "read-only" in message and "nothing was changed" in message
    assert f"nkdesk restore {good.path}" in message
    assert _digest(db) == before


def test_file_that_turns_read_only_while_open_refuses_the_save(store, people):
    """A save on a medium that became read-only fails as ReadOnlyDatabase and writes nothing."""
    store.conn.execute("PRAGMA query_only = ON")   # what SQLite reports when the medium turns read-only
    with pytest.raises(ReadOnlyDatabase, match=str(store.path)):
        patients.create_patient(store, people.nurse, study_id="X-1", initials="AB")
    store.conn.execute("PRAGMA query_only = OFF")
    assert patients.search(store, "X-1") == []


def test_full_disk_refuses_the_save_and_keeps_the_database_sound(store, people, make_patient):
    """With no room left (PRAGMA max_page_count), a save fails as DiskFull naming the file and
    offering a backup; nothing of it is written; after room is made the same save succeeds."""
    patient = make_patient()
    good = backup.take(store.path)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    rows_before = store.scalar("SELECT count(*) FROM audit_log")
    many = {"hemoglobin": "12.1 g/dL", "platelets": "15.2 10^4/uL", "wbc": "5600 /uL", "afp": "25 ng/mL"}
    with pytest.raises(DiskFull) as caught:
        for _ in range(1, 200):  # fill the last free pages, then one save more
            measurements.record_labs(store, people.nurse, patient.id, date(2026, 1, 1), many, note="x" * 2000)
    message = str(caught.value)
    assert str(store.path) in message and "full" in message and str(good.path) in message
    saved_sets = store.scalar("SELECT count(*) FROM lab_sets")
    audit_rows = store.scalar("SELECT count(*) FROM audit_log")
    assert audit_rows - rows_before == saved_sets * (1 + len(many))   # every confirmed save whole, no part of the last
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    measurements.record_labs(store, people.nurse, patient.id, date(2026, 1, 2), many)
    store.close()
    assert verify.verify(store.path).ok


@pytest.mark.parametrize("content, kind", [
    (b"PK\x03\x04 this is a zip file, not a database" * 20, "not an SQLite file"),
    (b"", "an empty file"),
])
def test_file_that_is_not_a_database_is_refused_untouched(tmp_path, content, kind):
    """A file that is not an SQLite database is refused with its name, and left as it was."""
    path = tmp_path / "nkdesk.sqlite3"
    path.write_bytes(content)
    with pytest.raises(NotADatabase, match=kind) as caught:
        open_database(path)
    assert str(path) in str(caught.value) and "nothing was changed" in str(caught.value)
    assert path.read_bytes() == content


def test_database_of_another_program_is_refused_untouched(tmp_path):
    """An SQLite file with another program's tables is not taken over (no NKDesk tables added)."""
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotADatabase, match="another program"):
        open_database(path)
    assert _digest(path) == before


def _corrupt_page_of(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 64)   # an impossible b-tree page header


def test_corrupted_page_gives_a_clear_error_and_verify_finds_it(store, people, make_patient, capsys):
    """A damaged page is reported as CorruptDatabase naming the file and the last good backup when
    it is read; `nkdesk verify` exits 1 naming the damage; nothing is overwritten."""
    for _ in range(3):
        make_patient()
    good = backup.take(store.path)
    path = store.path
    store.close()
    _corrupt_page_of(path, "patients")
    damaged = _digest(path)
    reopened = open_database(path)   # opening does not read every page, so it still opens
    try:
        with pytest.raises(CorruptDatabase) as caught:
            patients.search(reopened, "")
    finally:
        reopened.close()
    message = str(caught.value)
    assert str(path) in message and "damaged" in message and str(good.path) in message
    assert _digest(path) == damaged
    from tests.clirun import in_process

    result = in_process(capsys, "verify", "--db", str(path))
    assert result.status == 1
    assert "damaged" in result.err or "integrity check failed" in result.err
