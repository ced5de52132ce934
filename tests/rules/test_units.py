"""The unit layer: what a Japanese ward writes, analyte factors from their sources, plausibility."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkdesk.rules import analytes, units
from nkdesk.rules.errors import InputError


@pytest.mark.parametrize(
    ("text", "analyte", "unit", "expected"),
    [
        # Count concentrations, every spelling the contract lists: 1 x 10^4/uL = 10 x 10^9/L
        # (1 uL = 1e-6 L, so 10^4/uL = 10^10/L).
        ("12.3 10^4/uL", "platelets", "10^9/L", 123.0),
        ("12.3 x10^4/uL", "platelets", "10^9/L", 123.0),
        ("12.3 ×10⁴/µL", "platelets", "10^9/L", 123.0),
        ("12.3 ×10⁴/μL", "platelets", "10^9/L", 123.0),  # Greek mu, not the micro sign
        ("123 10^9/L", "platelets", "10^4/uL", 12.3),
        ("123 x10^9/L", "platelets", "/uL", 123000.0),
        ("2800 /uL", "wbc", "10^9/L", 2.8),
        ("2800 /mm3", "wbc", "10^9/L", 2.8),               # 1 mm3 = 1 uL
        # Haemoglobin: 1 g/dL = 10 g/L; molar per monomer 1 g/dL = 0.6206 mmol/L (IFCC/ICSH).
        ("9.8 g/dL", "hemoglobin", "g/L", 98.0),
        ("98 g/L", "hemoglobin", "g/dL", 9.8),
        ("10 g/dL", "hemoglobin", "mmol/L", 6.206),
        ("6.206 mmol/L", "hemoglobin", "g/dL", 10.0),
        # AFP: WHO standard 72/225, 1 IU = 1.21 ng; 1 ug/L = 1 ng/mL.
        ("25 IU/mL", "afp", "ng/mL", 30.25),
        ("12.1 ng/mL", "afp", "IU/mL", 10.0),
        ("10 ug/L", "afp", "ng/mL", 10.0),
        # Bilirubin 1 mg/dL = 17.1 umol/L; creatinine 1 mg/dL = 88.4 umol/L (Young 1987).
        ("1.2 mg/dL", "bilirubin", "umol/L", 20.52),
        ("1 mg/dL", "creatinine", "umol/L", 88.4),
        # Calcium 1 mg/dL = 0.2495 mmol/L; divalent, so 2 mEq/L = 1 mmol/L.
        ("10 mg/dL", "calcium", "mmol/L", 2.495),
        ("5 mEq/L", "calcium", "mmol/L", 2.5),
        ("140 mEq/L", "sodium", "mmol/L", 140.0),
        ("4.1 mEq/L", "potassium", "mmol/L", 4.1),
        # Temperature: F = C x 9/5 + 32.
        ("38.4 degC", "temperature", "degF", 101.12),
        ("100.4 degF", "temperature", "degC", 38.0),
        ("38.4 °C", "temperature", "degC", 38.4),
        # Length and mass: 1 in = 2.54 cm exactly; 1 lb = 0.45359237 kg exactly.
        ("67 in", "height", "cm", 170.18),
        ("150 lb", "weight", "kg", 68.0388555),
        ("1.7 m", "height", "cm", 170.0),
        ("420 mAU/mL", "pivka2", "AU/L", 420.0),
        ("30 IU/L", "ast", "U/L", 30.0),
        ("60 %", "ejection_fraction", "%", 60.0),
    ],
)
def test_conversions_follow_cited_factors(text, analyte, unit, expected):
    """Each value converts by the factor its source gives."""
    assert units.parse(text, field="x", analyte=analyte).to(unit) == pytest.approx(expected, rel=1e-9)


def test_registry_is_built_once():
    """One registry for the whole application."""
    assert units.registry() is units.registry()


@pytest.mark.parametrize(
    ("text", "analyte", "unit"),
    [
        ("420 mAU/mL", "pivka2", "ng/mL"),   # arbitrary units never convert to mass
        ("12.3 10^9/L", "platelets", "g/L"),
        ("60 %", "ejection_fraction", "cm"),
    ],
)
def test_impossible_conversions_are_errors(text, analyte, unit):
    """An impossible conversion is an error, never a guess."""
    with pytest.raises(InputError, match="cannot convert"):
        units.parse(text, field="x", analyte=analyte).to(unit)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("25 IU/mL", "ng/mL"), ("10 g/dL", "mmol/L"), ("1 mg/dL", "umol/L"), ("5 mEq/L", "mmol/L")],
)
def test_analyte_factors_need_the_analyte(text, unit):
    """Mass↔molar and IU↔mass conversions work only when the analyte is named."""
    measured = units.parse(text, field="x")
    with pytest.raises(InputError, match="without naming the analyte"):
        measured.to(unit)


@pytest.mark.parametrize(
    ("text", "analyte", "fragment"),
    [
        ("12.3", "platelets", "'12.3' has no unit (expected a count per volume"),
        ("170", "height", "has no unit (expected a length"),
        ("12 furlongs", "platelets", "is not a unit for platelets"),
        ("12 g/dL", "platelets", "is not a unit for platelets"),
        ("abc", "wbc", "does not start with a number"),
        ("12 zorks/L", None, "unknown unit"),
        ("", "wbc", "does not start with a number"),
    ],
)
def test_bad_text_is_refused_with_the_reason(text, analyte, fragment):
    """No unit, a wrong unit or no number: a clear error naming the field."""
    with pytest.raises(InputError) as caught:
        units.parse(text, field="labs.x", analyte=analyte)
    assert caught.value.field == "labs.x"
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("text", "analyte", "suggestion"),
    [
        ("98 g/dL", "hemoglobin", "was it 98 g/L?"),      # typed g/L value with the g/dL unit
        ("65000 kg", "weight", "was it 65000 g?"),        # a weight typed in grams
        ("1.7 cm", "height", "was it 1.7 m?"),
    ],
)
def test_implausible_values_name_the_likely_slip(text, analyte, suggestion):
    """A value outside the plausible range is refused, suggesting the unit that makes sense."""
    with pytest.raises(InputError, match="outside the plausible range") as caught:
        units.parse(text, field="x", analyte=analyte)
    assert suggestion in str(caught.value)


@pytest.mark.parametrize(
    ("analyte", "inside", "outside"),
    [
        # ../shared/cli-contract.md plausible ranges, at their edges
        ("hemoglobin", "20 g/L", "19.9 g/L"), ("hemoglobin", "250 g/L", "251 g/L"),
        ("platelets", "2000 10^9/L", "2001 10^9/L"), ("wbc", "0.1 10^9/L", "0.09 10^9/L"),
        ("height", "250 cm", "251 cm"), ("weight", "25 kg", "24.9 kg"),
        ("temperature", "45 degC", "45.1 degC"), ("temperature", "25 degC", "24.9 degC"),
        ("sodium", "90 mmol/L", "89 mmol/L"), ("potassium", "10 mmol/L", "10.1 mmol/L"),
        ("calcium", "0.5 mmol/L", "0.4 mmol/L"), ("albumin", "70 g/L", "71 g/L"),
        ("ejection_fraction", "90 %", "91 %"), ("creatinine", "5 umol/L", "4 umol/L"),
    ],
)
def test_plausible_range_edges(analyte, inside, outside):
    """The contract's plausible ranges include their ends and refuse what lies beyond."""
    units.parse(inside, field="x", analyte=analyte)
    with pytest.raises(InputError, match="plausible"):
        units.parse(outside, field="x", analyte=analyte)


def test_cut_off_comparisons_round_to_six_significant_figures():
    """10 ug/L lands exactly on a 10 ng/mL cut-off (../shared/cli-contract.md)."""
    assert units.parse("10 ug/L", analyte="afp").to_rounded("ng/mL") == 10.0
    assert units.round_sig(123.00000000000001) == 123.0
    assert units.round_sig(0.1234567) == 0.123457


def test_every_analyte_offers_units_that_convert_to_its_canonical_unit():
    """The window's unit choices all convert (through the analyte's own factors)."""
    for analyte in analytes.ANALYTES:
        low, high = analyte.plausible
        middle = (low + high) / 2 if low > 0 else high / 2
        for unit in analyte.units:
            q = units.quantity_of(1.0, unit)
            assert math.isfinite(units.convert(q, analyte.canonical, analyte=analyte.name)), (analyte.name, unit)
        assert units.convert(units.quantity_of(middle, analyte.canonical), analyte.canonical,
                             analyte=analyte.name) == pytest.approx(middle)


def test_british_spellings_find_the_analyte():
    """haemoglobin and leucocytes are the same analytes as hemoglobin and wbc."""
    assert analytes.find("haemoglobin").name == "hemoglobin"
    assert analytes.find("Leucocytes").name == "wbc"
    assert analytes.find("nonsense") is None


_UNITS_BY_ANALYTE = [(a.name, u) for a in analytes.ANALYTES for u in a.units]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_UNITS_BY_ANALYTE), st.sampled_from(_UNITS_BY_ANALYTE),
       st.floats(min_value=1e-3, max_value=1e6, allow_nan=False))
def test_round_trip_returns_the_value(source, target, magnitude):
    """Converting a value to another unit of the same analyte and back returns it."""
    (analyte, unit_from), (other, unit_to) = source, target
    if analyte != other:
        unit_to = unit_from
    q = units.quantity_of(magnitude, unit_from)
    there = units.convert(q, unit_to, analyte=analyte)
    back = units.convert(units.quantity_of(there, unit_to), unit_from, analyte=analyte)
    assert back == pytest.approx(magnitude, rel=1e-9)


@pytest.mark.parametrize(("unit", "shown"), [
    ("10^9/L", "×10⁹/L"), ("10^4/uL", "×10⁴/µL"), ("/uL", "/µL"), ("umol/L", "µmol/L"),
    ("ug/m2", "µg/m²"), ("degC", "°C"), ("degF", "°F"), ("/mm3", "/mm³"), ("mAU/mL", "mAU/mL"),
])
def test_units_are_displayed_as_people_write_them(unit, shown):
    """Screens and paper show ×10⁹/L and µmol/L; stored units stay ASCII."""
    assert units.display_unit(unit) == shown
    assert units.normalise_unit_text(shown) == units.normalise_unit_text(unit) or shown.startswith("×")


@pytest.mark.parametrize("text", ["0{", "1 (", "2 )g", "3 g/L/", "4 **", "5 10^", "6 \\", "7 'x", "8 g+L"])
def test_unit_text_pint_cannot_tokenise_is_a_clear_error(text):
    """Any unit text pint chokes on is an InputError, never a pint exception (found by hypothesis)."""
    with pytest.raises(InputError):
        units.parse(text, field="x")
