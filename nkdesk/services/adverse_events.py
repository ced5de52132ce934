"""The adverse-event log: record and edit AEs, the investigator's judgement, the prompt report.

An entry is the rules' `AdverseEventEntry`, checked by `rules.adverse_events.check` (grades,
dates, ICH E2A criteria, vocabularies); a CTCAE term is stored under its CTCAE v5.0 name, a free
term as typed. Research nurses and investigators record and edit AEs; only an investigator sets
or changes seriousness, its criteria and the relationship to the cell product (the save is then
the action `ae.judge`, and storage itself refuses those fields to any other role). The worst grade
is never below the grade, and lowering it is a correction that needs a reason. Cycle and days
since infusion are filled in from the infusions when the entry leaves them empty (day 0 = the
infusion day). Every edit keeps its history in the audit trail.

A serious AE with death or (prolonged) hospitalisation makes the prompt report to the Committee
for Regenerative Medicine and the MHLW due (`AdverseEvent.report_due`, `reports_due`) until an
investigator records when it was made (`record_prompt_report`). An AE of grade 3 or more, a
serious one, or one whose action suspends or discontinues treatment raises a stop-rule proposal
(the protocol's "AE that makes continuation difficult"); the investigator decides.
"""
from __future__ import annotations

from datetime import datetime

from nkdesk.domain import Actor, AdverseEvent, Saved
from nkdesk.rules import adverse_events as rules
from nkdesk.rules import ctcae
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.rules.errors import InputError
from nkdesk.storage import adverse_events as stored
from nkdesk.storage import records
from nkdesk.storage.errors import RecordNotFound, RuleViolation

TABLE = "adverse_events"
STOPPING_ACTIONS = ("treatment_suspended", "treatment_discontinued")


def record_adverse_event(store, actor: Actor, patient_id: int, entry: AdverseEventEntry) -> Saved:
    """Log a new AE for the patient."""
    _values(entry)    # the entry's own problems first, whoever enters it
    judged = entry.serious or bool(entry.serious_criteria) or entry.relatedness is not None
    with store.write(actor, "ae.judge" if judged else "ae.record") as tx:
        if tx.row("patients", patient_id) is None:
            raise RecordNotFound(f"patient #{patient_id} does not exist")
        event_id = insert_entry(tx, patient_id, entry)
    return Saved(stored.event(store, event_id, rules.prompt_report_required), tx.changes)


def edit_adverse_event(store, actor: Actor, event_id: int, entry: AdverseEventEntry, expected_version: int, *,
                       reason: str | None = None) -> Saved:
    """Change a logged AE (grade as it evolves, resolution, outcome, judgement, …)."""
    current = stored.event(store, event_id, rules.prompt_report_required)
    if current is None:
        raise RecordNotFound(f"adverse event #{event_id} does not exist", table=TABLE, record_id=event_id)
    values = _values(entry)
    judged = (values["serious"] != current.serious or tuple(values["serious_criteria"]) != current.serious_criteria
              or values["relatedness"] != current.relatedness)
    if (current.worst_grade or 0) > (values["worst_grade"] or 0) and not (reason or "").strip():
        raise InputError("worst_grade", f"the highest grade so far was {current.worst_grade}: lowering it is a "
                                        "correction and needs a reason", code="reason_required")
    with store.write(actor, "ae.judge" if judged else "ae.record", reason=reason) as tx:
        _context(tx, current.patient_id, entry, values)
        stored.update_event(tx, event_id, values, expected_version=expected_version)
        _propose_stop(tx, current.patient_id, event_id, values)
    return Saved(stored.event(store, event_id, rules.prompt_report_required), tx.changes)


def record_prompt_report(store, actor: Actor, event_id: int, reported_at: datetime, expected_version: int,
                         note: str = "") -> Saved:
    """An investigator records when the prompt report was made (naive local time) and any note."""
    with store.write(actor, "ae.report") as tx:
        row = tx.row(TABLE, event_id)
        if row is None:
            raise RecordNotFound(f"adverse event #{event_id} does not exist", table=TABLE, record_id=event_id)
        if not stored.event_from_row(row, rules.prompt_report_required).report_required:
            raise RuleViolation("this AE needs no prompt report (only a serious AE with death or "
                                "hospitalisation does)")
        if reported_at < datetime.fromisoformat(row["onset"]):
            raise InputError("reported_at", "before the AE's onset", code="out_of_order")
        tx.update(TABLE, event_id, {"reported_at": reported_at, "reported_by": actor.id,
                                    "report_note": (note or "").strip()}, expected_version=expected_version)
    return Saved(stored.event(store, event_id, rules.prompt_report_required), tx.changes)


def adverse_events(store, patient_id: int) -> tuple[AdverseEvent, ...]:
    return stored.events(store, patient_id, rules.prompt_report_required)


def reports_due(store, patient_id: int | None = None) -> tuple[AdverseEvent, ...]:
    """AEs whose prompt report to the CRM and the MHLW is due and not yet recorded (the banner)."""
    found = (stored.events(store, patient_id, rules.prompt_report_required) if patient_id is not None
             else stored.all_events(store, rules.prompt_report_required))
    return tuple(e for e in found if e.report_due)


def as_entry(record) -> AdverseEventEntry:
    """The rules' AdverseEventEntry of a stored AE (for the AE page and dialog)."""
    return AdverseEventEntry(
        term=record.term, grade=record.grade, onset=record.onset, worst_grade=record.worst_grade,
        ctcae_term=record.ctcae_term, resolution=record.resolution, serious=record.serious,
        serious_criteria=record.serious_criteria, relatedness=record.relatedness, action=record.action,
        outcome=record.outcome, cycle=record.cycle, days_since_infusion=record.days_since_infusion,
        comment=record.comment, source=record.source, ctcae_version=record.ctcae_version,
        reported_at=record.reported_at, extra=dict(record.extra, adverse_event_id=record.id))


# ------------------------------------------------------------------------------ inside a save
def insert_entry(tx, patient_id: int, entry: AdverseEventEntry) -> int:
    """Check and insert one entry (also used when a proposal is accepted); returns the AE's id."""
    values = _values(entry)
    _context(tx, patient_id, entry, values)
    event_id = stored.insert_event(tx, {"patient_id": patient_id, **values})
    _propose_stop(tx, patient_id, event_id, values)
    return event_id


def _values(entry: AdverseEventEntry) -> dict:
    rules.check(entry)
    term = entry.term.strip()
    if entry.ctcae_term:
        found = ctcae.find_term(term)
        if found is None:
            raise InputError("term", f"'{term}' is not a CTCAE v5.0 term: log it as a free term", code="unknown_term")
        term = found.name
    grades = [g for g in (entry.grade, entry.worst_grade) if g is not None]
    extra = {k: v for k, v in (entry.extra or {}).items() if k != "adverse_event_id"}
    return {"term": term, "ctcae_term": entry.ctcae_term, "ctcae_version": entry.ctcae_version,
            "grade": entry.grade, "worst_grade": max(grades) if grades else None, "onset": entry.onset,
            "resolution": entry.resolution, "serious": entry.serious,
            "serious_criteria": [c for c in rules.SERIOUS_CRITERIA if c in entry.serious_criteria],
            "relatedness": entry.relatedness, "action": entry.action, "outcome": entry.outcome,
            "cycle": entry.cycle, "days_since_infusion": entry.days_since_infusion,
            "comment": entry.comment or "", "source": entry.source, "extra_json": extra}


def _context(tx, patient_id: int, entry: AdverseEventEntry, values: dict) -> None:
    """Fill the cycle and days since infusion from the patient's infusions when the entry has none."""
    if entry.cycle is not None and entry.days_since_infusion is not None:
        return
    given = records.infusion_days(tx, patient_id)
    onset_day = entry.onset.date()
    if entry.cycle is not None:
        day = given.get(entry.cycle)
    else:
        before = [(n, d) for n, d in given.items() if d <= onset_day]
        if not before:
            return
        values["cycle"], day = max(before, key=lambda item: item[1])
    if entry.days_since_infusion is None and day is not None:
        values["days_since_infusion"] = rules.days_since_infusion(entry.onset, day)


def _propose_stop(tx, patient_id: int, event_id: int, values: dict) -> None:
    """A stop proposal when this AE may make continuation difficult (once per trigger)."""
    reasons = []
    if (values["worst_grade"] or 0) >= 3:
        reasons.append(f"grade {values['worst_grade']}")
    if values["serious"]:
        reasons.append(f"serious ({', '.join(values['serious_criteria'])})")
    if values["action"] in STOPPING_ACTIONS:
        reasons.append(f"action: {values['action'].replace('_', ' ')}")
    if not reasons:
        return
    details = f"adverse event {values['term']}: " + "; ".join(reasons)
    raised = stored.stop_proposals_from(tx, patient_id, TABLE, event_id)
    if any(p.details == details for p in raised):
        return
    still_open = [p.id for p in raised if p.status == "open"]
    if still_open:
        tx.update("stop_proposals", still_open[-1], {"details": details}, expected_version=None)
    else:
        stored.insert_stop_proposal(tx, patient_id, "adverse_event", details, TABLE, event_id)
