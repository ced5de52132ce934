"""Storage: the ward database (SQLite via sqlite-utils), its audit trail, users, backups. No Qt.

Start at `database.open_database(path)`, which returns a `Store`. All SQL lives here. Reads go
through functions named for what they read in the repository modules (patients, measurements,
records, infusions, adverse_events, users, settings, summaries, audit, signatures), which take a
`Reader` (the Store, or a Transaction inside a save) and return `nkdesk.domain` dataclasses; writes
go through `Store.write(actor, action)` (transaction.py), which refuses an actor the Store did not
issue, checks the actor's stored role, writes the audit rows in the same transaction and returns
what changed. Storage imports no `rules`: callers hand it computed values (`RecordedQuantity`s, the
prompt-report rule). Services (`nkdesk.services`) are the use cases built on these. Importing this
package loads nothing.
"""
