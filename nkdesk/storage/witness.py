"""What paper and backups witness about a database: the site key's fingerprint and the chain head.

Read without changing the file (`mode=ro`); a file that is missing, not NKDesk's or damaged gives
None for each, never an error: `nkdesk where` must always answer.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path


def witness(path: Path) -> dict[str, object]:
    found: dict[str, object] = {"site_key_fingerprint": None, "chain_head": None}
    if not Path(path).is_file():
        return found
    try:
        conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "site_keys" in tables:
                row = conn.execute("SELECT fingerprint FROM site_keys ORDER BY id LIMIT 1").fetchone()
                found["site_key_fingerprint"] = row[0] if row else None
            if "audit_log" in tables:
                row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
                found["chain_head"] = {"count": row[0], "head": row[1]} if row else {"count": 0, "head": None}
        finally:
            conn.close()
    except sqlite3.Error:
        pass   # not a database, or damaged: `nkdesk verify` says which
    return found
