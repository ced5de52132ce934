"""A parsed quantity as the record keeps it: the text as entered, its number and unit, and the value
in the analyte's canonical unit (`nkdesk.rules.analytes.ANALYTES`, the one table of canonical units).

The services hand storage these `RecordedQuantity`s; storage stores them as handed and converts
nothing (it imports no rules).
"""
from __future__ import annotations

from nkdesk.domain import RecordedQuantity
from nkdesk.rules import analytes, units


def recorded(measured: units.Measured) -> RecordedQuantity:
    """A parsed quantity as storage keeps it (canonical value exact to 12 significant figures)."""
    spec = analytes.find(measured.analyte or "")
    if spec is None:
        raise ValueError("storing a quantity needs its analyte (units.parse(..., analyte=...))")
    return RecordedQuantity(measured.text, measured.magnitude, measured.unit,
                            units.clean_float(measured.to(spec.canonical)), spec.canonical)
