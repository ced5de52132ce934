"""`nkdesk verify`: is the database sound and its audit trail untouched? Read-only, never writes.

In order, each finding naming the record concerned:
1. SQLite's full `PRAGMA integrity_check` (damaged pages, broken indexes).
2. The audit chain recomputed from its first row: an edited, deleted, inserted or moved row breaks it.
3. The anchors: the file beside the database, every signature, and the manifest of every backup of
   this database taken since its last restore. Each records a row count and head hash; the chain
   must reach that row with that hash (an anchor that lags is normal after a crash; one that leads
   means rows were cut off the end).
4. Every signed record still has its signed content, or a newer signature.
5. Every audited table matches its audit trail replayed record by record, so a row written or
   changed around NKDesk (raw SQL) shows up even though the trail itself is intact.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from nkdesk.storage import audit, backup, migrations, signatures
from nkdesk.storage.database import SQLITE_MAGIC
from nkdesk.storage.errors import DatabaseMissing
from nkdesk.storage.transaction import HIDDEN, REDACTED


@dataclass(frozen=True)
class Problem:
    kind: str           # not_a_database / corruption / chain / anchor / signature / backup_anchor / record
    record: str         # "audit row 17", "patients #3", "signature #2", the file …
    message: str


@dataclass
class Report:
    db: Path
    integrity: list[str] = field(default_factory=list)
    audit_rows: int = 0
    head: str = audit.GENESIS
    anchor: dict[str, Any] | None = None
    signatures_checked: int = 0
    backups_checked: int = 0
    records_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        first = self.problems[0] if self.problems else None
        return {
            "db": str(self.db), "ok": self.ok, "integrity": self.integrity, "audit_rows": self.audit_rows,
            "head": self.head, "anchor": self.anchor, "signatures_checked": self.signatures_checked,
            "backups_checked": self.backups_checked, "records_checked": self.records_checked,
            "first_bad": {"kind": first.kind, "record": first.record, "message": first.message} if first else None,
            "problems": [{"kind": p.kind, "record": p.record, "message": p.message} for p in self.problems],
            "notes": self.notes,
        }


def verify(db_path: Path) -> Report:
    db_path = Path(db_path).absolute()
    if not db_path.is_file():
        raise DatabaseMissing(f"there is no database at {db_path}", path=db_path,
                              hint="Check --db or NKDESK_DB")
    report = Report(db_path)
    with db_path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            report.problems.append(Problem("not_a_database", str(db_path), f"{db_path} is not an SQLite database"))
            return report
    conn = _connect_read_only(db_path)
    try:
        _check(conn, db_path, report)
    except sqlite3.DatabaseError as exc:
        report.problems.append(Problem("corruption", str(db_path),
                                       f"the file is damaged: SQLite stopped reading it ({exc})"))
    finally:
        conn.close()
    return report


def _connect_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:  # a WAL file in a read-only folder: read the file as it stands
        conn.close()
        return sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)


def _check(conn: sqlite3.Connection, db_path: Path, report: Report) -> None:
    report.integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if report.integrity != ["ok"]:
        more = f" (and {len(report.integrity) - 1} more)" if len(report.integrity) > 1 else ""
        report.problems.append(Problem("corruption", str(db_path),
                                       f"integrity check failed: {report.integrity[0]}{more}"))
        return
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "audit_log" not in tables:
        report.notes.append("no audit trail in this file (an empty or foreign database)")
        return
    steps = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                                        (migrations.MIGRATION_SET,))]
    unknown = [s for s in steps if s not in migrations.STEPS]
    if unknown:
        report.notes.append(f"written by a newer NKDesk (schema steps {', '.join(unknown)})")
    instance = (conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone() or [""])[0]

    anchor, anchor_error, anchor_where = _anchor(db_path, report)
    sigs = conn.execute("SELECT id, table_name, record_id, anchor_count, anchor_head FROM signatures").fetchall() \
        if "signatures" in tables else []
    manifests = _manifests_since_restore(conn, db_path, instance)
    wanted = {s[3] for s in sigs} | {m.anchor.get("count", 0) for m in manifests}
    if anchor is not None:
        wanted.add(anchor.count)
    walked = audit.walk(conn, wanted)
    report.audit_rows, report.head = walked.head.count, walked.head.hash
    if walked.first_break:
        brk = walked.first_break
        report.problems.append(Problem("chain", f"audit row {brk.seq}", brk.message))
        return
    _check_anchor_file(report, anchor, anchor_error, anchor_where, instance, walked)
    for sid, table, record_id, count, head in sigs:
        report.signatures_checked += 1
        problem = _anchor_mismatch(count, head, walked)
        if problem:
            report.problems.append(Problem("signature", f"signature #{sid} on {table} #{record_id}",
                                           f"signature #{sid} on {table} #{record_id}: {problem}"))
    for info in manifests:
        report.backups_checked += 1
        problem = _anchor_mismatch(info.anchor.get("count", 0), info.anchor.get("head", ""), walked)
        if problem:
            report.problems.append(Problem("backup_anchor", str(info.path), f"backup {info.path.name}: {problem}"))
    _check_signed_content(conn, tables, report)
    _replay(conn, tables, report)


def _anchor(db_path: Path, report: Report) -> tuple[audit.Anchor | None, str | None, str]:
    """(anchor, error, where): the anchor file beside the database; for a backup, which has no
    anchor file, its manifest (whose SHA-256 must also still match the file)."""
    try:
        anchor = audit.read_anchor(db_path)
    except audit.AnchorUnreadable as exc:
        return None, str(exc), str(audit.anchor_path(db_path))
    if anchor is not None:
        return anchor, None, str(audit.anchor_path(db_path))
    own = backup.manifest_path(db_path)
    try:
        manifest = json.loads(own.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, None, str(audit.anchor_path(db_path))
    if manifest.get("format") != backup.MANIFEST_FORMAT or "anchor" not in manifest:
        return None, None, str(audit.anchor_path(db_path))
    if manifest.get("sha256") and backup.file_sha256(db_path) != manifest["sha256"]:
        report.problems.append(Problem("backup_file", str(db_path), f"{db_path.name} differs from its manifest "
                                                                    "(SHA-256): it was changed after it was written"))
    found = audit.Anchor(manifest["anchor"]["count"], manifest["anchor"]["head"], manifest.get("instance_id", ""))
    return found, None, str(own)


def _check_anchor_file(report: Report, anchor: audit.Anchor | None, anchor_error: str | None, where: str, instance: str,
                       walked: audit.ChainWalk) -> None:
    if anchor_error:
        report.problems.append(Problem("anchor", where, f"the anchor file is unreadable: {anchor_error}"))
        return
    if anchor is None:
        if walked.head.count:
            report.problems.append(Problem("anchor", where, "the anchor file is missing, so removal of the "
                                                            "newest audit rows cannot be ruled out"))
        return
    report.anchor = anchor.to_json()
    if anchor.instance_id and anchor.instance_id != instance:
        report.problems.append(Problem("anchor", where, "the anchor file belongs to another database"))
        return
    problem = _anchor_mismatch(anchor.count, anchor.head, walked)
    if problem:
        report.problems.append(Problem("anchor", where, f"anchor file: {problem}"))
    elif anchor.count < walked.head.count:
        report.notes.append(f"the anchor file lags the trail by {walked.head.count - anchor.count} row(s) "
                            "(normal after a crash; it catches up at the next save)")


def _anchor_mismatch(count: int, head: str, walked: audit.ChainWalk) -> str | None:
    if count > walked.head.count:
        return (f"it records {count} audit rows but the trail has {walked.head.count}: "
                f"rows {walked.head.count + 1}–{count} were removed")
    if walked.hashes.get(count) != head:
        return f"audit row {count} does not have the hash it recorded: the trail was rewritten"
    return None


def _manifests_since_restore(conn: sqlite3.Connection, db_path: Path, instance: str) -> list[backup.BackupInfo]:
    row = conn.execute("SELECT max(at_utc) FROM audit_log WHERE table_name = '_database' "
                       "AND field = 'restored_from'").fetchone()
    since = datetime.fromisoformat(row[0]) if row and row[0] else None
    out: list[backup.BackupInfo] = []
    for info in backup.list_backups(db_path):
        if not info.manifest.get("verified") or info.manifest.get("instance_id") != instance:
            continue
        if since is not None and datetime.fromisoformat(info.created_utc) <= since:
            continue
        out.append(info)
    return out


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


def _replay(conn: sqlite3.Connection, tables: set[str], report: Report) -> None:
    """Replay each audited table's trail record by record and compare with the table."""
    for table in sorted(t for t in tables if t not in migrations.UNAUDITED_TABLES and not t.startswith("sqlite_")):
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in ("id", "version")]
        trail = conn.execute("SELECT record_id, op, field, old_value, new_value FROM audit_log "
                             "WHERE table_name = ? ORDER BY record_id, seq", (table,))
        data = conn.execute(f"SELECT CAST(id AS TEXT), {', '.join(columns)} FROM {table} ORDER BY CAST(id AS TEXT)")
        states = _replayed(trail)
        row, state = next(data, None), next(states, None)
        while row is not None or state is not None:
            if row is not None and (state is None or row[0] < state[0]):
                _mismatch(report, table, row[0], "exists in the table but not in the audit trail "
                                                 "(written outside NKDesk)")
                row = next(data, None)
                continue
            assert state is not None   # the loop runs while one is left, and a table row alone went above
            if row is None or state[0] < row[0]:
                if state[1] is not None:
                    _mismatch(report, table, state[0], "is in the audit trail but missing from the table "
                                                       "(deleted outside NKDesk)")
                state = next(states, None)
                continue
            report.records_checked += 1
            expected = state[1]
            if state[2]:
                _mismatch(report, table, row[0], f"has an audit trail that contradicts itself at field {state[2]} "
                                                 "(an update's old value is not what the trail recorded before)")
            elif expected is None:
                _mismatch(report, table, row[0], "was deleted according to the audit trail but is still in the table")
            else:
                for name, value in zip(columns, row[1:], strict=True):
                    if (table, name) in REDACTED or name not in expected:
                        continue
                    if not _same(expected[name], value):
                        _mismatch(report, table, row[0],
                                  f"field {name} is {value!r} in the table but {expected[name]!r} "
                                  "by its audit trail (changed outside NKDesk)")
                        break
            row, state = next(data, None), next(states, None)


def _replayed(trail: Iterable[tuple[str, str, str | None, str, str]]
              ) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """(record_id, final state or None, first self-contradicting field or None) per record, in
    record_id order."""
    current_id: str | None = None
    state: dict[str, Any] | None = None
    contradiction: str | None = None
    for record_id, op, name, old, new in trail:
        if record_id != current_id:
            if current_id is not None:
                yield current_id, state, contradiction
            current_id, state, contradiction = record_id, None, None
        if op == "insert":
            state = json.loads(new)
        elif op == "update" and state is not None and name is not None:   # an update names its field
            if name in state and not _same(state[name], json.loads(old)) and contradiction is None:
                contradiction = name
            state[name] = json.loads(new)
        elif op == "delete":
            state = None
    if current_id is not None:
        yield current_id, state, contradiction


def _same(a: object, b: object) -> bool:
    if a == HIDDEN or b == HIDDEN:
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return a == b
    return type(a) is type(b) and a == b


def _mismatch(report: Report, table: str, record_id: str, what: str) -> None:
    report.problems.append(Problem("record", f"{table} #{record_id}", f"{table} #{record_id} {what}"))
