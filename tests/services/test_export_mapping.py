"""The mapping table: one row for everything exported, every code with where it was checked, an
unchecked code empty and flagged; it covers every lab NKDesk stores, every eligibility input but the
birth date, and exactly the protocol file's calendar kinds."""
from __future__ import annotations

import re

from nkdesk.rules import analytes, protocol
from nkdesk.services.export import mapping, odm


def test_every_storable_lab_and_every_eligibility_input_is_mapped():
    table = mapping.load()
    labs = {f.key for f in table.forms["labs"].fields}
    storable = {a.name for a in analytes.ANALYTES} - {"height", "weight", "temperature"}   # services.measurements
    assert storable <= labs
    inputs = set(protocol.load().fields) - {"birth_date"}   # the birth date never leaves the ward
    assert inputs <= {f.key for f in table.forms["eligibility"].fields}
    assert "birth_date" not in {f.key for f in table.fields()}


def test_calendar_events_are_the_protocol_files():
    table = mapping.load()
    calendar = [e.kind for e in table.events if e.kind not in ("screening", "on_study")]
    assert calendar == odm.calendar_kinds(protocol.load())


def test_every_code_says_where_it_was_checked_and_no_code_is_guessed():
    table = mapping.load()
    for f in table.fields():
        if f.loinc:
            assert re.fullmatch(r"\d{1,6}-\d", f.loinc), f.key
            assert f.loinc_source and f.loinc_display, f.key
        elif f.form in ("labs", "vital_signs") and f.numeric and f.key not in (
                "time_point_min", "extra_number", "offset_min", "spo2_scale", "cycle"):
            assert f.flag, f"{f.form}.{f.key}: an empty LOINC code must say why"
    for unit in table.units.values():
        assert (unit.ucum and unit.ucum_source) or unit.flag, unit.nkdesk
    used = {f.unit for f in table.fields() if f.unit}
    assert used <= set(table.units)
    for a in analytes.ANALYTES:   # canonical units of the analytes are the units the table knows
        if a.name in {f.key for f in table.forms["labs"].fields}:
            assert table.forms["labs"].field(a.name).unit == a.canonical


def test_names_are_unique_and_redcap_shaped():
    table = mapping.load()
    oids = [f.odm_oid for f in table.fields()]
    names = [f.redcap for f in table.fields()]
    assert len(oids) == len(set(oids)) and len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) and len(n) <= 26 for n in names)
    assert all(f.codelist in table.codelists for f in table.fields() if f.type == "choice")
