"""`nkdesk where`: the database file in use (--db, else $NKDESK_DB, else the user data folder).

With `--json` it also gives what paper witnesses (issue 15): the site key's fingerprint and the
audit chain's head, the same two values every printed form carries in its footer, read without
changing the file (a read-only file works).
"""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("where", parents=[common], help="print the database path in use")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.cli.dbfile import db_path
    from nkdesk.storage.witness import witness

    path = db_path(args)
    payload: dict[str, object] = {"db": str(path), "exists": path.exists()}
    payload.update(witness(path))
    emit(args, payload, str(path))
    return 0
