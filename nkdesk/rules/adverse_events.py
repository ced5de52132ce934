"""An adverse event as the investigator logs it: term, grades, times, seriousness, relationship.

Issue 5: each AE records onset and resolution (duration computed), its grade and the highest
grade over its course, serious yes/no with the criteria met, relationship to the cell product,
action taken, outcome, and the cycle and days since infusion. This module holds the entry, the
vocabularies (as codes; the window words them) and the checks an entry must pass. Storage keeps
entries and their history; nothing here knows about a database.

Sources:
- Seriousness: ICH E2A (1994), "Serious adverse event or reaction": results in death, is
  life-threatening, requires inpatient hospitalisation or prolongation of existing
  hospitalisation, results in persistent or significant disability/incapacity, is a congenital
  anomaly/birth defect, or is another important medical event.
- Prompt report: the protocol (BMJ Open 2022;12:e064526, seed 001): "In the event of serious
  complications related to prolonged hospitalisation or death, the investigator will promptly
  report to the Committee for Regenerative Medicine and the Ministry of Health, Labor and
  Welfare." ICH E2A's hospitalisation criterion covers prolongation; NKDesk raises the report for
  that whole criterion (over-reporting is the safe side) and for death.
- Relationship: the protocol gives no scale; the five-point scale unrelated / unlikely /
  possible / probable / definite is the one NCI's CTEP uses for AE attribution.
- Action and outcome: CDISC SDTM AEACN and AEOUT codelists, with the action words fitted to a
  cell infusion (there is no dose to reduce).
- Days since infusion: the infusion day is day 0, as the treatment calendar counts culture days.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from nkdesk.rules.errors import InputError

SERIOUS_CRITERIA = ("death", "life_threatening", "hospitalisation", "disability", "congenital_anomaly",
                    "other_important")
PROMPT_REPORT_CRITERIA = ("death", "hospitalisation")
RELATEDNESS = ("unrelated", "unlikely", "possible", "probable", "definite")
ACTIONS = ("none", "infusion_interrupted", "infusion_stopped", "treatment_suspended",
           "treatment_discontinued", "not_applicable", "unknown")
OUTCOMES = ("recovered", "recovering", "not_recovered", "recovered_with_sequelae", "fatal", "unknown")
SOURCES = ("manual", "lab_proposal", "fever_proposal", "crs_proposal")
CTCAE_VERSION = "5.0"
# CTCAE v5.0 (NCI, 27 Nov 2017), "Grades": the general description of each grade, offered for a
# free term that has no term-specific wording.
GENERAL_GRADES = {
    1: "Mild; asymptomatic or mild symptoms; clinical or diagnostic observations only; intervention not indicated.",
    2: "Moderate; minimal, local or noninvasive intervention indicated; limiting age-appropriate "
       "instrumental ADL.",
    3: "Severe or medically significant but not immediately life-threatening; hospitalization or "
       "prolongation of hospitalization indicated; disabling; limiting self care ADL.",
    4: "Life-threatening consequences; urgent intervention indicated.",
    5: "Death related to AE.",
}


@dataclass(frozen=True)
class AdverseEventEntry:
    """One AE as logged. `ctcae_term` False = a free term. Times are naive local date-times."""

    term: str
    grade: int | None
    onset: datetime
    worst_grade: int | None = None
    ctcae_term: bool = True
    resolution: datetime | None = None
    serious: bool = False
    serious_criteria: tuple[str, ...] = ()
    relatedness: str | None = None
    action: str | None = None
    outcome: str | None = None
    cycle: int | None = None
    days_since_infusion: int | None = None
    comment: str = ""
    source: str = "manual"
    ctcae_version: str = CTCAE_VERSION
    reported_at: datetime | None = None          # when the prompt report was made, once it was
    extra: dict = field(default_factory=dict, compare=False)   # e.g. the lab proposal it came from

    @property
    def duration(self) -> timedelta | None:
        return duration(self.onset, self.resolution)

    @property
    def prompt_report_required(self) -> bool:
        return prompt_report_required(self.serious, self.serious_criteria)


def duration(onset: datetime | None, resolution: datetime | None) -> timedelta | None:
    """Resolution − onset; None while the AE is ongoing (or onset unknown)."""
    if onset is None or resolution is None:
        return None
    return resolution - onset


def days_since_infusion(onset: datetime | date, infusion: date | None) -> int | None:
    """Calendar days from the infusion day (day 0) to the onset day; negative before it."""
    if infusion is None:
        return None
    onset_day = onset.date() if isinstance(onset, datetime) else onset
    return (onset_day - infusion).days


def prompt_report_required(serious: bool, criteria) -> bool:
    """Serious with death or (prolonged) hospitalisation: report to the CRM and the MHLW promptly."""
    return bool(serious) and any(c in PROMPT_REPORT_CRITERIA for c in criteria)


def check(entry: AdverseEventEntry) -> AdverseEventEntry:
    """The entry if it holds together; else an InputError naming the first field that does not.

    Grades are 1–5 (CTCAE v5.0); the worst grade is at least the grade; resolution is not before
    onset; serious needs at least one ICH E2A criterion and criteria need serious; codes come
    from the vocabularies above.
    """
    if not entry.term or not entry.term.strip():
        raise InputError("term", "choose a CTCAE term or type a term", code="missing")
    for name in ("grade", "worst_grade"):
        value = getattr(entry, name)
        if value is not None and (isinstance(value, bool) or value not in (1, 2, 3, 4, 5)):
            raise InputError(name, f"'{value}' is not a CTCAE grade (1–5)", code="bad_grade")
    if entry.grade is not None and entry.worst_grade is not None and entry.worst_grade < entry.grade:
        raise InputError("worst_grade", f"the highest grade ({entry.worst_grade}) is below the current "
                                        f"grade ({entry.grade})", code="worst_below_grade")
    if entry.resolution is not None and entry.resolution < entry.onset:
        raise InputError("resolution", "resolution is before onset", code="resolution_before_onset")
    unknown = [c for c in entry.serious_criteria if c not in SERIOUS_CRITERIA]
    if unknown:
        raise InputError("serious_criteria", f"unknown criterion '{unknown[0]}'", code="bad_code")
    if entry.serious and not entry.serious_criteria:
        raise InputError("serious_criteria", "a serious AE needs at least one ICH E2A criterion",
                         code="criteria_missing")
    if entry.serious_criteria and not entry.serious:
        raise InputError("serious", "criteria are ticked but the AE is not marked serious",
                         code="criteria_without_serious")
    for name, allowed in (("relatedness", RELATEDNESS), ("action", ACTIONS), ("outcome", OUTCOMES),
                          ("source", SOURCES)):
        value = getattr(entry, name)
        if value is not None and value not in allowed:
            raise InputError(name, f"'{value}' is not one of {', '.join(allowed)}", code="bad_code")
    if entry.cycle is not None and (isinstance(entry.cycle, bool) or not isinstance(entry.cycle, int)
                                    or entry.cycle < 1):
        raise InputError("cycle", f"'{entry.cycle}' is not a cycle number", code="bad_cycle")
    return entry
