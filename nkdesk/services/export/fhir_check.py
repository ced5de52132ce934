"""Bundle entries written from closed templates and validated by fhir.resources' R4B models — the
whole model once per template, then only the variable values, each by the model's own validator
for its field.

Why: fhir.resources validates about 150 µs per resource (every nested element goes through
Python validators); an export of 1,000 patients holds ~270,000 resources, 35–50 s of validation.
Almost all of them are the same few shapes with different numbers, dates and ids.

How, and why it validates exactly what the models would:

1. A `Template` is a bundle entry (`{"fullUrl": …, "resource": …}`) with `Slot` markers where
   the per-resource values go (ids, references, times, numbers, codes that vary). Its JSON text
   (markers included) is its identity: `EntryWriter.template` returns one template per distinct
   text. The text is cut at the slots into constant chunks; every entry written from it is those
   chunks with the slots' JSON literals in between, so two entries from one template differ only
   in their slot literals, by construction.
2. The first entry written from a template is validated whole: the text is parsed back
   (`json.loads`) and validated by the R4B `BundleEntry` model (which validates the resource by
   its resourceType's model). If it is refused, the export stops (FhirInvalid).
3. For that validated entry, each slot's place is resolved on the model instance to the model
   class that owns it and its field; the slot's checker is that field's compiled pydantic-core
   schema, taken from the model (`__pydantic_core_schema__`) with the model's config — the very
   validator the model runs on that field, not a re-implementation.
4. Every later entry from the template has each slot value checked by its field's validator.
   The rest of what the model checks cannot differ from the validated first entry: unknown keys
   (extra = forbid), nesting, list lengths, nulls in lists, required elements and choice types
   (`value[x]`), the resourceType — all depend only on the constant chunks and on whether a
   value is null, and a slot value is never null (`literal` refuses None: an absent value is
   another template). fhir.resources R4B has no validator that compares two fields' values (the
   only model-level validators — FHIRAbstractModel's null, required and one-of-many checks and
   FHIRPrimitiveExtension's — look at presence only); the primitive validators (id, code, uri,
   string, dateTime, decimal, …) are functions of their own value alone, so a value accepted
   once is accepted again (values are remembered by their JSON literal, which fixes their type).
5. A slot value its validator refuses makes the whole entry be validated by the model, so the
   error is the model's own.

A slot must be a field of a model (not an item of a list of primitives); a template that puts
one elsewhere is validated whole every time. Points 3 and 4 are properties of the installed
fhir.resources (8.3) and fhir_core (1.1); tests/services/test_export_fhir_check.py checks them
against the models on every run: every slot of every template the exporter makes, filled with
values the models refuse and accept, is refused and accepted exactly as whole-model validation
refuses and accepts it.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic_core import SchemaError, SchemaValidator, ValidationError

_SENTINEL = "\ue000"                      # a private-use character: never in a template's constants
_SLOT_TEXT = re.compile(f'"{_SENTINEL}([A-Za-z_][A-Za-z0-9_]*){_SENTINEL}"')
_encode_str = json.encoder.encode_basestring     # json's own (C) string encoder, as ensure_ascii=False writes


class FhirInvalid(ValueError):
    """A resource that fhir.resources' R4B models refuse (nothing was written)."""


@dataclass(frozen=True)
class Slot:
    """Where a per-resource value goes in a template."""

    name: str


def literal(value: Any) -> str:
    """The JSON literal of a slot value, exactly as json.dumps writes it; None and non-finite
    numbers are refused (an absent value is another template; JSON has no NaN)."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if not math.isfinite(value):
            raise FhirInvalid(f"{value!r} is not a number JSON can hold")
        return float.__repr__(value)
    raise TypeError(f"a template slot holds a string, number or boolean, not {kind.__name__}: {value!r}")


def _slot_marker(value: object) -> str:
    if isinstance(value, Slot):
        return f"{_SENTINEL}{value.name}{_SENTINEL}"
    raise TypeError(f"not JSON: {value!r}")


def _paths(node: Any, path: tuple[str | int, ...], out: list[tuple[str | int, ...]]) -> None:
    """The paths of the slots in `node`, in the order json.dumps writes them."""
    if isinstance(node, Slot):
        out.append(path)
    elif isinstance(node, dict):
        for key, value in node.items():
            _paths(value, (*path, key), out)
    elif isinstance(node, list):
        for n, value in enumerate(node):
            _paths(value, (*path, n), out)


@dataclass
class _Check:
    """A field's own validator and the literals it has accepted."""

    validator: SchemaValidator
    accepted: set[str] = field(default_factory=set)


@dataclass
class Template:
    """A bundle entry's constant chunks and its slots (names in text order)."""

    text: str                                     # the JSON text with slot markers: the identity
    slots: tuple[str, ...]
    paths: tuple[tuple[str | int, ...], ...]
    form: str                                     # the text with `{}` at the slots, for str.format
    checks: tuple[_Check, ...] | None = None      # after the first entry has been validated whole
    first: tuple[Any, ...] | None = None          # that first entry's slot values (for tests)
    whole_every_time: bool = False                # a slot the checks cannot reach: validate each entry

    @classmethod
    def of(cls, entry: dict[str, Any]) -> Template:
        text = json.dumps(entry, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_slot_marker)
        parts = _SLOT_TEXT.split(text)
        chunks, slots = parts[0::2], tuple(parts[1::2])
        if any(_SENTINEL in chunk for chunk in chunks):
            raise ValueError(f"template {text[:80]}: a constant holds the slot sentinel")
        paths: list[tuple[str | int, ...]] = []
        _paths(entry, (), paths)
        if len(paths) != len(slots):
            raise ValueError(f"template {text[:80]}: slots not where json.dumps put them")
        form = "{}".join(c.replace("{", "{{").replace("}", "}}") for c in chunks)
        return cls(text, slots, tuple(paths), form)

    def fill(self, literals: list[str]) -> str:
        return self.form.format(*literals)


class EntryWriter:
    """Writes bundle entries from templates, validating as the module docstring says."""

    def __init__(self, entry_model: type[BaseModel]):
        self.entry_model = entry_model
        self.templates: dict[str, Template] = {}
        self.whole_validations = 0             # entries validated by the whole model (for tests)
        self._validators: dict[tuple[type[BaseModel], str], _Check | None] = {}

    def template(self, entry: dict[str, Any]) -> Template:
        """The template of `entry` (a bundle entry with `Slot` markers), one per distinct text."""
        made = Template.of(entry)
        return self.templates.setdefault(made.text, made)

    def entry(self, template: Template, values: Mapping[str, Any]) -> str:
        """The entry's JSON text (compact), validated; FhirInvalid if the models refuse it."""
        return self.entry_of(template, [values[name] for name in template.slots])

    def entry_of(self, template: Template, values: Sequence[Any]) -> str:
        """`entry` with the values in the order of `template.slots`."""
        literals = [_encode_str(v) if type(v) is str else literal(v) for v in values]
        text = template.fill(literals)
        checks = template.checks
        if checks is None or template.whole_every_time:
            self._validate_whole(template, text, values)
            return text
        for check, lit, value in zip(checks, literals, values, strict=True):
            if lit in check.accepted:
                continue
            try:
                check.validator.validate_python(value)
            except ValidationError:            # refused: the model's own verdict and message
                self._validate_whole(template, text, values)
            check.accepted.add(lit)
        return text

    def slot_accepts(self, template: Template, slot: int, value: Any) -> bool:
        """Whether the field check of `slot` (no cache, no whole-model fallback) accepts `value`:
        what `entry` relies on (tests compare it with the whole model's verdict)."""
        if template.checks is None:
            raise ValueError("the template has not been validated whole yet")
        try:
            template.checks[slot].validator.validate_python(value)
        except ValidationError:
            return False
        return True

    def validate(self, entry: dict[str, Any]) -> str:
        """An entry that is not written from a template, validated whole; its JSON text."""
        text = json.dumps(entry, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        self.whole(json.loads(text))
        return text

    def whole(self, entry: dict[str, Any]) -> BaseModel:
        """`entry` validated by the whole entry model; FhirInvalid naming the resource if refused."""
        self.whole_validations += 1
        try:
            return self.entry_model.model_validate(entry)
        except ValueError as exc:
            resource = entry.get("resource") or {}
            raise FhirInvalid(f"{resource.get('resourceType')} {resource.get('id')}: {exc}") from None

    # ---------------------------------------------------------------- internals
    def _validate_whole(self, template: Template, text: str, values: Sequence[Any]) -> None:
        instance = self.whole(json.loads(text))
        if template.checks is None and not template.whole_every_time:
            checks = [self._check_at(instance, path) for path in template.paths]
            if any(c is None for c in checks):
                template.whole_every_time = True
            else:
                template.checks = tuple(c for c in checks if c is not None)
                template.first = tuple(values)
                for check, value in zip(template.checks, values, strict=True):
                    check.accepted.add(literal(value))

    def _check_at(self, instance: Any, path: tuple[str | int, ...]) -> _Check | None:
        """The validator of the field a slot's path ends in, from the model instance that owns it."""
        owner = instance
        for step in path[:-1]:
            owner = owner[step] if isinstance(step, int) else getattr(owner, _field_name(type(owner), step))
        last = path[-1]
        if isinstance(last, int):
            return None                          # an item of a list of primitives: not a field
        name = _field_name(type(owner), last)
        key = (type(owner), name)
        if key not in self._validators:
            try:
                self._validators[key] = _Check(field_validator(type(owner), name))
            except (SchemaError, ValueError):   # a field schema that cannot stand alone
                self._validators[key] = None
        return self._validators[key]


def _field_name(model: type[BaseModel], key: str) -> str:
    """The model's field for a JSON key (its alias, or its name: models populate by name too)."""
    for name, info in model.model_fields.items():
        if info.alias == key:
            return name
    if key in model.model_fields:
        return key
    raise KeyError(f"{model.__name__} has no field {key!r}")


def field_validator(model: type[BaseModel], name: str) -> SchemaValidator:
    """The compiled schema the model validates field `name` with, under the model's config."""
    schema: Any = model.__pydantic_core_schema__
    config = None
    while "fields" not in schema:
        if schema.get("type") == "model":
            config = schema.get("config")
        if schema.get("type") == "definitions":
            raise ValueError(f"{model.__name__}'s schema holds definitions; a field cannot stand alone")
        schema = schema["schema"]
    return SchemaValidator(schema["fields"][name]["schema"], config)
