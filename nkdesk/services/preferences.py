"""A user's own choices: the window's language (issue 18: "each user can choose Japanese or English
(stored with the user; View › Language)"). None means: follow the workstation's locale."""
from __future__ import annotations

from nkdesk.domain import Actor, Saved
from nkdesk.rules.errors import InputError
from nkdesk.storage import preferences as stored
from nkdesk.storage.store import Store

LANGUAGES = ("ja", "en")


def language(store: Store, actor: Actor) -> str | None:
    proven = store.proven(actor)
    return None if proven.id is None else stored.language(store, proven.id)


def workstation_language(store: Store) -> str | None:
    """The last user's language at this workstation (the window starts in it), None if not chosen."""
    return stored.last_signed_in_language(store, store.workstation)


def set_language(store: Store, actor: Actor, value: str | None) -> Saved:
    if value is not None and value not in LANGUAGES:
        raise InputError("language", f"one of {', '.join(LANGUAGES)}, or none to follow the workstation",
                         code="not_a_choice")
    with store.write(actor, "session.preferences") as tx:
        if actor.id is None:
            raise InputError("language", "a command-line user has no window language", code="not_allowed")
        stored.set_language(tx, actor.id, value)
    return Saved(value, tx.changes)
