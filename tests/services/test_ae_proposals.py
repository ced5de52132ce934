"""Lab-based AE proposals: made for patients on treatment, with the site's ranges; AEs only once accepted."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from nkdesk.rules import ae_proposals as rules
from nkdesk.rules.errors import InputError
from nkdesk.services import adverse_events, ae_proposals, measurements, settings, trail
from nkdesk.storage.errors import RuleViolation
from tests.bedside import at_ward_time, treated_patient

SAMPLED = date(2026, 12, 20)


@pytest.fixture
def patient(store, people, make_patient, contract_example):
    return treated_patient(store, people, make_patient, contract_example)[0]


def labs(store, people, patient, values):
    return measurements.record_labs(store, people.nurse, patient.id, SAMPLED, values).value


def test_a_lab_value_of_a_patient_on_treatment_is_proposed_with_its_ctcae_grade(store, people, patient):
    """Platelets 6.0 × 10^4/µL = 60,000/mm³: CTCAE v5.0 "Platelet count decreased" grade 2
    (<75,000 – 50,000/mm³); the proposal is stored in the lab set's save, open, onset the sampling day."""
    lab_set = labs(store, people, patient, {"platelets": "6.0 10^4/uL", "wbc": "5.6 10^9/L"})
    (proposal,) = ae_proposals.proposals(store, patient.id)
    assert (proposal.kind, proposal.term, proposal.grade, proposal.value_text, proposal.status) == \
        ("lab", "Platelet count decreased", 2, "6.0 10^4/uL", "open")
    assert (proposal.source_table, proposal.source_id, proposal.onset) == \
        ("lab_sets", lab_set.id, datetime(2026, 12, 20))
    assert adverse_events.adverse_events(store, patient.id) == ()


def test_no_proposal_before_treatment(store, people, make_patient):
    """A screening patient's low platelets are an eligibility matter, not an AE: nothing proposed."""
    patient = make_patient()
    at_ward_time(store)
    labs(store, people, patient, {"platelets": "6.0 10^4/uL"})
    assert ae_proposals.proposals(store, patient.id, status=None) == ()


def test_the_sites_normal_ranges_are_used(store, people, patient):
    """WBC 3.8 × 10^9/L: above JCCLS's LLN (3.3) so no grade; with the site's LLN 4.0 it is CTCAE v5.0
    "White blood cell decreased" grade 1 (<LLN – 3000/mm³)."""
    labs(store, people, patient, {"wbc": "3.8 10^9/L"})
    assert ae_proposals.proposals(store, patient.id) == ()
    settings.change_settings(store, people.admin, {"lab_normal_ranges": {"wbc": {"low": "4.0 10^9/L",
                                                                                  "high": "9.0 10^9/L"}}})
    labs(store, people, patient, {"wbc": "3.8 10^9/L"})
    (proposal,) = ae_proposals.proposals(store, patient.id)
    assert (proposal.term, proposal.grade, proposal.range_source) == ("White blood cell decreased", 1, "site")


def test_accepting_makes_the_ae_and_is_audited(store, people, patient):
    """Accepted: an AE with the proposal's term, grade and onset, linked both ways; the decision is in
    the trail under the nurse; a second decision is refused."""
    labs(store, people, patient, {"platelets": "6.0 10^4/uL"})
    (proposal,) = ae_proposals.proposals(store, patient.id)
    event = ae_proposals.accept_proposal(store, people.nurse, proposal.id, proposal.version).value
    assert (event.term, event.grade, event.worst_grade, event.onset, event.source) == \
        ("Platelet count decreased", 2, 2, datetime(2026, 12, 20), "lab_proposal")
    assert event.extra["proposal_id"] == proposal.id
    (accepted,) = ae_proposals.proposals(store, patient.id, status="accepted")
    assert accepted.adverse_event_id == event.id
    decision = [e for e in trail.history(store, "ae_proposals", proposal.id) if e.field == "status"]
    assert [(e.old, e.new, e.username) for e in decision] == [("open", "accepted", "nurse")]
    with pytest.raises(RuleViolation):
        ae_proposals.dismiss_proposal(store, people.inv, proposal.id, accepted.version, "duplicate")


def test_dismissing_needs_a_reason(store, people, patient):
    """Dismissed with a reason (kept on the proposal and in the trail); no AE is made."""
    labs(store, people, patient, {"platelets": "6.0 10^4/uL"})
    (proposal,) = ae_proposals.proposals(store, patient.id)
    with pytest.raises(InputError):
        ae_proposals.dismiss_proposal(store, people.nurse, proposal.id, proposal.version, " ")
    dismissed = ae_proposals.dismiss_proposal(store, people.nurse, proposal.id, proposal.version,
                                              "clumped sample, repeat 15.0").value
    assert (dismissed.status, dismissed.decision_note) == ("dismissed", "clumped sample, repeat 15.0")
    assert adverse_events.adverse_events(store, patient.id) == ()


def test_a_grade_that_needs_judgement_is_chosen_when_accepting(store, people, patient):
    """Sodium 127 mmol/L: CTCAE v5.0 hyponatremia 125–129 is grade 2 if asymptomatic, 3 if symptomatic;
    accepting without a grade is refused, with the grade chosen it is accepted."""
    labs(store, people, patient, {"sodium": "127 mmol/L"})
    (proposal,) = ae_proposals.proposals(store, patient.id)
    assert (proposal.term, proposal.grade, proposal.result["candidates"]) == ("Hyponatremia", None, [2, 3])
    with pytest.raises(InputError) as caught:
        ae_proposals.accept_proposal(store, people.nurse, proposal.id, proposal.version)
    assert caught.value.field == "grade"
    chosen = ae_proposals.proposal_entry(proposal)
    event = ae_proposals.accept_proposal(store, people.nurse, proposal.id, proposal.version,
                                         replace(chosen, grade=2, worst_grade=2)).value
    assert event.grade == 2


def test_stored_proposals_give_back_the_rules_objects_as_graded(store, people, patient):
    """For the AE page: a stored lab proposal is the rules' LabProposal with the result as shown then."""
    labs(store, people, patient, {"platelets": "6.0 10^4/uL"})
    (proposal,) = ae_proposals.proposals(store, patient.id)
    back = ae_proposals.as_rules_proposal(proposal)
    assert isinstance(back, rules.LabProposal)
    assert (back.term, back.value.text, back.result.grade, back.result.to_json()) == \
        (proposal.term, "6.0 10^4/uL", 2, proposal.result)


def test_calcium_proposal_shows_measured_corrected_and_the_rule(store, people, patient):
    """Issue 13: Ca 6.8 mg/dL with albumin 3.0 g/dL. Japanese labelling (default): 6.8 + 1.0 × 1.0 =
    7.8 mg/dL → CTCAE v5.0 Hypocalcemia "<8.0 - 7.0 mg/dL" grade 2; with the site's Payne setting:
    6.8 + 0.8 × 1.0 = 7.6 mg/dL, also grade 2. The proposal's evidence names measured, corrected
    and the rule."""
    labs(store, people, patient, {"calcium": "6.8 mg/dL", "albumin": "3.0 g/dL"})
    proposal = next(p for p in ae_proposals.proposals(store, patient.id) if p.term == "Hypocalcemia")
    assert proposal.grade == 2
    assert proposal.result["correction"] == "jp" and proposal.result["corrected_value"] == pytest.approx(7.8)
    evidence = proposal.detail["calcium"]
    assert "6.8 mg/dL measured" in evidence and "7.8 mg/dL corrected" in evidence and "Japanese labelling" in evidence
    assert "7.8 mg/dL corrected" in ae_proposals.proposal_entry(proposal).comment
    settings.change_settings(store, people.admin, {"calcium_correction": "payne"})
    labs(store, people, patient, {"calcium": "6.8 mg/dL", "albumin": "3.0 g/dL"})
    payne = [p for p in ae_proposals.proposals(store, patient.id) if p.term == "Hypocalcemia"][-1]
    assert payne.result["correction"] == "payne" and payne.result["corrected_value"] == pytest.approx(7.6)


def test_ionised_calcium_is_graded_on_the_ionised_column(store, people, patient):
    """Ionised Ca 0.85 mmol/L: CTCAE v5.0 "Ionized calcium <0.9 - 0.8 mmol/L" → Hypocalcemia grade 3
    (no LLN needed at that level), never albumin-corrected."""
    labs(store, people, patient, {"ionized_calcium": "0.85 mmol/L", "albumin": "3.0 g/dL"})
    proposal = next(p for p in ae_proposals.proposals(store, patient.id) if p.term == "Hypocalcemia")
    assert (proposal.grade, proposal.analyte, proposal.result["ionized"], proposal.result["correction"]) == \
        (3, "ionized_calcium", True, None)


def test_accepting_for_a_term_with_an_open_ae_updates_its_grade_instead_of_adding_a_second(store, people, patient):
    """Issue 14: "accepting the fever proposal created a second Fever AE". Platelets 6.0 × 10^4/µL
    (CTCAE v5.0: <75,000–50,000/mm³ = grade 2) is accepted; a later 4.0 × 10^4/µL (<50,000–25,000 =
    grade 3) for the same, still open AE updates that AE — audited with the reason "proposal
    accepted" — and a later 7.0 × 10^4/µL (grade 2 again) does not lower its worst grade."""
    labs(store, people, patient, {"platelets": "6.0 10^4/uL"})
    (first,) = ae_proposals.proposals(store, patient.id)
    event = ae_proposals.accept_proposal(store, people.nurse, first.id, first.version).value
    measurements.record_labs(store, people.nurse, patient.id, date(2026, 12, 22), {"platelets": "4.0 10^4/uL"})
    (second,) = ae_proposals.proposals(store, patient.id)
    assert second.grade == 3
    updated = ae_proposals.accept_proposal(store, people.nurse, second.id, second.version).value
    assert updated.id == event.id and len(adverse_events.adverse_events(store, patient.id)) == 1
    assert (updated.grade, updated.worst_grade, updated.onset) == (3, 3, datetime(2026, 12, 20))
    assert updated.extra["proposal_ids"] == [first.id, second.id]
    change = [e for e in trail.history(store, "adverse_events", event.id) if e.field == "grade"]
    assert [(e.old, e.new, e.reason) for e in change][-1] == (2, 3, "proposal accepted")
    (accepted,) = [p for p in ae_proposals.proposals(store, patient.id, status="accepted") if p.id == second.id]
    assert accepted.adverse_event_id == event.id
    measurements.record_labs(store, people.nurse, patient.id, date(2026, 12, 24), {"platelets": "7.0 10^4/uL"})
    (third,) = ae_proposals.proposals(store, patient.id)
    again = ae_proposals.accept_proposal(store, people.nurse, third.id, third.version).value
    assert (again.id, again.grade, again.worst_grade) == (event.id, 2, 3)


def test_a_resolved_ae_of_the_same_term_is_not_reopened(store, people, patient):
    """An AE that has resolved (or ended as recovered) is history: a new proposal makes a new AE."""
    labs(store, people, patient, {"platelets": "6.0 10^4/uL"})
    (first,) = ae_proposals.proposals(store, patient.id)
    event = ae_proposals.accept_proposal(store, people.nurse, first.id, first.version).value
    ended = replace(adverse_events.as_entry(event), resolution=datetime(2026, 12, 21), outcome="recovered")
    adverse_events.edit_adverse_event(store, people.nurse, event.id, ended, event.version)
    measurements.record_labs(store, people.nurse, patient.id, date(2026, 12, 23), {"platelets": "6.0 10^4/uL"})
    (second,) = ae_proposals.proposals(store, patient.id)
    new = ae_proposals.accept_proposal(store, people.nurse, second.id, second.version).value
    assert new.id != event.id and len(adverse_events.adverse_events(store, patient.id)) == 2
