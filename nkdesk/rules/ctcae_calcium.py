"""Calcium in CTCAE grading: albumin correction of total calcium, ionised calcium, and the warning
for a total calcium low enough to be an ionised value (the rules are in ctcae.py's docstring and
../shared/cli-contract.md, `nkdesk grade`). ctcae.grade calls `grade_calcium` for the calcium terms.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from nkdesk.rules import units
from nkdesk.rules.errors import InputError
from nkdesk.rules.phrases import Phrase

# Albumin correction of total calcium (../shared/cli-contract.md, `grade`): k in mg/dL per g/dL.
CA_CORRECTIONS: dict[str, float] = {
    "jp": 1.0,      # Japanese labelling, e.g. denosumab (Ranmark/Pralia) label: Ca − Alb + 4.0 when Alb < 4.0 g/dL
    "payne": 0.8,   # Payne RB, Little AJ, Williams RB, Milner JR. BMJ 1973;4:643–646
}
CA_CORRECTION_RULES: dict[str, str] = {
    "jp": "corrected Ca = Ca + 1.0 × (4.0 − Alb g/dL), only when Alb < 4.0 g/dL (Japanese labelling)",
    "payne": "corrected Ca = Ca + 0.8 × (4.0 − Alb g/dL), only when Alb < 4.0 g/dL (Payne 1973)",
}
DEFAULT_CA_CORRECTION = "jp"
REFERENCE_ALBUMIN_G_DL = 4.0
# A measured total calcium under this is more likely an ionised value typed as total (citrate
# toxicity during apheresis gives ionised Ca ≈ 1.0 mmol/L): graded as total, with a warning.
IONISED_SUSPECT_BELOW = {"mmol/L": 1.5, "mg/dL": 6.0}
IONISED_WARNING = ("measured total calcium {value} {unit} is below 1.5 mmol/L (6.0 mg/dL): graded as total "
                   "calcium (grade 4 is real if it was total), but was it ionised calcium? (--ionized)")


@dataclass(frozen=True)
class CalciumGrading:
    """How a calcium value was graded: as measured, corrected (or not) and by which rule.

    `correction` is "jp", "payne" or None (no albumin, albumin ≥ 4.0 g/dL, or ionised calcium);
    `corrected_value` is the value graded, in `corrected_unit` (the CTCAE column graded).
    """

    measured_value: float
    measured_unit: str
    corrected_value: float
    corrected_unit: str
    correction: str | None
    rule: str
    ionized: bool = False
    albumin_g_dl: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"corrected_value": self.corrected_value, "corrected_unit": self.corrected_unit,
                "correction": self.correction, "measured_value": self.measured_value,
                "measured_unit": self.measured_unit, "correction_rule": self.rule, "ionized": self.ionized,
                "albumin_g_dl": self.albumin_g_dl}

    def describe_phrase(self) -> Phrase:
        """`describe()` as a code with its parameters (calcium.ionised / calcium.not_corrected /
        calcium.corrected; `rule` ∈ jp, payne, no_albumin, albumin_normal, ionised), for the window."""
        if self.ionized:
            code, rule = "calcium.ionised", "ionised"
        elif self.correction is None:
            code, rule = "calcium.not_corrected", "no_albumin" if self.albumin_g_dl is None else "albumin_normal"
        else:
            code, rule = "calcium.corrected", self.correction
        return Phrase(code, {"measured": self.measured_value, "measured_unit": self.measured_unit,
                             "corrected": self.corrected_value, "corrected_unit": self.corrected_unit,
                             "albumin_g_dl": self.albumin_g_dl, "rule": rule}, self.describe())

    def describe(self) -> str:
        """Measured and corrected values with the rule, as forms and proposals show them."""
        measured = f"{self.measured_value:g} {units.display_unit(self.measured_unit)}"
        if self.ionized:
            return f"ionised calcium {measured} (CTCAE ionised column; not corrected for albumin)"
        if self.correction is None:
            return f"calcium {measured}, not corrected ({self.rule})"
        corrected = f"{self.corrected_value:g} {units.display_unit(self.corrected_unit)}"
        return (f"calcium {measured} measured, {corrected} corrected for albumin "
                f"{self.albumin_g_dl:g} g/dL ({self.rule})")


def correction_rule(ca_correction: str | None) -> str:
    """The albumin-correction rule asked for ("jp" when none is given); InputError for any other."""
    rule = DEFAULT_CA_CORRECTION if ca_correction is None else str(ca_correction).strip().lower()
    if rule not in CA_CORRECTIONS:
        raise InputError("ca_correction", f"'{ca_correction}' is not a calcium correction "
                                          f"({' or '.join(CA_CORRECTIONS)})", code="bad_correction")
    return rule


def ionised_suspect(measured: units.Measured) -> str:
    """The warning for a measured total calcium low enough to be an ionised value, else ""."""
    for unit, below in IONISED_SUSPECT_BELOW.items():
        if units.same_unit(measured.unit, unit):
            low = measured.to_rounded(unit) < below
            break
    else:
        low = measured.to_rounded("mmol/L") < IONISED_SUSPECT_BELOW["mmol/L"]
    if not low:
        return ""
    return IONISED_WARNING.format(value=f"{measured.magnitude:g}", unit=units.display_unit(measured.unit))


def corrected_value(calcium: units.Measured, albumin_g_dl: float, k: float, column: str) -> float:
    """Corrected calcium in `column`: measured + k × (4.0 − albumin g/dL) mg/dL, the amount converted
    to the column's unit (mg/dL → mmol/L × 0.2495), so a mmol/L value stays on the mmol/L column."""
    amount_mg_dl = k * (REFERENCE_ALBUMIN_G_DL - albumin_g_dl)
    amount = units.convert(units.quantity_of(amount_mg_dl, "mg/dL"), column, analyte="calcium")
    return units.round_sig(calcium.to(column) + amount)


def grade_calcium(measured: units.Measured, x: float, column: str, albumin: units.Measured | None, rule: str, *,
                  ionized: bool) -> tuple[float, bool, CalciumGrading, str]:
    """The calcium value to grade on `column` (`x` is the measured value there), whether it was
    corrected, how, and the ionised-calcium warning ("" when none): see the module docstring."""
    calcium = CalciumGrading(measured_value=measured.magnitude, measured_unit=measured.unit,
                             corrected_value=x, corrected_unit=column, correction=None,
                             rule=("ionised calcium: CTCAE's ionised column, no albumin correction" if ionized
                                   else "no albumin given: the value is taken as already corrected"),
                             ionized=ionized)
    corrected = False
    if albumin is not None:
        alb_g_dl = albumin.to_rounded("g/dL")
        if alb_g_dl < REFERENCE_ALBUMIN_G_DL:
            x = corrected_value(measured, alb_g_dl, CA_CORRECTIONS[rule], column)
            corrected = True
            calcium = replace(calcium, corrected_value=x, correction=rule, rule=CA_CORRECTION_RULES[rule],
                              albumin_g_dl=alb_g_dl)
        else:
            calcium = replace(calcium, albumin_g_dl=alb_g_dl,
                              rule=f"albumin {alb_g_dl:g} g/dL ≥ {REFERENCE_ALBUMIN_G_DL:.1f} g/dL: not corrected "
                                   f"(a correction downwards would invent hypocalcaemia)")
    return x, corrected, calcium, ("" if ionized else ionised_suspect(measured))
