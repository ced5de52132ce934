"""Where NKDesk keeps its files: the database, the unit cache, backups, and bundled resources.

Resolution order for the database (../shared/cli-contract.md): `--db PATH`, else the environment
variable NKDESK_DB, else `nkdesk.sqlite3` in the platformdirs user data directory for "NKDesk".
Nothing here creates a directory at import time; callers ask for a path and create it when they
write.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from nkdesk import APP_NAME

DB_ENV = "NKDESK_DB"
DB_FILENAME = "nkdesk.sqlite3"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def database_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database file in use: the command-line value, the environment, or the default."""
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser().absolute()
    return user_data_dir() / DB_FILENAME


def package_dir() -> Path:
    """The `nkdesk` package folder (inside the bundle when frozen by PyInstaller)."""
    return Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The top-level `resources/` folder: beside the package in a checkout, in _MEIPASS when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return package_dir().parent / "resources"
