"""Schema step of "NKDesk in Japanese" (issue 18): each user's own choices.

- m070: user_preferences, one row per user: the window's language ("ja" or "en"; none = follow
  the workstation's locale). Audited like every other change (who chose what, when).

Registered on the shared `migrations` set with its `step` decorator (listed at the bottom of
migrations.py); never edited once shipped.
"""
from __future__ import annotations

from sqlite_utils import Database

from nkdesk.storage.migrations import _VERSION, step


@step("m070_user_preferences")
def m070_user_preferences(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE user_preferences (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL UNIQUE REFERENCES users (id),
        language TEXT CHECK (language IN ('ja', 'en')),
        {_VERSION}
    );
    """)
