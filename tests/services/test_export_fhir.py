"""FHIR export: the bundle validates as an R4B Bundle in fhir.resources; the resources the contract
names are there; the Patient carries the study ID only; codes and the grade extension come from
the mapping table; MedDRA codes come from the CTCAE table and are never invented."""
from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.bundle import Bundle

from nkdesk.services.export import fhir, mapping
from tests.export_fixtures import export_to


@pytest.fixture(scope="module")
def bundle(demo_exports):
    return json.loads((demo_exports["fhir"] / "bundle.json").read_text(encoding="utf-8"))


def _of(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_file_validates_as_an_r4b_bundle_of_type_collection(demo_exports, bundle):
    model = Bundle.model_validate_json((demo_exports["fhir"] / "bundle.json").read_bytes())
    assert model.type == "collection"
    assert len(model.entry) == len(bundle["entry"])


def test_every_resource_kind_the_contract_names_is_there(bundle):
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds >= {"ResearchStudy", "Patient", "ResearchSubject", "Observation", "MedicationRequest",
                     "MedicationAdministration", "AdverseEvent"}
    assert len(_of(bundle, "Patient")) == 5 == len(_of(bundle, "ResearchSubject"))


def test_patients_are_their_study_id_only(bundle):
    for patient in _of(bundle, "Patient"):
        assert set(patient) <= {"resourceType", "id", "identifier", "gender"}
        assert [i["value"] for i in patient["identifier"]][0].startswith("DEMO-")
        assert len(patient["identifier"]) == 1


def test_lab_observations_have_loinc_and_ucum_from_the_mapping(bundle):
    table = mapping.load()
    platelets = table.forms["labs"].field("platelets")
    found = [o for o in _of(bundle, "Observation")
             if o["code"].get("coding", [{}])[0].get("code") == platelets.loinc]
    assert found and all(o["valueQuantity"]["code"] == "10*9/L" for o in found)
    assert all(o["valueQuantity"]["system"] == "http://unitsofmeasure.org" for o in found)
    pivka = [o for o in _of(bundle, "Observation") if o["code"].get("text") == "PIVKA-II"]
    assert pivka and all("coding" not in o["code"] and "code" not in o["valueQuantity"] for o in pivka)


def test_vital_signs_are_observations_with_their_time(bundle):
    temperatures = [o for o in _of(bundle, "Observation")
                    if o["code"].get("coding", [{}])[0].get("code") == "8310-5"]
    # services/demo_bedside.py: DEMO-003's four sets, 38.3 °C at 60 minutes
    assert sorted(o["valueQuantity"]["value"] for o in temperatures)[-1] == pytest.approx(38.3)
    assert all(o["valueQuantity"]["code"] == "Cel" for o in temperatures)
    assert all("T" in o["effectiveDateTime"] and ("+" in o["effectiveDateTime"][10:] or "Z" in o["effectiveDateTime"]
                                                  or "-" in o["effectiveDateTime"][10:]) for o in temperatures)


def test_adverse_event_grade_is_in_the_mapping_tables_extension(bundle):
    (fever,) = _of(bundle, "AdverseEvent")
    assert fever["event"]["text"] == "Fever"
    (grade,) = fever["extension"]
    assert grade["url"] == mapping.load().meta["fhir_grade_extension"]
    assert grade["valueCodeableConcept"]["coding"][0]["code"] == "1"   # 38.3 °C: CTCAE v5.0 fever grade 1


def test_meddra_code_comes_from_the_ctcae_table(demo_db, tmp_path, monkeypatch):
    codes = dict(mapping.meddra_codes())
    assert all(code.strip() for code in codes.values())      # no empty code is ever exported
    monkeypatch.setattr(mapping, "meddra_codes", lambda: {"fever": "10016558"})
    export_to(demo_db, "fhir", tmp_path)
    bundle = json.loads((tmp_path / "bundle.json").read_text())
    (fever,) = _of(bundle, "AdverseEvent")
    assert fever["event"]["coding"] == [{"system": "http://terminology.hl7.org/CodeSystem/mdr",
                                         "code": "10016558", "display": "Fever"}]


def test_a_resource_the_models_refuse_writes_nothing(demo_db, tmp_path, monkeypatch):
    from nkdesk.services import export

    real = fhir._Builder.study
    # ResearchStudy.status is required (1..1) in R4B
    monkeypatch.setattr(fhir._Builder, "study", lambda self: {k: v for k, v in real(self).items() if k != "status"})
    with pytest.raises(export.ExportInvalid, match="ResearchStudy"):
        export_to(demo_db, "fhir", tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
