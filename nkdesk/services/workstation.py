"""The window's database file: opening it, and its backups (taken, rotated, listed).

What the window needs of `storage` that is not a ward action: open (create and migrate) the file
at start, take a verified backup (daily, on demand; the window runs `take_backup` on a worker
thread), keep the site's number of automatic ones, and say when the last one was taken.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from nkdesk.storage import backup
from nkdesk.storage.database import open_database
from nkdesk.storage.store import Store

BackupInfo = backup.BackupInfo


def open_store(path: Path) -> Store:
    """The ward database at `path`, created if new and migrated (StorageError with what to do)."""
    return open_database(path, create=True)


def take_backup(db_path: Path, kind: str, *, source: sqlite3.Connection | None = None) -> BackupInfo:
    """A verified online backup with its manifest (`source`: the Store's own connection, on a network folder)."""
    return backup.take(db_path, kind=kind, source=source)


def rotate_backups(db_path: Path, keep: int) -> list[Path]:
    """Remove the oldest automatic backups beyond `keep`."""
    return backup.rotate(db_path, keep)


def daily_backup_due(db_path: Path, now: datetime) -> bool:
    return backup.daily_due(db_path, now)


def last_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup of this database, or None."""
    found = backup.list_backups(db_path)
    return found[0] if found else None
