"""Signing in (and unlocking a locked window), signing out, and changing one's own password.

Signing in is the only way a person becomes an `Actor` the services accept: the password is
checked by storage, which issues the actor and keeps it (`nkdesk.domain.Actor`). A second person
at the same workstation (a dose verifier) signs in the same way and gets an actor of their own.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from nkdesk.domain import Actor, Saved
from nkdesk.rules.errors import InputError
from nkdesk.storage import keys, passwords, users
from nkdesk.storage.errors import AuthError

if TYPE_CHECKING:
    from nkdesk.storage.store import Store


def sign_in(store: Store, username: str, password: str) -> Saved:
    """`Saved(actor)` if the password is right; AuthError otherwise (wrong passwords count, the
    fifth locks the account)."""
    actor, changes = users.sign_in(store, username, password)
    return Saved(actor, changes)


def sign_out(store: Store, actor: Actor) -> None:
    """The actor is refused from now on (the window signs out, or a verifier has verified)."""
    store.retire_actor(actor)


def unlock(store: Store, actor: Actor, password: str) -> Saved:
    """The signed-in `actor` unlocks the window with the password again: `Saved(actor)`, the same
    actor; AuthError (counted like a sign-in) when the password is wrong."""
    row = users.by_username(store, actor.username) if actor.id is not None else None
    if row is None or actor.id is None or row["id"] != actor.id:
        raise AuthError("bad_password", "unknown user or wrong password")
    with store.write(actor, "session.sign_in") as tx:
        users.check(row, password, store.now())   # a wrong password is counted by Store.write
        users.record_success(tx, actor.id)
    return Saved(actor, tx.changes)


def os_actor(store: Store, login: str) -> Actor:
    """The operating-system user of a command-line run (read-only commands, bootstrap, restore)."""
    return users.os_actor(store, login)


def change_password(store: Store, actor: Actor, old_password: str, new_password: str) -> Saved:
    problem = passwords.problem_with(new_password)
    if problem:
        raise InputError("new_password", problem, code="weak_password")
    if actor.id is None:
        raise InputError("new_password", "the operating-system user has no NKDesk password", code="no_account")
    with store.write(actor, "session.password", reason="password changed by its owner") as tx:
        users.check(tx.existing("users", actor.id), old_password, store.now())
        changes: dict[str, object] = {"password_hash": passwords.hash_password(new_password)}
        if keys.available(tx):
            changes["must_change_password"] = 0
        tx.update("users", actor.id, changes, expected_version=None)
        keys.reseal(tx, actor.id, old_password, new_password)   # the same signing key, under the new password
    if isinstance(actor.session, keys.Session):
        actor.session.must_change_password = False
    return Saved(users.get(store, actor.id), tx.changes)


def must_change_password(actor: Actor) -> bool:
    """Whether the signed-in person's password was reset by an administrator and must be changed now."""
    return isinstance(actor.session, keys.Session) and actor.session.must_change_password
