"""Nothing typed is lost: an editor's unsaved input kept as a draft, offered back, or discarded on purpose.

Each editor of the window (eligibility, a vital-sign row, an AE, body measurements, dose inputs,
patient details, a calendar change) keeps what the user typed here within about a second of the
last key (`keep`), finds it again after a patient switch, a lock, a sign-out or a crash (`find`,
`pending`), and either saves the record for real — the record's own service then removes the draft
in its transaction (`storage.drafts.clear_in`) — or the user throws it away (`discard`: an audited
event with the reason). Drafts are never read by rules, alerts, summaries, forms or exports.

The payload is what the user typed (text with units, choices), never a computed value.
"""
from __future__ import annotations

from typing import Any

from nkdesk.domain import Actor, Saved
from nkdesk.services.errors import InputError
from nkdesk.storage import drafts as storage
from nkdesk.storage.drafts import Draft, UserDraft
from nkdesk.storage.store import Store

__all__ = ["Draft", "UserDraft", "discard", "discard_mine", "find", "find_mine", "keep", "keep_mine", "pending"]

EDITORS = frozenset({"eligibility", "vitals_row", "adverse_event", "body_measurements", "dose_inputs",
                     "patient_details", "calendar", "labs"})


def _editor(editor: str) -> str:
    if editor not in EDITORS:
        raise InputError("editor", f"unknown editor '{editor}'", code="unknown")
    return editor


def keep(store: Store, actor: Actor, patient_id: int, editor: str, payload: dict[str, Any], key: str = "") -> str:
    """Keep what the user typed (replacing the previous draft); returns when it was kept (UTC, ISO)."""
    if not isinstance(payload, dict):
        raise InputError("payload", "a draft is the editor's fields by name", code="type")
    return storage.put(store, actor, patient_id, _editor(editor), key, payload, store.now())


def find(store: Store, patient_id: int, editor: str, key: str = "") -> Draft | None:
    return storage.get(store, patient_id, _editor(editor), key)


def pending(store: Store, patient_id: int, editor: str | None = None) -> list[Draft]:
    """Every draft kept for the patient (of one editor, if named): what reopening should offer."""
    return storage.for_patient(store, patient_id, None if editor is None else _editor(editor))


def discard(store: Store, actor: Actor, patient_id: int, editor: str, reason: str, key: str = "") -> Saved:
    """Throw a draft away on purpose: recorded in the audit trail (what was typed, who, when, why).
    The value is whether there was a draft to throw away."""
    if not reason or not reason.strip():
        raise InputError("reason", "say why what was typed is thrown away", code="required")
    with store.write(actor, "draft.discard", reason=reason) as tx:
        found = storage.discard_in(tx, patient_id, _editor(editor), key)
    return Saved(found, tx.changes)


# -- before there is a patient: the new-patient dialog's typing is the signed-in user's draft
USER_EDITORS = frozenset({"patient_details"})


def _user_editor(editor: str) -> str:
    if editor not in USER_EDITORS:
        raise InputError("editor", f"'{editor}' is not kept without a patient", code="unknown")
    return editor


def keep_mine(store: Store, actor: Actor, editor: str, payload: dict[str, Any]) -> str:
    """Keep what the signed-in user typed where there is no patient yet (a new patient's details)."""
    if not isinstance(payload, dict):
        raise InputError("payload", "a draft is the editor's fields by name", code="type")
    return storage.put_for_user(store, actor, _user_editor(editor), payload, store.now())


def find_mine(store: Store, actor: Actor, editor: str) -> UserDraft | None:
    if actor.id is None:
        return None
    return storage.get_for_user(store, actor.id, _user_editor(editor))


def discard_mine(store: Store, actor: Actor, editor: str, reason: str) -> Saved:
    """Throw the user's draft away on purpose, recorded with the reason."""
    if not reason or not reason.strip():
        raise InputError("reason", "say why what was typed is thrown away", code="required")
    if actor.id is None:
        raise InputError("actor", "only a signed-in user has drafts", code="invalid")
    with store.write(actor, "draft.discard", reason=reason) as tx:
        found = storage.discard_for_user_in(tx, actor.id, _user_editor(editor))
    return Saved(found, tx.changes)
