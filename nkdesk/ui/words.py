"""Words the window shows for values that come from data (a patient's state, a role, an order's
status, an export format), in the user's language.

lupdate extracts only literal text, so each table here is written with QT_TRANSLATE_NOOP in the
"Words" context, and shown with `QCoreApplication.translate("Words", …)` at display time (the
language may change while the window is open). The keys are the stored codes; an unknown code is
shown as it is, never hidden.
"""
from __future__ import annotations

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
