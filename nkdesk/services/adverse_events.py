"""The adverse-event log: record and edit AEs, the investigator's judgement, the prompt report.

An entry is the rules' `AdverseEventEntry`, checked by `rules.adverse_events.check` (grades,
dates, ICH E2A criteria, vocabularies); a CTCAE term is stored under its CTCAE v5.0 name, a free
term as typed. Research nurses and investigators record and edit AEs; only an investigator sets
or changes seriousness, its criteria and the relationship to the cell product (the save is then
the action `ae.judge`, and storage itself refuses those fields to any other role). The worst grade
is never below the grade, and lowering it is a correction that needs a reason. Cycle and days
since infusion are filled in from the infusions when the entry leaves them empty (day 0 = the
infusion day). Every edit keeps its history in the audit trail.

Prompt reporting (issue 13): a serious AE whose relation to the therapy the investigator does not
exclude is reported to the certified committee for regenerative medicine (and the MHLW, a protocol
parameter) within 7 days (death, or may lead to death) or 15 days (the other serious criteria) of
day 0, the day the investigator learned of it (Act on the Safety of Regenerative Medicine,
enforcement regulation Art. 35; rules in the protocol file). `prompt_report_status` says what is
due and when ("due in N days" / "overdue"); any serious AE may have reports recorded (date sent,
to whom: `record_ae_report`); a report to the committee marks the prompt report as made. An AE of grade 3 or more, a
serious one, or one whose action suspends or discontinues treatment raises a stop-rule proposal
(the protocol's "AE that makes continuation difficult"); the investigator decides.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Actor, AdverseEvent, Saved
from nkdesk.rules import adverse_events as rules
from nkdesk.rules import ctcae, dates
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.rules.errors import InputError
from nkdesk.rules.phrases import Phrase
from nkdesk.storage import adverse_events as stored
from nkdesk.storage import drafts as stored_drafts
from nkdesk.storage import records
from nkdesk.storage.errors import RecordNotFound, RuleViolation

if TYPE_CHECKING:
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction

TABLE = "adverse_events"
STOPPING_ACTIONS = ("treatment_suspended", "treatment_discontinued")


def record_adverse_event(store: Store, actor: Actor, patient_id: int, entry: AdverseEventEntry) -> Saved:
    """Log a new AE for the patient."""
    _values(entry)    # the entry's own problems first, whoever enters it
    judged = entry.serious or bool(entry.serious_criteria) or entry.relatedness is not None
    with store.write(actor, "ae.judge" if judged else "ae.record") as tx:
        _not_in_future(tx, entry)
        if tx.row("patients", patient_id) is None:
            raise RecordNotFound(f"patient #{patient_id} does not exist")
        event_id = insert_entry(tx, patient_id, entry)
        stored_drafts.clear_in(tx, patient_id, "adverse_event")   # what was typed is now the record (issue 14)
    return Saved(stored.event(store, event_id, rules.prompt_report_required), tx.changes)


def edit_adverse_event(store: Store, actor: Actor, event_id: int, entry: AdverseEventEntry, expected_version: int, *,
                       reason: str | None = None) -> Saved:
    """Change a logged AE (grade as it evolves, resolution, outcome, judgement, …)."""
    current = stored.event(store, event_id, rules.prompt_report_required)
    if current is None:
        raise RecordNotFound(f"adverse event #{event_id} does not exist", table=TABLE, record_id=event_id)
    values = _values(entry)
    if current.investigator_aware_on is not None and entry.investigator_aware_on is None:
        values["investigator_aware_on"] = None
    judged = (values["serious"] != current.serious or tuple(values["serious_criteria"]) != current.serious_criteria
              or values["relatedness"] != current.relatedness)
    if (current.worst_grade or 0) > (values["worst_grade"] or 0) and not (reason or "").strip():
        raise InputError("worst_grade", f"the highest grade so far was {current.worst_grade}: lowering it is a "
                                        "correction and needs a reason", code="reason_required")
    with store.write(actor, "ae.judge" if judged else "ae.record", reason=reason) as tx:
        _not_in_future(tx, entry)
        _context(tx, current.patient_id, entry, values)
        stored.update_event(tx, event_id, values, expected_version=expected_version)
        _propose_stop(tx, current.patient_id, event_id, values)
        stored_drafts.clear_in(tx, current.patient_id, "adverse_event", str(event_id))
    return Saved(stored.event(store, event_id, rules.prompt_report_required), tx.changes)


def record_prompt_report(store: Store, actor: Actor, event_id: int, reported_at: datetime, expected_version: int,
                         note: str = "") -> Saved:
    """An investigator records that the prompt report to the committee was made (naive local time)."""
    with store.write(actor, "ae.report") as tx:
        dates.not_after_now("reported_at", reported_at, tx.now)
        row = _serious_event(tx, event_id)
        if reported_at < datetime.fromisoformat(row["onset"]):
            raise InputError("reported_at", "before the AE's onset", code="out_of_order", before=row["onset"])
        if row["version"] != expected_version:
            tx.update(TABLE, event_id, {}, expected_version=expected_version)   # raises the conflict
        stored.insert_report(tx, row, reported_at.date(), "committee", note)
        tx.update(TABLE, event_id, {"reported_at": reported_at, "reported_by": actor.id,
                                    "report_note": (note or "").strip()}, expected_version=None)
    return Saved(stored.event(store, event_id, rules.prompt_report_required), tx.changes)


RECIPIENTS = ("committee", "mhlw")


def record_ae_report(store: Store, actor: Actor, event_id: int, sent_on: date, recipient: str, note: str = "") -> Saved:
    """Record a report made on any serious AE: the date it was sent and to whom ("committee", "mhlw",
    or another recipient as typed), with a note. An investigator's action (`ae.report`)."""
    if not isinstance(sent_on, date) or isinstance(sent_on, datetime):
        raise InputError("sent_on", "the date the report was sent is needed", code="required")
    if not isinstance(recipient, str) or not recipient.strip():
        raise InputError("recipient", "to whom was the report sent?", code="required")
    with store.write(actor, "ae.report") as tx:
        dates.not_after_now("sent_on", sent_on, tx.now)
        row = _serious_event(tx, event_id)
        if sent_on < datetime.fromisoformat(row["onset"]).date():
            raise InputError("sent_on", "before the AE's onset", code="out_of_order", before=row["onset"])
        stored.insert_report(tx, row, sent_on, recipient, note)
    return Saved(stored.event(store, event_id, rules.prompt_report_required), tx.changes)


def _not_in_future(tx: Transaction, entry: AdverseEventEntry) -> None:
    """An AE's onset, resolution and the day the investigator learned of it have happened: none is
    later than now (rules.dates.not_after_now)."""
    dates.not_after_now("onset", entry.onset, tx.now)
    dates.not_after_now("resolution", entry.resolution, tx.now)
    dates.not_after_now("investigator_aware_on", entry.investigator_aware_on, tx.now)


def _serious_event(tx: Transaction, event_id: int) -> sqlite3.Row:
    row = tx.row(TABLE, event_id)
    if row is None:
        raise RecordNotFound(f"adverse event #{event_id} does not exist", table=TABLE, record_id=event_id)
    if not row["serious"]:
        raise RuleViolation("reports are recorded for serious AEs: mark the AE serious first (an investigator "
                            "judges seriousness)", code="report_needs_serious")
    return row


@dataclass(frozen=True)
class PromptReportStatus:
    """What the law asks of one AE, for the banner and the forms (issue 13)."""

    category: str                 # the law's wording of the category
    days: int
    day0: date
    day0_recorded: bool           # False: day 0 not recorded, the clock runs from the onset
    due: date
    due_words: str                # "due in N days" / "due today" / "overdue by N days"
    outstanding: tuple[str, ...]  # recipients without a recorded report, in words
    law: str
    protocol_wording: str         # the protocol's narrower wording, shown beside the law's
    # The same as codes and the protocol file's Japanese, for the window to word in its language
    category_id: str = ""                                  # "7_days" / "15_days"
    due_phrase: Phrase | None = None                       # report.due_in {days} / due_today / overdue {days}
    outstanding_codes: tuple[str, ...] = ()                # "committee", "mhlw"
    ja: Mapping[str, str] = field(default_factory=dict)    # {"category", "law", "protocol_wording"} (text_in)

    @property
    def done(self) -> bool:
        return not self.outstanding


def prompt_report_status(record: AdverseEvent, today: date,
                         rules_: rules.ReportingRules | None = None) -> PromptReportStatus | None:
    """The reporting clock of a stored AE on `today`, or None when the law asks no prompt report."""
    reporting = rules_ or rules.reporting_rules()
    clock = rules.prompt_report(record.serious, tuple(record.serious_criteria), record.relatedness,
                                record.investigator_aware_on, record.onset.date(), reporting)
    if clock is None:
        return None
    made = set(record.reported_to) | ({"committee"} if record.reported_at is not None else set())
    codes = tuple(r for r in reporting.recipients if r not in made)
    outstanding = tuple(rules.RECIPIENT_WORDS.get(r, r) for r in codes)
    ja = {key: text for key, text in (("category", clock.category.ja.get("wording")),
                                      ("law", reporting.ja.get("law")),
                                      ("protocol_wording", reporting.ja.get("protocol_wording"))) if text}
    return PromptReportStatus(clock.category.wording, clock.category.days, clock.day0, clock.day0_recorded,
                              clock.due, clock.due_words(today), outstanding, reporting.law,
                              reporting.protocol_wording, clock.category.id, clock.due_phrase(today), codes, ja)


STILL_ONGOING = (None, "recovering", "not_recovered")   # outcomes of an AE not over yet (no resolution either)


def ongoing_with_term(store: Store, patient_id: int, entry: AdverseEventEntry) -> tuple[AdverseEvent, ...]:
    """The patient's AEs with the term this entry would be stored under that are still ongoing (no
    resolution, outcome not recovered): the window asks before logging the same event twice (ward
    walk: a second Fever was logged while the first was open; its grade changes instead, with a reason)."""
    term = canonical_term(entry)
    return tuple(r for r in adverse_events(store, patient_id)
                 if r.term == term and r.resolution is None and r.outcome in STILL_ONGOING)


def adverse_events(store: Store, patient_id: int) -> tuple[AdverseEvent, ...]:
    return stored.events(store, patient_id, rules.prompt_report_required)



def reports_due(store: Store, patient_id: int | None = None) -> tuple[AdverseEvent, ...]:
    """AEs whose prompt report to the CRM and the MHLW is due and not yet recorded (the banner)."""
    found = (stored.events(store, patient_id, rules.prompt_report_required) if patient_id is not None
             else stored.all_events(store, rules.prompt_report_required))
    return tuple(e for e in found if e.report_due)


# An AE is complete when these are set (issue 14); the outcome "not recovered" is how the log says "ongoing".
COMPLETE_WITH = ("grade", "onset", "relationship", "seriousness", "outcome (or ongoing)")


def missing(record: AdverseEvent) -> tuple[str, ...]:
    """What a stored AE still lacks to be complete (empty: complete). Seriousness counts as set once
    an investigator has judged the AE (or marked it serious): "not serious" is a judgement too."""
    lacking = {"grade": record.grade is None, "onset": record.onset is None,
               "relationship": record.relatedness is None,
               "seriousness": not record.serious and record.judged_by is None,
               "outcome (or ongoing)": record.outcome is None}
    return tuple(name for name in COMPLETE_WITH if lacking[name])


def incomplete(records: Iterable[AdverseEvent]) -> tuple[tuple[AdverseEvent, tuple[str, ...]], ...]:
    """The AEs among `records` that are incomplete, each with what it lacks, in onset order."""
    return tuple((r, gaps) for r in sorted(records, key=lambda r: (r.onset, r.id)) if (gaps := missing(r)))


def as_entry(record: AdverseEvent) -> AdverseEventEntry:
    """The rules' AdverseEventEntry of a stored AE (for the AE page and dialog)."""
    return AdverseEventEntry(
        term=record.term, grade=record.grade, onset=record.onset, worst_grade=record.worst_grade,
        ctcae_term=record.ctcae_term, resolution=record.resolution, serious=record.serious,
        serious_criteria=record.serious_criteria, relatedness=record.relatedness, action=record.action,
        outcome=record.outcome, cycle=record.cycle, days_since_infusion=record.days_since_infusion,
        comment=record.comment, source=record.source, ctcae_version=record.ctcae_version,
        reported_at=record.reported_at, extra=dict(record.extra, adverse_event_id=record.id),
        investigator_aware_on=record.investigator_aware_on)


# ------------------------------------------------------------------------------ inside a save
def insert_entry(tx: Transaction, patient_id: int, entry: AdverseEventEntry) -> int:
    """Check and insert one entry (also used when a proposal is accepted); returns the AE's id."""
    values = _values(entry)
    _context(tx, patient_id, entry, values)
    event_id = stored.insert_event(tx, {"patient_id": patient_id, **values})
    _propose_stop(tx, patient_id, event_id, values)
    return event_id


def canonical_term(entry: AdverseEventEntry) -> str:
    """The term as stored: CTCAE v5.0's name for a CTCAE term, a free term as typed (trimmed)."""
    term = entry.term.strip()
    if entry.ctcae_term:
        found = ctcae.find_term(term)
        if found is None:
            raise InputError("term", f"'{term}' is not a CTCAE v5.0 term: log it as a free term", code="unknown_term",
                             text=term)
        term = found.name
    return term


def _values(entry: AdverseEventEntry) -> dict[str, Any]:
    rules.check(entry)
    term = canonical_term(entry)
    grades = [g for g in (entry.grade, entry.worst_grade) if g is not None]
    extra = {k: v for k, v in (entry.extra or {}).items() if k != "adverse_event_id"}
    return {"term": term, "ctcae_term": entry.ctcae_term, "ctcae_version": entry.ctcae_version,
            "grade": entry.grade, "worst_grade": max(grades) if grades else None, "onset": entry.onset,
            "resolution": entry.resolution, "serious": entry.serious,
            "serious_criteria": [c for c in rules.SERIOUS_CRITERIA if c in entry.serious_criteria],
            "relatedness": entry.relatedness, "action": entry.action, "outcome": entry.outcome,
            "cycle": entry.cycle, "days_since_infusion": entry.days_since_infusion,
            "comment": entry.comment or "", "source": entry.source, "extra_json": extra,
            # day 0 of the reporting clock (m020); written only when known, so older files still take AEs
            **({"investigator_aware_on": entry.investigator_aware_on} if entry.investigator_aware_on else {})}


def _context(tx: Transaction, patient_id: int, entry: AdverseEventEntry, values: dict[str, Any]) -> None:
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


def _propose_stop(tx: Transaction, patient_id: int, event_id: int, values: dict[str, Any]) -> None:
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
