"""ASTCT CRS grade proposals, cases from Lee DW et al., Biol Blood Marrow Transplant 2019;25:625–638.

The ASTCT table: fever ≥ 38 °C with grade 1 no hypotension, no hypoxia; grade 2 hypotension not
requiring vasopressors and/or hypoxia requiring low-flow nasal cannula (≤ 6 L/min) or blow-by;
grade 3 a vasopressor with or without vasopressin and/or high-flow nasal cannula (> 6 L/min),
facemask, non-rebreather mask or Venturi mask; grade 4 multiple vasopressors (excluding
vasopressin) and/or positive pressure (CPAP, BiPAP, intubation and mechanical ventilation).
The grade is driven by the more severe of hypotension and hypoxia.
"""
from __future__ import annotations

import pytest

from nkdesk.rules import crs, units, vitals
from nkdesk.rules.errors import InputError


@pytest.mark.parametrize(("kwargs", "grade"), [
    ({"temperature_c": 38.0}, 1),                                                     # fever alone
    ({"temperature_c": 39.2}, 1),
    ({"temperature_c": 38.5, "hypotension": True}, 2),                                # no vasopressor
    ({"temperature_c": 38.5, "oxygen_device": "nasal_cannula", "o2_flow_l_min": 2}, 2),
    ({"temperature_c": 38.5, "oxygen_device": "nasal_cannula", "o2_flow_l_min": 6}, 2),   # ≤ 6 L/min is low flow
    ({"temperature_c": 38.5, "oxygen_device": "nasal_cannula", "o2_flow_l_min": 6.5}, 3),  # > 6 L/min is high flow
    ({"temperature_c": 38.5, "oxygen_device": "blow_by"}, 2),
    ({"temperature_c": 38.5, "oxygen_device": "high_flow_nasal_cannula", "o2_flow_l_min": 30}, 3),
    ({"temperature_c": 38.5, "oxygen_device": "face_mask", "o2_flow_l_min": 5}, 3),
    ({"temperature_c": 38.5, "oxygen_device": "non_rebreather_mask", "o2_flow_l_min": 15}, 3),
    ({"temperature_c": 38.5, "oxygen_device": "venturi_mask", "o2_flow_l_min": 8}, 3),
    ({"temperature_c": 38.5, "hypotension": True, "vasopressors": 1}, 3),           # a vasopressor
    ({"temperature_c": 38.5, "hypotension": True, "vasopressors": 2}, 4),           # multiple vasopressors
    ({"temperature_c": 38.5, "oxygen_device": "cpap"}, 4),
    ({"temperature_c": 38.5, "oxygen_device": "bipap"}, 4),
    ({"temperature_c": 38.5, "oxygen_device": "mechanical_ventilation"}, 4),
    # Lee 2019's worked example: "a patient with temperature of 39.5°C, hypotension requiring 1
    # vasopressor, and hypoxia requiring low-flow nasal cannula is classified as grade 3 CRS".
    ({"temperature_c": 39.5, "hypotension": True, "vasopressors": 1,
      "oxygen_device": "nasal_cannula", "o2_flow_l_min": 3}, 3),
    # The more severe event drives the grade: hypotension without pressor (2) + positive pressure (4).
    ({"temperature_c": 38.5, "hypotension": True, "oxygen_device": "bipap"}, 4),
    # No fever: not CRS by ASTCT criteria ...
    ({"temperature_c": 37.9, "hypotension": True}, 0),
    ({"temperature_c": None, "oxygen_device": "face_mask"}, 0),
    # ... unless antipyretic or anticytokine therapy has begun: then hypotension and hypoxia grade it.
    ({"temperature_c": 37.0, "fever_masked": True, "oxygen_device": "nasal_cannula", "o2_flow_l_min": 3}, 2),
    ({"temperature_c": 36.8, "fever_masked": True, "vasopressors": 1, "hypotension": True}, 3),
])
def test_astct_grade(kwargs, grade):
    """The proposed grade follows the ASTCT consensus table (Lee 2019)."""
    kwargs.setdefault("hypotension", False)
    proposal = crs.propose(**kwargs)
    assert proposal.grade == grade
    assert "attributable to any other cause" in proposal.note   # always for the investigator to confirm


def test_nasal_cannula_needs_its_flow():
    """Low or high flow decides grade 2 or 3: without the flow there is no proposal."""
    with pytest.raises(InputError) as caught:
        crs.propose(temperature_c=38.5, hypotension=False, oxygen_device="nasal_cannula")
    assert caught.value.field == "o2_flow_l_min"


def test_proposal_from_a_recorded_set():
    """From vital signs: 101.3 °F (38.5 °C), systolic 86 mmHg without pressors, 2 L/min cannula → grade 2."""
    vs = vitals.VitalSigns(systolic_mmhg=86, temperature=units.parse("101.3 degF", analyte="temperature"),
                           oxygen=vitals.Oxygen("nasal_cannula", 2.0))
    proposal = crs.propose_from_vitals(vs)
    assert (proposal.grade, proposal.fever, proposal.hypotension_grade, proposal.hypoxia_grade) == (2, True, 2, 2)


# Issue 13. Lee DW et al. Biol Blood Marrow Transplant 2019;25:625, ASTCT CRS consensus grading:
# grade 3 "Requiring a vasopressor with or without vasopressin"; grade 4 "Requiring multiple
# vasopressors (excluding vasopressin)". Footnotes: "Low-flow nasal cannula is defined as oxygen
# delivered at ≤6 L/minute … High-flow nasal cannula is defined as oxygen delivered at >6 L/minute."
@pytest.mark.parametrize(("kwargs", "grade", "reading"), [
    ({"vasopressin": True}, 3, True),                          # vasopressin alone: NKDesk's reading, shown
    ({"vasopressors": 1, "vasopressin": True}, 3, False),      # "a vasopressor with … vasopressin"
    ({"vasopressors": 1}, 3, False),                           # "… or without vasopressin"
    ({"vasopressors": 2}, 4, False),                           # multiple vasopressors
    ({"vasopressors": 2, "vasopressin": True}, 4, False),
])
def test_vasopressin_counts_for_grade_3_not_for_multiple(kwargs, grade, reading):
    proposal = crs.propose(temperature_c=38.6, hypotension=True, **kwargs)
    assert proposal.grade == grade
    assert bool(proposal.readings) is reading
    if reading:
        assert "NKDesk's reading" in proposal.readings[0]
        assert proposal.to_json()["readings"] == list(proposal.readings)


@pytest.mark.parametrize(("device", "flow", "grade"), [
    ("nasal_cannula", 6, 2),                 # ≤ 6 L/min: low flow
    ("nasal_cannula", 6.5, 3),               # > 6 L/min: high flow, whatever the cannula is called
    ("high_flow_nasal_cannula", 4, 2),       # a high-flow cannula run at 4 L/min is low flow
    ("high_flow_nasal_cannula", 40, 3),
    ("blow_by", None, 2),
    ("face_mask", 5, 3),                     # facemask: grade 3
    ("venturi_mask", None, 3),
    ("non_rebreather_mask", 15, 3),
    ("cpap", None, 4),                       # positive pressure
    ("bipap", None, 4),
    ("mechanical_ventilation", None, 4),
])
def test_hypoxia_from_flow_and_device(device, flow, grade):
    proposal = crs.propose(temperature_c=38.6, hypotension=False, oxygen_device=device, o2_flow_l_min=flow)
    assert (proposal.hypoxia_grade, proposal.grade) == (grade, grade)


@pytest.mark.parametrize("device", ["nasal_cannula", "high_flow_nasal_cannula"])
def test_a_cannula_without_its_flow_is_not_graded(device):
    with pytest.raises(InputError) as caught:
        crs.propose(temperature_c=38.6, hypotension=False, oxygen_device=device)
    assert caught.value.field == "o2_flow_l_min"


def test_vasopressin_recorded_with_the_vital_signs():
    signs = vitals.from_entry({"temperature": "38.7 degC", "systolic_mmhg": 84, "vasopressin": True})
    assert crs.propose_from_vitals(signs).grade == 3
