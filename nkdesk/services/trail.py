"""Reading the audit trail, recording reads in the access log, and accepting an anchor that no longer fits.

Reads are recorded (issue 15): a patient opened in the window (`patient_opened`), a form printed
(`form_printed`, from `printing.make_pdf`, the one path of the window and `nkdesk form`), an
export made (`export_recorder`, the export's `record_read` hook). Administrators read the log
(`access_entries`).

When the anchor file beside the database does not fit the chain (deleted, from another copy, or
the trail was cut), the Store stops updating it so the evidence stays; `nkdesk verify` fails until
someone has looked. After investigating, an administrator accepts the current chain with a
reason: that decision is itself an audit row, and the anchor is written afresh.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nkdesk.domain import Actor, AuditEntry, Role, Saved
from nkdesk.rules.errors import InputError
from nkdesk.storage import access_log, audit, keys, patients
from nkdesk.storage.errors import PermissionDenied

if TYPE_CHECKING:
    from nkdesk.services.export import ExportRead

if TYPE_CHECKING:
    from nkdesk.storage.store import Store


def history(store: Store, table: str, record_id: object) -> list[AuditEntry]:
    """Every audit row of one record, oldest first."""
    return audit.entries_of(store, table, record_id)


def recent(store: Store, limit: int = 100) -> list[AuditEntry]:
    return audit.latest_entries(store, limit)


def evidence_problem(store: Store) -> str | None:
    """What the window shows at sign-in until an administrator accepts it (`accept_anchor`): the
    anchor file does not fit the chain, or a backup manifest witnesses rows cut off the end."""
    from nkdesk.storage import verify

    return store.anchor_problem or verify.rolled_back(store.conn, store.path, store.instance_id)


def accept_anchor(store: Store, actor: Actor, reason: str) -> Saved:
    if not (reason or "").strip():
        raise InputError("reason", "say what was investigated and why the trail is accepted", code="required")
    problem = evidence_problem(store)
    try:
        with store.write(actor, "audit.accept_anchor", reason=reason) as tx:
            tx.event("_audit_anchor", "anchor", "accepted", problem, "chain accepted as it stands")
            store.anchor_problem = None  # lets the commit write a fresh anchor
    except BaseException:
        store.anchor_problem = problem
        raise
    return Saved(None, tx.changes)


# ------------------------------------------------------------------------------------ the access log
def record_read(store: Store, actor: Actor, what: str, study_ids: Sequence[str], detail: dict[str, object] | None = None
                ) -> Path | None:
    """Record one read by `actor` (a signed-in user, or the operating-system user of a command);
    returns the log file used when the database cannot be written, else None."""
    actor = store.proven(actor)
    return access_log.record(store, user_id=actor.id, username=actor.username, what=what, study_ids=study_ids,
                             detail=detail)


def patient_opened(store: Store, actor: Actor, patient_id: int) -> None:
    """The window opened a patient's chart for `actor`."""
    patient = patients.get(store, patient_id)
    if patient is not None:
        record_read(store, actor, "patient_opened", [patient.study_id])


def export_recorder(store: Store) -> Callable[[ExportRead], None]:
    """The export's `record_read` hook, recording into `store` (the export's own connection)."""
    def recorded(read: ExportRead) -> None:
        record_read(store, read.actor, "export", list(read.study_ids),
                    {"format": read.fmt, "files": [str(f) for f in read.files], "with_notes": read.with_notes})
    return recorded


def export_recorder_for_file(db_path: str | os.PathLike[str]) -> Callable[[ExportRead], None]:
    """The export's `record_read` hook for an export run on its own connection (the window's worker
    thread): the actor was proven by the window's store; the read is written by a connection of its own."""
    def recorded(read: ExportRead) -> None:
        access_log.record_at(Path(db_path), None, user_id=read.actor.id, username=read.actor.username,
                             what="export", study_ids=list(read.study_ids),
                             detail={"format": read.fmt, "files": [str(f) for f in read.files],
                                     "with_notes": read.with_notes})
    return recorded


def access_entries(store: Store, actor: Actor, limit: int = 200) -> list[access_log.AccessEntry]:
    """The newest reads, for an administrator."""
    actor = store.proven(actor)
    if actor.role is not Role.ADMINISTRATOR:
        raise PermissionDenied(f"{actor.username} may not read the access log", action="audit.access_log")
    return access_log.entries(store, limit)


def witness_line(store: Store) -> str:
    """The footer line of every printed form: the site key's fingerprint and the chain head, so the
    paper file witnesses both (`nkdesk verify --expect-head` checks a head written down)."""
    site = keys.site_fingerprint(store) if keys.available(store) else None
    head = audit.head(store.conn)
    return (f"Site key {site[:16] if site else '(none)'}   ·   audit chain head {head.count} "
            f"{head.hash[:16]}  (nkdesk verify --expect-head {head.hash[:16]})")
