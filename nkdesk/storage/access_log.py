"""The access log: reads recorded, append-only and hash-chained (issue 15).

Who read (an NKDesk user, or `os:<login>` for the operating-system user of a command-line run),
when (UTC and local), at which workstation, what (`patient_opened`, `form_printed`, `export`), for
which patients (study IDs), and a detail (the form, the export's format and files). Each row
carries the SHA-256 of its content and the previous row's hash, like the audit trail, and the
table is append-only. It is not the audit trail: a read changes no data, so access entries never
count as newer data for `restore` and never move the audit chain's head.

A database that cannot be written (a read-only file or folder) still records its reads: in a
JSON-lines file beside it (`<db>.access-log.jsonl`), or, when that folder is read-only too, in the
user data folder; the same fields and the same chaining.
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nkdesk.storage.audit import GENESIS, canonical_json, row_hash

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader
    from nkdesk.storage.store import Store

HASHED = ("seq", "at_utc", "at_local", "user_id", "username", "workstation", "what", "study_ids", "detail",
          "prev_hash")
WHAT = ("patient_opened", "form_printed", "export")


@dataclass(frozen=True)
class AccessEntry:
    seq: int
    at_utc: str
    at_local: str
    user_id: int | None
    username: str
    workstation: str
    what: str
    study_ids: tuple[str, ...]
    detail: dict[str, object]


def record(store: Store, *, user_id: int | None, username: str, what: str, study_ids: Sequence[str],
           detail: dict[str, object] | None = None, now: datetime | None = None) -> Path | None:
    """Record one read in `store`'s database; returns None, or the log file used when the database
    cannot be written."""
    return record_at(Path(store.path), store.conn, user_id=user_id, username=username, what=what,
                     study_ids=study_ids, detail=detail, now=now, workstation=store.workstation)


def record_at(path: Path, conn: sqlite3.Connection | None, *, user_id: int | None, username: str, what: str,
              study_ids: Sequence[str], detail: dict[str, object] | None = None, now: datetime | None = None,
              workstation: str | None = None) -> Path | None:
    """Record one read of the database at `path`, through `conn` if it can write (else a connection
    of our own, else the log file, whose path is returned)."""
    if what not in WHAT:
        raise ValueError(f"not a kind of read: {what}")
    now = now or datetime.now(UTC)
    values = [now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), now.astimezone().isoformat(timespec="microseconds"), user_id,
              username, workstation or socket.gethostname(), what, canonical_json(list(study_ids)),
              canonical_json(detail or {})]
    tries = (False, True) if conn is not None and not conn.in_transaction else (True,)
    for own in tries:
        try:   # the given connection; else one of ours (that one is read-only, or mid-transaction)
            _append_to_table(None if own else conn, path, values)
            return None
        except sqlite3.Error:
            continue
    return _append_to_file(path, values)


def _append_to_table(conn: sqlite3.Connection | None, path: Path, values: Sequence[object]) -> None:
    own = conn is None
    if conn is None:   # the store is inside a transaction of its own: a connection of ours
        conn = sqlite3.connect(str(path), timeout=10)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            last = conn.execute("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
            full = [seq, *values, prev]
            conn.execute(f"INSERT INTO access_log ({', '.join(HASHED)}, hash) VALUES "
                         f"({', '.join('?' for _ in HASHED)}, ?)", [*full, row_hash(full)])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        if own:
            conn.close()


def file_path(db_path: Path) -> Path:
    """Where reads of a database that cannot be written are logged."""
    beside = Path(str(db_path) + ".access-log.jsonl")
    if os.access(beside.parent, os.W_OK) and (not beside.exists() or os.access(beside, os.W_OK)):
        return beside
    from platformdirs import user_data_dir

    return Path(user_data_dir("NKDesk", appauthor=False)) / f"access-log-{Path(db_path).name}.jsonl"


def _append_to_file(db_path: Path, values: Sequence[object]) -> Path:
    path = file_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    seq, prev = 1, GENESIS
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        if lines:
            last = json.loads(lines[-1])
            seq, prev = int(last["seq"]) + 1, str(last["hash"])
    full = [seq, *values, prev]
    entry = dict(zip(HASHED, full, strict=True)) | {"db": str(db_path), "hash": row_hash(full)}
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def entries(reader: Reader, limit: int = 200) -> list[AccessEntry]:
    """The newest reads, newest first."""
    rows = reader.rows("SELECT * FROM access_log ORDER BY seq DESC LIMIT ?", (limit,))
    return [AccessEntry(r["seq"], r["at_utc"], r["at_local"], r["user_id"], r["username"], r["workstation"],
                        r["what"], tuple(json.loads(r["study_ids"])), json.loads(r["detail"])) for r in rows]


def first_break(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """(seq, what is wrong) at the first row where the access log's chain does not hold, or None."""
    expected, prev = 1, GENESIS
    for row in conn.execute(f"SELECT {', '.join(HASHED)}, hash FROM access_log ORDER BY seq"):
        if row[0] != expected:
            return expected, f"access log row {expected} is missing (deleted)"
        if row[-2] != prev:
            return row[0], f"access log row {row[0]} does not link to the row before it"
        if row_hash(list(row[:-1])) != row[-1]:
            return row[0], f"access log row {row[0]} does not match its hash: it was changed after it was written"
        prev, expected = row[-1], expected + 1
    return None
