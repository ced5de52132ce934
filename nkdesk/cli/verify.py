"""`nkdesk verify [--db PATH] [--expect-head HEX …] [--accept-anchor --reason TEXT]`.

The file, its schema, its audit trail, keys and signatures (storage/verify.py). Exit 0 sound, 1 on
any finding, 2 for a file that is not an NKDesk database. `--expect-head` names a chain head a
witness recorded (a printed form's footer, `nkdesk where --json`): the chain must still hold it.
`--accept-anchor` (the genuine crash case, after investigating) asks for an administrator's user
name and password, records the acceptance with the reason in the trail, signed as that person,
then verifies again.
"""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("verify", parents=[common],
                            help="check the database's integrity, schema, audit trail and signatures (read-only)")
    parser.add_argument("--expect-head", metavar="HEX", action="append", default=[],
                        help="a chain head a witness recorded (a form's footer); at least 16 hex digits")
    parser.add_argument("--accept-anchor", action="store_true",
                        help="an administrator accepts the trail as it stands (after a crash), with --reason")
    parser.add_argument("--reason", metavar="TEXT", default=None, help="why the anchor is accepted")
    parser.add_argument("--user", metavar="NAME", default=None,
                        help="the administrator accepting (asked for when not given)")
    parser.set_defaults(run=run)


def run(args) -> int:
    import sys

    from nkdesk.cli.dbfile import as_input_error, db_path, os_error
    from nkdesk.rules.errors import InputError
    from nkdesk.storage.errors import StorageError
    from nkdesk.storage.verify import verify

    path = db_path(args)
    if args.reason is not None and not args.accept_anchor:
        raise InputError("--reason", "--reason goes with --accept-anchor", code="unexpected")
    try:
        accepted = _accept_anchor(args, path) if args.accept_anchor else None
        report = verify(path, expect_heads=tuple(args.expect_head))
    except StorageError as exc:
        raise as_input_error(exc) from None
    except OSError as exc:
        raise os_error(exc, {"--db": path}) from None
    payload = report.to_json()
    if accepted is not None:
        payload["accepted"] = accepted
    emit(args, payload, describe(report))
    if not report.ok:
        first = report.problems[0]
        print(f"nkdesk: verify: {first.record}: {first.message}", file=sys.stderr)
    return report.exit_code


def _accept_anchor(args, path) -> dict[str, object]:
    """Sign in as an administrator (name and password asked for) and accept the trail as it stands."""
    from nkdesk.rules.errors import InputError
    from nkdesk.services import auth, trail
    from nkdesk.storage.database import open_database
    from nkdesk.storage.errors import AuthError, PermissionDenied

    if not (args.reason or "").strip():
        raise InputError("--reason", "say what was investigated and why the trail is accepted", code="required")
    username = args.user or _ask("administrator user name: ", secret=False)
    password = _ask(f"password for {username}: ", secret=True)
    store = open_database(path)
    try:
        try:
            actor = auth.sign_in(store, username, password).value
        except AuthError as exc:
            raise InputError("--user", str(exc), code=exc.code) from None
        try:
            saved = trail.accept_anchor(store, actor, args.reason)
        except PermissionDenied as exc:
            raise InputError("--user", f"{username} is not an administrator: {exc}", code="permission") from None
        finally:
            auth.sign_out(store, actor)
        seqs = saved.changes.audit_seqs if saved.changes else None
        return {"by": username, "reason": args.reason.strip(), "audit_rows": list(seqs) if seqs else []}
    finally:
        store.close()


def _ask(prompt: str, *, secret: bool) -> str:
    """A line from the terminal (hidden for a password), or from stdin when it is not a terminal."""
    import getpass
    import sys

    if sys.stdin.isatty():
        return getpass.getpass(prompt) if secret else input(prompt)
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def describe(report) -> str:
    if report.ok:
        lines = [f"SOUND: {report.db}",
                 f"  integrity ok; schema as built ({report.schema_checked} objects); {report.audit_rows} audit rows "
                 f"chained (head {report.head[:16]}…)",
                 f"  anchor file {'matches' if report.anchor else 'not needed (empty trail)'}; "
                 f"{report.signatures_checked} signatures and {report.backups_checked} backup manifests agree; "
                 f"{report.keys_checked} keys certified; {report.records_checked} records match their trail"]
    else:
        lines = [f"NOT SOUND: {report.db}", f"  first bad record: {report.problems[0].record}"]
        lines += [f"  - {p.message}" for p in report.problems[:20]]
        if len(report.problems) > 20:
            lines.append(f"  … and {len(report.problems) - 20} more")
    lines += [f"  note: {n}" for n in report.notes]
    return "\n".join(lines)
