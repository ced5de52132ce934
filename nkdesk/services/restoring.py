"""Restoring a backup from the window (issue 15, items 5 and 6): the backups there are, what a
restore would do, and the restore itself — all decided by `storage.restore`, the code behind
`nkdesk restore`, so the window and the terminal refuse and record the same things.

- `backups`: the backups folder's backups with what each manifest says, newest first.
- `plan`: whether a backup may be restored (a backup that fails verify is refused, with the
  reason), whether it is another database's, and what would be lost (per table and patient).
- `restore`: an administrator signed in to the window restores; a loss needs the reason they
  typed (recorded as `--accept-loss` is), another instance needs their explicit confirmation.
- `last_good` and `restore_over_damaged`: at start, a damaged database (nobody can sign in to it)
  may be replaced by the newest backup whose manifest says it verified, recorded as the
  operating-system user, as the terminal's restore is.
The window must have closed its own connection first (a database in use is refused).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nkdesk.domain import Actor, Role
from nkdesk.services.errors import InputError, StorageError
from nkdesk.storage import audit, backup, filecheck, users
from nkdesk.storage import restore as restoring
from nkdesk.storage.database import open_database
from nkdesk.storage.errors import CorruptDatabase, PermissionDenied
from nkdesk.storage.store import Store

Loss = restoring.Loss
Restored = restoring.Restored


@dataclass(frozen=True)
class BackupEntry:
    """One backup as its manifest describes it."""

    path: Path
    kind: str                 # manual / daily / exit / pre-migration / pre-restore / …
    created_local: str        # ISO time on this workstation's clock
    bytes: int
    verified: bool            # the full verify passed on the copy when it was taken
    audit_rows: int
    app_version: str
    problem: str              # why it is not verified (the manifest's words), or ""
    present: bool             # the file is still there with the size its manifest gives


@dataclass(frozen=True)
class RestorePlan:
    """What restoring `backup` would do, or why it may not (`refused`)."""

    backup: Path
    refused: str | None = None                 # the backup fails a check: nothing can be restored from it
    other_instance: bool = False               # a backup of another database: an explicit confirmation
    would_lose: tuple[Loss, ...] = ()          # the current database's newer records: a typed reason
    audit_rows: int = 0

    @property
    def allowed(self) -> bool:
        return self.refused is None


def backups(db_path: Path) -> list[BackupEntry]:
    """The backups of the database at `db_path` in its backups folder, newest first."""
    found = []
    for info in backup.list_backups(Path(db_path)):
        m = info.manifest
        try:
            present = info.path.stat().st_size == m.get("bytes")
        except OSError:
            present = False
        problem = m.get("verify_problem") or {}
        found.append(BackupEntry(
            info.path, info.kind, str(m.get("created_local") or info.created_utc), int(m.get("bytes") or 0),
            bool(m.get("verified")), int((m.get("anchor") or {}).get("count") or 0), str(m.get("app_version", "")),
            str(problem.get("message", "") if isinstance(problem, dict) else problem) or str(m.get("note", "")),
            present))
    return found


def plan(db_path: Path, backup_path: Path) -> RestorePlan:
    """Check `backup_path` as `nkdesk restore` does (full verify included), changing nothing."""
    try:
        found = restoring.plan(Path(backup_path), Path(db_path))
    except StorageError as exc:
        return RestorePlan(Path(backup_path), refused=str(exc))
    return RestorePlan(found.backup, None, found.other_instance, found.would_lose, found.check.head.count)


def restore(store: Store, actor: Actor, backup_path: Path, *, reason: str = "",
            other_instance: bool = False) -> Restored:
    """An administrator signed in to the window (`actor`, proven by `store`, the role as stored now)
    restores `backup_path` over the store's database. `reason` is required when records would be
    lost (and then accepts their loss); `other_instance` is the administrator's confirmation that a
    backup of another database is meant. The store is closed first (a database in use is refused),
    whatever follows: the window opens the file again. Raises what `nkdesk restore` refuses with."""
    store.proven(actor)
    user = users.get(store, actor.id) if actor.id is not None else None
    if user is None or user.role is not Role.ADMINISTRATOR or not user.active:
        raise PermissionDenied("only an administrator may restore a backup", action="database.restore",
                               code="administrator_only")
    db_path, reason = store.path, " ".join(reason.split())
    planned = restoring.plan(Path(backup_path), db_path)
    if planned.would_lose and not reason:
        raise InputError("reason", "records would be lost: say why they may be", code="reason_required")
    store.retire_actor(actor)
    store.close()
    return restoring.restore(Path(backup_path), db_path, accept_loss=bool(reason), other_instance=other_instance,
                             reason=reason or None, confirmed_by=actor.username)


def damage(db_path: Path) -> str | None:
    """Why the database at `db_path` cannot be opened as the ward's (it is damaged), or None.
    Only a damaged file is offered a restore: not a missing one, nor another program's file — unless
    NKDesk's anchor beside it says it was the ward database (then a lost header is damage too)."""
    path = Path(db_path)
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            sqlite = handle.read(len(filecheck.SQLITE_MAGIC)) == filecheck.SQLITE_MAGIC
        if not sqlite and not audit.anchor_path(path).exists():
            return None
        found = filecheck.damage(path)
        if found:
            return found
        open_database(path).close()
    except CorruptDatabase as exc:
        return str(exc)
    except (StorageError, OSError):
        return None
    return None


def last_good(db_path: Path) -> BackupEntry | None:
    """The newest backup whose manifest says the full verify passed and that is still whole."""
    return next((b for b in backups(db_path) if b.verified and b.present), None)


def restore_over_damaged(db_path: Path, backup_path: Path, *, reason: str = "") -> Restored:
    """At start, nobody can sign in to a damaged database: it may be replaced by a verified backup,
    recorded as the operating-system user (as `nkdesk restore` is). Refused for a sound database."""
    if damage(db_path) is None:
        raise PermissionDenied(f"{db_path} is not damaged: sign in as an administrator to restore a backup",
                               action="database.restore", code="not_damaged")
    reason = " ".join(reason.split())
    planned = restoring.plan(Path(backup_path), Path(db_path))
    if planned.would_lose and not reason:
        raise InputError("reason", "records would be lost: say why they may be", code="reason_required")
    if planned.other_instance:
        raise PermissionDenied(f"{backup_path} is a backup of another database", action="database.restore",
                               code="other_database")
    return restoring.restore(Path(backup_path), Path(db_path), accept_loss=bool(reason), reason=reason or None)
