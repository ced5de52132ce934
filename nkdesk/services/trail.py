"""Reading the audit trail, and an administrator accepting an anchor that no longer fits.

When the anchor file beside the database does not fit the chain (deleted, from another copy, or
the trail was cut), the Store stops updating it so the evidence stays; `nkdesk verify` fails until
someone has looked. After investigating, an administrator accepts the current chain with a
reason: that decision is itself an audit row, and the anchor is written afresh.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from nkdesk.domain import Actor, AuditEntry, Saved
from nkdesk.rules.errors import InputError
from nkdesk.storage import audit

if TYPE_CHECKING:
    from nkdesk.storage.store import Store


def history(store: Store, table: str, record_id: object) -> list[AuditEntry]:
    """Every audit row of one record, oldest first."""
    return audit.entries_of(store, table, record_id)


def recent(store: Store, limit: int = 100) -> list[AuditEntry]:
    return audit.latest_entries(store, limit)


def accept_anchor(store: Store, actor: Actor, reason: str) -> Saved:
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
