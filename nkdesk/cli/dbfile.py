"""Shared by the data commands (demo, backup, restore, verify): which file, and storage errors.

Not a subcommand. A storage problem (missing, read-only, not a database, newer version, disk
full, in use) is reported like bad input: exit 2 with one line naming the file and what to do.
"""
from __future__ import annotations

from pathlib import Path


def db_path(args) -> Path:
    from nkdesk.paths import database_path

    return database_path(getattr(args, "db", None))


def as_input_error(exc, field: str = "--db"):
    """The one-line CLI error for a StorageError."""
    from nkdesk.rules.errors import InputError

    return InputError(field, str(exc), code=getattr(exc, "code", "storage"))
