"""Drafts: what an editor holds that is not saved yet, kept so that nothing typed is lost.

A draft is keyed by (patient, editor, key): `editor` names the screen ("eligibility", "vitals_row",
"adverse_event", "body_measurements", "dose_inputs", "patient_details", "calendar"), `key` the
thing being edited within it ("" for the one assessment being typed, a time point, a record id).
Its payload is what the user typed, as JSON text, never a computed result.

Drafts are not records: they are written outside the audit trail (a draft is replaced a keystroke
pause at a time), have no version and are read only by the editor that wrote them. A real save
removes its draft inside the save's own transaction (`clear_in`); throwing a draft away on purpose
is an audited event with the user's reason (`discard`).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nkdesk.domain import Actor
from nkdesk.storage.store import Store
from nkdesk.storage.transaction import Transaction


@dataclass(frozen=True)
class Draft:
    patient_id: int
    editor: str
    key: str
    payload: dict[str, Any]
    user_id: int | None
    saved_at_utc: str


_COLUMNS = "patient_id, editor, key, payload, user_id, saved_at_utc"


def _draft(row: sqlite3.Row | tuple[Any, ...]) -> Draft:
    patient_id, editor, key, payload, user_id, saved_at = tuple(row)
    return Draft(patient_id, editor, key, json.loads(payload), user_id, saved_at)


def put(store: Store, actor: Actor, patient_id: int, editor: str, key: str, payload: dict[str, Any],
        now: datetime) -> str:
    """Keep (replacing) the draft; returns the UTC time it was kept. One statement: atomic and,
    with synchronous=FULL, durable when it returns."""
    proven = store.proven(actor)
    at = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    try:
        store.conn.execute(
            f"INSERT INTO drafts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (patient_id, editor, key) DO UPDATE SET payload = excluded.payload, "
            "user_id = excluded.user_id, saved_at_utc = excluded.saved_at_utc",
            (patient_id, editor, key, text, proven.id, at))
        if store.conn.in_transaction:   # the module's implicit transaction: end it now
            store.conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise store._error(exc) from exc
    return at


def get(store: Store, patient_id: int, editor: str, key: str = "") -> Draft | None:
    row = store.one(f"SELECT {_COLUMNS} FROM drafts WHERE patient_id = ? AND editor = ? AND key = ?",
                    (patient_id, editor, key))
    return None if row is None else _draft(row)


def for_patient(store: Store, patient_id: int, editor: str | None = None) -> list[Draft]:
    if editor is None:
        rows = store.rows(f"SELECT {_COLUMNS} FROM drafts WHERE patient_id = ? ORDER BY editor, key", (patient_id,))
    else:
        rows = store.rows(f"SELECT {_COLUMNS} FROM drafts WHERE patient_id = ? AND editor = ? ORDER BY key",
                          (patient_id, editor))
    return [_draft(r) for r in rows]


def clear_in(tx: Transaction, patient_id: int, editor: str, key: str = "") -> None:
    """Remove the draft inside a real save (the record now holds what was typed). A file being built
    step by step (before m030) has no drafts table, and so no draft to remove."""
    if tx.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drafts'") is None:
        return
    tx.conn.execute("DELETE FROM drafts WHERE patient_id = ? AND editor = ? AND key = ?", (patient_id, editor, key))


def discard_in(tx: Transaction, patient_id: int, editor: str, key: str = "") -> bool:
    """Throw the draft away as an audited event (old = what was typed); False if there was none."""
    row = tx.one("SELECT id, payload FROM drafts WHERE patient_id = ? AND editor = ? AND key = ?",
                 (patient_id, editor, key))
    if row is None:
        return False
    tx.event("drafts", row["id"], f"{editor}:{key}" if key else editor, json.loads(row["payload"]), None,
             patient_id=patient_id)
    clear_in(tx, patient_id, editor, key)
    return True


# -- drafts of a user before there is a patient (the new-patient dialog; m085)
@dataclass(frozen=True)
class UserDraft:
    user_id: int
    editor: str
    payload: dict[str, Any]
    saved_at_utc: str


def _has_user_drafts(reader: Store | Transaction) -> bool:
    """A file being built step by step (before m085) has no user_drafts table."""
    return reader.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'user_drafts'") is not None


def put_for_user(store: Store, actor: Actor, editor: str, payload: dict[str, Any], now: datetime) -> str:
    """Keep (replacing) the signed-in user's draft of `editor`; returns the UTC time it was kept."""
    proven = store.proven(actor)
    at = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    try:
        store.conn.execute(
            "INSERT INTO user_drafts (user_id, editor, payload, saved_at_utc) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id, editor) DO UPDATE SET payload = excluded.payload, "
            "saved_at_utc = excluded.saved_at_utc", (proven.id, editor, text, at))
        if store.conn.in_transaction:
            store.conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise store._error(exc) from exc
    return at


def get_for_user(store: Store, user_id: int, editor: str) -> UserDraft | None:
    row = store.one("SELECT user_id, editor, payload, saved_at_utc FROM user_drafts WHERE user_id = ? AND editor = ?",
                    (user_id, editor))
    return None if row is None else UserDraft(row[0], row[1], json.loads(row[2]), row[3])


def clear_for_user_in(tx: Transaction, user_id: int, editor: str) -> None:
    if _has_user_drafts(tx):
        tx.conn.execute("DELETE FROM user_drafts WHERE user_id = ? AND editor = ?", (user_id, editor))


def discard_for_user_in(tx: Transaction, user_id: int, editor: str) -> bool:
    """Throw the user's draft away as an audited event (old = what was typed); False if none."""
    row = tx.one("SELECT id, payload FROM user_drafts WHERE user_id = ? AND editor = ?", (user_id, editor))
    if row is None:
        return False
    tx.event("user_drafts", row["id"], editor, json.loads(row["payload"]), None)
    clear_for_user_in(tx, user_id, editor)
    return True
