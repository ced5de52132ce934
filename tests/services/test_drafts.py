"""Drafts keep what was typed outside the audit trail (issue 14: "Drafts … in a drafts table: not
in the audit trail"); a discard is an audited event naming who, what was typed and why."""
from __future__ import annotations

import json

import pytest

from nkdesk.services import drafts
from nkdesk.services.errors import InputError, StorageError


def _audit_rows(store) -> int:
    return store.scalar("SELECT count(*) FROM audit_log")


def test_a_kept_draft_is_found_again_and_replaced_not_audited(store, people, make_patient):
    patient = make_patient()
    before = _audit_rows(store)
    drafts.keep(store, people.nurse, patient.id, "vitals_row", {"pulse": "8"}, key="15 min")
    drafts.keep(store, people.nurse, patient.id, "vitals_row", {"pulse": "88"}, key="15 min")
    found = drafts.find(store, patient.id, "vitals_row", "15 min")
    assert found is not None and found.payload == {"pulse": "88"} and found.user_id == people.nurse.id
    assert [d.key for d in drafts.pending(store, patient.id)] == ["15 min"]
    assert _audit_rows(store) == before


def test_a_draft_survives_closing_the_file(store, people, make_patient, db_path):
    from nkdesk.storage.database import open_database

    patient = make_patient()
    drafts.keep(store, people.nurse, patient.id, "eligibility", {"age": "66"})
    with open_database(db_path) as other:   # a second connection: the draft was committed
        assert drafts.find(other, patient.id, "eligibility").payload == {"age": "66"}


def test_discarding_is_audited_with_what_was_typed_and_why(store, people, make_patient):
    patient = make_patient()
    drafts.keep(store, people.nurse, patient.id, "adverse_event", {"term": "Fever"}, key="new")
    saved = drafts.discard(store, people.nurse, patient.id, "adverse_event", "entered on the wrong patient",
                           key="new")
    assert saved.value is True and patient.id in saved.changes.patient_ids
    assert drafts.find(store, patient.id, "adverse_event", "new") is None
    row = store.one("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")
    assert row["table_name"] == "drafts" and json.loads(row["old_value"]) == {"term": "Fever"}
    assert row["reason"] == "entered on the wrong patient" and row["username"] == "nurse"


def test_a_discard_needs_a_reason_and_an_unknown_editor_is_refused(store, people, make_patient):
    patient = make_patient()
    with pytest.raises(InputError):
        drafts.discard(store, people.nurse, patient.id, "eligibility", "  ")
    with pytest.raises(InputError):
        drafts.keep(store, people.nurse, patient.id, "scratchpad", {})


def test_a_constructed_actor_cannot_keep_a_draft(store, people, make_patient):
    from dataclasses import replace

    patient = make_patient()
    with pytest.raises(StorageError):
        drafts.keep(store, replace(people.nurse), patient.id, "eligibility", {"age": "66"})


def test_a_file_with_drafts_and_a_discard_verifies_clean(store, people, make_patient, db_path):
    """Drafts are deliberately outside the trail: `verify` must not report them as written outside NKDesk."""
    from nkdesk.storage import verify

    patient = make_patient()
    drafts.keep(store, people.nurse, patient.id, "eligibility", {"age": "66"})
    drafts.keep(store, people.nurse, patient.id, "vitals_row", {"pulse": "88"}, key="15")
    drafts.discard(store, people.nurse, patient.id, "vitals_row", "typed on the wrong row", key="15")
    report = verify.verify(db_path)
    assert report.ok, report.problems
