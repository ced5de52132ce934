"""A dose order's figures at the precision a clinician reads, the same on screen and on paper.

Height and weight to 0.1 (157.5 cm, 54.9 kg), the BSA to 0.01 m² (1.55 m²), the daily dose to
0.1 µg (619.8 µg/day). The unrounded values stay stored and are what the rules compute with; they
are shown only in the "exact values" line, for the pharmacist who checks the arithmetic.
"""
from __future__ import annotations

from nkdesk.forms.words import language, say


def _tenth(value: float) -> str:
    """One decimal, without a trailing ".0" for whole numbers (170 cm, 157.5 cm)."""
    return f"{round(value, 1):g}" if abs(value) < 1e5 else f"{value:.1f}"


def height(cm: float | None) -> str:
    return "—" if cm is None else f"{_tenth(cm)} cm"


def weight(kg: float | None) -> str:
    return "—" if kg is None else f"{_tenth(kg)} kg"


def bsa(m2: float | None) -> str:
    return "—" if m2 is None else f"{m2:.2f} m²"


def dose(ug: float | None, per: str = "/day") -> str:
    if ug is None:
        return "—"
    # "/日" when the words are Japanese only (in "both" the English unit stands beside the Japanese text)
    return f"{ug:.1f} µg{'/日' if per == '/day' and language() == 'ja' else per}"


def exact_values(height_cm: float | None, weight_kg: float | None, bsa_m2: float | None,
                 daily_dose_ug: float | None) -> str:
    """The stored, unrounded figures in one line (for the pharmacist), in the forms' language."""
    parts = [f"{say(name)} {value!r} {unit}" for name, value, unit in (
        ("height", height_cm, "cm"), ("weight", weight_kg, "kg"), ("BSA", bsa_m2, "m²"),
        ("daily dose", daily_dose_ug, "µg")) if value is not None]
    return say("Exact values (as stored and computed with): {values}", values=", ".join(parts))
