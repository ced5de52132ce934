"""Schema steps of issue 15 (evidence that holds).

- m040: NKDesk's `PRAGMA application_id` in the file header, so `nkdesk verify` (and anything
  else) can tell an NKDesk database from any other SQLite file without trusting its tables.
- m041: signing keys (users' Ed25519 keys, the site key and its sealed shares, signed chain heads,
  the key and Ed25519 signature on each electronic signature, `must_change_password`).
- m042: the access log (reads recorded).

Registered on the shared `migrations` set with its `step` decorator (imported at the bottom of
migrations.py); never edited once shipped.
"""
from __future__ import annotations

from sqlite_utils import Database

from nkdesk.storage.migrations import _VERSION, _append_only, step

# "NKDK" as a big-endian 32-bit integer: the value SQLite keeps at offset 68 of the header.
APPLICATION_ID = 0x4E4B444B


@step("m040_application_id")
def m040_application_id(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@step("m041_signing_keys")
def m041_signing_keys(db: Database) -> None:
    """Each user's Ed25519 key pairs (the private key sealed under the password; old pairs kept,
    retired, so old signatures still verify), the site key that certifies them (its private key
    sealed once per administrator), and on each signature the key's fingerprint and the Ed25519
    signature itself. `must_change_password`: set by an administrator's reset. `chain_signatures`:
    each committed save's chain head (row count and hash), signed with the acting person's key, so
    the chain cannot be recomputed without the passwords of everyone whose rows follow the change
    (not audited itself: a signature of the trail, written after its rows; append-only)."""
    db.executescript(f"""
    CREATE TABLE site_keys (
        id INTEGER PRIMARY KEY,
        public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL UNIQUE,
        created_utc TEXT NOT NULL,
        self_signature TEXT NOT NULL
    );
    {_append_only("site_keys")}
    CREATE TABLE site_key_shares (
        id INTEGER PRIMARY KEY,
        site_key_id INTEGER NOT NULL REFERENCES site_keys (id),
        user_id INTEGER NOT NULL REFERENCES users (id),
        sealed_private_key TEXT NOT NULL,
        {_VERSION},
        UNIQUE (site_key_id, user_id)
    );
    CREATE TABLE user_keys (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id),
        public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL UNIQUE,
        sealed_private_key TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        certificate TEXT,
        site_fingerprint TEXT,
        retired INTEGER NOT NULL DEFAULT 0,
        {_VERSION}
    );
    CREATE INDEX user_keys_user ON user_keys (user_id, retired);
    CREATE TABLE chain_signatures (
        id INTEGER PRIMARY KEY,
        audit_count INTEGER NOT NULL,
        audit_head TEXT NOT NULL,
        user_id INTEGER NOT NULL,
        key_fingerprint TEXT NOT NULL,
        signature TEXT NOT NULL
    );
    CREATE INDEX chain_signatures_count ON chain_signatures (audit_count);
    {_append_only("chain_signatures")}
    ALTER TABLE signatures ADD COLUMN key_fingerprint TEXT;
    ALTER TABLE signatures ADD COLUMN ed25519 TEXT;
    ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
    """)


@step("m042_access_log")
def m042_access_log(db: Database) -> None:
    """Reads, recorded: who (an NKDesk user or the operating-system user), when, at which
    workstation, what (a patient opened, a form printed, an export made), for which patients.
    Append-only and hash-chained like the audit trail, but not part of it: a read changes no data,
    so it never counts as newer data for a restore."""
    db.executescript(f"""
    CREATE TABLE access_log (
        seq INTEGER PRIMARY KEY,
        at_utc TEXT NOT NULL,
        at_local TEXT NOT NULL,
        user_id INTEGER,
        username TEXT NOT NULL,
        workstation TEXT NOT NULL,
        what TEXT NOT NULL,
        study_ids TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    {_append_only("access_log")}
    """)

