"""What can go wrong with the database or a save, as exceptions with a code and what to do.

Each error carries a `code` (for the window to translate), the file it concerns, and parameters;
`str(error)` is the English sentence the CLI prints: what happened, to which file, that nothing was
overwritten, what to do, and (where one exists) the last good backup. `translate()` turns SQLite's
own errors into these by SQLite's result code, never by parsing its messages.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


class StorageError(Exception):
    code = "storage"

    def __init__(self, message: str, *, path: Path | str | None = None, hint: str = "", code: str = "",
                 **params: Any) -> None:
        if code:   # a finer code than the class's (e.g. a RuleViolation's "order_not_verified"), for the window's words
            self.code = code
        self.message = message
        self.path = Path(path) if path is not None else None
        self.hint = hint
        self.params = params
        self.last_backup: Path | None = None
        self.changes: object = None   # a domain.Changes when part of the work was saved before the refusal
        super().__init__(message)

    def offer_backup(self, backup: Path | None) -> StorageError:
        self.last_backup = backup
        return self

    def __str__(self) -> str:
        text = self.message
        if self.hint:
            text += f". {self.hint}"
        if self.last_backup is not None:
            text += f". The last good backup is {self.last_backup}: `nkdesk restore {self.last_backup}` puts it back"
        return text


class DatabaseMissing(StorageError):
    code = "missing"


class NotADatabase(StorageError):
    code = "not_a_database"


class ReadOnlyDatabase(StorageError):
    code = "read_only"


class DiskFull(StorageError):
    code = "disk_full"


class CorruptDatabase(StorageError):
    code = "corrupt"


class NewerDatabase(StorageError):
    code = "newer_version"


class NetworkFilesystem(StorageError):
    code = "network_filesystem"


class DatabaseBusy(StorageError):
    code = "busy"


class StaleVersion(StorageError):
    """Someone saved this record after it was loaded: the second save is refused, never merged."""

    code = "stale"

    def __init__(self, table: str, record_id: int | str, *, changed_by: str, changed_at: str) -> None:
        super().__init__(f"{table} #{record_id} was changed by {changed_by} at {changed_at} after you opened it; "
                         "your save was not applied", hint="Reload the record and enter your change again",
                         table=table, record_id=record_id, changed_by=changed_by, changed_at=changed_at)
        self.table, self.record_id = table, record_id
        self.changed_by, self.changed_at = changed_by, changed_at


class RecordNotFound(StorageError):
    code = "not_found"


class PermissionDenied(StorageError):
    """The user's role (or a rule such as 'not your own order') does not allow this action."""

    code = "permission"


class ForgedActor(PermissionDenied):
    """The save does not come from an actor this database issued (by signing in, or the OS user
    of a command-line run): a `User` or an `Actor` made or altered by the caller."""

    code = "forged_actor"


class ChangedSinceShown(StorageError):
    """The record a signer was shown is not the record stored now (its content hash differs):
    nothing is signed. Names who changed it and when, from the audit trail."""

    code = "changed_since_shown"

    def __init__(self, table: str, record_id: int, *, changed_by: str, changed_at: str):
        super().__init__(f"{table} #{record_id} was changed by {changed_by} at {changed_at} after it was shown to "
                         "you; nothing was signed", hint="Look at the record as it is now, then sign again",
                         table=table, record_id=record_id, changed_by=changed_by, changed_at=changed_at)
        self.table, self.record_id = table, record_id
        self.changed_by, self.changed_at = changed_by, changed_at


class AuthError(StorageError):
    """Sign-in or password re-entry failed: `code` is bad_password, locked or inactive."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message, **params)
        self.code = code


class SignatureRequired(StorageError):
    """A signed record's content changed without a reason and a new signature in the same save."""

    code = "signature_required"


class RuleViolation(StorageError):
    """A save that breaks a workflow rule (wrong status, prescriber verifying own order, …)."""

    code = "rule"


class TreatmentStopped(RuleViolation):
    """Protocol treatment is discontinued or suspended: no new dose order, no infusion start."""

    code = "treatment_stopped"


class InfusionBlocked(RuleViolation):
    """The cell product's release tests do not allow the infusion to start (params: blocks)."""

    code = "infusion_blocked"


# SQLite primary result codes (https://www.sqlite.org/rescode.html)
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_READONLY, SQLITE_NOTADB = 11, 13, 8, 26
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_IOERR = 5, 6, 14, 10
SQLITE_CONSTRAINT = 19


def translate(exc: sqlite3.Error, path: Path | str) -> StorageError | sqlite3.Error:
    """The StorageError for a SQLite failure on `path`, or `exc` itself for a programming error."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == SQLITE_FULL:
        return DiskFull(f"cannot save to {path}: the disk (or the database's size limit) is full; "
                        "nothing of this save was written", path=path,
                        hint="Free space on that disk (or ask IT), then save again")
    if primary == SQLITE_READONLY:
        return ReadOnlyDatabase(f"{path} is read-only: NKDesk cannot save to it; nothing was changed", path=path,
                                hint="Ask IT to make the file and its folder writable; "
                                     "`nkdesk verify` and `nkdesk backup` still work on it")
    if primary == SQLITE_NOTADB:
        return NotADatabase(f"{path} is not an NKDesk database (not an SQLite file, or encrypted); "
                            "nothing was changed", path=path,
                            hint="Check the path (--db or NKDESK_DB); if it was the ward database, restore a backup")
    if primary == SQLITE_CORRUPT:
        return CorruptDatabase(f"{path} is damaged (SQLite reports a malformed page); nothing was changed", path=path,
                               hint="Stop using it, keep the file for IT, run `nkdesk verify` to see the damage, "
                                    "and restore the last good backup")
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseBusy(f"{path} is busy: another NKDesk window or program is saving to it", path=path,
                            hint="Try again in a moment")
    if primary == SQLITE_CONSTRAINT:
        return RuleViolation(f"the save was refused by the database's own rules ({exc}); nothing was saved",
                             path=path)
    if primary in (SQLITE_CANTOPEN, SQLITE_IOERR):
        return StorageError(f"cannot read or write {path}: {exc}", path=path,
                            hint="Check the disk, the folder's permissions, and that the medium is still attached")
    return exc
