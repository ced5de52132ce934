"""User accounts, managed by administrators; the first administrator of an empty database."""
from __future__ import annotations

from nkdesk.domain import Role, Saved, User
from nkdesk.rules.errors import InputError
from nkdesk.storage import passwords
from nkdesk.storage import users as stored_users
from nkdesk.storage.errors import PermissionDenied


def bootstrap_administrator(store, login: str, username: str, full_name: str, password: str) -> Saved:
    """The first account of an empty database, created by the operating-system user `login`."""
    with store.write(User.os_user(login), "users.bootstrap") as tx:
        if tx.one("SELECT count(*) FROM users")[0]:
            raise PermissionDenied("this database has users already: an administrator adds new ones",
                                   action="users.bootstrap")
        uid = stored_users.insert(tx, username, full_name, Role.ADMINISTRATOR, password)
    return Saved(stored_users.get(store, uid), tx.changes)


def create_user(store, actor: User, username: str, full_name: str, role: Role | str, password: str) -> Saved:
    role = _role(role)
    with store.write(actor, "users.manage") as tx:
        uid = stored_users.insert(tx, username, full_name, role, password)
    return Saved(stored_users.get(store, uid), tx.changes)


def set_role(store, actor: User, user_id: int, role: Role | str, expected_version: int) -> Saved:
    with store.write(actor, "users.manage") as tx:
        tx.update("users", user_id, {"role": _role(role)}, expected_version=expected_version)
    return Saved(stored_users.get(store, user_id), tx.changes)


def set_active(store, actor: User, user_id: int, active: bool, expected_version: int) -> Saved:
    if user_id == actor.id and not active:
        raise InputError("active", "you cannot disable your own account", code="self")
    with store.write(actor, "users.manage") as tx:
        tx.update("users", user_id, {"active": bool(active)}, expected_version=expected_version)
    return Saved(stored_users.get(store, user_id), tx.changes)


def reset_password(store, actor: User, user_id: int, new_password: str, expected_version: int) -> Saved:
    """A new password set by an administrator; it also lifts a lock."""
    problem = passwords.problem_with(new_password)
    if problem:
        raise InputError("password", problem, code="weak_password")
    with store.write(actor, "users.manage") as tx:
        tx.update("users", user_id, {"password_hash": passwords.hash_password(new_password), "failed_logins": 0,
                                     "locked_until": None}, expected_version=expected_version)
    return Saved(stored_users.get(store, user_id), tx.changes)


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InputError("role", f"unknown role '{role}' (one of {', '.join(r.value for r in Role)})",
                         code="unknown_role") from None
