"""Stop rules: proposals, the investigator's signed decision, what discontinuation cancels and blocks,
and lifting a suspension — all in the audit trail."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import dosing, patients, stops, trail, treatment
from nkdesk.storage import records, signatures
from nkdesk.storage.errors import PermissionDenied, RuleViolation, TreatmentStopped
from tests.bedside import APHERESIS, INFUSION_DAY, treated_patient

DECIDED = APHERESIS + timedelta(days=5)     # after the apheresis, before the infusion (day 17)


@pytest.fixture
def treated(store, people, make_patient, contract_example):
    return treated_patient(store, people, make_patient, contract_example)


def test_a_proposal_is_decided_by_a_signed_discontinuation(store, people, treated):
    """Consent withdrawn: the nurse proposes; the investigator discontinues on it (signed); the proposal
    records the decision; the patient is discontinued."""
    patient, _cycle = treated
    proposal = stops.propose_stop(store, people.nurse, patient.id, "consent_withdrawn", "told the nurse").value
    assert (proposal.status, proposal.reason_code) == ("open", "consent_withdrawn")
    with pytest.raises(RuleViolation, match="open already"):
        stops.propose_stop(store, people.nurse, patient.id, "consent_withdrawn")
    with pytest.raises(PermissionDenied):
        treatment.decide_stop(store, people.nurse, patient.id, "discontinued", "consent_withdrawn", DECIDED,
                              people.password, proposal_id=proposal.id)
    stop = treatment.decide_stop(store, people.inv, patient.id, "discontinued", "consent_withdrawn", DECIDED,
                                 people.password, details="withdrew consent", proposal_id=proposal.id).value
    (decided,) = stops.stop_proposals(store, patient.id, status=None)
    assert (decided.status, decided.discontinuation_id) == ("decided", stop.id)
    check = signatures.current(store, "discontinuations", stop.id)
    assert check.valid and check.signature.meaning == "treatment discontinued"
    assert patients.search(store, patient.study_id)[0].state == "discontinued"


def test_discontinuation_cancels_later_events_and_blocks_dose_orders(store, people, treated, prescribe):
    """Events still planned from the decision day on are cancelled (the apheresis done before stays,
    and so do the steps due before the decision); unverified orders are cancelled; a new order is
    refused by the service and by the database."""
    patient, cycle = treated
    later = treatment.plan_calendar(store, people.nurse, patient.id, cycles=2).value[-1]   # adds cycle 2
    assert later.number == 2 and later.planned_apheresis_on == date(2027, 3, 1)   # 3 calendar months on
    order = prescribe(patient.id)
    treatment.decide_stop(store, people.inv, patient.id, "discontinued", "treatment_impossible", DECIDED,
                          people.password)
    events = records.events(store, patient.id)
    for event in events:
        if event.kind == "apheresis" and event.cycle_id == cycle.id:
            assert event.status == "done"
        elif event.planned_on >= DECIDED:
            assert event.status == "cancelled", event
        else:
            assert event.status == "planned", event    # G-CSF days and culture day 3, before the decision
    assert {e.status for e in events if e.cycle_id == later.id} == {"cancelled"}
    assert next(e for e in events if e.kind == "infusion" and e.cycle_id == cycle.id).planned_on == INFUSION_DAY
    assert {c.number: c.status for c in records.cycles(store, patient.id)} == {1: "in_progress", 2: "cancelled"}
    order = records.dose_order(store, order.id)
    assert (order.status, order.cancel_reason) == ("cancelled", "treatment discontinued")
    with pytest.raises(TreatmentStopped, match="discontinued"):
        prescribe(patient.id)
    with (
        pytest.raises(RuleViolation, match="refused by the database"),      # storage, around the service
        store.write(people.inv, "dose.prescribe") as tx,
    ):
        tx.insert("dose_orders", {"patient_id": patient.id, "order_json": {"daily_dose_ug": 1},
                                  "prescriber_id": people.inv.id})
    infusion = next(e for e in records.events(store, patient.id) if e.kind == "infusion" and e.cycle_id != later.id)
    cancelled = [e for e in trail.history(store, "treatment_events", infusion.id) if e.field == "status"]
    assert [(e.old, e.new, e.username) for e in cancelled] == [("planned", "cancelled", "inv")]


def test_a_prescribed_order_cannot_be_verified_while_suspended(store, people, treated, prescribe):
    """Suspended: the pharmacist's verification of an order already prescribed is refused."""
    patient, _cycle = treated
    prescribed = prescribe(patient.id)
    treatment.decide_stop(store, people.inv2, patient.id, "suspended", "adverse_event", DECIDED, people.password)
    with pytest.raises(TreatmentStopped, match="lift the suspension"):
        dosing.verify_order(store, people.pharm, prescribed.id, people.password, prescribed.version,
                            shown_hash=dosing.order_hash(store, prescribed.id))
    assert records.dose_order(store, prescribed.id).status == "prescribed"    # a suspension cancels nothing


def test_lifting_a_suspension(store, people, treated, prescribe):
    """A suspension is lifted by an investigator with a reason, signed; the patient is on treatment
    again and may have dose orders; both decisions stay in the trail."""
    patient, _cycle = treated
    stop = treatment.decide_stop(store, people.inv, patient.id, "suspended", "adverse_event", DECIDED,
                                 people.password, details="grade 3 nausea").value
    assert patients.search(store, patient.study_id)[0].state == "suspended"
    with pytest.raises(InputError):
        treatment.lift_suspension(store, people.inv, stop.id, DECIDED + timedelta(days=7), "", people.password)
    with pytest.raises(PermissionDenied):
        treatment.lift_suspension(store, people.nurse, stop.id, DECIDED + timedelta(days=7), "resolved",
                                  people.password)
    lifted = treatment.lift_suspension(store, people.inv, stop.id, DECIDED + timedelta(days=7),
                                       "nausea resolved to grade 1", people.password).value
    assert (lifted.discontinuation_id, lifted.reason) == (stop.id, "nausea resolved to grade 1")
    check = signatures.current(store, "suspension_lifts", lifted.id)
    assert check.valid and check.signature.meaning == "suspension lifted"
    assert patients.search(store, patient.study_id)[0].state == "on_treatment"
    assert prescribe(patient.id).status == "prescribed"
    statuses = [(e.old, e.new, e.reason) for e in trail.history(store, "enrolments", patients.chart(
        store, patient.id).enrolment.id) if e.field == "status"]
    assert statuses[-2:] == [("on_treatment", "suspended", "grade 3 nausea"),
                             ("suspended", "on_treatment", "nausea resolved to grade 1")]
    with pytest.raises(RuleViolation, match="lifted already"):
        treatment.lift_suspension(store, people.inv, stop.id, DECIDED + timedelta(days=8), "again", people.password)


def test_a_discontinuation_cannot_be_lifted_or_repeated(store, people, treated):
    """Discontinuation is final: no lifting, no second stop decision."""
    patient, _cycle = treated
    stop = treatment.decide_stop(store, people.inv, patient.id, "discontinued", "other", DECIDED, people.password).value
    with pytest.raises(RuleViolation):
        treatment.lift_suspension(store, people.inv, stop.id, DECIDED, "changed mind", people.password)
    with pytest.raises(RuleViolation, match="already discontinued"):
        treatment.decide_stop(store, people.inv, patient.id, "suspended", "other", DECIDED, people.password)


def test_a_suspended_patient_can_still_be_discontinued(store, people, treated):
    """A suspension may end in discontinuation (the investigator's second signed decision)."""
    patient, _cycle = treated
    treatment.decide_stop(store, people.inv, patient.id, "suspended", "adverse_event", DECIDED, people.password)
    treatment.decide_stop(store, people.inv, patient.id, "discontinued", "adverse_event",
                          DECIDED + timedelta(days=3), people.password)
    assert patients.search(store, patient.study_id)[0].state == "discontinued"


def test_dismissing_a_proposal_needs_an_investigator_and_a_reason(store, people, treated):
    """Treatment continues: the investigator says why; the proposal is closed, nothing else changes."""
    patient, _cycle = treated
    proposal = stops.propose_stop(store, people.nurse, patient.id, "treatment_impossible", "no venous access").value
    with pytest.raises(PermissionDenied):
        stops.dismiss_stop_proposal(store, people.nurse, proposal.id, "access found", proposal.version)
    with pytest.raises(InputError):
        stops.dismiss_stop_proposal(store, people.inv, proposal.id, "", proposal.version)
    dismissed = stops.dismiss_stop_proposal(store, people.inv, proposal.id, "central line placed",
                                            proposal.version).value
    assert (dismissed.status, dismissed.decision_note) == ("dismissed", "central line placed")
    assert patients.search(store, patient.study_id)[0].state == "on_treatment"


def test_nothing_is_recorded_as_happening_after_a_stop(store, people, treated):
    """After the suspension, an event is not recorded as done on or after its day; one done before it is."""
    patient, _cycle = treated
    treatment.decide_stop(store, people.inv, patient.id, "suspended", "adverse_event", DECIDED, people.password)
    infusion = next(e for e in records.events(store, patient.id) if e.kind == "infusion")
    with pytest.raises(TreatmentStopped):
        treatment.record_event(store, people.nurse, infusion.id, "done", infusion.version, actual_on=INFUSION_DAY)
    late_entry = treatment.record_event(store, people.nurse, infusion.id, "done", infusion.version,
                                        actual_on=DECIDED - timedelta(days=1), note="entered late").value
    assert late_entry.status == "done"
