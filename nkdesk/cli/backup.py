"""`nkdesk backup [--db PATH] [--to PATH]`: an online, consistent, verified copy with a manifest."""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("backup", parents=[common], help="copy the database safely (online, verified)")
    parser.add_argument("--to", metavar="PATH", default=None,
                        help="a new file, or a folder (default: backups/ beside the database)")
    parser.set_defaults(run=run)


def run(args) -> int:
    import sys

    from nkdesk.cli.dbfile import as_input_error, db_path, os_error, output_target
    from nkdesk.storage import backup, filecheck
    from nkdesk.storage.errors import CorruptDatabase, NotADatabase, StorageError
    from nkdesk.storage.filecheck import SQLITE_MAGIC

    path = db_path(args)
    to = output_target(args.to, "--to", folder_ok=True) if args.to is not None else None
    try:
        if not path.is_file():
            raise StorageError(f"there is no database at {path}", path=path, hint="Check --db or NKDESK_DB")
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise NotADatabase(f"{path} is not an NKDesk database; nothing was copied", path=path)
        found = filecheck.damage(path)   # the quick check of every open (issue 15)
        if found:
            raise CorruptDatabase(f"{path} is damaged: {found}; nothing was copied", path=path,
                                  hint="Run `nkdesk verify`; restore the last good backup").offer_backup(
                                      backup.last_good(path))
        info = backup.take(path, to=to)
    except StorageError as exc:
        raise as_input_error(exc, "--to" if to is not None and exc.path is not None and
                             str(exc.path).startswith(str(to)) else "--db") from None
    except OSError as exc:
        raise os_error(exc, {"--to": to, "--db": path}) from None
    m = info.manifest
    payload = {"db": str(path), "backup": str(info.path), "manifest": str(backup.manifest_path(info.path)),
               "bytes": m["bytes"], "sha256": m["sha256"], "integrity": m["integrity"], "verified": m["verified"],
               "anchor": m["anchor"], "chain_ok": m["chain_ok"], "created_utc": m["created_utc"]}
    payload["verify_problem"] = m.get("verify_problem")
    emit(args, payload, f"backup written{' and verified' if m['verified'] else ' (NOT verified)'}: {info.path}\n"
                        f"  {m['bytes']} bytes, integrity ok, audit rows {m['anchor']['count']}, "
                        f"head {m['anchor']['head'][:16]}…")
    if not m["verified"]:   # the copy is kept (it is evidence), but it is not a verified backup
        problem = m.get("verify_problem") or {}
        print(f"nkdesk: --db: the copy does not pass verify ({problem.get('record')}: {problem.get('message')}); "
              "it was kept but is not marked verified: run `nkdesk verify`", file=sys.stderr)
        return 1
    return 0
