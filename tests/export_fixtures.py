"""Shared by the export tests: the demo database, exported once per format for a module."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def demo_database(folder: Path) -> Path:
    """`nkdesk demo` into `folder` (a real subprocess, as a ward would make it)."""
    from tests.clirun import nkdesk

    path = folder / "demo.sqlite3"
    made = nkdesk("demo", "--db", str(path))
    assert made.status == 0, made.err
    return path


def export_to(db: Path, fmt: str, out: Path, **options) -> tuple:
    from nkdesk.services import auth, export
    from nkdesk.storage.export_reads import open_read_only

    with open_read_only(db) as store:   # the operating-system user, as `nkdesk export` runs
        actor = auth.os_actor(store, "tester")
    return export.export_file(db, actor, fmt, out, **options)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    return demo_database(tmp_path_factory.mktemp("export-demo"))


@pytest.fixture(scope="session")
def demo_exports(demo_db, tmp_path_factory) -> dict[str, Path]:
    """Each format exported from the demo database, without and with notes."""
    out = {}
    for fmt in ("odm", "redcap", "fhir"):
        for notes in (False, True):
            folder = tmp_path_factory.mktemp(f"{fmt}-{'notes' if notes else 'plain'}")
            export_to(demo_db, fmt, folder, with_notes=notes)
            out[f"{fmt}{'+notes' if notes else ''}"] = folder
    return out


def copy_db(db: Path, folder: Path) -> Path:
    from nkdesk.storage import audit

    target = folder / db.name
    shutil.copyfile(db, target)
    shutil.copyfile(audit.anchor_path(db), audit.anchor_path(target))
    return target
