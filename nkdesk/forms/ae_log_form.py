"""The adverse-event log and the serious-event report form, from `rules.adverse_events` entries.

The log (landscape: it has many columns) lists every AE with its term, CTCAE v5.0 grade and worst
grade, onset, resolution and duration, seriousness and the ICH E2A criteria met, relationship to
the cell product, action taken, outcome, cycle and days since infusion. Each serious AE then gets
its own report (portrait): everything above, the six ICH E2A criteria ticked or not, whether the
protocol's prompt report to the Committee for Regenerative Medicine and the MHLW is required and
whether (when, by whom) it was made, room for the narrative and the investigator's signature.

Words for the codes: ICH E2A (1994) for the seriousness criteria, CDISC SDTM AEACN/AEOUT for action
and outcome, NCI CTEP's five-point attribution scale for the relationship (rules/adverse_events.py).
"""
from __future__ import annotations

from datetime import timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer

from nkdesk.forms.base import markup, para, styles, table
from nkdesk.forms.catalogue import SERIOUS_EVENT_REPORT, spec
from nkdesk.forms.words import data_text, day, join, language, moment, protocol_text, say
from nkdesk.rules import adverse_events as ae

FORM_VERSION = spec("ae-log").version
REPORT_VERSION = SERIOUS_EVENT_REPORT.version
WHEN = "%Y-%m-%d %H:%M"
CRITERIA_WORDS = {
    "death": "Results in death",
    "life_threatening": "Is life-threatening",
    "hospitalisation": "Requires inpatient hospitalisation or prolongation of existing hospitalisation",
    "disability": "Results in persistent or significant disability/incapacity",
    "congenital_anomaly": "Is a congenital anomaly/birth defect",
    "other_important": "Is another important medical event",
}
CRITERIA_SHORT = {"death": "death", "life_threatening": "life-threatening", "hospitalisation": "hospitalisation",
                  "disability": "disability", "congenital_anomaly": "congenital anomaly",
                  "other_important": "other important event"}
RELATEDNESS_WORDS = {"unrelated": "Unrelated", "unlikely": "Unlikely", "possible": "Possible",
                     "probable": "Probable", "definite": "Definite"}
ACTION_WORDS = {"none": "None", "infusion_interrupted": "Infusion interrupted", "infusion_stopped": "Infusion stopped",
                "treatment_suspended": "Treatment suspended", "treatment_discontinued": "Treatment discontinued",
                "not_applicable": "Not applicable", "unknown": "Unknown"}
OUTCOME_WORDS = {"recovered": "Recovered/resolved", "recovering": "Recovering/resolving",
                 "not_recovered": "Not recovered/not resolved", "recovered_with_sequelae": "Recovered with sequelae",
                 "fatal": "Fatal", "unknown": "Unknown"}
OUTCOME_SHORT = {"recovered": "Recovered", "recovering": "Recovering", "not_recovered": "Not recovered",
                 "recovered_with_sequelae": "Recovered with sequelae", "fatal": "Fatal", "unknown": "Unknown"}
SOURCE_WORDS = {"manual": "entered by hand", "lab_proposal": "proposed from a lab result",
                "fever_proposal": "proposed from temperatures", "crs_proposal": "proposed as CRS"}
# The protocol's own, narrower wording (BMJ Open 2022;12:e064526, seed 001), printed beside the law's.
PROMPT_REPORT_RULE = ("Protocol (narrower than the law, which NKDesk applies): \"serious complications related to "
                      "prolonged hospitalisation or death\" are reported promptly (BMJ Open 2022;12:e064526).")
REPORT_DUE = "#ffcdd2"
SERIOUS = "#fff3cd"


def duration_words(value: timedelta | None) -> str:
    """A duration as the ward reads it: "2 d 3 h", "5 h 20 min", "45 min"; "ongoing" without one."""
    if value is None:
        return say("ongoing")
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if language() != "en":   # 2日3時間, 5時間20分, 45分
        parts = ((days, "日"), (hours, "時間"), (minutes, "分"))
        shown = "".join(f"{n}{unit}" for n, unit in parts if n) or "0分"
        return shown if language() == "ja" else f"{shown} / " + duration_words_en(days, hours, minutes)
    return duration_words_en(days, hours, minutes)


def duration_words_en(days: int, hours: int, minutes: int) -> str:
    nb = "\u00a0"
    if days:
        return f"{days}{nb}d {hours}{nb}h" if hours else f"{days}{nb}d"
    if hours:
        return f"{hours}{nb}h {minutes}{nb}min" if minutes else f"{hours}{nb}h"
    return f"{minutes}{nb}min"


def _grade(value: int | None) -> str:
    return "—" if value is None else str(value)


def _word(words: dict[str, str], code: str | None) -> str:
    return "—" if code is None else say(words.get(code, code))


def _grade_wording(term: str, grade: int) -> str:
    """The CTCAE v5.0 wording of the grade, shown only in Japanese forms (the JCOG translation)."""
    if language() == "en":
        return ""
    from nkdesk.rules import ctcae

    found = ctcae.find_term(term)
    if found is None:
        return ""
    return data_text(found.grade_wording(grade, "en"), found.grade_wording(grade, "ja"))


def _day_words(days: int | None) -> str:
    """Days since infusion: "0" on the infusion day, "+3" after it, "−1" before it."""
    if days is None:
        return "—"
    return "0" if days == 0 else f"{days:+d}".replace("-", "−")


def term_words(entry: ae.AdverseEventEntry) -> str:
    """The term as logged; a CTCAE term in the forms language (the JCOG translation's name)."""
    if not entry.ctcae_term:
        return say("{term} (free term)", term=entry.term)
    from nkdesk.rules import ctcae

    found = ctcae.find_term(entry.term)
    return data_text(entry.term, found.name_ja if found else None)


def report_status(entry: ae.AdverseEventEntry) -> str:
    """Whether the prompt report is required, and whether NKDesk has it recorded as made."""
    if not entry.prompt_report_required:
        return ""
    if entry.reported_at is None:
        clock = ae.prompt_report(entry.serious, tuple(entry.serious_criteria), entry.relatedness,
                                 entry.investigator_aware_on, entry.onset.date())
        due = say(" (due {due}, {days} days)", due=day(clock.due), days=clock.category.days) if clock else ""
        return say("REPORT PROMPTLY{due} — not recorded as made", due=due)
    who = entry.extra.get("reported_by")
    return join(say("reported {when}", when=moment(entry.reported_at, WHEN)), say(" by {who}", who=who) if who else "")


def story(entries: list[ae.AdverseEventEntry]) -> list[Flowable]:
    """The log (landscape), then one serious-event report (portrait) per serious AE."""
    s = styles()
    out: list[Flowable] = [para(say(
        "Grades: CTCAE v{version} (grade now / worst over the course). Day: days from the "
        "infusion (the infusion day is day 0). Relationship to the cell product: unrelated, unlikely, "
        "possible, probable, definite (NCI CTEP). Serious: ICH E2A criteria.", version=ae.CTCAE_VERSION), "small")]
    if not entries:
        out.append(Spacer(1, 4 * mm))
        out.append(para(say("No adverse events recorded for this patient."), "body"))
        return out
    ordered = sorted(entries, key=lambda e: e.onset)
    rows: list[list[str | Flowable]] = [
        [say(h) for h in ("#", "Term", "Grade", "Worst", "Onset", "Resolution", "Duration", "Serious (criteria)",
                          "Relationship", "Action taken", "Outcome", "Cycle", "Day")]]
    colours: dict[int, str] = {}
    for number, entry in enumerate(ordered, start=1):
        term = markup(term_words(entry))
        if entry.comment:
            term += f'<br/><font size="7.5" color="#424242">{markup(entry.comment)}</font>'
        serious = say("No")
        if entry.serious:
            serious = say("Yes: {criteria}", criteria=join(*(say(CRITERIA_SHORT.get(c, c))
                                                               for c in entry.serious_criteria), sep=", "))
            status = report_status(entry)
            serious = join(serious, " — ", status) if status else serious
            colours[number] = REPORT_DUE if entry.prompt_report_required and entry.reported_at is None else SERIOUS
        rows.append([str(number), Paragraph(term, s["cell"]), _grade(entry.grade), _grade(entry.worst_grade),
                     moment(entry.onset, WHEN), moment(entry.resolution, WHEN) if entry.resolution else say("ongoing"),
                     duration_words(entry.duration), serious, _word(RELATEDNESS_WORDS, entry.relatedness),
                     _word(ACTION_WORDS, entry.action), _word(OUTCOME_SHORT, entry.outcome),
                     "—" if entry.cycle is None else str(entry.cycle),
                     _day_words(entry.days_since_infusion)])
    widths = [mm * w for w in (6, 44, 12, 12, 21, 21, 16, 38, 23, 23, 28, 12, 10)]
    out.append(table(rows, widths, zebra=False, row_colours=colours))
    serious_events = [e for e in ordered if e.serious]
    due = [e for e in serious_events if e.prompt_report_required and e.reported_at is None]
    out.append(para(say("{n} adverse event(s); {serious} serious; {prompt} need a prompt report, "
                        "{due} not recorded as made. Each serious event's report follows.", n=len(ordered),
                        serious=len(serious_events), prompt=sum(1 for e in serious_events if e.prompt_report_required),
                        due=len(due)), "small"))
    for number, entry in enumerate(ordered, start=1):
        if entry.serious:
            out += [NextPageTemplate("portrait"), PageBreak()] + serious_report_story(entry, number)
    return out


def serious_report_story(entry: ae.AdverseEventEntry, number: int | None = None) -> list[Flowable]:
    """One serious AE's report: the event, the ICH E2A criteria, the prompt report, narrative, signature."""
    s = styles()
    title = join(say("Serious adverse event report"), say(" — AE #{number}", number=number) if number else "",
                 ": ", term_words(entry))
    out: list[Flowable] = [Paragraph(markup(title), s["title"]),
                           para(say("Report form version {version}", version=REPORT_VERSION), "small")]
    rules = ae.reporting_rules()
    out.append(Paragraph(markup(say("Prompt report ({law})", law=protocol_text(rules.law))), s["h2"]))
    clock = ae.prompt_report(entry.serious, tuple(entry.serious_criteria), entry.relatedness,
                             entry.investigator_aware_on, entry.onset.date(), rules)
    mhlw = join(say("the MHLW"), say(" (protocol parameter, to be confirmed)") if rules.mhlw_to_be_confirmed else "")
    recipients = join(*(mhlw if r == "mhlw" else say(ae.RECIPIENT_WORDS.get(r, r)) for r in rules.recipients),
                      sep=say(" and "))
    if clock is not None:
        made = (join(say("Report recorded in NKDesk as made on {when}", when=moment(entry.reported_at, WHEN)),
                     say(" by {who}.", who=entry.extra["reported_by"]) if entry.extra.get("reported_by")
                     else say(" (reporter not recorded)."))
                if entry.reported_at else say("NOT RECORDED AS MADE."))
        day0 = (say("day 0 {day} (the investigator learned of the event)", day=day(clock.day0))
                if clock.day0_recorded
                else say("day 0 not recorded: counted from the onset {day}", day=day(clock.day0)))
        out.append(Paragraph(markup(join(
            say("REQUIRED: report promptly to {recipients} within {days} days — {wording}; {day0}; due {due}. ",
                recipients=recipients, days=clock.category.days, wording=protocol_text(clock.category.wording),
                day0=day0, due=day(clock.due)), made)), s["warning"]))
    else:
        why = say("the investigator excluded a relation to the therapy" if entry.serious else "the AE is not serious")
        out.append(para(say("NOT REQUIRED under {law}: {why}. A serious AE may still have reports recorded "
                            "(date sent, to whom) under the site's procedure.", law=protocol_text(rules.law),
                            why=why), "body"))
    out.append(para(say(PROMPT_REPORT_RULE), "small"))
    out.append(table([[say("Reported to"), say("Date sent"), say("By (name)")],
                      [say("Certified committee for regenerative medicine"), "", ""], [say("MHLW"), "", ""]],
                     [70 * mm, 50 * mm, 55 * mm], zebra=False))
    out.append(Paragraph(markup(say("The event")), s["h2"]))
    fields = [
        [say("Term"), (f"{term_words(entry)} (CTCAE v{entry.ctcae_version})" if entry.ctcae_term
                       else term_words(entry))],
        [say("Grade (at this report) / worst grade"), f"{_grade(entry.grade)} / {_grade(entry.worst_grade)}"],
        [say("Onset"), moment(entry.onset, WHEN)],
        [say("Resolution"), moment(entry.resolution, WHEN) if entry.resolution else say("ongoing")],
        [say("Duration"), duration_words(entry.duration)],
        [say("Cycle; days since infusion (day 0)"),
         f"{'—' if entry.cycle is None else entry.cycle}; {_day_words(entry.days_since_infusion)}"],
        [say("Relationship to the cell product"), _word(RELATEDNESS_WORDS, entry.relatedness)],
        [say("Action taken"), _word(ACTION_WORDS, entry.action)],
        [say("Outcome"), _word(OUTCOME_WORDS, entry.outcome)],
        [say("How it was logged"), say(SOURCE_WORDS.get(entry.source, entry.source))],
    ]
    if entry.ctcae_term and entry.grade is not None:
        wording = _grade_wording(entry.term, entry.grade)
        if wording:
            fields.insert(2, [say("CTCAE grade {grade}", grade=entry.grade), wording])
    out.append(table(fields, [62 * mm, 113 * mm], header_rows=0))
    out.append(Paragraph(markup(say("Seriousness (ICH E2A): criteria met")), s["h2"]))
    criteria = [["", say("Criterion"), say("Art. 35 clock")]]
    for code in ae.SERIOUS_CRITERIA:
        category = rules.category_for((code,))
        criteria.append(["☒" if code in entry.serious_criteria else "☐", say(CRITERIA_WORDS[code]),
                         say("{days} days", days=category.days) if category else ""])
    out.append(table(criteria, [10 * mm, 125 * mm, 40 * mm], zebra=False,
                     row_colours={i: SERIOUS for i, code in enumerate(ae.SERIOUS_CRITERIA, start=1)
                                  if code in entry.serious_criteria}))
    # the narrative and the signature stay together: a signature alone on a page signs nothing visible
    narrative: list[Flowable] = [Paragraph(markup(say("Narrative")), s["h2"])]
    if entry.comment:
        narrative.append(para(say("Comment recorded in NKDesk: {comment}", comment=entry.comment), "body"))
    lines = table([[""] for _ in range(4)], [180 * mm], header_rows=0, zebra=False)
    lines.setStyle([("BACKGROUND", (0, 0), (-1, -1), "#ffffff"), ("TOPPADDING", (0, 0), (-1, -1), 9),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 9)])
    narrative += [lines, Spacer(1, 5 * mm),
                  para(say("Investigator's signature: ______________________________      "
                           "Name: ______________________      Date: ____________"), "body")]
    out.append(KeepTogether(narrative))
    return out
