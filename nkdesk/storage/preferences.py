"""Each user's own choices (today: the window's language), one audited row per user."""
from __future__ import annotations

from nkdesk.storage.store import Store
from nkdesk.storage.transaction import Transaction

TABLE = "user_preferences"


def language(store: Store, user_id: int) -> str | None:
    row = store.one("SELECT language FROM user_preferences WHERE user_id = ?", (user_id,))
    return None if row is None else row["language"]


def set_language(tx: Transaction, user_id: int, value: str | None) -> None:
    row = tx.one("SELECT id FROM user_preferences WHERE user_id = ?", (user_id,))
    if row is None:
        tx.insert(TABLE, {"user_id": user_id, "language": value})
    else:
        # a user's own preference, changed by that user only: the current version is the one seen
        tx.update(TABLE, row["id"], {"language": value}, expected_version=None)


def last_signed_in_language(store: Store, workstation: str) -> str | None:
    """The language chosen by whoever signed in last at this workstation (None: none chosen, or
    nobody yet): the sign-in screen speaks it when the window starts."""
    row = store.one("SELECT p.language FROM audit_log a LEFT JOIN user_preferences p ON p.user_id = a.user_id"
                    " WHERE a.table_name = 'users' AND a.field = 'sign_in' AND a.workstation = ?"
                    " ORDER BY a.seq DESC LIMIT 1", (workstation,))
    return None if row is None else row["language"]
