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
- Prompt report (issue 13): the law behind the trial, the Act on the Safety of Regenerative
  Medicine, enforcement regulation Article 35, sets the clocks for serious events suspected to be
  caused by the therapy — a serious AE whose relation to the therapy the investigator does not
  exclude: within 7 days for death or a case that may lead to death, within 15 days for
  hospitalisation or its prolongation, disability or its risk, other serious cases and congenital
  anomalies; day 0 is the day the investigator learned of the event. The categories, day counts,
  recipients and the protocol's own narrower wording ("serious complications related to
  prolonged hospitalisation or death", BMJ Open 2022;12:e064526) are data in the protocol file
  (`[prompt_reporting]`); NKDesk applies the law's categories and shows both wordings.
- Relationship: the protocol gives no scale; the five-point scale unrelated / unlikely /
  possible / probable / definite is the one NCI's CTEP uses for AE attribution.
- Action and outcome: CDISC SDTM AEACN and AEOUT codelists, with the action words fitted to a
  cell infusion (there is no dose to reduce).
- Days since infusion: the infusion day is day 0, as the treatment calendar counts culture days.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from nkdesk.rules.errors import InputError
from nkdesk.rules.phrases import Phrase

SERIOUS_CRITERIA = ("death", "life_threatening", "hospitalisation", "disability", "congenital_anomaly",
                    "other_important")
# The relationship that excludes the therapy as the cause (the law's clock runs for every other,
# and while the investigator has not yet judged it: the safe side).
RELATION_EXCLUDED = ("unrelated",)
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
    extra: dict[str, Any] = field(default_factory=dict, compare=False)   # e.g. the lab proposal it came from
    investigator_aware_on: date | None = None    # day 0 of the reporting clock: the investigator learned of it

    @property
    def duration(self) -> timedelta | None:
        return duration(self.onset, self.resolution)

    @property
    def prompt_report_required(self) -> bool:
        return prompt_report_required(self.serious, self.serious_criteria, self.relatedness)


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


def prompt_report_required(serious: bool, criteria: Any, relatedness: str | None = None,
                           rules: ReportingRules | None = None) -> bool:
    """A serious AE whose relation to the therapy the investigator does not exclude (enforcement
    regulation Art. 35): the report to the certified committee is due within 7 or 15 days."""
    return prompt_report(bool(serious), tuple(criteria), relatedness, None, date.min, rules) is not None


@dataclass(frozen=True)
class ReportCategory:
    """One clock of the law: its day count, the ICH E2A criteria it covers, its wording."""

    id: str
    days: int
    criteria: tuple[str, ...]
    wording: str
    ja: Mapping[str, str] = field(default_factory=dict, hash=False)   # {"wording": …} (protocol.text_in)


@dataclass(frozen=True)
class ReportingRules:
    """The prompt-reporting rules of a protocol file's `[prompt_reporting]` section."""

    law: str
    categories: tuple[ReportCategory, ...]
    relation_excluded: tuple[str, ...]
    recipients: tuple[str, ...]              # codes: "committee", "mhlw"
    mhlw_to_be_confirmed: bool
    protocol_wording: str
    day0: str
    ja: Mapping[str, str] = field(default_factory=dict, hash=False)   # {"law": …, "protocol_wording": …}

    def category_for(self, criteria: tuple[str, ...]) -> ReportCategory | None:
        """The shortest clock among the categories the AE's criteria fall in."""
        found = [c for c in self.categories if set(c.criteria) & set(criteria)]
        return min(found, key=lambda c: c.days) if found else None


RECIPIENT_WORDS = {"committee": "the certified committee for regenerative medicine",
                   "mhlw": "the Ministry of Health, Labour and Welfare (MHLW)"}


def reporting_rules(protocol: Any = None) -> ReportingRules:
    """The protocol's prompt-reporting rules (the default protocol's when none is given)."""
    if protocol is None:
        return _default_rules()
    return _rules_from(protocol.section("prompt_reporting") or {}, protocol.parameters)


@lru_cache(maxsize=1)
def _default_rules() -> ReportingRules:
    from nkdesk.rules import protocol as protocols

    return reporting_rules(protocols.load(protocols.DEFAULT_PROTOCOL))


def _rules_from(section: dict[str, Any], parameters: dict[str, Any]) -> ReportingRules:
    if not section:
        raise ValueError("the protocol file has no [prompt_reporting] section")
    categories = tuple(ReportCategory(c["id"], int(c["days"]), tuple(c["criteria"]), c.get("wording", ""),
                                      _japanese(c, "wording"))
                       for c in section.get("categories", []))
    mhlw = parameters.get(section.get("mhlw_parameter", ""))
    recipients = tuple(section.get("recipients", ("committee",)))
    if mhlw is not None and mhlw.value is True and "mhlw" not in recipients:
        recipients += ("mhlw",)
    return ReportingRules(section.get("law", ""), categories,
                          tuple(section.get("relation_excluded", RELATION_EXCLUDED)), recipients,
                          bool(mhlw.to_be_confirmed) if mhlw is not None else False,
                          section.get("protocol_wording", ""), section.get("day0", ""),
                          _japanese(section, "law", "protocol_wording", "day0"))


def _japanese(table: Mapping[str, Any], *names: str) -> dict[str, str]:
    """The Japanese the protocol file gives beside the English (`law_ja`, …), keyed by the English's name."""
    return {name: str(table[f"{name}_ja"]) for name in names if table.get(f"{name}_ja")}


@dataclass(frozen=True)
class PromptReport:
    """The clock of one AE: its category, day 0 (and whether it was recorded), the due date."""

    category: ReportCategory
    day0: date
    day0_recorded: bool
    due: date

    def due_phrase(self, today: date) -> Phrase:
        """`due_words` as a code with its parameters (report.due_in {days}, report.due_today,
        report.overdue {days}), for the window to word in its language."""
        left = (self.due - today).days
        code = "report.due_in" if left > 0 else "report.due_today" if left == 0 else "report.overdue"
        return Phrase(code, {"days": abs(left), "report_days": self.category.days}, self.due_words(today))

    def due_words(self, today: date) -> str:
        """"due in N days", "due today" or "overdue by N days" (calendar days)."""
        left = (self.due - today).days
        if left > 0:
            return f"due in {left} day{'s' if left != 1 else ''}"
        if left == 0:
            return "due today"
        return f"overdue by {-left} day{'s' if left != -1 else ''}"


def prompt_report(serious: bool, criteria: tuple[str, ...], relatedness: str | None, aware_on: date | None,
                  onset: date, rules: ReportingRules | None = None) -> PromptReport | None:
    """The AE's reporting clock, or None when no prompt report is due under the law.

    Day 0 is the day the investigator learned of the event; while it is not recorded the clock runs
    from the onset (never later than the day the investigator could have learned of it).
    """
    rules = rules or reporting_rules()
    if not serious or relatedness in rules.relation_excluded:
        return None
    category = rules.category_for(criteria)
    if category is None:
        return None
    day0 = aware_on or onset
    due = day0 + timedelta(days=category.days) if day0 != date.min else date.min
    return PromptReport(category, day0, aware_on is not None, due)


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
    if entry.investigator_aware_on is not None and entry.investigator_aware_on < entry.onset.date():
        raise InputError("investigator_aware_on", "the investigator cannot have learned of the AE before its onset",
                         code="aware_before_onset")
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
