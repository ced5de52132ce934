"""The pseudonymised dataset every export format is written from.

`build(store, …)` reads the patients' charts in batches (`storage.export_reads.charts`: one query
per table for a batch of patients, the batch's charts and audit stamps in one consistent read)
and turns each into `FormRecord`s (`subject.collect`) keyed by the mapping table's forms and
fields: values in their canonical units, each with the audit stamp of the row that last wrote it (who, workstation,
UTC time, reason), and the still-valid signatures of signed records. What leaves the ward is
decided here, once, for all three formats:

- the subject is its study ID only: no initials, no hospital ID, no birth date (the age in
  completed years at consent instead: on the day the patient entered screening, after consent,
  else on the first assessment's date);
- free-text clinical notes (fields marked `note` in the mapping) only with `with_notes`;
- audit reasons are kept (they are the audit evidence);
- people are their user names and roles (no full names); workstations their host names;
- the access log (issue 15: patient opened, form printed, export made) goes with the audit trail,
  every entry, as `AccessRead`s: who, when (UTC), workstation, kind, study IDs and what was read
  (the form, the export's format), never the exported files' paths.

Subjects are produced lazily, a batch of `BATCH` charts at a time, so a thousand patients never
sit in memory as charts; the writers stream them. Only ODM writes the audit stamps, so only its
export reads them (`with_audit`): reading the trail is about a third of the dataset's time.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from nkdesk.rules import protocol as protocols
from nkdesk.rules.adverse_events import prompt_report_required
from nkdesk.services.export import mapping as mapping_table
from nkdesk.services.export.subject import Subject, collect, stamp
from nkdesk.storage import export_reads

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

Progress = Callable[[int, int], None]
BATCH = 100   # patients read together (one query per table per batch); bounds what sits in memory


@dataclass(frozen=True)
class ExportUser:
    oid: str
    username: str
    role: str | None


@dataclass(frozen=True)
class Location:
    oid: str
    name: str


@dataclass(frozen=True)
class AccessRead:
    """One entry of the access log as it leaves the ward: who (user name, or `os:<login>`), when
    (UTC), at which workstation, what kind of read, which patients (study IDs) and what was read
    (the form printed, or the export's format) — never the files' paths (they can name a person's
    home folder)."""

    seq: int
    at_utc: str
    username: str
    workstation: str
    what: str
    study_ids: tuple[str, ...]
    detail: dict[str, str | bool]


ACCESS_DETAIL = ("form", "format", "with_notes")   # what of an entry's detail leaves the ward
ACCESS_WHAT = {"patient_opened": "patient opened", "form_printed": "form printed", "export": "export made"}


def access_text(read: AccessRead) -> str:
    """An access entry in words, for formats with no field of their own for it: "form printed
    (form: calendar); patients: DEMO-001"."""
    detail = ", ".join(f"{k}: {('yes' if v else 'no') if isinstance(v, bool) else v}" for k, v in read.detail.items())
    return (f"{ACCESS_WHAT.get(read.what, read.what)}{f' ({detail})' if detail else ''}; "
            f"patients: {', '.join(read.study_ids) or 'none'}")


@dataclass
class Dataset:
    protocol: protocols.Protocol
    mapping: mapping_table.Mapping
    users: list[ExportUser]
    locations: list[Location]
    signature_meanings: list[str]
    subjects: Iterator[Subject]
    subject_count: int
    with_notes: bool
    created_utc: datetime
    access: list[AccessRead] = field(default_factory=list)   # the access log, oldest first

    def user_oid(self, username: str) -> str:
        return user_oid(username)

    def location_oid(self, workstation: str) -> str:
        return location_oid(workstation)


def user_oid(username: str) -> str:
    return "USR." + username


def location_oid(workstation: str) -> str:
    return "LOC." + workstation


class UnknownPatient(LookupError):
    """A study ID that is not in the database."""

    def __init__(self, study_id: str):
        super().__init__(study_id)
        self.study_id = study_id


def build(store: Store, *, patients: Sequence[str] | None = None, with_notes: bool = False,
          progress: Progress | None = None, now: datetime | None = None, with_audit: bool = True) -> Dataset:
    """The dataset of `patients` (study IDs; all when None). UnknownPatient for an unknown ID.
    `with_audit`: attach each value's audit stamp (only ODM writes them; reading the trail is a
    third of the dataset's time)."""
    everyone = export_reads.patients_by_study_id(store)
    if patients is None:
        chosen = everyone
    else:
        by_id = {sid.casefold(): (pid, sid) for pid, sid in everyone}
        chosen = []
        for wanted in patients:
            found = by_id.get(wanted.strip().casefold())
            if found is None:
                raise UnknownPatient(wanted)
            if found not in chosen:
                chosen.append(found)
    access = [AccessRead(e.seq, e.at_utc, e.username, e.workstation, e.what, e.study_ids,
                         {k: v for k, v in e.detail.items() if k in ACCESS_DETAIL and isinstance(v, (str, bool))})
              for e in export_reads.access_entries(store)]
    trail_people, trail_workstations = export_reads.trail_people_and_workstations(store)
    people = dict(trail_people)
    for read in access:   # people and workstations of the access log too (ODM's UserRef and LocationRef)
        people.setdefault(read.username, None)
    users = [ExportUser(user_oid(name), name, people[name]) for name in sorted(people)]
    workstations = set(trail_workstations) | {read.workstation for read in access}
    locations = [Location(location_oid(w), w) for w in sorted(workstations)]
    meanings = export_reads.signature_meanings(store)
    table = mapping_table.load()

    def subjects() -> Iterator[Subject]:
        done = 0
        for start in range(0, len(chosen), BATCH):
            ids = [pid for pid, _sid in chosen[start:start + BATCH]]
            with store.reading():   # a batch's charts and their audit stamps: one consistent snapshot
                collected = {chart.patient.id: collect(chart, table, with_notes, with_audit)
                             for chart in export_reads.charts(store, ids, report_rule=prompt_report_required)}
                if with_audit:
                    stamp(store, [out for _subject, out in collected.values()])
            for pid in ids:
                if pid in collected:   # (a patient deleted since the list was read is left out)
                    yield collected[pid][0]
                done += 1
                if progress is not None:
                    progress(done, len(chosen))

    return Dataset(protocols.load(), table, users, locations, meanings, subjects(), len(chosen), with_notes,
                   (now or datetime.now(UTC)).astimezone(UTC), access)
