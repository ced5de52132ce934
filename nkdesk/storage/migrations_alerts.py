"""Schema step of "alert acknowledgement records what was done" (issue 14).

- m055: a vital-sign alert's acknowledgement says who was informed, what action was taken and when
  it was taken (beside who acknowledged it and when, m010). Older acknowledgements keep empty words
  and no action time: they recorded only who and when.

Registered on the shared `migrations` set with its `step` decorator (imported at the bottom of
migrations.py); never edited once shipped.
"""
from __future__ import annotations

from sqlite_utils import Database

from nkdesk.storage.migrations import step


@step("m055_alert_response")
def m055_alert_response(db: Database) -> None:
    db.executescript("""
    ALTER TABLE vital_alerts ADD COLUMN informed TEXT NOT NULL DEFAULT '';
    ALTER TABLE vital_alerts ADD COLUMN action_taken TEXT NOT NULL DEFAULT '';
    ALTER TABLE vital_alerts ADD COLUMN action_at TEXT;
    """)
