"""What a determined forger with write access but no password does: change a record and then make
everything NKDesk can recompute agree — the audit trail's values, the signature's content hash,
every row hash of the chain, and the anchor file. Only signatures made with a private key remain."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from nkdesk.storage import audit, signatures


def forge(path: Path, table: str, record_id: int, column: str, value: object) -> None:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for trigger in triggers:
        conn.execute(f"DROP TRIGGER {trigger['name']}")
    conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, record_id))
    _rewrite_trail(conn, table, record_id, column, value)
    if table in signatures.SIGNED_CONTENT:
        row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone()
        digest = signatures.content_hash(table, record_id, row)
        for sig in conn.execute("SELECT id FROM signatures WHERE table_name = ? AND record_id = ?",
                                (table, record_id)).fetchall():
            conn.execute("UPDATE signatures SET content_hash = ? WHERE id = ?", (digest, sig["id"]))
            _rewrite_trail(conn, "signatures", sig["id"], "content_hash", digest)
    rechain(conn)
    for sig in conn.execute("SELECT id, anchor_count FROM signatures").fetchall():   # signatures' chain anchors
        head = audit.hash_at(conn, sig["anchor_count"])
        conn.execute("UPDATE signatures SET anchor_head = ? WHERE id = ?", (head, sig["id"]))
        _rewrite_trail(conn, "signatures", sig["id"], "anchor_head", head)
    rechain(conn)   # the rows before each anchor are unchanged by the second pass
    for trigger in triggers:
        conn.execute(trigger["sql"])
    conn.commit()
    head = audit.head(conn)
    instance = conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()[0]
    conn.close()
    audit.write_anchor(path, audit.Anchor(head.count, head.hash, instance, "forged"))


def _rewrite_trail(conn: sqlite3.Connection, table: str, record_id: int, column: str, value: object) -> None:
    """The newest audit row that set `column` of the record now says `value`."""
    for row in conn.execute("SELECT seq, op, field, new_value FROM audit_log WHERE table_name = ? AND record_id = ? "
                            "ORDER BY seq DESC", (table, str(record_id))).fetchall():
        if row["op"] == "update" and row["field"] == column:
            conn.execute("UPDATE audit_log SET new_value = ? WHERE seq = ?", (audit.canonical_json(value), row["seq"]))
            return
        if row["op"] == "insert":
            state = json.loads(row["new_value"])
            state[column] = value
            conn.execute("UPDATE audit_log SET new_value = ? WHERE seq = ?", (audit.canonical_json(state), row["seq"]))
            return


def rechain(conn: sqlite3.Connection) -> None:
    """Recompute every row's prev_hash and hash from the first row (what anyone can do without a key)."""
    prev = audit.GENESIS
    cols = ", ".join(audit.HASHED_COLUMNS)
    for row in conn.execute(f"SELECT {cols} FROM audit_log ORDER BY seq").fetchall():
        values = list(row)
        values[-1] = prev
        prev = audit.row_hash(values)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (values[-1], prev, values[0]))
