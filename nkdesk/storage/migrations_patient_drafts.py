"""Schema step of "nothing typed is lost" for a patient who does not exist yet (issue 14).

- m085: `user_drafts`, what the new-patient dialog holds before the patient is created, one row per
  (user, editor): the `drafts` table (m030) is keyed by an existing patient, and a new patient has
  none. Like those drafts it is not a record: no audit rows, no version; creating the patient
  removes it in the same transaction, and discarding it is an audited event with the reason.

Registered on the shared `migrations` set with its `step` decorator (imported at the bottom of
migrations.py); never edited once shipped.
"""
from __future__ import annotations

from sqlite_utils import Database

from nkdesk.storage.migrations import step


@step("m085_user_drafts")
def m085_user_drafts(db: Database) -> None:
    db.executescript("""
    CREATE TABLE user_drafts (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id),
        editor TEXT NOT NULL CHECK (length(editor) > 0),
        payload TEXT NOT NULL,
        saved_at_utc TEXT NOT NULL,
        UNIQUE (user_id, editor)
    );
    """)
