"""The audit trail's hash chain and its anchor outside the database.

Each `audit_log` row carries the SHA-256 of its own content, which includes its sequence number and
the previous row's hash, so editing, deleting, inserting or moving a row breaks the chain at that
row. A chain alone cannot show that its newest rows were cut off, so its head (row count and last
hash) is also anchored outside the table: in a small file beside the database, in every backup's
manifest and in every signature. The anchor file is replaced atomically (write, fsync, rename)
only after a commit, so after a crash it may lag the chain but never lead it.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkdesk.domain import AuditEntry

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader

GENESIS = "0" * 64
HASHED_COLUMNS = ("seq", "at_utc", "at_local", "user_id", "username", "role", "workstation", "action", "op",
                  "table_name", "record_id", "field", "old_value", "new_value", "reason", "prev_hash")
INSERT_SQL = (f"INSERT INTO audit_log ({', '.join(HASHED_COLUMNS)}, hash) "
              f"VALUES ({', '.join('?' for _ in HASHED_COLUMNS)}, ?)")


def canonical_json(value: object) -> str:
    """The one JSON spelling used for hashing and for audit values: sorted keys, no spaces."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_hash(values: Sequence[Any]) -> str:
    """SHA-256 of a row's hashed columns (in HASHED_COLUMNS order), as lowercase hex."""
    return hashlib.sha256(canonical_json(list(values)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Head:
    """The chain's newest row: how many rows (sequence numbers run 1…count) and its hash."""

    count: int
    hash: str


def head(conn: sqlite3.Connection) -> Head:
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return Head(row[0], row[1]) if row else Head(0, GENESIS)


def hash_at(conn: sqlite3.Connection, count: int) -> str | None:
    """The hash of row `count` (GENESIS for 0), or None if there is no such row."""
    if count == 0:
        return GENESIS
    row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (count,)).fetchone()
    return str(row[0]) if row else None


def chain_rows(pending: Iterable[Sequence[Any]], start: Head) -> tuple[list[tuple[Any, ...]], Head]:
    """Number and hash rows (each the HASHED_COLUMNS after seq, minus prev_hash) after `start`."""
    out: list[tuple[Any, ...]] = []
    seq, prev = start.count, start.hash
    for values in pending:
        seq += 1
        full = (seq, *values, prev)
        prev = row_hash(full)
        out.append((*full, prev))
    return out, Head(seq, prev)


# ---------------------------------------------------------------------------------- the anchor file
@dataclass(frozen=True)
class Anchor:
    count: int
    head: str
    instance_id: str
    written_utc: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "head": self.head, "instance_id": self.instance_id,
                "written_utc": self.written_utc}


class AnchorUnreadable(ValueError):
    """The anchor file exists but does not hold an anchor."""


def anchor_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".anchor.json")


def read_anchor(db_path: Path) -> Anchor | None:
    path = anchor_path(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Anchor(int(data["count"]), str(data["head"]), str(data.get("instance_id", "")),
                      str(data.get("written_utc", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnchorUnreadable(f"{path}: {exc}") from None


def write_anchor(db_path: Path, anchor: Anchor) -> None:
    """Replace the anchor file atomically: a reader sees the old anchor or the new, never half."""
    path = anchor_path(db_path)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    data = json.dumps(anchor.to_json(), indent=1).encode("utf-8")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)   # only the ward's account reads it
    try:
        os.write(fd, data)
        os.fsync(fd)  # the new content is on disk before the rename can be
    finally:
        os.close(fd)
    os.replace(tmp, path)


def remove_stale_temporaries(db_path: Path) -> None:
    """Delete anchor temporaries left by processes that were killed between write and rename."""
    path = anchor_path(db_path)
    for tmp in path.parent.glob(path.name + ".tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def anchor_problem(conn: sqlite3.Connection, anchor: Anchor | None, chain: Head) -> str | None:
    """Why `anchor` does not fit this chain (None if it fits: equal to it, or lagging behind it)."""
    if anchor is None:
        return (None if chain.count == 0
                else "the anchor file is missing, so removal of the newest rows cannot be ruled out")
    if anchor.count > chain.count:
        return (f"the audit trail was rolled back {anchor.count - chain.count} rows: the anchor records "
                f"{anchor.count} audit rows but the trail has {chain.count} (rows {chain.count + 1}–{anchor.count} "
                "were removed)")
    if hash_at(conn, anchor.count) != anchor.head:
        return f"audit row {anchor.count} does not have the hash the anchor recorded: the trail was rewritten"
    return None


# ---------------------------------------------------------------------------------- walking the chain
@dataclass(frozen=True)
class ChainBreak:
    """The first row where the chain does not hold, and what is wrong with it."""

    seq: int
    kind: str           # missing / relinked / edited
    message: str


@dataclass(frozen=True)
class ChainWalk:
    head: Head                      # the last row reached (the whole chain when there is no break)
    first_break: ChainBreak | None
    hashes: dict[int, str]          # the hash at each wanted row count that was reached


def _describe(row: Sequence[Any]) -> str:
    table, record, field, who, at = row[9], row[10], row[11], row[4], row[1]
    return f"{table} #{record}{f', field {field}' if field else ''}, by {who} at {at}"


def walk(conn: sqlite3.Connection, wanted: Iterable[int] = ()) -> ChainWalk:
    """Recompute the whole chain from the first row; stop at the first row that does not hold."""
    wanted = set(wanted)
    hashes = {0: GENESIS} if 0 in wanted else {}
    expected, prev = 1, GENESIS
    cursor = conn.execute(f"SELECT {', '.join(HASHED_COLUMNS)}, hash FROM audit_log ORDER BY seq")
    for row in cursor:
        seq, stored = row[0], row[-1]
        problem = None
        if seq != expected:
            gap = f"row {expected} is" if seq == expected + 1 else f"rows {expected}–{seq - 1} are"
            problem = ChainBreak(expected, "missing", f"audit {gap} missing (deleted): row {seq} "
                                                      f"({_describe(row)}) follows row {expected - 1}")
        elif row[-2] != prev:
            problem = ChainBreak(seq, "relinked", f"audit row {seq} ({_describe(row)}) does not link to row "
                                                  f"{seq - 1}: rows were removed, inserted or reordered before it")
        elif row_hash(row[:-1]) != stored:
            problem = ChainBreak(seq, "edited", f"audit row {seq} ({_describe(row)}) does not match its hash: "
                                                "it was changed or moved after it was written")
        if problem:
            return ChainWalk(Head(expected - 1, prev), problem, hashes)
        if seq in wanted:
            hashes[seq] = stored
        prev, expected = stored, expected + 1
    return ChainWalk(Head(expected - 1, prev), None, hashes)


# ------------------------------------------------------------------------------ reading the trail
def _entry(row: sqlite3.Row) -> AuditEntry:
    def load(text: str | None) -> object:
        return None if text is None else json.loads(text)

    return AuditEntry(row["seq"], row["at_utc"], row["at_local"], row["user_id"], row["username"], row["role"],
                      row["workstation"], row["action"], row["op"], row["table_name"], row["record_id"],
                      row["field"], load(row["old_value"]), load(row["new_value"]), row["reason"],
                      row["prev_hash"], row["hash"])


def entries_of(store: Reader, table: str, record_id: object) -> list[AuditEntry]:
    """Every audit row of one record, oldest first."""
    rows = store.rows("SELECT * FROM audit_log WHERE table_name = ? AND record_id = ? ORDER BY seq",
                      (table, str(record_id)))
    return [_entry(r) for r in rows]


def latest_entries(store: Reader, limit: int = 100) -> list[AuditEntry]:
    """The newest audit rows, newest first."""
    return [_entry(r) for r in store.rows("SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", (limit,))]


def last_change(conn: sqlite3.Connection, table: str, record_id: object) -> tuple[str, str]:
    """(who, when) of the newest audit row of a record: the name a refused save shows."""
    last = conn.execute("SELECT username, at_local FROM audit_log WHERE table_name = ? AND record_id = ? "
                        "ORDER BY seq DESC LIMIT 1", (table, str(record_id))).fetchone()
    return (str(last[0]), str(last[1])) if last else ("another user", "an unknown time")
