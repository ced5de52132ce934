"""AEs proposed from lab results (JCCLS normal ranges by default) and from recorded temperatures."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nkdesk.rules import ae_proposals, units
from nkdesk.rules.ae_proposals import TemperatureReading
from nkdesk.rules.normal_ranges import normal_range


def _grades(proposals):
    return {p.term: p.result.grade for p in proposals}


@pytest.mark.parametrize(("labs", "sex", "expected"), [
    # JCCLS Hb F 11.6–14.8 g/dL: 10.5 is below LLN and ≥ 10.0 → Anemia grade 1 (CTCAE "<LLN - 10.0 g/dL").
    ({"hemoglobin": "10.5 g/dL"}, "F", {"Anemia": 1}),
    # JCCLS Hb M 13.7–16.8: 13.0 → grade 1; F: 13.0 is normal → nothing proposed.
    ({"hemoglobin": "13.0 g/dL"}, "M", {"Anemia": 1}),
    ({"hemoglobin": "13.0 g/dL"}, "F", {}),
    # Sex unknown: the LLN is unknown, but 9.0 g/dL is grade 2 whatever the LLN ("<10.0 - 8.0 g/dL").
    ({"hemoglobin": "9.0 g/dL"}, None, {"Anemia": 2}),
    ({"hemoglobin": "12.0 g/dL"}, None, {"Anemia": None}),
    # JCCLS ALT M 10–42, F 7–23 U/L: 30 U/L is grade 1 for a woman (> ULN), normal for a man.
    ({"alt": "30 U/L"}, "F", {"Alanine aminotransferase increased": 1}),
    ({"alt": "30 U/L"}, "M", {}),
    # JCCLS K 3.6–4.8 mmol/L: 5.0 → Hyperkalemia grade 1; 3.2 → Hypokalemia grade 1 (both directions checked).
    ({"potassium": "5.0 mmol/L"}, None, {"Hyperkalemia": 1}),
    ({"potassium": "3.2 mEq/L"}, None, {"Hypokalemia": 1}),
    # Na 127: 125–129 needs judgement (asymptomatic 2 / symptomatic 3).
    ({"sodium": "127 mmol/L"}, None, {"Hyponatremia": None}),
    # JCCLS platelets 158–348 ×10³/µL: 12.3 ×10⁴/µL = 123 ×10⁹/L → grade 1.
    ({"platelets": "12.3 10^4/uL"}, None, {"Platelet count decreased": 1}),
    # JCCLS WBC 3.3–8.6 ×10³/µL: 2800 /µL → White blood cell decreased grade 2 ("<3000 - 2000/mm3").
    ({"wbc": "2800 /uL"}, None, {"White blood cell decreased": 2}),
    # No JCCLS interval for neutrophils: 1.2 ×10⁹/L is grade 2 anyway; 2.0 needs the site's LLN.
    ({"neutrophils": "1.2 10^9/L"}, None, {"Neutrophil count decreased": 2}),
    ({"neutrophils": "2.0 10^9/L"}, None, {"Neutrophil count decreased": None}),
    # Calcium 7.5 mg/dL alone: Hypocalcemia grade 2; with albumin 2.0 g/dL it is 9.1 corrected → normal
    # (JCCLS Ca 8.8–10.1 mg/dL), and albumin 2.0 g/dL itself is Hypoalbuminemia grade 2 ("<3 - 2 g/dL").
    ({"calcium": "7.5 mg/dL"}, None, {"Hypocalcemia": 2}),
    ({"calcium": "7.5 mg/dL", "albumin": "2.0 g/dL"}, None, {"Hypoalbuminemia": 2}),
])
def test_lab_results_are_graded_against_site_ranges(labs, sex, expected):
    """Each result is graded with JCCLS limits; grades ≥ 1 and undecided grades are proposed."""
    assert _grades(ae_proposals.propose_from_labs(labs, sex=sex)) == expected


def test_site_ranges_replace_jccls():
    """A site's ALP range (JSCC method, 106–322 U/L) replaces the JCCLS IFCC default (38–113 U/L)."""
    site = {"alp": {"low": "106 U/L", "high": "322 U/L"}}
    # 250 U/L against ULN 113: > ULN and ≤ 2.5 × 113 = 282.5 → grade 1; against ULN 322: normal.
    assert _grades(ae_proposals.propose_from_labs({"alp": "250 U/L"})) == {"Alkaline phosphatase increased": 1}
    assert _grades(ae_proposals.propose_from_labs({"alp": "250 U/L"}, site_ranges=site)) == {}
    assert normal_range("alp", site_ranges=site).source == "site"


def test_abnormal_baseline_changes_liver_criteria():
    """AST 100 U/L with ULN 30: grade 2 from a normal baseline, grade 1 from a baseline of 60 (1.5–3.0 × baseline)."""
    assert _grades(ae_proposals.propose_from_labs({"ast": "100 U/L"})) == {"Aspartate aminotransferase increased": 2}
    with_baseline = ae_proposals.propose_from_labs({"ast": "100 U/L"}, baselines={"ast": "60 U/L"})
    assert _grades(with_baseline) == {"Aspartate aminotransferase increased": 1}


T0 = datetime(2026, 12, 18, 10, 0)


def _series(*pairs):
    return [TemperatureReading(T0 + timedelta(hours=h), units.parse(t, analyte="temperature")) for h, t in pairs]


def test_episodes_are_runs_of_readings_at_or_above_38():
    """Two febrile runs separated by a normal reading are two episodes, each graded by its peak."""
    episodes = ae_proposals.fever_episodes(_series(
        (0, "36.9 degC"), (1, "38.0 degC"), (2, "39.4 degC"), (3, "37.2 degC"), (5, "101.1 degF"), (6, "37.0 degC")))
    assert [len(e.readings) for e in episodes] == [2, 1]
    # 39.4 °C: ">39.0 - 40.0 degrees C" grade 2; 101.1 °F: "100.4 - 102.2 degrees F" grade 1
    assert [e.result.grade for e in episodes] == [2, 1]
    assert episodes[0].resolved_at == T0 + timedelta(hours=3)


@pytest.mark.parametrize(("series", "grade"), [
    # Above 40.0 °C from hour 1; next reading at or below 40.0 at hour 10: ≤ 24 h → grade 3.
    (((0, "38.5 degC"), (1, "40.3 degC"), (10, "39.0 degC"), (12, "37.0 degC")), 3),
    # Above 40.0 °C at hours 1 and 30: at least 29 h → grade 4 (">40.0 degrees C ... for >24 hrs").
    (((0, "38.5 degC"), (1, "40.3 degC"), (30, "40.2 degC"), (31, "38.0 degC"), (33, "36.9 degC")), 4),
    # One reading above 40.0 at hour 1, next reading (≤ 40.0) at hour 30: between 0 and 29 h → judgement.
    (((0, "38.5 degC"), (1, "40.3 degC"), (30, "38.2 degC"), (31, "36.9 degC")), None),
])
def test_fever_above_40_is_graded_by_its_duration(series, grade):
    """> 40.0 °C for ≤ 24 h is grade 3, > 24 h grade 4; readings that cannot tell need judgement."""
    (episode,) = ae_proposals.fever_episodes(_series(*series))
    assert episode.result.grade == grade
    if grade is None:
        assert episode.result.needs_judgement and episode.result.candidates == (3, 4)


def test_ongoing_episode_has_no_resolution():
    """Without a reading below 38.0 °C after it, the episode is ongoing, graded so far."""
    (episode,) = ae_proposals.fever_episodes(_series((0, "37.0 degC"), (2, "40.2 degC"), (4, "40.4 degC")))
    assert episode.ongoing and episode.result.grade == 3 and episode.above_40_h == (2.0, None)
