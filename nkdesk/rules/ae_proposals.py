"""Adverse events proposed from data: lab results graded against CTCAE v5.0, and fever episodes.

A proposal is never an AE by itself: a user accepts it (storage records who). Lab results of a
patient on treatment are graded with the site's normal ranges (`normal_ranges.py`, JCCLS by
default); total calcium is corrected for albumin when the same set holds an albumin below
4.0 g/dL (k = 1.0 by default, Payne's 0.8 as a site setting; see ctcae.py), and an ionised calcium
(analyte `ionized_calcium`) is graded on CTCAE's ionised column. The proposal carries the measured
value, the corrected value and the rule used (`GradeResult.calcium`). Where a value needs a limit
nobody has set, or a clinical fact, the proposal says so.

Fever episodes (CTCAE v5.0 "Fever"): an episode is a run of consecutive readings ≥ 38.0 °C in time
order; it is graded by its peak and, above 40.0 °C, by how long the temperature stayed above
40.0 °C (≤ 24 h grade 3, > 24 h grade 4). Readings bound that time from both sides: at least from
the first to the last reading above 40.0 °C, at most until the next reading at or below it. When
the bounds straddle 24 h, the grade needs judgement; an episode without a reading below 38.0 °C
after it is ongoing, and its grade is the grade so far.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nkdesk.rules import ctcae, units
from nkdesk.rules.normal_ranges import normal_range

FEVER_C = 38.0
HIGH_FEVER_C = 40.0
DURATION_SPLIT_H = 24.0


@dataclass(frozen=True)
class LabProposal:
    term: str
    analyte: str
    value: units.Measured
    result: ctcae.GradeResult
    range_source: str

    @property
    def undecided(self) -> bool:
        return self.result.grade is None


def propose_from_labs(labs: Mapping[str, Any], *, sex: str | None = None,
                      site_ranges: Mapping[str, Any] | None = None,
                      baselines: Mapping[str, Any] | None = None,
                      ca_correction: str | None = None) -> list[LabProposal]:
    """Proposed lab-based AEs (grade ≥ 1, or undecided) for one set of results, in table order.

    `labs` and `baselines` map analyte names (analytes.py) to quantities with units. Terms per
    analyte follow ctcae_v5.toml: sodium, potassium and calcium are checked in both directions
    (the protocol's electrolyte list is an open point: all four disorders are offered).
    """
    measured = {name: _measure(value, f"labs.{name}", name) for name, value in labs.items()}
    baselines = {name: _measure(value, f"baselines.{name}", name) for name, value in (baselines or {}).items()}
    proposals = []
    for term in ctcae.table().values():
        if term.analyte not in measured or term.analyte == "temperature":
            continue
        limits = normal_range(term.analyte, sex=sex, site_ranges=site_ranges)
        result = ctcae.grade(
            term.name, measured[term.analyte], lln=limits.low, uln=limits.high,
            baseline=baselines.get(term.analyte),
            albumin=measured.get("albumin") if term.corrected_for_albumin else None,
            ca_correction=ca_correction, require_limits=False,
        )
        if result.grade is None and result.missing_limits and not _decidable_without_limits(term):
            continue    # every grade needs a limit nobody has set (creatinine without a site ULN)
        if result.grade is None or result.grade >= 1:
            proposals.append(LabProposal(term.name, term.analyte, measured[term.analyte], result, limits.source))
    for term in ctcae.table().values():
        ionised = term.ionized_analyte
        if ionised is None or ionised not in measured:
            continue
        limits = normal_range(ionised, sex=sex, site_ranges=site_ranges)
        result = ctcae.grade(term.name, measured[ionised], lln=limits.low, uln=limits.high, ionized=True,
                             require_limits=False)
        if result.grade is None or result.grade >= 1:
            proposals.append(LabProposal(term.name, ionised, measured[ionised], result, limits.source))
    return proposals


def _decidable_without_limits(term: ctcae.Term) -> bool:
    """Whether some grade of the term is reachable without LLN/ULN (neutropenia grades 2–4 are)."""
    def needs_limit(band: dict[str, Any]) -> bool:
        return any(isinstance(band.get(op), str) and "LN" in band[op] for op in ("lt", "le", "gt", "ge"))
    return any(not needs_limit(b) for b in term.bands)


def _measure(value: object, field_name: str, analyte: str) -> units.Measured:
    if isinstance(value, units.Measured):
        return value
    return units.parse(value, field=field_name, analyte=analyte)


@dataclass(frozen=True)
class TemperatureReading:
    at: datetime
    temperature: units.Measured

    @property
    def celsius(self) -> float:
        return self.temperature.to_rounded("degC")


@dataclass(frozen=True)
class FeverEpisode:
    readings: tuple[TemperatureReading, ...]   # the febrile readings, in time order
    resolved_at: datetime | None               # first reading below 38.0 °C after them; None = ongoing
    peak: TemperatureReading
    above_40_h: tuple[float, float | None] | None   # (at least, at most) hours above 40.0 °C
    result: ctcae.GradeResult

    @property
    def start(self) -> datetime:
        return self.readings[0].at

    @property
    def ongoing(self) -> bool:
        return self.resolved_at is None


def fever_episodes(readings: Iterable[TemperatureReading]) -> list[FeverEpisode]:
    """Fever episodes of a series of timed temperatures, each graded by CTCAE v5.0 "Fever"."""
    ordered = sorted(readings, key=lambda r: r.at)
    episodes, run = [], []
    for index, reading in enumerate(ordered):
        if reading.celsius >= FEVER_C:
            run.append((index, reading))
            continue
        if run:
            episodes.append(_episode(run, ordered, reading.at))
            run = []
    if run:
        episodes.append(_episode(run, ordered, None))
    return episodes


def _episode(run: list[tuple[int, TemperatureReading]], ordered: list[TemperatureReading],
             resolved_at: datetime | None) -> FeverEpisode:
    febrile = tuple(reading for _, reading in run)
    peak = max(febrile, key=lambda r: r.celsius)
    above = [(i, r) for i, r in run if r.celsius > HIGH_FEVER_C]
    if not above:
        return FeverEpisode(febrile, resolved_at, peak, None, ctcae.grade("Fever", peak.temperature))
    first = above[0][1]
    last_index, last = above[-1]
    at_least = _hours(first.at, last.at)
    after = next((r for r in ordered[last_index + 1:] if r.celsius <= HIGH_FEVER_C), None)
    at_most = None if after is None else _hours(first.at, after.at)
    if at_least > DURATION_SPLIT_H:
        duration = at_least
    elif at_most is not None and at_most <= DURATION_SPLIT_H:
        duration = at_most
    elif at_most is None:
        duration = at_least                     # ongoing: the grade so far
    else:
        duration = None                         # readings straddle 24 h: judgement
    result = ctcae.grade("Fever", peak.temperature, duration_h=duration)
    return FeverEpisode(febrile, resolved_at, peak, (at_least, at_most), result)


def _hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600.0
