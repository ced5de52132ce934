"""The window's session: the open database, who is signed in, the site's settings, and one place
that runs a service and turns its problems into a message.

Who is signed in is an `Actor` the database issued at sign-in (services.auth); a second person at
the workstation (a dose verifier) signs in for one action and is signed out after it. Every save
goes through `Session.call(service, *args)`: the service runs as the signed-in actor in
its own audited transaction; on success the `changed` signal carries its `Changes`, so each view
refreshes only if the change concerns it (../shared/architecture.md, "How state flows"); on failure
the user sees one clear sentence (a stale save says who changed the record and when) and nothing
half-done is left behind.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from nkdesk.domain.settings import SiteSettings
from nkdesk.services.errors import InputError, StorageError
from nkdesk.ui import words


class Session(QObject):
    changed = Signal(object)        # a domain.Changes (or None when everything should refresh)
    user_changed = Signal(object)   # the signed-in domain.User, or None

    def __init__(self, db_path: Path, prompts, parent=None):
        super().__init__(parent)
        self.prompts = prompts
        self.db_path = Path(db_path)
        self.store = None
        self.user = None
        self.settings = SiteSettings()

    def open(self) -> None:
        """Open (creating if new) and migrate the database. Raises StorageError with what to do."""
        from nkdesk.services import settings as settings_service
        from nkdesk.services import workstation

        self.store = workstation.open_store(self.db_path)
        self.settings = settings_service.load(self.store)
        words.know_syringes(self.settings.syringes)   # their Japanese names (ui/words.syringe_name)

    def close(self) -> None:
        if self.store is not None:
            try:
                self.store.close(take_backup=True)
            finally:
                self.store = None

    def set_user(self, user) -> None:
        """The signed-in actor (None: signed out, and the previous actor is refused from now on)."""
        from nkdesk.services import auth

        if user is None and self.user is not None and self.store is not None:
            auth.sign_out(self.store, self.user)
        self.user = user
        self.user_changed.emit(user)

    def reload_settings(self) -> None:
        from nkdesk.services import settings as settings_service

        self.settings = settings_service.load(self.store)
        words.know_syringes(self.settings.syringes)   # their Japanese names (ui/words.syringe_name)

    def call(self, service, *args, **kwargs):
        """Run `service(store, user, *args)`; return its result, or None after telling the user why."""
        try:
            saved = service(self.store, self.user, *args, **kwargs)
        except (InputError, StorageError) as exc:
            if getattr(exc, "changes", None) is not None:   # refused, after saving what had to be kept
                self.changed.emit(exc.changes)
            self.prompts.problem(problem_text(exc))
            return None
        changes = getattr(saved, "changes", None)
        if changes is not None:      # a result that is not a record (a kept draft's time) changes no screen
            self.changed.emit(changes)
        return saved

    def keep_draft(self, patient_id: int, editor: str, payload: dict, key: str = "") -> str | None:
        """Keep an editor's typing as a draft (services.drafts), without refreshing any screen: the
        draft is what the editor already shows. Returns when it was kept, or None after saying why not."""
        from nkdesk.services import drafts

        return self.call(drafts.keep, patient_id, editor, payload, key)

    def call_as(self, user, service, *args, **kwargs):
        """The same as `call`, for a second person at this workstation (e.g. a dose verifier)."""
        signed_in = self.user
        self.user = user
        try:
            return self.call(service, *args, **kwargs)
        finally:
            self.user = signed_in

    def authenticate(self, username: str, password: str):
        """(actor, None) if the password is right, else (None, the reason in words)."""
        from nkdesk.services import auth

        try:
            return auth.sign_in(self.store, username, password).value, None
        except (InputError, StorageError) as exc:
            return None, problem_text(exc)

    def unlock(self, password: str) -> str | None:
        """None if the signed-in user's password is right (the window unlocks), else the reason."""
        from nkdesk.services import auth

        try:
            auth.unlock(self.store, self.user, password)
        except (InputError, StorageError) as exc:
            return problem_text(exc)
        return None

    def sign_out(self, actor) -> None:
        """A second person's actor is done (e.g. the verifier after verifying)."""
        from nkdesk.services import auth

        auth.sign_out(self.store, actor)

    def attempt(self, reader, *args, **kwargs):
        """(result, None), or (None, the problem in words) — a read whose failure the screen shows itself."""
        try:
            return reader(self.store, *args, **kwargs), None
        except (InputError, StorageError) as exc:
            return None, problem_text(exc)

    def read(self, reader, *args, **kwargs):
        """Run a read (`reader(store, *args)`); None after telling the user why it failed."""
        try:
            return reader(self.store, *args, **kwargs)
        except (InputError, StorageError) as exc:
            self.prompts.problem(problem_text(exc))
            return None


def problem_text(exc: Exception) -> str:
    """One sentence for the user: an input problem worded from its code under the field's label
    (ui/messages.py), anything else in the words of the layer that knows."""
    if isinstance(exc, (InputError, StorageError)):   # a refusal worded from its code too (ui/refusals.py)
        from nkdesk.ui.messages import problem_words

        return problem_words(exc)
    return str(exc)
