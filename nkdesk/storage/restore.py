"""`nkdesk restore BACKUP`: put a verified backup in place of the database, never silently dropping data.

Checks, in the contract's order, each refusing before anything is changed:
1. The backup must be a readable NKDesk database (else `NotADatabase`/`DatabaseMissing`: bad input)
   that this version can open.
2. It must pass the full `verify` (the chain, schema, keys and signatures; its manifest, when it
   is beside it, must match: a missing manifest alone is not a failure) — else `RestoreRefused`.
3. It must be a backup of this database (the same instance id) unless `other_instance`
   (else `OtherInstance`).
4. What the current database holds that the backup does not (audit rows past the chains' common
   part) is listed per table and patient; unless `accept_loss`, `RestoreRefused` with that list.
   Reads (the access log) are not data and never count.
Then: the current database must not be in use; it is backed up (a verified backup; a raw byte copy
if it is too damaged) and that copy named; the backup is copied in under a temporary name,
flushed, and renamed over it; the anchor is rewritten from the restored chain; the restore is
written to the restored trail as the operating-system user, with the replaced chain's head and
what was accepted as lost, so `verify` knows that older backups belong to the replaced history.
"""
from __future__ import annotations

import getpass
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nkdesk.storage import audit, backup, migrations, users, verify
from nkdesk.storage.backup import BackupInfo, CopyCheck  # the field `backup` below hides the module in the class body
from nkdesk.storage.database import SQLITE_MAGIC, open_database
from nkdesk.storage.errors import (
    CorruptDatabase,
    DatabaseBusy,
    DatabaseMissing,
    NewerDatabase,
    NotADatabase,
    StorageError,
)


@dataclass(frozen=True)
class Loss:
    """Records of one table (and patient) the current database has and the backup has not."""

    table: str
    study_id: str | None
    rows: int

    def to_json(self) -> dict[str, object]:
        return {"table": self.table, "study_id": self.study_id, "rows": self.rows}


@dataclass(frozen=True)
class Restored:
    db: Path
    backup: Path
    replaced: BackupInfo | None     # the backup of what was replaced (None if there was nothing)
    anchor: audit.Head
    lost: tuple[Loss, ...] = ()
    other_instance: bool = False


class RestoreRefused(CorruptDatabase):
    """The backup fails verify, or restoring it would lose newer data not accepted: exit 1."""

    code = "restore_refused"

    def __init__(self, message: str, *, path: Path, would_lose: tuple[Loss, ...] = (),
                 problems: list[verify.Problem] | None = None, hint: str = ""):
        super().__init__(message, path=path, hint=hint)
        self.would_lose = would_lose
        self.problems = problems or []


class OtherInstance(StorageError):
    """The backup is of another database (another instance id): bad input unless asked for."""

    code = "other_instance"


@dataclass(frozen=True)
class Plan:
    """What restoring `backup` over `db` would do, decided before anything is changed (`plan`)."""

    db: Path
    backup: Path
    check: CopyCheck
    other_instance: bool            # the backup is of another database (another instance id)
    would_lose: tuple[Loss, ...]    # what the current database holds and the backup does not


def plan(backup_path: Path, db_path: Path) -> Plan:
    """Checks 1 and 2 (raising as `restore` does), and what 3 and 4 would ask: nothing is changed.
    The window shows this before it asks for a confirmation; `restore` decides again."""
    backup_path, db_path = Path(backup_path).absolute(), Path(db_path).absolute()
    check = _check_backup(backup_path)
    current = _current_instance(db_path)
    foreign = current is not None and bool(check.instance_id) and current != check.instance_id
    return Plan(db_path, backup_path, check, foreign, would_lose(backup_path, db_path))


def restore(backup_path: Path, db_path: Path, *, login: str | None = None, accept_loss: bool = False,
            other_instance: bool = False, reason: str | None = None, confirmed_by: str | None = None) -> Restored:
    """`reason`, `confirmed_by`: the window's administrator and what they typed (recorded with the restore)."""
    planned = plan(backup_path, db_path)
    backup_path, db_path, check, foreign = planned.backup, planned.db, planned.check, planned.other_instance
    if foreign and not other_instance:
        raise OtherInstance(f"{backup_path} is a backup of another database (instance {check.instance_id[:8]}…, "
                            f"this one is {(_current_instance(db_path) or '')[:8]}…); nothing was changed",
                            path=backup_path,
                            hint="Check the file; to replace this database with it anyway, add --other-instance")
    lost = planned.would_lose
    if lost and not accept_loss:
        total = sum(loss.rows for loss in lost)
        raise RestoreRefused(f"restoring {backup_path.name} would lose {total} record(s) the current database holds "
                             f"and the backup does not ({_summary(lost)}); nothing was changed", path=db_path,
                             would_lose=lost, hint="Back up or export them first; add --accept-loss to restore anyway")
    replaced = None
    if db_path.exists():
        _ensure_not_in_use(db_path)
        replaced = _keep_current(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    incoming = db_path.with_name(db_path.name + ".restoring")
    try:
        backup.copy_database(backup_path, incoming)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(incoming, db_path)
    finally:
        incoming.unlink(missing_ok=True)
    audit.write_anchor(db_path, audit.Anchor(check.head.count, check.head.hash, check.instance_id, ""))
    store = open_database(db_path)
    try:
        previous = replaced.anchor if replaced else None
        said = f"restored from backup {backup_path.name}" + (f": {reason}" if reason else "")
        with store.write(users.os_actor(store, login or getpass.getuser()), "database.restore", reason=said) as tx:
            tx.event("_database", "restore", "restored_from", {"replaced_chain": previous},
                     {"backup": str(backup_path), "chain": {"count": check.head.count, "head": check.head.hash},
                      "replaced_copy": str(replaced.path) if replaced else None, "other_instance": foreign,
                      "accepted_loss": [loss.to_json() for loss in lost], "confirmed_by": confirmed_by,
                      "reason": reason})
        head = audit.head(store.conn)
    finally:
        store.close()
    return Restored(db_path, backup_path, replaced, head, lost, foreign)


def would_lose(backup_path: Path, db_path: Path) -> tuple[Loss, ...]:
    """What the database at `db_path` holds past the part of its chain the backup shares, per table
    and patient (records, counted once each); () if nothing, or if the current file cannot be read
    (a damaged file is kept byte for byte anyway)."""
    if not db_path.is_file():
        return ()
    try:
        mine, theirs = _read_only(db_path), _read_only(backup_path)
    except sqlite3.Error:
        return ()
    try:
        common = _common_rows(mine, theirs)
        records: dict[tuple[str, str | None], set[str]] = {}
        study = {str(r[0]): r[1] for r in mine.execute("SELECT id, study_id FROM patients")}
        for table, record_id, op, old, new in mine.execute(
                "SELECT table_name, record_id, op, old_value, new_value FROM audit_log WHERE seq > ? ORDER BY seq",
                (common,)):
            patient = _patient_of(mine, table, record_id, op, old, new)
            records.setdefault((table, study.get(patient) if patient else None), set()).add(record_id)
        return tuple(Loss(t, sid, len(ids)) for (t, sid), ids in sorted(records.items(), key=lambda i: (i[0][0],
                                                                                                      i[0][1] or "")))
    except sqlite3.Error:
        return ()
    finally:
        mine.close()
        theirs.close()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)


def _common_rows(mine: sqlite3.Connection, theirs: sqlite3.Connection) -> int:
    """How many audit rows both chains share (a row's hash covers every row before it, so a binary search)."""
    low, high = 0, min(audit.head(mine).count, audit.head(theirs).count)
    while low < high:
        mid = (low + high + 1) // 2
        if audit.hash_at(mine, mid) == audit.hash_at(theirs, mid):
            low = mid
        else:
            high = mid - 1
    return low


def _patient_of(conn: sqlite3.Connection, table: str, record_id: str, op: str, old: str | None,
                new: str | None) -> str | None:
    if table == "patients":
        return record_id
    for text in (new, old):
        if op in ("insert", "delete") and text:
            value = json.loads(text)
            if isinstance(value, dict) and value.get("patient_id") is not None:
                return str(value["patient_id"])
    if not table.isidentifier() or table.startswith("_"):
        return None
    try:
        row = conn.execute(f"SELECT patient_id FROM {table} WHERE id = ?", (record_id,)).fetchone()
    except sqlite3.Error:
        return None   # a table without patients (users, settings)
    return str(row[0]) if row and row[0] is not None else None


def _summary(lost: tuple[Loss, ...]) -> str:
    shown = [f"{loss.table}{f' {loss.study_id}' if loss.study_id else ''}: {loss.rows}" for loss in lost[:4]]
    return ", ".join(shown) + (f", … {len(lost) - 4} more" if len(lost) > 4 else "")


def _current_instance(db_path: Path) -> str | None:
    if not db_path.is_file():
        return None
    try:
        conn = _read_only(db_path)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()
            return str(row[0]) if row else None
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _check_backup(path: Path) -> backup.CopyCheck:
    if not path.is_file():
        raise DatabaseMissing(f"there is no backup at {path}", path=path)
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise NotADatabase(f"{path} is not an NKDesk backup (not an SQLite file); nothing was changed", path=path)
    manifest = _manifest(path)
    if manifest and manifest.get("sha256") and backup.file_sha256(path) != manifest["sha256"]:
        raise RestoreRefused(f"{path} differs from its manifest (SHA-256): it was changed or damaged after it "
                              "was written; nothing was changed", path=path)
    check = backup.check_copy(path)
    if not check.intact:
        raise RestoreRefused(f"{path} fails its integrity check ({check.integrity[0]}); nothing was changed",
                              path=path)
    if not check.steps:
        raise NotADatabase(f"{path} is not an NKDesk backup (no NKDesk schema); nothing was changed", path=path)
    unknown = [s for s in check.steps if s not in migrations.STEPS]
    if unknown:
        raise NewerDatabase(f"{path} was written by a newer NKDesk (schema steps {', '.join(unknown)}); "
                            "nothing was changed", path=path, hint="Restore it with that newer version")
    if check.chain_problem:
        raise RestoreRefused(f"the audit trail in {path} does not hold ({check.chain_problem}); nothing was "
                             "changed", path=path)
    report = verify.verify(path, backup_file=True)
    if report.exit_code == 2:
        raise NotADatabase(f"{path} is not an NKDesk backup ({report.problems[0].message}); nothing was changed",
                           path=path)
    if not report.ok:
        first = report.problems[0]
        raise RestoreRefused(f"{path} fails verify ({first.record}: {first.message}); nothing was changed",
                             path=path, problems=report.problems)
    if manifest and manifest.get("anchor") and (manifest["anchor"].get("count"), manifest["anchor"].get("head")) \
            != (check.head.count, check.head.hash):
        raise RestoreRefused(f"the audit trail in {path} does not end where its manifest says; nothing was "
                              "changed", path=path)
    return check


def _manifest(path: Path) -> dict[str, Any] | None:
    try:
        manifest: dict[str, Any] = json.loads(backup.manifest_path(path).read_text(encoding="utf-8"))
        return manifest
    except (OSError, ValueError):
        return None


def _ensure_not_in_use(db_path: Path) -> None:
    wal = Path(str(db_path) + "-wal")
    if not wal.exists():
        return
    try:
        conn = sqlite3.connect(str(db_path), timeout=1)
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return  # a damaged file: nothing can be using it successfully; it is copied raw below
    if busy or wal.exists():
        raise DatabaseBusy(f"{db_path} is in use by another NKDesk window or program; nothing was changed",
                           path=db_path, hint="Close NKDesk everywhere it uses this file, then restore again")


def _keep_current(db_path: Path) -> backup.BackupInfo:
    try:
        return backup.take(db_path, kind="pre-restore")
    except StorageError:
        return backup.raw_copy(db_path, "pre-restore")
