"""`nkdesk export odm|redcap|fhir [--db PATH] --out DIR [--patient STUDY_ID …] [--with-notes]`.

The trial's data for the sponsor's systems, pseudonymised (nkdesk.services.export). The database
is opened read-only (an export only reads; a read-only file works), the files are validated by
their format's validator before anything is written. Bad input exits 2 naming the option: an
unknown format, an `--out` that cannot be written, an unknown `--patient`.

The read is recorded in the access log as the operating-system user (`export(…, record_read=…)`;
in the database, or beside it when the database is read-only).
"""
from __future__ import annotations

from nkdesk.cli.output import emit

FORMATS = ("odm", "redcap", "fhir")


def register(sub, common) -> None:
    parser = sub.add_parser("export", parents=[common],
                            help="export the trial's data (CDISC ODM 1.3.2, REDCap, FHIR R4), pseudonymised")
    parser.add_argument("format", metavar="FORMAT", help=f"one of {', '.join(FORMATS)}")
    parser.add_argument("--out", required=True, metavar="DIR", help="the folder to write the files into")
    parser.add_argument("--patient", action="append", metavar="STUDY_ID", default=None,
                        help="export only this patient (repeat for several; default: every patient)")
    parser.add_argument("--with-notes", action="store_true",
                        help="include free-text clinical notes (left out by default)")
    parser.set_defaults(run=run)


def run(args) -> int:
    import getpass

    from nkdesk.cli.dbfile import as_input_error, db_path
    from nkdesk.rules.errors import InputError
    from nkdesk.services import auth, export, trail
    from nkdesk.storage.errors import StorageError
    from nkdesk.storage.export_reads import open_read_only

    if args.format not in FORMATS:
        raise InputError("FORMAT", f"unknown export format '{args.format}' (known: {', '.join(FORMATS)})",
                         code="bad_format")
    out = export.check_out_dir(args.out)
    try:
        with open_read_only(db_path(args)) as store:
            actor = auth.os_actor(store, getpass.getuser())
            result = export.export(store, actor, args.format, out, args.patient, args.with_notes,
                                   record_read=trail.export_recorder(store))
    except StorageError as exc:
        raise as_input_error(exc) from None
    except export.ExportInvalid as exc:
        raise RuntimeError(f"the export failed its format's validator, nothing was written: {exc}") from None
    payload = {"format": result.fmt, "out": str(result.out_dir), "files": [str(p) for p in result.files],
               "patients": list(result.study_ids), "with_notes": result.with_notes, "bytes": result.bytes,
               "exported_by": actor.username}
    emit(args, payload, f"{result.fmt}: {len(result.study_ids)} patient(s) to {result.out_dir}\n"
                        + "\n".join(f"  {p.name}" for p in result.files))
    return 0
