"""Signing in (and unlocking a locked window), and changing one's own password."""
from __future__ import annotations

from nkdesk.domain import Saved, User
from nkdesk.rules.errors import InputError
from nkdesk.storage import passwords, users
from nkdesk.storage.errors import AuthError


def sign_in(store, username: str, password: str) -> Saved:
    """The user, if the password is right; wrong passwords count, the fifth locks the account."""
    row = users.by_username(store, username or "")
    if row is None:
        raise AuthError("bad_password", "unknown user or wrong password")
    user = users.from_row(row)
    if not user.active:
        raise AuthError("inactive", f"the account {user.username} is disabled; ask an administrator")
    with store.write(user, "session.sign_in") as tx:
        users.check(row, password, store.now())   # a wrong password is counted by Store.write
        users.record_success(tx, user.id)
    return Saved(user, tx.changes)


def change_password(store, actor: User, old_password: str, new_password: str) -> Saved:
    problem = passwords.problem_with(new_password)
    if problem:
        raise InputError("new_password", problem, code="weak_password")
    with store.write(actor, "session.password") as tx:
        users.check(tx.row("users", actor.id), old_password, store.now())
        tx.update("users", actor.id, {"password_hash": passwords.hash_password(new_password)}, expected_version=None)
    return Saved(users.get(store, actor.id), tx.changes)
