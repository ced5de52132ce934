"""The Labs tab's service: a dated set typed in mixed units, graded beside the site's ranges, feeding
the label's WBC check and the AE proposals in the same save; the ionised-calcium question.

Expected grades are read from NCI CTCAE v5.0 (27 Nov 2017), not from the code under test; the WBC
limits from the Japanese filgrastim label (mobilisation: reduce at ≥ 50,000/mm³, stop at ≥ 75,000/mm³).
"""
from __future__ import annotations

from datetime import date

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import ae_proposals, labs, settings
from tests.bedside import treated_patient

APHERESIS = date(2026, 12, 5)   # the order's G-CSF course: 1–5 Dec (days −4…0)


@pytest.fixture
def patient(store, people, make_patient, contract_example):
    return treated_patient(store, people, make_patient, contract_example)[0]


def test_a_set_in_mixed_units_is_graded_and_feeds_the_wbc_check_and_the_proposals(store, people, patient,
                                                                                   prescribe):
    """Typed 2026/12/3, during the course: WBC 52,000/µL → the label's "reduce"; Hb 8.5 g/dL → CTCAE
    "Anemia" grade 2 (<10.0–8.0 g/dL); platelets 4.0 ×10⁴/µL = 40,000/mm³ → "Platelet count
    decreased" grade 3 (<50,000–25,000/mm³); Na 128 mEq/L = 128 mmol/L → "Hyponatremia" 125–129 is
    grade 2 or 3 by symptoms: undecided. All from one save."""
    prescribe(patient.id, apheresis=APHERESIS)
    saved = labs.record_lab_set(store, people.nurse, patient.id, "2026/12/3",
                                {"wbc": "52000 /uL", "hemoglobin": "8.5 g/dL", "platelets": "4.0 10^4/uL",
                                 "sodium": "128 mEq/L", "albumin": ""})
    outcome = saved.value
    assert outcome.lab_set.sampled_on == date(2026, 12, 3)
    assert sorted(r.analyte for r in outcome.lab_set.results) == ["hemoglobin", "platelets", "sodium", "wbc"]
    assert dict(outcome.proposals) == {"Anemia": 2, "Platelet count decreased": 3, "Hyponatremia": None}
    assert [c.code for c in outcome.dose_checks] == ["wbc_reduce"]
    stored = {p.term: p.grade for p in ae_proposals.proposals(store, patient.id)}
    assert stored == {"Anemia": 2, "Platelet count decreased": 3, "Hyponatremia": None}
    graded = outcome.graded
    assert (graded.get("hemoglobin").grade, graded.get("hemoglobin").term) == (2, "Anemia")
    assert graded.get("sodium").grade is None and graded.get("sodium").flag == "L"


def test_the_range_is_shown_in_the_unit_typed(store, people, patient):
    """JCCLS WBC 3.3–8.6 ×10³/µL shown as 3300–8600 for a value typed per µL; 3000/µL is below the
    LLN and CTCAE "White blood cell decreased" grade 1 (<LLN–3000/mm³)."""
    labs.record_lab_set(store, people.nurse, patient.id, "2026-12-20", {"wbc": "3000 /uL"})
    (view,) = labs.history(store, patient.id).sets
    wbc = view.get("wbc")
    assert (wbc.low, wbc.high, wbc.flag, wbc.grade) == (3300, 8600, "L", 1)
    assert wbc.range_source.startswith("JCCLS")


def test_the_sites_units_come_first(store, people):
    """With no setting, Japanese units first: g/dL, ×10⁴/µL, mg/dL; a site's choice comes first instead."""
    rows = {r.name: r.units[0] for r in labs.analyte_rows(settings.load(store))}
    assert (rows["hemoglobin"], rows["platelets"], rows["creatinine"], rows["bilirubin"]) == \
        ("g/dL", "10^4/uL", "mg/dL", "mg/dL")
    settings.change_settings(store, people.admin, {"lab_units": {"hemoglobin": "g/L"}})
    rows = {r.name: r.units for r in labs.analyte_rows(settings.load(store))}
    assert rows["hemoglobin"][0] == "g/L" and set(rows["hemoglobin"]) == {"g/dL", "g/L", "mmol/L"}
    assert len(labs.LAB_TAB_ANALYTES) == 17


def test_a_total_calcium_under_1_5_mmol_l_asks_whether_it_was_ionised(store, people, patient):
    """1.05 mmol/L typed as total calcium: refused until someone says which (nothing written). As
    total it is CTCAE "Hypocalcemia" grade 4 (<6.0 mg/dL; <1.5 mmol/L); as ionised it is stored as
    ionised calcium and graded on the ionised column, never grade 4 (grade 4 there is <0.8 mmol/L)."""
    before = store.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(InputError) as asked:
        labs.record_lab_set(store, people.nurse, patient.id, "2026-12-20", {"calcium": "1.05 mmol/L"})
    assert (asked.value.code, asked.value.field) == ("ionised_question", "labs.calcium")
    assert store.scalar("SELECT count(*) FROM audit_log") == before
    assert labs.preview(store, patient.id, {"calcium": "1.05 mmol/L"}).ask_ionised
    assert not labs.preview(store, patient.id, {"calcium": "2.3 mmol/L"}).ask_ionised

    ionised = labs.record_lab_set(store, people.nurse, patient.id, "2026-12-20", {"calcium": "1.05 mmol/L"},
                                  calcium_was="ionised").value
    assert [(r.analyte, r.quantity.text) for r in ionised.lab_set.results] == [("ionized_calcium", "1.05 mmol/L")]
    assert all(grade != 4 for _term, grade in ionised.proposals)
    total = labs.record_lab_set(store, people.nurse, patient.id, "2026-12-21", {"calcium": "1.05 mmol/L"},
                                calcium_was="total").value
    assert [(r.analyte, r.quantity.text) for r in total.lab_set.results] == [("calcium", "1.05 mmol/L")]
    assert dict(total.proposals)["Hypocalcemia"] == 4


def test_preview_names_each_bad_value(store, people, patient):
    """A value without its unit and an impossible one are each reported, the good one graded."""
    shown = labs.preview(store, patient.id, {"wbc": "5600", "platelets": "20 10^4/uL", "sodium": "1300 mmol/L"})
    assert set(shown.problems) == {"wbc", "sodium"} and set(shown.values) == {"platelets"}
    assert shown.problems["wbc"].code == "no_unit" and shown.problems["sodium"].code == "implausible"


def test_the_trend_is_in_the_sites_unit(store, people, patient):
    """Platelets typed as 152 ×10⁹/L and 9.5 ×10⁴/µL plot as 15.2 and 9.5 ×10⁴/µL (10⁴/µL = 10¹⁰/L),
    with JCCLS 158–348 ×10³/µL as 15.8–34.8 ×10⁴/µL."""
    labs.record_lab_set(store, people.nurse, patient.id, "2026-12-20", {"platelets": "152 10^9/L"})
    labs.record_lab_set(store, people.nurse, patient.id, "2026-12-22", {"platelets": "9.5 10^4/uL"})
    trend = labs.history(store, patient.id).trends["platelets"]
    assert trend.unit == "10^4/uL"
    assert [(p.sampled_on.day, p.value) for p in trend.points] == [(20, 15.2), (22, 9.5)]
    assert (trend.low, trend.high) == (15.8, 34.8)
