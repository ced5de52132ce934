"""The cell product given at an infusion: its counts, the dose per kg body weight, its release tests.

Issue 5 asks each infusion to record the bag or lot ID, total viable cells, viability, the
CD3−CD56+ (NK) fraction, the dose per kg (computed, with units) and the release tests of the
culture material (sterility, infectious-disease tests). The protocol (BMJ Open 2022;12:e064526,
"Safe evaluation and reporting of adverse effects", seed 001) makes a positive infectious-disease
test of the culture material a stop reason: the investigator discontinues or suspends protocol
treatment for the subject. This module says what the results imply; an investigator decides.

Counts are dimensionless quantities with their scale as the unit ("2.5 10^9", parsed by
units.parse); percentages are plain numbers named `_pct`.
"""
from __future__ import annotations

from dataclasses import dataclass

from nkdesk.rules import units
from nkdesk.rules.errors import InputError

RESULTS = ("pending", "negative", "positive")
# What the window offers for the total viable cells; any 10^n scale parses.
COUNT_SCALES = ("10^6", "10^7", "10^8", "10^9", "10^10")
# A bag holding more than 10^12 cells (about a litre of packed cells) is a typing slip.
MAX_CELLS = 1e12
# Stop reason 1 of the protocol, as the code the storage and the window carry.
STOP_INFECTIOUS_POSITIVE = "infectious_disease_test_positive"


@dataclass(frozen=True)
class CellProduct:
    """One bag as released: counts as entered (text with scale), results as RESULTS codes."""

    bag_id: str = ""
    total_viable_cells: str = ""          # e.g. "2.5 10^9"
    viability_pct: float | None = None
    nk_fraction_pct: float | None = None  # CD3−CD56+ cells, % of the viable cells
    sterility: str = "pending"
    infectious_disease: str = "pending"


@dataclass(frozen=True)
class CellDose:
    """Cells per kg body weight: all viable cells, and the NK (CD3−CD56+) cells among them."""

    viable_cells_per_kg: float
    nk_cells_per_kg: float | None
    weight_kg: float


@dataclass(frozen=True)
class ReleaseCheck:
    """What the release tests allow: `blocks` (codes) stop the infusion; `pending` are still open."""

    blocks: tuple[str, ...]
    pending: tuple[str, ...]
    stop_reason: str | None               # STOP_INFECTIOUS_POSITIVE or None

    @property
    def may_start(self) -> bool:
        return not self.blocks


def parse_cell_count(text: str, field: str = "total_viable_cells") -> float:
    """A cell count typed with its scale ("2.5 10^9") as a number of cells.

    Raises InputError naming `field` for: no number, no scale, a scale with a dimension (cells/kg
    is a dose, not a count), zero or less, or more than MAX_CELLS (a typing slip).
    """
    measured = units.parse(text, field=field)
    if not measured.quantity.dimensionless:
        raise InputError(field, f"'{measured.unit}' is not a count scale (e.g. 10^9)", code="wrong_unit")
    cells = units.round_sig(measured.to("1"))
    if not 0 < cells <= MAX_CELLS:
        raise InputError(field, f"{cells:.3g} cells is impossible for one bag (accepted up to {MAX_CELLS:.0e})",
                         code="implausible", low=0, high=MAX_CELLS)
    return cells


def percentage(value: object, field: str) -> float:
    """A percentage 0–100 (inclusive); anything else is an InputError naming `field`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise InputError(field, f"'{value}' is not a percentage between 0 and 100", code="bad_percentage")
    return float(value)


def dose_per_kg(product: CellProduct, weight: str | units.Measured) -> CellDose:
    """Cells per kg: total viable cells ÷ body weight (kg); NK cells = that × CD3−CD56+ % ÷ 100.

    `weight` is text with a unit or a `units.Measured` (weight analyte, so lb converts and a slip
    like grams is refused). The NK fraction is taken as a share of the viable cells, as the
    product's certificate reports it; without a fraction the NK dose is None.
    """
    measured = weight if isinstance(weight, units.Measured) else units.parse(weight, field="weight", analyte="weight")
    weight_kg = measured.to_rounded("kg")
    cells = parse_cell_count(product.total_viable_cells)
    per_kg = units.round_sig(cells / weight_kg)
    nk = None
    if product.nk_fraction_pct is not None:
        nk = units.round_sig(per_kg * percentage(product.nk_fraction_pct, "nk_fraction_pct") / 100.0)
    return CellDose(per_kg, nk, weight_kg)


def release_check(product: CellProduct) -> ReleaseCheck:
    """Release tests → may the infusion start?

    A positive infectious-disease test blocks it and raises the protocol's stop reason 1; a
    positive sterility test blocks it too (a contaminated bag is not released), without a stop
    reason of its own. Pending results do not block: they are listed for the record.
    """
    for name in ("sterility", "infectious_disease"):
        if getattr(product, name) not in RESULTS:
            raise InputError(name, f"'{getattr(product, name)}' is not one of {', '.join(RESULTS)}",
                             code="bad_result")
    blocks, pending = [], []
    if product.infectious_disease == "positive":
        blocks.append("infectious_disease_positive")
    if product.sterility == "positive":
        blocks.append("sterility_positive")
    for name in ("sterility", "infectious_disease"):
        if getattr(product, name) == "pending":
            pending.append(name)
    stop = STOP_INFECTIOUS_POSITIVE if product.infectious_disease == "positive" else None
    return ReleaseCheck(tuple(blocks), tuple(pending), stop)
