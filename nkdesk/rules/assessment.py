"""An eligibility assessment's inputs, parsed and checked against the protocol's `[fields]`.

The assessment JSON of ../shared/cli-contract.md: every key optional, an unknown key an error, lab
values as text with units (British spellings accepted), dates ISO. `read()` returns the parsed
`Assessment` and a problem per field (the window shows them beside the fields); `parse()` raises
the first problem (the CLI prints it and exits 2). Parsing is separate from evaluation so that the
window can re-evaluate on every keystroke without re-reading everything.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from nkdesk.rules import analytes, dates, units
from nkdesk.rules.errors import InputError
from nkdesk.rules.protocol import FieldSpec, Protocol

LABS = "labs"


@dataclass(frozen=True)
class Assessment:
    """Parsed inputs by path ("labs.platelets", "ctc_count"); absent paths are simply not there."""

    values: Mapping[str, Any] = field(default_factory=dict)

    def get(self, path: str) -> Any:   # a parsed value: Measured, bool, int, str, date…
        return self.values.get(path)

    def has(self, path: str) -> bool:
        return self.values.get(path) is not None


def read(data: Any, protocol: Protocol, *, typed: bool = False) -> tuple[Assessment, dict[str, InputError]]:
    """Parse what can be parsed; return the assessment and every problem keyed by field path.
    `typed`: the data is what a person typed in the window (dates as rules.dates takes them typed)."""
    problems: dict[str, InputError] = {}
    values: dict[str, Any] = {}
    if not isinstance(data, dict):
        problems["assessment"] = InputError("assessment", "expected a JSON object with the assessment's fields",
                                            code="not_object")
        return Assessment(values), problems
    top_level = {path.split(".")[0] for path in protocol.fields} | {LABS}
    for key, raw in data.items():
        if not isinstance(key, str) or key not in top_level:
            problems[str(key)] = InputError(str(key), "unknown field", code="unknown_field")
            continue
        if key == LABS:
            _read_labs(raw, protocol, values, problems, typed)
            continue
        spec = protocol.fields.get(key)
        if spec is None:  # a prefix of declared nested fields, e.g. "history"
            problems[key] = InputError(key, "unknown field", code="unknown_field")
            continue
        _read_one(spec, raw, values, problems, typed)
    return Assessment(values), problems


def parse(data: Any, protocol: Protocol, *, typed: bool = False) -> Assessment:
    """Parse the assessment, raising the first problem (in the input's key order)."""
    assessment, problems = read(data, protocol, typed=typed)
    if problems:
        raise next(iter(problems.values()))
    return assessment


def _read_labs(raw: object, protocol: Protocol, values: dict[str, Any], problems: dict[str, InputError],
               typed: bool) -> None:
    if raw is None:
        return
    if not isinstance(raw, dict):
        problems[LABS] = InputError(LABS, "expected an object of lab values, e.g. {\"hemoglobin\": \"12.1 g/dL\"}",
                                    code="not_object")
        return
    for key, text in raw.items():
        analyte = analytes.find(key) if isinstance(key, str) else None
        if analyte is None:
            problems[f"{LABS}.{key}"] = InputError(
                f"{LABS}.{key}", f"unknown lab (known: {', '.join(analytes.names())})", code="unknown_field")
            continue
        path = f"{LABS}.{analyte.name}"
        if path in values or path in problems:
            problems[f"{LABS}.{key}"] = InputError(f"{LABS}.{key}", f"given twice (as {analyte.name} too)",
                                                   code="duplicate")
            continue
        spec = protocol.fields.get(path) or FieldSpec(path=path, type="quantity", label=analyte.label,
                                                      analyte=analyte.name)
        _read_one(spec, text, values, problems, typed)


def _read_one(spec: FieldSpec, raw: object, values: dict[str, Any], problems: dict[str, InputError],
              typed: bool) -> None:
    if raw is None:
        return
    try:
        values[spec.path] = parse_value(spec, raw, typed=typed)
    except InputError as exc:
        problems[spec.path] = exc


def parse_value(spec: FieldSpec, raw: object, *, typed: bool = False) -> Any:
    """One field's value from JSON (or from a widget's text, for quantities); `typed`: typed in the
    window, so a date may be written as Japanese forms write it (rules.dates)."""
    path = spec.path
    if spec.type == "boolean":
        if not isinstance(raw, bool):
            raise InputError(path, f"expected true or false, got {raw!r}", code="not_boolean")
        return raw
    if spec.type == "integer":
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InputError(path, f"expected a whole number, got {raw!r}", code="not_integer")
        if (spec.minimum is not None and raw < spec.minimum) or (spec.maximum is not None and raw > spec.maximum):
            raise InputError(path, f"{raw} is outside {spec.minimum}–{spec.maximum}", code="out_of_range",
                             low=spec.minimum, high=spec.maximum)
        return raw
    if spec.type == "choice":
        options = {str(c).upper(): c for c in spec.choices}
        if not isinstance(raw, str) or raw.strip().upper() not in options:
            raise InputError(path, f"expected one of {', '.join(map(str, spec.choices))}, got {raw!r}",
                             code="not_a_choice")
        return options[raw.strip().upper()]
    if spec.type == "date":
        return dates.parse_date(raw, path, typed=typed)
    if spec.type == "quantity":
        return units.parse(raw, field=path, analyte=spec.analyte)
    raise InputError(path, f"field type '{spec.type}' is not supported", code="unsupported")
