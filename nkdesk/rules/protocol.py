"""Protocol definitions: one TOML file per protocol in `rules/protocols/`, read into a `Protocol`.

A protocol file holds everything about a study that NKDesk must not hard-code: its identity and
source, its parameters (e.g. the platelet threshold, flagged "to be confirmed"), the open points of
its source text, the inputs an assessment may carry (`[fields]`), its eligibility criteria (each
with the wording of the source and a rule, see `criteria.py`), and sections that other modules read
(`[schedule]`, `[endpoints]`, `[vitals]`, …). This module only loads and indexes the file; it knows
no protocol by name.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

PROTOCOL_DIR = Path(__file__).resolve().parent / "protocols"
DEFAULT_PROTOCOL = "jRCTb060200020"

FIELD_TYPES = {"date", "boolean", "integer", "choice", "quantity"}


class ProtocolError(ValueError):
    """A protocol file that cannot be used: a fault in the file, not in the user's input."""


@dataclass(frozen=True)
class FieldSpec:
    path: str           # "labs.platelets", "ctc_count"
    type: str           # one of FIELD_TYPES
    label: str
    page: str = ""      # wizard page in the window: demographics, labs, history, …
    analyte: str | None = None
    choices: tuple[str | int, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    help: str = ""
    ja: dict[str, str] = field(default_factory=dict, compare=False)   # label/help in Japanese


@dataclass(frozen=True)
class Parameter:
    name: str
    value: Any          # a quantity text ("100 10^9/L"), a number, or a string
    label: str
    to_be_confirmed: bool = False
    note: str = ""
    ja: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class OpenPoint:
    id: str
    title: str
    text: str
    criteria: tuple[str, ...] = ()
    ja: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class CriterionSpec:
    id: str
    kind: str           # "inclusion" or "exclusion"
    text: str           # the source's wording
    rule: dict[str, Any]
    group: str = ""     # "E4" for E4.i … E4.vii
    group_text: str = ""
    summary: str = ""   # a short English label
    ja: dict[str, str] = field(default_factory=dict, compare=False)   # summary, text, group_text in Japanese


@dataclass(frozen=True, eq=False)  # identity: loaded once per file, used as a cache key
class Protocol:
    id: str
    title: str
    source: str
    version: str
    fields: dict[str, FieldSpec]
    parameters: dict[str, Parameter]
    open_points: tuple[OpenPoint, ...]
    criteria: tuple[CriterionSpec, ...]
    data: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def section(self, name: str, default: Any = None) -> Any:
        """A section other modules read (`schedule`, `endpoints`, …), as parsed from the file."""
        return self.data.get(name, default)

    def open_points_for(self, criterion_id: str) -> list[OpenPoint]:
        base = criterion_id.split(".")[0]
        return [p for p in self.open_points if criterion_id in p.criteria or base in p.criteria]


# Protocol texts shown to people, each with its Japanese rendering beside it in the file as
# `<key>_ja` (issue 18). The English of a criterion's `text` is the source's wording: the window
# shows the Japanese as a translation of it, never in its place on a signed record.
TRANSLATED_KEYS = ("title", "short_title", "label", "summary", "text", "note", "help", "anchor_label", "timing",
                   "wording", "law", "applies_to", "day0", "protocol_wording", "drug", "route", "frequency", "why")


def japanese(spec: dict[str, Any]) -> dict[str, str]:
    """The `<key>_ja` texts of one table of the file, by key."""
    return {key: spec[f"{key}_ja"] for key in TRANSLATED_KEYS if isinstance(spec.get(f"{key}_ja"), str)}


def text_in(item: object, name: str, language: str) -> str:
    """A protocol text in the language: the Japanese of `name` when asked and present, else the
    English. `item` is a loaded record (FieldSpec, CriterionSpec, …) or a table of the file."""
    texts: dict[str, Any] = item if isinstance(item, dict) else {name: getattr(item, name, "")}
    japanese_texts: dict[str, Any] = item if isinstance(item, dict) else {
        f"{key}_ja": value for key, value in getattr(item, "ja", {}).items()}
    english, translated = texts.get(name, ""), japanese_texts.get(f"{name}_ja") if language == "ja" else None
    return str(translated or english)


def protocol_ids() -> list[str]:
    return sorted(_load_path(p).id for p in PROTOCOL_DIR.glob("*.toml"))


def load(protocol_id: str = DEFAULT_PROTOCOL) -> Protocol:
    """The shipped protocol with this id; ProtocolError naming the known ids if there is none."""
    for path in sorted(PROTOCOL_DIR.glob("*.toml")):
        protocol = _load_path(path)
        if protocol.id == protocol_id:
            return protocol
    raise ProtocolError(f"unknown protocol '{protocol_id}' (known: {', '.join(protocol_ids())})")


def load_file(path: str | Path) -> Protocol:
    """A protocol from any TOML file (tests use a synthetic one)."""
    return _load_path(Path(path).resolve())


@lru_cache(maxsize=32)
def _load_path(path: Path) -> Protocol:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProtocolError(f"{path.name}: {exc}") from None
    try:
        return _build(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ProtocolError(f"{path.name}: {exc}") from None


def _build(data: dict[str, Any]) -> Protocol:
    fields = {}
    for path, spec in data.get("fields", {}).items():
        if spec.get("type") not in FIELD_TYPES:
            raise ValueError(f"field {path}: type must be one of {sorted(FIELD_TYPES)}")
        fields[path] = FieldSpec(
            path=path, type=spec["type"], label=spec.get("label", path), page=spec.get("page", ""),
            analyte=spec.get("analyte"), choices=tuple(spec.get("choices", ())),
            minimum=spec.get("min"), maximum=spec.get("max"), help=spec.get("help", ""), ja=japanese(spec),
        )
    parameters = {
        name: Parameter(name=name, value=spec["value"], label=spec.get("label", name),
                        to_be_confirmed=bool(spec.get("to_be_confirmed", False)), note=spec.get("note", ""),
                        ja=japanese(spec))
        for name, spec in data.get("parameters", {}).items()
    }
    open_points = tuple(
        OpenPoint(id=p["id"], title=p.get("title", p["id"]), text=p["text"], criteria=tuple(p.get("criteria", ())),
                  ja=japanese(p))
        for p in data.get("open_points", [])
    )
    criteria = []
    groups = {g["id"]: g for g in data.get("criterion_groups", [])}
    for c in data.get("criteria", []):
        if c["kind"] not in {"inclusion", "exclusion"}:
            raise ValueError(f"criterion {c['id']}: kind must be inclusion or exclusion")
        group = c.get("group", "")
        criteria.append(CriterionSpec(
            id=c["id"], kind=c["kind"], text=c["text"], rule=c["rule"], group=group,
            group_text=groups.get(group, {}).get("text", ""), summary=c.get("summary", ""),
            ja={**japanese(c), **{f"group_{k}": v for k, v in japanese(groups.get(group, {})).items()}},
        ))
    ids = [c.id for c in criteria]
    if len(ids) != len(set(ids)):
        raise ValueError("criterion ids must be unique")
    return Protocol(
        id=data["id"], title=data.get("title", data["id"]), source=data.get("source", ""),
        version=str(data.get("version", "")), fields=fields, parameters=parameters,
        open_points=open_points, criteria=tuple(criteria), data=data,
    )
