"""`nkdesk restore BACKUP [--db PATH]`: put a verified backup back, after backing up what it replaces."""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("restore", parents=[common], help="replace the database with a backup")
    parser.add_argument("backup", metavar="BACKUP", help="a backup file written by `nkdesk backup`")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.cli.dbfile import as_input_error, db_path, input_file, os_error, output_target
    from nkdesk.storage.errors import StorageError
    from nkdesk.storage.restore import restore

    path = db_path(args)
    output_target(str(path), "--db", folder_ok=False)
    source = input_file(args.backup, "BACKUP")
    try:
        done = restore(source, path)
    except StorageError as exc:
        raise as_input_error(exc, "BACKUP" if exc.path and exc.path != path else "--db") from None
    except OSError as exc:
        raise os_error(exc, {"--db": path, "BACKUP": source}) from None
    replaced = str(done.replaced.path) if done.replaced else None
    payload = {"db": str(done.db), "restored_from": str(done.backup), "replaced_backup": replaced,
               "anchor": {"count": done.anchor.count, "head": done.anchor.hash}}
    text = f"restored {done.db} from {done.backup}"
    if replaced:
        text += f"\n  the database it replaced was backed up first: {replaced}"
    emit(args, payload, text)
    return 0
