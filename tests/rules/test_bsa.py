"""Body surface area: each formula against its published coefficients, units, plausibility."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkdesk.rules import bsa, units
from nkdesk.rules.errors import InputError

# The published forms, written out here independently of the code under test (H cm, W kg).
REFERENCE = {
    # Mosteller RD. N Engl J Med 1987;317:1098: sqrt(H·W/3600)
    "mosteller": lambda h, w: (h * w / 3600) ** 0.5,
    # Du Bois D, Du Bois EF. Arch Intern Med 1916;17:863: 0.007184 · W^0.425 · H^0.725
    "dubois": lambda h, w: 0.007184 * w ** 0.425 * h ** 0.725,
    # Haycock GB et al. J Pediatr 1978;93:62: 0.024265 · W^0.5378 · H^0.3964
    "haycock": lambda h, w: 0.024265 * w ** 0.5378 * h ** 0.3964,
    # Gehan EA, George SL. Cancer Chemother Rep 1970;54:225: 0.0235 · W^0.51456 · H^0.42246
    "gehan-george": lambda h, w: 0.0235 * w ** 0.51456 * h ** 0.42246,
    # Boyd E. 1935: 0.0003207 · H^0.3 · G^(0.7285 − 0.0188 log10 G), G = weight in grams
    "boyd": lambda h, w: 0.0003207 * h ** 0.3 * (1000 * w) ** (0.7285 - 0.0188 * math.log10(1000 * w)),
    # Fujimoto S et al. Nippon Eiseigaku Zasshi 1968;23:443: 0.008883 · W^0.444 · H^0.663
    "fujimoto": lambda h, w: 0.008883 * w ** 0.444 * h ** 0.663,
    # Shintani: 73.58 cm² · W^0.425 · H^0.725 (contract table)
    "shintani": lambda h, w: 73.58e-4 * w ** 0.425 * h ** 0.725,
    # Takahira 1925: 72.41 cm² · W^0.425 · H^0.725 (contract table; 72.46 in some sources)
    "takahira": lambda h, w: 72.41e-4 * w ** 0.425 * h ** 0.725,
}

# Typical adult, the extremes (140 cm/35 kg, 195 cm/140 kg), and the plausible-range corners.
BODIES = [(170, 65), (140, 35), (195, 140), (158, 52), (100, 25), (250, 300)]


@pytest.mark.parametrize("formula", sorted(REFERENCE))
@pytest.mark.parametrize(("height_cm", "weight_kg"), BODIES)
def test_formula_matches_published_coefficients(formula, height_cm, weight_kg):
    """Every formula gives what its published coefficients give, unrounded."""
    result = bsa.bsa(f"{height_cm} cm", f"{weight_kg} kg", formula)
    assert result.bsa_m2 == pytest.approx(REFERENCE[formula](height_cm, weight_kg), rel=1e-12)
    assert result.formula == formula


def test_contract_example():
    """170 cm and 65 kg give 1.75198 m² by Mosteller (../shared/cli-contract.md)."""
    result = bsa.bsa("170 cm", "65 kg")
    assert result.formula == "mosteller"
    assert result.bsa_m2 == pytest.approx(1.75198, abs=5e-6)
    assert result.bsa_m2 != round(result.bsa_m2, 5)  # kept unrounded


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        # Published calculator (calculatorlib.com, "BSA Du Bois, Shintani, Fujimoto"), 170 cm,
        # 65 kg, three decimals: Du Bois 1.754, Shintani 1.796, Fujimoto 1.707.
        ("dubois", 1.754), ("shintani", 1.796), ("fujimoto", 1.707),
    ],
)
def test_japanese_formulas_match_a_published_calculator(formula, expected):
    """The Japanese formulas agree with an independent published calculator to 3 decimals."""
    assert round(bsa.bsa("170 cm", "65 kg", formula).bsa_m2, 3) == expected


def test_takahira_uses_the_contract_constant():
    """Takahira is Du Bois's form with 0.007241, not the 0.007246 variant."""
    ratio = bsa.bsa("170 cm", "65 kg", "takahira").bsa_m2 / bsa.bsa("170 cm", "65 kg", "dubois").bsa_m2
    assert ratio == pytest.approx(0.007241 / 0.007184, rel=1e-12)
    assert ratio != pytest.approx(0.007246 / 0.007184, rel=1e-6)


@pytest.mark.parametrize(
    ("height", "weight", "height_cm", "weight_kg"),
    [
        # 1 in = 2.54 cm and 1 lb = 0.45359237 kg exactly (international yard and pound, 1959).
        ("67 in", "150 lb", 170.18, 68.0388555),
        ("5.5 ft", "143 lb", 167.64, 64.86370891),
        ("1.7 m", "65000 g", 170.0, 65.0),
        ("1700 mm", "65 kg", 170.0, 65.0),
    ],
)
@pytest.mark.parametrize("formula", sorted(REFERENCE))
def test_any_length_and_mass_unit(height, weight, height_cm, weight_kg, formula):
    """Imperial and other metric units give the BSA of the same body in cm and kg."""
    result = bsa.bsa(height, weight, formula)
    assert result.height_cm == pytest.approx(height_cm, rel=1e-12)
    assert result.weight_kg == pytest.approx(weight_kg, rel=1e-12)
    assert result.bsa_m2 == pytest.approx(REFERENCE[formula](height_cm, weight_kg), rel=1e-9)


def test_measured_values_are_accepted():
    """A height and weight already parsed (Measured) give the same BSA as their text."""
    height = units.parse("170 cm", analyte="height")
    weight = units.parse("65 kg", analyte="weight")
    assert bsa.bsa(height, weight).bsa_m2 == bsa.bsa("170 cm", "65 kg").bsa_m2


@pytest.mark.parametrize(
    ("height", "weight", "field", "message"),
    [
        ("170", "65 kg", "height", "has no unit"),
        ("170 cm", "65", "weight", "has no unit"),
        ("170 kg", "65 kg", "height", "not a unit for height"),
        ("170 cm", "65 cm", "weight", "not a unit for weight"),
        ("170 cm", "65000 kg", "weight", "was it 65000 g?"),    # grams typed with kg
        ("1700 cm", "65 kg", "height", "was it 1700 mm?"),
        ("99.9 cm", "65 kg", "height", "plausible range 100–250 cm"),
        ("250.1 cm", "65 kg", "height", "plausible range"),
        ("170 cm", "24.9 kg", "weight", "plausible range 25–300 kg"),
        ("170 cm", "300.1 kg", "weight", "plausible range"),
        ("170 cm", "20 lb", "weight", "plausible range"),
        (170, "65 kg", "height", "has no unit"),
        ("170 cm", "65 kgs!", "weight", "unknown unit"),
    ],
)
def test_implausible_or_unitless_inputs_are_refused(height, weight, field, message):
    """A missing unit, a wrong kind of unit or an implausible adult value is an InputError."""
    with pytest.raises(InputError, match=message) as caught:
        bsa.bsa(height, weight)
    assert caught.value.field == field


@pytest.mark.parametrize(("height", "weight"), [("100 cm", "25 kg"), ("250 cm", "300 kg")])
def test_range_limits_are_accepted(height, weight):
    """The plausible range includes its limits."""
    assert bsa.bsa(height, weight).bsa_m2 > 0


@pytest.mark.parametrize(("name", "key"), [("DuBois", "dubois"), ("gehan_george", "gehan-george"),
                                           ("TAKAHIRA", "takahira"), ("du bois", "dubois")])
def test_formula_names_forgive_case_and_separators(name, key):
    """Formula names are matched without regard to case, '_' or spaces."""
    assert bsa.bsa("170 cm", "65 kg", name).formula == key


def test_unknown_formula_lists_the_known_ones():
    """An unknown formula is refused on the field `formula`, naming the eight known ones."""
    with pytest.raises(InputError, match="known: mosteller, dubois") as caught:
        bsa.bsa("170 cm", "65 kg", "meeh")
    assert caught.value.field == "formula"


def test_eight_formulas_are_offered():
    """The contract's eight formulas, and no others."""
    assert set(bsa.FORMULAS) == set(REFERENCE)


@given(st.sampled_from(sorted(REFERENCE)), st.floats(100, 249), st.floats(25, 299), st.floats(0.01, 1))
def test_bsa_grows_with_height_and_weight(formula, height_cm, weight_kg, step):
    """Within the plausible range a taller or heavier body never has a smaller BSA."""
    base = bsa.bsa(f"{height_cm!r} cm", f"{weight_kg!r} kg", formula).bsa_m2
    assert bsa.bsa(f"{height_cm + step!r} cm", f"{weight_kg!r} kg", formula).bsa_m2 >= base
    assert bsa.bsa(f"{height_cm!r} cm", f"{weight_kg + step!r} kg", formula).bsa_m2 >= base
