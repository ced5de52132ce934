"""ODM 1.3.2 export: valid against the schema odmlib ships (checked here with xmlschema, not the
lxml path the exporter uses), Snapshot, metadata from the protocol file, an AuditRecord on every
item, signatures on signed forms, nothing written when invalid; the streamed clinical data is the
same XML odmlib's model writes for the same subject."""
from __future__ import annotations

import gc

import odmlib.odm_1_3_2.model as odm_model
import pytest
import xmlschema
from lxml import etree

from nkdesk.rules import protocol
from nkdesk.services import export
from nkdesk.services.export import dataset, odm
from nkdesk.services.export.subject import Subject, text_of
from nkdesk.storage.export_reads import open_read_only
from tests.export_fixtures import export_to

NS = {"o": "http://www.cdisc.org/ns/odm/v1.3"}


@pytest.fixture(scope="module")
def document(demo_exports):
    return etree.parse(str(demo_exports["odm"] / "nkdesk-odm.xml"))


def test_the_file_validates_against_odmlibs_odm_1_3_2_schema_with_xmlschema(demo_exports):
    schema = xmlschema.XMLSchema(odm.schema_path())
    errors = list(schema.iter_errors(str(demo_exports["odm"] / "nkdesk-odm.xml")))
    assert errors == []
    assert odm.schema_path().endswith("odmlib/schemas/odm/1.3.2/ODM1-3-2.xsd")


def test_snapshot_with_one_subject_per_patient_keyed_by_study_id(document, demo_db):
    root = document.getroot()
    assert root.get("FileType") == "Snapshot" and root.get("ODMVersion") == "1.3.2"
    keys = [s.get("SubjectKey") for s in document.findall(".//o:SubjectData", NS)]
    assert keys == ["DEMO-001", "DEMO-002", "DEMO-003", "DEMO-004", "DEMO-005"]


def test_metadata_has_an_event_per_calendar_kind_of_the_protocol_and_the_forms(document):
    kinds = odm.calendar_kinds(protocol.load())
    assert kinds == ["gcsf", "apheresis", "medium_add", "medium_change", "il12", "il2", "infusion", "followup"]
    events = {e.get("OID") for e in document.findall(".//o:StudyEventDef", NS)}
    assert {f"SE.{k.upper()}" for k in kinds} <= events
    forms = {f.get("Name") for f in document.findall(".//o:FormDef", NS)}
    for needed in ("Eligibility", "Body measurements", "Laboratory results", "Filgrastim dose order",
                   "Infusion vital signs", "Adverse events"):
        assert needed in forms
    platelets = document.find(".//o:ItemDef[@OID='IT.LB.PLT']", NS)
    assert platelets.get("DataType") == "float"
    assert platelets.find("o:MeasurementUnitRef", NS).get("MeasurementUnitOID") == "MU.E9_L"
    assert document.find(".//o:CodeList[@OID='CL.SEX']", NS) is not None


def test_admin_data_has_users_with_roles_and_the_workstations(document):
    users = {u.findtext("o:LoginName", namespaces=NS): u.findtext("o:DisplayName", namespaces=NS)
             for u in document.findall(".//o:AdminData/o:User", NS)}
    assert users["dr.tanaka"] == "dr.tanaka (investigator)"
    assert users["ph.suzuki"] == "ph.suzuki (pharmacist)"
    import socket
    assert document.find(f".//o:Location[@Name='{socket.gethostname()}']", NS) is not None


def test_every_item_has_an_audit_record_with_user_location_and_utc_time(document):
    items = document.findall(".//o:ItemData", NS)
    assert len(items) > 100
    user_oids = {u.get("OID") for u in document.findall(".//o:AdminData/o:User", NS)}
    for item in items:
        record = item.find("o:AuditRecord", NS)
        assert record is not None, item.get("ItemOID")
        assert record.find("o:UserRef", NS).get("UserOID") in user_oids
        assert record.findtext("o:DateTimeStamp", namespaces=NS).endswith("Z")


def test_the_reason_of_a_change_is_kept(document):
    # services/demo.py: DEMO-004's stop was decided with this reason; the enrolment status change carries it
    subject = document.find(".//o:SubjectData[@SubjectKey='DEMO-004']", NS)
    reasons = {r.text for r in subject.iterfind(".//o:ReasonForChange", NS)}
    assert "Patient withdrew consent after cycle 1 apheresis." in reasons


def test_signed_forms_carry_their_signatures(document):
    subject = document.find(".//o:SubjectData[@SubjectKey='DEMO-003']", NS)
    eligibility = subject.find(".//o:FormData[@FormOID='F.EL']/o:Signature", NS)
    assert eligibility.find("o:UserRef", NS).get("UserOID") == "USR.dr.tanaka"
    assert eligibility.find("o:SignatureRef", NS).get("SignatureOID") == "SD.ELIGIBILITY_CONFIRMED"
    order = subject.find(".//o:FormData[@FormOID='F.DO']", NS)
    assert order.find("o:Signature/o:UserRef", NS).get("UserOID") == "USR.dr.tanaka"
    assert order.find("o:ItemGroupData/o:Signature/o:UserRef", NS).get("UserOID") == "USR.ph.suzuki"


def test_an_invalid_document_writes_nothing(demo_db, tmp_path, monkeypatch):
    real = odm.subject_texts

    def broken(table, subject, items):
        return tuple(text.replace("<SubjectData ", '<SubjectData NotAnOdmAttribute="x" ', 1)
                     for text in real(table, subject, items))
    monkeypatch.setattr(odm, "subject_texts", broken)
    with pytest.raises(export.ExportInvalid, match="does not validate"):
        export_to(demo_db, "odm", tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
    assert gc.isenabled()   # the export pauses the cyclic collector, and switches it back on even when it fails


def _odmlib_subject(table, subject: Subject) -> str:
    """The same subject through odmlib's own model objects and serialiser."""
    events = []
    for event in table.events:
        records = [r for r in subject.records if r.event == event.kind]
        if not records:
            continue
        forms = []
        for key in event.forms:
            for r in (r for r in records if r.form == key):
                form = table.forms[r.form]
                items = []
                for f in form.fields:
                    if f.key not in r.values:
                        continue
                    extra = {}
                    stamp = r.stamps.get(f.key)
                    if stamp is not None:
                        extra["AuditRecord"] = odm_model.AuditRecord(
                            UserRef=odm_model.UserRef(UserOID="USR." + stamp.username),
                            LocationRef=odm_model.LocationRef(LocationOID="LOC." + stamp.workstation),
                            DateTimeStamp=odm_model.DateTimeStamp(_content=stamp.at_utc),
                            **({"ReasonForChange": odm_model.ReasonForChange(_content=stamp.reason)}
                               if stamp.reason else {}))
                    if f.unit:
                        extra["MeasurementUnitRef"] = odm_model.MeasurementUnitRef(
                            MeasurementUnitOID=table.unit(f.unit).odm_oid)
                    items.append(odm_model.ItemData(ItemOID=f.odm_oid, Value=text_of(r.values[f.key], f.type),
                                                    **extra))
                sigs = [odm_model.Signature(ID=f"SIG.{s.id}",
                                            UserRef=odm_model.UserRef(UserOID="USR." + s.signer_username),
                                            LocationRef=odm_model.LocationRef(LocationOID="LOC." + s.workstation),
                                            SignatureRef=odm_model.SignatureRef(SignatureOID=odm.signature_def_oid(s.meaning)),
                                            DateTimeStamp=odm_model.DateTimeStamp(_content=s.signed_at_utc))
                        for s in r.signatures]
                group = odm_model.ItemGroupData(ItemGroupOID=form.item_group_oid, ItemData=items,
                                                **({"Signature": sigs[1]} if len(sigs) > 1 else {}))
                forms.append(odm_model.FormData(FormOID=form.odm_oid, ItemGroupData=[group],
                                                **({"FormRepeatKey": str(r.repeat)} if r.repeat else {}),
                                                **({"Signature": sigs[0]} if sigs else {})))
        events.append(odm_model.StudyEventData(StudyEventOID=event.odm_oid, FormData=forms))
    return odm_model.SubjectData(SubjectKey=subject.study_id, StudyEventData=events).to_xml_string()


def test_streamed_subjects_are_what_odmlibs_model_writes(demo_db):
    with open_read_only(demo_db) as store:
        data = dataset.build(store)
        for subject in data.subjects:
            ours = etree.tostring(odm.subject_element(data.mapping, subject), method="c14n")
            theirs = etree.tostring(etree.fromstring(_odmlib_subject(data.mapping, subject).encode()), method="c14n")
            assert ours == theirs, subject.study_id


def test_attribute_values_and_text_are_escaped_as_saxutils_escapes_them():
    from xml.sax.saxutils import escape, quoteattr

    for text in ("", "36.8", "P00001", "a b", 'say "no"', "it's", "both \" and '", "a & b", "<b>", "x\ny\tz\r",
                 "検査 38.3 °C", "&amp;", "2026-01-18T01:00:00+00:00", "a > b"):
        assert odm._attr(text) == quoteattr(text)
        assert odm._element_text(text) == escape(text)


def test_a_duplicate_signature_id_is_refused(demo_exports):
    """The validator's parser collects no IDs; the schema validation checks xs:ID uniqueness itself."""
    document = (demo_exports["odm"] / "nkdesk-odm.xml").read_bytes()
    odm.validate(document)
    assert document.count(b'<Signature ID="SIG.1"') == 1 and b'<Signature ID="SIG.2"' in document
    with pytest.raises(odm.OdmInvalid, match="SIG.1"):
        odm.validate(document.replace(b'<Signature ID="SIG.2"', b'<Signature ID="SIG.1"'))


def test_people_and_workstations_in_one_pass_are_those_of_the_two_queries(demo_db):
    from nkdesk.storage import export_reads

    with open_read_only(demo_db) as store:
        people, places = export_reads.trail_people_and_workstations(store)
        assert people == export_reads.trail_people(store) and len(people) >= 4
        assert places == export_reads.workstations(store) and places
