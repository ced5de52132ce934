"""`Prompts`: every question the window asks the user, as a protocol the window is handed.

The window asks through this interface only: `dialogs.DialogPrompts` asks with modal Qt dialogs,
the tests' `ScriptedPrompts` (tests/ui/scripted_prompts.py) answers from queues, so that whole
workflows run end to end without a dialog waiting for a person. No Qt here: mypy --strict checks
this protocol and the test double against each other (tests/test_types.py).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from nkdesk.domain import Patient

# username, password → the problem to show (wrong password, locked…), or None when signed in
Authenticate = Callable[[str, str], str | None]
# the patient dialog's check: the details as typed → the problems found (empty: none)
PatientCheck = Callable[[dict[str, Any]], Sequence[Any]]


class DraftKeeper(Protocol):
    """Where a dialog keeps what is typed (issue 14): found → (payload, kept at UTC) or None;
    keep → (kept at, None) or (None, the problem); discard asks why and throws it away (True if done)."""

    def found(self) -> tuple[dict[str, Any], str] | None: ...

    def keep(self, payload: dict[str, Any]) -> tuple[str | None, str | None]: ...

    def discard(self) -> bool: ...


@runtime_checkable
class Prompts(Protocol):
    def credentials(self, title: str, intro: str, authenticate: Authenticate, *, username: str = "",
                    fixed_user: bool = False) -> bool:
        """Ask for a user name and password until `authenticate` accepts them; False if cancelled."""
        ...

    def signature(self, signer_name: str, meaning: str, record: str, *, ask_username: bool = False,
                  note_label: str | None = None) -> tuple[str, str, str] | None:
        """(username, password, note) for an electronic signature, or None if cancelled."""
        ...

    def reason(self, title: str, question: str) -> str | None:
        """The reason for a change, or None if cancelled."""
        ...

    def problem(self, text: str) -> None:
        """Tell the user what went wrong."""
        ...

    def confirm(self, title: str, text: str) -> bool:
        """Yes or no."""
        ...

    def patient_details(self, patient: Patient | None = None, check: PatientCheck | None = None,
                        draft: DraftKeeper | None = None) -> dict[str, Any] | None:
        """The patient's details as typed (text, for the service to check), or None if cancelled;
        with `check` (details → the problems found), the dialog stays open, keeping what was typed,
        until it finds none; with `draft`, what is typed is kept as a draft and offered back."""
        ...

    def date(self, title: str, question: str, default: str = "") -> str | None:
        """An ISO date as typed (validated by whoever uses it), or None if cancelled."""
        ...

    def choose(self, title: str, question: str, options: dict[str, str]) -> str | None:
        """One key of `options` (key → words shown), or None if cancelled."""
        ...

    def preview(self, pdf: bytes, suggested_name: str, paper: str) -> None:
        """Show a PDF with its print and save actions."""
        ...

    def first_administrator(self) -> tuple[str, str, str] | None:
        """(username, full name, password) for the first account of an empty database, or None."""
        ...
