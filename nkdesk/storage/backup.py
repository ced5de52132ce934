"""Backups: online, consistent copies (SQLite's backup API), verified, with a manifest.

A backup is written under a temporary name, made a self-contained rollback-journal file, flushed
to disk, then checked: `PRAGMA integrity_check` and the audit chain recomputed from its first row.
Only then is it renamed into place beside its manifest (`<backup>.json`): kind, time, source, the
schema steps, size, SHA-256, and the audit chain's anchor (row count and head hash), which
`nkdesk verify` later checks the live chain against. Automatic backups (on exit and daily) keep
the site's `backups_kept` newest; manual, pre-migration and pre-restore backups are never rotated.
Backups go to `backups/` beside the database unless told otherwise: a copy on the same disk
guards against mistakes and damage, not against losing the disk (docs/storage.md).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkdesk import __version__
from nkdesk.storage import audit, migrations, settings
from nkdesk.storage.errors import CorruptDatabase, StorageError, translate

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

FOLDER = "backups"
AUTOMATIC = ("exit", "daily")
MANIFEST_FORMAT = "nkdesk-backup-1"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    manifest: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.manifest.get("kind", ""))

    @property
    def created_utc(self) -> str:
        return str(self.manifest.get("created_utc", ""))

    @property
    def anchor(self) -> dict[str, Any]:
        anchor: dict[str, Any] = self.manifest.get("anchor", {})
        return anchor


@dataclass(frozen=True)
class CopyCheck:
    integrity: list[str]
    head: audit.Head
    chain_problem: str | None
    steps: list[str]
    instance_id: str

    @property
    def intact(self) -> bool:
        return self.integrity == ["ok"]


PRIVATE_FILE = 0o600   # the database, its anchor, backups and manifests: the ward's account only
PRIVATE_FOLDER = 0o700


def private_folder(path: Path) -> None:
    """Create `path` (and missing parents) readable by the ward's account only; an existing one is left as is."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        os.chmod(path, PRIVATE_FOLDER)   # mkdir's mode is filtered by the umask


def folder(db_path: Path) -> Path:
    return Path(db_path).parent / FOLDER


def manifest_path(backup_path: Path) -> Path:
    return Path(str(backup_path) + ".json")


def take(db_path: Path, *, to: Path | None = None, kind: str = "manual", now: datetime | None = None,
         source: sqlite3.Connection | None = None) -> BackupInfo:
    """Copy the database online, verify the copy, write its manifest; return where it went.

    source: the open Store's own connection (on a network folder that connection holds SQLite's
    exclusive lock, so a second connection could not read the file)."""
    db_path = Path(db_path)
    now = now or datetime.now(UTC)
    name = f"{db_path.stem}-{now.strftime('%Y%m%dT%H%M%S.%f')}Z-{kind}.sqlite3"
    target = Path(to) if to is not None else folder(db_path)
    dest = target / name if (to is None or target.is_dir()) else target
    if dest.exists():
        raise StorageError(f"{dest} already exists; nothing was overwritten", path=dest,
                           hint="Choose a new file name or a folder")
    private_folder(dest.parent)
    partial = dest.with_name(dest.name + ".partial")
    try:
        copy_database(db_path, partial, source=source)
        check = check_copy(partial)
        if not check.intact:
            raise CorruptDatabase(f"the backup of {db_path} failed its integrity check "
                                  f"({check.integrity[0]}): the database itself is damaged", path=db_path,
                                  hint="Run `nkdesk verify`; restore an earlier backup")
        from nkdesk.storage import verify  # (verify reads backups' manifests: imported here, not at the top)

        report = verify.verify(partial, backup_file=True)   # "verified" means the full verify passed on the copy
        problem = report.problems[0] if report.problems else None
        manifest = {
            "format": MANIFEST_FORMAT, "kind": kind, "created_utc": now.isoformat(),
            "created_local": now.astimezone().isoformat(), "source": str(db_path), "file": dest.name,
            "app_version": __version__, "instance_id": check.instance_id, "schema": check.steps,
            "bytes": partial.stat().st_size, "sha256": file_sha256(partial), "integrity": "ok",
            "anchor": {"count": check.head.count, "head": check.head.hash},
            "chain_ok": check.chain_problem is None, "chain_problem": check.chain_problem,
            "verified": problem is None,
            "verify_problem": None if problem is None else {"kind": problem.kind, "record": problem.record,
                                                            "message": problem.message},
        }
        os.replace(partial, dest)
        _write_json(manifest_path(dest), manifest)
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(dest, manifest)


def copy_database(path: Path, dest: Path, *, source: sqlite3.Connection | None = None) -> None:
    """SQLite's online backup of the database at `path` (read through `source` if given) into a new
    single file `dest`, flushed to disk."""
    src = None
    try:
        src = source or _read_only(Path(path))
        os.close(os.open(dest, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))   # 0600 before a byte is written
        dst = sqlite3.connect(str(dest))
        try:
            src.backup(dst)  # all pages in one step: one consistent snapshot, even while others write
            dst.execute("PRAGMA journal_mode = DELETE")  # self-contained: no -wal/-shm beside it
        finally:
            dst.close()
    except sqlite3.Error as exc:
        translated = translate(exc, path)
        raise translated if isinstance(translated, StorageError) else StorageError(f"{path}: {exc}") from exc
    finally:
        if source is None and src is not None:
            src.close()
    with open(dest, "rb+") as handle:
        os.fsync(handle.fileno())


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (mode=ro); for a WAL file in a folder it cannot write (no -shm can be
    made), the file as it stands (immutable): a read-only database can still be backed up."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        return sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)


def check_copy(path: Path) -> CopyCheck:
    """Integrity check and chain walk of a database file, opened read-only."""
    conn = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        steps, instance, head, problem = [], "", audit.Head(0, audit.GENESIS), None
        if "_sqlite_migrations" in tables:
            steps = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? "
                                                "ORDER BY id", (migrations.MIGRATION_SET,))]
        if "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()
            instance = row[0] if row else ""
        if "audit_log" in tables and integrity == ["ok"]:
            walked = audit.walk(conn)
            head = walked.head
            problem = walked.first_break.message if walked.first_break else None
        return CopyCheck(integrity, head, problem, steps, instance)
    except sqlite3.DatabaseError as exc:
        return CopyCheck([f"{exc}"], audit.Head(0, audit.GENESIS), None, [], "")
    finally:
        conn.close()


def raw_copy(db_path: Path, kind: str, now: datetime | None = None) -> BackupInfo:
    """Copy the file (and its -wal, -journal) byte for byte: for a file SQLite cannot back up."""
    now = now or datetime.now(UTC)
    dest = folder(db_path) / f"{Path(db_path).name}-{now.strftime('%Y%m%dT%H%M%S.%f')}Z-{kind}.raw"
    private_folder(dest.parent)
    shutil.copyfile(db_path, dest)
    os.chmod(dest, PRIVATE_FILE)
    for suffix in ("-wal", "-journal"):
        side = Path(str(db_path) + suffix)
        if side.exists():
            shutil.copyfile(side, Path(str(dest) + suffix))
            os.chmod(Path(str(dest) + suffix), PRIVATE_FILE)
    manifest = {"format": MANIFEST_FORMAT, "kind": kind, "created_utc": now.isoformat(), "source": str(db_path),
                "file": dest.name, "bytes": dest.stat().st_size, "sha256": file_sha256(dest), "verified": False,
                "note": "raw copy of a file that was not a sound database; not restorable by NKDesk as it is"}
    _write_json(manifest_path(dest), manifest)
    return BackupInfo(dest, manifest)


def set_aside(db_path: Path, kind: str) -> Path:
    """Back a database file up (verified if it is sound, else byte for byte), then remove it and
    the files beside it, so a new database can take its place. Returns the backup."""
    try:
        kept = take(db_path, kind=kind).path
    except StorageError:
        kept = raw_copy(db_path, kind).path
    for extra in ("-wal", "-shm", "-journal", ".anchor.json"):
        Path(str(db_path) + extra).unlink(missing_ok=True)
    Path(db_path).unlink()
    return kept


def daily_if_due(store: Store) -> BackupInfo | None:
    """The daily automatic backup, if none was taken in the last 24 hours (the window calls this)."""
    return automatic(store, "daily") if daily_due(store.path, store.now()) else None


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of this database in its backups folder, newest first."""
    found = []
    for path in folder(db_path).glob("*.json"):
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if manifest.get("format") != MANIFEST_FORMAT or manifest.get("source") != str(db_path):
            continue
        found.append(BackupInfo(path.with_name(manifest.get("file", "")), manifest))
    return sorted(found, key=lambda b: b.created_utc, reverse=True)


def last_good(db_path: Path) -> Path | None:
    """The newest verified backup still present with its recorded size (a quick check)."""
    for info in list_backups(db_path):
        try:
            if info.manifest.get("verified") and info.path.stat().st_size == info.manifest.get("bytes"):
                return info.path
        except OSError:
            continue
    return None


def automatic(store: Store, kind: str) -> BackupInfo:
    """The rotating backup taken on exit and daily; keeps the site's `backups_kept` newest. A file
    too damaged for a verified copy is copied byte for byte instead (never a crash on exit)."""
    try:
        info = take(store.path, kind=kind, now=store.now(), source=store.conn)
    except CorruptDatabase:
        return raw_copy(store.path, f"{kind}-damaged", store.now())
    rotate(store.path, settings.load(store.conn).backups_kept)
    return info


def daily_due(db_path: Path, now: datetime) -> bool:
    """True if no automatic backup was taken in the last 24 hours."""
    for info in list_backups(db_path):
        if info.kind in AUTOMATIC:
            return now - datetime.fromisoformat(info.created_utc) >= timedelta(days=1)
    return True


def rotate(db_path: Path, keep: int) -> list[Path]:
    removed = []
    automatic_ones = [b for b in list_backups(db_path) if b.kind in AUTOMATIC]
    for info in automatic_ones[max(keep, 1):]:
        info.path.unlink(missing_ok=True)
        manifest_path(info.path).unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".partial")
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE), "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
