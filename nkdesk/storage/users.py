"""Users as stored: roles, scrypt password hashes, failed sign-ins and the lockout.

Five failed password entries in a row (at sign-in or when signing) lock the account for the site's
`login_lockout_min`; the count restarts after the lock. Unknown usernames and wrong passwords get
the same answer, so the sign-in dialog does not reveal which accounts exist.

Signing in is the one way to an `Actor` for a person (`sign_in`); `os_actor` makes the actor of
the operating-system user of a command-line run. Both are issued by the `Store`, which refuses any
actor it did not issue. The checks of a new account's name and password are the service's
(`nkdesk.services.users`); storage keeps what it is handed.
"""
from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from nkdesk.domain import Actor, Changes, Role, User
from nkdesk.storage import keys, passwords, settings
from nkdesk.storage.errors import AuthError

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction

MAX_FAILED_LOGINS = 5


def from_row(row: sqlite3.Row) -> User:
    return User(row["id"], row["username"], row["full_name"], Role(row["role"]), bool(row["active"]), row["version"])


def get(store: Reader, user_id: int) -> User | None:
    row = store.one("SELECT * FROM users WHERE id = ?", (user_id,))
    return from_row(row) if row else None


def by_username(store: Reader, username: str) -> sqlite3.Row | None:
    return store.one("SELECT * FROM users WHERE username = ?", (username.strip(),))


def all_users(store: Reader) -> list[User]:
    return [from_row(r) for r in store.rows("SELECT * FROM users ORDER BY username")]


def username_taken(reader: Reader, username: str) -> bool:
    """`reader`: the Store or a Transaction."""
    return reader.one("SELECT 1 FROM users WHERE username = ?", (username,)) is not None


def count(reader: Reader) -> int:
    row = reader.one("SELECT count(*) FROM users")
    return int(row[0]) if row else 0


def full_name(reader: Reader, user_id: int | None) -> str | None:
    row = reader.one("SELECT full_name FROM users WHERE id = ?", (user_id,)) if user_id is not None else None
    return None if row is None else str(row[0])


def insert(tx: Transaction, username: str, full_name: str, role: Role, password: str, *,
           site: keys.Session | None = None) -> int:
    """A new account (name and password already checked by the service); the password is stored
    hashed, and the account gets its signing key, certified by the site key if `site` (the creating
    administrator's unlocked session) holds it. The first administrator of a file makes the site key."""
    uid = tx.insert("users", {"username": username, "full_name": full_name, "role": Role(role),
                              "password_hash": passwords.hash_password(password)})
    if not keys.available(tx):
        return uid
    if Role(role) is Role.ADMINISTRATOR:
        if keys.site_key(tx) is None:
            site = keys.make_site_key(tx, uid, password)   # set-up: the site key, sealed for this administrator
        elif site is not None:
            keys.share_site_key(tx, site, uid, password)
    keys.make_user_key(tx, uid, password, site)
    return uid


def sign_in(store: Store, username: str, password: str) -> tuple[Actor, Changes]:
    """The signed-in actor if the password is right (the success is recorded); AuthError otherwise
    (a wrong password is counted by `Store.write`: the fifth locks the account)."""
    started = time.perf_counter()
    row = by_username(store, username or "")
    if row is None:   # the same time as a wrong password: one scrypt, then as long as the last refusal took
        passwords.check_password(password or "", _decoy_hash())
        time.sleep(max(0.0, _REFUSAL_S[0] - (time.perf_counter() - started)))
        raise AuthError("bad_password", "unknown user or wrong password")
    user = from_row(row)
    if not user.active:
        raise AuthError("inactive", f"the account {user.username} is disabled; ask an administrator")
    session = keys.Session(must_change_password=bool(dict(row).get("must_change_password")))
    actor = store.issue_actor(user, session=session)
    try:
        with store.write(actor, "session.sign_in") as tx:
            check(row, password, store.now())
            record_success(tx, user.id)
            unlocked = keys.unlock(tx, user.id, password, administrator=user.role is Role.ADMINISTRATOR)
            session.signing_key, session.fingerprint = unlocked.signing_key, unlocked.fingerprint
            session.site_key, session.site_key_id = unlocked.site_key, unlocked.site_key_id
    except BaseException as exc:
        store.retire_actor(actor)
        if isinstance(exc, AuthError) and exc.code in ("bad_password", "locked"):
            _REFUSAL_S[0] = time.perf_counter() - started
        raise
    return actor, tx.changes


_DECOY: dict[int, str] = {}
_REFUSAL_S = [0.0]   # how long the last wrong password took to refuse (its scrypt and the counted failure)


def _decoy_hash() -> str:
    """A hash at the current cost that no password matches: checked for an unknown user name."""
    if passwords.COST_N not in _DECOY:
        _DECOY[passwords.COST_N] = passwords.hash_password(os.urandom(16).hex())
    return _DECOY[passwords.COST_N]


def os_actor(store: Store, login: str) -> Actor:
    """The operating-system user `login` of a command-line run: it may bootstrap the first
    administrator, restore, and print; nothing clinical (roles.OS_ACTIONS)."""
    return store.issue_actor(None, login=login)


def locked_until(row: sqlite3.Row, now: datetime) -> datetime | None:
    if not row["locked_until"]:
        return None
    until = datetime.fromisoformat(row["locked_until"])
    return until if now < until else None


def check(row: sqlite3.Row, password: str, now: datetime) -> None:
    """Raise AuthError unless this user row is active, not locked, and `password` is right."""
    if row is None:
        raise AuthError("bad_password", "unknown user or wrong password")
    if not row["active"]:
        raise AuthError("inactive", f"the account {row['username']} is disabled; ask an administrator")
    until = locked_until(row, now)
    if until is not None:
        raise AuthError("locked", f"the account {row['username']} is locked after {MAX_FAILED_LOGINS} failed "
                                  f"attempts until {until.astimezone().strftime('%H:%M')}", until=until.isoformat())
    if not passwords.check_password(password, row["password_hash"]):
        raise AuthError("bad_password", "unknown user or wrong password", user_id=row["id"])


def check_password_for_signing(conn: sqlite3.Connection, user_id: int, password: str, now: datetime) -> None:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    row = cursor.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
    try:
        check(row, password, now)
    except AuthError as exc:
        if exc.code == "bad_password":
            exc.message = "wrong password: the signature was not applied"
        raise


def record_failure(tx: Transaction, user_id: int) -> bool:
    """Count a wrong password; lock the account at the fifth. Returns True if it is now locked."""
    row = tx.existing("users", user_id)
    failed = row["failed_logins"] + 1
    if failed >= MAX_FAILED_LOGINS:
        minutes = settings.load(tx.conn).login_lockout_min
        until = tx.now + timedelta(minutes=minutes)
        tx.update("users", user_id, {"failed_logins": 0, "locked_until": until.isoformat()}, expected_version=None,
                  bump_version=False)
        return True
    tx.update("users", user_id, {"failed_logins": failed}, expected_version=None, bump_version=False)
    return False


def record_success(tx: Transaction, user_id: int) -> None:
    row = tx.existing("users", user_id)
    if row["failed_logins"] or row["locked_until"]:
        tx.update("users", user_id, {"failed_logins": 0, "locked_until": None}, expected_version=None,
                  bump_version=False)
    tx.event("users", user_id, "sign_in", None, tx.store.workstation)
