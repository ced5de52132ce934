"""Opening the database: pragmas, migrations, newer files refused, network folders."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from nkdesk.storage import backup, fs, migrations
from nkdesk.storage.database import open_database
from nkdesk.storage.errors import DatabaseBusy, DatabaseMissing, NetworkFilesystem, NewerDatabase


def test_new_database_is_durable_and_checked(store):
    """A new database uses WAL, synchronous=FULL (2) and foreign keys, with every schema step applied."""
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == migrations.STEPS


def test_missing_database_is_not_created_unless_asked(db_path):
    """Opening a path with no file raises DatabaseMissing naming it, and creates nothing."""
    with pytest.raises(DatabaseMissing, match=str(db_path)):
        open_database(db_path)
    assert not db_path.exists()


def test_newer_database_is_refused_and_left_untouched(store, db_path):
    """A file with a schema step this version does not know is refused; its bytes stay the same."""
    store.conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                       "VALUES ('nkdesk', 'm999_from_the_future', '2031-01-01')")
    store.conn.commit()
    store.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(NewerDatabase) as caught:
        open_database(db_path)
    assert "m999_from_the_future" in str(caught.value) and str(db_path) in str(caught.value)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /home nfs4 rw,relatime 0 0
//filer/profiles /mnt/profiles cifs rw 0 0
/dev/sdb1 /mnt/profiles/local ext4 rw 0 0
//filer/ward\\040data /mnt/ward\\040data smb3 rw 0 0
"""


@pytest.mark.parametrize("path, fs_type, network", [
    ("/var/lib/nkdesk/db.sqlite3", "ext4", False),
    ("/home/nurse/.local/share/NKDesk/nkdesk.sqlite3", "nfs4", True),
    ("/mnt/profiles/u1/nkdesk.sqlite3", "cifs", True),
    ("/mnt/profiles/local/nkdesk.sqlite3", "ext4", False),   # the longest mount point wins
    ("/mnt/ward data/nkdesk.sqlite3", "smb3", True),          # /proc/mounts escapes spaces as \040
])
def test_filesystem_type_from_mount_table(path, fs_type, network):
    """The file-system type is that of the longest mount point containing the path."""
    found = fs.filesystem_type(path, MOUNTS)
    assert found == fs_type
    assert (found in fs.NETWORK_TYPES) is network


def test_network_folder_gets_rollback_journal_and_one_writer(db_path, cheap_passwords, monkeypatch):
    """On a network folder: rollback journal, exclusive locking, and a second writer refused by name."""
    monkeypatch.setattr(fs, "is_network", lambda path: True)
    first = open_database(db_path, create=True)
    try:
        assert first.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert first.conn.execute("PRAGMA locking_mode").fetchone()[0] == "exclusive"
        assert fs.WriterLock(db_path).path.exists()
        with pytest.raises(DatabaseBusy, match="only one workstation may write"):
            open_database(db_path)
    finally:
        first.close(take_backup=True)   # the exit backup reads through the writer's own connection
    assert not fs.WriterLock(db_path).path.exists()
    assert [b.kind for b in backup.list_backups(db_path)] == ["exit"]
    open_database(db_path).close()  # free again once the first writer closed


def test_network_folder_can_be_refused(db_path, monkeypatch):
    """With the refuse policy a network folder is not opened at all, and nothing is created."""
    monkeypatch.setattr(fs, "is_network", lambda path: True)
    monkeypatch.setattr(fs, "filesystem_type", lambda path, mounts_text=None: "nfs4")
    with pytest.raises(NetworkFilesystem, match="nfs4"):
        open_database(db_path, create=True, network_policy="refuse")
    assert not db_path.exists()


def test_stale_writer_lock_of_a_dead_process_is_cleared(db_path, cheap_passwords, monkeypatch):
    """A lock file left by a crashed run on this workstation does not block the next start."""
    import json
    import socket

    monkeypatch.setattr(fs, "is_network", lambda path: True)
    open_database(db_path, create=True).close()
    fs.WriterLock(db_path).path.write_text(json.dumps({"host": socket.gethostname(), "pid": 2 ** 22 + 7,
                                                       "user": "x", "since": "earlier"}))
    open_database(db_path).close()


def test_opening_does_not_scan_the_whole_file(store, db_path, make_patient):
    """Opening runs no integrity check: it stays fast however big the file (see the benchmark)."""
    make_patient()
    store.close()
    statements = []
    conn_factory = sqlite3.connect

    def tracing_connect(*args, **kwargs):
        conn = conn_factory(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sqlite3, "connect", tracing_connect)
        open_database(db_path).close()
    assert not [s for s in statements if "integrity_check" in s or "quick_check" in s]
