"""The cell product: counts with their scale, the dose per kg body weight, release tests and the stop rule."""
from __future__ import annotations

import pytest

from nkdesk.rules import cell_product
from nkdesk.rules.cell_product import CellProduct
from nkdesk.rules.errors import InputError

POUND_KG = 0.45359237   # the international pound (International Yard and Pound Agreement, 1959)


@pytest.mark.parametrize(("text", "cells"), [
    ("2.5 10^9", 2.5e9), ("250 10^7", 2.5e9), ("1.2 10^8", 1.2e8), ("3000 10^6", 3e9)])
def test_cell_counts_parse_with_their_scale(text, cells):
    """A count typed with its scale is the number of cells."""
    assert cell_product.parse_cell_count(text) == pytest.approx(cells)


@pytest.mark.parametrize(("text", "code"), [
    ("2.5", "no_unit"),                 # no scale: 2.5 cells or 2.5 × 10^9?
    ("2.5 10^9/kg", "wrong_unit"),      # a dose, not a count
    ("0 10^9", "implausible"),
    ("5 10^12", "implausible"),         # more than 10^12 cells in one bag
    ("lots", "not_a_number"),
    ("3e9 1", "exponent"),
    ("3 1", "two_numbers"),              # one number and one unit: no exponents (../shared/cli-contract.md)
])
def test_bad_counts_are_refused_naming_the_field(text, code):
    """A count without a scale, with a dimension, or impossible is an InputError, never a guess."""
    with pytest.raises(InputError) as err:
        cell_product.parse_cell_count(text)
    assert err.value.field == "total_viable_cells" and err.value.code == code


@pytest.mark.parametrize(("weight", "weight_kg"), [("62.5 kg", 62.5), ("150 lb", 150 * POUND_KG)])
def test_dose_per_kg_divides_viable_cells_by_weight(weight, weight_kg):
    """Cells/kg = total viable cells ÷ weight in kg; NK cells/kg = that × CD3−CD56+ fraction."""
    product = CellProduct(total_viable_cells="2.5 10^9", nk_fraction_pct=90.0)
    dose = cell_product.dose_per_kg(product, weight)
    assert dose.viable_cells_per_kg == pytest.approx(2.5e9 / weight_kg, rel=1e-5)
    assert dose.nk_cells_per_kg == pytest.approx(0.9 * 2.5e9 / weight_kg, rel=1e-5)
    assert dose.weight_kg == pytest.approx(weight_kg, rel=1e-6)


def test_dose_without_nk_fraction_has_no_nk_dose():
    """Without a CD3−CD56+ fraction the NK dose is not guessed."""
    dose = cell_product.dose_per_kg(CellProduct(total_viable_cells="1 10^9"), "50 kg")
    assert dose.viable_cells_per_kg == pytest.approx(2e7) and dose.nk_cells_per_kg is None


@pytest.mark.parametrize(("weight", "field"), [("6500 kg", "weight"), ("65", "weight")])
def test_dose_refuses_a_weight_slip(weight, field):
    """A weight slip (6500 kg: grams meant?), or one without a unit, is refused rather than dosed."""
    with pytest.raises(InputError) as err:
        cell_product.dose_per_kg(CellProduct(total_viable_cells="1 10^9"), weight)
    assert err.value.field == field


@pytest.mark.parametrize("value", [-1, 100.5, True, "90"])
def test_percentages_are_0_to_100(value):
    """Viability and NK fraction are percentages between 0 and 100."""
    with pytest.raises(InputError):
        cell_product.percentage(value, "viability_pct")


@pytest.mark.parametrize(("sterility", "infectious", "may_start", "blocks", "stop"), [
    # Protocol stop reason 1 (BMJ Open 2022;12:e064526): a positive infectious-disease test of the culture material.
    ("negative", "negative", True, (), None),
    ("negative", "positive", False, ("infectious_disease_positive",), "infectious_disease_test_positive"),
    ("positive", "negative", False, ("sterility_positive",), None),
    ("pending", "negative", True, (), None),
    ("positive", "positive", False, ("infectious_disease_positive", "sterility_positive"),
     "infectious_disease_test_positive"),
])
def test_release_tests_decide_whether_the_infusion_may_start(sterility, infectious, may_start, blocks, stop):
    """A positive infectious-disease test blocks the start and raises the stop reason; pending does not block."""
    check = cell_product.release_check(CellProduct(sterility=sterility, infectious_disease=infectious))
    assert (check.may_start, check.blocks, check.stop_reason) == (may_start, blocks, stop)


def test_pending_results_are_listed():
    """Results not yet back are listed for the record."""
    check = cell_product.release_check(CellProduct(sterility="pending", infectious_disease="pending"))
    assert check.pending == ("sterility", "infectious_disease")


def test_unknown_result_code_is_refused():
    """A result other than pending/negative/positive is an InputError naming the test."""
    with pytest.raises(InputError) as err:
        cell_product.release_check(CellProduct(sterility="clean"))
    assert err.value.field == "sterility"
