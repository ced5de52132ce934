"""`nkdesk export` as a terminal user runs it (../shared/cli-contract.md): files per format, exit 2
naming the option for a bad format, an unwritable --out and an unknown --patient; a read-only
database works."""
from __future__ import annotations

import stat

import pytest

from tests.clirun import nkdesk
from tests.export_fixtures import copy_db

FILES = {"odm": ["nkdesk-odm.xml"],
         "redcap": ["data_dictionary.csv", "events.csv", "instrument_event_mapping.csv",
                    "repeating_instruments.csv", "records.csv"],
         "fhir": ["bundle.json"]}


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_each_format_writes_its_files(fmt, demo_db, tmp_path):
    result = nkdesk("export", fmt, "--db", str(demo_db), "--out", str(tmp_path / "out"), "--json")
    assert (result.status, result.err) == (0, "")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES[fmt])
    assert result.json["patients"] == ["DEMO-001", "DEMO-002", "DEMO-003", "DEMO-004", "DEMO-005"]


def test_patient_option_limits_the_export(demo_db, tmp_path):
    result = nkdesk("export", "redcap", "--db", str(demo_db), "--out", str(tmp_path), "--patient", "DEMO-003",
                    "--patient", "DEMO-005", "--json")
    assert result.status == 0, result.err
    assert result.json["patients"] == ["DEMO-003", "DEMO-005"]
    records = (tmp_path / "records.csv").read_text()
    assert "DEMO-003" in records and "DEMO-001" not in records


def test_bad_format_exits_2(demo_db, tmp_path):
    result = nkdesk("export", "xml", "--db", str(demo_db), "--out", str(tmp_path))
    assert result.status == 2 and "xml" in result.err and len(result.err.splitlines()) == 1


def test_unwritable_out_exits_2_naming_out(demo_db, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for out in (blocker, blocker / "below"):
        result = nkdesk("export", "odm", "--db", str(demo_db), "--out", str(out))
        assert result.status == 2 and result.err.startswith("nkdesk: --out:"), result.err
        assert "Traceback" not in result.err


def test_unknown_patient_exits_2(demo_db, tmp_path):
    result = nkdesk("export", "fhir", "--db", str(demo_db), "--out", str(tmp_path / "o"), "--patient", "NOPE-9")
    assert result.status == 2 and result.err.startswith("nkdesk: --patient:") and "NOPE-9" in result.err
    assert not (tmp_path / "o" / "bundle.json").exists()


def test_a_read_only_database_can_be_exported(demo_db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = copy_db(demo_db, folder)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = nkdesk("export", "odm", "--db", str(db), "--out", str(tmp_path / "out"))
        assert result.status == 0, result.err
        assert (tmp_path / "out" / "nkdesk-odm.xml").stat().st_size > 0
    finally:
        folder.chmod(stat.S_IRWXU)
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)
