"""User accounts, managed by administrators; the first administrator of an empty database.

The checks of a new account (user name, full name, password strength) are here; storage keeps
what it is handed. Accounts are `User` records; only signing in makes an `Actor` (services.auth).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nkdesk.domain import Actor, Role, Saved, User
from nkdesk.rules.errors import InputError
from nkdesk.storage import keys, passwords, roles
from nkdesk.storage import users as stored_users
from nkdesk.storage.errors import PermissionDenied

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")


def bootstrap_administrator(store: Store, login: str, username: str, full_name: str, password: str) -> Saved:
    """The first account of an empty database, created by the operating-system user `login`."""
    username, full_name = _checked(username, full_name, password)
    with store.write(stored_users.os_actor(store, login), "users.bootstrap") as tx:
        if stored_users.count(tx):
            raise PermissionDenied("this database has users already: an administrator adds new ones",
                                   action="users.bootstrap", code="users_exist")
        uid = stored_users.insert(tx, username, full_name, Role.ADMINISTRATOR, password)
    return Saved(stored_users.get(store, uid), tx.changes)


def create_user(store: Store, actor: Actor, username: str, full_name: str, role: Role | str, password: str) -> Saved:
    role = _role(role)
    username, full_name = _checked(username, full_name, password)
    with store.write(actor, "users.manage") as tx:
        if stored_users.username_taken(tx, username):
            raise InputError("username", f"'{username}' is already taken", code="duplicate",
                             text=username)
        uid = stored_users.insert(tx, username, full_name, role, password, site=_site(actor))
    return Saved(stored_users.get(store, uid), tx.changes)


def set_role(store: Store, actor: Actor, user_id: int, role: Role | str, expected_version: int) -> Saved:
    """An administrator changes an account's role; never their own to a signing role (no one may
    grant themselves the power to sign clinical records)."""
    if user_id == actor.id and _role(role) in roles.SIGNING_ROLES:
        raise InputError("role", "you cannot give your own account a signing role; another administrator can",
                         code="self")
    with store.write(actor, "users.manage") as tx:
        tx.update("users", user_id, {"role": _role(role)}, expected_version=expected_version)
    return Saved(stored_users.get(store, user_id), tx.changes)


def set_active(store: Store, actor: Actor, user_id: int, active: bool, expected_version: int) -> Saved:
    if user_id == actor.id and not active:
        raise InputError("active", "you cannot disable your own account", code="self")
    with store.write(actor, "users.manage") as tx:
        tx.update("users", user_id, {"active": bool(active)}, expected_version=expected_version)
    return Saved(stored_users.get(store, user_id), tx.changes)


def reset_password(store: Store, actor: Actor, user_id: int, new_password: str, expected_version: int, *,
                   reason: str = "password reset by an administrator") -> Saved:
    """A new password set by an administrator, with a reason; it also lifts a lock, must be changed
    at the user's next sign-in, and comes with a new signing key pair, certified again (the old
    public key is kept, so the user's old signatures still verify)."""
    problem = passwords.problem_with(new_password)
    if problem:
        raise InputError("password", problem, code="weak_password")
    if not (reason or "").strip():
        raise InputError("reason", "say why the password is reset", code="required")
    with store.write(actor, "users.manage", reason=reason) as tx:
        changes: dict[str, object] = {"password_hash": passwords.hash_password(new_password), "failed_logins": 0,
                                      "locked_until": None}
        if keys.available(tx):
            changes["must_change_password"] = 1
        tx.update("users", user_id, changes, expected_version=expected_version)
        site = _site(actor)
        if tx.existing("users", user_id)["role"] == Role.ADMINISTRATOR.value and site is not None:
            keys.share_site_key(tx, site, user_id, new_password)
        if keys.available(tx):
            keys.make_user_key(tx, user_id, new_password, site)
    return Saved(stored_users.get(store, user_id), tx.changes)


def _site(actor: Actor) -> keys.Session | None:
    """The administrator's unlocked site key (to certify new keys), if signing in unlocked it."""
    session = actor.session
    return session if isinstance(session, keys.Session) and session.site_key is not None else None


def accounts(store: Store) -> list[User]:
    """Every account (User records), by user name."""
    return stored_users.all_users(store)


def has_accounts(store: Store) -> bool:
    """Whether any account exists (the window asks for a first administrator otherwise)."""
    return stored_users.count(store) > 0


def full_name(store: Store, user_id: int | None) -> str | None:
    return stored_users.full_name(store, user_id)


def _checked(username: str, full_name: str, password: str) -> tuple[str, str]:
    username = (username or "").strip()
    if not _USERNAME.match(username):
        raise InputError("username", "use 2–40 letters, digits, dots, hyphens or underscores", code="bad_username")
    if not (full_name or "").strip():
        raise InputError("full_name", "a name is needed (it is printed with signatures)", code="required")
    problem = passwords.problem_with(password)
    if problem:
        raise InputError("password", problem, code="weak_password")
    return username, full_name.strip()


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InputError("role", f"unknown role '{role}' (one of {', '.join(r.value for r in Role)})",
                         code="unknown_role") from None
