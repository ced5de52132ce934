"""Electronic signatures: bound to a record's content hash, checked when the record is shown.

A signature records the signer (name, username, role), the time (UTC and the workstation's local
time), the workstation, the meaning ("eligibility confirmed", "dose verified", …), the SHA-256 of
the signed record's clinical content, and the audit chain's head at the moment of signing. The
password is re-entered for each signature (`Transaction.sign`). A later change to the content makes
the hash differ, so the old signature shows as no longer valid; storage refuses such a change
unless it comes with a reason and a new signature in the same save. Signatures are append-only.

`content_hash` is the one definition of a record's content hash (SHA-256 of the canonical JSON of
its table, id and signed columns): every signature stores it, `verify` checks it, a verifier hands
back the hash of what was shown (`require_unchanged`), and the printed forms carry it.
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Signature, SignatureCheck
from nkdesk.storage import audit
from nkdesk.storage.audit import canonical_json
from nkdesk.storage.errors import ChangedSinceShown, RecordNotFound

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader
    from nkdesk.storage.transaction import Transaction

# The columns each signable table's signature covers: the clinical content, not the workflow
# status (a dose order's verification must not void its prescriber's signature).
SIGNED_CONTENT: dict[str, tuple[str, ...]] = {
    "eligibility_assessments": ("patient_id", "protocol_id", "assessed_on", "inputs_json", "result_json"),
    "dose_orders": ("patient_id", "cycle_id", "order_json"),
    "discontinuations": ("patient_id", "kind", "reason_code", "details", "decided_on"),
    "suspension_lifts": ("discontinuation_id", "patient_id", "lifted_on", "reason"),
}

COLUMNS = ("id", "table_name", "record_id", "meaning", "signer_id", "signer_username", "signer_name",
           "signer_role", "signed_at_utc", "signed_at_local", "workstation", "content_hash", "anchor_count",
           "anchor_head")


def content_hash(table: str, record_id: int, row: Mapping[str, Any] | sqlite3.Row) -> str:
    """SHA-256 over the table, the record id and its signed columns (canonical JSON)."""
    fields = SIGNED_CONTENT[table]
    payload = {"table": table, "id": int(record_id), **{name: row[name] for name in fields}}
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def record_hash(reader: Reader, table: str, record_id: int) -> str | None:
    """The content hash of the record as stored now (None if there is no such record);
    `reader`: the Store or a Transaction."""
    if table not in SIGNED_CONTENT:
        raise ValueError(f"{table} holds no signed records")
    row = reader.one(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    return None if row is None else content_hash(table, record_id, row)


def require_unchanged(tx: Transaction, table: str, record_id: int, shown_hash: str) -> None:
    """ChangedSinceShown (naming who changed the record last, and when) unless the record stored
    now has the content hash of the one the signer was shown."""
    now = record_hash(tx, table, record_id)
    if now is None:
        raise RecordNotFound(f"{table} #{record_id} does not exist", table=table, record_id=record_id)
    if now != shown_hash:
        by, at = audit.last_change(tx.conn, table, record_id)
        raise ChangedSinceShown(table, record_id, changed_by=by, changed_at=at)


def from_row(row: sqlite3.Row) -> Signature:
    return Signature(row["id"], row["table_name"], row["record_id"], row["meaning"], row["signer_id"],
                     row["signer_username"], row["signer_name"], row["signer_role"], row["signed_at_utc"],
                     row["signed_at_local"], row["workstation"], row["content_hash"], row["anchor_count"],
                     row["anchor_head"])


def checks_for(store: Reader, table: str, record_ids: Iterable[int]) -> list[SignatureCheck]:
    """Every signature on these records, each with whether the record still has the signed content."""
    ids = list(record_ids)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = store.rows(f"SELECT * FROM signatures WHERE table_name = ? AND record_id IN ({marks}) ORDER BY id",
                      (table, *ids))
    records = {r["id"]: r for r in store.rows(f"SELECT * FROM {table} WHERE id IN ({marks})", ids)}
    out = []
    for row in rows:
        record = records.get(row["record_id"])
        valid = record is not None and content_hash(table, row["record_id"], record) == row["content_hash"]
        out.append(SignatureCheck(from_row(row), valid))
    return out


def current(store: Reader, table: str, record_id: int) -> SignatureCheck | None:
    """The newest signature on a record (valid or not), or None if it was never signed."""
    checks = checks_for(store, table, [record_id])
    return checks[-1] if checks else None
