"""Storage: the ward database (SQLite via sqlite-utils), its audit trail, users, backups. No Qt.

Start at `database.open_database(path)`, which returns a `Store`. Reads go through the repository
modules here (patients, measurements, records, infusions, adverse_events, users, settings), which
return `nkdesk.domain` dataclasses; writes go through `Store.write(actor, action)` (transaction.py),
which checks the actor's role, writes the audit rows in the same transaction and returns what
changed. Services (`nkdesk.services`) are the use cases built on these. Importing this package
loads nothing.
"""
