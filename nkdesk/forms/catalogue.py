"""The one list of printable forms: NAME → title, version and builder, for the CLI and the window.

`nkdesk form NAME …` and the window's Print action both call `nkdesk.services.printing.make_pdf`,
so they produce the same PDF from the same stored data. This module is light on purpose (no
reportlab, no pint, no database): the CLI checks NAME and the window lists the forms without
loading them.

`builder` names the function in nkdesk.services.printing that reads the data and lays the form out:
`build(store, patient, actor, settings) -> story` (a list of reportlab flowables).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nkdesk.domain import Actor


@dataclass(frozen=True)
class FormSpec:
    name: str              # as typed after `nkdesk form`
    title: str             # printed in every page's header
    version: str           # the form's layout version, printed in the header; bump on any change of content
    builder: str           # the function in nkdesk.services.printing.BUILDERS
    orientation: str = "portrait"


FORMS: tuple[FormSpec, ...] = (
    FormSpec("eligibility", "Eligibility checklist", "1.0", "eligibility"),
    FormSpec("dose-order", "Filgrastim dose order", "1.0", "dose_order"),
    FormSpec("calendar", "Treatment calendar", "1.0", "calendar"),
    FormSpec("vitals", "Infusion vital-signs record", "1.0", "vitals"),
    FormSpec("ae-log", "Adverse-event log", "1.0", "ae_log", orientation="landscape"),
    FormSpec("summary", "Patient summary", "1.0", "summary"),
)
SERIOUS_EVENT_REPORT = FormSpec("serious-event-report", "Serious adverse event report", "1.0", "serious_event_report")


def names() -> tuple[str, ...]:
    return tuple(spec.name for spec in FORMS)


def spec(name: str) -> FormSpec:
    """The form called `name`; InputError (field `form`) naming the known forms otherwise."""
    for candidate in FORMS:
        if candidate.name == name:
            return candidate
    from nkdesk.rules.errors import InputError

    raise InputError("form", f"unknown form '{name}' (one of {', '.join(names())})", code="unknown_form")


def printed_by(actor: Actor) -> str:
    """Who printed, as the footer says it: the signed-in user's name and role, or the OS login."""
    from nkdesk.forms.words import join, say

    if actor.is_os_user:
        return join(f"{actor.full_name} (", say("operating-system user"), ")")
    role = say(actor.role.label if actor.role is not None else "no role")
    return join(f"{actor.full_name} (", role, ")")
