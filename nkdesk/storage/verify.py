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
"""
from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database, Migrations

from nkdesk.storage import access_log, audit, backup, filecheck, migrations, passwords, signatures, verify_keys
from nkdesk.storage.database import SQLITE_MAGIC
from nkdesk.storage.errors import DatabaseMissing
from nkdesk.storage.migrations_evidence import APPLICATION_ID
from nkdesk.storage.transaction import HIDDEN, REDACTED


@dataclass(frozen=True)
class Problem:
    kind: str   # not_a_database / damaged / schema / trail / chain / anchor / rolled_back / signature /
                # backup_anchor / backup_file / record
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
    schema_checked: int = 0
    keys_checked: int = 0
    anchor_lag: int = 0
    expected_heads: tuple[str, ...] = ()
    backup_file: bool = False
    application_id: int | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def exit_code(self) -> int:
        """0 sound; 2 not an NKDesk database; 1 anything else found."""
        if not self.problems:
            return 0
        return 2 if self.problems[0].kind == "not_a_database" else 1

    def to_json(self) -> dict[str, object]:
        first = self.problems[0] if self.problems else None
        return {
            "db": str(self.db), "ok": self.ok, "integrity": self.integrity, "audit_rows": self.audit_rows,
            "head": self.head, "anchor": self.anchor, "signatures_checked": self.signatures_checked,
            "backups_checked": self.backups_checked, "records_checked": self.records_checked,
            "schema_checked": self.schema_checked, "keys_checked": self.keys_checked,
            "anchor_lag": self.anchor_lag,
            "first_bad": {"kind": first.kind, "record": first.record, "message": first.message} if first else None,
            "problems": [{"kind": p.kind, "record": p.record, "message": p.message} for p in self.problems],
            "notes": self.notes,
        }


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
        conn = _connect_read_only(db_path)
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
    anchor, anchor_error, anchor_where = _anchor(db_path, report)
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
    instance = (conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone() or [""])[0] \
        if "meta" in tables else ""

    sigs = conn.execute("SELECT id, table_name, record_id, anchor_count, anchor_head FROM signatures").fetchall() \
        if "signatures" in tables else []
    manifests = _manifests_since_restore(conn, db_path, instance)
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
    _check_anchor_file(report, anchor, anchor_error, anchor_where, instance, walked)
    for sid, table, record_id, count, head in sigs:
        report.signatures_checked += 1
        problem = _anchor_mismatch(count, head, walked)
        if problem:
            report.problems.append(Problem("signature", f"signature #{sid} on {table} #{record_id}",
                                           f"signature #{sid} on {table} #{record_id}: {problem}"))
    for info in manifests:
        report.backups_checked += 1
        count = info.anchor.get("count", 0)
        problem = _anchor_mismatch(count, info.anchor.get("head", ""), walked)
        if problem:
            kind = "rolled_back" if count > walked.head.count else "backup_anchor"
            report.problems.append(Problem(kind, str(info.path), f"backup {info.path.name}: {problem}"))
    for expected in report.expected_heads:
        _check_expected_head(conn, expected, report)
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
    _replay(conn, tables, report)


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
        if walked.head.count and not report.backup_file:
            report.problems.append(Problem("anchor", where, "the anchor file is missing, so removal of the "
                                                            "newest audit rows cannot be ruled out"))
        return
    report.anchor = anchor.to_json()
    if anchor.instance_id and anchor.instance_id != instance:
        report.problems.append(Problem("anchor", where, "the anchor file belongs to another database"))
        return
    problem = _anchor_mismatch(anchor.count, anchor.head, walked)
    if problem:
        kind = "rolled_back" if anchor.count > walked.head.count else "anchor"
        report.problems.append(Problem(kind, where, f"anchor file: {problem}"))
    elif anchor.count < walked.head.count:
        report.anchor_lag = walked.head.count - anchor.count
        report.notes.append(f"the anchor file lags the trail by {report.anchor_lag} row(s) (normal after a crash, "
                            "when it catches up at the next save; a backup manifest or a printed chain head "
                            "(--expect-head) tells a crash from rows cut off)")


def _check_expected_head(conn: sqlite3.Connection, expected: str, report: Report) -> None:
    """A chain head a witness recorded (a printed form, `nkdesk where`): the chain must still hold it."""
    text = expected.strip().lower()
    if len(text) < 16 or any(c not in "0123456789abcdef" for c in text):
        report.problems.append(Problem("witness", f"--expect-head {expected}", "--expect-head needs at least 16 "
                                       "hexadecimal digits of a chain head"))
        return
    row = conn.execute("SELECT seq FROM audit_log WHERE substr(hash, 1, ?) = ? ORDER BY seq LIMIT 1",
                       (len(text), text)).fetchone()
    if row is None:
        report.problems.append(Problem("rolled_back", f"head {text[:16]}", f"the audit trail does not contain the "
                                       f"chain head {text[:16]}… a witness recorded: its rows were cut off or "
                                       "rewritten"))


def _anchor_mismatch(count: int, head: str, walked: audit.ChainWalk) -> str | None:
    if count > walked.head.count:
        return (f"the trail was rolled back {count - walked.head.count} rows: it records {count} audit rows but "
                f"the trail has {walked.head.count} (rows {walked.head.count + 1}–{count} were removed)")
    if walked.hashes.get(count) != head:
        return f"audit row {count} does not have the hash it recorded: the trail was rewritten"
    return None


def rolled_back(conn: sqlite3.Connection, db_path: Path, instance: str) -> str | None:
    """Whether a witness (a verified backup manifest of this database since its last restore or
    accepted rollback) records more audit rows than the trail has: the sentence to show, or None."""
    count = audit.head(conn).count
    for info in _manifests_since_restore(conn, Path(db_path), instance):
        recorded = int(info.anchor.get("count", 0))
        if recorded > count:
            return (f"the audit trail was rolled back {recorded - count} rows: backup {info.path.name} recorded "
                    f"{recorded} rows, the trail has {count}")
    return None


def _manifests_since_restore(conn: sqlite3.Connection, db_path: Path, instance: str) -> list[backup.BackupInfo]:
    row = conn.execute("SELECT max(at_utc) FROM audit_log WHERE (table_name = '_database' AND field = 'restored_from') "
                       "OR (table_name = '_audit_anchor' AND field = 'accepted')").fetchone()   # a restore, or an
    # administrator's accepted rollback: older witnesses belong to the history that was replaced
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
                    if name not in expected:
                        continue
                    if (table, name) in REDACTED:   # the trail holds the digest of the stored hash
                        value = passwords.credential_digest(value)
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
    if type(a) is type(b) and a == b:   # the common case first: replay compares ~10 values per record
        return True
    if a == HIDDEN or b == HIDDEN:
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return a == b
    return type(a) is type(b) and a == b


def _mismatch(report: Report, table: str, record_id: str, what: str) -> None:
    report.problems.append(Problem("record", f"{table} #{record_id}", f"{table} #{record_id} {what}"))
