"""Summaries the protocol asks for: continuous items and adverse-event counts (plain data in and out).

Continuous items (vital signs, lab values) as the protocol's statistics section lists them: n,
missing, mean, median, SD, quartiles, min–max (jRCTb060200020, BMJ Open 2022;12:e064526). SD is the
sample SD (n − 1, `statistics.stdev`); quartiles are `statistics.quantiles(..., n=4,
method="inclusive")`, i.e. linear interpolation between order statistics (the same as R's default
type 7 and Excel's QUARTILE.INC), chosen because a summary of 10 patients should not extrapolate
beyond the data.

Adverse events are counted per term by subjects at their worst grade (the usual safety-table
convention: a subject counts once per term, at the highest grade reached) and by events, overall,
by cycle and by cell-dose group (the dose level recorded, or bins the protocol file defines).
"""
from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

GRADES = (1, 2, 3, 4, 5)


def describe(values: Iterable[float | None]) -> dict[str, Any]:
    """n, missing, mean, median, sd, q1, q3, min, max of numbers; None and NaN count as missing."""
    data, missing = [], 0
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            missing += 1
        else:
            data.append(float(value))
    result: dict[str, Any] = {"n": len(data), "missing": missing, "mean": None, "median": None, "sd": None,
                              "q1": None, "q3": None, "min": None, "max": None}
    if not data:
        return result
    result.update(mean=statistics.fmean(data), median=statistics.median(data), min=min(data), max=max(data))
    if len(data) >= 2:
        result["sd"] = statistics.stdev(data)
        q1, _, q3 = statistics.quantiles(data, n=4, method="inclusive")
        result.update(q1=q1, q3=q3)
    else:
        result.update(q1=data[0], q3=data[0])
    return result


def dose_group(dose: float | None, bins: Sequence[Mapping[str, Any]] | None) -> str | None:
    """The label of the bin [low, high) holding `dose` (protocol `dose_bins`: {label, low, high})."""
    if dose is None or not bins:
        return None
    for entry in bins:
        low = entry.get("low", -math.inf)
        high = entry.get("high", math.inf)
        if low <= dose < high:
            return str(entry["label"])
    return None


def ae_counts(events: Iterable[Mapping[str, Any]], *, by: Sequence[str] = (),
              subjects_n: int | None = None, dose_bins: Sequence[Mapping[str, Any]] | None = None,
              dose_key: str = "dose") -> list[dict[str, Any]]:
    """AE counts per group and term: events, subjects, subjects by worst grade (and % of subjects_n).

    Each event is a mapping with "subject", "term", "grade" (1–5, or None if not yet graded) and the
    keys named in `by` (e.g. "cycle", "dose_level"). `by` may name "dose_group": the event's
    `dose_key` value placed in `dose_bins`. Rows are sorted by group, then term.
    """
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    worst: dict[tuple[Any, ...], dict[Any, int | None]] = defaultdict(dict)
    for event in events:
        key_values = []
        for name in by:
            key_values.append(dose_group(event.get(dose_key), dose_bins) if name == "dose_group" else event.get(name))
        key = (*key_values, event["term"])
        row = groups.setdefault(key, {**dict(zip(by, key_values, strict=True)), "term": event["term"], "events": 0})
        row["events"] += 1
        subject = event["subject"]
        grade = event.get("grade")
        previous = worst[key].get(subject)
        if subject not in worst[key] or (grade is not None and (previous is None or grade > previous)):
            worst[key][subject] = grade
    rows = []
    for key in sorted(groups, key=lambda k: tuple((v is None, str(v)) for v in k)):
        row = groups[key]
        by_grade = {str(g): 0 for g in GRADES}
        ungraded = 0
        for grade in worst[key].values():
            if grade is None:
                ungraded += 1
            else:
                by_grade[str(grade)] += 1
        row.update(subjects=len(worst[key]), worst_grade=by_grade, ungraded=ungraded)
        if subjects_n:
            row["subjects_pct"] = 100.0 * row["subjects"] / subjects_n
            row["worst_grade_pct"] = {g: 100.0 * n / subjects_n for g, n in by_grade.items()}
        rows.append(row)
    return rows
