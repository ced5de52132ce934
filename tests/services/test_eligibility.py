"""Saving and signing eligibility assessments: inputs as entered, the engine's result, the state."""
from __future__ import annotations

import pytest

from nkdesk.rules import assessment, protocol
from nkdesk.rules import eligibility as engine
from nkdesk.rules.errors import InputError
from nkdesk.services import eligibility, patients
from nkdesk.storage import records


def test_stored_assessment_keeps_every_input_and_the_engines_result(store, people, make_patient,
                                                                    contract_example):
    """The stored assessment holds the JSON as given, each input's text (quantities with value, unit
    and canonical value), and exactly the result the engine gives for those inputs."""
    patient = make_patient()
    saved = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    stored = records.assessment(store, saved.id)
    assert stored.inputs["raw"] == contract_example
    platelets = stored.inputs["values"]["labs.platelets"]
    assert (platelets["text"], platelets["unit"], platelets["canonical_unit"]) == ("15.2 10^4/uL", "10^4/uL", "10^9/L")
    assert platelets["canonical_value"] == pytest.approx(152.0)   # 15.2 × 10^4/µL = 152 × 10^9/L
    chosen = protocol.load()
    expected = engine.evaluate(chosen, assessment.parse(contract_example, chosen)).to_json(chosen)
    assert stored.result == expected
    assert stored.eligible is True and stored.status == "draft"   # eligible: cli-contract.md's example


def test_bad_input_is_refused_naming_the_field(store, people, make_patient, contract_example):
    """An input without a unit is an InputError for that field; no assessment is stored."""
    patient = make_patient()
    data = dict(contract_example, labs=dict(contract_example["labs"], platelets="15.2"))
    with pytest.raises(InputError) as caught:
        eligibility.save_assessment(store, people.nurse, patient.id, data)
    assert caught.value.field == "labs.platelets"
    assert records.assessments(store, patient.id) == ()


@pytest.mark.parametrize("platelets, eligible, status, state", [
    ("15.2 10^4/uL", True, "eligible", "eligible_awaiting_dose"),
    # 8.1 × 10^4/µL = 81 × 10^9/L, under the 100 × 10^9/L threshold of I3 (protocol.md)
    ("8.1 10^4/uL", False, "screen_failed", "screen_failed"),
])
def test_signing_moves_the_enrolment_on(store, people, make_patient, contract_example, platelets, eligible,
                                        status, state):
    """Signing a decided verdict sets the enrolment to eligible or screen-failed."""
    patient = make_patient()
    data = dict(contract_example, labs=dict(contract_example["labs"], platelets=platelets))
    draft = eligibility.save_assessment(store, people.nurse, patient.id, data).value
    signed = eligibility.sign_assessment(store, people.inv, draft.id, people.password, draft.version).value
    chart = patients.chart(store, patient.id)
    assert (signed.eligible, signed.status) == (eligible, "signed")
    assert (chart.enrolment.status, chart.state) == (status, state)
    assert [c.valid for c in chart.signatures] == [True]


def test_draft_can_be_changed_freely_but_not_from_a_stale_version(store, people, make_patient, contract_example):
    """A draft is re-saved with its version; saving from an older version is refused."""
    from nkdesk.storage.errors import StaleVersion

    patient = make_patient()
    draft = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    changed = eligibility.save_assessment(store, people.nurse, patient.id, dict(contract_example, ctc_count=6),
                                          assessment_id=draft.id, expected_version=draft.version).value
    assert changed.inputs["values"]["ctc_count"]["value"] == 6
    with pytest.raises(StaleVersion):
        eligibility.save_assessment(store, people.inv, patient.id, contract_example, assessment_id=draft.id,
                                    expected_version=draft.version)
