"""Step 7 of `nkdesk verify`: every audited table matches its audit trail replayed record by record —
users' credentials included, by the digest of the password hash the trail records — so a row
written, changed or removed around NKDesk (raw SQL) shows up even though the trail itself is intact.

On a large file the replay runs in a second process (`start`), beside the chain walk of the first:
the two read the file independently and take about equally long, so on two cores verify takes about
half the time. It is the same function either way (`replay`), on the same read-only file.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nkdesk.storage import migrations, passwords
from nkdesk.storage.transaction import HIDDEN, REDACTED
from nkdesk.storage.verify_report import Problem, Report, connect_read_only

# Audit rows from which the replay gets a process of its own: starting one (a fresh interpreter that
# imports storage) costs ~0.3 s, and the replay of 50,000 rows about 1 s of CPU.
PARALLEL_FROM = 50_000


@dataclass
class Pending:
    """The replay running in a second process (`python -c …`), answering as JSON on its stdout."""

    process: subprocess.Popen[bytes]


def start(db_path: Path, tables: set[str], audit_rows: int) -> Pending | None:
    """Start the replay of `db_path` in a second process, if the file is large enough to gain and
    the machine has a second core; None: `finish` replays here. A plain interpreter is started (not
    multiprocessing, which would import the caller's main script again); never from a frozen
    build, whose executable is the window, not an interpreter."""
    if audit_rows < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or getattr(sys, "frozen", False):
        return None
    package_root = str(Path(__file__).resolve().parents[2])   # the folder holding nkdesk/
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p))
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", "from nkdesk.storage.verify_replay import child_main; child_main()",
             str(db_path), *sorted(tables)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    except OSError:
        return None
    return Pending(process)


def finish(pending: Pending | None, conn: sqlite3.Connection, tables: set[str], report: Report) -> None:
    """The replay's findings into `report`: from the second process, or replayed here (also when
    the second process failed without an answer). An SQLite error there is raised here, as if here."""
    if pending is not None:
        out, _ = pending.process.communicate()
        try:
            answer = json.loads(out) if pending.process.returncode == 0 else None
        except ValueError:
            answer = None
        if answer is not None and "damaged" in answer:
            raise sqlite3.DatabaseError(answer["damaged"])
        if answer is not None:
            report.records_checked += int(answer["records_checked"])
            report.problems.extend(Problem(*f) for f in answer["problems"])
            return
    replay(conn, tables, report)


def cancel(pending: Pending | None) -> None:
    """The replay is not wanted (the chain broke first, or reading failed): stop the second process."""
    if pending is not None and pending.process.poll() is None:
        pending.process.kill()
        pending.process.communicate()


def child_main() -> None:
    """The second process: replay the file (argv: path, tables) read-only; print the findings as JSON."""
    path, tables = Path(sys.argv[1]), set(sys.argv[2:])
    answer: dict[str, Any]
    try:
        conn = connect_read_only(path)
        try:
            report = Report(path)
            replay(conn, tables, report)
        finally:
            conn.close()
        answer = {"records_checked": report.records_checked,
                  "problems": [[p.kind, p.record, p.message] for p in report.problems]}
    except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:   # what verify reports as damage
        answer = {"damaged": f"{exc}"}
    sys.stdout.write(json.dumps(answer))


def replay(conn: sqlite3.Connection, tables: set[str], report: Report) -> None:
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
