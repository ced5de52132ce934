"""FHIR R4: `bundle.json`, a Bundle (type collection) that the R4B (4.3.0) models of
`fhir.resources` validate resource by resource before anything is written.

The package has no plain R4 models; R4B is R4-compatible for the resources used here:
ResearchStudy; per subject a Patient (its only identifier the study ID; gender; no name, no
birth date) and a ResearchSubject; an Observation of the age at consent (LOINC 30525-0); an
Observation per lab result, body measurement and vital sign (LOINC code from the mapping table
where one was confirmed, else the label as text; `valueQuantity` in the canonical unit with its
UCUM system and code, or the unit text alone where no UCUM code was confirmed); a
MedicationRequest per filgrastim order; a MedicationAdministration per infusion that has started
(an infusion only prepared has no administration time, which R4 requires); an AdverseEvent per AE
(the CTCAE v5.0 term as text and, where nkdesk/rules/ctcae_v5.toml has it, its MedDRA code; the
grade in the extension the mapping table names, since `severity` is only mild/moderate/severe).

Local times (vital signs, infusions, AE onsets are kept as the ward's wall-clock time) are given
the export machine's UTC offset, as FHIR requires an offset on a time. Resource ids are UUIDs
derived from the study ID and the record's place in the export, so exporting twice gives the same
ids. Validation costs about 150 µs per resource in fhir.resources (measured): the benchmark
records what that means for 1,000 patients.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from nkdesk.services.export.dataset import Dataset, FormRecord, Subject
from nkdesk.services.export.mapping import Field

FILE_NAME = "bundle.json"
_NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-5d7e-9f10-2a3b4c5d6e7f")
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


class FhirInvalid(ValueError):
    """A resource that fhir.resources' R4B models refuse (nothing was written)."""


def _models() -> dict[str, Any]:
    from fhir.resources.R4B import (
        adverseevent,
        bundle,
        medicationadministration,
        medicationrequest,
        observation,
        patient,
        researchstudy,
        researchsubject,
    )
    return {"Bundle": bundle.Bundle, "ResearchStudy": researchstudy.ResearchStudy, "Patient": patient.Patient,
            "ResearchSubject": researchsubject.ResearchSubject, "Observation": observation.Observation,
            "MedicationRequest": medicationrequest.MedicationRequest,
            "MedicationAdministration": medicationadministration.MedicationAdministration,
            "AdverseEvent": adverseevent.AdverseEvent}


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


def _when(value: date | datetime) -> str:
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.astimezone()
        return aware.isoformat(timespec="seconds")
    return value.isoformat()


def _ref(resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


class _Builder:
    def __init__(self, data: Dataset):
        self.data, self.table = data, data.mapping
        self.meta = data.mapping.meta
        self.study_id = _id("study", data.protocol.id)

    def quantity(self, value: float | int, nkdesk_unit: str | None) -> dict[str, Any]:
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

    def study(self) -> dict[str, Any]:
        p = self.data.protocol
        return {"resourceType": "ResearchStudy", "id": self.study_id, "status": "active", "title": p.title,
                "identifier": [{"system": "urn:nkdesk:protocol", "value": p.id}], "description": p.source}

    def subject(self, s: Subject) -> Iterator[dict[str, Any]]:
        patient_id = _id(s.study_id, "patient")
        patient: dict[str, Any] = {"resourceType": "Patient", "id": patient_id,
                                   "identifier": [{"system": self.meta["study_id_system"], "value": s.study_id}]}
        if s.sex in ("F", "M"):
            patient["gender"] = "female" if s.sex == "F" else "male"
        yield patient
        yield {"resourceType": "ResearchSubject", "id": _id(s.study_id, "research-subject"),
               "status": SUBJECT_STATUS.get(s.state, "on-study"), "study": _ref(self.study_id),
               "individual": _ref(patient_id)}
        if s.age_at_consent is not None:
            demo = s.forms("demographics")
            age = {"resourceType": "Observation", "id": _id(s.study_id, "age"), "status": "final",
                   "code": {"coding": [{"system": self.meta["loinc_system"], "code": self.meta["age_loinc"],
                                        "display": self.meta["age_loinc_display"]}], "text": "Age at consent"},
                   "subject": _ref(patient_id), "valueQuantity": self.quantity(s.age_at_consent, "years")}
            if demo and "enrolled_on" in demo[0].values:
                age["effectiveDateTime"] = _when(demo[0].values["enrolled_on"])
            yield age
        for r in s.records:
            yield from self.record(s, patient_id, r)

    def record(self, s: Subject, patient_id: str, r: FormRecord) -> Iterator[dict[str, Any]]:
        form = self.table.forms[r.form]
        if r.form == "labs":
            for f in form.fields:
                if f.numeric and f.key in r.values:
                    yield self.observation(s, patient_id, r, f, "laboratory", r.values["sampled_on"])
        elif r.form == "body_measurements":
            for key in ("height", "weight"):
                if key in r.values:
                    yield self.observation(s, patient_id, r, form.field(key), "vital-signs", r.values["measured_on"])
        elif r.form == "vital_signs":
            for key in VITAL_MEASUREMENTS:
                if key in r.values:
                    yield self.observation(s, patient_id, r, form.field(key), "vital-signs", r.values["measured_at"])
        elif r.form == "dose_order":
            yield self.medication_request(s, patient_id, r)
        elif r.form == "infusion" and "started_at" in r.values:
            yield self.administration(s, patient_id, r)
        elif r.form == "adverse_events":
            yield self.adverse_event(s, patient_id, r)

    def observation(self, s: Subject, patient_id: str, r: FormRecord, f: Field, category: str,
                    when: date | datetime) -> dict[str, Any]:
        return {"resourceType": "Observation", "id": _id(s.study_id, r.event, r.form, r.repeat, f.key),
                "status": "final",
                "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": category}]}],
                "code": self.code(f), "subject": _ref(patient_id), "effectiveDateTime": _when(when),
                "valueQuantity": self.quantity(r.values[f.key], f.unit)}

    def medication_request(self, s: Subject, patient_id: str, r: FormRecord) -> dict[str, Any]:
        v = r.values
        gcsf = (self.data.protocol.section("schedule", {}) or {}).get("gcsf", {})
        dosage: dict[str, Any] = {"text": f"{gcsf.get('dose_per_m2', '400 ug/m^2')} × BSA, {gcsf.get('frequency', '')}",
                                  "route": {"text": gcsf.get("route", "subcutaneous")}}
        timing: dict[str, Any] = {"frequency": 1, "period": 1, "periodUnit": "d"}
        if "gcsf_days" in v:
            timing["count"] = v["gcsf_days"]
        if "first_day" in v and "last_day" in v:
            timing["boundsPeriod"] = {"start": _when(v["first_day"]), "end": _when(v["last_day"])}
        dosage["timing"] = {"repeat": timing}
        if "delivered_ug" in v:
            dosage["doseAndRate"] = [{"doseQuantity": self.quantity(v["delivered_ug"], "ug")}]
        request: dict[str, Any] = {
            "resourceType": "MedicationRequest", "id": _id(s.study_id, r.event, r.form, r.repeat),
            "status": ORDER_STATUS.get(v.get("status", ""), "unknown"), "intent": "order",
            "medicationCodeableConcept": {"text": gcsf.get("drug", "filgrastim")}, "subject": _ref(patient_id),
            "dosageInstruction": [dosage]}
        if "daily_dose_ug" in v:
            request["note"] = [{"text": f"prescribed daily dose {v['daily_dose_ug']:.2f} ug; delivered "
                                        f"{v.get('delivered_ug', '')} ug ({v.get('syringes', '')})"}]
        if r.signatures:
            request["authoredOn"] = r.signatures[0].signed_at_utc
        return request

    def administration(self, s: Subject, patient_id: str, r: FormRecord) -> dict[str, Any]:
        v = r.values
        period = {"start": _when(v["started_at"])}
        if "ended_at" in v:
            period["end"] = _when(v["ended_at"])
        administration: dict[str, Any] = {
            "resourceType": "MedicationAdministration", "id": _id(s.study_id, r.event, r.form, r.repeat),
            "status": ADMINISTRATION_STATUS.get(v.get("status", ""), "unknown"),
            "medicationCodeableConcept": {"text": "Autologous NK cells grown from peripheral-blood CD34+ cells"},
            "subject": _ref(patient_id), "effectivePeriod": period}
        if "total_viable_cells" in v:
            administration["dosage"] = {"route": {"text": "intravenous"},
                                        "dose": self.quantity(v["total_viable_cells"], "cells")}
        return administration

    def adverse_event(self, s: Subject, patient_id: str, r: FormRecord) -> dict[str, Any]:
        v = r.values
        event: dict[str, Any] = {"text": v["term"]}
        if v.get("meddra_code"):
            event["coding"] = [{"system": self.meta["meddra_system"], "code": v["meddra_code"], "display": v["term"]}]
        ae: dict[str, Any] = {
            "resourceType": "AdverseEvent", "id": _id(s.study_id, r.event, r.form, r.repeat), "actuality": "actual",
            "event": event, "subject": _ref(patient_id), "date": _when(v["onset"]),
            "seriousness": {"coding": [{"system": SERIOUSNESS,
                                        "code": "serious" if v.get("serious") else "non-serious"}]},
            "study": [_ref(self.study_id)]}
        grade = v.get("worst_grade", v.get("grade"))
        if grade is not None:
            version = v.get("ctcae_version", "5.0")
            ae["extension"] = [{"url": self.meta["fhir_grade_extension"],
                                "valueCodeableConcept": {"coding": [{"code": str(grade), "display": f"Grade {grade}"}],
                                                         "text": f"CTCAE v{version} grade {grade}"}}]
        if v.get("outcome") in OUTCOME:
            ae["outcome"] = {"coding": [{"system": AE_OUTCOME, "code": OUTCOME[v["outcome"]]}]}
        return ae


def resources(data: Dataset) -> Iterator[dict[str, Any]]:
    """Every resource of the bundle as plain JSON-ready dicts, the study first."""
    builder = _Builder(data)
    yield builder.study()
    for subject in data.subjects:
        yield from builder.subject(subject)


def render(data: Dataset) -> bytes:
    """The bundle as JSON bytes; each resource validated by its R4B model (FhirInvalid if refused)."""
    models = _models()
    entries = []
    for resource in resources(data):
        model = models[resource["resourceType"]]
        try:
            model.model_validate(resource)
        except ValueError as exc:
            raise FhirInvalid(f"{resource['resourceType']} {resource.get('id')}: {exc}") from None
        entries.append({"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource})
    bundle = {"resourceType": "Bundle", "id": _id("bundle", data.protocol.id, data.created_utc.isoformat()),
              "type": "collection", "timestamp": data.created_utc.isoformat(timespec="seconds"), "entry": entries}
    try:   # the envelope itself (entries were validated one by one above)
        models["Bundle"].model_validate({**bundle, "entry": []})
    except ValueError as exc:
        raise FhirInvalid(f"Bundle: {exc}") from None
    return json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")


def write(data: Dataset, out_dir: Path, write_file: Callable[[Path, bytes], None]) -> list[Path]:
    document = render(data)
    path = out_dir / FILE_NAME
    write_file(path, document)
    return [path]

