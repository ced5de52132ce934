"""Saving an eligibility assessment (inputs as entered, the engine's result) and signing it.

The inputs are parsed and evaluated by the rules (`nkdesk.rules.assessment`, `eligibility`), never
here. What is stored: the input JSON as given, every parsed input with its original text (and, for
quantities, value, unit and the canonical value), and the engine's full result. An investigator
signs a decided result ("eligibility confirmed" / "ineligibility confirmed"), optionally bound to
the content hash of the assessment as shown; changing a signed assessment needs a reason and a new
signature, in one save. Re-opening a signed assessment (`reopen_assessment`, with a reason and
the investigator's `assessment.amend` permission) starts a new draft from its inputs in one save;
the signed one stays as it was.

What the window's user types is kept meanwhile as a draft (`services.drafts`, editor
"eligibility"), outside the audit trail; every real save here (`save_assessment`,
`sign_as_typed`) removes that draft in its own transaction, since the record now holds it.

A lab set recorded on the Labs tab need not be typed again: `labs_from_lab_set` offers the latest
set's values, as they were entered, for the assessment's lab fields (the window fills them and the
sampling date, and they are then checked like anything typed — the lab window included).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Actor, EligibilityAssessment, LabSet, Saved
from nkdesk.rules import assessment, eligibility, protocol, units
from nkdesk.rules.errors import InputError
from nkdesk.rules.quantities import recorded
from nkdesk.storage import drafts as stored_drafts
from nkdesk.storage import patients as stored_patients
from nkdesk.storage import records, signatures
from nkdesk.storage.errors import RecordNotFound, RuleViolation

if TYPE_CHECKING:
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction

MEANINGS = {True: "eligibility confirmed", False: "ineligibility confirmed"}
TABLE = "eligibility_assessments"
DRAFT_EDITOR = "eligibility"   # services.drafts: what the window keeps while the user types


@dataclass(frozen=True)
class LabsFromSet:
    """A recorded lab set offered to the assessment: its date and id, the texts as entered by field
    path ("labs.platelets": "15.2 10^4/uL"), and the assessment's lab fields the set has no value for."""

    lab_set_id: int
    sampled_on: date
    texts: dict[str, str]
    absent: tuple[str, ...]


def labs_from_lab_set(chosen: protocol.Protocol, lab_sets: Iterable[LabSet]) -> LabsFromSet | None:
    """The latest lab set (by sampling date, then the later record) with a value for at least one of
    the assessment's lab fields; None when the patient has none."""
    fields = {spec.analyte: path for path, spec in chosen.fields.items()
              if spec.type == "quantity" and spec.analyte and path.startswith("labs.")}
    useful = [s for s in lab_sets if any(result.analyte in fields for result in s.results)]
    if not useful:
        return None
    latest = max(useful, key=lambda s: (s.sampled_on, s.id))
    texts = {fields[r.analyte]: r.quantity.text for r in latest.results if r.analyte in fields}
    return LabsFromSet(latest.id, latest.sampled_on, texts,
                       tuple(path for path in fields.values() if path not in texts))


def evaluate(data: dict[str, Any], protocol_id: str | None = None, *, typed: bool = False
             ) -> tuple[protocol.Protocol, eligibility.EligibilityResult, dict[str, Any]]:
    """(protocol, result, stored values) for an assessment JSON; InputError for the first bad field.
    `typed`: typed in the window (dates also as 2026/3/7, 2026年3月7日, 令和8年3月7日)."""
    try:
        chosen = protocol.load(protocol_id or protocol.DEFAULT_PROTOCOL)
    except protocol.ProtocolError as exc:
        raise InputError("protocol", str(exc), code="unknown_protocol") from None
    parsed = assessment.parse(data, chosen, typed=typed)
    result = eligibility.evaluate(chosen, parsed)
    values = {
        "protocol_id": chosen.id,
        "assessed_on": parsed.get("assessment_date"),
        "inputs_json": {"raw": data, "values": {path: _input(v) for path, v in parsed.values.items()}},
        "result_json": result.to_json(chosen),
        "eligible": result.eligible,
    }
    return chosen, result, values


def _input(value: object) -> dict[str, Any]:
    if isinstance(value, units.Measured):
        q = recorded(value)
        return {"text": q.text, "value": q.value, "unit": q.unit, "canonical_value": q.canonical_value,
                "canonical_unit": q.canonical_unit}
    if isinstance(value, date):
        return {"text": value.isoformat(), "value": value.isoformat()}
    return {"text": json.dumps(value), "value": value}


def save_assessment(store: Store, actor: Actor, patient_id: int, data: dict[str, Any], *,
                    protocol_id: str | None = None, assessment_id: int | None = None,
                    expected_version: int | None = None, reason: str | None = None,
                    password: str | None = None) -> Saved:
    """Save a new assessment (draft), or change one (`assessment_id` with the `expected_version`
    the user saw): a draft freely, a signed one with a reason and the investigator's password (it
    is signed again in the same save)."""
    if assessment_id is not None and expected_version is None:
        raise InputError("expected_version", "changing a saved assessment needs the version you saw",
                         code="required")
    _chosen, result, values = evaluate(data, protocol_id, typed=True)
    if assessment_id is None:
        with store.write(actor, "assessment.save", reason=reason) as tx:
            _require_patient(tx, patient_id)
            assessment_id = tx.insert(TABLE, {"patient_id": patient_id, **values, "status": "draft"})
            stored_drafts.clear_in(tx, patient_id, DRAFT_EDITOR)
        return Saved(records.assessment(store, assessment_id), tx.changes)
    current = records.assessment(store, assessment_id)
    if current is None or current.patient_id != patient_id:
        raise RecordNotFound(f"assessment #{assessment_id} of patient #{patient_id} does not exist")
    signed = current.status == "signed"
    with store.write(actor, "assessment.amend" if signed else "assessment.save", reason=reason) as tx:
        tx.update(TABLE, assessment_id, values, expected_version=expected_version)
        if signed:
            _sign(tx, assessment_id, result.eligible, password, patient_id, values["protocol_id"])
        stored_drafts.clear_in(tx, patient_id, DRAFT_EDITOR)
    return Saved(records.assessment(store, assessment_id), tx.changes)


def sign_as_typed(store: Store, actor: Actor, patient_id: int, data: dict[str, Any], password: str, *,
                  assessment_id: int | None = None, expected_version: int | None = None,
                  protocol_id: str | None = None) -> Saved:
    """An investigator signs what is on screen: the inputs are evaluated here, written as the
    patient's assessment (a new one, or the unsigned `assessment_id` at `expected_version`) and
    signed, and the window's draft removed — one transaction, all or nothing (a wrong password
    leaves the database as it was and the draft in place)."""
    if assessment_id is not None and expected_version is None:
        raise InputError("expected_version", "changing a saved assessment needs the version you saw",
                         code="required")
    _chosen, result, values = evaluate(data, protocol_id, typed=True)
    with store.write(actor, "assessment.sign") as tx:
        _require_patient(tx, patient_id)
        if assessment_id is None:
            assessment_id = tx.insert(TABLE, {"patient_id": patient_id, **values, "status": "signed"})
        else:
            row = tx.row(TABLE, assessment_id)
            if row is None or row["patient_id"] != patient_id:
                raise RecordNotFound(f"assessment #{assessment_id} of patient #{patient_id} does not exist")
            if row["status"] == "signed":
                raise RuleViolation(f"assessment #{assessment_id} is signed already: re-open it with a reason",
                                    code="assessment_signed")
            tx.update(TABLE, assessment_id, {**values, "status": "signed"}, expected_version=expected_version)
        _sign(tx, assessment_id, result.eligible, password, patient_id, values["protocol_id"])
        stored_drafts.clear_in(tx, patient_id, DRAFT_EDITOR)
    return Saved(records.assessment(store, assessment_id), tx.changes)


def sign_assessment(store: Store, actor: Actor, assessment_id: int, password: str, expected_version: int, *,
                    shown_hash: str | None = None) -> Saved:
    """An investigator signs a draft assessment whose verdict is decided (nothing missing); with
    `shown_hash` (`content_hash` of the assessment shown), one that differs now is refused."""
    with store.write(actor, "assessment.sign") as tx:
        row = tx.row(TABLE, assessment_id)
        if row is None:
            raise RecordNotFound(f"assessment #{assessment_id} does not exist")
        if row["status"] == "signed":
            raise RuleViolation(f"assessment #{assessment_id} is signed already", code="assessment_signed")
        eligible = None if row["eligible"] is None else bool(row["eligible"])
        tx.update(TABLE, assessment_id, {"status": "signed"}, expected_version=expected_version)
        _sign(tx, assessment_id, eligible, password, row["patient_id"], row["protocol_id"], shown_hash)
    return Saved(records.assessment(store, assessment_id), tx.changes)


def reopen_assessment(store: Store, actor: Actor, assessment_id: int, reason: str, expected_version: int) -> Saved:
    """Re-open a signed assessment with a reason: a new draft from its inputs (evaluated by the
    rules), in one save. The signed assessment stays as signed; refused if it is not the patient's
    newest assessment any more (someone re-opened it already). Changing what an investigator
    signed is an investigator's decision: the action is `assessment.amend` (storage/roles.py)."""
    if not (reason or "").strip():
        raise InputError("reason", "re-opening a signed assessment needs a reason", code="required")
    with store.write(actor, "assessment.amend", reason=reason) as tx:
        signed = tx.check_version(TABLE, assessment_id, expected_version)
        if signed["status"] != "signed":
            raise RuleViolation(f"assessment #{assessment_id} is a draft: edit it, there is nothing to re-open",
                                code="assessment_draft")
        newer = [a for a in records.assessments(tx, signed["patient_id"]) if a.id > assessment_id]
        if newer:
            by, at = tx.last_change(TABLE, newer[-1].id)
            raise RuleViolation(f"assessment #{assessment_id} was re-opened already by {by} at {at} "
                                f"(draft #{newer[-1].id})", code="assessment_reopened", changed_by=by, changed_at=at)
        raw = json.loads(signed["inputs_json"]).get("raw", {})
        _chosen, _result, values = evaluate(raw, signed["protocol_id"], typed=True)
        new_id = tx.insert(TABLE, {"patient_id": signed["patient_id"], **values, "status": "draft"})
    return Saved(records.assessment(store, new_id), tx.changes)


def content_hash(store: Store, assessment_id: int) -> str | None:
    """The content hash of the assessment as stored now (what a signer is shown)."""
    return signatures.record_hash(store, TABLE, assessment_id)


def _sign(tx: Transaction, assessment_id: int, eligible: bool | None, password: str | None, patient_id: int,
          protocol_id: str, shown_hash: str | None = None) -> None:
    if eligible is None:
        raise RuleViolation("the verdict is undecided (inputs are missing): it cannot be signed yet",
                            code="verdict_undecided")
    tx.sign(TABLE, assessment_id, MEANINGS[eligible], password or "", shown_hash=shown_hash)
    for enrolment in stored_patients.enrolments(tx, patient_id, protocol_id=protocol_id):
        if enrolment.status in ("screening", "eligible", "screen_failed"):
            tx.update("enrolments", enrolment.id, {"status": "eligible" if eligible else "screen_failed"},
                      expected_version=None)


def _require_patient(tx: Transaction, patient_id: int) -> None:
    if tx.row("patients", patient_id) is None:
        raise RecordNotFound(f"patient #{patient_id} does not exist", table="patients", record_id=patient_id)


def latest_signed(store: Store, patient_id: int) -> EligibilityAssessment | None:
    """The newest signed assessment of a patient, or None."""
    signed = [a for a in records.assessments(store, patient_id) if a.status == "signed"]
    return signed[-1] if signed else None
