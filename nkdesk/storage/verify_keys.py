"""`nkdesk verify`'s checks of keys and key signatures (issue 15), apart from the trail's own checks.

- The site key signs itself; it certifies each user key; each electronic signature verifies with
  the signer's key (a signature without one, made after the site key existed, is a forgery).
- Each chain signature verifies with its author's key at a head the chain holds, and every audit
  row since keys came into use is covered by the next chain signature made by the row's author.

Each finding is a (kind, record, message) triple that `verify` turns into its `Problem`.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from nkdesk.storage import keys

Found = tuple[str, str, str]


def check_keys(conn: sqlite3.Connection) -> tuple[list[Found], int, list[str]]:
    """The site key signs itself; it certifies each user key; each signature verifies with the
    signer's key (a signature without one, made after the site key existed, is a forgery)."""
    problems: list[Found] = []
    checked = 0
    notes: list[str] = []
    conn.row_factory = sqlite3.Row
    try:
        sites = {r["fingerprint"]: r for r in conn.execute("SELECT * FROM site_keys ORDER BY id")}
        for fp, site in sites.items():
            if keys.fingerprint(site["public_key"]) != fp or not keys.verify_with(
                    site["public_key"], site["self_signature"], keys.site_message(site["public_key"],
                                                                                  site["created_utc"])):
                problems.append(("key", f"site key {fp[:16]}", f"site key {fp[:16]}… does not "
                                 "sign itself: it was replaced or edited"))
        user_keys = {r["fingerprint"]: r for r in conn.execute("SELECT * FROM user_keys")}
        uncertified = 0
        for fp, row in user_keys.items():
            checked += 1
            where = f"user_keys #{row['id']}"
            if keys.fingerprint(row["public_key"]) != fp:
                problems.append(("key", where, f"{where}: the fingerprint is not the key's"))
                continue
            if row["certificate"] is None:
                uncertified += 1
                continue
            site = sites.get(row["site_fingerprint"] or "")
            message = keys.certificate_message(row["user_id"], row["public_key"], row["created_utc"])
            if site is None or not keys.verify_with(site["public_key"], row["certificate"], message):
                problems.append(("key", where, f"{where} (user #{row['user_id']}): its certificate "
                                 "does not verify with the site key"))
        if uncertified:
            notes.append(f"{uncertified} signing key(s) await certification at an administrator's next "
                         "sign-in")
        first_site = min((r["created_utc"] for r in sites.values()), default=None)
        for sig in conn.execute("SELECT * FROM signatures ORDER BY id"):
            where = f"signature #{sig['id']} on {sig['table_name']} #{sig['record_id']}"
            if sig["ed25519"] is None:
                if first_site is not None and sig["signed_at_utc"] >= first_site:
                    problems.append(("signature", where, f"{where} carries no signature by the "
                                     "signer's key although keys were in use: it was forged"))
                continue
            key = user_keys.get(sig["key_fingerprint"] or "")
            message = keys.signature_message(sig["table_name"], sig["record_id"], sig["content_hash"], sig["meaning"],
                                             sig["signed_at_utc"], sig["signer_id"], sig["signer_username"])
            if key is None or key["user_id"] != sig["signer_id"]:
                problems.append(("signature", where, f"{where}: the signing key is not "
                                 f"{sig['signer_username']}'s"))
            elif not keys.verify_with(key["public_key"], sig["ed25519"], message):
                problems.append(("signature", where, f"{where} does not verify with "
                                 f"{sig['signer_username']}'s key: the signed record, its hash or "
                                 "the signature was changed"))
    finally:
        conn.row_factory = None
    return problems, checked, notes


# Rows nobody's key signs: the operating-system user's set-up and restores, and the failed
# sign-ins counted for an account (an actor made for that count holds no key).
_UNSIGNED_OS_TABLES = frozenset({"users", "user_keys", "site_keys", "site_key_shares", "_database"})


def _unsigned_allowed(user_id: int | None, action: str, table: str, field: str | None) -> bool:
    if user_id is None:
        return action in ("users.bootstrap", "database.restore") and table in _UNSIGNED_OS_TABLES
    return action == "session.sign_in" and table == "users" and field in ("failed_logins", "locked_until")


def check_chain_signatures(conn: sqlite3.Connection, heads: list[tuple[Any, ...]],
                           hashes: dict[int, str]) -> list[Found]:
    """Each chain signature verifies with its author's key at a head the chain holds; every audit
    row since keys came into use is covered by the next chain signature, made by the row's author —
    so a chain recomputed by someone without their passwords does not verify."""
    problems: list[Found] = []
    public = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT fingerprint, user_id, public_key FROM user_keys")}
    good: list[tuple[int, int]] = []   # (count, user id) of the signatures that hold
    for row in heads:
        sid, count, head, user_id, fp, signature = row
        where = f"chain signature #{sid} (audit row {count})"
        key = public.get(fp)
        if hashes.get(count) != head:
            problems.append(("chain_signature", where, f"{where} signs a chain head the trail no longer "
                             "has: the trail was rewritten"))
        elif key is None or key[0] != user_id or not keys.verify_with(key[1], signature,
                                                                        keys.chain_message(count, head)):
            problems.append(("chain_signature", where, f"{where} does not verify with user "
                             f"#{user_id}'s key"))
        else:
            good.append((count, user_id))
    start = conn.execute("SELECT min(seq) FROM audit_log WHERE table_name = 'site_keys' AND op = 'insert'").fetchone()
    if not start or start[0] is None:
        return problems
    index = 0
    for seq, user_id, username, action, table, column in conn.execute(
            "SELECT seq, user_id, username, action, table_name, field FROM audit_log WHERE seq >= ? ORDER BY seq",
            (start[0],)):
        while index < len(good) and good[index][0] < seq:
            index += 1
        if _unsigned_allowed(user_id, action, table, column):
            continue
        if index == len(good) or good[index][1] != user_id:
            problems.append(("chain_signature", f"audit row {seq}", f"audit row {seq} ({table}, "
                             f"by {username}) is not covered by a chain head signed with {username}'s "
                             "key: it was written or rewritten without their password"))
            return problems
    return problems
