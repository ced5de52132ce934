"""Problems in words: an `InputError` rendered from its code as one sentence a nurse understands,
naming the field by the label on screen ("Date of birth", "Haemoglobin"), never by its internal id
("birth_date", "labs.hemoglobin"), and saying what was probably meant.

The rules raise a code with its parameters (`InputError.code`, `.params`) and an English sentence
for the command line; the window words the codes it knows here (translatable with `tr`) and falls
back to the rules' own sentence, still under the field's label, for the others.
"""
from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from nkdesk.rules import analytes
from nkdesk.rules.protocol import text_in
from nkdesk.rules.units import display_unit
from nkdesk.ui import language, refusals
from nkdesk.ui.words import analyte

# Labels of the fields the window's forms show that neither the analyte table nor a protocol names.
FIELD_LABELS = {
    "study_id": QT_TRANSLATE_NOOP("messages", "Study ID"), "initials": QT_TRANSLATE_NOOP("messages", "Initials"),
    "birth_date": QT_TRANSLATE_NOOP("messages", "Date of birth"), "sex": QT_TRANSLATE_NOOP("messages", "Sex"),
    "hospital_id": QT_TRANSLATE_NOOP("messages", "Hospital ID"),
    "sampled_on": QT_TRANSLATE_NOOP("messages", "Sampled on"),
    "apheresis": QT_TRANSLATE_NOOP("messages", "Apheresis date"), "reason": QT_TRANSLATE_NOOP("messages", "Reason"),
    "password": QT_TRANSLATE_NOOP("messages", "Password"), "username": QT_TRANSLATE_NOOP("messages", "User name"),
    "grade": QT_TRANSLATE_NOOP("messages", "Grade"), "term": QT_TRANSLATE_NOOP("messages", "Term"),
    "onset": QT_TRANSLATE_NOOP("messages", "Onset"), "resolution": QT_TRANSLATE_NOOP("messages", "Resolution"),
    "labs": QT_TRANSLATE_NOOP("messages", "Lab results"),
    "calcium_was": QT_TRANSLATE_NOOP("messages", "Calcium measured as"),
    "investigator_aware_on": QT_TRANSLATE_NOOP("messages", "Day the investigator learned of it"),
    "worst_grade": QT_TRANSLATE_NOOP("messages", "Highest grade"),
    "serious_criteria": QT_TRANSLATE_NOOP("messages", "Serious criteria"),
    "relatedness": QT_TRANSLATE_NOOP("messages", "Relationship"),
    "outcome": QT_TRANSLATE_NOOP("messages", "Outcome"), "cycle": QT_TRANSLATE_NOOP("messages", "Cycle"),
    # fields the services name in their refusals (ui/refusals.py words the problem)
    "reported_at": QT_TRANSLATE_NOOP("messages", "Reported at"), "sent_on": QT_TRANSLATE_NOOP("messages", "Sent on"),
    "recipient": QT_TRANSLATE_NOOP("messages", "Sent to"),
    "decision_note": QT_TRANSLATE_NOOP("messages", "Pharmacist's decision"),
    "verifier_dose": QT_TRANSLATE_NOOP("messages", "Your daily dose"),
    "new_password": QT_TRANSLATE_NOOP("messages", "New password"),
    "planned_on": QT_TRANSLATE_NOOP("messages", "New date"), "lifted_on": QT_TRANSLATE_NOOP("messages", "Lifted on"),
    "ended_at": QT_TRANSLATE_NOOP("messages", "Infusion end"),
    "started_at": QT_TRANSLATE_NOOP("messages", "Infusion start"),
    "measured_at": QT_TRANSLATE_NOOP("messages", "Time measured"),
    "informed": QT_TRANSLATE_NOOP("messages", "Who was informed"),
    "action": QT_TRANSLATE_NOOP("messages", "Action taken"),
    "correction_reason": QT_TRANSLATE_NOOP("messages", "Reason for the correction"),
    "time_point_min": QT_TRANSLATE_NOOP("messages", "Time point"),
    "full_name": QT_TRANSLATE_NOOP("messages", "Full name"), "role": QT_TRANSLATE_NOOP("messages", "Role"),
    "active": QT_TRANSLATE_NOOP("messages", "Account active"),
    "acknowledged": QT_TRANSLATE_NOOP("messages", "Package-insert cautions"),
    "bag_id": QT_TRANSLATE_NOOP("messages", "Bag ID"),
    "total_viable_cells": QT_TRANSLATE_NOOP("messages", "Viable cells in the bag"),
    "language": QT_TRANSLATE_NOOP("messages", "Language"), "status": QT_TRANSLATE_NOOP("messages", "Status"),
    "kind": QT_TRANSLATE_NOOP("messages", "Discontinue or suspend"),
    "reason_code": QT_TRANSLATE_NOOP("messages", "Reason for stopping"),
    "order": QT_TRANSLATE_NOOP("messages", "Dose order"), "protocol": QT_TRANSLATE_NOOP("messages", "Protocol"),
    "height": QT_TRANSLATE_NOOP("messages", "Height"), "weight": QT_TRANSLATE_NOOP("messages", "Weight"),
    "vasopressors": QT_TRANSLATE_NOOP("messages", "Vasopressors"),
    "oxygen_device": QT_TRANSLATE_NOOP("messages", "Oxygen"),
    "o2_flow_l_min": QT_TRANSLATE_NOOP("messages", "Oxygen flow"),
    "syringes": QT_TRANSLATE_NOOP("messages", "Stocked syringes"),
}


def tr(text: str) -> str:
    # lupdate files a module-level tr("…") under the empty context, so the sentences are looked up there
    return QCoreApplication.translate("", text)


def field_label(path: str, protocol=None) -> str:
    """The label a person sees for a field path: the protocol's, the analyte's, or a known form field's."""
    if protocol is not None and path in getattr(protocol, "fields", {}):
        return text_in(protocol.fields[path], "label", language.current())
    if path in FIELD_LABELS:
        return QCoreApplication.translate("messages", FIELD_LABELS[path])
    name = path.rsplit(".", 1)[-1]
    for prefix in ("labs.", "lab_", "labtab_"):
        if path.startswith(prefix):
            name = path[len(prefix):]
    spec = analytes.find(name.removesuffix("_value"))
    if spec is not None:
        return analyte(spec.name, spec.label)
    return name.replace("_", " ").capitalize()   # a field no table names: its id in words, untranslated


def _unit_words(unit: object) -> str:
    return display_unit(str(unit)) if unit else ""


def _sentence(code: str, params: Mapping[str, object], message: str) -> str | None:
    """The sentence for a code the window knows, or None (the rules' sentence is used)."""
    text = str(params.get("text", "")).strip()
    if code == "required":
        return tr("this is needed.")
    if code == "not_a_date":
        shown = f"“{text}” " if text else ""
        return tr("{0}is not a date. Type the year first: 1958-03-07 or 1958/3/7.").format(shown)
    if code == "no_such_date":
        return tr("“{0}” is not a day of the calendar: check the month and the day.").format(text)
    if code == "date_out_of_range":
        return tr("the year must be between 1900 and 2100 — a typing slip?")
    if code == "bad_initials":
        return tr("type 1 to 4 letters (A–Z), e.g. TY.")
    if code == "not_a_choice" and language.current() == "en":   # the service's English lists the choices
        return tr("choose one of the options offered ({0}).").format(message)
    if code == "no_unit":
        return tr("“{0}” needs its unit: choose or type one, e.g. g/dL.").format(text) if text else tr(
            "the unit is missing.")
    if code == "implausible":
        low, high, unit = params.get("low"), params.get("high"), _unit_words(params.get("unit"))
        slips = params.get("suggestions") or ()
        shown = [" ".join((t.split(" ", 1)[0], display_unit(t.split(" ", 1)[1]))) if " " in t else t
                 for t in map(str, slips)]
        hint = tr(" Did you mean {0}?").format(" or ".join(shown)) if shown else tr(" A typing slip?")
        return tr("this value is outside what is possible ({0:g}–{1:g} {2}).").format(low, high, unit) + hint
    if code == "decimal_comma" and params.get("suggestion"):
        return tr("use a decimal point: {0}?").format(params["suggestion"])
    if code == "duplicate" and language.current() == "en":
        return message.rstrip(".") + "." if message else None
    if code == "future":
        return tr("{0} is later than now ({1}): type the time it really was.").format(
            params.get("text", ""), params.get("now", ""))
    if code == "ionised_question":
        return tr("below 1.5 mmol/L (6.0 mg/dL): was it ionised calcium? Say which before saving.")
    return None


def _in_other_language(code: str, params: Mapping[str, object]) -> str | None:
    """A sentence from the code for a window not in English, or None.

    In English the rules' own sentence is shown (written for a nurse, with the likely slip spelled
    out: "'45,5 kg': use a decimal point — 45.5 kg?"); in Japanese it would be English, so the
    codes of typing slips are worded here from their parameters (the catalogue has their Japanese).
    """
    text = str(params.get("text", "")).strip()
    unit = str(params.get("unit", "")).strip()
    sentences = {
        "two_numbers": tr("“{text}”: two numbers. Type one number and its unit."),
        "two_units": tr("“{text}”: two units. Type one unit."),
        "unit_twice": tr("“{text}”: the unit is written twice."),
        "arithmetic": tr("“{text}”: no calculations. Type the result with its unit."),
        "full_width": tr("“{text}”: type the unit in half-width letters."),
        "hexadecimal": tr("“{text}”: type a decimal number."),
        "underscore": tr("“{text}”: no underscores in numbers."),
        "sign_after": tr("“{text}”: a sign goes before the number."),
        "two_signs": tr("“{text}”: two signs. Type one number."),
        "two_points": tr("“{text}”: more than one decimal point."),
        "bad_comma": tr("“{text}”: commas only between groups of three digits; use a decimal point for decimals."),
        "too_large": tr("“{text}” is too large: a typing slip?"),
        "too_many_digits": tr("“{text}” has too many digits: a typing slip?"),
        "exponent": tr("“{text}”: no exponents. Type the number, or a count unit such as 10^9/L."),
        "count_scale": tr("“{text}”: not a count scale labs use (10^3, 10^4, 10^9 … before /µL or /L)."),
        "not_a_number": tr("“{text}” does not start with a number."),
        "unknown_unit": tr("“{unit}” is not a unit NKDesk knows.").replace("{unit}", "{text}"),
        "wrong_unit": tr("“{unit}” is not a unit for this value.").replace("{unit}", "{text}"),
        "not_an_integer": tr("type a whole number."),
        "not_integer": tr("type a whole number."),
    }
    sentence = sentences.get(code)
    if sentence is None:
        return None
    shown = unit if code in ("unknown_unit", "wrong_unit") and unit else text
    return sentence.replace("{text}", shown)


def problem_sentence(exc) -> str:
    """The problem alone, without the field's label (beside the field it belongs to): in English
    the rules' own sentence, in another language the code worded from its parameters."""
    message = getattr(exc, "message", str(exc))
    if language.current() == "en":
        return message
    code, params = getattr(exc, "code", ""), getattr(exc, "params", {}) or {}
    return (_sentence(code, params, message) or _in_other_language(code, params)
            or refusals.input_text(code, params) or message)


def problem_words(exc, protocol=None) -> str:
    """One sentence for an InputError (anything else: its own text)."""
    field = getattr(exc, "field", None)
    message = getattr(exc, "message", str(exc))
    if field is None:   # a refusal (StorageError): its code in words, in English too
        return refusal_words(exc)
    sentence = _sentence(getattr(exc, "code", ""), getattr(exc, "params", {}) or {}, message) or problem_sentence(exc)
    if not field:
        return sentence[0].upper() + sentence[1:] if sentence else message
    return f"{field_label(field, protocol)}: {sentence}"


def refusal_words(exc) -> str:
    """What a service or the database refused, from the error's code and parameters (ui/refusals.py);
    an error without a known code in its own words."""
    code, params = getattr(exc, "code", ""), getattr(exc, "params", {}) or {}
    text = refusals.refusal_text(code, params) if isinstance(code, str) else None
    if text is None:
        return str(exc)
    backup = getattr(exc, "last_backup", None)
    if backup is not None:   # the file a restore would put back, as the command line names it
        text += tr(" The last good backup is {0}.").format(backup)
    return text


def finding_rule(assessment, finding) -> str:
    """A vital-sign finding's rule in the user's language (ui/explanations.finding_rule)."""
    from nkdesk.ui import explanations

    return explanations.finding_rule(assessment, finding)
