"""Reading the audit trail, and an administrator accepting an anchor that no longer fits.

When the anchor file beside the database does not fit the chain (deleted, from another copy, or
the trail was cut), the Store stops updating it so the evidence stays; `nkdesk verify` fails until
someone has looked. After investigating, an administrator accepts the current chain with a
reason: that decision is itself an audit row, and the anchor is written afresh.
"""
from __future__ import annotations

import json

from nkdesk.domain import AuditEntry, Saved, User
from nkdesk.rules.errors import InputError


def _entry(row) -> AuditEntry:
    load = lambda text: None if text is None else json.loads(text)  # noqa: E731
    return AuditEntry(row["seq"], row["at_utc"], row["at_local"], row["user_id"], row["username"], row["role"],
                      row["workstation"], row["action"], row["op"], row["table_name"], row["record_id"],
                      row["field"], load(row["old_value"]), load(row["new_value"]), row["reason"],
                      row["prev_hash"], row["hash"])


def history(store, table: str, record_id) -> list[AuditEntry]:
    """Every audit row of one record, oldest first."""
    rows = store.rows("SELECT * FROM audit_log WHERE table_name = ? AND record_id = ? ORDER BY seq",
                      (table, str(record_id)))
    return [_entry(r) for r in rows]


def recent(store, limit: int = 100) -> list[AuditEntry]:
    rows = store.rows("SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", (limit,))
    return [_entry(r) for r in rows]


def accept_anchor(store, actor: User, reason: str) -> Saved:
    if not (reason or "").strip():
        raise InputError("reason", "say what was investigated and why the trail is accepted", code="required")
    problem = store.anchor_problem
    try:
        with store.write(actor, "audit.accept_anchor", reason=reason) as tx:
            tx.event("_audit_anchor", "anchor", "accepted", problem, "chain accepted as it stands")
            store.anchor_problem = None  # lets the commit write a fresh anchor
    except BaseException:
        store.anchor_problem = problem
        raise
    return Saved(None, tx.changes)
