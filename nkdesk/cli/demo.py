"""`nkdesk demo [--db PATH] [--force]`: a demo database (an account per role, patients in each state).

On a database that holds only demo data this just prints the accounts and patients again (quick,
changes nothing). A database that holds anything else is refused (exit 2) unless --force, which
first backs it up and then replaces it with a new demo database.
"""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("demo", parents=[common], help="create a demo database and print its accounts")
    parser.add_argument("--force", action="store_true",
                        help="replace a database that holds other data (it is backed up first)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.cli.dbfile import as_input_error, db_path
    from nkdesk.storage.errors import StorageError

    path = db_path(args)
    try:
        payload = _run(path, args.force)
    except StorageError as exc:
        raise as_input_error(exc) from None
    emit(args, payload, describe(payload))
    return 0


def _run(path, force: bool) -> dict:
    import getpass

    from nkdesk.rules.errors import InputError
    from nkdesk.services import demo
    from nkdesk.storage.database import open_database

    kind = _classify(path)
    replaced = None
    if kind == "other" and not force:
        raise InputError("--db", f"{path} holds data that is not demo data; nothing was changed. "
                                 "Use --force to replace it with a demo database (it is backed up first)",
                         code="not_demo")
    if kind == "demo" and not force:
        with open_database(path) as store:
            return dict(demo.summary(store), created=False, replaced_backup=None)
    if kind in ("other", "demo"):
        replaced = _set_aside(path)
    with open_database(path, create=True) as store:
        demo.populate(store, getpass.getuser())
        return dict(demo.summary(store), created=True, replaced_backup=replaced)


def _classify(path) -> str:
    """'missing' (no file, or an empty one), 'empty' (NKDesk, no users or patients), 'demo', 'other'."""
    import sqlite3

    from nkdesk.storage.database import SQLITE_MAGIC

    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return "missing"
    if not path.is_file():
        return "other"
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return "other"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return "empty"
            if not {"users", "patients", "meta"} <= tables:
                return "other"
            users = {r[0] for r in conn.execute("SELECT username FROM users")}
            study_ids = {r[0] for r in conn.execute("SELECT study_id FROM patients")}
            if not users and not study_ids:
                return "empty"
            row = conn.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return "other"
    import json

    demo = json.loads(row[0]) if row else None
    if demo and study_ids <= set(demo["study_ids"]) and users <= set(demo["usernames"]):
        return "demo"
    return "other"


def _set_aside(path) -> str:
    """Back the file up (verified if it is a sound database, else byte for byte), then remove it."""
    from pathlib import Path

    from nkdesk.storage import audit, backup
    from nkdesk.storage.errors import StorageError

    try:
        kept = backup.take(path, kind="before-demo").path
    except StorageError:
        kept = backup.raw_copy(path, "before-demo").path
    for extra in ("-wal", "-shm", "-journal"):
        Path(str(path) + extra).unlink(missing_ok=True)
    audit.anchor_path(path).unlink(missing_ok=True)
    path.unlink()
    return str(kept)


def describe(payload: dict) -> str:
    from nkdesk.domain import Role

    lines = [f"Demo database: {payload['db']} ({'created' if payload['created'] else 'already there, unchanged'})"]
    if payload.get("replaced_backup"):
        lines.append(f"  what was there before is kept in {payload['replaced_backup']}")
    lines.append("Demo accounts (demo passwords: never use them for real data):")
    for a in payload["accounts"]:
        lines.append(f"  {Role(a['role']).label:15} {a['username']:10} password: {a['password']:12} ({a['name']})")
    lines.append("Patients:")
    verdicts = {True: "eligible", False: "not eligible", None: "undecided"}
    for p in payload["patients"]:
        verdict = verdicts[p["eligible"]] if p["assessment"] else "not assessed"
        if p["failed"]:
            verdict += f" (failed {', '.join(p['failed'])})"
        elif p["missing"] and p["eligible"] is None:
            verdict += f" (missing {', '.join(p['missing'])})"
        signed = f", {p['assessment']}" if p["assessment"] else ""
        lines.append(f"  {p['study_id']:9} {p['initials']:3} {p['state_label']:24} eligibility: {verdict}{signed}")
    return "\n".join(lines)
