"""The engine is generic: a synthetic protocol with other fields, units and rules works the same."""
from __future__ import annotations

from pathlib import Path

import pytest

from nkdesk.rules import assessment, eligibility, protocol
from nkdesk.rules.errors import InputError

SYNTH = protocol.load_file(Path(__file__).parent.parent / "data" / "synthetic_protocol.toml")
BASE = {
    "visit_date": "2026-01-10", "dob": "1980-01-10", "gender": "X", "smoker": True, "diabetic": True,
    "karnofsky": 80, "labs": {"albumin": "38 g/L", "sodium": "140 mEq/L", "creatinine": "1.2 mg/dL"},
}


def run(**changes):
    data = {**BASE, **changes}
    return eligibility.evaluate(SYNTH, assessment.parse(data, SYNTH))


def test_synthetic_protocol_eligible():
    """All four criteria evaluate from the synthetic file's own fields and units."""
    result = run()
    assert result.eligible is True
    assert [c.id for c in result.criteria] == ["A1", "A2", "A3", "B1"]


@pytest.mark.parametrize(("changes", "failed"), [
    ({"labs": {**BASE["labs"], "albumin": "3.4 g/dL"}}, ["A1"]),           # below the parameter
    ({"dob": "1960-01-11"}, []),                                            # 65 the day before 66
    ({"dob": "1960-01-10"}, ["A2"]),                                        # 66
    ({"diabetic": False}, ["A3"]),                                          # 1 of 3
    ({"labs": {**BASE["labs"], "creatinine": "133 umol/L"}}, ["B1"]),       # 1.50 mg/dL? 133/88.4=1.5045 > 1.5
])
def test_synthetic_criteria_fail_as_written(changes, failed):
    """Each synthetic criterion fails on its own terms."""
    assert run(**changes).failed == failed


def test_synthetic_boundary_and_conditional():
    """Boundary and 'needed only when' work for a protocol the engine has never seen."""
    at_cut = run(labs={**BASE["labs"], "sodium": "135 mmol/L"}, karnofsky=90)
    assert at_cut.boundary == ["A3"]
    no_cre = {k: v for k, v in BASE["labs"].items() if k != "creatinine"}
    assert run(labs=no_cre).missing == ["labs.creatinine"]
    assert run(labs=no_cre, smoker=False).missing == []
    not_needed = {k: v for k, v in BASE.items() if k != "smoker"}
    result = eligibility.evaluate(SYNTH, assessment.parse({**not_needed, "gender": "Y", "labs": no_cre}, SYNTH))
    assert result.missing == [] and result.eligible is True


def test_synthetic_fields_are_its_own():
    """A jRCTb060200020 field is unknown to the synthetic protocol, and the other way round."""
    with pytest.raises(InputError, match="unknown field"):
        assessment.parse({**BASE, "informed_consent": True}, SYNTH)
    with pytest.raises(InputError, match="unknown field"):
        assessment.parse({"smoker": True}, protocol.load("jRCTb060200020"))


@pytest.mark.parametrize("rule", [
    {"finding": "a", "compare": "b"},                 # two forms
    {"nonsense": 1},                                  # no form
    {"compare": "labs.sodium", "op": "~", "limit": "1 mmol/L"},
    {"compare": "labs.sodium", "op": ">", "parameter": "nope"},
])
def test_malformed_rules_are_protocol_errors(rule):
    """A rule the engine cannot read is a fault in the protocol file, caught when compiling."""
    from nkdesk.rules.criteria import compile_rule

    with pytest.raises(protocol.ProtocolError):
        compile_rule(rule, SYNTH)


def test_shipped_protocol_ids():
    """The default protocol ships, and an unknown id is a clear error."""
    assert "jRCTb060200020" in protocol.protocol_ids()
    with pytest.raises(protocol.ProtocolError, match="unknown protocol"):
        protocol.load("nope")
