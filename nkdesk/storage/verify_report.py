"""What `nkdesk verify` found (`Report`, one `Problem` per finding), and the read-only connection
every part of verify reads through — shared by the checks in `verify.py`, `verify_anchors.py` and
`verify_replay.py` (which may run in a second process).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkdesk.storage import audit


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


def connect_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:  # a WAL file in a read-only folder: read the file as it stands
        conn.close()
        return sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
