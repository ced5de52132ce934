"""The one list of printable forms: NAME → title, version and builder, for the CLI and the window.

`nkdesk form NAME …` and the window's Print action both call `make_pdf`, so they produce the same
PDF from the same stored data. This module is light on purpose (no reportlab, no pint): the CLI
checks NAME and the window lists the forms without loading them; `make_pdf` imports the builders
(nkdesk/forms/builders.py) when a form is printed.

A builder is `build(store, patient, actor, settings) -> story` (a list of reportlab flowables):
`store` the open database, `patient` a `domain.Patient`, `actor` the `domain.User` printing (the
signed-in user, or `User.os_user(login)` on the command line), `settings` the `SiteSettings`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FormSpec:
    name: str              # as typed after `nkdesk form`
    title: str             # printed in every page's header
    version: str           # the form's layout version, printed in the header; bump on any change of content
    builder: str           # the function in nkdesk.forms.builders
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


def printed_by(actor) -> str:
    """Who printed, as the footer says it: the signed-in user's name and role, or the OS login."""
    if actor.is_os_user:
        return f"{actor.full_name} (operating-system user)"
    role = actor.role.label if actor.role is not None else "no role"
    return f"{actor.full_name} ({role})"


def make_pdf(name: str, store, patient, actor, settings, *, printed_at: datetime | None = None,
             app_version: str | None = None, out=None) -> bytes:
    """The PDF of form `name` for `patient`, as bytes (also written to `out` if given).

    `printed_at` defaults to now in the workstation's zone; `app_version` to nkdesk.__version__.
    """
    from nkdesk.forms import builders

    chosen = spec(name)
    story = getattr(builders, chosen.builder)(store, patient, actor, settings)
    return builders.render_form(chosen, story, store, patient, actor, settings, printed_at=printed_at,
                                app_version=app_version, out=out)


def make_serious_event_report(entry, store, patient, actor, settings, *, number: int | None = None,
                              printed_at: datetime | None = None, app_version: str | None = None,
                              out=None) -> bytes:
    """One serious AE's report form (the ae-log PDF carries one for every serious AE as well):
    for the window's Print action on a single AE. `entry` is a rules.adverse_events.AdverseEventEntry."""
    from nkdesk.forms import ae_log_form, builders

    story = ae_log_form.serious_report_story(entry, number)
    return builders.render_form(SERIOUS_EVENT_REPORT, story, store, patient, actor, settings,
                                printed_at=printed_at, app_version=app_version, out=out)
