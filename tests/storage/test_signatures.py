"""Electronic signatures: bound to content, re-signed on change, and the dose order's two people."""
from __future__ import annotations

import sqlite3

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import dosing, eligibility
from nkdesk.storage import audit, signatures
from nkdesk.storage.errors import PermissionDenied, RuleViolation, SignatureRequired

TABLE = "eligibility_assessments"


@pytest.fixture
def signed(store, people, make_patient, contract_example):
    patient = make_patient()
    draft = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    return eligibility.sign_assessment(store, people.inv, draft.id, people.password, draft.version).value


def test_signature_records_signer_time_meaning_content_and_chain_head(store, people, signed):
    """The signature names the signer, UTC and local time, workstation, meaning, the content hash
    and the audit chain's head before the signing save."""
    check = signatures.current(store, TABLE, signed.id)
    sig = check.signature
    assert check.valid
    assert (sig.signer_username, sig.signer_name, sig.signer_role) == ("inv", "Ivo Investigator", "investigator")
    assert sig.meaning == "eligibility confirmed"   # the contract example is eligible (cli-contract.md)
    assert sig.signed_at_utc.endswith("Z") and sig.workstation == store.workstation
    assert audit.hash_at(store.conn, sig.anchor_count) == sig.anchor_head
    assert sig.content_hash == signatures.content_hash(TABLE, signed.id, store.one(
        f"SELECT * FROM {TABLE} WHERE id = ?", (signed.id,)))


def test_edit_outside_nkdesk_visibly_breaks_the_signature(store, signed):
    """Changing the signed content behind NKDesk's back makes the signature show as not valid."""
    store.conn.execute(f"UPDATE {TABLE} SET inputs_json = replace(inputs_json, '\"4\"', '\"5\"')")
    store.conn.commit()
    assert not signatures.current(store, TABLE, signed.id).valid


def test_changing_a_signed_record_needs_a_reason(store, people, signed, contract_example):
    """Amending a signed assessment without a reason is refused, and nothing changes."""
    with pytest.raises(SignatureRequired, match="reason"):
        eligibility.save_assessment(store, people.inv, signed.patient_id, dict(contract_example, ctc_count=5),
                                    assessment_id=signed.id, expected_version=signed.version,
                                    password=people.password)
    assert signatures.current(store, TABLE, signed.id).valid


def test_changing_a_signed_record_needs_a_new_signature(store, people, signed):
    """Even with a reason, a content change with no new signature in the same save is rolled back."""
    with (
        pytest.raises(SignatureRequired, match="new signature"),
        store.write(people.inv, "assessment.amend", reason="typo") as tx,
    ):
        tx.update(TABLE, signed.id, {"inputs_json": {"raw": {}, "values": {}}}, expected_version=signed.version)
    assert signatures.current(store, TABLE, signed.id).valid


def test_amend_with_reason_and_password_signs_again(store, people, signed, contract_example):
    """An amendment with reason and password keeps the old signature (now not valid) and adds a valid one."""
    amended = eligibility.save_assessment(store, people.inv, signed.patient_id, dict(contract_example, ctc_count=5),
                                          assessment_id=signed.id, expected_version=signed.version,
                                          reason="CTC count corrected", password=people.password).value
    checks = signatures.checks_for(store, TABLE, [amended.id])
    assert [c.valid for c in checks] == [False, True]
    assert amended.inputs["values"]["ctc_count"]["value"] == 5


def test_signed_record_cannot_be_deleted(store, people, signed):
    """A signed record is never deleted."""
    with (
        pytest.raises(RuleViolation, match="signed"),
        store.write(people.inv, "assessment.amend", reason="duplicate") as tx,
    ):
        tx.delete(TABLE, signed.id, expected_version=signed.version)


def test_undecided_assessment_cannot_be_signed(store, people, make_patient, contract_example):
    """An assessment with missing inputs (verdict null) is not signed."""
    patient = make_patient()
    data = {k: v for k, v in contract_example.items() if k != "informed_consent"}
    draft = eligibility.save_assessment(store, people.nurse, patient.id, data).value
    assert draft.eligible is None
    with pytest.raises(RuleViolation, match="undecided"):
        eligibility.sign_assessment(store, people.inv, draft.id, people.password, draft.version)


@pytest.fixture
def prescribed(store, people, make_patient, prescribe):
    return prescribe(make_patient().id)


def shown(store, order) -> str:
    """The content hash of the order as the verifier's screen shows it."""
    return dosing.order_hash(store, order.id)


def test_prescriber_cannot_verify_own_order(store, people, prescribed):
    """The investigator who prescribed an order cannot also verify it."""
    with pytest.raises(PermissionDenied, match="prescriber"):
        dosing.verify_order(store, people.inv, prescribed.id, people.password, prescribed.version,
                            shown_hash=shown(store, prescribed))


def test_table_itself_refuses_prescriber_as_verifier(store, prescribed):
    """Even raw SQL cannot make the prescriber the verifier (a CHECK constraint)."""
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE dose_orders SET verifier_id = prescriber_id")


def test_second_person_verifies_and_both_signatures_stay_valid(store, people, prescribed):
    """A pharmacist verifies; the prescriber's and the verifier's signatures are both valid."""
    verified = dosing.verify_order(store, people.pharm, prescribed.id, people.password, prescribed.version,
                                   shown_hash=shown(store, prescribed)).value
    assert (verified.status, verified.verifier_id) == ("verified", people.pharm.id)
    checks = signatures.checks_for(store, "dose_orders", [verified.id])
    assert [(c.signature.meaning, c.valid) for c in checks] == [("dose prescribed", True), ("dose verified", True)]


def test_out_of_tolerance_plan_needs_a_pharmacist_and_a_decision(store, people, make_patient, prescribe,
                                                                out_of_tolerance):
    """A plan outside the tolerance is verified only by a pharmacist who writes the decision down."""
    order = prescribe(make_patient().id)
    assert order.order.needs_pharmacist_decision and order.order.delivered_ug == 600
    with pytest.raises(PermissionDenied, match="pharmacist"):
        dosing.verify_order(store, people.inv2, order.id, people.password, order.version,
                            shown_hash=shown(store, order))
    with pytest.raises(InputError, match="decision"):
        dosing.verify_order(store, people.pharm, order.id, people.password, order.version,
                            shown_hash=shown(store, order))
    done = dosing.verify_order(store, people.pharm, order.id, people.password, order.version,
                               decision_note="accept 600 µg: nearest stocked plan",
                               shown_hash=shown(store, order)).value
    assert done.status == "verified"
