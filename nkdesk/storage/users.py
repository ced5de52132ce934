"""Users as stored: roles, scrypt password hashes, failed sign-ins and the lockout.

Five failed password entries in a row (at sign-in or when signing) lock the account for the site's
`login_lockout_min`; the count restarts after the lock. Unknown usernames and wrong passwords get
the same answer, so the sign-in dialog does not reveal which accounts exist.
"""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta

from nkdesk.domain import Role, User
from nkdesk.rules.errors import InputError
from nkdesk.storage import passwords, settings
from nkdesk.storage.errors import AuthError

MAX_FAILED_LOGINS = 5
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")


def from_row(row) -> User:
    return User(row["id"], row["username"], row["full_name"], Role(row["role"]), bool(row["active"]), row["version"])


def get(store, user_id: int) -> User | None:
    row = store.one("SELECT * FROM users WHERE id = ?", (user_id,))
    return from_row(row) if row else None


def by_username(store, username: str):
    return store.one("SELECT * FROM users WHERE username = ?", (username.strip(),))


def all_users(store) -> list[User]:
    return [from_row(r) for r in store.rows("SELECT * FROM users ORDER BY username")]


def insert(tx, username: str, full_name: str, role: Role, password: str) -> int:
    username = (username or "").strip()
    if not _USERNAME.match(username):
        raise InputError("username", "use 2–40 letters, digits, dots, hyphens or underscores", code="bad_username")
    if tx.one("SELECT 1 FROM users WHERE username = ?", (username,)):
        raise InputError("username", f"'{username}' is already taken", code="duplicate")
    if not (full_name or "").strip():
        raise InputError("full_name", "a name is needed (it is printed with signatures)", code="required")
    problem = passwords.problem_with(password)
    if problem:
        raise InputError("password", problem, code="weak_password")
    return tx.insert("users", {"username": username, "full_name": full_name.strip(), "role": Role(role),
                               "password_hash": passwords.hash_password(password)})


def locked_until(row, now: datetime) -> datetime | None:
    if not row["locked_until"]:
        return None
    until = datetime.fromisoformat(row["locked_until"])
    return until if now < until else None


def check(row, password: str, now: datetime) -> None:
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


def check_password_for_signing(conn, user_id: int, password: str, now: datetime) -> None:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    row = cursor.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
    try:
        check(row, password, now)
    except AuthError as exc:
        if exc.code == "bad_password":
            exc.message = "wrong password: the signature was not applied"
        raise


def record_failure(tx, user_id: int) -> bool:
    """Count a wrong password; lock the account at the fifth. Returns True if it is now locked."""
    row = tx.row("users", user_id)
    failed = row["failed_logins"] + 1
    if failed >= MAX_FAILED_LOGINS:
        minutes = settings.load(tx.conn).login_lockout_min
        until = tx.now + timedelta(minutes=minutes)
        tx.update("users", user_id, {"failed_logins": 0, "locked_until": until.isoformat()}, expected_version=None,
                  bump_version=False)
        return True
    tx.update("users", user_id, {"failed_logins": failed}, expected_version=None, bump_version=False)
    return False


def record_success(tx, user_id: int) -> None:
    row = tx.row("users", user_id)
    if row["failed_logins"] or row["locked_until"]:
        tx.update("users", user_id, {"failed_logins": 0, "locked_until": None}, expected_version=None,
                  bump_version=False)
    tx.event("users", user_id, "sign_in", None, tx.store.workstation)
