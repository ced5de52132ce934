"""The unit layer: one pint registry for the whole application, and the text a ward writes.

Every lab value, height, weight, dose and temperature enters NKDesk as text with a unit
("12.3 ×10⁴/µL", "9.8 g/dL", "101.1 degF"), is parsed here once into a `Measured` (the text as
entered, plus a pint quantity), and is compared or converted only through these functions.

- The text is exactly one number and one unit: `quantity_text.py` reads the number and splits the
  unit into a count scale and unit names; only the names reach pint (`_named_unit`), so nothing
  typed is ever evaluated as an expression, and every slip is an InputError naming its likely
  intent. The same grammar reads conversion targets (`--to`) and plain numbers (`number()`).

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
from typing import TYPE_CHECKING, Any

from nkdesk.rules import analytes, quantity_text
from nkdesk.rules.errors import InputError

if TYPE_CHECKING:  # pint is imported when the registry is first built, not with this module
    import pint
    from pint.facets.context.objects import Context, Transformation
    from pint.facets.plain import PlainQuantity

    Registry = pint.UnitRegistry[float]   # magnitudes are floats: `parse` reads one number
    Quantity = pint.Quantity[float]

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
def registry() -> Registry:
    """The application's one unit registry, built on first use with a warm definition cache."""
    import pint

    from nkdesk.paths import user_cache_dir

    cache = user_cache_dir() / "pint"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        ureg: Registry = pint.UnitRegistry(cache_folder=cache)
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


def _context_for(ureg: Registry, analyte: analytes.Analyte) -> Context:
    import pint

    context = pint.Context(analyte.name)
    for factor in analyte.factors:
        left, right = ureg.Quantity(factor.left), ureg.Quantity(factor.right)
        context.add_transformation(left.dimensionality, right.dimensionality, _rescale(left, right))
        context.add_transformation(right.dimensionality, left.dimensionality, _rescale(right, left))
    return context


def _rescale(source: PlainQuantity[Any], target: PlainQuantity[Any]) -> Transformation:
    """A context transformation: a value in `source`'s dimension to `target`'s (x / source * target)."""
    def transform(ureg: Any, value: PlainQuantity[Any], **kwargs: Any) -> PlainQuantity[Any]:
        result: PlainQuantity[Any] = value / source * target
        return result
    return transform


def normalise_unit_text(unit: str) -> str:
    """A unit text in one ASCII spelling (for comparing spellings): ×10⁴/µL → 10^4/uL, /mm³ → /mm^3.

    Raises InputError (no field) for text that is not one unit (see `quantity_text.read_unit`).
    """
    try:
        spec = quantity_text.read_unit(quantity_text.fold(unit))
    except quantity_text.NotAUnit:
        raise InputError("", f"unknown unit '{quantity_text.shown(unit)}'", code="unknown_unit", unit=unit) from None
    text = f"10^{spec.exponent}" if spec.exponent else ""
    if spec.numerator is not None:
        text += _term_text(spec.numerator)
    if spec.denominator is not None:
        text += "/" + _term_text(spec.denominator)
    return text


def _term_text(term: tuple[str, int]) -> str:
    name, power = term
    return name if power == 1 else f"{name}^{power}"


@lru_cache(maxsize=1024)
def _named_unit(name: str) -> pint.Unit | None:
    """The pint unit with this one name (no arithmetic: `name` is letters only), else None."""
    ureg = registry()
    try:
        return ureg.parse_units(name)
    except Exception:  # pint raises several kinds for unknown names; all mean "not a unit"
        return None


def knows_unit(text: str) -> bool:
    """Whether `text` alone is one unit (used to say "the unit is written twice")."""
    try:
        unit_scale(text)
    except InputError:
        return False
    return True


@lru_cache(maxsize=512)
def unit_scale(unit: str) -> tuple[float, pint.Unit]:
    """Split a unit text into a plain factor and a pint unit: "10^9/L" → (1e9, 1/L).

    The text must be one unit (`quantity_text.read_unit`): a count scale, at most one unit name
    over another, powers 2 and 3 only; a count scale only before a volume (or alone, for cell
    counts). Raises InputError (field empty, for the caller to name) otherwise; pint is asked only
    for single names, never for an expression.
    """
    ureg = registry()
    text = quantity_text.fold(unit).strip()
    if not text:
        raise InputError("", "no unit given", code="no_unit")
    try:
        spec = quantity_text.read_unit(text)
    except quantity_text.NotAUnit:
        raise InputError("", f"unknown unit '{quantity_text.shown(unit)}'", code="unknown_unit", unit=unit) from None
    result = ureg.dimensionless
    try:
        for term, sign in ((spec.numerator, 1), (spec.denominator, -1)):
            if term is None:
                continue
            named = _named_unit(term[0])
            if named is None:
                raise InputError("", f"unknown unit '{quantity_text.shown(term[0])}'", code="unknown_unit",
                                 unit=unit)
            result = result * named ** (sign * term[1])
    except InputError:
        raise
    except Exception:  # pint refuses e.g. a power of an offset unit (degC^2): not one unit we can use
        raise InputError("", f"unknown unit '{quantity_text.shown(unit)}'", code="unknown_unit", unit=unit) from None
    volume = ureg.liter.dimensionality
    if spec.exponent and spec.denominator is not None and (1 / result).dimensionality != volume:
        raise InputError("", f"'{quantity_text.shown(unit)}': a count scale (10^{spec.exponent}) goes only before "
                             "a volume (/uL, /mm3, /L)", code="wrong_unit", unit=unit)
    return float(10 ** spec.exponent), result


_CONVERTED: dict[tuple[float, str, str | None, str], float] = {}   # Measured.to, by number, unit, analyte, target
_CONVERTED_KEPT = 8192


@dataclass(frozen=True)
class Measured:
    """A value as entered: the original text, its number and unit, and the pint quantity."""

    text: str
    magnitude: float
    unit: str
    quantity: Quantity
    analyte: str | None = None

    def to(self, unit: str) -> float:
        """The value in `unit` (exact float), through this analyte's context if it has one."""
        # A Measured is made only by `parse`, from its number and unit text: the same number, unit
        # and analyte always convert to the same value, so each conversion goes through pint once
        # (a patient switch converted every lab value, range limit and temperature again: issue 11).
        key = (self.magnitude, self.unit, self.analyte, unit)
        value = _CONVERTED.get(key)
        if value is None:
            value = convert(self.quantity, unit, analyte=self.analyte, source_unit=self.unit)   # InputError: not kept
            if len(_CONVERTED) >= _CONVERTED_KEPT:
                _CONVERTED.clear()         # a bound, not an eviction policy: refilled as used
            _CONVERTED[key] = value
        return value

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


def same_unit(a: str, b: str) -> bool:
    """Whether two unit texts mean the same unit ("/uL" and "/mm3", "10^3/uL" and "10^9/L")."""
    try:
        scale_a, unit_a = unit_scale(a)
        scale_b, unit_b = unit_scale(b)
        ureg = registry()
        if unit_a == unit_b:
            return round_sig(scale_a / scale_b) == 1.0
        converted = ureg.Quantity(scale_a, unit_a).to(unit_b).magnitude / scale_b
    except Exception:  # unknown or incompatible units are simply not the same column
        return False
    return round_sig(float(converted)) == 1.0


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


def quantity_of(magnitude: float, unit: str) -> Quantity:
    scale, units = unit_scale(unit)
    ureg = registry()
    if scale == 1.0:
        return ureg.Quantity(magnitude, units)
    return ureg.Quantity(magnitude * scale, units)


def parse(text: object, *, field: str = "", analyte: str | None = None, check_range: bool = True) -> Measured:
    """Parse "12.3 10^4/uL" into a Measured; with an analyte, check its unit kind and range.

    The text is exactly one number and one unit (../shared/cli-contract.md, `quantity_text`): the
    number is read here, digit by digit, and only the unit's names go to pint, so nothing typed is
    ever evaluated. Raises InputError naming `field` for: not text, no number, a slip in the number
    (decimal comma, two numbers, arithmetic, hex, underscores, exponent, beyond 10^15), no unit,
    an unknown unit or one written twice, a unit of the wrong kind for the analyte, or (with
    check_range) a value outside the plausible range.
    """
    spec = _analyte_spec(analyte, field)
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise InputError(field, f"expected a quantity with a unit as text, e.g. '{_example(spec)}'",
                         code="not_text")
    if isinstance(text, (int, float)):
        raise InputError(field, f"'{quantity_text.shown(str(text))}' has no unit (expected {_kind(spec)})",
                         code="no_unit", text=text)
    number, unit = quantity_text.read_number(text, field)
    if not unit:
        raise InputError(field, f"'{quantity_text.shown(text.strip())}' has no unit (expected {_kind(spec)})",
                         code="no_unit", text=text)
    try:
        quantity = quantity_of(number.value, unit)
    except InputError as exc:
        if exc.code != "unknown_unit":
            raise exc.for_field(field) from None
        code, message = quantity_text.diagnose(text, number, unit, knows_unit)
        raise InputError(field, message, code=code, text=text, unit=unit) from None
    measured = Measured(text.strip(), number.value, unit, quantity, spec.name if spec else None)
    if spec is not None:
        try:
            canonical = measured.to_rounded(spec.canonical)
        except InputError as exc:
            raise InputError(field, f"'{quantity_text.shown(unit)}' is not a unit for {spec.label.lower()} "
                                    f"(expected {spec.kind})", code="wrong_unit", unit=unit) from exc
        if check_range:
            _check_plausible(measured, canonical, spec, field)
    return measured


def split(text: str) -> tuple[str, str]:
    """The number and the unit of a typed quantity as written ("12.3 ×10⁴/µL" → ("12.3", "×10⁴/µL")).

    For showing a stored value in a number box and a unit box; InputError when there is no number.
    """
    number, unit = quantity_text.read_number(text, "")
    return number.text, unit


def number(text: str, field: str = "") -> float:
    """A plain number typed without a unit (a flow, a percentage, hours): the same number grammar."""
    if not isinstance(text, str):
        raise InputError(field, "expected a number as text", code="not_text")
    value, rest = quantity_text.read_number(text, field)
    if rest:
        code, message = quantity_text.diagnose(text, value, rest, knows_unit)
        if knows_unit(rest):
            code, message = "unit_not_wanted", f"'{quantity_text.shown(text)}': type the number alone, without a unit"
        raise InputError(field, message, code=code, text=text)
    return value.value


def convert(quantity: Quantity, unit: str, *, analyte: str | None = None,
            source_unit: str | None = None) -> float:
    """`quantity` expressed in `unit` (a unit text, scale allowed; "1" for a plain number), exact float.

    Raises InputError (no field) when the conversion is impossible, naming the analyte context
    when one would be needed.
    """
    import pint

    scale, units = (1.0, registry().dimensionless) if unit.strip() == "1" else unit_scale(unit)
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


def _analytes_that_convert(quantity: Quantity, units: Any) -> list[str]:
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
