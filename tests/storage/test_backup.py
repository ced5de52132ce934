"""Backups (online, verified, with a manifest anchoring the chain), rotation, and restore."""
from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from nkdesk.services import settings
from nkdesk.storage import audit, backup, verify
from nkdesk.storage.database import open_database
from nkdesk.storage.errors import CorruptDatabase, DatabaseBusy, StorageError
from nkdesk.storage.restore import restore


def test_backup_is_a_verified_copy_with_a_manifest(store, people, make_patient):
    """The copy opens, passes integrity, has the same patients, and its manifest records its size,
    SHA-256, schema and the audit chain's head at that moment."""
    make_patient(study_id="B-1")
    info = backup.take(store.path)
    m = info.manifest
    head = audit.head(store.conn)
    assert (m["anchor"]["count"], m["anchor"]["head"]) == (head.count, head.hash)
    assert m["sha256"] == backup.file_sha256(info.path) and m["bytes"] == info.path.stat().st_size
    assert m["integrity"] == "ok" and m["verified"] and m["chain_ok"] and m["instance_id"] == store.instance_id
    copy = sqlite3.connect(info.path)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"   # one self-contained file
    assert [r[0] for r in copy.execute("SELECT study_id FROM patients")] == ["B-1"]
    assert verify.verify(store.path).backups_checked == 1


def test_backup_verifies_on_its_own_against_its_manifest(store, people, make_patient):
    """A backup has no anchor file: `verify` checks it against its manifest, and catches a backup
    whose bytes changed after it was written."""
    make_patient()
    info = backup.take(store.path)
    assert verify.verify(info.path).ok
    conn = sqlite3.connect(info.path)
    conn.execute("UPDATE patients SET initials = 'QQ'")
    conn.commit()
    conn.close()
    kinds = {p.kind for p in verify.verify(info.path).problems}
    assert "backup_file" in kinds


def test_backup_never_overwrites(store, tmp_path):
    """Backing up onto an existing file is refused and leaves that file alone."""
    target = tmp_path / "keep.sqlite3"
    target.write_bytes(b"precious")
    with pytest.raises(StorageError, match="already exists"):
        backup.take(store.path, to=target)
    assert target.read_bytes() == b"precious"


def test_backup_while_another_instance_writes_is_consistent(store, people, make_patient):
    """A backup taken while another connection holds an open write transaction copies the last
    committed state only."""
    make_patient(study_id="B-1")
    writer = sqlite3.connect(store.path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO meta (key, value) VALUES ('uncommitted', 'x')")
    try:
        info = backup.take(store.path)
    finally:
        writer.rollback()
        writer.close()
    copy = sqlite3.connect(info.path)
    assert copy.execute("SELECT count(*) FROM meta WHERE key = 'uncommitted'").fetchone()[0] == 0
    assert copy.execute("SELECT count(*) FROM patients").fetchone()[0] == 1


def test_automatic_backups_rotate_to_the_sites_number(store, people):
    """Exit/daily backups keep the site's backups_kept newest; manual backups are never rotated."""
    settings.change_settings(store, people.admin, {"backups_kept": 3})
    manual = backup.take(store.path)
    for _ in range(5):
        backup.automatic(store, "exit")
    kinds = [b.kind for b in backup.list_backups(store.path)]
    assert kinds.count("exit") == 3 and kinds.count("manual") == 1 and manual.path.exists()


def test_daily_backup_is_due_when_there_is_none(tmp_path):
    """With no automatic backup at all, the daily backup is due."""
    assert backup.daily_due(tmp_path / "nkdesk.sqlite3", datetime(2026, 11, 21, 12, tzinfo=UTC))


def test_daily_backup_not_due_within_a_day(store):
    """Right after an automatic backup, the next daily one is not due; a day later it is."""
    info = backup.automatic(store, "daily")
    taken = datetime.fromisoformat(info.created_utc)
    assert not backup.daily_due(store.path, taken + timedelta(hours=23))
    assert backup.daily_due(store.path, taken + timedelta(hours=24))


def test_close_with_backup_takes_the_exit_backup(store):
    """Closing the window's store with take_backup=True leaves an exit backup."""
    path = store.path
    store.close(take_backup=True)
    assert [b.kind for b in backup.list_backups(path)] == ["exit"]


def test_truncation_after_a_backup_is_caught_by_its_manifest(store, people, make_patient):
    """If rows are cut off after a backup and the anchor file is rewritten to match, the backup's
    manifest still shows the trail was longer."""
    make_patient()
    backup.take(store.path)
    path = store.path
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq = ?", (last,))
    conn.commit()
    head = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    anchor = audit.read_anchor(path)
    audit.write_anchor(path, audit.Anchor(head[0], head[1], anchor.instance_id))
    report = verify.verify(path)
    assert any(p.kind == "rolled_back" and "rolled back 1 rows" in p.message for p in report.problems)


@pytest.fixture
def backed_up(store, people, make_patient):
    """A database with patient R-1 backed up, then R-2 added after the backup; closed."""
    make_patient(study_id="R-1")
    info = backup.take(store.path)
    make_patient(study_id="R-2")
    store.close()
    return store.path, info


def _study_ids(path):
    return [r[0] for r in sqlite3.connect(path).execute("SELECT study_id FROM patients ORDER BY id")]


def test_restore_puts_the_backup_back_and_keeps_what_it_replaced(backed_up):
    """Restore brings back the backed-up state, after a verified backup of what it replaces; the
    restored database verifies, and the restore is in its audit trail."""
    path, info = backed_up
    done = restore(info.path, path, login="it-admin", accept_loss=True)   # R-2 is lost, knowingly
    assert _study_ids(path) == ["R-1"]
    assert _study_ids(done.replaced.path) == ["R-1", "R-2"] and done.replaced.kind == "pre-restore"
    report = verify.verify(path)
    assert report.ok, report.problems
    conn = sqlite3.connect(path)
    row = conn.execute("SELECT username, field, reason FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    assert row == ("os:it-admin", "restored_from", f"restored from backup {info.path.name}")


def test_restore_refuses_a_backup_changed_after_it_was_written(backed_up):
    """A backup whose bytes no longer match its manifest is refused; the database is untouched."""
    path, info = backed_up
    conn = sqlite3.connect(info.path)
    conn.execute("UPDATE patients SET initials = 'XX'")
    conn.commit()
    conn.close()
    before = backup.file_sha256(path)
    with pytest.raises(CorruptDatabase, match="manifest"):
        restore(info.path, path)
    assert backup.file_sha256(path) == before


def test_restore_refuses_while_the_database_is_open(backed_up):
    """With NKDesk still open on the database, restore refuses and changes nothing."""
    path, info = backed_up
    running = open_database(path)
    try:
        with pytest.raises(DatabaseBusy, match="in use"):
            restore(info.path, path, accept_loss=True)
    finally:
        running.close()
    assert _study_ids(path) == ["R-1", "R-2"]


def test_restore_over_a_damaged_database_keeps_a_raw_copy(backed_up):
    """A database too damaged to back up properly is copied byte for byte before it is replaced."""
    path, info = backed_up
    damaged = b"not a database any more" * 100
    path.write_bytes(damaged)
    done = restore(info.path, path)
    assert done.replaced.path.read_bytes() == damaged
    assert _study_ids(path) == ["R-1"]


def test_failures_offer_the_last_good_backup(backed_up):
    """The last good backup is the newest verified one still on disk with its recorded size."""
    path, info = backed_up
    newer = backup.take(path)
    assert backup.last_good(path) == newer.path
    newer.path.write_bytes(b"truncated")
    assert backup.last_good(path) == info.path
    manifest = json.loads(backup.manifest_path(info.path).read_text())
    assert manifest["verified"] is True
