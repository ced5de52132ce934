"""`nkdesk verify`: is the database sound, whole, and its audit trail untouched? Read-only, never writes.

In order, each finding naming the record concerned (the first one decides `first_bad`):
1. The file itself: SQLite's header and NKDesk's `PRAGMA application_id` (else it is not an NKDesk
   database: exit 2), its length against the page count in its header (cut short or grown), and
   SQLite's full `PRAGMA integrity_check` (damaged pages, broken indexes).
2. The schema: every table, column, index, trigger and view must be what the schema steps recorded
   in the file build (a reference built in memory from the same steps), and nothing else — so a
   dropped table, trigger or trail, or a trigger replaced by a harmless one, is found.
3. The audit chain recomputed from its first row: an edited, deleted, inserted or moved row breaks it.
4. The anchors: the file beside the database, every signature, and the manifest of every backup of
   this database taken since its last restore. Each records a row count and head hash; the chain
   must reach that row with that hash (an anchor that lags is reported with how far; one that leads
   means rows were cut off the end).
5. Every signed record still has its signed content, or a newer signature.
6. The access log's own chain (reads recorded, issue 15).
7. Every audited table matches its audit trail replayed record by record — users' credentials
   included, by the digest of the password hash the trail records — so a row written, changed or
   removed around NKDesk (raw SQL) shows up even though the trail itself is intact.

A damaged file is a finding (exit 1), never a fault of NKDesk's: every SQLite error met while
reading is reported as damage naming the file.

The parts live beside this module: `verify_report` (the findings), `verify_anchors` (step 4),
`verify_keys` (keys, certificates, chain signatures), `verify_replay` (step 7, in a second process
on a large file, at the same time as steps 3–6 here: the two take about equally long).
"""
from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from sqlite_utils import Database, Migrations

from nkdesk.storage import access_log, audit, backup, filecheck, migrations, signatures, verify_keys, verify_replay
from nkdesk.storage.database import SQLITE_MAGIC
from nkdesk.storage.errors import DatabaseMissing
from nkdesk.storage.migrations_evidence import APPLICATION_ID
from nkdesk.storage.verify_anchors import (
    anchor_of,
    check_anchor_file,
    check_expected_head,
    manifests_since_restore,
    mismatch,
    rolled_back,
)
from nkdesk.storage.verify_report import Problem, Report, connect_read_only

__all__ = ["Problem", "Report", "reference_schema", "rolled_back", "verify"]


def verify(db_path: Path, *, expect_heads: tuple[str, ...] = (), backup_file: bool = False) -> Report:
    """Check the file at `db_path`; `expect_heads`: chain heads a witness recorded (`--expect-head`);
    `backup_file`: a backup, which has no anchor file (its manifest, if beside it, is its anchor)."""
    db_path = Path(db_path).absolute()
    if not db_path.is_file():
        raise DatabaseMissing(f"there is no database at {db_path}", path=db_path,
                              hint="Check --db or NKDESK_DB")
    report = Report(db_path, expected_heads=tuple(expect_heads), backup_file=backup_file)
    if not _check_header(db_path, report):
        return report
    try:
        conn = connect_read_only(db_path)
    except sqlite3.Error as exc:
        report.problems.append(Problem("damaged", str(db_path), f"the file is damaged: SQLite cannot open it ({exc})"))
        return report
    try:
        _check(conn, db_path, report)
    except sqlite3.Error as exc:
        report.problems.append(Problem("damaged", str(db_path),
                                       f"the file is damaged: SQLite stopped reading it ({exc})"))
    except (ValueError, KeyError, TypeError) as exc:   # a stored value that is not what NKDesk writes
        report.problems.append(Problem("damaged", str(db_path), f"the file holds data NKDesk cannot read ({exc})"))
    finally:
        conn.close()
    return report


def _check_header(db_path: Path, report: Report) -> bool:
    """Whether the file is an NKDesk database whose length fits its header (else a problem is added).

    Not SQLite, or SQLite of another program → not_a_database (exit 2) — unless NKDesk's own
    evidence (an anchor file, a backup manifest) names this file, which makes it a damaged NKDesk
    database (exit 1)."""
    with db_path.open("rb") as handle:
        header = handle.read(100)
    ours = audit.anchor_path(db_path).exists() or backup.manifest_path(db_path).exists()
    if header[:len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        if ours:
            what = "it is empty" if not header else "its SQLite header is gone"
            report.problems.append(Problem("damaged", str(db_path), f"{db_path} is damaged: {what}"))
        else:
            what = "an empty file" if not header else "not an SQLite file"
            report.problems.append(Problem("not_a_database", str(db_path),
                                           f"{db_path} is not an NKDesk database ({what})"))
        return False
    if len(header) < 100:
        report.problems.append(Problem("damaged", str(db_path),
                                       f"{db_path} is damaged: cut short inside its header ({len(header)} bytes)"))
        return False
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (APPLICATION_ID, 0):
        report.problems.append(Problem("not_a_database", str(db_path), f"{db_path} is an SQLite database of "
                                       f"another program (application id {app_id:#x}), not NKDesk's"))
        return False
    report.application_id = app_id
    found = filecheck.damage(db_path)
    if found:
        report.problems.append(Problem("damaged", str(db_path), f"{db_path} is damaged: {found}"))
        return False
    return True


def _check(conn: sqlite3.Connection, db_path: Path, report: Report) -> None:
    report.integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if report.integrity != ["ok"]:
        more = f" (and {len(report.integrity) - 1} more)" if len(report.integrity) > 1 else ""
        report.problems.append(Problem("damaged", str(db_path),
                                       f"the file is damaged: integrity check failed: {report.integrity[0]}{more}"))
        return
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    steps = _applied_steps(conn, tables)
    if steps is None or (report.application_id == 0 and "m040_application_id" in steps):
        if steps is None and report.application_id == 0:
            report.problems.append(Problem("not_a_database", str(db_path),
                                           f"{db_path} is an SQLite database of another program, not NKDesk's"))
        else:
            record = f"table {Migrations.migrations_table}" if steps is None else str(db_path)
            report.problems.append(Problem("schema", record, "the file has NKDesk's application id but no "
                                           "record of its schema steps" if steps is None else
                                           "the file's application id was removed"))
        return
    unknown = [s for s in steps if s not in migrations.STEPS]
    if unknown:
        report.problems.append(Problem("schema", str(db_path), f"written by a newer NKDesk (schema steps "
                                       f"{', '.join(unknown)}): this version cannot check it"))
        return
    anchor, anchor_error, anchor_where = anchor_of(db_path, report)
    if "audit_log" not in tables:
        named = anchor.count if anchor is not None else 0
        report.problems.append(Problem("trail", "table audit_log", "the audit trail (table audit_log) is missing" +
                                       (f" although the anchor names {named} rows" if named else "")))
    schema = Report(db_path)   # reported after the trail's findings: a dropped guard is the means, an edit the deed
    report.schema_checked = _check_schema(conn, steps, schema)
    try:
        if "audit_log" in tables:
            _check_trail(conn, db_path, tables, anchor, anchor_error, anchor_where, report)
    except sqlite3.OperationalError:
        if not schema.problems:
            raise
        # a table or column the trail check reads was changed: the schema findings say which
    finally:
        report.problems.extend(schema.problems)


def _check_trail(conn: sqlite3.Connection, db_path: Path, tables: set[str], anchor: audit.Anchor | None,
                 anchor_error: str | None, anchor_where: str, report: Report) -> None:
    """Steps 3–7. On a large file the replay (step 7) runs in a second process meanwhile (verify_replay)."""
    pending = verify_replay.start(db_path, tables, audit.head(conn).count)
    try:
        _check_trail_here(conn, db_path, tables, anchor, anchor_error, anchor_where, report, pending)
    finally:
        verify_replay.cancel(pending)   # (a no-op once its answer was read)


def _check_trail_here(conn: sqlite3.Connection, db_path: Path, tables: set[str], anchor: audit.Anchor | None,
                      anchor_error: str | None, anchor_where: str, report: Report,
                      pending: verify_replay.Pending | None) -> None:
    instance = (conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone() or [""])[0] \
        if "meta" in tables else ""
    sigs = conn.execute("SELECT id, table_name, record_id, anchor_count, anchor_head FROM signatures").fetchall() \
        if "signatures" in tables else []
    manifests = manifests_since_restore(conn, db_path, instance)
    heads = conn.execute("SELECT * FROM chain_signatures ORDER BY audit_count, id").fetchall() \
        if "chain_signatures" in tables else []
    wanted = {s[3] for s in sigs} | {m.anchor.get("count", 0) for m in manifests} | {h[1] for h in heads}
    if anchor is not None:
        wanted.add(anchor.count)
    walked = audit.walk(conn, wanted)
    report.audit_rows, report.head = walked.head.count, walked.head.hash
    if walked.first_break:
        brk = walked.first_break
        report.problems.append(Problem("chain", f"audit row {brk.seq}", brk.message))
        return
    check_anchor_file(report, anchor, anchor_error, anchor_where, instance, walked)
    for sid, table, record_id, count, head in sigs:
        report.signatures_checked += 1
        problem = mismatch(count, head, walked)
        if problem:
            report.problems.append(Problem("signature", f"signature #{sid} on {table} #{record_id}",
                                           f"signature #{sid} on {table} #{record_id}: {problem}"))
    for info in manifests:
        report.backups_checked += 1
        count = info.anchor.get("count", 0)
        problem = mismatch(count, info.anchor.get("head", ""), walked)
        if problem:
            kind = "rolled_back" if count > walked.head.count else "backup_anchor"
            report.problems.append(Problem(kind, str(info.path), f"backup {info.path.name}: {problem}"))
    for expected in report.expected_heads:
        check_expected_head(conn, expected, report)
    _check_signed_content(conn, tables, report)
    if {"site_keys", "user_keys"} <= tables:
        found, report.keys_checked, notes = verify_keys.check_keys(conn)
        report.notes.extend(notes)
        if heads:
            found += verify_keys.check_chain_signatures(conn, heads, walked.hashes)
        report.problems.extend(Problem(*f) for f in found)
    if "access_log" in tables:
        broken = access_log.first_break(conn)
        if broken:
            report.problems.append(Problem("access_log", f"access log row {broken[0]}", broken[1]))
    verify_replay.finish(pending, conn, tables, report)


def _applied_steps(conn: sqlite3.Connection, tables: set[str]) -> list[str] | None:
    """The NKDesk schema steps recorded in the file, in the order applied (None: no record at all)."""
    if Migrations.migrations_table not in tables:
        return None
    found = [r[0] for r in conn.execute(f"SELECT name FROM {Migrations.migrations_table} "
                                        "WHERE migration_set = ? ORDER BY id", (migrations.MIGRATION_SET,))]
    return found or None


@functools.lru_cache(maxsize=8)
def reference_schema(steps: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """{(type, name): sql} of what these schema steps build, in an empty in-memory database."""
    ref = Database(memory=True)
    try:
        migrations.migrations.ensure_migrations_table(ref)
        for pending in migrations.migrations.pending(ref):   # every step, in order, with its function
            if pending.name in steps:
                with ref.atomic():
                    pending.fn(ref)
        return _schema_of(ref.conn)
    finally:
        ref.close()


def _schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    return {(r[0], r[1]): r[2] or "" for r in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")}


def _check_schema(conn: sqlite3.Connection, steps: list[str], report: Report) -> int:
    """Compare every schema object with the reference; one problem per difference. Returns the count."""
    wanted, found = reference_schema(tuple(steps)), _schema_of(conn)
    for key in sorted(wanted.keys() | found.keys(), key=lambda k: (k[0] != "table", k)):
        kind, name = key
        if key not in found:
            if key != ("table", "audit_log"):   # reported first, with the rows the anchor names
                report.problems.append(Problem("schema", f"{kind} {name}",
                                               f"{kind} {name} is missing (dropped outside NKDesk)"))
        elif key not in wanted:
            report.problems.append(Problem("schema", f"{kind} {name}",
                                           f"{kind} {name} is not part of NKDesk's schema (added outside NKDesk)"))
        elif " ".join(found[key].split()) != " ".join(wanted[key].split()):
            report.problems.append(Problem("schema", f"{kind} {name}",
                                           f"{kind} {name} differs from what NKDesk's schema steps build "
                                           "(changed outside NKDesk)"))
    return len(found)


def _check_signed_content(conn: sqlite3.Connection, tables: set[str], report: Report) -> None:
    conn.row_factory = sqlite3.Row
    try:
        for table in signatures.SIGNED_CONTENT:
            if table not in tables:
                continue
            latest = conn.execute("SELECT record_id, content_hash, max(id) FROM signatures WHERE table_name = ? "
                                  "GROUP BY record_id", (table,)).fetchall()
            for rec in latest:
                row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (rec[0],)).fetchone()
                if row is not None and signatures.content_hash(table, rec[0], row) != rec[1]:
                    report.problems.append(Problem("signature", f"{table} #{rec[0]}",
                                                   f"{table} #{rec[0]} no longer has the content its newest "
                                                   "signature covers, and was not signed again"))
    finally:
        conn.row_factory = None
