"""Adverse events, AE proposals and stop-rule proposals as stored.

Row ↔ dataclass, and the AE writes with the one rule storage itself enforces on them: only an
investigator sets or changes seriousness, its ICH E2A criteria and the relationship to the cell
product (issue 4: the investigator "judges AE seriousness and relatedness"; research nurses record
AEs). Whoever calls, a save that sets one of these fields as another role is refused here, and
the judging investigator and the time are stored with the AE. Everything else about AEs (CTCAE
checks, prompt-report rule, proposals) is the rules' and the services' work: the reads take the
prompt-report rule from the caller (`report_rule`, `nkdesk.rules.adverse_events.prompt_report_required`
in the services) to fill `AdverseEvent.report_required`.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from nkdesk.domain import AdverseEvent, AeProposal, AeReport, Role, StopProposal
from nkdesk.storage.errors import PermissionDenied
from nkdesk.storage.transaction import encode

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader
    from nkdesk.storage.transaction import Transaction

JUDGED_FIELDS = ("serious", "serious_criteria_json", "relatedness")
# Whether an AE (serious?, its ICH E2A criteria, the relationship judged) needs the prompt report:
# the rules decide (`nkdesk.rules.adverse_events.prompt_report_required`).
ReportRule = Callable[[bool, Sequence[str], str | None], bool]


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# ------------------------------------------------------------------------------ adverse events
def event_from_row(row: sqlite3.Row, report_rule: ReportRule, reports: tuple[AeReport, ...] = ()) -> AdverseEvent:
    criteria = tuple(json.loads(row["serious_criteria_json"]))
    # sqlite3.Row's `in` tests values, not column names; the column comes with m020
    aware = row["investigator_aware_on"] if "investigator_aware_on" in row.keys() else None  # noqa: SIM118
    return AdverseEvent(
        row["id"], row["patient_id"], row["term"], bool(row["ctcae_term"]), row["ctcae_version"], row["grade"],
        row["worst_grade"], datetime.fromisoformat(row["onset"]), _when(row["resolution"]), bool(row["serious"]),
        criteria, row["relatedness"], row["action"], row["outcome"], row["cycle"], row["days_since_infusion"],
        row["comment"], row["source"], json.loads(row["extra_json"]), row["judged_by"], _when(row["judged_at"]),
        report_rule(bool(row["serious"]), criteria, row["relatedness"]), _when(row["reported_at"]),
        row["reported_by"], row["report_note"], row["version"],
        date.fromisoformat(aware) if aware else None, reports)


def events(store: Reader, patient_id: int, report_rule: ReportRule) -> tuple[AdverseEvent, ...]:
    rows = store.rows("SELECT * FROM adverse_events WHERE patient_id = ? ORDER BY onset, id", (patient_id,))
    made = reports_of_patient(store, patient_id)
    return tuple(event_from_row(r, report_rule, made.get(r["id"], ())) for r in rows)


def event(reader: Reader, event_id: int, report_rule: ReportRule) -> AdverseEvent | None:
    """`reader`: the Store or a Transaction."""
    row = reader.one("SELECT * FROM adverse_events WHERE id = ?", (event_id,))
    return event_from_row(row, report_rule, reports_of_event(reader, event_id)) if row else None


def count_events(store: Reader, patient_id: int) -> int:
    row = store.one("SELECT count(*) FROM adverse_events WHERE patient_id = ?", (patient_id,))
    return int(row[0]) if row else 0


def all_events(store: Reader, report_rule: ReportRule) -> tuple[AdverseEvent, ...]:
    made: dict[int, tuple[AeReport, ...]] = {}
    found = store.rows("SELECT * FROM ae_reports ORDER BY sent_on, id") if _reports_table(store) else []
    for report in (report_from_row(r) for r in found):
        made[report.adverse_event_id] = (*made.get(report.adverse_event_id, ()), report)
    rows = store.rows("SELECT * FROM adverse_events ORDER BY patient_id, onset, id")
    return tuple(event_from_row(r, report_rule, made.get(r["id"], ())) for r in rows)


# ------------------------------------------------------------------------------ reports made on an AE
def report_from_row(row: sqlite3.Row) -> AeReport:
    return AeReport(row["id"], row["adverse_event_id"], row["patient_id"], date.fromisoformat(row["sent_on"]),
                    row["recipient"], row["note"], row["recorded_by"], row["version"])


def _reports_table(store: Reader) -> bool:
    """Whether the file has the reports table yet (m021): a file being built step by step may not."""
    return store.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ae_reports'") is not None


def reports_of_event(store: Reader, event_id: int) -> tuple[AeReport, ...]:
    if not _reports_table(store):
        return ()
    rows = store.rows("SELECT * FROM ae_reports WHERE adverse_event_id = ? ORDER BY sent_on, id", (event_id,))
    return tuple(report_from_row(r) for r in rows)


def reports_of_patient(store: Reader, patient_id: int) -> dict[int, tuple[AeReport, ...]]:
    if not _reports_table(store):
        return {}
    rows = store.rows("SELECT * FROM ae_reports WHERE patient_id = ? ORDER BY sent_on, id", (patient_id,))
    made: dict[int, tuple[AeReport, ...]] = {}
    for report in (report_from_row(r) for r in rows):
        made[report.adverse_event_id] = (*made.get(report.adverse_event_id, ()), report)
    return made


def insert_report(tx: Transaction, event_row: sqlite3.Row, sent_on: date, recipient: str, note: str) -> int:
    """Record one report made on a serious AE (inside a save); a report to the committee also marks
    the AE's prompt report as made (`reported_at`), as the banner and the forms read it."""
    report_id = tx.insert("ae_reports", {"adverse_event_id": event_row["id"], "patient_id": event_row["patient_id"],
                                         "sent_on": sent_on, "recipient": recipient.strip(),
                                         "note": (note or "").strip(), "recorded_by": tx.actor.id})
    if recipient.strip() == "committee" and event_row["reported_at"] is None:
        tx.update("adverse_events", event_row["id"],
                  {"reported_at": datetime.combine(sent_on, datetime.min.time()), "reported_by": tx.actor.id},
                  expected_version=None)
    return report_id



_UNSET = {"serious": 0, "serious_criteria_json": "[]", "relatedness": None}


def _judged(tx: Transaction, values: dict[str, Any], old: sqlite3.Row | None) -> dict[str, Any]:
    """`values` with the judging investigator and time added when the save sets or changes one of
    the investigator-only fields; PermissionDenied when the actor is not an investigator."""
    changed = sorted(name for name in JUDGED_FIELDS
                     if name in values and encode(values[name]) != (_UNSET[name] if old is None else old[name]))
    if not changed:
        return values
    if tx.role is not Role.INVESTIGATOR:
        names = ", ".join("serious_criteria" if n == "serious_criteria_json" else n for n in changed)
        raise PermissionDenied(f"only an investigator judges an AE's seriousness and relatedness ({names})",
                               action=tx.action, role=tx.role.value if tx.role else None)
    return dict(values, judged_by=tx.actor.id, judged_at=tx.at_local)


def open_event_with_term(reader: Reader, patient_id: int, term: str) -> sqlite3.Row | None:
    """The patient's latest AE of `term` (case aside) that is still open: no resolution, and no
    outcome that ends it (recovered, recovered with sequelae, fatal)."""
    return reader.one("SELECT * FROM adverse_events WHERE patient_id = ? AND lower(term) = lower(?) "
                      "AND resolution IS NULL AND (outcome IS NULL OR outcome NOT IN "
                      "('recovered', 'recovered_with_sequelae', 'fatal')) ORDER BY onset DESC, id DESC LIMIT 1",
                      (patient_id, term))


def insert_event(tx: Transaction, values: dict[str, Any]) -> int:
    values = dict(values)
    values["serious_criteria_json"] = json.dumps(list(values.pop("serious_criteria", ())))
    return tx.insert("adverse_events", _judged(tx, values, None))


def update_event(tx: Transaction, event_id: int, values: dict[str, Any], *,
                 expected_version: int | None) -> dict[str, Any]:
    old = tx.row("adverse_events", event_id)
    if "serious_criteria" in values:
        values = dict(values)
        values["serious_criteria_json"] = json.dumps(list(values.pop("serious_criteria")))
    return tx.update("adverse_events", event_id, _judged(tx, values, old), expected_version=expected_version)


# ------------------------------------------------------------------------------ AE proposals
def proposal_from_row(row: sqlite3.Row) -> AeProposal:
    return AeProposal(row["id"], row["patient_id"], row["kind"], row["key"], row["source_table"], row["source_id"],
                      row["term"], row["analyte"], row["value_text"], row["grade"], json.loads(row["result_json"]),
                      row["range_source"], json.loads(row["detail_json"]), datetime.fromisoformat(row["onset"]),
                      row["status"], row["adverse_event_id"], row["decision_note"], row["version"])


def proposals(reader: Reader, patient_id: int, status: str | None = None, *, kind: str | None = None
              ) -> tuple[AeProposal, ...]:
    """The patient's proposals (with this status / of this kind, if given), by onset; `reader`:
    the Store or a Transaction."""
    sql, params = "SELECT * FROM ae_proposals WHERE patient_id = ?", list[object]([patient_id])
    if status is not None:
        sql, params = sql + " AND status = ?", [*params, status]
    if kind is not None:
        sql, params = sql + " AND kind = ?", [*params, kind]
    return tuple(proposal_from_row(r) for r in reader.rows(sql + " ORDER BY onset, id", params))


def proposal(store: Reader, proposal_id: int) -> AeProposal | None:
    row = store.one("SELECT * FROM ae_proposals WHERE id = ?", (proposal_id,))
    return proposal_from_row(row) if row else None


# ------------------------------------------------------------------------------ stop proposals, lifts
def stop_from_row(row: sqlite3.Row) -> StopProposal:
    return StopProposal(row["id"], row["patient_id"], row["reason_code"], row["source_table"], row["source_id"],
                        row["details"], datetime.fromisoformat(row["raised_at"]), row["status"],
                        row["discontinuation_id"], row["decision_note"], row["version"])


def stop_proposals(store: Reader, patient_id: int, status: str | None = None) -> tuple[StopProposal, ...]:
    sql = "SELECT * FROM stop_proposals WHERE patient_id = ?" + (" AND status = ?" if status else "") + " ORDER BY id"
    rows = store.rows(sql, (patient_id, status) if status else (patient_id,))
    return tuple(stop_from_row(r) for r in rows)


def stop_proposals_from(reader: Reader, patient_id: int, source_table: str, source_id: int) -> tuple[StopProposal, ...]:
    """The stop proposals one record raised (e.g. an AE), oldest first; `reader`: Store or Transaction."""
    rows = reader.rows("SELECT * FROM stop_proposals WHERE patient_id = ? AND source_table = ? AND source_id = ? "
                       "ORDER BY id", (patient_id, source_table, source_id))
    return tuple(stop_from_row(r) for r in rows)


def stop_proposal(store: Reader, proposal_id: int) -> StopProposal | None:
    row = store.one("SELECT * FROM stop_proposals WHERE id = ?", (proposal_id,))
    return stop_from_row(row) if row else None


def insert_stop_proposal(tx: Transaction, patient_id: int, reason_code: str, details: str,
                         source_table: str | None = None, source_id: int | None = None) -> int | None:
    """A new open proposal, unless one is already open for the same reason and source (None then)."""
    same = tx.one("SELECT id FROM stop_proposals WHERE patient_id = ? AND reason_code = ? AND status = 'open' "
                  "AND source_table IS ? AND source_id IS ?", (patient_id, reason_code, source_table, source_id))
    if same is not None:
        return None
    return tx.insert("stop_proposals", {"patient_id": patient_id, "reason_code": reason_code, "details": details,
                                        "source_table": source_table, "source_id": source_id,
                                        "raised_at": tx.at_local, "status": "open"})
