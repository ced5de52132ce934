"""Saving and signing eligibility assessments: inputs as entered, the engine's result, the state."""
from __future__ import annotations

from datetime import date

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


def _signed(store, people, make_patient, example):
    patient = make_patient()
    draft = eligibility.save_assessment(store, people.nurse, patient.id, example).value
    return patient, eligibility.sign_assessment(store, people.inv, draft.id, people.password, draft.version).value


def test_reopening_a_signed_assessment_is_one_save_with_a_reason(store, people, make_patient, contract_example):
    """Re-opening starts a new draft from the signed assessment's inputs, in one save carrying the
    reason; the signed assessment and its signature stay as they were."""
    from nkdesk.storage import signatures

    patient, signed = _signed(store, people, make_patient, contract_example)
    first_seq = store.scalar("SELECT count(*) FROM audit_log") + 1
    draft = eligibility.reopen_assessment(store, people.inv, signed.id, "CTC count re-read", signed.version).value
    assert (draft.status, draft.inputs["raw"], draft.id > signed.id) == ("draft", contract_example, True)
    assert records.assessment(store, signed.id) == signed
    assert signatures.current(store, "eligibility_assessments", signed.id).valid
    rows = store.rows("SELECT op, table_name, reason FROM audit_log WHERE seq >= ?", (first_seq,))
    assert [(r["op"], r["table_name"], r["reason"]) for r in rows] == [
        ("insert", "eligibility_assessments", "CTC count re-read")]


def test_reopening_is_refused_without_a_reason_from_a_stale_version_or_twice(store, people, make_patient,
                                                                            contract_example):
    """No reason, a version the user did not see, a draft, or a second re-opening (naming who
    re-opened it and when): each refused, nothing written."""
    from nkdesk.storage.errors import RuleViolation, StaleVersion

    patient, signed = _signed(store, people, make_patient, contract_example)
    before = list(store.conn.iterdump())
    with pytest.raises(InputError):
        eligibility.reopen_assessment(store, people.inv, signed.id, " ", signed.version)
    with pytest.raises(StaleVersion):
        eligibility.reopen_assessment(store, people.inv, signed.id, "why", signed.version - 1)
    assert list(store.conn.iterdump()) == before
    draft = eligibility.reopen_assessment(store, people.inv, signed.id, "first", signed.version).value
    with pytest.raises(RuleViolation, match=f"re-opened already by inv at .* \\(draft #{draft.id}\\)"):
        eligibility.reopen_assessment(store, people.inv, signed.id, "second", signed.version)
    with pytest.raises(RuleViolation, match="is a draft"):
        eligibility.reopen_assessment(store, people.inv, draft.id, "third", draft.version)


def test_a_nurse_cannot_reopen_what_an_investigator_signed(store, people, make_patient, contract_example):
    """Re-opening changes what an investigator signed: a research nurse is refused (the
    `assessment.amend` row of storage/roles.py: investigator only), nothing written."""
    from nkdesk.storage.errors import PermissionDenied

    patient, signed = _signed(store, people, make_patient, contract_example)
    before = list(store.conn.iterdump())
    with pytest.raises(PermissionDenied, match="may not change a signed eligibility assessment"):
        eligibility.reopen_assessment(store, people.nurse, signed.id, "CTC count re-read", signed.version)
    assert list(store.conn.iterdump()) == before


def test_a_real_save_removes_the_windows_draft_in_its_transaction(store, people, make_patient, contract_example):
    """What the window kept as a draft is not a record; saving the assessment for real writes the
    record with its audit row and removes the draft in the same transaction."""
    from nkdesk.services import drafts

    patient = make_patient()
    typed = dict(contract_example, ctc_count=4)
    drafts.keep(store, people.nurse, patient.id, "eligibility", typed)
    assert records.assessments(store, patient.id) == ()          # a draft is not an assessment
    saved = eligibility.save_assessment(store, people.nurse, patient.id, typed).value
    assert drafts.find(store, patient.id, "eligibility") is None
    assert saved.inputs["raw"] == typed and set(saved_tables(store)) >= {"eligibility_assessments"}


def saved_tables(store) -> list[str]:
    return [r["table_name"] for r in store.rows("SELECT table_name FROM audit_log")]


def test_signing_what_is_typed_is_one_transaction(store, people, make_patient, contract_example):
    """`sign_as_typed` writes and signs the typed inputs in one save and removes the draft; a wrong
    password writes no assessment and no signature (only the failed sign-in is counted) and leaves
    the draft as it was."""
    from nkdesk.services import drafts
    from nkdesk.storage import signatures

    patient = make_patient()
    drafts.keep(store, people.inv, patient.id, "eligibility", contract_example)
    kept = drafts.find(store, patient.id, "eligibility")
    with pytest.raises(Exception, match="password"):
        eligibility.sign_as_typed(store, people.inv, patient.id, contract_example, "wrong")
    assert records.assessments(store, patient.id) == ()
    assert store.scalar("SELECT count(*) FROM signatures") == 0
    assert drafts.find(store, patient.id, "eligibility") == kept
    signed = eligibility.sign_as_typed(store, people.inv, patient.id, contract_example, people.password).value
    assert (signed.status, signed.eligible, signed.inputs["raw"]) == ("signed", True, contract_example)
    assert signatures.current(store, "eligibility_assessments", signed.id).valid
    assert drafts.find(store, patient.id, "eligibility") is None


def test_signing_what_was_shown(store, people, make_patient, contract_example):
    """An investigator signing with the content hash of the assessment shown: refused when the draft
    was changed after it was shown (naming who), accepted when it was not."""
    from nkdesk.storage.errors import ChangedSinceShown

    patient = make_patient()
    draft = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    shown = eligibility.content_hash(store, draft.id)
    changed = eligibility.save_assessment(store, people.nurse, patient.id, dict(contract_example, ctc_count=5),
                                          assessment_id=draft.id, expected_version=draft.version).value
    with pytest.raises(ChangedSinceShown, match="changed by nurse"):
        eligibility.sign_assessment(store, people.inv, draft.id, people.password, changed.version, shown_hash=shown)
    signed = eligibility.sign_assessment(store, people.inv, draft.id, people.password, changed.version,
                                         shown_hash=eligibility.content_hash(store, draft.id)).value
    assert signed.status == "signed"


def test_changing_a_saved_assessment_needs_the_version_seen(store, people, make_patient, contract_example):
    """Editing a saved assessment without saying which version was seen is refused (never "whatever is stored")."""
    patient = make_patient()
    draft = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    with pytest.raises(InputError) as caught:
        eligibility.save_assessment(store, people.nurse, patient.id, contract_example, assessment_id=draft.id)
    assert caught.value.field == "expected_version"


def test_the_latest_lab_set_is_offered_as_entered_with_what_it_lacks():
    """labs_from_lab_set: the latest set by sampling date (the later record on the same day) that has a
    value for one of the assessment's lab fields; its texts exactly as entered; the fields it lacks."""
    from nkdesk.domain import LabResult, LabSet, RecordedQuantity
    from nkdesk.rules import protocol as protocols
    from nkdesk.services.eligibility import labs_from_lab_set

    def lab_set(set_id, day, **texts):
        results = tuple(LabResult(set_id * 10 + i, set_id, 1, analyte, RecordedQuantity(text, 0.0, "", 0.0, ""))
                        for i, (analyte, text) in enumerate(texts.items()))
        return LabSet(set_id, 1, day, "", results)

    chosen = protocols.load()
    older = lab_set(1, date(2026, 11, 2), platelets="20.0 10^4/uL", hemoglobin="12 g/dL")
    same_day_first = lab_set(2, date(2026, 11, 20), platelets="18.0 10^4/uL")
    same_day_later = lab_set(3, date(2026, 11, 20), platelets="15.2 10^4/uL", hemoglobin="131 g/L")
    only_sodium = lab_set(4, date(2026, 11, 25), sodium="140 mEq/L")     # nothing the assessment asks
    offer = labs_from_lab_set(chosen, [older, same_day_later, same_day_first, only_sodium])
    assert offer is not None
    assert (offer.lab_set_id, offer.sampled_on) == (3, date(2026, 11, 20))
    assert offer.texts == {"labs.platelets": "15.2 10^4/uL", "labs.hemoglobin": "131 g/L"}
    assert set(offer.absent) == {"labs.wbc", "labs.afp", "labs.pivka2", "labs.ejection_fraction"}
    assert labs_from_lab_set(chosen, [only_sodium]) is None
    assert labs_from_lab_set(chosen, []) is None
