"""Summaries: descriptive statistics of continuous items and AE counts by term, worst grade, cycle, dose."""
from __future__ import annotations

import math

import pytest

from nkdesk.rules import summary


def test_describe_small_sample():
    """[1, 2, 3, 4] and one missing: mean 2.5, median 2.5, SD √(5/3), quartiles 1.75 and 3.25 (inclusive), range 1–4."""
    # By hand: deviations ±0.5, ±1.5 → sum of squares 5, SD = √(5/3) = 1.29099; inclusive quartiles
    # interpolate at positions (n − 1) × 0.25 = 0.75 and 2.25 of the ordered data → 1.75 and 3.25.
    result = summary.describe([3, 1, None, 4, 2])
    assert result["n"] == 4 and result["missing"] == 1
    assert result["mean"] == pytest.approx(2.5) and result["median"] == pytest.approx(2.5)
    assert result["sd"] == pytest.approx(math.sqrt(5 / 3))
    assert (result["q1"], result["q3"]) == (pytest.approx(1.75), pytest.approx(3.25))
    assert (result["min"], result["max"]) == (1, 4)


def test_describe_counts_nan_as_missing_and_handles_tiny_samples():
    """NaN is missing; one value has no SD; no values give only counts."""
    one = summary.describe([float("nan"), 7.0])
    assert (one["n"], one["missing"], one["sd"], one["median"]) == (1, 1, None, 7.0)
    assert summary.describe([None])["mean"] is None


EVENTS = [
    {"subject": "P01", "term": "Fever", "grade": 1, "cycle": 1, "dose": 2.0e7},
    {"subject": "P01", "term": "Fever", "grade": 2, "cycle": 2, "dose": 2.0e7},
    {"subject": "P02", "term": "Fever", "grade": 1, "cycle": 1, "dose": 8.0e7},
    {"subject": "P02", "term": "Anemia", "grade": 3, "cycle": 1, "dose": 8.0e7},
    {"subject": "P03", "term": "Anemia", "grade": None, "cycle": 2, "dose": 8.0e7},
]


def test_counts_by_term_use_each_subjects_worst_grade():
    """Fever: 3 events in 2 subjects, P01 counted once at grade 2, P02 at grade 1."""
    rows = {row["term"]: row for row in summary.ae_counts(EVENTS, subjects_n=10)}
    assert (rows["Fever"]["events"], rows["Fever"]["subjects"]) == (3, 2)
    assert rows["Fever"]["worst_grade"] == {"1": 1, "2": 1, "3": 0, "4": 0, "5": 0}
    assert rows["Fever"]["subjects_pct"] == pytest.approx(20.0)
    assert rows["Anemia"]["worst_grade"]["3"] == 1 and rows["Anemia"]["ungraded"] == 1


def test_counts_by_cycle():
    """By cycle: cycle 1 has Fever in 2 subjects, cycle 2 in 1."""
    rows = {(row["cycle"], row["term"]): row for row in summary.ae_counts(EVENTS, by=("cycle",))}
    assert rows[(1, "Fever")]["subjects"] == 2 and rows[(2, "Fever")]["subjects"] == 1


def test_counts_by_dose_bins():
    """Doses placed in protocol bins [low, high): 2×10⁷ in '< 5×10⁷', 8×10⁷ in '≥ 5×10⁷'."""
    bins = [{"label": "< 5e7", "high": 5e7}, {"label": ">= 5e7", "low": 5e7}]
    rows = {(row["dose_group"], row["term"]): row["subjects"]
            for row in summary.ae_counts(EVENTS, by=("dose_group",), dose_bins=bins)}
    assert rows == {("< 5e7", "Fever"): 1, (">= 5e7", "Anemia"): 2, (">= 5e7", "Fever"): 1}
