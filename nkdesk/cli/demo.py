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
    from nkdesk.cli.dbfile import as_input_error, db_path, os_error, output_target
    from nkdesk.storage.errors import StorageError

    path = db_path(args)
    output_target(str(path), "--db", folder_ok=False)
    try:
        payload = _run(path, args.force)
    except StorageError as exc:
        raise as_input_error(exc) from None
    except OSError as exc:
        raise os_error(exc, {"--db": path}) from None
    emit(args, payload, describe(payload))
    return 0


def _run(path, force: bool) -> dict:
    import getpass

    from nkdesk.rules.errors import InputError
    from nkdesk.services import demo
    from nkdesk.storage import backup
    from nkdesk.storage.database import open_database

    kind = demo.classify(path)
    replaced = None
    if kind == "other" and not force:
        raise InputError("--db", f"{path} holds data that is not demo data; nothing was changed. "
                                 "Use --force to replace it with a demo database (it is backed up first)",
                         code="not_demo")
    if kind == "demo" and not force:
        with open_database(path) as store:
            return dict(demo.summary(store), created=False, replaced_backup=None)
    if kind in ("other", "demo"):
        replaced = str(backup.set_aside(path, "before-demo"))
    with open_database(path, create=True) as store:
        demo.populate(store, getpass.getuser())
        return dict(demo.summary(store), created=True, replaced_backup=replaced)


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
        treatment = _treatment_words(p)
        if treatment:
            lines.append(f"  {'':13} {treatment}")
    return "\n".join(lines)


ORDER_WORDS = {"draft": "draft", "prescribed": "prescribed, awaiting verification", "verified": "verified",
               "cancelled": "cancelled"}


def _treatment_words(p: dict) -> str:
    """One line on the patient's calendar, dose orders and bedside records (empty if none)."""
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"
    parts = []
    if p.get("cycles"):
        cancelled = p.get("cycles_cancelled", 0)
        parts.append(f"{count(p['cycles'], 'cycle')} planned" + (f" ({cancelled} cancelled)" if cancelled else ""))
    for status in p.get("dose_orders", []):
        parts.append(f"dose order {ORDER_WORDS.get(status, status)}")
    if p.get("infusion"):
        parts.append(f"infusion {p['infusion'].replace('_', ' ')}")
    if p.get("vital_sets"):
        parts.append(f"{count(p['vital_sets'], 'vital-sign set')} ({count(p['open_alerts'], 'alert')} open)")
    if p.get("adverse_events"):
        parts.append(count(p["adverse_events"], "adverse event"))
    if p.get("ae_proposals_open"):
        parts.append(f"{count(p['ae_proposals_open'], 'AE proposal')} pending")
    if p.get("stop"):
        parts.append(f"treatment {p['stop']} (stop rule, signed)")
    return "; ".join(parts)
