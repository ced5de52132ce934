"""`nkdesk verify [--db PATH]`: the file, its schema and its audit trail. Exit 0 sound, 1 not, 2 not NKDesk's."""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("verify", parents=[common],
                            help="check the database's integrity and its audit trail (read-only)")
    parser.set_defaults(run=run)


def run(args) -> int:
    import sys

    from nkdesk.cli.dbfile import as_input_error, db_path, os_error
    from nkdesk.storage.errors import StorageError
    from nkdesk.storage.verify import verify

    path = db_path(args)
    try:
        report = verify(path)
    except StorageError as exc:
        raise as_input_error(exc) from None
    except OSError as exc:
        raise os_error(exc, {"--db": path}) from None
    emit(args, report.to_json(), describe(report))
    if not report.ok:
        first = report.problems[0]
        print(f"nkdesk: verify: {first.record}: {first.message}", file=sys.stderr)
    return report.exit_code


def describe(report) -> str:
    if report.ok:
        lines = [f"SOUND: {report.db}",
                 f"  integrity ok; {report.audit_rows} audit rows chained (head {report.head[:16]}…)",
                 f"  anchor file {'matches' if report.anchor else 'not needed (empty trail)'}; "
                 f"{report.signatures_checked} signatures and {report.backups_checked} backup manifests agree; "
                 f"{report.records_checked} records match their trail"]
    else:
        lines = [f"NOT SOUND: {report.db}", f"  first bad record: {report.problems[0].record}"]
        lines += [f"  - {p.message}" for p in report.problems[:20]]
        if len(report.problems) > 20:
            lines.append(f"  … and {len(report.problems) - 20} more")
    lines += [f"  note: {n}" for n in report.notes]
    return "\n".join(lines)
