"""`nkdesk form NAME --patient STUDY_ID [--db PATH] --out FILE.pdf`: print a paper form to a PDF.

The same PDF the window's Print action makes (both go through nkdesk.services.printing.make_pdf),
printed by the operating-system user (an actor the database issues for this read-only run), at the
workstation's local time, on the site's paper size.
reportlab is imported only here in run(), never when the parser is built. The PDF is written to a
temporary file beside FILE and renamed into place, so a failure never leaves half a PDF.

The read is recorded in the access log as the operating-system user (`printing.make_pdf`; beside
the database when it is read-only, which this command still prints from: it only reads).
"""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    from nkdesk.forms.catalogue import names

    parser = sub.add_parser("form", parents=[common], help="print a paper form for one patient to a PDF file")
    parser.add_argument("name", metavar="NAME", help=f"the form: {', '.join(names())}")
    parser.add_argument("--patient", required=True, metavar="STUDY_ID", help="the patient's study ID, e.g. DEMO-002")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF file to write")
    parser.set_defaults(run=run)


def run(args) -> int:
    import getpass
    from datetime import datetime

    from nkdesk import __version__
    from nkdesk.cli.dbfile import as_input_error, db_path, os_error
    from nkdesk.forms import catalogue
    from nkdesk.rules.errors import InputError
    from nkdesk.services import auth, patients, printing
    from nkdesk.services import settings as site_settings
    from nkdesk.storage.errors import StorageError

    form = catalogue.spec(args.name)
    out = writable_target(args.out)
    path = db_path(args)
    printed_at = datetime.now().astimezone()
    try:
        with _open(path) as store:
            actor = auth.os_actor(store, getpass.getuser())   # prints; writes nothing
            patient = patients.by_study_id(store, args.patient)
            if patient is None:
                raise InputError("--patient", f"no patient with study ID '{args.patient.strip()}' in {store.path}",
                                 code="unknown_patient")
            pdf = printing.make_pdf(form.name, store, patient, actor, site_settings.load(store),
                                     printed_at=printed_at, app_version=__version__)
    except StorageError as exc:
        raise as_input_error(exc) from None
    except OSError as exc:
        raise os_error(exc, {"--db": path}) from None
    from nkdesk.services.files import write_atomically

    write_atomically(out, pdf)
    payload = {"form": form.name, "title": form.title, "version": form.version, "patient": patient.study_id,
               "out": str(out), "bytes": len(pdf), "printed_by": catalogue.printed_by(actor),
               "printed_at": printed_at.isoformat(timespec="seconds")}
    emit(args, payload, f"{form.title} for {patient.study_id}: {out} ({len(pdf):,} bytes)")
    return 0


def _open(path):
    """The database, opened as usual; read-only (mode=ro) when it cannot be written: printing only reads."""
    from nkdesk.storage.database import open_database
    from nkdesk.storage.errors import ReadOnlyDatabase
    from nkdesk.storage.export_reads import open_read_only

    try:
        return open_database(path)
    except ReadOnlyDatabase:
        return open_read_only(path)


def writable_target(text: str):
    """The --out path if a file can be written there; InputError naming --out otherwise."""
    from nkdesk.cli.dbfile import checked_path, output_target
    from nkdesk.rules.errors import InputError

    path = checked_path(text, "--out")
    if path.is_dir():
        raise InputError("--out", f"{path} is a folder; give a file name such as form.pdf", code="is_folder")
    if not path.parent.is_dir():
        raise InputError("--out", f"the folder {path.parent} does not exist", code="no_folder")
    return output_target(text, "--out", folder_ok=False)


