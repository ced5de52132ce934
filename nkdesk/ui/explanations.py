"""The rules' explanations (a CRS proposal's reasons, …) worded in the window's language.

The rules keep each explanation as a `Phrase` (a code, its parameters, and the English the command
line prints); this module words the code for the window, in English exactly as the rules' text and
in Japanese from the catalogue, so a Japanese screen never shows the rules' English. A code this
module does not know is shown in the rules' English (never hidden); tests/ui/test_explanations.py
keeps every code the rules can produce known here.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from nkdesk.rules.phrases import Phrase
from nkdesk.ui import language, words


def tr(text: str) -> str:
    # lupdate files a module-level tr("…") under the empty context (as in ui/messages.py)
    return QCoreApplication.translate("", text)


def _device(code: object) -> str:
    name = words.oxygen_device(str(code))
    return name.lower() if language.current() == "en" else name


def _crs(code: str, p: dict[str, object], protocol: object = None) -> str | None:
    with_vasopressin = tr(" with vasopressin") if p.get("vasopressin") else ""
    if code == "crs.fever":
        return tr("fever {0} °C (≥ {1} °C)").format(f"{float(p['temperature_c']):.1f}",
                                                   f"{float(p['threshold_c']):.0f}")
    if code == "crs.fever_masked":
        return tr("fever not required: antipyretic or anticytokine therapy has begun")
    if code == "crs.hypotension_vasopressors":
        return tr("hypotension requiring {0} vasopressors{1} (vasopressin not counted)").format(
            p["count"], with_vasopressin)
    if code == "crs.hypotension_vasopressor":
        return tr("hypotension requiring a vasopressor{0}").format(with_vasopressin)
    if code == "crs.hypotension_vasopressin_alone":
        return tr("hypotension requiring vasopressin alone")
    if code == "crs.hypotension":
        return tr("hypotension not requiring vasopressors")
    if code == "crs.hypoxia":
        flow = p.get("flow_l_min")
        if flow is None:
            return tr("hypoxia requiring {0}").format(_device(p["device"]))
        return tr("hypoxia requiring {0} at {1} L/min").format(_device(p["device"]), f"{float(flow):g}")
    if code == "crs.no_fever":
        return tr("no fever ≥ 38 °C: not CRS by ASTCT criteria")
    if code == "crs.attribution":
        return tr("ASTCT counts fever, hypotension and hypoxia only when not attributable to any other cause: "
                  "an investigator confirms the grade")
    if code == "crs.vasopressin_reading":
        return tr("NKDesk's reading: ASTCT (Lee 2019) grades hypotension needing \"a vasopressor with or without "
                  "vasopressin\" as 3 and excludes vasopressin only when counting multiple vasopressors for grade 4; "
                  "it is silent on vasopressin alone, which NKDesk counts as a vasopressor (grade 3) — the "
                  "investigator confirms")
    return None


WORDERS = (_crs,)


def known(phrase: Phrase, protocol: object = None) -> bool:
    """Whether the window words this phrase itself (tests: every code the rules produce)."""
    return _worded(phrase, protocol) is not None


def _worded(phrase: Phrase, protocol: object = None) -> str | None:
    params = dict(phrase.params)
    for worder in WORDERS:
        try:
            text = worder(phrase.code, params, protocol)
        except (KeyError, TypeError, ValueError):   # parameters not as expected: the rules' own words
            text = None
        if text is not None:
            return text
    return None


def said(phrase: Phrase, protocol: object = None) -> str:
    """One phrase in the window's language (the rules' English if the code is unknown here).
    `protocol`: the protocol whose field labels (and their Japanese) the phrase names."""
    if language.current() == "en":
        return phrase.text      # the rules' English is the English sentence (tests/ui/test_explanations.py)
    text = _worded(phrase, protocol)
    return phrase.text if text is None else text


def joined(phrases: Iterable[Phrase], protocol: object = None) -> str:
    return tr("; ").join(said(p, protocol) for p in phrases)


def crs_line(proposal, problem: Exception | None = None) -> str:
    """The infusion screen's CRS line: the proposal with its reasons and note, or why none can be made."""
    if proposal is None:
        from nkdesk.ui.messages import problem_sentence

        return tr("CRS proposal (ASTCT 2019) not possible: {0}").format(problem_sentence(problem))
    if proposal.grade == 0:
        return tr("CRS (ASTCT 2019): no grade proposed — {0}.").format(joined(proposal.reason_phrases))
    return tr("CRS proposal (ASTCT 2019): grade {0} — {1}. {2}.").format(
        proposal.grade, joined(proposal.reason_phrases), said(proposal.note_phrase))


# ---------------------------------------------------------------- prompt reports (Art. 35, issue 13)

def _report(code: str, p: dict[str, object], protocol: object = None) -> str | None:
    days = p.get("days")
    if code == "report.due_in":
        return tr("due in 1 day") if days == 1 else tr("due in {0} days").format(days)
    if code == "report.due_today":
        return tr("due today")
    if code == "report.overdue":
        return tr("overdue by 1 day") if days == 1 else tr("overdue by {0} days").format(days)
    return None


WORDERS = (*WORDERS, _report)


def report_due(status, *, lead: bool = False) -> str:
    """A prompt report's clock in words ("due in 3 days"; 報告期限まであと3日). `lead`: the banner's
    opening words — in capitals when overdue (English), with the report's kind (7日報告) in Japanese."""
    phrase = getattr(status, "due_phrase", None)
    text = status.due_words if phrase is None else said(phrase)
    if language.current() == "en":
        return text.upper() if lead and text.startswith("overdue") else text
    return tr("{0}-day report: {1}").format(status.days, text) if lead else text


def report_recipients(status) -> str:
    """Who still has to receive the report, in words (the rules' English when the codes are not known)."""
    names = {"committee": tr("the certified committee for regenerative medicine"),
             "mhlw": tr("the Ministry of Health, Labour and Welfare (MHLW)")}
    codes = getattr(status, "outstanding_codes", ())
    if not codes:
        return " and ".join(status.outstanding)
    return tr(" and ").join(names.get(c, c) for c in codes)


def report_text(status, name: str) -> str:
    """The protocol file's text (`category`, `law`, `protocol_wording`) in the window's language."""
    from nkdesk.rules.protocol import text_in

    return text_in(status, name, language.current())


# ---------------------------------------------------------------- eligibility evidence (rules/criteria.py)

def _label(p: dict[str, object], protocol: object, key: str = "path") -> str:
    from nkdesk.ui.messages import field_label

    return field_label(str(p[key]), protocol)


def _value(value: object) -> str:
    if value is True:
        return tr("yes")
    if value is False:
        return tr("no")
    return words.sex(str(value)) if value in ("F", "M") else str(value)


def _crit(code: str, p: dict[str, object], protocol: object = None) -> str | None:
    if code == "crit.missing":
        return tr("{0}: missing").format(_label(p, protocol))
    if code == "crit.finding":
        return tr("{0}: {1}").format(_label(p, protocol), _value(p["value"]))
    if code == "crit.field_in":
        shown = tr("{0} {1}").format(_label(p, protocol), _value(p["value"]))
        if p["ok"]:
            return shown
        wanted = tr(" or ").join(_value(v) for v in p["wanted"])
        return tr("{0} (needs {1})").format(shown, wanted)
    if code == "crit.age_missing":
        from nkdesk.ui.messages import field_label

        return tr("age: missing {0}").format(tr(" and ").join(field_label(str(x), protocol) for x in p["paths"]))
    if code == "crit.age":
        text = tr("age {0} y on {1}").format(p["age"], p["on"])
        return text if p["ok"] else text + tr(" (needs {0}–{1} y)").format(p["low"], p["high"])
    if code == "crit.compare":
        text = tr("{0} {1} {2} {3}").format(_label(p, protocol), p["shown"], p["relation"], p["limit"])
        if p["boundary"]:
            operative = (tr("on the cut-off: meets {0} {1} as the criteria section states (operative)") if p["ok"]
                         else tr("on the cut-off: does not meet {0} {1} as the criteria section states (operative)"))
            also = (tr("would meet {0} {1} as the source also states") if p["other"]
                    else tr("would not meet {0} {1} as the source also states"))
            text += tr(": {0}, {1}").format(operative.format(p["op"], p["limit"]), also.format(p["also"], p["limit"]))
        return text + (tr(" (threshold to be confirmed)") if p["to_be_confirmed"] else "")
    if code == "crit.not_applicable":
        return tr("not applicable ({0} {1})").format(_label(p, protocol), _value(p["value"]))
    if code == "crit.at_least":
        return tr("{0} of {1} (needs ≥ {2})").format(p["true"], p["total"], p["needed"])
    if code == "crit.dated_needs":
        return tr("{0} {1}: the {2} is needed to decide").format(_label(p, protocol), p["when"],
                                                                _label(p, protocol, "anchor"))
    if code == "crit.dated":
        sentence = (tr("{0} {1}: within {2} calendar months before {3} (from {4})") if p["within"]
                    else tr("{0} {1}: more than {2} calendar months before {3} (from {4})"))
        return sentence.format(_label(p, protocol), p["when"], p["months"], p["on"], p["start"])
    if code == "crit.days_between":
        sentence = (tr("{0} {1}, {2} {3}: {4} days ({5} {6} days)") if p["holds"]
                    else tr("{0} {1}, {2} {3}: {4} days (not {5} {6} days)"))
        return sentence.format(_label(p, protocol, "first"), p["start"], _label(p, protocol, "second"), p["end"],
                               p["span"], p["op"], p["days"])
    if code == "eligibility.warning":
        from nkdesk.rules.protocol import text_in

        evidence = joined(p["evidence"], protocol)
        return tr("{0}: {1}: {2}").format(p["criterion"], evidence, text_in(p, "text", language.current()))
    return None


WORDERS = (*WORDERS, _crit)


def evidence(result, protocol: object = None) -> str:
    """A criterion's evidence in the window's language (its phrases; the rules' English without them)."""
    phrases = getattr(result, "evidence_phrases", ())
    return joined(phrases, protocol) if phrases and language.current() != "en" else result.evidence


def warnings(result, protocol: object = None) -> tuple[str, ...]:
    """The eligibility cross-checks that hold, in the window's language."""
    phrases = getattr(result, "warning_phrases", ())
    if not phrases or language.current() == "en":
        return tuple(result.warnings)
    return tuple(said(p, protocol) for p in phrases)


def protocol_text(item: object, name: str) -> str:
    """A protocol file's text (an open point's title, …) in the window's language (protocol.text_in)."""
    from nkdesk.rules.protocol import text_in

    return text_in(item, name, language.current())


def meaning(check: object) -> str:
    """A signature's meaning as stored ("eligibility confirmed") in the window's language, as the forms
    word it; `check` is a signature check (`.signature.meaning`), a stored meaning, or None ("")."""
    if check is None:
        return ""
    stored = check if isinstance(check, str) else check.signature.meaning
    return words.forms_word(stored)


# ---------------------------------------------------------------- calcium correction (rules/ctcae_calcium.py)

def _calcium_rule(rule: object, albumin: object) -> str:
    if rule == "jp":
        return tr("corrected Ca = Ca + 1.0 × (4.0 − Alb g/dL), only when Alb < 4.0 g/dL (Japanese labelling)")
    if rule == "payne":
        return tr("corrected Ca = Ca + 0.8 × (4.0 − Alb g/dL), only when Alb < 4.0 g/dL (Payne 1973)")
    if rule == "albumin_normal":
        return tr("albumin {0} g/dL ≥ 4.0 g/dL: not corrected (a correction downwards would invent "
                  "hypocalcaemia)").format(f"{float(albumin):g}")
    return tr("no albumin given: the value is taken as already corrected")


def _calcium(code: str, p: dict[str, object], protocol: object = None) -> str | None:
    from nkdesk.rules.units import display_unit

    if not code.startswith("calcium."):
        return None
    measured = f"{float(p['measured']):g} {display_unit(str(p['measured_unit']))}"
    if code == "calcium.ionised":
        return tr("ionised calcium {0} (CTCAE ionised column; not corrected for albumin)").format(measured)
    if code == "calcium.not_corrected":
        return tr("calcium {0}, not corrected ({1})").format(measured, _calcium_rule(p["rule"], p["albumin_g_dl"]))
    if code == "calcium.corrected":
        corrected = f"{float(p['corrected']):g} {display_unit(str(p['corrected_unit']))}"
        return tr("calcium {0} measured, {1} corrected for albumin {2} g/dL ({3})").format(
            measured, corrected, f"{float(p['albumin_g_dl']):g}", _calcium_rule(p["rule"], None))
    return None


WORDERS = (*WORDERS, _calcium)


def calcium(grading) -> str:
    """How a calcium value was graded (measured, corrected, the rule) in the window's language."""
    return said(grading.describe_phrase())


def range_source(source: str) -> str:
    """Where a normal range came from (rules/normal_ranges.py: the JCCLS intervals, the site's, none)."""
    from nkdesk.rules.normal_ranges import SOURCE

    unknown_sex = " (sex-specific; sex unknown)"
    tail = ""
    if source.endswith(unknown_sex):
        source, tail = source[:-len(unknown_sex)], tr(" (sex-specific; sex unknown)")
    named = {SOURCE: tr("JCCLS common reference intervals (Japan)"), "site": tr("site"), "not set": tr("not set")}
    return named.get(source, source) + tail


# ---------------------------------------------------------------- vital-sign findings (rules/vitals.py)

def _news2_parameter(name: object) -> str:
    names = {"respiration_rate": tr("respiration rate"), "spo2": tr("SpO2"), "systolic_bp": tr("systolic pressure"),
             "pulse": tr("pulse"), "temperature": tr("temperature"), "air_or_oxygen": tr("supplemental oxygen")}
    return names.get(str(name), str(name))


def _vitals(code: str, p: dict[str, object], protocol: object = None) -> str | None:
    if code == "vitals.alert_limits":
        return tr("outside the infusion's alert limits {0}–{1}: critical alert").format(p["low"], p["high"])
    if code == "vitals.outside_normal":
        return tr("outside normal {0}–{1}: needs a reason").format(p["low"], p["high"])
    if code == "vitals.news2_acvpu":
        return tr("NEWS2 (RCP 2017) scores new confusion, V, P or U as 3: critical alert")
    if code == "vitals.news2":
        shown = tr("{0} {1}").format(_news2_parameter(p["parameter"]), p["value"]) if p["value"] else \
            _news2_parameter(p["parameter"])
        if p["tier"] == "critical":
            return tr("NEWS2 (RCP 2017) scores {0} as {1}: critical alert").format(shown, p["points"])
        return tr("NEWS2 (RCP 2017) scores {0} as {1}: outside normal, needs a reason").format(shown, p["points"])
    return None


WORDERS = (*WORDERS, _vitals)


def finding_rule(assessment, finding) -> str:
    """Why a vital sign is outside its limits (the limit crossed, or NEWS2's score) in the window's language."""
    phrase = getattr(assessment, "rule_phrases", {}).get(finding.name)
    return finding.rule if phrase is None else said(phrase)


def placement_words(placement) -> str:
    """Where a vital-sign set would be stored when its row and its clock time disagree
    (services.vitals.Placement.words), in the window's language."""
    if language.current() == "en":
        return placement.words
    from nkdesk.rules import vitals

    minutes = placement.minutes
    if minutes is None:
        when = tr("at an unknown time")
    elif minutes < 0:
        when = tr("{0} min before the start").format(-minutes)
    else:
        when = tr("{0} min after the start").format(minutes)
    row = words.vital_set(vitals.time_point_label(placement.row_min)) if placement.row_min is not None else \
        tr("an extra set")
    return tr("This set was measured {0}: it is stored as “{1}”, not as “{2}”.").format(
        when, words.vital_set(placement.label), row)
