"""The mapping table (mapping.toml) as typed records: units, events, forms and their fields, code lists.

One table says, for every exported NKDesk field, its ODM OID, its REDCap variable, its unit with
the UCUM code and, where one was confirmed, its LOINC code with where it was checked. The writers
(odm.py, redcap.py, fhir.py) read everything from here; nothing about a field is spelled twice.
Code lists whose values the rules define (oxygen devices, AE relatedness, action, outcome, source)
are taken from the rules, so the export cannot drift from what the ward may record. MedDRA codes
are read from the CTCAE table (`nkdesk/rules/ctcae_v5.toml`, a term's `meddra_code`), never
written here.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

TABLE_PATH = Path(__file__).resolve().parent / "mapping.toml"
FIELD_TYPES = frozenset({"text", "integer", "float", "date", "datetime", "boolean", "choice"})


@dataclass(frozen=True)
class Unit:
    nkdesk: str                  # the canonical unit NKDesk stores ("10^9/L")
    odm_oid: str
    ucum: str                    # "" when no UCUM code was confirmed (see flag)
    ucum_source: str
    flag: str = ""


@dataclass(frozen=True)
class Field:
    form: str
    key: str
    label: str
    type: str
    odm_oid: str
    redcap: str
    unit: str | None = None
    codelist: str | None = None
    note: bool = False           # free text: only with --with-notes
    loinc: str = ""
    loinc_display: str = ""
    loinc_source: str = ""
    flag: str = ""

    @property
    def numeric(self) -> bool:
        return self.type in ("integer", "float")


@dataclass(frozen=True)
class Form:
    key: str
    label: str
    odm_oid: str
    item_group_oid: str
    redcap: str
    repeating: bool
    fields: tuple[Field, ...]
    signed: bool = False

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


@dataclass(frozen=True)
class Event:
    kind: str
    label: str
    odm_oid: str
    type: str                    # ODM StudyEventDef Type: Scheduled / Common
    forms: tuple[str, ...]

    @property
    def redcap_unique_name(self) -> str:
        """REDCap's unique event name: the name lower-cased, non-alphanumerics to _, then _arm_1."""
        return "".join(c if c.isalnum() else "_" for c in self.label.lower()) + "_arm_1"


@dataclass(frozen=True)
class CodeList:
    key: str
    odm_oid: str
    items: tuple[tuple[str, str], ...]   # (coded value, decode)


@dataclass(frozen=True)
class Mapping:
    meta: dict[str, str]
    units: dict[str, Unit]
    events: tuple[Event, ...]
    forms: dict[str, Form]
    codelists: dict[str, CodeList]

    def unit(self, nkdesk_unit: str) -> Unit:
        return self.units[nkdesk_unit]

    def event(self, kind: str) -> Event:
        return next(e for e in self.events if e.kind == kind)

    def events_with(self, form: str) -> list[Event]:
        return [e for e in self.events if form in e.forms]

    def fields(self) -> list[Field]:
        return [f for form in self.forms.values() for f in form.fields]


def _rule_codelists() -> dict[str, list[tuple[str, str]]]:
    """Code lists whose values are the rules' own (imported here so the export cannot drift)."""
    from nkdesk.rules import adverse_events, vitals

    def words(values: tuple[str, ...]) -> list[tuple[str, str]]:
        return [(v, v.replace("_", " ").capitalize()) for v in values]

    return {
        "oxygen_device": list(vitals.OXYGEN_DEVICES.items()),
        "relatedness": words(adverse_events.RELATEDNESS),
        "ae_action": words(adverse_events.ACTIONS),
        "ae_outcome": words(adverse_events.OUTCOMES),
        "ae_source": words(adverse_events.SOURCES),
    }


@lru_cache(maxsize=1)
def load() -> Mapping:
    """The mapping table, read once."""
    data: dict[str, Any] = tomllib.loads(TABLE_PATH.read_text(encoding="utf-8"))
    units = {u["nkdesk"]: Unit(u["nkdesk"], u["odm_oid"], u["ucum"], u.get("ucum_source", ""), u.get("flag", ""))
             for u in data["units"]}
    events = tuple(Event(e["kind"], e["label"], e["odm_oid"], e["type"], tuple(e["forms"])) for e in data["events"])
    forms: dict[str, Form] = {}
    for raw in data["forms"]:
        fields = []
        for f in raw["fields"]:
            if f["type"] not in FIELD_TYPES:
                raise ValueError(f"{TABLE_PATH.name}: {raw['key']}.{f['key']}: unknown type {f['type']!r}")
            fields.append(Field(raw["key"], f["key"], f["label"], f["type"], f["odm_oid"], f["redcap"],
                                f.get("unit"), f.get("codelist"), bool(f.get("note", False)), f.get("loinc", ""),
                                f.get("loinc_display", ""), f.get("loinc_source", ""), f.get("flag", "")))
        forms[raw["key"]] = Form(raw["key"], raw["label"], raw["odm_oid"], raw["item_group_oid"], raw["redcap"],
                                 bool(raw["repeating"]), tuple(fields), bool(raw.get("signed", False)))
    codelists = {key: CodeList(key, spec["odm_oid"], tuple((str(c), str(d)) for c, d in spec["items"]))
                 for key, spec in data["codelists"].items()}
    for key, items in _rule_codelists().items():
        codelists[key] = CodeList(key, "CL." + key.upper(), tuple(items))
    return Mapping(dict(data["meta"]), units, events, forms, codelists)


@lru_cache(maxsize=1)
def meddra_codes() -> dict[str, str]:
    """CTCAE term name (lower case) → MedDRA code as nkdesk/rules/ctcae_v5.toml stores it (its
    `meddra_code`; terms without one are absent: a code is never guessed here)."""
    from nkdesk.rules import ctcae

    data = tomllib.loads(ctcae.TABLE_PATH.read_text(encoding="utf-8"))
    out = {}
    for raw in data.get("terms", []):
        code = raw.get("meddra_code")
        if isinstance(code, dict):   # tolerate a table form { code = …, source = … }
            code = code.get("code")
        if code not in (None, ""):
            out[str(raw["term"]).lower()] = str(code)
    return out
