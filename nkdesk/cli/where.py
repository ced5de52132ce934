"""`nkdesk where`: the database file in use (--db, else $NKDESK_DB, else the user data folder)."""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("where", parents=[common], help="print the database path in use")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.cli.dbfile import db_path

    path = db_path(args)
    emit(args, {"db": str(path), "exists": path.exists()}, str(path))
    return 0
