"""What the trial export reads beyond the patient chart: audit stamps per field, the people and
workstations of the audit trail, the patients in study-ID order, and a read-only opening.

The export (nkdesk.services.export) carries an ODM AuditRecord per item: who last wrote that
field, at which workstation, when (UTC) and why. `audit_stamps` answers that for many records in
one indexed query per table and chunk, reading only the trail's metadata columns (never the old
and new values). `open_read_only` opens a database the export may not write to (a read-only file
or folder, a monitor's copy) without migrating or touching the anchor: exporting only reads.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from nkdesk.storage import migrations
from nkdesk.storage.errors import NewerDatabase, NotADatabase, StorageError
from nkdesk.storage.store import Store

_CHUNK = 500   # record ids per query (SQLite's default limit on host parameters is 999 in old builds)


@dataclass(frozen=True)
class AuditStamp:
    """The audit row that last wrote a field (or inserted its record)."""

    seq: int
    at_utc: str
    username: str
    role: str | None
    workstation: str
    reason: str | None
    op: str


def audit_stamps(store: Store, table: str, record_ids: Iterable[int]) -> dict[tuple[str, str | None], AuditStamp]:
    """(record id as text, field) → the latest audit row of that field; field None is the insert.

    An update row names its field; an insert row (field NULL) stands for every field of the new
    record until a later update of that field."""
    ids = [str(i) for i in record_ids]
    out: dict[tuple[str, str | None], AuditStamp] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = store.rows(f"SELECT record_id, field, seq, at_utc, username, role, workstation, reason, op "
                          f"FROM audit_log WHERE table_name = ? AND record_id IN ({marks}) "
                          f"AND op IN ('insert', 'update') ORDER BY seq", (table, *chunk))
        for r in rows:
            out[(r[0], r[1])] = AuditStamp(r[2], r[3], r[4], r[5], r[6], r[7], r[8])
    return out


def trail_people(store: Store) -> list[tuple[str, str | None]]:
    """Every (username, role) that wrote to the audit trail, by username."""
    return [(r[0], r[1]) for r in store.rows("SELECT username, max(role) FROM audit_log GROUP BY username "
                                             "ORDER BY username")]


def workstations(store: Store) -> list[str]:
    """Every workstation named in the audit trail or a signature, sorted."""
    rows = store.rows("SELECT workstation FROM audit_log UNION SELECT workstation FROM signatures ORDER BY 1")
    return [r[0] for r in rows]


def signature_meanings(store: Store) -> list[str]:
    """Every meaning a signature in this file has ("dose prescribed", …), for the ODM SignatureDefs."""
    return [r[0] for r in store.rows("SELECT DISTINCT meaning FROM signatures ORDER BY meaning")]


def patients_by_study_id(store: Store) -> list[tuple[int, str]]:
    """(patient id, study ID) of every patient, in study-ID order."""
    return [(r[0], r[1]) for r in store.rows("SELECT id, study_id FROM patients ORDER BY study_id")]


def open_read_only(path: Path) -> Store:
    """The database at `path` opened for reading only (SQLite's mode=ro): no migration, no backup,
    no anchor written. Refuses a file that is not NKDesk's or whose schema is not this version's."""
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise StorageError(f"there is no database at {path}", path=path, hint="Check --db or NKDESK_DB")
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot read {path}: {exc}", path=path) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "_sqlite_migrations" not in tables:
            raise NotADatabase(f"{path} is not an NKDesk database; nothing was read", path=path)
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? "
                                              "ORDER BY id", (migrations.MIGRATION_SET,))]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotADatabase(f"{path} is not an NKDesk database ({exc}); nothing was read", path=path) from exc
    except StorageError:
        conn.close()
        raise
    if applied != migrations.names():
        conn.close()
        newer = [n for n in applied if n not in migrations.STEPS]
        if newer:
            raise NewerDatabase(f"{path} was written by a newer NKDesk; it was not read", path=path, unknown=newer)
        raise StorageError(f"{path} is from an older NKDesk and is read-only, so it cannot be brought up to date "
                           "for the export; nothing was read", path=path,
                           hint="Open it once with write access (any nkdesk command) or export from a copy")
    return Store(path, Database(conn, execute_plugins=False))
