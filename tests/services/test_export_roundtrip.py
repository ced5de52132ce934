"""Round trip: what a ward stored comes back out of every format in canonical units, per patient.

The expected values are worked out here from the values typed and the published conversion
factors (not read from the exporter): haemoglobin 12.1 g/dL = 121 g/L (1 g/dL = 10 g/L);
platelets 15.2 × 10⁴/µL = 152 × 10⁹/L (10⁴/µL = 10⁷/mL = 10¹⁰/L... ×10 → 10⁹/L scale: 15.2 × 10 = 152);
WBC 5600/µL = 5.6 × 10⁹/L; bilirubin 0.8 mg/dL = 13.68 µmol/L (× 17.1, Young 1987);
101.1 °F = (101.1 − 32) × 5/9 = 38.3889 °C; 62 in = 157.48 cm (× 2.54); 121 lb = 54.88467677 kg
(× 0.45359237, the international pound).
"""
from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from lxml import etree

from nkdesk.services import export, measurements
from tests.bedside import record, started_infusion, treated_patient

NS = {"o": "http://www.cdisc.org/ns/odm/v1.3"}
LABS = {"hemoglobin": "12.1 g/dL", "platelets": "15.2 10^4/uL", "wbc": "5600 /uL", "bilirubin": "0.8 mg/dL"}
EXPECTED_LABS = {"hemoglobin": 121.0, "platelets": 152.0, "wbc": 5.6, "bilirubin": 0.8 * 17.1}
EXPECTED_TEMPERATURE = (101.1 - 32) * 5 / 9
EXPECTED_BODY = {"height": 62 * 2.54, "weight": 121 * 0.45359237}


@pytest.fixture
def two_patients(store, people, make_patient, contract_example, tmp_path):
    """Two patients with different values, so a mix-up between subjects would show."""
    first, cycle = treated_patient(store, people, make_patient, contract_example)
    measurements.record_labs(store, people.nurse, first.id, date(2026, 12, 2), LABS)
    measurements.record_body(store, people.nurse, first.id, date(2026, 12, 2), height="62 in", weight="121 lb")
    infusion = started_infusion(store, people, cycle)
    record(store, people.nurse, infusion.id, 0)
    record(store, people.nurse, infusion.id, 60, temperature="101.1 degF", reason="fever")
    second = make_patient()
    measurements.record_labs(store, people.nurse, second.id, date(2026, 12, 3), {"platelets": "80 10^9/L"})
    return {first.study_id: "first", second.study_id: "second"}


def _export(store, people, fmt, folder):
    return export.export(store, people.nurse, fmt, folder)


def test_odm_values_are_the_stored_values_in_canonical_units(store, people, two_patients, tmp_path):
    _export(store, people, "odm", tmp_path)
    doc = etree.parse(str(tmp_path / "nkdesk-odm.xml"))
    first, second = sorted(two_patients, key=lambda k: two_patients[k])
    subject = doc.find(f".//o:SubjectData[@SubjectKey='{first}']", NS)
    labs = [f for f in subject.iterfind(".//o:FormData[@FormOID='F.LB']", NS)
            if f.find(".//o:ItemData[@ItemOID='IT.LB.DATE']", NS).get("Value") == "2026-12-02"]
    values = {i.get("ItemOID"): float(i.get("Value")) for i in labs[0].iterfind(".//o:ItemData", NS)
              if i.get("ItemOID") != "IT.LB.DATE"}
    assert values == pytest.approx({"IT.LB.HGB": 121.0, "IT.LB.PLT": 152.0, "IT.LB.WBC": 5.6,
                                    "IT.LB.TBIL": 0.8 * 17.1})
    temperatures = sorted(float(i.get("Value")) for i in subject.iterfind(".//o:ItemData[@ItemOID='IT.VS.TEMP']", NS))
    assert temperatures[-1] == pytest.approx(EXPECTED_TEMPERATURE, abs=1e-6)
    heights = [float(i.get("Value")) for i in subject.iterfind(".//o:ItemData[@ItemOID='IT.BM.HEIGHT']", NS)]
    weights = [float(i.get("Value")) for i in subject.iterfind(".//o:ItemData[@ItemOID='IT.BM.WEIGHT']", NS)]
    assert EXPECTED_BODY["height"] == pytest.approx(heights[-1])
    assert EXPECTED_BODY["weight"] == pytest.approx(weights[-1], rel=1e-9)
    other = doc.find(f".//o:SubjectData[@SubjectKey='{second}']", NS)
    assert [float(i.get("Value")) for i in other.iterfind(".//o:ItemData[@ItemOID='IT.LB.PLT']", NS)] == [80.0]


def test_redcap_records_are_the_stored_values(store, people, two_patients, tmp_path):
    _export(store, people, "redcap", tmp_path)
    with (tmp_path / "records.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    first, second = sorted(two_patients, key=lambda k: two_patients[k])
    lab = next(r for r in rows if r["record_id"] == first and r["lb_date"] == "2026-12-02")
    assert {k: float(lab[f"lb_{k}"]) for k in EXPECTED_LABS} == pytest.approx(EXPECTED_LABS)
    fever = next(r for r in rows if r["record_id"] == first and r["vs_time_point"] == "60")
    assert float(fever["vs_temperature"]) == pytest.approx(EXPECTED_TEMPERATURE, abs=1e-6)
    assert fever["redcap_event_name"] == "infusion_arm_1" and fever["redcap_repeat_instrument"] == "vital_signs"
    assert [float(r["lb_platelets"]) for r in rows if r["record_id"] == second and r["lb_date"]] == [80.0]


def test_fhir_observations_are_the_stored_values(store, people, two_patients, tmp_path):
    _export(store, people, "fhir", tmp_path)
    bundle = json.loads((tmp_path / "bundle.json").read_text())
    resources = [e["resource"] for e in bundle["entry"]]
    patients = {r["id"]: r["identifier"][0]["value"] for r in resources if r["resourceType"] == "Patient"}
    first, second = sorted(two_patients, key=lambda k: two_patients[k])
    by_code: dict[tuple[str, str], list[float]] = {}
    for r in resources:
        if r["resourceType"] == "Observation" and "coding" in r["code"]:
            owner = patients[r["subject"]["reference"].removeprefix("urn:uuid:")]
            by_code.setdefault((owner, r["code"]["coding"][0]["code"]), []).append(r["valueQuantity"]["value"])
    assert by_code[(first, "718-7")] == pytest.approx([121.0])
    assert by_code[(first, "777-3")] == pytest.approx([152.0])
    assert max(by_code[(first, "8310-5")]) == pytest.approx(EXPECTED_TEMPERATURE, abs=1e-6)
    assert by_code[(first, "29463-7")][-1] == pytest.approx(EXPECTED_BODY["weight"], rel=1e-9)
    assert by_code[(second, "777-3")] == [80.0]
