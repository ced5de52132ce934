"""Pseudonymisation: no initials, hospital ID, full birth date or person's full name appears in any
exported file of the demo database (every format, with and without notes); notes only on request;
audit reasons stay."""
from __future__ import annotations

import re
import sqlite3

import pytest


@pytest.fixture(scope="module")
def identities(demo_db):
    """What identifies people in the demo database, read with plain sqlite3 (not through NKDesk)."""
    conn = sqlite3.connect(demo_db)
    try:
        patients = conn.execute("SELECT initials, hospital_id, birth_date FROM patients").fetchall()
        names = [r[0] for r in conn.execute("SELECT full_name FROM users")]
    finally:
        conn.close()
    return patients, names


def _files(demo_exports):
    for folder in demo_exports.values():
        for path in folder.iterdir():
            yield path, path.read_text(encoding="utf-8")


def test_no_hospital_id_birth_date_or_name_in_any_file(demo_exports, identities):
    patients, names = identities
    assert len(patients) == 5 and all(h and b for _i, h, b in patients)
    for path, text in _files(demo_exports):
        for initials, hospital_id, birth_date in patients:
            assert hospital_id not in text, (path, hospital_id)
            assert birth_date not in text, (path, birth_date)
            # initials never as a value of their own (a whole CSV cell, XML attribute or JSON string)
            assert not re.search(rf'(^|[,">])({initials})([,"<]|$)', text, re.MULTILINE), (path, initials)
        for name in names:
            assert name not in text, (path, name)


def test_notes_only_with_notes_and_reasons_always(demo_exports):
    # services/demo_bedside.py: the nurse's reason for the 60-minute set and the AE comment (notes)
    note = "Chills and fever during the infusion; investigator informed"
    comment = "Fever during the infusion; cultures taken"
    for fmt in ("odm", "redcap"):
        plain = "".join(p.read_text() for p in demo_exports[fmt].iterdir())
        noted = "".join(p.read_text() for p in demo_exports[f"{fmt}+notes"].iterdir())
        assert note not in plain and comment not in plain
        assert comment in noted
    odm = (demo_exports["odm"] / "nkdesk-odm.xml").read_text()
    assert "Patient withdrew consent after cycle 1 apheresis." in odm   # an audit reason
