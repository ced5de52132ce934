"""Registering and editing patients (with their enrolment), search and the patient chart."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from nkdesk.domain import Actor, Patient, PatientChart, PatientSummary, Saved
from nkdesk.rules import dates
from nkdesk.rules.adverse_events import prompt_report_required
from nkdesk.rules.errors import InputError
from nkdesk.rules.protocol import DEFAULT_PROTOCOL
from nkdesk.storage import adverse_events as stored_adverse_events
from nkdesk.storage import drafts as stored_drafts
from nkdesk.storage import infusions as stored_infusions
from nkdesk.storage import patients as stored
from nkdesk.storage.reader import Reader

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

_INITIALS = re.compile(r"^[A-Za-z]{1,4}$")
EDITABLE = ("study_id", "initials", "birth_date", "sex", "hospital_id")


def create_patient(store: Store, actor: Actor, *, study_id: str, initials: str, birth_date: date | str | None = None,
                   sex: str | None = None, hospital_id: str | None = None, protocol_id: str = DEFAULT_PROTOCOL,
                   enrolled_on: date | None = None) -> Saved:
    """A new patient, enrolled in `protocol_id` as screening."""
    values = _validated({"study_id": study_id, "initials": initials, "birth_date": birth_date, "sex": sex,
                         "hospital_id": hospital_id})
    with store.write(actor, "patient.create") as tx:
        _unique_study_id(tx, str(values["study_id"]), None)
        pid = tx.insert("patients", values)
        if actor.id is not None:   # the new-patient dialog's draft is now this patient (issue 14)
            stored_drafts.clear_for_user_in(tx, actor.id, "patient_details")
        tx.insert("enrolments", {"patient_id": pid, "protocol_id": protocol_id, "status": "screening",
                                 "enrolled_on": enrolled_on})
    return Saved(stored.get(store, pid), tx.changes)


def edit_patient(store: Store, actor: Actor, patient_id: int, expected_version: int, *, reason: str | None = None,
                 **changes: object) -> Saved:
    """Change some of a patient's details; refused if someone saved the patient since it was loaded."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InputError(sorted(unknown)[0], "not a patient detail that can be edited", code="unknown_field")
    values = _validated(changes)
    with store.write(actor, "patient.edit", reason=reason) as tx:
        if "study_id" in values:
            _unique_study_id(tx, str(values["study_id"]), patient_id)
        tx.update("patients", patient_id, values, expected_version=expected_version)
        stored_drafts.clear_in(tx, patient_id, "patient_details")   # the edit dialog's draft (issue 14)
    return Saved(stored.get(store, patient_id), tx.changes)


def problems(store: Store, values: dict[str, object], patient_id: int | None = None) -> tuple[InputError, ...]:
    """Every problem with a patient's details as typed, all at once (a dialog shows them together
    and keeps what was typed); () when `create_patient`/`edit_patient` would accept them."""
    found: list[InputError] = []
    for name in EDITABLE:
        if name not in values:
            continue
        try:
            checked = _validated({name: values[name]})
        except InputError as exc:
            found.append(exc)
            continue
        if name == "study_id":
            try:
                _unique_study_id(store, str(checked["study_id"]), patient_id)
            except InputError as exc:
                found.append(exc)
    return tuple(found)


def search(store: Store, text: str, limit: int = 50) -> list[PatientSummary]:
    return stored.search(store, text, limit)


def roster(store: Store, today: date | None = None) -> list[PatientSummary]:
    """Every patient for the list (the window filters and sorts in memory), with the planned
    treatment events due `today` (the workstation's local day unless given) and overdue before it."""
    return stored.roster(store, today or date.today())


def chart(store: Store, patient_id: int) -> PatientChart | None:
    """Everything stored about the patient, in one consistent read."""
    return stored.chart(store, patient_id, report_rule=prompt_report_required)


# The parts of a chart that a save can change alone, by the tables that feed them (storage.patients
# .chart): a vital-sign set, its alerts and the fever proposals it refreshes. A save that touched
# only these tables (and the trail) is read back in part; any other table re-reads the whole chart.
CHART_PARTS: dict[str, frozenset[str]] = {
    "vital_sets": frozenset({"vital_sign_sets", "vital_alerts"}),
    "ae_proposals": frozenset({"ae_proposals"}),
}
NOT_IN_CHART = frozenset({"audit_log", "drafts"})


def chart_after(store: Store, previous: PatientChart, tables: frozenset[str]) -> PatientChart | None:
    """The patient's chart after a save that touched `tables`: the parts those tables feed read
    again (in one snapshot), everything else as `previous` holds it — a save changes no record
    of a table it did not touch; the whole chart (`chart`) when a table feeds more than a part.

    After a vital-sign save the window re-read the whole chart, 16 ms of a save's 25 (issue 11:
    screens refresh from what changed); its sets and proposals alone take a few rows."""
    touched = tables - NOT_IN_CHART
    if not touched or touched - frozenset().union(*CHART_PARTS.values()):
        return chart(store, previous.patient.id)
    patient_id = previous.patient.id
    vital_sets, proposals = previous.vital_sets, previous.ae_proposals
    with store.reading():
        if touched & CHART_PARTS["vital_sets"]:
            vital_sets = stored_infusions.patient_vital_sets(store, patient_id)
        if touched & CHART_PARTS["ae_proposals"]:
            proposals = stored_adverse_events.proposals(store, patient_id)
    return replace(previous, vital_sets=vital_sets, ae_proposals=proposals)


def by_study_id(store: Store, study_id: str) -> Patient | None:
    """The patient with this study ID, or None."""
    return stored.by_study_id(store, study_id)


def _validated(values: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip() or None
        if name == "study_id":
            if not value:
                raise InputError("study_id", "a study ID is needed", code="required")
            if not isinstance(value, str):
                raise InputError("study_id", f"expected text, got {value!r}", code="not_text")
        elif name == "initials":
            if not isinstance(value, str) or not _INITIALS.match(value):
                raise InputError("initials", "1 to 4 letters, e.g. TY", code="bad_initials")
            value = value.upper()
        elif name == "birth_date" and value is not None and not isinstance(value, date):
            value = dates.parse_date(value, "birth_date", typed=True)   # 1958-03-07 or 1958/3/7
        elif name == "sex" and value is not None:
            if str(value).upper() not in ("F", "M"):
                raise InputError("sex", "F or M", code="not_a_choice")
            value = str(value).upper()
        out[name] = value
    return out


def _unique_study_id(tx: Reader, study_id: str, patient_id: int | None) -> None:
    owner = stored.study_id_owner(tx, study_id)
    if owner is not None and owner != patient_id:
        raise InputError("study_id", f"{study_id} is already used by another patient", code="duplicate",
                         text=study_id)
