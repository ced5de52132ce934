"""Files named on the command line: the database (--db), input files and output paths, checked first.

Not a subcommand. Every path a user types is checked before anything reads or writes it, so that a
bad one is bad input (exit 2, one line naming the option: `--db`, `--to`, `--out`, `FILE`,
`BACKUP`) and never an internal error: an empty path, a name longer than the file system allows,
a folder where a file is needed, a file that does not exist or cannot be read, a folder that
cannot be written. A storage problem (missing, not a database, newer version, disk full, in use)
is reported the same way. Whether a read-only database may be read is storage's business.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from nkdesk.rules.errors import InputError

_NAME_MAX = 255      # bytes in one path component (ext4, NTFS, APFS)
_PATH_MAX = 4096     # bytes in a whole path (Linux)


def db_path(args) -> Path:
    """The database path in use (--db, else $NKDESK_DB, else the default), checked as a path."""
    from nkdesk.paths import DB_ENV, database_path

    given = getattr(args, "db", None)
    if given is not None:
        checked_path(given, "--db")
    elif os.environ.get(DB_ENV):
        checked_path(os.environ[DB_ENV], DB_ENV)
    path = database_path(given)
    option = "--db" if given is not None else DB_ENV
    if _stat(path, option) is not None and path.is_dir():
        raise InputError(option, f"{_shown(path)} is a folder; give the database file (e.g. nkdesk.sqlite3)",
                         code="is_folder")
    return path


def checked_path(text: str, option: str) -> Path:
    """`text` as an absolute path, refused if empty, holding a NUL, or longer than a file system allows."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(option, "the path is empty", code="empty_path")
    if "\x00" in text:
        raise InputError(option, "the path contains a NUL character", code="bad_path")
    try:
        encoded = os.fsencode(text)
    except UnicodeError:
        raise InputError(option, "the path is not valid text", code="bad_path") from None
    if len(encoded) > _PATH_MAX or any(len(part) > _NAME_MAX for part in encoded.split(b"/")):
        raise InputError(option, f"the file name is too long ({_shown(text)})", code="name_too_long")
    try:
        return Path(text).expanduser().absolute()
    except (RuntimeError, OSError) as exc:  # ~user that does not exist; a vanished working folder
        raise InputError(option, f"cannot use the path {_shown(text)}: {exc}", code="bad_path") from None


def input_file(text: str, option: str) -> Path:
    """An existing, readable file named by `option`; InputError otherwise."""
    path = checked_path(text, option)
    if _stat(path, option) is None:
        raise InputError(option, f"there is no file {_shown(path)}", code="missing")
    if path.is_dir():
        raise InputError(option, f"{_shown(path)} is a folder, not a file", code="is_folder")
    if not os.access(path, os.R_OK):
        raise InputError(option, f"cannot read {_shown(path)}: permission denied", code="unreadable")
    return path


def output_target(text: str, option: str, *, folder_ok: bool) -> Path:
    """A path `option` may write: an existing writable folder (when `folder_ok`), or a file whose
    nearest existing folder is writable (missing folders are created by the writer)."""
    path = checked_path(text, option)
    existing = _stat(path, option)
    if existing is not None and path.is_dir():
        if not folder_ok:
            raise InputError(option, f"{_shown(path)} is a folder; give a file name", code="is_folder")
        if not os.access(path, os.W_OK | os.X_OK):
            raise InputError(option, f"cannot write in {_shown(path)}: permission denied", code="not_writable")
        return path
    if existing is not None and not os.access(path, os.W_OK):
        raise InputError(option, f"cannot write {_shown(path)}: permission denied", code="not_writable")
    folder = path.parent
    while _stat(folder, option) is None and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise InputError(option, f"{_shown(folder)} is a file, not a folder", code="no_folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(option, f"cannot write in {_shown(folder)}: permission denied", code="not_writable")
    return path


def _stat(path: Path, option: str) -> os.stat_result | None:
    """os.stat, None when nothing is there; any other refusal is bad input naming `option`."""
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise InputError(option, f"cannot use {_shown(path)}: {exc.strerror or exc}", code="bad_path") from None


def os_error(exc: OSError, options: dict[str, Path | None]) -> InputError:
    """An OSError met while working on the named paths, as bad input naming the option whose path it is."""
    filename = os.fsdecode(exc.filename) if exc.filename is not None else ""
    option = next((name for name, path in options.items() if path is not None and filename
                   and (filename == str(path) or filename.startswith(str(path) + os.sep)
                        or str(path).startswith(filename.rstrip(os.sep) + os.sep))), None)
    if option is None:
        option = next(iter(options)) if len(options) == 1 else (filename or "file")
    words = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        words = "the disk is full"
    return InputError(option, f"cannot use {_shown(filename)}: {words}" if filename else words, code="os_error")


def as_input_error(exc, field: str = "--db"):
    """The one-line CLI error for a StorageError."""
    return InputError(field, str(exc), code=getattr(exc, "code", "storage"))


def _shown(path: object) -> str:
    text = str(path)
    return text if len(text) <= 80 else text[:40] + "…" + text[-39:]
