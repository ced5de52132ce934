"""services/restoring.py, the window's way to `storage.restore` (issue 15, items 5 and 6): who may
restore, what must be said first, and what it lists — read back from the files."""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from nkdesk.services import auth, measurements, restoring, workstation
from nkdesk.services.errors import InputError, StorageError
from nkdesk.storage.database import open_database

ADMIN_PW, NURSE_PW = "admin-demo", "ito-ward-demo"


@pytest.fixture
def ward(demo_db, tmp_path, cheap_passwords) -> Path:
    target = tmp_path / "ward" / "nkdesk.sqlite3"
    target.parent.mkdir()
    for suffix in ("", ".anchor.json"):
        shutil.copyfile(str(demo_db) + suffix, str(target) + suffix)
    return target


def _labs_after(ward: Path) -> None:
    store = open_database(ward)
    try:
        nurse = auth.sign_in(store, "rn.ito", NURSE_PW).value
        measurements.record_labs(store, nurse, 1, date(2026, 12, 5), {"platelets": "15.2 10^4/uL"})
    finally:
        store.close()


def test_the_list_says_what_each_manifest_says(ward):
    taken = workstation.take_backup(ward, "manual")
    (entry,) = restoring.backups(ward)
    assert entry.path == taken.path and entry.kind == "manual" and entry.verified and entry.present
    assert entry.bytes == taken.path.stat().st_size and entry.audit_rows == taken.manifest["anchor"]["count"]
    assert restoring.last_good(ward) == entry
    os.truncate(taken.path, 4096)               # changed after it was written: no longer offered
    assert not restoring.backups(ward)[0].present and restoring.last_good(ward) is None


def test_only_an_administrator_restores_and_a_loss_needs_a_reason(ward):
    older = workstation.take_backup(ward, "manual").path
    _labs_after(ward)
    planned = restoring.plan(ward, older)
    assert planned.allowed and not planned.other_instance
    assert {(loss.table, loss.study_id) for loss in planned.would_lose} >= {("lab_sets", "DEMO-001")}
    store = open_database(ward)
    try:
        nurse = auth.sign_in(store, "rn.ito", NURSE_PW).value
        with pytest.raises(StorageError, match="only an administrator"):
            restoring.restore(store, nurse, older, reason="tidying up")
        admin = auth.sign_in(store, "admin", ADMIN_PW).value
        with pytest.raises(InputError):
            restoring.restore(store, admin, older, reason="   ")
        assert not store.closed, "a refusal before the restore leaves the database open"
        done = restoring.restore(store, admin, older, reason="labs entered for the wrong patient")
    finally:
        store.close()
    assert store.closed and done.replaced is not None and done.replaced.path.is_file()
    assert {loss.table for loss in done.lost} >= {"lab_sets", "lab_results"}


def test_a_sound_database_is_not_restored_over_as_if_damaged(ward):
    backup = workstation.take_backup(ward, "manual").path
    assert restoring.damage(ward) is None
    with pytest.raises(StorageError, match="not damaged"):
        restoring.restore_over_damaged(ward, backup)


def test_a_plan_for_a_file_that_is_not_a_backup_is_a_refusal(ward, tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("not a database", encoding="utf-8")
    planned = restoring.plan(ward, stray)
    assert not planned.allowed and "not an NKDesk backup" in (planned.refused or "")
