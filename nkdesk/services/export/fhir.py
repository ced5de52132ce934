"""FHIR R4: `bundle.json`, a Bundle (type collection) whose every entry fhir.resources' R4B (4.3.0)
models accept, checked before anything is written.

The package has no plain R4 models; R4B is R4-compatible for the resources used here:
ResearchStudy; per subject a Patient (its only identifier the study ID; gender; no name, no
birth date) and a ResearchSubject; an Observation of the age at consent (LOINC 30525-0); an
Observation per lab result, body measurement and vital sign (LOINC code from the mapping table
where one was confirmed, else the label as text; `valueQuantity` in the canonical unit with its
UCUM system and code, or the unit text alone where no UCUM code was confirmed); a
MedicationRequest per filgrastim order; a MedicationAdministration per infusion that has started
(an infusion only prepared has no administration time, which R4 requires); an AdverseEvent per AE
(the CTCAE v5.0 term as text and, where nkdesk/rules/ctcae_v5.toml has it, its MedDRA code; the
grade in the extension the mapping table names, since `severity` is only mild/moderate/severe);
and, after the subjects, an AuditEvent per entry of the access log (`ACCESS_EVENTS`: DICOM audit
event IDs and record lifecycle codes), each validated whole by the R4B model.

Validation (fhir_check.py): each entry is built as a template (the resource with `Slot`s where
its own values go: ids, references, times, numbers, statuses) and its values. The first entry of
each template is validated whole by the R4B `BundleEntry` model; every later one has each value
checked by the validator the model itself runs on that field. Constructing a model per resource
costs about 150 µs (about 40 s for the benchmark's 265,000 resources); this checks the same
things in a few µs. The ResearchStudy and the Bundle envelope (with its first entry) are
validated whole. The file is written one entry per line.

Local times (vital signs, infusions, AE onsets are kept as the ward's wall-clock time) are given
the export machine's UTC offset, as FHIR requires an offset on a time. Resource ids are UUIDs
derived from the study ID and the record's place in the export, so exporting twice gives the same
ids.
"""
from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from nkdesk.services.export.dataset import AccessRead, Dataset
from nkdesk.services.export.fhir_check import EntryWriter, FhirInvalid, Slot, Template
from nkdesk.services.export.mapping import Field
from nkdesk.services.export.subject import FormRecord, Subject

__all__ = ["FILE_NAME", "FhirInvalid", "entry_writer", "render", "write"]

FILE_NAME = "bundle.json"
_NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-5d7e-9f10-2a3b4c5d6e7f")
_NAMESPACE_BYTES = _NAMESPACE.bytes
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
SERIOUSNESS = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"
AE_OUTCOME = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"
SUBJECT_STATUS = {"screening": "screening", "screen_failed": "ineligible", "eligible_awaiting_dose": "eligible",
                  "on_treatment": "on-study-intervention", "mid_infusion": "on-study-intervention",
                  "suspended": "on-study", "discontinued": "off-study", "completed": "follow-up"}
ORDER_STATUS = {"draft": "draft", "prescribed": "on-hold", "verified": "active", "cancelled": "cancelled"}
ADMINISTRATION_STATUS = {"in_progress": "in-progress", "completed": "completed"}
OUTCOME = {"recovered": "resolved", "recovering": "recovering", "not_recovered": "ongoing",
           "recovered_with_sequelae": "resolvedWithSequelae", "fatal": "fatal", "unknown": "unknown"}
# Vital-sign set fields that are measurements (the rest place the set in time or say what it was)
VITAL_MEASUREMENTS = ("systolic_mmhg", "diastolic_mmhg", "pulse_per_min", "resp_rate_per_min", "temperature",
                      "spo2_pct", "o2_flow_l_min", "news2_score")
ID, URL = Slot("id"), Slot("url")

# The access log as AuditEvents (issue 15 item 7): codes per kind of read, each with where it is defined.
DCM = "http://dicom.nema.org/resources/ontology/DCM"
LIFECYCLE = "http://terminology.hl7.org/CodeSystem/dicom-audit-lifecycle"
ACCESS_EVENTS: dict[str, dict[str, Any]] = {
    # DICOM PS3.16 CID 400 "Audit Event ID" (FHIR R4 ValueSet audit-event-type): 110110 Patient Record
    # (a patient's record was used); lifecycle from DICOM's record lifecycle events (FHIR CodeSystem
    # dicom-audit-lifecycle): 6 Access / Use; subtype FHIR's restful-interaction "read".
    "patient_opened": {"type": (DCM, "110110", "Patient Record"), "lifecycle": ("6", "Access / Use"),
                       "subtype": ("http://hl7.org/fhir/restful-interaction", "read", "read")},
    # Printing is a use of the patient record; AuditEventAction R is "Read/View/Print". DICOM's
    # lifecycle "9 Report" is a report made from the record, which a printed form is.
    "form_printed": {"type": (DCM, "110110", "Patient Record"), "lifecycle": ("9", "Report"), "subtype": None},
    # CID 400 110106 Export (data left the system); lifecycle 10 Export / Copy to target.
    "export": {"type": (DCM, "110106", "Export"), "lifecycle": ("10", "Export / Copy to target"), "subtype": None},
}


def _models() -> dict[str, Any]:
    from fhir.resources.R4B import bundle
    return {"Bundle": bundle.Bundle, "BundleEntry": bundle.BundleEntry}


def entry_writer() -> EntryWriter:
    """A writer of bundle entries checked against the R4B BundleEntry model."""
    return EntryWriter(_models()["BundleEntry"])


def _id(*parts: object) -> str:
    return _uuid5("/".join(str(p) for p in parts))


def _uuid5(name: str) -> str:
    """str(uuid.uuid5(_NAMESPACE, name)) without building a UUID object (a third of the time per
    resource; tests/services/test_export_fhir_check.py checks it equals uuid5)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50      # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80      # RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def _when(value: date | datetime) -> str:
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.astimezone()
        return aware.isoformat(timespec="seconds")
    return value.isoformat()


def _ref(resource_id: str | Slot) -> dict[str, str | Slot]:
    return {"reference": f"urn:uuid:{resource_id}" if isinstance(resource_id, str) else resource_id}


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": URL, "resource": resource}


class _Builder:
    """Each resource as (template, values): the template from what is the same for many resources
    (codes, units, which parts are present), the values from the record."""

    def __init__(self, data: Dataset, writer: EntryWriter):
        self.data, self.table, self.writer = data, data.mapping, writer
        self.meta = data.mapping.meta
        self.study_id = _id("study", data.protocol.id)
        self._observations: dict[tuple[str, str, str], Template] = {}
        self._fields = {(form.key, f.key): f for form in self.table.forms.values() for f in form.fields}

    def put(self, resource: dict[str, Any], values: dict[str, Any]) -> str:
        """The entry's JSON text, checked (FhirInvalid if the models refuse it)."""
        return self.writer.entry(self.writer.template(_entry(resource)), {**values, "url": f"urn:uuid:{values['id']}"})

    def quantity(self, value: float | int | Slot, nkdesk_unit: str | None) -> dict[str, Any]:
        q: dict[str, Any] = {"value": value}
        if nkdesk_unit:
            unit = self.table.unit(nkdesk_unit)
            q["unit"] = nkdesk_unit
            if unit.ucum:
                q["system"], q["code"] = self.meta["ucum_system"], unit.ucum
        return q

    def code(self, f: Field) -> dict[str, Any]:
        if f.loinc:
            return {"coding": [{"system": self.meta["loinc_system"], "code": f.loinc, "display": f.loinc_display}],
                    "text": f.label}
        return {"text": f.label}

    def audit_event(self, read: AccessRead, exported: set[str]) -> dict[str, Any]:
        """One access-log entry as an R4B AuditEvent: who (the NKDesk user name or `os:<login>`, as
        the rest of the export names people: no full names), when (UTC), the workstation (source),
        each patient (the bundle's Patient when exported, else by study ID) and what was read."""
        codes = ACCESS_EVENTS[read.what]
        system, code, display = codes["type"]
        lifecycle = {"system": LIFECYCLE, "code": codes["lifecycle"][0], "display": codes["lifecycle"][1]}
        details = [{"type": k, "valueString": ("yes" if v else "no") if isinstance(v, bool) else v}
                   for k, v in read.detail.items()]
        entities = []
        for study_id in read.study_ids:
            what = (_ref(_id(study_id, "patient")) if study_id in exported
                    else {"identifier": {"system": self.meta["study_id_system"], "value": study_id}})
            entity: dict[str, Any] = {
                "what": what, "type": {"system": "http://terminology.hl7.org/CodeSystem/audit-entity-type",
                                       "code": "1", "display": "Person"},
                "role": {"system": "http://terminology.hl7.org/CodeSystem/object-role", "code": "1",
                         "display": "Patient"}, "lifecycle": lifecycle}
            if details:
                entity["detail"] = details
            entities.append(entity)
        event: dict[str, Any] = {
            "resourceType": "AuditEvent", "id": _id("access-log", read.seq),
            "type": {"system": system, "code": code, "display": display},
            "action": "R", "recorded": read.at_utc, "outcome": "0",
            "agent": [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/extra-security-role-type",
                                            "code": "humanuser", "display": "human user"}]},
                       "who": {"identifier": {"system": "urn:nkdesk:user", "value": read.username}},
                       "requestor": True}],
            "source": {"site": read.workstation,
                       "observer": {"identifier": {"system": "urn:nkdesk:workstation", "value": read.workstation},
                                    "display": read.workstation},
                       "type": [{"system": "http://terminology.hl7.org/CodeSystem/security-source-type",
                                 "code": "1", "display": "User Device"}]}}
        if codes["subtype"]:
            sub_system, sub_code, sub_display = codes["subtype"]
            event["subtype"] = [{"system": sub_system, "code": sub_code, "display": sub_display}]
        if entities:
            event["entity"] = entities
        return {"fullUrl": f"urn:uuid:{event['id']}", "resource": event}

    def study(self) -> dict[str, Any]:
        p = self.data.protocol
        return {"resourceType": "ResearchStudy", "id": self.study_id, "status": "active", "title": p.title,
                "identifier": [{"system": "urn:nkdesk:protocol", "value": p.id}], "description": p.source}

    def subject(self, s: Subject) -> Iterator[str]:
        patient_id = _id(s.study_id, "patient")
        patient: dict[str, Any] = {"resourceType": "Patient", "id": ID,
                                   "identifier": [{"system": self.meta["study_id_system"], "value": Slot("study_id")}]}
        values: dict[str, Any] = {"id": patient_id, "study_id": s.study_id}
        if s.sex in ("F", "M"):
            patient["gender"], values["gender"] = Slot("gender"), "female" if s.sex == "F" else "male"
        yield self.put(patient, values)
        patient_ref = f"urn:uuid:{patient_id}"
        yield self.put({"resourceType": "ResearchSubject", "id": ID, "status": Slot("status"),
                        "study": _ref(self.study_id), "individual": _ref(Slot("patient"))},
                       {"id": _id(s.study_id, "research-subject"), "status": SUBJECT_STATUS.get(s.state, "on-study"),
                        "patient": patient_ref})
        if s.age_at_consent is not None:
            demo = s.forms("demographics")
            age: dict[str, Any] = {
                "resourceType": "Observation", "id": ID, "status": "final",
                "code": {"coding": [{"system": self.meta["loinc_system"], "code": self.meta["age_loinc"],
                                     "display": self.meta["age_loinc_display"]}], "text": "Age at consent"},
                "subject": _ref(Slot("patient")), "valueQuantity": self.quantity(Slot("value"), "years")}
            values = {"id": _id(s.study_id, "age"), "patient": patient_ref, "value": s.age_at_consent}
            if demo and "enrolled_on" in demo[0].values:
                age["effectiveDateTime"], values["when"] = Slot("when"), _when(demo[0].values["enrolled_on"])
            yield self.put(age, values)
        for r in s.records:
            yield from self.record(s, patient_ref, r)

    def record(self, s: Subject, patient_ref: str, r: FormRecord) -> Iterator[str]:
        if r.form == "labs":
            when = _when(r.values["sampled_on"])
            for f in self.table.forms["labs"].fields:
                if f.numeric and f.key in r.values:
                    yield self.observation(s, patient_ref, r, f, "laboratory", when)
        elif r.form == "body_measurements":
            when = _when(r.values["measured_on"])
            for key in ("height", "weight"):
                if key in r.values:
                    yield self.observation(s, patient_ref, r, self._fields[(r.form, key)], "vital-signs", when)
        elif r.form == "vital_signs":
            when = _when(r.values["measured_at"])
            for key in VITAL_MEASUREMENTS:
                if key in r.values:
                    yield self.observation(s, patient_ref, r, self._fields[(r.form, key)], "vital-signs", when)
        elif r.form == "dose_order":
            yield self.medication_request(s, patient_ref, r)
        elif r.form == "infusion" and "started_at" in r.values:
            yield self.administration(s, patient_ref, r)
        elif r.form == "adverse_events":
            yield self.adverse_event(s, patient_ref, r)

    def observation(self, s: Subject, patient_ref: str, r: FormRecord, f: Field, category: str, when: str) -> str:
        # The template depends on the field (its code and unit) and the category only: kept per those
        key = (r.form, f.key, category)
        template = self._observations.get(key)
        if template is None:
            template = self._observations[key] = self.writer.template(_entry({
                "resourceType": "Observation", "id": ID, "status": "final",
                "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": category}]}],
                "code": self.code(f), "subject": _ref(Slot("patient")), "effectiveDateTime": Slot("when"),
                "valueQuantity": self.quantity(Slot("value"), f.unit)}))
            if template.slots != ("url", "id", "patient", "when", "value"):   # the order given below
                raise ValueError(f"observation template slots {template.slots}")
        rid = _uuid5(f"{s.study_id}/{r.event}/{r.form}/{r.repeat}/{f.key}")   # as _id(…) spells it
        return self.writer.entry_of(template, (f"urn:uuid:{rid}", rid, patient_ref, when, r.values[f.key]))

    def medication_request(self, s: Subject, patient_ref: str, r: FormRecord) -> str:
        v = r.values
        values: dict[str, Any] = {"id": _id(s.study_id, r.event, r.form, r.repeat), "patient": patient_ref,
                                  "status": ORDER_STATUS.get(v.get("status", ""), "unknown")}
        gcsf = (self.data.protocol.section("schedule", {}) or {}).get("gcsf", {})
        dosage: dict[str, Any] = {"text": f"{gcsf.get('dose_per_m2', '400 ug/m^2')} × BSA, {gcsf.get('frequency', '')}",
                                  "route": {"text": gcsf.get("route", "subcutaneous")}}
        timing: dict[str, Any] = {"frequency": 1, "period": 1, "periodUnit": "d"}
        if "gcsf_days" in v:
            timing["count"], values["count"] = Slot("count"), v["gcsf_days"]
        if "first_day" in v and "last_day" in v:
            timing["boundsPeriod"] = {"start": Slot("start"), "end": Slot("end")}
            values["start"], values["end"] = _when(v["first_day"]), _when(v["last_day"])
        dosage["timing"] = {"repeat": timing}
        if "delivered_ug" in v:
            dosage["doseAndRate"] = [{"doseQuantity": self.quantity(Slot("dose"), "ug")}]
            values["dose"] = v["delivered_ug"]
        request: dict[str, Any] = {
            "resourceType": "MedicationRequest", "id": ID, "status": Slot("status"), "intent": "order",
            "medicationCodeableConcept": {"text": gcsf.get("drug", "filgrastim")}, "subject": _ref(Slot("patient")),
            "dosageInstruction": [dosage]}
        if "daily_dose_ug" in v:
            request["note"] = [{"text": Slot("note")}]
            values["note"] = (f"prescribed daily dose {v['daily_dose_ug']:.2f} ug; delivered "
                              f"{v.get('delivered_ug', '')} ug ({v.get('syringes', '')})")
        if r.signatures:
            request["authoredOn"], values["authored"] = Slot("authored"), r.signatures[0].signed_at_utc
        return self.put(request, values)

    def administration(self, s: Subject, patient_ref: str, r: FormRecord) -> str:
        v = r.values
        values: dict[str, Any] = {"id": _id(s.study_id, r.event, r.form, r.repeat), "patient": patient_ref,
                                  "status": ADMINISTRATION_STATUS.get(v.get("status", ""), "unknown"),
                                  "start": _when(v["started_at"])}
        period: dict[str, Any] = {"start": Slot("start")}
        if "ended_at" in v:
            period["end"], values["end"] = Slot("end"), _when(v["ended_at"])
        administration: dict[str, Any] = {
            "resourceType": "MedicationAdministration", "id": ID, "status": Slot("status"),
            "medicationCodeableConcept": {"text": "Autologous NK cells grown from peripheral-blood CD34+ cells"},
            "subject": _ref(Slot("patient")), "effectivePeriod": period}
        if "total_viable_cells" in v:
            administration["dosage"] = {"route": {"text": "intravenous"}, "dose": self.quantity(Slot("cells"), "cells")}
            values["cells"] = v["total_viable_cells"]
        return self.put(administration, values)

    def adverse_event(self, s: Subject, patient_ref: str, r: FormRecord) -> str:
        v = r.values
        values: dict[str, Any] = {"id": _id(s.study_id, r.event, r.form, r.repeat), "patient": patient_ref,
                                  "term": v["term"], "onset": _when(v["onset"]),
                                  "seriousness": "serious" if v.get("serious") else "non-serious"}
        event: dict[str, Any] = {"text": Slot("term")}
        if v.get("meddra_code"):
            event["coding"] = [{"system": self.meta["meddra_system"], "code": Slot("meddra"),
                                "display": Slot("term_display")}]
            values["meddra"], values["term_display"] = v["meddra_code"], v["term"]
        ae: dict[str, Any] = {
            "resourceType": "AdverseEvent", "id": ID, "actuality": "actual", "event": event,
            "subject": _ref(Slot("patient")), "date": Slot("onset"),
            "seriousness": {"coding": [{"system": SERIOUSNESS, "code": Slot("seriousness")}]},
            "study": [_ref(self.study_id)]}
        grade = v.get("worst_grade", v.get("grade"))
        if grade is not None:
            version = v.get("ctcae_version", "5.0")
            ae["extension"] = [{"url": self.meta["fhir_grade_extension"],
                                "valueCodeableConcept": {"coding": [{"code": Slot("grade"),
                                                                     "display": Slot("grade_display")}],
                                                         "text": Slot("grade_text")}}]
            values.update(grade=str(grade), grade_display=f"Grade {grade}",
                          grade_text=f"CTCAE v{version} grade {grade}")
        if v.get("outcome") in OUTCOME:
            ae["outcome"] = {"coding": [{"system": AE_OUTCOME, "code": Slot("outcome")}]}
            values["outcome"] = OUTCOME[v["outcome"]]
        return self.put(ae, values)


def render(data: Dataset, writer: EntryWriter | None = None) -> bytes:
    """The bundle as JSON bytes, one entry per line, every entry checked as fhir_check.py says
    (FhirInvalid if the models refuse one). `writer`: a fresh one unless given (tests read its
    templates)."""
    writer = writer or entry_writer()
    builder = _Builder(data, writer)
    study = builder.study()
    entries = [writer.validate({"fullUrl": f"urn:uuid:{study['id']}", "resource": study})]
    exported: set[str] = set()
    for subject in data.subjects:
        exported.add(subject.study_id)
        entries.extend(builder.subject(subject))
    for read in data.access:   # the access log, each AuditEvent validated whole by the model
        entries.append(writer.validate(builder.audit_event(read, exported)))
    envelope = {"resourceType": "Bundle", "id": _id("bundle", data.protocol.id, data.created_utc.isoformat()),
                "type": "collection", "timestamp": data.created_utc.isoformat(timespec="seconds")}
    try:   # the envelope itself, with its first entry (every entry was checked above)
        _models()["Bundle"].model_validate({**envelope, "entry": [json.loads(entries[0])]})
    except ValueError as exc:
        raise FhirInvalid(f"Bundle: {exc}") from None
    head = json.dumps(envelope, ensure_ascii=False)[:-1]
    return "".join((head, ', "entry": [\n', ",\n".join(entries), "\n]}\n")).encode("utf-8")


def write(data: Dataset, out_dir: Path, write_file: Callable[[Path, bytes], None]) -> list[Path]:
    document = render(data)
    path = out_dir / FILE_NAME
    write_file(path, document)
    return [path]
