"""One logical save: row changes and their audit rows in one SQLite transaction.

`Store.write(actor, action, reason=…)` opens a `Transaction` (BEGIN IMMEDIATE, so the chain head
read at the start cannot move under us), checks the actor's stored role against `roles`, and on
leaving the block appends the audit rows to the hash chain and commits. Every insert, update and
delete of audited data goes through `insert`/`update`/`delete` here:

- insert → one audit row holding the whole new record (field NULL, new = JSON object);
- update → one audit row per changed field (old and new value);
- delete → one audit row holding the whole old record.

Updates are optimistic: the caller passes the version it loaded; if the record moved on, the save
is refused with who changed it and when (`StaleVersion`). A change to the signed content of a
signed record needs a reason, and a new signature (`sign`) before the save can commit.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Actor, Changes, Role
from nkdesk.storage import audit, keys, passwords, roles, signatures, users
from nkdesk.storage.errors import PermissionDenied, RecordNotFound, RuleViolation, SignatureRequired, StaleVersion

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
# Credentials: audited as a digest (passwords.credential_digest), never copied into the trail.
REDACTED = {("users", "password_hash"), ("user_keys", "sealed_private_key"), ("site_key_shares", "sealed_private_key")}
HIDDEN = "(hidden)"  # what trails written before issue 15 hold for a redacted field


def encode(value: object) -> object:
    """A Python value as SQLite stores it: dates ISO, booleans 0/1, mappings canonical JSON."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (dict, list, tuple)):
        return audit.canonical_json(value)
    return value


class Transaction:
    def __init__(self, store: Store, actor: Actor, action: str, reason: str | None, now: datetime) -> None:
        self.store, self.conn = store, store.conn
        self.actor, self.action = actor, action
        self.reason = reason.strip() if isinstance(reason, str) and reason.strip() else None
        self.now = now
        self.at_utc = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.at_local = now.astimezone().isoformat(timespec="microseconds")
        self.role: Role | None = None
        self.head_before = self.head_after = audit.Head(0, audit.GENESIS)
        self._pending: list[tuple[object, ...]] = []
        self._tables: set[str] = set()
        self._records: set[tuple[str, int]] = set()
        self._patients: set[int] = set()
        self._needs_signature: set[tuple[str, int]] = set()

    # ------------------------------------------------------------------------ lifecycle (Store.write)
    def begin(self) -> None:
        if self.actor.id is not None:
            row = self.conn.execute("SELECT role, active FROM users WHERE id = ?", (self.actor.id,)).fetchone()
            if row is None or not row[1]:
                raise PermissionDenied(f"{self.actor.username} is not an active user", action=self.action)
            self.role = Role(row[0])
        roles.require(self.action, self.actor, self.role)
        self.head_before = self.head_after = audit.head(self.conn)

    def finish(self) -> None:
        if self._needs_signature:
            table, rid = sorted(self._needs_signature)[0]
            raise SignatureRequired(f"{table} #{rid} is signed: a change needs a reason and a new signature",
                                    table=table, record_id=rid)
        rows, self.head_after = audit.chain_rows(self._pending, self.head_before)
        if rows:
            self.conn.executemany(audit.INSERT_SQL, rows)
            keys.sign_chain(self.conn, self.actor.session, self.actor.id, self.head_after.count, self.head_after.hash)

    @property
    def changes(self) -> Changes:
        wrote = self.head_after.count > self.head_before.count
        seqs = (self.head_before.count + 1, self.head_after.count) if wrote else None
        return Changes(frozenset(self._tables), frozenset(self._records), frozenset(self._patients), seqs)

    # ------------------------------------------------------------------------ audited writes
    def insert(self, table: str, values: dict[str, Any]) -> int:
        row = {_column(k): encode(v) for k, v in values.items()}
        cursor = self.conn.execute(f"INSERT INTO {_table(table)} ({', '.join(row)}) "
                                   f"VALUES ({', '.join('?' for _ in row)})", list(row.values()))
        rid = cursor.lastrowid
        if rid is None:  # sqlite3 sets it after every successful INSERT
            raise RuntimeError(f"INSERT INTO {table} gave no row id")
        stored = self._existing(table, rid, None)
        self._audit("insert", table, rid, None, None, self._record_json(table, stored))
        self._touch(table, rid, stored)
        return rid

    def update(self, table: str, rid: int, values: dict[str, Any], *, expected_version: int | None,
               bump_version: bool = True) -> dict[str, Any]:
        """Change fields of one record; `expected_version` None means "whatever is current" (only
        for consequences of this save, e.g. an enrolment's status, never for a user's edit).
        bump_version=False is for bookkeeping nobody edits (failed sign-ins), so it does not make
        an administrator's open form stale."""
        old = self._existing(table, rid, expected_version)
        new = {_column(k): encode(v) for k, v in values.items()}
        changed = {k: v for k, v in new.items() if not _same(old[k], v)}
        if not changed:
            return dict(old)
        self._guard_signed(table, rid, changed)
        sets = ", ".join(f"{k} = ?" for k in changed)
        bump = ", version = version + 1" if bump_version else ""
        self.conn.execute(f"UPDATE {_table(table)} SET {sets}{bump} WHERE id = ?", [*changed.values(), rid])
        for name, value in changed.items():
            old_value, new_value = old[name], value
            if (table, name) in REDACTED:
                old_value, new_value = passwords.credential_digest(old_value), passwords.credential_digest(new_value)
            self._audit("update", table, rid, name, audit.canonical_json(old_value), audit.canonical_json(new_value))
        self._touch(table, rid, old)
        return dict(self._existing(table, rid, None))

    def delete(self, table: str, rid: int, *, expected_version: int | None) -> None:
        old = self._existing(table, rid, expected_version)
        if table in signatures.SIGNED_CONTENT and self._is_signed(table, rid):
            raise RuleViolation(f"{table} #{rid} is signed and cannot be deleted", table=table, record_id=rid)
        self.conn.execute(f"DELETE FROM {_table(table)} WHERE id = ?", (rid,))
        self._audit("delete", table, rid, None, self._record_json(table, old), None)
        self._touch(table, rid, old)

    def event(self, table: str, record_id: int | str, field: str, old: object, new: object, *,
              patient_id: int | None = None) -> None:
        """An audit row for something that is not a row change (e.g. a restore, a discarded draft)."""
        self._audit("event", table, record_id, field, audit.canonical_json(old), audit.canonical_json(new))
        self._tables.add(table)
        if patient_id is not None:
            self._patients.add(patient_id)

    def sign(self, table: str, rid: int, meaning: str, password: str, *, shown_hash: str | None = None) -> int:
        """Sign a record as the actor, who re-enters the password now; returns the signature id.
        With `shown_hash` (the content hash of the record as the signer was shown it), a record that
        differs now is refused (ChangedSinceShown) before the password is even checked."""
        if self.actor.id is None or self.role not in roles.SIGNING_ROLES:
            raise PermissionDenied(f"{self.actor.username} may not sign clinical records", action=self.action)
        if shown_hash is not None:
            signatures.require_unchanged(self, table, rid, shown_hash)
        users.check_password_for_signing(self.conn, self.actor.id, password, self.now)
        record = self.row(table, rid)
        if record is None:
            raise RecordNotFound(f"{table} #{rid} does not exist", table=table, record_id=rid)
        user = self.conn.execute("SELECT username, full_name FROM users WHERE id = ?", (self.actor.id,)).fetchone()
        key = keys.for_signing(self, self.actor.id, self.actor.session, password)   # the signer's own key
        digest = signatures.content_hash(table, rid, record)
        message = keys.signature_message(table, rid, digest, meaning, self.at_utc, self.actor.id, user[0])
        values = {
            "table_name": table, "record_id": rid, "meaning": meaning, "signer_id": self.actor.id,
            "signer_username": user[0], "signer_name": user[1], "signer_role": self.role.value,
            "signed_at_utc": self.at_utc, "signed_at_local": self.at_local, "workstation": self.store.workstation,
            "content_hash": digest,
            "anchor_count": self.head_before.count, "anchor_head": self.head_before.hash,
        }
        if key.signing_key is not None:
            values.update(key_fingerprint=key.fingerprint, ed25519=keys.sign(key.signing_key, message))
        sid = self.insert("signatures", values)
        self._needs_signature.discard((table, rid))
        return sid

    # ------------------------------------------------------------------------ reading inside the save
    def row(self, table: str, rid: int) -> sqlite3.Row | None:
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        row: sqlite3.Row | None = cursor.execute(f"SELECT * FROM {_table(table)} WHERE id = ?", (rid,)).fetchone()
        return row

    def one(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Row | None:
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        row: sqlite3.Row | None = cursor.execute(sql, params).fetchone()
        return row

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        """Several rows, read inside the save (so storage's readers take a Store or a Transaction)."""
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        rows: list[sqlite3.Row] = cursor.execute(sql, params).fetchall()
        return rows

    def existing(self, table: str, rid: int) -> sqlite3.Row:
        """The record's row as it is now in this save; RecordNotFound if there is none."""
        return self._existing(table, rid, None)

    def check_version(self, table: str, rid: int, expected_version: int) -> sqlite3.Row:
        """The record's row, if it is still at the version the user saw; else StaleVersion naming
        who changed it and when (RecordNotFound if it is gone)."""
        return self._existing(table, rid, expected_version)

    def last_change(self, table: str, rid: int) -> tuple[str, str]:
        """(who, when) of the record's newest audit row before this save."""
        return audit.last_change(self.conn, table, rid)

    # ------------------------------------------------------------------------ internals
    def _existing(self, table: str, rid: int, expected_version: int | None) -> sqlite3.Row:
        old = self.row(table, rid)
        if old is None:
            raise RecordNotFound(f"{table} #{rid} does not exist (deleted by someone else?)",
                                 table=table, record_id=rid)
        if expected_version is not None and old["version"] != expected_version:
            by, at = audit.last_change(self.conn, table, rid)
            raise StaleVersion(table, rid, changed_by=by, changed_at=at)
        return old

    def _is_signed(self, table: str, rid: int) -> bool:
        return self.conn.execute("SELECT 1 FROM signatures WHERE table_name = ? AND record_id = ? LIMIT 1",
                                 (table, rid)).fetchone() is not None

    def _guard_signed(self, table: str, rid: int, changed: dict[str, Any]) -> None:
        content = signatures.SIGNED_CONTENT.get(table)
        if not content or not set(changed) & set(content) or not self._is_signed(table, rid):
            return
        if self.reason is None:
            raise SignatureRequired(f"{table} #{rid} is signed: changing it needs a reason", table=table,
                                    record_id=rid)
        self._needs_signature.add((table, rid))

    def _record_json(self, table: str, row: sqlite3.Row) -> str:
        data = {k: v for k, v in dict(row).items() if k not in ("id", "version")}
        for t, name in REDACTED:
            if t == table and name in data:
                data[name] = passwords.credential_digest(data[name])
        return audit.canonical_json(data)

    def _audit(self, op: str, table: str, rid: int | str, field: str | None, old: str | None, new: str | None) -> None:
        role = self.role.value if self.role else None
        self._pending.append((self.at_utc, self.at_local, self.actor.id, self.actor.username, role,
                              self.store.workstation, self.action, op, table, str(rid), field, old, new, self.reason))

    def _touch(self, table: str, rid: int, row: sqlite3.Row | None) -> None:
        self._tables.add(table)
        self._records.add((table, rid))
        if table == "patients":
            self._patients.add(rid)
        elif row is not None and dict(row).get("patient_id") is not None:
            self._patients.add(row["patient_id"])


def _same(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b  # a REAL column gives 1.0 back for 1
    return type(a) is type(b) and a == b


def _table(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a table name: {name!r}")
    return name


def _column(name: str) -> str:
    if not _IDENTIFIER.match(name) or name in ("id", "version"):
        raise ValueError(f"not a writable column: {name!r}")
    return name
