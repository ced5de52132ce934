"""The trial's data for the sponsor's systems: CDISC ODM 1.3.2, REDCap and FHIR R4, pseudonymised.

One entry point, `export(store, actor, fmt, out_dir, …)`, used by `nkdesk export` and the
window's File › Export…. It reads (never writes) the database: the pseudonymised dataset
(dataset.py: study ID only, age at consent instead of the birth date, free-text notes only with
`with_notes`, audit reasons kept) is rendered by the format's writer (odm.py, redcap.py,
fhir.py), each file validated by the format's own validator while still in memory, then written
to a temporary file beside its target and renamed into place: an invalid export writes nothing,
a failed write leaves no half file. Every field's codes come from the one mapping table
(mapping.toml).

Recording the read: `record_read`, when given, is called once after the files are written with
an `ExportRead` (who, when, format, which study IDs, the files). It is the single place where
the access log of issue 15 records exports: `nkdesk export` passes `trail.export_recorder`, and
`export_file` (the window's worker thread) records through a connection of its own by default.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nkdesk.domain import Actor
from nkdesk.rules.errors import InputError
from nkdesk.services.export import dataset
from nkdesk.services.export.subject import Subject
from nkdesk.services.files import write_atomically

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

FORMATS = ("odm", "redcap", "fhir")


@dataclass(frozen=True)
class ExportRead:
    """What an export read, for the access log: who, when, which format, which patients, which files."""

    actor: Actor
    at_utc: datetime
    fmt: str
    study_ids: tuple[str, ...]
    files: tuple[Path, ...]
    with_notes: bool


@dataclass(frozen=True)
class ExportResult:
    fmt: str
    out_dir: Path
    files: tuple[Path, ...]
    study_ids: tuple[str, ...]
    with_notes: bool
    bytes: int


class ExportInvalid(ValueError):
    """The rendered export failed its format's validator: nothing was written."""


def check_out_dir(out_dir: str | os.PathLike[str], field: str = "--out") -> Path:
    """The output folder (created if missing, with its parents) if it can be written; InputError naming
    `field` otherwise."""
    path = Path(out_dir).expanduser().absolute()
    if path.exists() and not path.is_dir():
        raise InputError(field, f"{path} is a file, not a folder", code="not_a_folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(field, f"cannot create the folder {path}: {exc.strerror or exc}",
                         code="not_writable") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise InputError(field, f"cannot write in {path}: permission denied", code="not_writable")
    return path


def export(store: Store, actor: Actor, fmt: str, out_dir: str | os.PathLike[str], patients: Sequence[str] | None = None,
           with_notes: bool = False, progress: Callable[[int, int], None] | None = None, *,
           record_read: Callable[[ExportRead], None] | None = None,
           now: datetime | None = None) -> ExportResult:
    """Export `patients` (study IDs; every patient when None) in `fmt` to the folder `out_dir`.

    InputError for an unknown format (field `format`), a folder that cannot be written (`--out`)
    or an unknown study ID (`--patient`); ExportInvalid if the format's validator refuses the
    result (nothing is written then). `progress(done, total)` is called after each patient."""
    from nkdesk.services.export import fhir, odm, redcap

    writers = {"odm": (odm.write, odm.OdmInvalid), "redcap": (redcap.write, None),
               "fhir": (fhir.write, fhir.FhirInvalid)}
    if fmt not in writers:
        raise InputError("format", f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})", code="bad_format")
    folder = check_out_dir(out_dir)
    with _no_cyclic_gc():
        return _export(store, actor, fmt, folder, writers[fmt], patients, with_notes, progress, record_read, now)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Python's cyclic garbage collector paused while an export runs. An export makes millions of
    short-lived objects (rows, records, texts) and every so many allocations the collector walks
    every live one: a quarter of the ODM export's CPU time (measured on 300 benchmark patients:
    3.6 s with it, 2.5–2.8 s without). What an export makes holds no reference cycles (rows, tuples,
    dicts, strings, freed by reference counting as each batch is written), so nothing waits on the
    collector; it is switched back on (if it was on) when the export ends, and runs again at its
    own pace (not forced here: the window exports on a worker thread, and a forced collection
    there would finalise the window's own garbage on that thread)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _export(store: Store, actor: Actor, fmt: str, folder: Path,
            writer: tuple[Callable[[dataset.Dataset, Path, Callable[[Path, bytes], None]], list[Path]],
                          type[Exception] | None],
            patients: Sequence[str] | None, with_notes: bool, progress: Callable[[int, int], None] | None,
            record_read: Callable[[ExportRead], None] | None, now: datetime | None) -> ExportResult:
    try:
        data = dataset.build(store, patients=patients, with_notes=with_notes, progress=progress, now=now,
                             with_audit=fmt == "odm")   # ODM's AuditRecords; REDCap and FHIR carry none
    except dataset.UnknownPatient as exc:
        raise InputError("--patient", f"no patient with study ID '{exc.study_id.strip()}' in {store.path}",
                         code="unknown_patient") from None
    chosen: list[str] = []

    subjects = data.subjects

    def tracked() -> Iterator[Subject]:
        for subject in subjects:
            chosen.append(subject.study_id)
            yield subject
    data.subjects = tracked()
    write, invalid = writer
    try:
        files = write(data, folder, write_atomically)
    except Exception as exc:
        if invalid is not None and isinstance(exc, invalid):
            raise ExportInvalid(str(exc)) from None
        raise
    result = ExportResult(fmt, folder, tuple(files), tuple(chosen), with_notes,
                          sum(p.stat().st_size for p in files))
    if record_read is not None:
        record_read(ExportRead(actor, data.created_utc, fmt, tuple(chosen), tuple(files), with_notes))
    return result


def export_file(db_path: str | os.PathLike[str], actor: Actor, fmt: str, out_dir: str | os.PathLike[str],
                patients: Sequence[str] | None = None, with_notes: bool = False,
                progress: Callable[[int, int], None] | None = None, *,
                record_read: Callable[[ExportRead], None] | None = None) -> ExportResult:
    """`export` on its own read-only connection to the database file (for a worker thread, which
    must not share the window's connection)."""
    from nkdesk.services import trail
    from nkdesk.storage.export_reads import open_read_only

    if record_read is None:   # the read is recorded (issue 15), by a connection of its own
        record_read = trail.export_recorder_for_file(db_path)
    with open_read_only(Path(db_path)) as store:
        return export(store, actor, fmt, out_dir, patients, with_notes, progress, record_read=record_read)


def utc_now() -> datetime:
    return datetime.now(UTC)
