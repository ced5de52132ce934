"""What the trial export reads: the charts of many patients together, audit stamps per field, the
people and workstations of the audit trail, the patients in study-ID order, and a read-only opening.

`charts` reads the charts of a batch of patients with one query per table for the whole batch
(instead of the ~26 queries per patient of `storage.patients.chart`), in one consistent snapshot,
and assembles them with the same row converters, so each chart equals what `patients.chart`
gives (tests/storage/test_export_reads.py checks that on the demo database). The export
(nkdesk.services.export) carries an ODM AuditRecord per item: who last wrote that field, at which
workstation, when (UTC) and why. `audit_stamps` answers that for many records in one indexed
query per table, reading only the trail's metadata columns (never the old and new values).
`open_read_only` opens a database the export may not write to (a read-only file or folder, a
monitor's copy) without migrating or touching the anchor: exporting only reads.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from sqlite_utils import Database

from nkdesk.domain import BodyMeasurement, LabSet, PatientChart, SignatureCheck, SuspensionLift
from nkdesk.storage import (
    access_log,
    adverse_events,
    backup,
    filecheck,
    infusions,
    measurements,
    migrations,
    patients,
    records,
    signatures,
)
from nkdesk.storage.errors import CorruptDatabase, NewerDatabase, NotADatabase, StorageError
from nkdesk.storage.reader import Reader
from nkdesk.storage.store import Store

# The ids of a batch travel as one JSON array parameter (json_each), so a batch has no limit on
# host parameters and each table is one query; SQLite answers `IN (SELECT value FROM json_each(?))`
# from the table's patient_id (or audit_log's record) index.
_IN_BATCH = "IN (SELECT value FROM json_each(?))"

T = TypeVar("T")

# The signable tables in the order patients.chart lists their signature checks
_SIGNED = ("eligibility_assessments", "dose_orders", "discontinuations", "suspension_lifts")


class AuditStamp(NamedTuple):
    """The audit row that last wrote a field (or inserted its record). (A named tuple: the export
    makes one per audit row it reads, ~170,000 for 1,000 patients, and a tuple is made fastest.)"""

    seq: int
    at_utc: str
    username: str
    role: str | None
    workstation: str
    reason: str | None
    op: str


def audit_stamps(store: Reader, table: str, record_ids: Iterable[int]) -> dict[tuple[int, str | None], AuditStamp]:
    """(record id, field) → the latest audit row of that field; field None is the insert.

    An update row names its field; an insert row (field NULL) stands for every field of the new
    record until a later update of that field. One query for all the records."""
    ids = json.dumps([str(i) for i in record_ids])
    rows = store.rows(f"SELECT CAST(record_id AS INTEGER), field, seq, at_utc, username, role, workstation, reason, "
                      f"op FROM audit_log WHERE table_name = ? AND record_id {_IN_BATCH} "
                      f"AND op IN ('insert', 'update') ORDER BY seq", (table, ids))
    make = AuditStamp._make
    return {(r[0], r[1]): make(r[2:]) for r in rows}


# ------------------------------------------------------------------------------ many charts at once
def _grouped(rows: Iterable[sqlite3.Row], key: str = "patient_id") -> dict[int, list[sqlite3.Row]]:
    out: dict[int, list[sqlite3.Row]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def charts(store: Store, patient_ids: Sequence[int], *, report_rule: adverse_events.ReportRule) -> list[PatientChart]:
    """The charts of `patient_ids`, in that order (an id with no patient is left out), each equal to
    `storage.patients.chart(store, id, report_rule=report_rule)`: one query per table for the whole
    batch, one snapshot."""
    ids = json.dumps([int(i) for i in patient_ids])
    by = (ids,)

    def rows(table: str, order: str) -> dict[int, list[sqlite3.Row]]:
        return _grouped(store.rows(f"SELECT * FROM {table} WHERE patient_id {_IN_BATCH} ORDER BY patient_id, {order}",
                                   by))

    def made(table: str, order: str, convert: Callable[[sqlite3.Row], T]) -> dict[int, tuple[T, ...]]:
        return {pid: tuple(convert(r) for r in group) for pid, group in rows(table, order).items()}

    with store.reading():
        found = {r["id"]: patients.from_row(r) for r in store.rows(f"SELECT * FROM patients WHERE id {_IN_BATCH}", by)}
        enrolments = {pid: patients._enrolment(group[-1]) for pid, group in rows("enrolments", "id").items()}
        infusing = {r[0] for r in store.rows(f"SELECT DISTINCT patient_id FROM treatment_events WHERE patient_id "
                                             f"{_IN_BATCH} AND kind = 'infusion' AND status = 'in_progress'", by)}
        lab_sets = _by_patient(measurements._assembled(   # the one assembler of lab sets and their results
            store.rows(f"SELECT * FROM lab_sets WHERE patient_id {_IN_BATCH} ORDER BY patient_id, sampled_on, id", by),
            store.rows(f"SELECT * FROM lab_results WHERE patient_id {_IN_BATCH} ORDER BY id", by)))
        signed = {table: rows(table, "decided_on, id" if table == "discontinuations" else "id") for table in _SIGNED}
        checks = _signature_checks(store, ids, signed)
        alerts = _grouped(store.rows(f"SELECT * FROM vital_alerts WHERE vital_set_id IN (SELECT id FROM "
                                     f"vital_sign_sets WHERE patient_id {_IN_BATCH}) ORDER BY id", by), "vital_set_id")
        reports: dict[int, list[sqlite3.Row]] = {}
        if adverse_events._reports_table(store):   # the table comes with m021
            reports = _grouped(store.rows(f"SELECT * FROM ae_reports WHERE patient_id {_IN_BATCH} "
                                          f"ORDER BY sent_on, id", by), "adverse_event_id")
        given = _grouped(store.rows(f"SELECT i.* FROM infusions i JOIN treatment_cycles c ON c.id = i.cycle_id "
                                    f"WHERE i.patient_id {_IN_BATCH} ORDER BY i.patient_id, c.number, i.id", by))
        columns: dict[str, dict[int, tuple[Any, ...]]] = {
            "body_measurements": made("body_measurements", "measured_on, id", _body_measurement),
            "cycles": made("treatment_cycles", "number", records.cycle_from_row),
            "events": made("treatment_events", "coalesce(actual_on, planned_on), culture_day, id",
                           records.event_from_row),
            "vital_sets": made("vital_sign_sets", "measured_at, id", lambda r: infusions.set_from_row(
                r, [infusions.alert_from_row(a) for a in alerts.get(r["id"], ())])),
            "adverse_events": made("adverse_events", "onset, id", lambda r: adverse_events.event_from_row(
                r, report_rule, tuple(adverse_events.report_from_row(x) for x in reports.get(r["id"], ())))),
            "ae_proposals": made("ae_proposals", "onset, id", adverse_events.proposal_from_row),
            "stop_proposals": made("stop_proposals", "id", adverse_events.stop_from_row),
        }
        converters: dict[str, Callable[[sqlite3.Row], Any]] = {
            "assessments": records.assessment_from_row, "dose_orders": records.dose_order_from_row,
            "discontinuations": records.discontinuation_from_row, "suspension_lifts": _lift}
        tables = {"assessments": "eligibility_assessments", "dose_orders": "dose_orders",
                  "discontinuations": "discontinuations", "suspension_lifts": "suspension_lifts"}
        for name, convert in converters.items():
            columns[name] = {pid: tuple(convert(r) for r in group) for pid, group in signed[tables[name]].items()}
        infusions_of = {pid: tuple(infusions.infusion_from_row(r) for r in group) for pid, group in given.items()}
        out = []
        for pid in patient_ids:
            if pid not in found:
                continue
            enrolment = enrolments.get(pid)
            out.append(PatientChart(
                patient=found[pid], enrolment=enrolment,
                state=patients.state_of(enrolment.status if enrolment else None, pid in infusing),
                lab_sets=lab_sets.get(pid, ()), signatures=checks.get(pid, ()), infusions=infusions_of.get(pid, ()),
                **{name: groups.get(pid, ()) for name, groups in columns.items()}))
        return out


def _by_patient(sets: Iterable[LabSet]) -> dict[int, tuple[LabSet, ...]]:
    out: dict[int, list[LabSet]] = {}
    for s in sets:
        out.setdefault(s.patient_id, []).append(s)
    return {pid: tuple(group) for pid, group in out.items()}


def _signature_checks(store: Reader, ids: str, signed: dict[str, dict[int, list[sqlite3.Row]]]
                      ) -> dict[int, tuple[SignatureCheck, ...]]:
    """Each patient's signature checks as `patients.chart` lists them (by table in `_SIGNED` order,
    then by signature id), each valid when the record still has the signed content."""
    out: dict[int, list[SignatureCheck]] = {}
    for table in _SIGNED:
        by_id = {r["id"]: r for group in signed[table].values() for r in group}
        if not by_id:
            continue
        found = store.rows(f"SELECT * FROM signatures WHERE table_name = ? AND record_id IN "
                           f"(SELECT id FROM {table} WHERE patient_id {_IN_BATCH}) ORDER BY id", (table, ids))
        for row in found:
            record = by_id[row["record_id"]]
            valid = signatures.content_hash(table, row["record_id"], record) == row["content_hash"]
            out.setdefault(record["patient_id"], []).append(SignatureCheck(signatures.from_row(row), valid))
    return {pid: tuple(checks) for pid, checks in out.items()}


# The two rows below are built as measurements.body_measurements and records.suspension_lifts
# build them (those modules have no row converter of their own to share);
# tests/storage/test_export_reads.py compares whole charts with patients.chart.
def _body_measurement(row: sqlite3.Row) -> BodyMeasurement:
    return BodyMeasurement(row["id"], row["patient_id"], date.fromisoformat(row["measured_on"]), row["kind"],
                           measurements._quantity(row), row["version"])


def _lift(row: sqlite3.Row) -> SuspensionLift:
    return SuspensionLift(row["id"], row["discontinuation_id"], row["patient_id"], date.fromisoformat(row["lifted_on"]),
                          row["reason"], row["version"])


# ------------------------------------------------------------------------------ the trail, the patients

def trail_people_and_workstations(store: Reader) -> tuple[list[tuple[str, str | None]], list[str]]:
    """`trail_people` and `workstations` from one pass over the audit trail (each is a full scan of
    it: a fifth of a second for 1,000 patients)."""
    roles: dict[str, str | None] = {}
    places: set[str] = set()
    for username, workstation, role in store.rows("SELECT username, workstation, max(role) FROM audit_log "
                                                  "GROUP BY username, workstation"):
        known = roles.get(username)
        roles[username] = role if known is None or (role is not None and role > known) else known
        places.add(workstation)
    places.update(r[0] for r in store.rows("SELECT DISTINCT workstation FROM signatures"))
    return sorted(roles.items()), sorted(places)


def trail_people(store: Reader) -> list[tuple[str, str | None]]:
    """Every (username, role) that wrote to the audit trail, by username."""
    return [(r[0], r[1]) for r in store.rows("SELECT username, max(role) FROM audit_log GROUP BY username "
                                             "ORDER BY username")]


def workstations(store: Reader) -> list[str]:
    """Every workstation named in the audit trail or a signature, sorted."""
    rows = store.rows("SELECT workstation FROM audit_log UNION SELECT workstation FROM signatures ORDER BY 1")
    return [r[0] for r in rows]


def signature_meanings(store: Reader) -> list[str]:
    """Every meaning a signature in this file has ("dose prescribed", …), for the ODM SignatureDefs."""
    return [r[0] for r in store.rows("SELECT DISTINCT meaning FROM signatures ORDER BY meaning")]


def access_entries(store: Reader) -> list[access_log.AccessEntry]:
    """Every entry of the access log (reads recorded: patient opened, form printed, export), oldest
    first, for the export's audit trail."""
    rows = store.rows("SELECT * FROM access_log ORDER BY seq")
    return [access_log.AccessEntry(r["seq"], r["at_utc"], r["at_local"], r["user_id"], r["username"],
                                   r["workstation"], r["what"], tuple(json.loads(r["study_ids"])),
                                   json.loads(r["detail"])) for r in rows]


def patients_by_study_id(store: Reader) -> list[tuple[int, str]]:
    """(patient id, study ID) of every patient, in study-ID order."""
    return [(r[0], r[1]) for r in store.rows("SELECT id, study_id FROM patients ORDER BY study_id")]


def open_read_only(path: Path) -> Store:
    """The database at `path` opened for reading only (SQLite's mode=ro): no migration, no backup,
    no anchor written. Refuses a file that is not NKDesk's or whose schema is not this version's."""
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise StorageError(f"there is no database at {path}", path=path, hint="Check --db or NKDESK_DB")
    with path.open("rb") as handle:
        sqlite_file = handle.read(len(filecheck.SQLITE_MAGIC)) == filecheck.SQLITE_MAGIC
    found = filecheck.damage(path) if sqlite_file else None   # the quick check of every open (issue 15)
    if found:
        raise CorruptDatabase(f"{path} is damaged: {found}; nothing was read", path=path,
                              hint="Run `nkdesk verify`; restore the last good backup").offer_backup(
                                  backup.last_good(path))
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:   # WAL without -shm in a read-only folder: read the file as it stands
            conn.close()
            conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot read {path}: {exc}", path=path) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "_sqlite_migrations" not in tables:
            raise NotADatabase(f"{path} is not an NKDesk database; nothing was read", path=path)
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? "
                                              "ORDER BY id", (migrations.MIGRATION_SET,))]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotADatabase(f"{path} is not an NKDesk database ({exc}); nothing was read", path=path) from exc
    except StorageError:
        conn.close()
        raise
    if applied != migrations.names():
        conn.close()
        newer = [n for n in applied if n not in migrations.STEPS]
        if newer:
            raise NewerDatabase(f"{path} was written by a newer NKDesk; it was not read", path=path, unknown=newer)
        raise StorageError(f"{path} is from an older NKDesk and is read-only, so it cannot be brought up to date "
                           "for the export; nothing was read", path=path,
                           hint="Open it once with write access (any nkdesk command) or export from a copy")
    return Store(path, Database(conn, execute_plugins=False))
