"""Schema steps of issue 15 (evidence that holds).

- m040: NKDesk's `PRAGMA application_id` in the file header, so `nkdesk verify` (and anything
  else) can tell an NKDesk database from any other SQLite file without trusting its tables.

Registered on the shared `migrations` set with its `step` decorator (imported at the bottom of
migrations.py); never edited once shipped.
"""
from __future__ import annotations

from sqlite_utils import Database

from nkdesk.storage.migrations import step

# "NKDK" as a big-endian 32-bit integer: the value SQLite keeps at offset 68 of the header.
APPLICATION_ID = 0x4E4B444B


@step("m040_application_id")
def m040_application_id(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
