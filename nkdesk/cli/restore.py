"""`nkdesk restore BACKUP [--db PATH] [--accept-loss] [--other-instance] [--json]`.

Puts a backup back after backing up what it replaces (and naming that copy). Exit 2: BACKUP cannot
be read, is not an NKDesk database, or (without --other-instance) is of another database. Exit 1:
BACKUP fails verify, or the current database holds data the backup does not (`would_lose`, per
table and patient) and --accept-loss was not given. Exit 0: restored.
"""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("restore", parents=[common], help="replace the database with a backup")
    parser.add_argument("backup", metavar="BACKUP", help="a backup file written by `nkdesk backup`")
    parser.add_argument("--accept-loss", action="store_true",
                        help="restore even though the current database holds newer data (listed first)")
    parser.add_argument("--other-instance", action="store_true",
                        help="restore a backup of another database (another instance id)")
    parser.set_defaults(run=run)


def run(args) -> int:
    import sys

    from nkdesk.cli.dbfile import as_input_error, db_path, input_file, os_error, output_target
    from nkdesk.storage.errors import StorageError
    from nkdesk.storage.restore import RestoreRefused, restore

    path = db_path(args)
    output_target(str(path), "--db", folder_ok=False)
    source = input_file(args.backup, "BACKUP")
    try:
        done = restore(source, path, accept_loss=args.accept_loss, other_instance=args.other_instance)
    except RestoreRefused as exc:
        payload = {"db": str(path), "restored_from": None, "backup": str(source), "refused": exc.message,
                   "would_lose": [loss.to_json() for loss in exc.would_lose],
                   "problems": [{"kind": p.kind, "record": p.record, "message": p.message} for p in exc.problems]}
        lines = [f"not restored: {exc}"] + [f"  would lose {loss.table}"
                                             f"{f' of {loss.study_id}' if loss.study_id else ''}: {loss.rows} record(s)"
                                             for loss in exc.would_lose]
        emit(args, payload, "\n".join(lines))
        option = "--accept-loss" if exc.would_lose else "BACKUP"
        print(f"nkdesk: {option}: {' '.join(str(exc).split())}"[:200], file=sys.stderr)
        return 1
    except StorageError as exc:
        raise as_input_error(exc, "BACKUP" if exc.path and exc.path != path else "--db") from None
    except OSError as exc:
        raise os_error(exc, {"--db": path, "BACKUP": source}) from None
    replaced = str(done.replaced.path) if done.replaced else None
    payload = {"db": str(done.db), "restored_from": str(done.backup), "replaced_backup": replaced,
               "anchor": {"count": done.anchor.count, "head": done.anchor.hash},
               "would_lose": [loss.to_json() for loss in done.lost], "accepted_loss": bool(done.lost),
               "other_instance": done.other_instance}
    text = f"restored {done.db} from {done.backup}"
    if replaced:
        text += f"\n  the database it replaced was backed up first: {replaced}"
    for loss in done.lost:
        text += f"\n  lost (accepted): {loss.table}{f' of {loss.study_id}' if loss.study_id else ''}: {loss.rows}"
    emit(args, payload, text)
    return 0
