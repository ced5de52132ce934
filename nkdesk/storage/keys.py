"""Signing keys: each user's Ed25519 key pair, the site key that certifies them, sealed private keys.

Why: a content hash and a hash chain can be recomputed by anyone who can write the file. An
Ed25519 signature can only be made with the private key, and the private key is stored sealed
(AES-GCM) under a key that scrypt derives from the owner's password, so only that person, signing
in, can sign. Users' public keys are certified by the site key, made at set-up; its private key is
sealed once per administrator (under each one's password), and its fingerprint is printed on every
form and given by `nkdesk where --json`, so paper witnesses which site key is genuine.

- Signing in unlocks the user's key (and, for an administrator, the site key) into a `Session`,
  which storage puts in the signed-in `Actor`'s `session` slot; nothing else ever holds it.
- A password reset by an administrator makes a new key pair, certified again; the old public key
  is kept (retired), so old signatures still verify. A user's own password change reseals the
  same key.
- `signature_message` / `certificate_message` are the one definition of what is signed.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from nkdesk.storage import passwords
from nkdesk.storage.audit import canonical_json

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader
    from nkdesk.storage.transaction import Transaction

SEAL_SCHEME = "scrypt-aesgcm"


@dataclass
class Session:
    """What signing in unlocked for one person (kept in `Actor.session`, never shown or stored)."""

    signing_key: Ed25519PrivateKey | None = field(default=None, repr=False)
    fingerprint: str | None = None
    site_key: Ed25519PrivateKey | None = field(default=None, repr=False)
    site_key_id: int | None = None
    must_change_password: bool = False


class WrongKeyPassword(ValueError):
    """A sealed key did not open with the password given."""


# ------------------------------------------------------------------------------------ primitives
def public_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def fingerprint(public_hex: str) -> str:
    """SHA-256 of the raw public key, hex: how forms, signatures and `where` name a key."""
    return hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()


def seal(key: Ed25519PrivateKey, password: str) -> str:
    """The private key encrypted (AES-GCM) under scrypt(password): `scheme$N$r$p$salt$nonce$ciphertext`."""
    n, r, p = passwords.COST_N, passwords.COST_R, passwords.COST_P
    salt, nonce = os.urandom(16), os.urandom(12)
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    sealed = AESGCM(_derive(password, salt, n, r, p)).encrypt(nonce, raw, SEAL_SCHEME.encode())
    return f"{SEAL_SCHEME}${n}${r}${p}${salt.hex()}${nonce.hex()}${sealed.hex()}"


def unseal(text: str, password: str) -> Ed25519PrivateKey:
    try:
        scheme, n, r, p, salt, nonce, sealed = text.split("$")
        if scheme != SEAL_SCHEME:
            raise ValueError(scheme)
        raw = AESGCM(_derive(password, bytes.fromhex(salt), int(n), int(r), int(p))).decrypt(
            bytes.fromhex(nonce), bytes.fromhex(sealed), SEAL_SCHEME.encode())
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (ValueError, InvalidTag):
        raise WrongKeyPassword("the signing key does not open with this password") from None


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(("nkdesk-key:" + password).encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=32)


def verify_with(public_hex: str, signature_hex: str, message: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(bytes.fromhex(signature_hex),
                                                                          message.encode("utf-8"))
        return True
    except (InvalidSignature, ValueError):
        return False


def sign(key: Ed25519PrivateKey, message: str) -> str:
    return key.sign(message.encode("utf-8")).hex()


# ------------------------------------------------------------------------------------ what is signed
def signature_message(table: str, record_id: int, content_hash: str, meaning: str, signed_at_utc: str,
                      signer_id: int, signer_username: str) -> str:
    """An electronic signature covers the record's content hash, the meaning, the time and the signer."""
    return canonical_json({"kind": "nkdesk-signature-1", "table": table, "record_id": int(record_id),
                           "content_hash": content_hash, "meaning": meaning, "signed_at_utc": signed_at_utc,
                           "signer_id": int(signer_id), "signer_username": signer_username})


def certificate_message(user_id: int, public_hex: str, created_utc: str) -> str:
    return canonical_json({"kind": "nkdesk-user-key-1", "user_id": int(user_id), "public_key": public_hex,
                           "created_utc": created_utc})


def chain_message(count: int, head: str) -> str:
    """What a save's author signs when it commits: the audit chain's new head."""
    return canonical_json({"kind": "nkdesk-chain-1", "count": int(count), "head": head})


def site_message(public_hex: str, created_utc: str) -> str:
    return canonical_json({"kind": "nkdesk-site-key-1", "public_key": public_hex, "created_utc": created_utc})


# ------------------------------------------------------------------------------------ reading
def available(reader: Reader) -> bool:
    """Whether this file has the keys' tables (a file of an earlier schema, mid-test or mid-migration, has not)."""
    return reader.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'user_keys'") is not None


def site_key(reader: Reader) -> tuple[int, str, str] | None:
    """(id, public key hex, fingerprint) of the site key (the first one made), or None."""
    row = reader.one("SELECT id, public_key, fingerprint FROM site_keys ORDER BY id LIMIT 1")
    return None if row is None else (int(row[0]), str(row[1]), str(row[2]))


def site_fingerprint(reader: Reader) -> str | None:
    found = site_key(reader)
    return None if found is None else found[2]


def current_key_row(reader: Reader, user_id: int) -> sqlite3.Row | None:
    return reader.one("SELECT * FROM user_keys WHERE user_id = ? AND retired = 0 ORDER BY id DESC LIMIT 1",
                      (user_id,))


# ------------------------------------------------------------------------------------ writing
def make_site_key(tx: Transaction, admin_id: int, password: str) -> Session:
    """The site key, made once at set-up, sealed for the first administrator."""
    key = Ed25519PrivateKey.generate()
    public_hex = public_bytes(key).hex()
    site_id = tx.insert("site_keys", {"public_key": public_hex, "fingerprint": fingerprint(public_hex),
                                      "created_utc": tx.at_utc,
                                      "self_signature": sign(key, site_message(public_hex, tx.at_utc))})
    tx.insert("site_key_shares", {"site_key_id": site_id, "user_id": admin_id,
                                  "sealed_private_key": seal(key, password)})
    return Session(site_key=key, site_key_id=site_id)


def share_site_key(tx: Transaction, site: Session, user_id: int, password: str) -> None:
    """Seal the site key for an administrator (new, or with a new password)."""
    if site.site_key is None or site.site_key_id is None:
        return
    sealed = seal(site.site_key, password)
    row = tx.one("SELECT id FROM site_key_shares WHERE site_key_id = ? AND user_id = ?", (site.site_key_id, user_id))
    if row is None:
        tx.insert("site_key_shares", {"site_key_id": site.site_key_id, "user_id": user_id,
                                      "sealed_private_key": sealed})
    else:
        tx.update("site_key_shares", int(row[0]), {"sealed_private_key": sealed}, expected_version=None)


def make_user_key(tx: Transaction, user_id: int, password: str, site: Session | None) -> Session:
    """A new key pair for a user (older ones retired, kept), certified if the site key is unlocked."""
    key = Ed25519PrivateKey.generate()
    public_hex = public_bytes(key).hex()
    for old in tx.rows("SELECT id FROM user_keys WHERE user_id = ? AND retired = 0", (user_id,)):
        tx.update("user_keys", int(old[0]), {"retired": 1}, expected_version=None)
    values: dict[str, object] = {"user_id": user_id, "public_key": public_hex, "fingerprint": fingerprint(public_hex),
                                 "sealed_private_key": seal(key, password), "created_utc": tx.at_utc}
    if site is not None and site.site_key is not None:
        values["certificate"] = sign(site.site_key, certificate_message(user_id, public_hex, tx.at_utc))
        values["site_fingerprint"] = fingerprint(public_bytes(site.site_key).hex())
    tx.insert("user_keys", values)
    return Session(signing_key=key, fingerprint=fingerprint(public_hex))


def certify_pending(tx: Transaction, site: Session) -> int:
    """Certify every current key that has no certificate yet (keys made before an administrator
    could sign them); returns how many."""
    if site.site_key is None:
        return 0
    site_fp = fingerprint(public_bytes(site.site_key).hex())
    done = 0
    for row in tx.rows("SELECT * FROM user_keys WHERE certificate IS NULL AND retired = 0"):
        cert = sign(site.site_key, certificate_message(row["user_id"], row["public_key"], row["created_utc"]))
        tx.update("user_keys", row["id"], {"certificate": cert, "site_fingerprint": site_fp}, expected_version=None)
        done += 1
    return done


def unlock(tx: Transaction, user_id: int, password: str, *, administrator: bool) -> Session:
    """At sign-in (the password already checked): the user's key and, for an administrator, the
    site key. A user without a key (an account made before keys existed) gets one now; the first
    administrator to sign in to such a file makes the site key."""
    session = Session()
    if not available(tx):
        return session
    site = site_key(tx)
    if administrator:
        if site is None:
            session = make_site_key(tx, user_id, password)
        else:
            share = tx.one("SELECT sealed_private_key FROM site_key_shares WHERE site_key_id = ? AND user_id = ?",
                           (site[0], user_id))
            if share is not None:
                session.site_key, session.site_key_id = unseal(share[0], password), site[0]
    row = current_key_row(tx, user_id)
    if row is None:
        made = make_user_key(tx, user_id, password, session)
        session.signing_key, session.fingerprint = made.signing_key, made.fingerprint
    else:
        session.signing_key, session.fingerprint = unseal(row["sealed_private_key"], password), row["fingerprint"]
    if session.site_key is not None:
        certify_pending(tx, session)
    return session


def reseal(tx: Transaction, user_id: int, old_password: str, new_password: str) -> None:
    """The user's own password change: the same key (and site share), sealed under the new password."""
    if not available(tx):
        return
    row = current_key_row(tx, user_id)
    if row is not None:
        key = unseal(row["sealed_private_key"], old_password)
        tx.update("user_keys", row["id"], {"sealed_private_key": seal(key, new_password)}, expected_version=None)
    for share in tx.rows("SELECT id, sealed_private_key FROM site_key_shares WHERE user_id = ?", (user_id,)):
        site = unseal(share["sealed_private_key"], old_password)
        tx.update("site_key_shares", share["id"], {"sealed_private_key": seal(site, new_password)},
                  expected_version=None)


def for_signing(tx: Transaction, user_id: int, session: object, password: str) -> Session:
    """The signer's unlocked key: from the signed-in session, else opened with the password just
    entered (a signer whose account predates keys gets a key now)."""
    if isinstance(session, Session) and session.signing_key is not None:
        return session
    if not available(tx):
        return Session()
    row = current_key_row(tx, user_id)
    if row is None:
        return make_user_key(tx, user_id, password, session if isinstance(session, Session) else None)
    return Session(signing_key=unseal(row["sealed_private_key"], password), fingerprint=row["fingerprint"])


def sign_chain(conn: sqlite3.Connection, session: object, user_id: int | None, count: int, head: str) -> bool:
    """At commit: the acting person signs the chain's new head with their unlocked key (False when
    there is no key to sign with: the operating-system user, a counted failed sign-in)."""
    if user_id is None or not isinstance(session, Session) or session.signing_key is None or not session.fingerprint:
        return False
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_signatures'").fetchone()
    if found is None:   # a file of an earlier schema (migration tests)
        return False
    conn.execute("INSERT INTO chain_signatures (audit_count, audit_head, user_id, key_fingerprint, signature) "
                 "VALUES (?, ?, ?, ?, ?)", (count, head, user_id, session.fingerprint,
                                           sign(session.signing_key, chain_message(count, head))))
    return True
