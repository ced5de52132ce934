"""Stop-rule proposals: a protocol stop reason appeared; an investigator decides.

The protocol's stop reasons (protocol.md): a positive infectious-disease test of the culture
material (raised by services.infusions when the product is recorded or its start refused), an AE
that makes continuation difficult (raised by services.adverse_events), treatment no longer
possible and consent withdrawn (raised here by a research nurse or an investigator). A proposal
stays open until an investigator discontinues or suspends treatment on it
(`treatment.decide_stop(..., proposal_id=…)`, signed) or dismisses it with a reason (treatment
continues). Every step is audited.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from nkdesk.domain import Actor, Saved, StopProposal
from nkdesk.rules.errors import InputError
from nkdesk.services.treatment import STOP_REASONS
from nkdesk.storage import adverse_events as stored
from nkdesk.storage.errors import RecordNotFound, RuleViolation

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

TABLE = "stop_proposals"


def propose_stop(store: Store, actor: Actor, patient_id: int, reason_code: str, details: str = "") -> Saved:
    """Raise a stop proposal for the investigator (e.g. the patient withdrew consent)."""
    if reason_code not in STOP_REASONS:
        raise InputError("reason_code", f"one of {', '.join(STOP_REASONS)}", code="not_a_choice")
    with store.write(actor, "stop.propose", reason=details or None) as tx:
        if tx.row("patients", patient_id) is None:
            raise RecordNotFound(f"patient #{patient_id} does not exist")
        pid = stored.insert_stop_proposal(tx, patient_id, reason_code, (details or "").strip())
        if pid is None:
            raise RuleViolation(f"a stop proposal for this reason ({reason_code.replace('_', ' ')}) is open already",
                                  code="stop_proposal_open", reason_code=reason_code)
    return Saved(stored.stop_proposal(store, pid), tx.changes)


def dismiss_stop_proposal(store: Store, actor: Actor, proposal_id: int, reason: str, expected_version: int) -> Saved:
    """An investigator decides treatment continues, and says why."""
    if not (reason or "").strip():
        raise InputError("reason", "say why treatment continues", code="required")
    with store.write(actor, "treatment.discontinue", reason=reason) as tx:
        row = tx.row(TABLE, proposal_id)
        if row is None:
            raise RecordNotFound(f"stop proposal #{proposal_id} does not exist", table=TABLE, record_id=proposal_id)
        if row["status"] != "open":
            raise RuleViolation(f"stop proposal #{proposal_id} is {row['status']} already",
                                code="stop_proposal_decided", status=row["status"])
        tx.update(TABLE, proposal_id, {"status": "dismissed", "decision_note": reason.strip()},
                  expected_version=expected_version)
    return Saved(stored.stop_proposal(store, proposal_id), tx.changes)


def stop_proposals(store: Store, patient_id: int, status: str | None = "open") -> tuple[StopProposal, ...]:
    return stored.stop_proposals(store, patient_id, status)
