"""Words the window shows for values that come from data (a patient's state, a role, an order's
status, an export format), in the user's language.

lupdate extracts only literal text, so each table here is written with QT_TRANSLATE_NOOP in the
"Words" context, and shown with `QCoreApplication.translate("Words", …)` at display time (the
language may change while the window is open). The keys are the stored codes; an unknown code is
shown as it is, never hidden.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

PATIENT_STATES = {
    "screening": QT_TRANSLATE_NOOP("Words", "screening"),
    "screen_failed": QT_TRANSLATE_NOOP("Words", "not eligible"),
    "eligible_awaiting_dose": QT_TRANSLATE_NOOP("Words", "eligible, awaiting dose"),
    "on_treatment": QT_TRANSLATE_NOOP("Words", "on treatment"),
    "mid_infusion": QT_TRANSLATE_NOOP("Words", "mid-infusion"),
    "suspended": QT_TRANSLATE_NOOP("Words", "suspended"),
    "discontinued": QT_TRANSLATE_NOOP("Words", "discontinued"),
    "completed": QT_TRANSLATE_NOOP("Words", "completed"),
}
ROLES = {
    "investigator": QT_TRANSLATE_NOOP("Words", "investigator"),
    "pharmacist": QT_TRANSLATE_NOOP("Words", "pharmacist"),
    "research_nurse": QT_TRANSLATE_NOOP("Words", "research nurse"),
    "administrator": QT_TRANSLATE_NOOP("Words", "administrator"),
}
# What an adverse event still lacks (services.adverse_events.missing names them so)
AE_PARTS = {
    "grade": QT_TRANSLATE_NOOP("Words", "grade"),
    "onset": QT_TRANSLATE_NOOP("Words", "onset"),
    "relationship": QT_TRANSLATE_NOOP("Words", "relationship"),
    "seriousness": QT_TRANSLATE_NOOP("Words", "seriousness"),
    "outcome (or ongoing)": QT_TRANSLATE_NOOP("Words", "outcome (or ongoing)"),
}
SEXES = {"F": QT_TRANSLATE_NOOP("Words", "F"), "M": QT_TRANSLATE_NOOP("Words", "M")}
EXPORT_FORMATS = {
    "odm": QT_TRANSLATE_NOOP("Words", "CDISC ODM 1.3.2 (XML)"),
    "redcap": QT_TRANSLATE_NOOP("Words", "REDCap (CSV files)"),
    "fhir": QT_TRANSLATE_NOOP("Words", "FHIR R4 (JSON bundle)"),
}


def shown(table: dict[str, str], code: str) -> str:
    """The code's words in the current language (the code itself if the table lacks it)."""
    text = table.get(code)
    return code if text is None else QCoreApplication.translate("Words", text)


def patient_state(code: str) -> str:
    return shown(PATIENT_STATES, code)


def role(code: str) -> str:
    return shown(ROLES, code)


def ae_part(name: str) -> str:
    """A part an incomplete adverse event lacks ("grade", "outcome (or ongoing)"), in words."""
    return shown(AE_PARTS, name)


# The analytes' labels (nkdesk.rules.analytes), keyed by analyte name: the Labs tab's rows, the lab
# history's row headers and the trend's title. tests/ui/test_words.py keeps it whole.
ANALYTES = {
    "hemoglobin": QT_TRANSLATE_NOOP("Words", "Haemoglobin"),
    "platelets": QT_TRANSLATE_NOOP("Words", "Platelets"),
    "wbc": QT_TRANSLATE_NOOP("Words", "White blood cells"),
    "neutrophils": QT_TRANSLATE_NOOP("Words", "Neutrophils"),
    "lymphocytes": QT_TRANSLATE_NOOP("Words", "Lymphocytes"),
    "afp": QT_TRANSLATE_NOOP("Words", "AFP"),
    "pivka2": QT_TRANSLATE_NOOP("Words", "PIVKA-II"),
    "bilirubin": QT_TRANSLATE_NOOP("Words", "Total bilirubin"),
    "creatinine": QT_TRANSLATE_NOOP("Words", "Creatinine"),
    "ast": QT_TRANSLATE_NOOP("Words", "AST"),
    "alt": QT_TRANSLATE_NOOP("Words", "ALT"),
    "alp": QT_TRANSLATE_NOOP("Words", "ALP"),
    "sodium": QT_TRANSLATE_NOOP("Words", "Sodium"),
    "potassium": QT_TRANSLATE_NOOP("Words", "Potassium"),
    "calcium": QT_TRANSLATE_NOOP("Words", "Calcium"),
    "ionized_calcium": QT_TRANSLATE_NOOP("Words", "Ionised calcium"),
    "albumin": QT_TRANSLATE_NOOP("Words", "Albumin"),
    "temperature": QT_TRANSLATE_NOOP("Words", "Temperature"),
    "height": QT_TRANSLATE_NOOP("Words", "Height"),
    "weight": QT_TRANSLATE_NOOP("Words", "Weight"),
    "ejection_fraction": QT_TRANSLATE_NOOP("Words", "Ejection fraction"),
}


def analyte(name: str, label: str) -> str:
    """An analyte's label in the current language (its own English label if the table lacks it)."""
    text = ANALYTES.get(name)
    return label if text is None else QCoreApplication.translate("Words", text)


# -- words the forms already carry (forms/words_ja.py: the one Japanese for these facts; the window
# shows the same words as the printed calendar and summary)
def forms_word(english: str) -> str:
    """An English word of the forms' catalogue in the window's language (itself if the catalogue lacks it)."""
    from nkdesk.forms.words_ja import JA
    from nkdesk.ui import language

    return JA.get(english, english) if language.current() == "ja" else english


def event_kind(code: str) -> str:
    """A treatment-calendar event's kind (gcsf, apheresis, medium_add, …) as the calendar form names it."""
    from nkdesk.forms.terms import KIND_WORDS

    return forms_word(KIND_WORDS.get(code, code))


def event_status(code: str) -> str:
    """A calendar event's status (planned, in_progress, done, cancelled) in words."""
    return forms_word(code.replace("_", " "))


def oxygen_device(code: str) -> str:
    """An oxygen device code (rules.vitals.OXYGEN_DEVICES) in words, as the vital-signs form names it."""
    from nkdesk.rules.vitals import OXYGEN_DEVICES

    return forms_word(OXYGEN_DEVICES.get(code, code))


def in_forms_words(render: Callable[[], str]) -> str:
    """A text a forms module composes (forms.words.say), in the window's language: the window shows
    the same line the form prints (e.g. the dose order's exact values)."""
    from nkdesk.forms.words import printing_in
    from nkdesk.ui import language

    with printing_in("ja" if language.current() == "ja" else "en"):
        return render()


def dose(ug: float | None) -> str:
    """A daily dose as the dose-order form prints it (619.8 µg/day; µg/日 in Japanese)."""
    from nkdesk.forms import dose_figures

    return in_forms_words(lambda: dose_figures.dose(ug))


def vital_set(label: str) -> str:
    """A vital-sign set's label ("1 h after start", "unscheduled, 74 min after start") as the
    vital-signs form words it, in the window's language."""
    from nkdesk.forms.terms import time_point_words

    return in_forms_words(lambda: time_point_words(label))


def choice(path: str, value: object) -> str:
    """A protocol field's choice as the window shows it: sex in words (女性 / 男性), others as stored."""
    return sex(str(value)) if path == "sex" else str(value)


def sex(code: str | None) -> str:
    """F / M as stored (女性 / 男性 in Japanese); "—" when not recorded."""
    return shown(SEXES, code) if code else "—"


# English names written out: strftime's %a and %b follow the C library's locale, which Qt sets from
# the workstation's (a Japanese workstation would show 日 and 11月 in the English window)
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def weekday_date(day: date) -> str:
    """A date with its weekday: "Fri 2026-12-04", or "2026-12-04（金）" in Japanese (the forms' weekdays)."""
    from nkdesk.forms.words_ja import WEEKDAYS_JA
    from nkdesk.ui import language

    if language.current() == "ja":
        return f"{day.isoformat()}（{WEEKDAYS_JA[day.weekday()]}）"
    return f"{_WEEKDAYS_EN[day.weekday()]} {day.isoformat()}"


def ae_term(name: str) -> str:
    """An adverse event's term: CTCAE v5.0's name in the current language (JCOG's Japanese,
    rules.ctcae `Term.name_in`); a free term as typed."""
    from nkdesk.rules import ctcae
    from nkdesk.ui import language

    term = ctcae.find_term(name)
    return name if term is None else term.name_in(language.current())


def stop_reason(code: str) -> str:
    """Why treatment stops or is suspended (a stored reason code), as the patient summary prints it."""
    from nkdesk.forms.terms import STOP_REASONS

    return forms_word(STOP_REASONS.get(code, code.replace("_", " ")))


def vital_finding(code: str) -> str:
    """A vital-sign alert's parameter (systolic_mmhg, spo2_pct, …) as the vital-signs record names it."""
    from nkdesk.forms.terms import ALERT_WORDS

    found = ALERT_WORDS.get(code)
    return code if found is None else forms_word(found[0])


def day_and_month(day: date) -> str:
    """A near date, short: "16 Dec", or "12月16日" in Japanese."""
    from nkdesk.ui import language

    return f"{day.month}月{day.day}日" if language.current() == "ja" else f"{day.day:02d} {_MONTHS_EN[day.month - 1]}"


def listed(items: Iterable[str]) -> str:
    """Names in a run: "Hb, Platelets" — "Hb、血小板数" in Japanese (the 読点 between items)."""
    from nkdesk.ui import language

    return ("、" if language.current() == "ja" else ", ").join(items)


def clauses(items: Iterable[str]) -> str:
    """Parts of one line: "missing: Hb; the labs …" — "；" between them in Japanese."""
    from nkdesk.ui import language

    return ("；" if language.current() == "ja" else "; ").join(items)


# Stocked syringes' product names (site data: domain.settings.Syringe.name and its Japanese name_ja),
# keyed by the English name an order stores; the site's own stock is added when its settings load.
_SYRINGE_NAMES_JA: dict[str, str] = {}


def know_syringes(syringes: object) -> None:
    """Remember the Japanese product names of the site's syringes (Session.reload_settings calls this)."""
    for syringe in syringes or ():
        if getattr(syringe, "name", "") and getattr(syringe, "name_ja", ""):
            _SYRINGE_NAMES_JA[syringe.name] = syringe.name_ja


def syringe_name(name: str) -> str:
    """A syringe's product name as an order stores it, in the window's language (the site data's
    Japanese name; the default stock's when the site has not named its own)."""
    from nkdesk.domain.settings import DEFAULT_SYRINGES
    from nkdesk.ui import language

    if language.current() != "ja" or not name:
        return name
    if not _SYRINGE_NAMES_JA:
        know_syringes(DEFAULT_SYRINGES)
    return _SYRINGE_NAMES_JA.get(name, name)
