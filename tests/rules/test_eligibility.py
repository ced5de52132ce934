"""jRCTb060200020 eligibility: every criterion met, not met, missing and on its boundary.

Criteria and cut-offs from Ohira M et al., BMJ Open 2022;12:e064526 ("Inclusion criteria",
"Exclusion criteria"), as summarised in ../shared/protocol.md; the platelet threshold is the
protocol parameter (default 100 × 10⁹/L, to be confirmed).
"""
from __future__ import annotations

import copy

import pytest

from nkdesk.rules import assessment, eligibility, protocol

JRCT = protocol.load("jRCTb060200020")
LEAVES = ["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "E1", "E2", "E3",
          "E4.i", "E4.ii", "E4.iii", "E4.iv", "E4.v", "E4.vi", "E4.vii", "E5", "E6"]


def run(data: dict) -> eligibility.EligibilityResult:
    return eligibility.evaluate(JRCT, assessment.parse(data, JRCT))


def changed(base: dict, **changes) -> dict:
    data = copy.deepcopy(base)
    for key, value in changes.items():
        if key.startswith("labs_"):
            data["labs"][key[5:]] = value
        else:
            data[key] = value
    return data


def without(base: dict, *paths: str) -> dict:
    data = copy.deepcopy(base)
    for path in paths:
        if path.startswith("labs."):
            data["labs"].pop(path[5:])
        else:
            data.pop(path)
    return data


def criterion(result, cid):
    return next(c for c in result.criteria if c.id == cid)


def test_contract_example_is_eligible(contract_example):
    """The example of ../shared/cli-contract.md is eligible, with every leaf criterion listed."""
    result = run(contract_example)
    assert result.eligible is True
    assert result.failed == [] and result.missing == [] and result.boundary == []
    assert [c.id for c in result.criteria] == LEAVES
    assert criterion(result, "I2").evidence == "age 66 y on 2026-11-21"


# --- yes/no findings: inclusion not met when false, exclusion applies when true
@pytest.mark.parametrize(("cid", "field", "failing_value"), [
    ("I1", "initial_hepatectomy_for_hcc", False), ("I4", "apheresis_access", False),
    ("I7", "r0_resection", False), ("I8", "informed_consent", False),
    ("E1", "other_malignancy", True), ("E2", "steroids_or_immunosuppressants", True),
    ("E3", "previous_hepatectomy", True), ("E4.i", "gcsf_allergy", True),
    ("E4.i", "pregnant_or_possibly_pregnant", True),
    ("E4.ii", "coronary_or_cerebrovascular_disease_within_6_months", True),
    ("E4.iii", "lung_disease_requiring_treatment", True), ("E4.iii", "renal_disease_requiring_treatment", True),
    ("E4.iv", "neurological_disorder", True), ("E4.v", "suspected_myeloproliferative_disorder", True),
    ("E4.vii", "interstitial_pneumonia_history", True), ("E5", "hospitalised_over_6_weeks_after_surgery", True),
    ("E6", "deemed_inappropriate", True),
])
def test_findings_fail_and_go_missing(contract_example, cid, field, failing_value):
    """A finding that fails makes the patient ineligible; an absent one makes the criterion undecided."""
    failed = run(changed(contract_example, **{field: failing_value}))
    assert failed.eligible is False and failed.failed == [cid]
    absent = run(without(contract_example, field))
    assert criterion(absent, cid).met is None
    assert absent.eligible is None and absent.missing == [field]


# --- I2: aged 20 to 79 in whole years on the assessment date
@pytest.mark.parametrize(("birth", "on", "met"), [
    ("2006-11-21", "2026-11-21", True),    # 20th birthday today
    ("2006-11-22", "2026-11-21", False),   # 20 tomorrow: 19 today
    ("1946-11-22", "2026-11-21", True),    # 80 tomorrow: still 79
    ("1946-11-21", "2026-11-21", False),   # 80 today
    ("2004-02-29", "2024-02-28", False),   # leap-day birth, 20th birthday not yet reached
    ("2004-02-29", "2024-02-29", True),
    ("2004-02-29", "2025-02-28", True),    # 21 not yet, but 20 already
])
def test_age_in_whole_years(contract_example, birth, on, met):
    """Age counts completed years; 29 February birthdays are reached on 1 March in common years."""
    result = run(changed(contract_example, birth_date=birth, assessment_date=on))
    assert criterion(result, "I2").met is met


@pytest.mark.parametrize(("birth", "on", "age"), [
    ("2004-02-29", "2025-02-28", 20),      # common year: the birthday is reached on 1 March
    ("2004-02-29", "2025-03-01", 21),
    ("2004-02-29", "2028-02-29", 24),
    ("1960-05-01", "2026-04-30", 65),
    ("1960-05-01", "2026-05-01", 66),
])
def test_age_in_years_around_birthdays(birth, on, age):
    """Completed years; a 29 February birthday counts from 1 March in common years."""
    from datetime import date

    from nkdesk.rules.criteria import age_in_years

    assert age_in_years(date.fromisoformat(birth), date.fromisoformat(on)) == age


@pytest.mark.parametrize("absent", [("birth_date",), ("assessment_date",), ("birth_date", "assessment_date")])
def test_age_missing_dates(contract_example, absent):
    """Without both dates the age criterion is undecided and names what is missing."""
    result = run(without(contract_example, *absent))
    assert criterion(result, "I2").met is None
    assert result.missing == list(absent)


# --- I3: Hb ≥ 100 g/L and platelets ≥ the threshold (default 100 × 10⁹/L), in every unit
@pytest.mark.parametrize(("hb", "met"), [
    ("10.0 g/dL", True), ("9.9 g/dL", False), ("100 g/L", True), ("99 g/L", False),
    ("6.206 mmol/L", True),   # = 10.0 g/dL at 0.6206 mmol/L per g/dL (IFCC/ICSH monomer)
    ("6.2 mmol/L", False),    # = 9.99 g/dL
])
def test_haemoglobin_threshold_in_each_unit(contract_example, hb, met):
    """Haemoglobin ≥ 100 g/L, whether typed in g/dL, g/L or mmol/L."""
    assert criterion(run(changed(contract_example, labs_hemoglobin=hb)), "I3").met is met


@pytest.mark.parametrize(("plt", "met"), [
    ("10 10^4/uL", True), ("9.9 10^4/uL", False), ("100 10^9/L", True), ("99 10^9/L", False),
    ("100000 /uL", True), ("99000 /uL", False), ("10.0 ×10⁴/µL", True),
])
def test_platelet_threshold_in_each_unit(contract_example, plt, met):
    """Platelets ≥ 100 × 10⁹/L (= 10 × 10⁴/µL = 100,000/µL)."""
    assert criterion(run(changed(contract_example, labs_platelets=plt)), "I3").met is met


def test_platelet_threshold_is_marked_to_be_confirmed(contract_example):
    """The platelet threshold is a protocol parameter flagged as an open point, shown in evidence."""
    assert JRCT.parameters["platelet_threshold"].to_be_confirmed
    assert "to be confirmed" in criterion(run(contract_example), "I3").evidence
    assert any("I3" in p.criteria for p in JRCT.open_points)


def test_haemoglobin_failure_shows_evidence(contract_example):
    """Evidence a human can read: the value, the relation and the cut-off."""
    result = run(changed(contract_example, labs_hemoglobin="98 g/L"))
    assert result.failed == ["I3"]
    assert "Hb 98 g/L < 100 g/L" in criterion(result, "I3").evidence


def test_i3_missing_lab_is_named(contract_example):
    """A missing platelet count leaves I3 undecided with labs.platelets missing."""
    result = run(without(contract_example, "labs.platelets"))
    assert criterion(result, "I3").met is None and result.missing == ["labs.platelets"]


def test_i3_decided_without_platelets_when_haemoglobin_fails(contract_example):
    """A failed haemoglobin already decides I3; the missing platelet count is not asked for."""
    result = run(changed(without(contract_example, "labs.platelets"), labs_hemoglobin="9 g/dL"))
    assert criterion(result, "I3").met is False and result.missing == []


# --- I5: three or more of AFP > 10 ng/mL, PIVKA-II > 360 mAU/mL, multiple tumours, CTC > 3
def i5_case(base, afp="25 ng/mL", pivka="420 mAU/mL", multiple=True, ctc=4):
    data = changed(base, labs_afp=afp, labs_pivka2=pivka, multiple_tumours=multiple, ctc_count=ctc)
    return criterion(run(data), "I5")


@pytest.mark.parametrize(("kwargs", "met"), [
    ({}, True),
    ({"afp": "5 ng/mL"}, True),                                # 3 of 4
    ({"afp": "5 ng/mL", "pivka": "100 mAU/mL"}, False),        # 2 of 4
    ({"multiple": False, "ctc": 2}, False),
    ({"afp": "5 ng/mL", "ctc": 3}, False),                     # CTC 3 is not > 3
])
def test_risk_factors_count(contract_example, kwargs, met):
    """At least three of the four risk factors."""
    assert i5_case(contract_example, **kwargs).met is met


@pytest.mark.parametrize(("field", "value", "unit_note"), [
    ("afp", "10 ng/mL", "ng/mL"),
    ("afp", "10 ug/L", "µg/L lands exactly on 10 ng/mL"),
    ("afp", "8.26446 IU/mL", "8.26446 IU/mL × 1.21 ng/IU = 10.0000 ng/mL at 6 s.f."),
    ("pivka", "360 mAU/mL", "mAU/mL"),
    ("ctc", 3, "count"),
])
def test_value_exactly_on_a_two_way_cut_off_is_a_boundary(contract_example, field, value, unit_note):
    """On the AFP, PIVKA-II or CTC cut-off: not met under the operative >, reported as boundary."""
    result = run(changed(contract_example, **{
        {"afp": "labs_afp", "pivka": "labs_pivka2", "ctc": "ctc_count"}[field]: value}))
    i5 = criterion(result, "I5")
    assert "I5" in result.boundary and i5.boundary
    assert "on the cut-off" in i5.evidence and "≥" in i5.evidence
    # one factor lost at the boundary still leaves 3 of 4: met whatever the boundary
    assert i5.met is True


def test_boundary_reported_even_when_it_decides_failure(contract_example):
    """A boundary value that makes I5 fail is still reported as boundary, with both readings."""
    result = run(changed(contract_example, labs_afp="10 ng/mL", multiple_tumours=False))
    assert result.failed == ["I5"] and result.boundary == ["I5"]


def test_afp_in_international_units(contract_example):
    """AFP in IU/mL converts at 1.21 ng/IU (WHO 72/225) before comparing with 10 ng/mL."""
    assert i5_case(contract_example, afp="9 IU/mL", pivka="100 mAU/mL").met is True     # 10.89 ng/mL
    assert i5_case(contract_example, afp="8 IU/mL", pivka="100 mAU/mL").met is False    # 9.68 ng/mL


def test_ctc_needed_only_when_the_others_do_not_decide(contract_example):
    """CTC is asked for only when the other three risk factors leave I5 open."""
    decided = run(without(contract_example, "ctc_count"))      # AFP, PIVKA, multiple: 3 of 4
    assert criterion(decided, "I5").met is True and decided.missing == []
    open_ = run(changed(without(contract_example, "ctc_count"), multiple_tumours=False))
    assert criterion(open_, "I5").met is None and open_.missing == ["ctc_count"]
    lost = run(changed(without(contract_example, "ctc_count"), multiple_tumours=False, labs_afp="1 ng/mL"))
    assert criterion(lost, "I5").met is False and lost.missing == []


# --- I6: ECOG 0 or 1
@pytest.mark.parametrize(("ps", "met"), [(0, True), (1, True), (2, False), (4, False)])
def test_performance_status(contract_example, ps, met):
    """Performance status 0 or 1."""
    assert criterion(run(changed(contract_example, performance_status=ps)), "I6").met is met


# --- E4.i pregnancy not asked of a man
def test_pregnancy_not_needed_for_a_man(contract_example):
    """Pregnancy is not needed when sex is M; it is for F."""
    man = run(changed(without(contract_example, "pregnant_or_possibly_pregnant"), sex="M"))
    assert criterion(man, "E4.i").met is False and man.missing == [] and man.eligible is True
    woman = run(without(contract_example, "pregnant_or_possibly_pregnant"))
    assert woman.missing == ["pregnant_or_possibly_pregnant"]


# --- E4.iii ejection fraction only with heart disease
@pytest.mark.parametrize(("ef", "applies"), [("24 %", True), ("25 %", False), ("60 %", False)])
def test_heart_disease_with_low_ejection_fraction(contract_example, ef, applies):
    """Heart disease excludes when EF < 25 %."""
    result = run(changed(contract_example, heart_disease=True, labs_ejection_fraction=ef))
    assert criterion(result, "E4.iii").met is applies


def test_ejection_fraction_needed_only_with_heart_disease(contract_example):
    """EF is missing only when heart disease is present."""
    no_heart = run(without(contract_example, "labs.ejection_fraction"))
    assert no_heart.eligible is True and no_heart.missing == []
    heart = run(changed(without(contract_example, "labs.ejection_fraction"), heart_disease=True))
    assert criterion(heart, "E4.iii").met is None and heart.missing == ["labs.ejection_fraction"]


# --- E4.vi leucocytes < 3 or > 10 × 10⁹/L
@pytest.mark.parametrize(("wbc", "applies"), [
    ("2999 /uL", True), ("3000 /uL", False), ("3.0 10^9/L", False), ("10.0 10^9/L", False),
    ("10001 /uL", True), ("10100 /mm3", True), ("2.9 x10^9/L", True),
])
def test_leucocytes_out_of_range(contract_example, wbc, applies):
    """Leucocytes below 3 or above 10 × 10⁹/L exclude; the ends themselves do not."""
    assert criterion(run(changed(contract_example, labs_wbc=wbc)), "E4.vi").met is applies


def test_british_lab_spellings(contract_example):
    """haemoglobin and leucocytes are accepted as lab keys."""
    data = copy.deepcopy(contract_example)
    data["labs"]["haemoglobin"] = data["labs"].pop("hemoglobin")
    data["labs"]["leucocytes"] = data["labs"].pop("wbc")
    assert run(data).eligible is True


def test_missing_reported_even_when_already_ineligible(contract_example):
    """missing lists what undecided criteria need even when the verdict is already false."""
    result = run(changed(without(contract_example, "labs.platelets"), informed_consent=False))
    assert result.eligible is False and result.failed == ["I8"] and result.missing == ["labs.platelets"]


def test_empty_assessment_names_every_needed_field():
    """With nothing entered, nothing is guessed: every criterion is undecided."""
    result = run({})
    assert result.eligible is None and result.failed == []
    assert all(c.met is None for c in result.criteria)
    assert "labs.hemoglobin" in result.missing and "informed_consent" in result.missing
    assert "ctc_count" in result.missing and "labs.ejection_fraction" not in result.missing
