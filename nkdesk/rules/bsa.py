"""Body surface area: the one BSA function of the application, and the eight formulas it offers.

Height and weight arrive as quantities with units (any length or mass unit pint knows); they are
parsed by `units.parse` with the analytes "height" and "weight", so a bare number, a wrong kind of
unit or an implausible adult value (height 100–250 cm, weight 25–300 kg, ../shared/cli-contract.md)
is an `InputError`, never a guess. The BSA is kept unrounded, with the name of the formula that
produced it beside it; rounding is for display only.

Every formula below takes H in cm and W in kg (Boyd converts W to grams itself) and gives m².
The coefficients are those of ../shared/cli-contract.md; each is cited next to its coefficients.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nkdesk.rules.errors import InputError

if TYPE_CHECKING:
    from nkdesk.rules.units import Measured

DEFAULT_FORMULA = "mosteller"  # the CLI's default, always; the window's is a site setting


@dataclass(frozen=True)
class BsaFormula:
    """One published BSA formula: its key, a label, its source and the function H cm, W kg → m²."""

    name: str
    label: str
    source: str
    compute: Callable[[float, float], float]


def _mosteller(h: float, w: float) -> float:
    # Mosteller RD. Simplified calculation of body-surface area. N Engl J Med 1987;317:1098.
    return math.sqrt(h * w / 3600)


def _dubois(h: float, w: float) -> float:
    # Du Bois D, Du Bois EF. A formula to estimate the approximate surface area if height and
    # weight be known. Arch Intern Med 1916;17:863–871.
    return float(0.007184 * h ** 0.725 * w ** 0.425)


def _haycock(h: float, w: float) -> float:
    # Haycock GB, Schwartz GJ, Wisotsky DH. Geometric method for measuring body surface area: a
    # height-weight formula validated in infants, children, and adults. J Pediatr 1978;93:62–66.
    return float(0.024265 * h ** 0.3964 * w ** 0.5378)


def _gehan_george(h: float, w: float) -> float:
    # Gehan EA, George SL. Estimation of human body surface area from height and weight.
    # Cancer Chemother Rep 1970;54:225–235.
    return float(0.0235 * h ** 0.42246 * w ** 0.51456)


def _boyd(h: float, w: float) -> float:
    # Boyd E. The growth of the surface area of the human body. Minneapolis: University of
    # Minnesota Press; 1935. Weight enters in grams, with a weight-dependent exponent.
    grams = w * 1000
    return float(0.0003207 * h ** 0.3 * grams ** (0.7285 - 0.0188 * math.log10(grams)))


def _fujimoto(h: float, w: float) -> float:
    # Fujimoto S, Watanabe T, Sakamoto A, Yukawa K, Morimoto K. Studies on the physical surface
    # area of Japanese. 18. Calculation formulas in three stages over all ages. Nippon Eiseigaku
    # Zasshi (Jpn J Hyg) 1968;23(5):443–450. (Adult formula.)
    return float(0.008883 * h ** 0.663 * w ** 0.444)


def _shintani(h: float, w: float) -> float:
    # Shintani (新谷) formula: Du Bois's exponents with the constant 73.58 cm² (= 0.007358 m²), as
    # tabulated in Japanese BSA comparisons (e.g. Tomita A, Miyamoto S, Horikoshi T. Jpn J
    # Biometeorol 1999;36:43–51) and in ../shared/cli-contract.md; the original paper was not
    # located, so the constant is taken from those tables.
    return float(0.007358 * h ** 0.725 * w ** 0.425)


def _takahira(h: float, w: float) -> float:
    # Takahira H, 1925 (in Japanese; not seen): Du Bois's exponents refitted to Japanese adults.
    # Published constants differ: 0.007241 in ../shared/cli-contract.md and in the English formula
    # tables that cite Fujimoto et al. 1968 (above) for it; 0.007246 (72.46 cm²) in Japanese
    # references (e.g. the medicalware.org entry 高比良の式). NKDesk uses 0.007241, as the
    # contract specifies; the two differ by 0.07 % (≈ 0.001 m² at 1.75 m²).
    return float(0.007241 * h ** 0.725 * w ** 0.425)


FORMULAS: dict[str, BsaFormula] = {f.name: f for f in (
    BsaFormula("mosteller", "Mosteller", "Mosteller RD. N Engl J Med 1987;317:1098", _mosteller),
    BsaFormula("dubois", "DuBois & DuBois", "Du Bois D, Du Bois EF. Arch Intern Med 1916;17:863", _dubois),
    BsaFormula("haycock", "Haycock", "Haycock GB et al. J Pediatr 1978;93:62", _haycock),
    BsaFormula("gehan-george", "Gehan & George", "Gehan EA, George SL. Cancer Chemother Rep 1970;54:225",
               _gehan_george),
    BsaFormula("boyd", "Boyd", "Boyd E. The growth of the surface area of the human body, 1935", _boyd),
    BsaFormula("fujimoto", "Fujimoto", "Fujimoto S et al. Nippon Eiseigaku Zasshi 1968;23:443", _fujimoto),
    BsaFormula("shintani", "Shintani", "Shintani (constant 0.007358, Du Bois exponents)", _shintani),
    BsaFormula("takahira", "Takahira", "Takahira H. 1925 (constant 0.007241; 0.007246 in some sources)",
               _takahira),
)}


@dataclass(frozen=True)
class BodySurfaceArea:
    """A BSA as computed: unrounded m², the formula's key, and the height and weight it used."""

    bsa_m2: float
    formula: str
    height_cm: float
    weight_kg: float

    @property
    def source(self) -> str:
        return FORMULAS[self.formula].source

    def to_json(self) -> dict[str, Any]:
        return {"bsa_m2": self.bsa_m2, "formula": self.formula, "height_cm": self.height_cm,
                "weight_kg": self.weight_kg, "source": self.source}


def formula_named(name: str) -> BsaFormula:
    """The formula with this key (case and `_`/`-` forgiven); InputError on field `formula` if none."""
    key = str(name).strip().lower().replace("_", "-").replace(" ", "-")
    key = {"du-bois": "dubois", "gehan": "gehan-george"}.get(key, key)
    if key not in FORMULAS:
        raise InputError("formula", f"unknown formula '{name}' (known: {', '.join(FORMULAS)})",
                         code="unknown_formula", formula=name)
    return FORMULAS[key]


def bsa(height: Measured | str, weight: Measured | str, formula: str = DEFAULT_FORMULA) -> BodySurfaceArea:
    """Body surface area in m² (unrounded) from height and weight with their units.

    Formulas (H in cm, W in kg; Boyd's G = weight in grams), sources cited beside each function:
    mosteller √(H·W/3600); dubois 0.007184·H^0.725·W^0.425; haycock 0.024265·H^0.3964·W^0.5378;
    gehan-george 0.0235·H^0.42246·W^0.51456; boyd 0.0003207·H^0.3·G^(0.7285 − 0.0188·log₁₀G);
    fujimoto 0.008883·H^0.663·W^0.444; shintani 0.007358·H^0.725·W^0.425;
    takahira 0.007241·H^0.725·W^0.425.

    Raises InputError on field `height`, `weight` or `formula`: no unit, a unit of the wrong
    kind, an implausible adult value (100–250 cm, 25–300 kg), or an unknown formula.
    """
    chosen = formula_named(formula)
    height_cm = _measure(height, "height", "cm")
    weight_kg = _measure(weight, "weight", "kg")
    return BodySurfaceArea(chosen.compute(height_cm, weight_kg), chosen.name, height_cm, weight_kg)


def _measure(value: Measured | str, analyte: str, unit: str) -> float:
    """The value in `unit`, parsed (or re-parsed from its text) with its analyte's plausible range."""
    from nkdesk.rules import units

    # A Measured is re-read from its text so that its kind and range are checked here too,
    # whoever parsed it first and with whatever analyte.
    text = value.text if isinstance(value, units.Measured) else value
    measured = units.parse(text, field=analyte, analyte=analyte)
    return units.clean_float(measured.to(unit))
