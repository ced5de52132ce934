"""CDISC ODM 1.3.2 (Snapshot): `nkdesk-odm.xml`, validated against the schema odmlib ships before
anything is written.

The document's definitions are built with odmlib's ODM 1.3.2 model: `Study` (GlobalVariables,
BasicDefinitions with the measurement units, a MetaDataVersion whose Protocol, StudyEventDefs,
FormDefs, ItemGroupDefs, ItemDefs and CodeLists come from the protocol file and the mapping table)
and `AdminData` (users with their roles, locations = workstations, signature definitions). The
ClinicalData is streamed subject by subject as XML text in the element order of the same model:
odmlib's objects cost about 135 µs per ItemData with its AuditRecord (measured; 54 s for the
benchmark's 400,000 items). tests/services/test_export_odm.py checks the streamed subjects
against odmlib's own serialisation of the same subject, element for element (canonical XML).

Each ItemData carries its value in the canonical unit with a MeasurementUnitRef, and an
AuditRecord from the audit trail: the user and workstation of the row that last wrote the field,
its UTC time and, when one was given, the reason. Signed forms (eligibility, dose order) carry
their still-valid signatures: the first on the FormData, a second (the dose order's
verification) on the ItemGroupData, as ODM allows one Signature per element.

The access log (reads: patient opened, form printed, export made) follows the subjects as
ClinicalData's `AuditRecords`, ODM's own place for audit records that belong to no single item:
one AuditRecord per entry (ID `ACC.<seq>`, user, workstation, UTC time; what was read and of
which patients in ReasonForChange; the entry's number in SourceID). The contract names one file.

The file is checked against ODM1-3-2.xsd (lxml) while it is still in memory: the whole document
except the FormData whose template was already checked and whose values the schema accepts
wherever they stand (odm_check.py; tests/services/test_export_odm_check.py proves
it decides as whole-document validation does). An invalid document raises `OdmInvalid` and
nothing is written.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import odmlib.odm_1_3_2.model as odm
from lxml import etree

from nkdesk import __version__
from nkdesk.domain import Signature
from nkdesk.rules.protocol import Protocol
from nkdesk.services.export.dataset import AccessRead, Dataset, access_text, location_oid, user_oid
from nkdesk.services.export.mapping import Field, Mapping
from nkdesk.services.export.odm_check import OdmInvalid, schema, schema_path, validate
from nkdesk.services.export.odm_check import Templates as _Templates
from nkdesk.services.export.odm_check import plain_chars as _plain_chars
from nkdesk.services.export.odm_check import xsd_datetime as _xsd_datetime
from nkdesk.services.export.subject import FormRecord, Subject, text_of
from nkdesk.storage.export_reads import AuditStamp

__all__ = ["FILE_NAME", "OdmInvalid", "documents", "render", "schema", "schema_path", "subject_texts", "subject_xml",
           "validate", "write"]

NS = "http://www.cdisc.org/ns/odm/v1.3"
FILE_NAME = "nkdesk-odm.xml"
MDV_OID = "MDV.1"
DATA_TYPES = {"text": "text", "integer": "integer", "float": "float", "date": "date", "datetime": "datetime",
              "boolean": "boolean", "choice": "text"}
USER_TYPES = {"investigator": "Investigator"}


def study_oid(data: Dataset) -> str:
    return "ST." + data.protocol.id


def signature_def_oid(meaning: str) -> str:
    return "SD." + "_".join(meaning.upper().split())


# ------------------------------------------------------------------------------ definitions (odmlib)
def _text(value: str) -> odm.TranslatedText:
    return odm.TranslatedText(_content=value, lang="en")


def _description(value: str) -> odm.Description:
    return odm.Description(TranslatedText=[_text(value)])


def metadata(data: Dataset) -> odm.MetaDataVersion:
    """The MetaDataVersion: events from the protocol's calendar, forms, item groups, items, code lists."""
    table, proto = data.mapping, data.protocol
    labels = calendar_labels(proto)
    protocol = odm.Protocol(StudyEventRef=[odm.StudyEventRef(StudyEventOID=e.odm_oid, OrderNumber=n, Mandatory="No")
                                           for n, e in enumerate(table.events, start=1)])
    events = [odm.StudyEventDef(OID=e.odm_oid, Name=e.label, Repeating="No", Type=e.type,
                                Description=_description(labels.get(e.kind, e.label)),
                                FormRef=[odm.FormRef(FormOID=table.forms[f].odm_oid, OrderNumber=n, Mandatory="No")
                                         for n, f in enumerate(e.forms, start=1)])
              for e in table.events]
    forms, groups, items = [], [], []
    used_lists: list[str] = []
    for form in table.forms.values():
        forms.append(odm.FormDef(OID=form.odm_oid, Name=form.label, Repeating="Yes" if form.repeating else "No",
                                 ItemGroupRef=[odm.ItemGroupRef(ItemGroupOID=form.item_group_oid, Mandatory="Yes")]))
        groups.append(odm.ItemGroupDef(OID=form.item_group_oid, Name=form.label, Repeating="No",
                                       ItemRef=[odm.ItemRef(ItemOID=f.odm_oid, OrderNumber=n, Mandatory="No")
                                                for n, f in enumerate(form.fields, start=1)]))
        for f in form.fields:
            items.append(_item_def(table, f))
            if f.codelist and f.codelist not in used_lists:
                used_lists.append(f.codelist)
    codelists = [odm.CodeList(OID=table.codelists[k].odm_oid, Name=k, DataType="text",
                              CodeListItem=[odm.CodeListItem(CodedValue=c, Decode=odm.Decode(TranslatedText=[_text(d)]))
                                            for c, d in table.codelists[k].items])
                 for k in used_lists]
    return odm.MetaDataVersion(OID=MDV_OID, Name=f"{proto.id} ({proto.version})",
                               Description=f"NKDesk {__version__} export; protocol source: {proto.source}",
                               Protocol=protocol, StudyEventDef=events, FormDef=forms, ItemGroupDef=groups,
                               ItemDef=items, CodeList=codelists)


def _item_def(table: Mapping, f: Field) -> odm.ItemDef:
    extra: dict[str, Any] = {}
    if f.unit:
        extra["MeasurementUnitRef"] = [odm.MeasurementUnitRef(MeasurementUnitOID=table.unit(f.unit).odm_oid)]
    if f.codelist:
        extra["CodeListRef"] = odm.CodeListRef(CodeListOID=table.codelists[f.codelist].odm_oid)
    if f.loinc:
        extra["Alias"] = [odm.Alias(Context="LOINC", Name=f.loinc)]
    return odm.ItemDef(OID=f.odm_oid, Name=f.key, DataType=DATA_TYPES[f.type],
                       Question=odm.Question(TranslatedText=[_text(f.label)]), **extra)


def calendar_labels(proto: Protocol) -> dict[str, str]:
    """Each calendar kind's description as the protocol file words it."""
    schedule = proto.section("schedule", {}) or {}
    labels = {"gcsf": f"{schedule.get('gcsf', {}).get('drug', 'G-CSF')}, "
                      f"{schedule.get('gcsf', {}).get('dose_per_m2', '')} {schedule.get('gcsf', {}).get('route', '')}"}
    for c in schedule.get("culture", []):
        labels[c["kind"]] = c.get("label", c["kind"])
    follow = [f.get("label", "") for f in schedule.get("followup", [])]
    if follow:
        labels["followup"] = "; ".join(follow)
    return labels


def calendar_kinds(proto: Protocol) -> list[str]:
    """The calendar event kinds the protocol file defines (G-CSF, culture kinds, follow-up)."""
    schedule = proto.section("schedule", {}) or {}
    kinds = ["gcsf"] if "gcsf" in schedule else []
    kinds += [c["kind"] for c in schedule.get("culture", [])]
    if schedule.get("followup"):
        kinds.append("followup")
    return kinds


def study(data: Dataset) -> odm.Study:
    proto = data.protocol
    units = sorted({f.unit for f in data.mapping.fields() if f.unit})
    basic = odm.BasicDefinitions(MeasurementUnit=[
        odm.MeasurementUnit(OID=data.mapping.unit(u).odm_oid, Name=u,
                            Symbol=odm.Symbol(TranslatedText=[_text(u)]),
                            **({"Alias": [odm.Alias(Context="UCUM", Name=data.mapping.unit(u).ucum)]}
                               if data.mapping.unit(u).ucum else {}))
        for u in units])
    return odm.Study(OID=study_oid(data), GlobalVariables=odm.GlobalVariables(
        StudyName=odm.StudyName(_content=proto.id), StudyDescription=odm.StudyDescription(_content=proto.title),
        ProtocolName=odm.ProtocolName(_content=proto.id)), BasicDefinitions=basic, MetaDataVersion=[metadata(data)])


def admin_data(data: Dataset) -> odm.AdminData:
    effective = data.created_utc.date().isoformat()
    users = [odm.User(OID=u.oid, UserType=USER_TYPES.get(u.role or "", "Other"),
                      LoginName=odm.LoginName(_content=u.username),
                      DisplayName=odm.DisplayName(_content=f"{u.username} ({(u.role or 'operating-system user')})"))
             for u in data.users]
    locations = [odm.Location(OID=loc.oid, Name=loc.name, LocationType="Site", MetaDataVersionRef=[
        odm.MetaDataVersionRef(StudyOID=study_oid(data), MetaDataVersionOID=MDV_OID, EffectiveDate=effective)])
        for loc in data.locations]
    signature_defs = [odm.SignatureDef(OID=signature_def_oid(m), Methodology="Electronic",
                                       Meaning=odm.Meaning(_content=m),
                                       LegalReason=odm.LegalReason(_content="NKDesk electronic signature: password "
                                                                   "re-entered, bound to the record's content hash"))
                      for m in data.signature_meanings]
    return odm.AdminData(StudyOID=study_oid(data), User=users, Location=locations, SignatureDef=signature_defs)


def document_shell(data: Dataset) -> odm.ODM:
    """The ODM document without subjects (its ClinicalData is filled by `subject_xml`)."""
    stamp = data.created_utc.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return odm.ODM(FileType="Snapshot", FileOID=f"NKDesk.{data.protocol.id}.{data.created_utc:%Y%m%dT%H%M%SZ}",
                   CreationDateTime=stamp, ODMVersion="1.3.2", Originator="NKDesk", SourceSystem="NKDesk",
                   SourceSystemVersion=__version__, Study=[study(data)], AdminData=[admin_data(data)],
                   ClinicalData=[odm.ClinicalData(StudyOID=study_oid(data), MetaDataVersionOID=MDV_OID)])


# ------------------------------------------------------------------------------ clinical data (text)
# The clinical data is written as XML text directly (attribute values and text escaped by
# xml.sax.saxutils): about 1 µs per ItemData, against ~60 µs through lxml elements and ~135 µs
# through odmlib's objects. Its well-formedness and validity are checked with the rest of the file.
def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


_PLAIN = re.compile("[^&<>\"'\n\r\t]*")   # what quoteattr would put between double quotes unchanged
_PLAIN_TEXT = re.compile("[^&<>]*")           # what escape would leave unchanged


def _attr(value: str) -> str:
    """quoteattr(value), without its escaping work for the (usual) value that needs none."""
    return f'"{value}"' if _PLAIN.fullmatch(value) else quoteattr(value)


def _element_text(value: str) -> str:
    """escape(value), likewise."""
    return value if _PLAIN_TEXT.fullmatch(value) else escape(value)


@lru_cache(maxsize=256)
def _who(username: str, workstation: str) -> str:
    return (f"<UserRef UserOID={quoteattr(user_oid(username))}/>"
            f"<LocationRef LocationOID={quoteattr(location_oid(workstation))}/>")


def _audit(stamp: AuditStamp) -> str:
    reason = f"<ReasonForChange>{_element_text(stamp.reason)}</ReasonForChange>" if stamp.reason else ""
    return (f"<AuditRecord>{_who(stamp.username, stamp.workstation)}"
            f"<DateTimeStamp>{_element_text(stamp.at_utc)}</DateTimeStamp>{reason}</AuditRecord>")


def _signature(sig: Signature) -> str:
    return (f"<Signature ID={quoteattr(f'SIG.{sig.id}')}><UserRef UserOID={quoteattr(user_oid(sig.signer_username))}/>"
            f"<LocationRef LocationOID={quoteattr(location_oid(sig.workstation))}/>"
            f"<SignatureRef SignatureOID={quoteattr(signature_def_oid(sig.meaning))}/>"
            f"<DateTimeStamp>{escape(sig.signed_at_utc)}</DateTimeStamp></Signature>")


class _Items:
    """Per form, what every ItemData of a field shares (its opening, its unit reference), the audit
    records already written for the current subject (the fields of one record share one), and the
    templates whose FormData the schema check has seen (see `_Templates`)."""

    def __init__(self, table: Mapping, templates: _Templates | None = None):
        self.table = table
        self.templates = templates
        self.fields: dict[str, list[tuple[str, str, str, str]]] = {}
        for form in table.forms.values():
            self.fields[form.key] = [
                (f.key, f.type, f'<ItemData ItemOID={quoteattr(f.odm_oid)} Value=',
                 f"<MeasurementUnitRef MeasurementUnitOID={quoteattr(table.unit(f.unit).odm_oid)}/>" if f.unit else "")
                for f in form.fields]
        self.openings = {form.key: (f"<FormData FormOID={quoteattr(form.odm_oid)}",
                                    f"<ItemGroupData ItemGroupOID={quoteattr(form.item_group_oid)}>")
                         for form in table.forms.values()}
        self.audits: dict[int, tuple[str, int]] = {}   # by the audit row's seq: its text and template mark

    def audit(self, stamp: AuditStamp) -> tuple[str, int]:
        """The AuditRecord text of an audit row, and its mark in a FormData's template: 1 without a
        reason, 2 with one, -1 when a slot value is not one `_Templates` vouches for."""
        found = self.audits.get(stamp.seq)
        if found is None:
            ok = (_plain_chars(stamp.username) and _plain_chars(stamp.workstation) and _plain_chars(stamp.reason or "")
                  and _xsd_datetime(stamp.at_utc))
            found = self.audits[stamp.seq] = (_audit(stamp), (2 if stamp.reason else 1) if ok else -1)
        return found


def _form_data(out: list[str], items: _Items, record: FormRecord) -> bool:
    """Append the FormData of `record` to `out`; True if its template was already schema-checked
    and every slot value is one the template check vouches for (`_Templates`)."""
    form_opening, group_opening = items.openings[record.form]
    repeat = f" FormRepeatKey=\"{record.repeat}\"" if record.repeat is not None else ""
    out.append(f"{form_opening}{repeat}>")
    if record.signatures:
        out.append(_signature(record.signatures[0]))
    out.append(group_opening)
    if len(record.signatures) > 1:
        out.append(_signature(record.signatures[1]))
    values, stamps = record.values, record.stamps
    shape: list[object] = [record.form, record.repeat is not None]   # the template: what is not a slot value
    vouched = not record.signatures     # (a Signature carries an xs:ID: signed forms are always checked whole)
    for key, kind, opening, unit in items.fields[record.form]:
        if key not in values:
            continue
        stamp = stamps.get(key)
        if stamp is not None:
            audit, mark = items.audit(stamp)
            if mark < 0:
                vouched = False
            body = audit + unit
        else:
            mark, body = 0, unit
        value = values[key]
        if type(value) is int or (type(value) is float and kind != "integer"):
            quoted = f'"{value!r}"'     # text_of's spelling of a number (repr), which needs no escaping
        else:
            text = text_of(value, kind)
            if vouched and not _plain_chars(text):
                vouched = False
            quoted = _attr(text)
        shape.append(key)
        shape.append(mark)
        out.append(f"{opening}{quoted}>{body}</ItemData>" if body else f"{opening}{quoted}/>")
    out.append("</ItemGroupData></FormData>")
    templates = items.templates
    if templates is None:
        return False
    return templates.covers(tuple(shape), vouched)


def subject_xml(table: Mapping, subject: Subject, items: _Items | None = None) -> str:
    """One SubjectData (SubjectKey = study ID): events in the mapping's order, each event's forms."""
    return subject_texts(table, subject, items or _Items(table))[0]


def subject_texts(table: Mapping, subject: Subject, items: _Items) -> tuple[str, str]:
    """The SubjectData, and what of it the schema must still check: the same text without the
    FormData that `items.templates` vouches for (all of it when there are no templates)."""
    items.audits.clear()   # a subject's records have their own audit rows
    opening = f"<SubjectData SubjectKey={quoteattr(subject.study_id)}>"
    out, check = [opening], [opening]
    for event in table.events:
        records = [r for r in subject.records if r.event == event.kind]
        if not records:
            continue
        event_opening = f"<StudyEventData StudyEventOID={quoteattr(event.odm_oid)}>"
        out.append(event_opening)
        check.append(event_opening)
        for form in event.forms:
            for record in records:
                if record.form == form:
                    start = len(out)
                    if not _form_data(out, items, record):
                        check.extend(out[start:])
        out.append("</StudyEventData>")
        check.append("</StudyEventData>")
    out.append("</SubjectData>")
    check.append("</SubjectData>")
    full = "".join(out)
    return full, (full if len(check) == len(out) else "".join(check))


def access_records(reads: Sequence[AccessRead]) -> str:
    """The access log as ClinicalData's AuditRecords: one AuditRecord per entry (ID `ACC.<seq>`):
    who (UserRef), the workstation (LocationRef), when (UTC), what was read and of which patients
    (ReasonForChange: ODM has no element for a read, and this is the audit record's text), and
    the entry's place in NKDesk's access log (SourceID)."""
    out = ["<AuditRecords>"]
    for read in reads:
        out.append(f"<AuditRecord ID={quoteattr(f'ACC.{read.seq}')}>{_who(read.username, read.workstation)}"
                   f"<DateTimeStamp>{escape(read.at_utc)}</DateTimeStamp>"
                   f"<ReasonForChange>{escape(access_text(read))}</ReasonForChange>"
                   f"<SourceID>NKDesk access log {read.seq}</SourceID></AuditRecord>")
    out.append("</AuditRecords>")
    return "".join(out)


def subject_element(table: Mapping, subject: Subject) -> etree._Element:
    """The same SubjectData as an lxml element in the ODM namespace (for tests and tools)."""
    return etree.fromstring(subject_xml(table, subject).replace("<SubjectData ", f'<SubjectData xmlns="{NS}" ', 1))


# ------------------------------------------------------------------------------ the file
def render(data: Dataset) -> bytes:
    """The whole document as bytes, checked against the ODM 1.3.2 schema (OdmInvalid if not): the
    document without the FormData of templates already checked is validated by lxml (`_Templates`)."""
    document, checked = documents(data, _Templates())
    validate(checked)
    return document


def shell_parts(data: Dataset) -> tuple[bytes, bytes]:
    """The document's text before and after its subjects (the inside of ClinicalData)."""
    shell = etree.fromstring(document_shell(data).to_xml_string().encode("utf-8"))
    clinical = shell.find(_q("ClinicalData"))
    if clinical is None:
        raise OdmInvalid("odmlib wrote no ClinicalData element")
    clinical.text = ""   # an open and a closing tag, so the subjects can be streamed between them
    head, closing, tail = etree.tostring(shell, encoding="UTF-8", xml_declaration=True).rpartition(
        b"</ClinicalData>")
    return head, closing + tail


def documents(data: Dataset, templates: _Templates | None = None) -> tuple[bytes, bytes]:
    """The whole document, and what the schema must check of it (the document itself without
    `templates`; without the FormData those templates vouch for with them)."""
    head, tail = shell_parts(data)
    parts, checks = [head], [head]
    items = _Items(data.mapping, templates)
    for subject in data.subjects:
        full, check = subject_texts(data.mapping, subject, items)
        encoded = full.encode("utf-8")
        parts.append(encoded)
        checks.append(encoded if check is full else check.encode("utf-8"))
    if data.access:   # the access log, after the subjects (ODM's order), checked whole (its IDs are xs:IDs)
        block = access_records(data.access).encode("utf-8")
        parts.append(block)
        checks.append(block)
    parts.append(tail)
    checks.append(tail)
    document = b"".join(parts)
    return document, (b"".join(checks) if templates is not None else document)


def write(data: Dataset, out_dir: Path, write_file: Callable[[Path, bytes], None]) -> list[Path]:
    """Render, validate, then write `nkdesk-odm.xml` through `write_file(path, bytes)`."""
    document = render(data)
    path = out_dir / FILE_NAME
    write_file(path, document)
    return [path]


def created(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H:%M:%S+00:00")
