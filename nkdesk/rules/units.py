"""The unit layer: one pint registry for the whole application, and the text a ward writes.

Every lab value, height, weight, dose and temperature enters NKDesk as text with a unit
("12.3 ×10⁴/µL", "9.8 g/dL", "101.1 degF"), is parsed here once into a `Measured` (the text as
entered, plus a pint quantity), and is compared or converted only through these functions.

- The registry is built on first use (never at import) with pint's definition cache in the user
  cache folder, so a warm start costs milliseconds.
- Analyte-specific equivalences (AFP IU ↔ ng, haemoglobin g ↔ mmol, …) live in `analytes.py` and
  become pint contexts named after the analyte: without naming the analyte, a conversion between
  mass and molar units is impossible, as it should be. International units (IU), arbitrary units
  (AU, for PIVKA-II) and equivalents (Eq) are dimensions of their own for the same reason.
- Scaled count units ("10^9/L", "10^4/uL") are unit texts with a factor: `unit_scale()` splits
  them into the factor and a pint unit.
- Comparisons with a cut-off round the converted value to 6 significant figures first
  (../shared/cli-contract.md), so 10 µg/L is exactly at a 10 ng/mL cut-off.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from nkdesk.rules import analytes
from nkdesk.rules.errors import InputError

if TYPE_CHECKING:  # pint is imported when the registry is first built, not with this module
    import pint

_EXTRA_DEFINITIONS = (
    # WHO international units are defined per substance: a dimension of their own, so that
    # IU converts to mass only through an analyte's context.
    "IU = [international_unit] = international_unit",
    # Arbitrary units (PIVKA-II mAU/mL) never convert to anything else.
    "AU = [arbitrary_unit] = arbitrary_unit",
    # Equivalents depend on the ion's charge: converted to mmol only per analyte.
    "Eq = [charge_equivalent] = equivalent",
)

SIG_FIGS = 6


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The application's one unit registry, built on first use with a warm definition cache."""
    import pint

    from nkdesk.paths import user_cache_dir

    cache = user_cache_dir() / "pint"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        ureg = pint.UnitRegistry(cache_folder=cache)
    except OSError:  # a read-only profile must not stop the app: build without a cache
        ureg = pint.UnitRegistry()
    import logging

    quiet = logging.getLogger("pint.util")
    level = quiet.level
    quiet.setLevel(logging.ERROR)   # pint's own "AU" (astronomical unit) is replaced on purpose
    try:
        for line in _EXTRA_DEFINITIONS:
            ureg.define(line)
    finally:
        quiet.setLevel(level)
    for analyte in analytes.ANALYTES:
        if analyte.factors:
            ureg.add_context(_context_for(ureg, analyte))
    return ureg


def _context_for(ureg: pint.UnitRegistry, analyte: analytes.Analyte) -> pint.Context:
    import pint

    context = pint.Context(analyte.name)
    for factor in analyte.factors:
        left, right = ureg.Quantity(factor.left), ureg.Quantity(factor.right)
        context.add_transformation(left.dimensionality, right.dimensionality,
                                   lambda _u, x, a=left, b=right: x / a * b)
        context.add_transformation(right.dimensionality, left.dimensionality,
                                   lambda _u, x, a=left, b=right: x / b * a)
    return context


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_NUMBER = re.compile(r"^\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+)(?:[eE]([+-]?\d+))?\s*(.*?)\s*$")


def normalise_unit_text(unit: str) -> str:
    """Rewrite a unit as labs write it into pint's syntax: ×10⁴/µL → 10**4/uL, /mm3 → 1/mm**3."""
    text = unit.strip()
    text = text.replace("µ", "u").replace("μ", "u").replace("°C", "degC").replace("°F", "degF")
    text = text.replace("℃", "degC").replace("℉", "degF")
    # superscript exponents: 10⁴ → 10^4, mm³ → mm^3
    text = re.sub(r"([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)", lambda m: "^" + m.group(1).translate(_SUPERSCRIPTS), text)
    text = re.sub(r"^[x×*]\s*(?=10)", "", text)           # x10^9/L, ×10^9/L → 10^9/L
    text = re.sub(r"(?<=\d)\s*[x×]\s*(?=10)", "*", text)  # 2 x 10^9 inside an expression
    text = re.sub(r"\b10\*(\d+)", r"10^\1", text)        # 10*4/uL, a common lab-system spelling
    text = re.sub(r"\bE(\d+)\b", r"10^\1", text)           # E9/L
    text = re.sub(r"(?<=[A-Za-z])([23])\b", r"^\1", text)   # mm3, m2 → mm^3, m^2
    text = text.replace("%", "percent")
    text = re.sub(r"\s+", " ", text)
    if text.startswith("/"):
        text = "1" + text
    return text


@lru_cache(maxsize=512)
def unit_scale(unit: str) -> tuple[float, pint.Unit]:
    """Split a unit text into a plain factor and a pint unit: "10^9/L" → (1e9, 1/L).

    Raises InputError (field empty, for the caller to name) for a unit pint does not know.
    """
    ureg = registry()
    text = normalise_unit_text(unit)
    if not text:
        raise InputError("", "no unit given", code="no_unit")
    try:
        return 1.0, ureg.parse_units(text)
    except Exception:  # pint raises many kinds (tokenizer, syntax, undefined); try it as an expression
        pass
    try:
        expr = ureg.parse_expression(text)
    except Exception as exc:  # pint raises many kinds for unknown text; all mean the same here
        raise InputError("", f"unknown unit '{unit}'", code="unknown_unit", unit=unit) from exc
    if not isinstance(expr, ureg.Quantity):
        raise InputError("", f"'{unit}' is a number, not a unit", code="no_unit", unit=unit)
    magnitude = float(expr.magnitude)
    if not math.isfinite(magnitude) or magnitude <= 0:
        raise InputError("", f"unknown unit '{unit}'", code="unknown_unit", unit=unit)
    return magnitude, expr.units


@dataclass(frozen=True)
class Measured:
    """A value as entered: the original text, its number and unit, and the pint quantity."""

    text: str
    magnitude: float
    unit: str
    quantity: pint.Quantity
    analyte: str | None = None

    def to(self, unit: str) -> float:
        """The value in `unit` (exact float), through this analyte's context if it has one."""
        return convert(self.quantity, unit, analyte=self.analyte, source_unit=self.unit)

    def to_rounded(self, unit: str) -> float:
        return round_sig(self.to(unit))

    def canonical(self) -> float:
        """The value in the analyte's canonical unit (6 significant figures)."""
        analyte = analytes.find(self.analyte) if self.analyte else None
        if analyte is None:
            raise ValueError("a canonical unit needs an analyte")
        return self.to_rounded(analyte.canonical)

    def __str__(self) -> str:
        return f"{_format_number(self.magnitude)} {self.unit}"

    def display(self) -> str:
        """As a person reads it: "15.2 ×10⁴/µL"."""
        return f"{_format_number(self.magnitude)} {display_unit(self.unit)}"


def round_sig(value: float, digits: int = SIG_FIGS) -> float:
    """`value` rounded to `digits` significant figures (the contract's comparison rule)."""
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{digits}g}")


def clean_float(value: float) -> float:
    """Drop binary noise (123.00000000000001 → 123.0) without losing real precision."""
    return round_sig(value, 12)


def _format_number(value: float) -> str:
    text = f"{value:.10g}"
    return text


def _parse_number(text: str, field: str) -> tuple[float, str]:
    match = _NUMBER.match(text)
    if not match:
        raise InputError(field, f"'{text}' does not start with a number", code="not_a_number", text=text)
    number = float(match.group(1).replace(",", ""))
    if match.group(2):
        number *= 10 ** int(match.group(2))
    return number, match.group(3)


def quantity_of(magnitude: float, unit: str) -> pint.Quantity:
    scale, units = unit_scale(unit)
    ureg = registry()
    if scale == 1.0:
        return ureg.Quantity(magnitude, units)
    return ureg.Quantity(magnitude * scale, units)


def parse(text: str, *, field: str = "", analyte: str | None = None, check_range: bool = True) -> Measured:
    """Parse "12.3 10^4/uL" into a Measured; with an analyte, check its unit kind and range.

    Raises InputError naming `field` for: not text, no number, no unit, an unknown unit, a unit
    of the wrong kind for the analyte, or (with check_range) a value outside the plausible range.
    """
    spec = _analyte_spec(analyte, field)
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise InputError(field, f"expected a quantity with a unit as text, e.g. '{_example(spec)}'",
                         code="not_text")
    if isinstance(text, (int, float)):
        raise InputError(field, f"'{text}' has no unit (expected {_kind(spec)})", code="no_unit", text=text)
    number, unit = _parse_number(text, field)
    if not unit.strip():
        raise InputError(field, f"'{text.strip()}' has no unit (expected {_kind(spec)})",
                         code="no_unit", text=text)
    try:
        quantity = quantity_of(number, unit)
    except InputError as exc:
        raise exc.for_field(field) from None
    measured = Measured(text.strip(), number, unit.strip(), quantity, spec.name if spec else None)
    if spec is not None:
        try:
            canonical = measured.to_rounded(spec.canonical)
        except InputError as exc:
            raise InputError(field, f"'{unit.strip()}' is not a unit for {spec.label.lower()} "
                                    f"(expected {spec.kind})", code="wrong_unit", unit=unit) from exc
        if check_range:
            _check_plausible(measured, canonical, spec, field)
    return measured


def convert(quantity: pint.Quantity, unit: str, *, analyte: str | None = None,
            source_unit: str | None = None) -> float:
    """`quantity` expressed in `unit` (a unit text, scale allowed), exact float.

    Raises InputError (no field) when the conversion is impossible, naming the analyte context
    when one would be needed.
    """
    import pint

    scale, units = unit_scale(unit)
    spec = analytes.find(analyte) if analyte else None
    try:
        if spec is not None and spec.factors:
            value = quantity.to(units, spec.name).magnitude
        else:
            value = quantity.to(units).magnitude
    except pint.errors.DimensionalityError:
        shown = source_unit or format(quantity.units, "~")
        if spec is not None:
            reason = f"for {spec.label}: no such conversion exists"
        elif _analytes_that_convert(quantity, units):
            reason = "without naming the analyte (--analyte " + "/".join(_analytes_that_convert(quantity, units)) + ")"
        else:
            reason = "(they measure different things)"
        raise InputError("", f"cannot convert {shown} to {unit} {reason}",
                         code="impossible_conversion", unit=unit) from None
    return float(value) / scale


def _analytes_that_convert(quantity, units) -> list[str]:
    """Analytes whose own factors would make this conversion possible (for the error's hint)."""
    import pint

    names = []
    for spec in analytes.ANALYTES:
        if spec.factors:
            try:
                quantity.to(units, spec.name)
                names.append(spec.name)
            except pint.errors.DimensionalityError:
                pass
    return names


def _analyte_spec(analyte: str | None, field: str) -> analytes.Analyte | None:
    if analyte is None:
        return None
    spec = analytes.find(analyte)
    if spec is None:
        raise InputError(field, f"unknown analyte '{analyte}' (known: {', '.join(analytes.names())})",
                         code="unknown_analyte", analyte=analyte)
    return spec


def _kind(spec: analytes.Analyte | None) -> str:
    return spec.kind if spec else "a unit, e.g. mg/dL"


def _example(spec: analytes.Analyte | None) -> str:
    return f"12.3 {spec.units[0]}" if spec else "12.3 mg/dL"


def _check_plausible(measured: Measured, canonical: float, spec: analytes.Analyte, field: str) -> None:
    low, high = spec.plausible
    if low <= canonical <= high:
        return
    slips = []
    for alternative in (*spec.units, *spec.slips):
        if alternative == measured.unit:
            continue
        try:
            value = round_sig(convert(quantity_of(measured.magnitude, alternative), spec.canonical,
                                      analyte=spec.name))
        except InputError:
            continue
        if low <= value <= high:
            slips.append(f"{_format_number(measured.magnitude)} {alternative}")
    hint = f"; was it {' or '.join(slips)}?" if slips else ""
    raise InputError(
        field,
        f"'{measured.text}' ({_format_number(canonical)} {spec.canonical}) is outside the plausible "
        f"range {_format_number(low)}–{_format_number(high)} {spec.canonical}{hint}",
        code="implausible", low=low, high=high, unit=spec.canonical, suggestions=slips,
    )


_SUPERSCRIPT_DIGITS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def display_unit(unit: str) -> str:
    """A unit as a person reads it: "10^4/uL" → "×10⁴/µL", "umol/L" → "µmol/L", "degC" → "°C".

    For screens and paper only; stored and parsed units keep their ASCII spelling.
    """
    text = unit.strip()
    text = re.sub(r"\^(-?\d+)", lambda m: m.group(1).translate(_SUPERSCRIPT_DIGITS), text)
    text = re.sub(r"(?<=[A-Za-z])([23])\b", lambda m: m.group(1).translate(_SUPERSCRIPT_DIGITS), text)
    text = re.sub(r"^10(?=[⁰¹²³⁴⁵⁶⁷⁸⁹])", "×10", text)
    text = re.sub(r"\bu(?=(g|mol|L|l|m)\b)", "µ", text)
    return text.replace("degC", "°C").replace("degF", "°F")


def format_value(value: float, unit: str, digits: int = 4) -> str:
    """A number with its unit for display, to `digits` significant figures: "152 ×10⁹/L"."""
    return f"{value:.{digits}g} {display_unit(unit)}"
