"""The site's settings as stored: one audited row per changed key, defaults from `SiteSettings`.

`nkdesk.domain.settings.SiteSettings` is the one place of every setting and its default; the
database holds only the keys a site changed (value as JSON), so a new setting in a later version
simply starts at its default. Writes go through a `Transaction` (audited, versioned per key).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, fields, is_dataclass
from typing import TYPE_CHECKING, Any

from nkdesk.domain.settings import SiteSettings

if TYPE_CHECKING:
    from nkdesk.storage.transaction import Transaction


def load(conn: sqlite3.Connection) -> SiteSettings:
    """The site's settings: stored values over the defaults (works on a raw sqlite3 connection)."""
    try:
        rows = conn.execute("SELECT key, value_json FROM settings").fetchall()
    except Exception as exc:  # a database older than the settings step: defaults
        if "no such table" in str(exc):
            return SiteSettings()
        raise
    return SiteSettings.from_dict({key: json.loads(value) for key, value in rows})


def stored(conn: sqlite3.Connection) -> dict[str, tuple[Any, int, int]]:
    """key → (value, version, row id) for every key the site has set."""
    rows = conn.execute("SELECT id, key, value_json, version FROM settings").fetchall()
    return {key: (json.loads(value), version, rid) for rid, key, value, version in rows}


def known_keys() -> list[str]:
    return [f.name for f in fields(SiteSettings)]


def to_plain(value: Any) -> Any:
    """A setting's value as JSON-ready data (Syringe dataclasses become objects, tuples lists)."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def write(tx: Transaction, key: str, value: Any, expected_version: int | None) -> None:
    """Set one key (insert the first time, else an update checked against `expected_version`)."""
    plain = json.dumps(to_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    row = tx.one("SELECT id, version FROM settings WHERE key = ?", (key,))
    if row is None:
        tx.insert("settings", {"key": key, "value_json": plain})
    else:
        tx.update("settings", row["id"], {"value_json": plain}, expected_version=expected_version)
