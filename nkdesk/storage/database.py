"""Opening the ward database: checks first, then pragmas and migrations; returns a `Store`.

`open_database(path)` checks before it writes anything: that the file is an SQLite file of NKDesk's
(else `NotADatabase`), that this version knows every schema step applied to it (else
`NewerDatabase`: never modified), that it and its folder are writable (else `ReadOnlyDatabase`),
and whether the folder is on a network file system (rollback journal, exclusive locking and a
writer lock file there; or refused, by choice). Then it takes a verified backup if steps are
pending, applies them in one transaction, and checks the audit anchor with two indexed reads (a
full integrity check belongs to `nkdesk verify`, not to opening). Every failure names the file,
says that nothing was changed and what to do, and offers the last good backup.

Pragmas: WAL journal with synchronous=FULL (a commit that returned survives a power cut),
foreign keys on, a busy timeout so two windows wait for each other instead of failing.
"""
from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from nkdesk import __version__
from nkdesk.storage import backup, filecheck, fs, migrations
from nkdesk.storage.errors import (
    CorruptDatabase,
    DatabaseMissing,
    NetworkFilesystem,
    NewerDatabase,
    NotADatabase,
    ReadOnlyDatabase,
    StorageError,
    translate,
)
from nkdesk.storage.store import OFFER_BACKUP, Store, utc_now

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 10.0


def open_database(path: str | os.PathLike[str], *, create: bool = False, network_policy: str = "lock",
                  clock: Callable[[], datetime] | None = None, workstation: str | None = None) -> Store:
    """Open (and if asked, create) the database at `path`, migrated to this version's schema.

    network_policy: "lock" (rollback journal and one writing workstation) or "refuse".
    """
    path = Path(path).expanduser().absolute()
    try:
        return _open(path, create, network_policy, clock, workstation)
    except StorageError as exc:
        if exc.code in OFFER_BACKUP and exc.last_backup is None:
            exc.offer_backup(backup.last_good(path))
        raise


def _open(path: Path, create: bool, network_policy: str, clock: Callable[[], datetime] | None,
          workstation: str | None) -> Store:
    new = _check_file(path, create)
    network = fs.is_network(path.parent)
    if network and network_policy == "refuse":
        raise NetworkFilesystem(
            f"{path.parent} is on a network file system ({fs.filesystem_type(path.parent)}), where SQLite "
            "cannot keep the database safe; nothing was opened", path=path,
            hint="Keep the database on a local disk (set --db or NKDESK_DB) and back it up to the share")
    lock = fs.WriterLock(path) if network else None
    if lock:
        lock.acquire()  # before reading anything: the holder keeps SQLite's lock for its whole session
    conn = None
    try:
        pending = _pending_steps(path, new)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
        if new:
            os.chmod(path, backup.PRIVATE_FILE)   # 0600 before anything is written (issue 15); -wal/-shm copy it
        db = Database(conn, execute_plugins=False)
        _configure(conn, network)
        if pending:
            migrate(db, clock)
        store = Store(path, db, network=network, workstation=workstation, clock=clock, writer_lock=lock)
        store.check_anchor()
        return store
    except BaseException as exc:
        if conn is not None:
            conn.close()
        if lock:
            lock.release()
        if isinstance(exc, sqlite3.Error):
            raise _as_storage_error(exc, path) from exc
        raise


def _pending_steps(path: Path, new: bool) -> list[str]:
    """The schema steps still to apply; refuses a newer or read-only file; backs up before migrating."""
    applied, written_by = ([], None) if new else _applied_steps(path)
    unknown = [name for name in applied if name not in migrations.STEPS]
    if unknown:
        raise NewerDatabase(
            f"{path} was written by a newer NKDesk{f' ({written_by})' if written_by else ''}: it has schema steps "
            f"this version ({__version__}) does not know ({', '.join(unknown)}); it was not opened or changed",
            path=path, hint="Use that newer NKDesk version for this file", unknown=unknown)
    _check_writable(path)
    pending = [name for name in migrations.STEPS if name not in applied]
    if pending and applied:
        backup.take(path, kind="pre-migration")
    return pending


def _check_file(path: Path, create: bool) -> bool:
    """True if the database is to be created; raise if `path` is something else."""
    if not path.exists():
        if not create:
            raise DatabaseMissing(f"there is no database at {path}", path=path,
                                  hint="Check --db or NKDESK_DB, or create one with `nkdesk demo`")
        backup.private_folder(path.parent)   # 0700 (issue 15)
        return True
    if not path.is_file():
        raise NotADatabase(f"{path} is a folder or device, not a database file; nothing was changed", path=path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ReadOnlyDatabase(f"cannot read {path}: {exc.strerror}; nothing was changed", path=path,
                               hint="Ask IT to give your account access to the file") from None
    if not header and create:
        return True
    if header != SQLITE_MAGIC:
        what = "an empty file" if not header else "not an SQLite file"
        raise NotADatabase(f"{path} is not an NKDesk database ({what}); nothing was changed", path=path,
                           hint="Check the path (--db or NKDESK_DB); if it was the ward database, restore a backup")
    found = filecheck.damage(path)   # the quick check of every open (issue 15)
    if found:
        raise CorruptDatabase(f"{path} is damaged: {found}; nothing was changed", path=path,
                              hint="Run `nkdesk verify`; restore the last good backup")
    return False


def _applied_steps(path: Path) -> tuple[list[str], str | None]:
    """The schema steps applied to an existing file, read without changing it."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "_sqlite_migrations" not in tables:
            if tables:
                raise NotADatabase(f"{path} is an SQLite database of another program, not NKDesk's; "
                                   "nothing was changed", path=path, hint="Check the path (--db or NKDESK_DB)")
            return [], None
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? "
                                            "ORDER BY id", (migrations.MIGRATION_SET,))]
        written_by = None
        if "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_written_by'").fetchone()
            written_by = row[0] if row else None
        return names, written_by
    except sqlite3.Error as exc:
        raise _as_storage_error(exc, path) from exc
    finally:
        conn.close()


@dataclass(frozen=True)
class Peek:
    """What a file holds, read without opening it as the ward database (nothing is changed)."""

    kind: str                          # missing / other (not SQLite, or not NKDesk's) / nkdesk
    tables: frozenset[str] = frozenset()
    usernames: frozenset[str] = frozenset()
    study_ids: frozenset[str] = frozenset()
    meta: str | None = None            # the value of the meta key asked for


def peek(path: Path, meta_key: str) -> Peek:
    """Read-only look at `path`: its tables, user names, study IDs and one meta value."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return Peek("missing")
    if not path.is_file():
        return Peek("other")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return Peek("other")
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
            if tables and not {"users", "patients", "meta"} <= tables:
                return Peek("other", tables)
            if not tables:
                return Peek("nkdesk")
            usernames = frozenset(r[0] for r in conn.execute("SELECT username FROM users"))
            study_ids = frozenset(r[0] for r in conn.execute("SELECT study_id FROM patients"))
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (meta_key,)).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return Peek("other")
    return Peek("nkdesk", tables, usernames, study_ids, row[0] if row else None)


def _check_writable(path: Path) -> None:
    folder = path.parent
    targets = [path, folder] if path.exists() else [folder]
    for target in targets:
        if not os.access(target, os.W_OK):
            what = "the file" if target == path else "its folder (SQLite writes its journal beside the file)"
            raise ReadOnlyDatabase(f"{path} cannot be written: {what} is read-only; nothing was changed", path=path,
                                   hint="Ask IT to make the file and its folder writable; `nkdesk verify` and "
                                        "`nkdesk backup` still work on it")


def _configure(conn: sqlite3.Connection, network: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    if network:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("PRAGMA journal_mode = DELETE")
    else:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise NetworkFilesystem("this folder does not support SQLite's WAL journal; nothing was changed",
                                    hint="Keep the database on a local disk")
    conn.execute("PRAGMA synchronous = FULL")


def migrate(db: Database, clock: Callable[[], datetime] | None = None, *, stop_before: str | None = None) -> None:
    """Apply the pending schema steps in one transaction (all or none), and record this version.

    stop_before: leave the database as the version before that step left it (migration tests).
    """
    now = (clock or utc_now)().isoformat()
    db.conn.execute("BEGIN IMMEDIATE")  # one writer migrates; a second instance waits, then finds nothing pending
    try:
        migrations.migrations.apply(db, stop_before=stop_before)
        db.conn.executemany("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", [
            ("instance_id", str(uuid.uuid4())), ("created_utc", now), ("created_by", f"NKDesk {__version__}")])
        db.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_written_by', ?)",
                        (f"NKDesk {__version__}",))
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


def _as_storage_error(exc: sqlite3.Error, path: Path) -> StorageError:
    translated = translate(exc, path)
    return translated if isinstance(translated, StorageError) else StorageError(f"{path}: {exc}", path=path)
