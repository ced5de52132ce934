"""The access log leaves the ward with the audit trail (issue 15 item 7): every entry of the stored
log is in each format — ODM's ClinicalData AuditRecords, one FHIR R4B AuditEvent per entry,
REDCap's `access_log` instrument — pseudonymised like the rest (no patient names, hospital IDs,
birth dates, users' full names, nor the paths of exported files, which can name a home folder),
and each file still passes its format's own validator.

The log is filled as the ward fills it (storage.access_log.record_at: a chart opened by a ward
user, a form printed and an export by operating-system users) and counted with plain sqlite3."""
from __future__ import annotations

import csv
import json
import re
import sqlite3
from datetime import UTC, datetime

import pytest
import xmlschema
from fhir.resources.R4B.auditevent import AuditEvent
from lxml import etree

from nkdesk.services.export import odm, redcap
from nkdesk.storage import access_log
from tests.export_fixtures import copy_db, export_to

NS = {"o": "http://www.cdisc.org/ns/odm/v1.3"}
SECRET_PATH = "/home/yamada.hanako/exports/nkdesk-odm.xml"
# DICOM PS3.16 CID 400 (Audit Event ID): 110110 Patient Record, 110106 Export
DCM = "http://dicom.nema.org/resources/ontology/DCM"
EXPECTED_TYPE = {"patient_opened": "110110", "form_printed": "110110", "export": "110106"}


@pytest.fixture(scope="module")
def logged(demo_db, tmp_path_factory):
    """A copy of the demo database with reads of every kind, exported in each format after them."""
    folder = tmp_path_factory.mktemp("access-log")
    db = copy_db(demo_db, folder)
    at = datetime(2026, 12, 1, 1, 2, 3, tzinfo=UTC)
    access_log.record_at(db, None, user_id=2, username="dr.tanaka", what="patient_opened", study_ids=["DEMO-002"],
                         now=at, workstation="ward-pc-3")
    access_log.record_at(db, None, user_id=None, username="os:nurse1", what="form_printed", study_ids=["DEMO-003"],
                         detail={"form": "calendar"}, now=at, workstation="ward-pc-3")
    access_log.record_at(db, None, user_id=None, username="os:monitor", what="export",
                         study_ids=["DEMO-001", "DEMO-004"],
                         detail={"format": "odm", "files": [SECRET_PATH], "with_notes": False}, now=at)
    out = {}
    for fmt in ("odm", "redcap", "fhir"):
        out[fmt] = folder / fmt
        export_to(db, fmt, out[fmt])
    return db, out


def _stored(db, before_fmt: str) -> list[tuple]:
    """The entries stored when `before_fmt` was exported (each export adds its own entry after it
    has written its files): (seq, what, username, workstation, study IDs)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT seq, what, username, workstation, study_ids, detail FROM access_log "
                            "ORDER BY seq").fetchall()
    finally:
        conn.close()
    exports_after = {"odm": 3, "redcap": 2, "fhir": 1}[before_fmt]   # odm, then redcap, then fhir were exported
    return [(s, w, u, ws, tuple(json.loads(ids))) for s, w, u, ws, ids, _d in rows[:len(rows) - exports_after]]


def test_odm_has_an_audit_record_per_access_entry_and_stays_valid(logged):
    db, out = logged
    path = out["odm"] / "nkdesk-odm.xml"
    assert list(xmlschema.XMLSchema(odm.schema_path()).iter_errors(str(path))) == []
    tree = etree.parse(str(path))
    records = tree.findall("o:ClinicalData/o:AuditRecords/o:AuditRecord", NS)
    stored = _stored(db, "odm")
    assert len(stored) >= 3 and len(records) == len(stored)
    for record, (seq, _what, username, workstation, study_ids) in zip(records, stored, strict=True):
        assert record.get("ID") == f"ACC.{seq}"
        assert record.find("o:UserRef", NS).get("UserOID") == f"USR.{username}"
        assert record.find("o:LocationRef", NS).get("LocationOID") == f"LOC.{workstation}"
        reason = record.find("o:ReasonForChange", NS).text
        assert all(sid in reason for sid in study_ids)
    users = {u.get("OID") for u in tree.findall("o:AdminData/o:User", NS)}
    assert {"USR.dr.tanaka", "USR.os:nurse1", "USR.os:monitor"} <= users
    assert "LOC.ward-pc-3" in {loc.get("OID") for loc in tree.findall("o:AdminData/o:Location", NS)}


def test_fhir_has_an_audit_event_per_access_entry_that_the_model_accepts(logged):
    db, out = logged
    bundle = json.loads((out["fhir"] / "bundle.json").read_text())
    patients = {e["fullUrl"]: e["resource"]["identifier"][0]["value"] for e in bundle["entry"]
                if e["resource"]["resourceType"] == "Patient"}
    events = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "AuditEvent"]
    stored = _stored(db, "fhir")
    assert len(events) == len(stored)
    for event, (_seq, what, username, workstation, study_ids) in zip(events, stored, strict=True):
        AuditEvent.model_validate(event)
        assert (event["type"]["system"], event["type"]["code"]) == (DCM, EXPECTED_TYPE[what])
        assert event["action"] == "R" and event["recorded"].endswith("Z")
        assert event["agent"][0]["who"]["identifier"]["value"] == username
        assert event["source"]["observer"]["identifier"]["value"] == workstation
        assert [patients[e["what"]["reference"]] for e in event["entity"]] == list(study_ids)
    opened = next(e for e, s in zip(events, stored, strict=True) if s[1] == "patient_opened")
    assert opened["subtype"] == [{"system": "http://hl7.org/fhir/restful-interaction", "code": "read",
                                  "display": "read"}]


def test_redcap_has_every_access_entry_in_the_access_log_instrument(logged):
    db, out = logged
    with (out["redcap"] / "records.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    dictionary = (out["redcap"] / "data_dictionary.csv").read_text()
    names = {line.split(",")[0].strip('"') for line in dictionary.splitlines()[1:]}
    assert set(rows[0]) - {"redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance"} <= (
        names | {"access_log_complete"} | {f"{f}_complete" for f in
                                           {line.split(",")[1] for line in dictionary.splitlines()[1:]}})
    access = [r for r in rows if r["redcap_repeat_instrument"] == "access_log"]
    stored = _stored(db, "redcap")
    assert {int(r["access_seq"]) for r in access} == {s[0] for s in stored}
    for seq, what, username, workstation, study_ids in stored:
        mine = [r for r in access if int(r["access_seq"]) == seq]
        assert sorted(r["record_id"] for r in mine) == sorted(study_ids)
        assert {(r["access_what"], r["access_user"], r["access_workstation"]) for r in mine} == {
            (what, username, workstation)}
    assert "access_log" in (out["redcap"] / "repeating_instruments.csv").read_text()
    assert ",access_log" in (out["redcap"] / "instrument_event_mapping.csv").read_text()
    assert sorted(p.name for p in out["redcap"].iterdir()) == sorted(redcap.FILES)


def test_nothing_that_names_a_person_leaves_with_the_access_log(logged):
    db, out = logged
    conn = sqlite3.connect(db)
    try:
        patients = conn.execute("SELECT initials, hospital_id, birth_date FROM patients").fetchall()
        names = [r[0] for r in conn.execute("SELECT full_name FROM users")]
    finally:
        conn.close()
    for folder in out.values():
        for path in folder.iterdir():
            text = path.read_text(encoding="utf-8")
            assert SECRET_PATH not in text and "yamada.hanako" not in text, path
            for initials, hospital_id, birth_date in patients:
                assert hospital_id not in text and birth_date not in text, path
                assert not re.search(rf'(^|[,">])({initials})([,"<]|$)', text, re.MULTILINE), (path, initials)
            for name in names:
                assert name not in text, (path, name)
