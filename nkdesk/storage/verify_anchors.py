"""The anchors `nkdesk verify` checks the chain against (step 4 of verify.py): the anchor file
beside the database (for a backup, its manifest), every backup manifest of this database since its
last restore, and chain heads a witness recorded (`--expect-head`). Each records a row count and a
head hash; the chain must reach that row with that hash — an anchor that lags is reported with how
far, one that leads means rows were cut off the end ("rolled back").
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

from nkdesk.storage import audit, backup
from nkdesk.storage.verify_report import Problem, Report


def anchor_of(db_path: Path, report: Report) -> tuple[audit.Anchor | None, str | None, str]:
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


def check_anchor_file(report: Report, anchor: audit.Anchor | None, anchor_error: str | None, where: str, instance: str,
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
    problem = mismatch(anchor.count, anchor.head, walked)
    if problem:
        kind = "rolled_back" if anchor.count > walked.head.count else "anchor"
        report.problems.append(Problem(kind, where, f"anchor file: {problem}"))
    elif anchor.count < walked.head.count:
        report.anchor_lag = walked.head.count - anchor.count
        report.notes.append(f"the anchor file lags the trail by {report.anchor_lag} row(s) (normal after a crash, "
                            "when it catches up at the next save; a backup manifest or a printed chain head "
                            "(--expect-head) tells a crash from rows cut off)")


def check_expected_head(conn: sqlite3.Connection, expected: str, report: Report) -> None:
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


def mismatch(count: int, head: str, walked: audit.ChainWalk) -> str | None:
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
    for info in manifests_since_restore(conn, Path(db_path), instance):
        recorded = int(info.anchor.get("count", 0))
        if recorded > count:
            return (f"the audit trail was rolled back {recorded - count} rows: backup {info.path.name} recorded "
                    f"{recorded} rows, the trail has {count}")
    return None


def manifests_since_restore(conn: sqlite3.Connection, db_path: Path, instance: str) -> list[backup.BackupInfo]:
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
