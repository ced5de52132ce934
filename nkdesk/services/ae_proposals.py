"""AE proposals: lab values graded by CTCAE v5.0, and fever episodes from recorded temperatures.

The rules propose (`rules.ae_proposals`); this module stores the proposals and lets a user accept
one (it becomes an AE, linked to the proposal) or dismiss it with a reason; both are audited.
- Lab proposals are made in the same save as a lab set of a patient on treatment (enrolment on
  treatment or suspended), graded with the site's normal ranges (`SiteSettings.lab_normal_ranges`,
  else JCCLS) and, for CTCAE's "baseline abnormal" terms, the patient's baseline: the latest value
  of each analyte sampled on or before the day treatment started.
- Fever proposals are refreshed in every save of a set with a temperature: each episode is
  proposed once (an episode and a proposal belong together when they share a reading); an open
  one follows the readings (peak, grade); a decided one is proposed again only if the grade
  rises; an open one no reading supports any longer (a corrected typing slip) is dismissed by the
  system with that note.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Actor, AeProposal, Saved
from nkdesk.rules import ae_proposals as rules
from nkdesk.rules import ctcae, units
from nkdesk.rules.adverse_events import AdverseEventEntry, prompt_report_required
from nkdesk.rules.errors import InputError
from nkdesk.services import adverse_events
from nkdesk.storage import adverse_events as stored
from nkdesk.storage import infusions as stored_infusions
from nkdesk.storage import measurements as stored_measurements
from nkdesk.storage import patients as stored_patients
from nkdesk.storage import records
from nkdesk.storage import settings as stored_settings
from nkdesk.storage.errors import RecordNotFound, RuleViolation

if TYPE_CHECKING:
    from nkdesk.storage.store import Store
    from nkdesk.storage.transaction import Transaction

TABLE = "ae_proposals"
ON_TREATMENT = ("on_treatment", "suspended")
SOURCES = {"lab": "lab_proposal", "fever": "fever_proposal"}


# ------------------------------------------------------------------------------ making proposals
def propose_from_lab_set(tx: Transaction, patient_id: int, set_id: int, sampled_on: date,
                         measured: dict[str, units.Measured]) -> list[int]:
    """Store the lab proposals of one new set (inside its save); [] unless the patient is on treatment."""
    enrolment = stored_patients.enrolment(tx, patient_id)
    if enrolment is None or enrolment.status not in ON_TREATMENT:
        return []
    sex = stored_patients.sex(tx, patient_id)
    site = stored_settings.load(tx.conn)
    found = rules.propose_from_labs(measured, sex=sex, site_ranges=site.lab_normal_ranges,
                                    baselines=_baselines(tx, patient_id, set_id),
                                    ca_correction=site.calcium_correction)
    ids = []
    for proposal in found:
        ids.append(tx.insert(TABLE, {
            "patient_id": patient_id, "kind": "lab", "key": f"lab:{set_id}:{proposal.term}",
            "source_table": "lab_sets", "source_id": set_id, "term": proposal.term, "analyte": proposal.analyte,
            "value_text": proposal.value.text, "grade": proposal.result.grade, "result_json": proposal.result.to_json(),
            "range_source": proposal.range_source,
            "detail_json": {"sampled_on": sampled_on.isoformat(), **_calcium_evidence(proposal.result)},
            "onset": datetime.combine(sampled_on, time()), "status": "open"}))
    return ids


def _calcium_evidence(result: ctcae.GradeResult) -> dict[str, str]:
    """A calcium proposal's evidence: measured and corrected values and the rule (issue 13)."""
    return {"calcium": result.calcium.describe()} if result.calcium is not None else {}


def _baselines(tx: Transaction, patient_id: int, set_id: int) -> dict[str, units.Measured]:
    started = records.first_treatment_day(tx, patient_id)
    if started is None:
        return {}
    rows = stored_measurements.lab_texts_up_to(tx, patient_id, started, exclude_set_id=set_id)
    return {analyte: units.parse(text, field=f"baselines.{analyte}", analyte=analyte) for analyte, text in rows}


def refresh_fever(tx: Transaction, patient_id: int) -> None:
    """Bring the patient's fever proposals in line with every recorded temperature (inside a save).

    An episode is matched to the proposals sharing any of its readings (a proposal follows its
    episode when readings are added or corrected, even if its first reading changes)."""
    rows = stored_infusions.temperatures(tx, patient_id)
    readings = [rules.TemperatureReading(datetime.fromisoformat(at), units.parse(text, field="temperature",
                                                                                 analyte="temperature"))
                for _sid, at, text in rows]
    set_of = {datetime.fromisoformat(at): sid for sid, at, _text in rows}
    known = [(p.id, p.status, p.grade, {x["at"] for x in p.detail.get("readings", [])})
             for p in sorted(stored.proposals(tx, patient_id, kind="fever"), key=lambda p: p.id)]
    still_supported = set()
    for episode in rules.fever_episodes(readings):
        values = _fever_values(episode, set_of)
        times = {r.at.isoformat() for r in episode.readings}
        matched = [k for k in known if k[3] & times]
        open_ids = [k[0] for k in matched if k[1] == "open"]
        still_supported.update(open_ids)
        if open_ids:
            tx.update(TABLE, open_ids[-1], values, expected_version=None)
        elif not matched or _rises(values["grade"], [k[2] for k in matched]):
            tx.insert(TABLE, {"patient_id": patient_id, "kind": "fever", "status": "open", **values})
    for proposal_id, status, _grade, _times in known:
        if status == "open" and proposal_id not in still_supported:
            tx.update(TABLE, proposal_id, {"status": "dismissed", "decision_note": "no longer supported by the "
                                           "recorded temperatures (a set was corrected)"}, expected_version=None)


def _rises(grade: int | None, decided: list[int | None]) -> bool:
    known = [g for g in decided if g is not None]
    return grade is not None and (not known or grade > max(known))


def _fever_values(episode: rules.FeverEpisode, set_of: dict[datetime, int]) -> dict[str, Any]:
    return {
        "key": f"fever:{episode.start.isoformat()}",
        "source_table": "vital_sign_sets", "source_id": set_of[episode.peak.at], "term": "Fever",
        "analyte": "temperature", "value_text": episode.peak.temperature.text, "grade": episode.result.grade,
        "result_json": episode.result.to_json(), "range_source": "",
        "detail_json": {"readings": [{"at": r.at.isoformat(), "text": r.temperature.text} for r in episode.readings],
                        "resolved_at": episode.resolved_at.isoformat() if episode.resolved_at else None,
                        "peak_at": episode.peak.at.isoformat(),
                        "above_40_h": list(episode.above_40_h) if episode.above_40_h else None},
        "onset": episode.start,
    }


# ------------------------------------------------------------------------------ deciding
def proposal_entry(proposal: AeProposal) -> AdverseEventEntry:
    """The AE a proposal suggests, for the AE dialog to prefill (grade None where judgement decides)."""
    resolved = proposal.detail.get("resolved_at") if proposal.kind == "fever" else None
    return AdverseEventEntry(term=proposal.term, grade=proposal.grade, worst_grade=proposal.grade,
                             onset=proposal.onset, resolution=datetime.fromisoformat(resolved) if resolved else None,
                             source=SOURCES[proposal.kind],
                             comment=_proposal_comment(proposal),
                             extra={"proposal_id": proposal.id, "value": proposal.value_text})


def _proposal_comment(proposal: AeProposal) -> str:
    """What the proposal rests on: the value, CTCAE's wording and, for calcium, the correction used."""
    text = f"{proposal.term}: {proposal.value_text} ({proposal.result.get('criterion', '')})"
    calcium = (proposal.detail or {}).get("calcium")
    return f"{text}; {calcium}" if calcium else text


def accept_proposal(store: Store, actor: Actor, proposal_id: int, expected_version: int,
                    entry: AdverseEventEntry | None = None) -> Saved:
    """The proposal becomes an AE: `entry` as the user completed it, else the proposal as it stands.
    An AE needs a grade: where the proposal needs judgement, the entry must give it.

    When the patient already has an open AE of the same term (issue 14: "accepting the fever
    proposal created a second Fever AE"), that AE's grade is updated instead — the change audited
    with the reason "proposal accepted" — and its worst grade is never lowered by it."""
    proposal = stored.proposal(store, proposal_id)
    if proposal is None:
        raise RecordNotFound(f"AE proposal #{proposal_id} does not exist", table=TABLE, record_id=proposal_id)
    entry = entry or proposal_entry(proposal)
    if entry.grade is None:
        result = proposal.result
        choices = " or ".join(map(str, result.get("candidates") or [])) or "a grade"
        raise InputError("grade", f"this proposal needs judgement: choose {choices}", code="judgement_needed")
    with store.write(actor, "ae.record", reason=ACCEPTED) as tx:
        row = _open(tx, proposal_id)
        event_id = _update_open_event(tx, row["patient_id"], entry, proposal_id)
        if event_id is None:
            event_id = adverse_events.insert_entry(tx, row["patient_id"], entry)
        tx.update(TABLE, proposal_id, {"status": "accepted", "adverse_event_id": event_id},
                  expected_version=expected_version)
    return Saved(stored.event(store, event_id, prompt_report_required), tx.changes)


ACCEPTED = "proposal accepted"


def _update_open_event(tx: Transaction, patient_id: int, entry: AdverseEventEntry, proposal_id: int) -> int | None:
    """The open AE of the entry's term takes the proposal's grade (its worst grade kept if higher);
    None when there is no such AE (the caller inserts one)."""
    term = adverse_events.canonical_term(entry)
    current = stored.open_event_with_term(tx, patient_id, term)
    if current is None:
        return None
    worst = max(g for g in (current["worst_grade"], current["grade"], entry.grade) if g is not None)
    extra = json.loads(current["extra_json"] or "{}")
    accepted = [*extra.get("proposal_ids", ([extra["proposal_id"]] if "proposal_id" in extra else [])), proposal_id]
    stored.update_event(tx, current["id"], {"grade": entry.grade, "worst_grade": worst,
                                            "extra_json": {**extra, "proposal_ids": accepted}},
                        expected_version=None)
    return int(current["id"])


def dismiss_proposal(store: Store, actor: Actor, proposal_id: int, expected_version: int, reason: str) -> Saved:
    """Not an AE, with the reason written down (e.g. "haemolysed sample", "known baseline")."""
    if not (reason or "").strip():
        raise InputError("reason", "dismissing a proposal needs a reason", code="required")
    with store.write(actor, "ae.record", reason=reason) as tx:
        _open(tx, proposal_id)
        tx.update(TABLE, proposal_id, {"status": "dismissed", "decision_note": reason.strip()},
                  expected_version=expected_version)
    return Saved(stored.proposal(store, proposal_id), tx.changes)


def proposals(store: Store, patient_id: int, status: str | None = "open") -> tuple[AeProposal, ...]:
    return stored.proposals(store, patient_id, status)


def _open(tx: Transaction, proposal_id: int) -> sqlite3.Row:
    row = tx.row(TABLE, proposal_id)
    if row is None:
        raise RecordNotFound(f"AE proposal #{proposal_id} does not exist", table=TABLE, record_id=proposal_id)
    if row["status"] != "open":
        raise RuleViolation(f"AE proposal #{proposal_id} is {row['status']} already", code="proposal_decided",
                            status=row["status"])
    return row


# ------------------------------------------------------------------------------ for the window
def as_rules_proposal(proposal: AeProposal) -> rules.LabProposal | rules.FeverEpisode:
    """The rules' LabProposal or FeverEpisode of a stored proposal, as it was graded (for the AE page)."""
    result = _grade_result(proposal.result)
    if proposal.kind == "lab":
        if proposal.analyte is None:   # stored with every lab proposal (m012)
            raise ValueError(f"AE proposal #{proposal.id} is a lab proposal without an analyte")
        value = units.parse(proposal.value_text, field=f"labs.{proposal.analyte}", analyte=proposal.analyte)
        return rules.LabProposal(proposal.term, proposal.analyte, value, result, proposal.range_source)
    detail = proposal.detail
    readings = tuple(rules.TemperatureReading(datetime.fromisoformat(r["at"]),
                                              units.parse(r["text"], field="temperature", analyte="temperature"))
                     for r in detail["readings"])
    peak = next(r for r in readings if r.at.isoformat() == detail["peak_at"])
    above = tuple(detail["above_40_h"]) if detail.get("above_40_h") else None
    resolved = datetime.fromisoformat(detail["resolved_at"]) if detail.get("resolved_at") else None
    return rules.FeverEpisode(readings, resolved, peak, above, result)


def _grade_result(data: Mapping[str, Any]) -> ctcae.GradeResult:
    graded = data.get("graded_value") or {}
    return ctcae.GradeResult(
        term=data["term"], grade=data["grade"], criterion=data["criterion"],
        upgrade_possible=tuple(data.get("upgrade_possible", ())), needs_judgement=data.get("needs_judgement", False),
        candidates=tuple(data.get("candidates", ())), judgement=data.get("judgement", ""),
        missing_limits=tuple(data.get("missing_limits", ())), value=graded.get("value"), unit=graded.get("unit", ""),
        corrected=data.get("corrected_for_albumin", False), baseline_abnormal=data.get("baseline_abnormal"),
        ctcae_version=data.get("ctcae_version", ctcae.VERSION))
