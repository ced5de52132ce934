"""Schema step of "nothing typed is lost" (issue 14): the drafts table.

- m030: what an editor holds that is not saved yet (an eligibility assessment being typed, a
  vital-sign row, an AE form…), one row per (patient, editor, key), replaced as the user types.
  Drafts are not records: no audit rows, no version, never read by rules, alerts, summaries, forms
  or exports. Saving the record for real deletes its draft in the same transaction; discarding a
  draft is recorded in the audit trail (who, when, what was thrown away, why).

Registered on the shared `migrations` set with its `step` decorator (imported at the bottom of
migrations.py); never edited once shipped.
"""
from __future__ import annotations

from sqlite_utils import Database

from nkdesk.storage.migrations import step


@step("m030_drafts")
def m030_drafts(db: Database) -> None:
    db.executescript("""
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        editor TEXT NOT NULL CHECK (length(editor) > 0),
        key TEXT NOT NULL DEFAULT '',
        payload TEXT NOT NULL,
        user_id INTEGER REFERENCES users (id),
        saved_at_utc TEXT NOT NULL,
        UNIQUE (patient_id, editor, key)
    );
    """)
