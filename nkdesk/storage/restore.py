"""`nkdesk restore BACKUP`: put a verified backup in place of the database, keeping what it replaces.

Steps, each refusing before anything is changed if it fails:
1. The backup must be an intact NKDesk database that this version can open, whose audit chain
   holds and, if its manifest is beside it, whose SHA-256 and chain head match the manifest.
2. The current database must not be in use (SQLite removes the -wal file when the last connection
   closes; if it is still there after our checkpoint, another NKDesk has it open).
3. The current database is backed up (a verified backup; a raw byte copy if it is too damaged).
4. The backup is copied beside the database under a temporary name, flushed, and renamed over it;
   the anchor file is rewritten from the restored chain.
5. The restored database is opened (migrated if it is older) and the restore is written to its
   audit trail as the operating-system user, with the replaced database's chain head, so `verify`
   knows that backups taken before this moment belong to the replaced history.
"""
from __future__ import annotations

import getpass
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nkdesk.storage import audit, backup, migrations, users
from nkdesk.storage.backup import BackupInfo  # the field `backup` below hides the module in the class body
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
class Restored:
    db: Path
    backup: Path
    replaced: BackupInfo | None     # the backup of what was replaced (None if there was nothing)
    anchor: audit.Head


def restore(backup_path: Path, db_path: Path, *, login: str | None = None) -> Restored:
    backup_path, db_path = Path(backup_path).absolute(), Path(db_path).absolute()
    check = _check_backup(backup_path)
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
        with store.write(users.os_actor(store, login or getpass.getuser()), "database.restore",
                         reason=f"restored from backup {backup_path.name}") as tx:
            tx.event("_database", "restore", "restored_from", {"replaced_chain": previous},
                     {"backup": str(backup_path), "chain": {"count": check.head.count, "head": check.head.hash}})
        head = audit.head(store.conn)
    finally:
        store.close()
    return Restored(db_path, backup_path, replaced, head)


def _check_backup(path: Path) -> backup.CopyCheck:
    if not path.is_file():
        raise DatabaseMissing(f"there is no backup at {path}", path=path)
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise NotADatabase(f"{path} is not an NKDesk backup (not an SQLite file); nothing was changed", path=path)
    manifest = _manifest(path)
    if manifest and manifest.get("sha256") and backup.file_sha256(path) != manifest["sha256"]:
        raise CorruptDatabase(f"{path} differs from its manifest (SHA-256): it was changed or damaged after it "
                              "was written; nothing was changed", path=path, hint="Choose another backup")
    check = backup.check_copy(path)
    if not check.intact:
        raise CorruptDatabase(f"{path} fails its integrity check ({check.integrity[0]}); nothing was changed",
                              path=path, hint="Choose another backup")
    if not check.steps:
        raise NotADatabase(f"{path} is not an NKDesk backup (no NKDesk schema); nothing was changed", path=path)
    unknown = [s for s in check.steps if s not in migrations.STEPS]
    if unknown:
        raise NewerDatabase(f"{path} was written by a newer NKDesk (schema steps {', '.join(unknown)}); "
                            "nothing was changed", path=path, hint="Restore it with that newer version")
    if check.chain_problem:
        raise CorruptDatabase(f"the audit trail in {path} does not hold ({check.chain_problem}); nothing was "
                              "changed", path=path, hint="Choose another backup")
    if manifest and manifest.get("anchor") and (manifest["anchor"].get("count"), manifest["anchor"].get("head")) \
            != (check.head.count, check.head.hash):
        raise CorruptDatabase(f"the audit trail in {path} does not end where its manifest says; nothing was "
                              "changed", path=path, hint="Choose another backup")
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
