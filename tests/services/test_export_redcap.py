"""REDCap export checked against REDCap's documented rules (no REDCap server): the dictionary's
18-column header as REDCap writes it, record_id first, unique lower-case names of at most 26
characters, known field and validation types, units in numeric notes; events and their unique
names; every records.csv column in the dictionary (or a form's _complete); repeat instances."""
from __future__ import annotations

import csv
import re

import pytest

# REDCap's data dictionary header, as REDCap's "Download the current Data Dictionary" writes it
# (every heading quoted except Identifier?): the 18 columns of REDCap's data dictionary.
HEADER = ('"Variable / Field Name","Form Name","Section Header","Field Type","Field Label",'
          '"Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number",'
          '"Text Validation Min","Text Validation Max",Identifier?,"Branching Logic (Show field only if...)",'
          '"Required Field?","Custom Alignment","Question Number (surveys only)","Matrix Group Name",'
          '"Matrix Ranking?","Field Annotation"')
FIELD_TYPES = {"text", "notes", "dropdown", "radio", "checkbox", "yesno", "truefalse", "calc", "file", "slider",
               "descriptive", "sql"}
VALIDATIONS = {"", "date_ymd", "date_mdy", "date_dmy", "datetime_ymd", "datetime_mdy", "datetime_dmy",
               "datetime_seconds_ymd", "number", "integer", "time", "email", "phone", "zipcode", "alpha_only"}
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _rows(folder, name):
    with (folder / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def dictionary(demo_exports):
    return _rows(demo_exports["redcap"], "data_dictionary.csv")


def test_dictionary_header_is_redcaps_exactly(demo_exports, dictionary):
    first_line = (demo_exports["redcap"] / "data_dictionary.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == HEADER
    assert len(dictionary[0]) == 18 and all(len(row) == 18 for row in dictionary)


def test_dictionary_names_types_and_validation_follow_redcaps_rules(dictionary):
    rows = dictionary[1:]
    names = [r[0] for r in rows]
    assert names[0] == "record_id"
    assert len(names) == len(set(names))
    for name in names:
        assert NAME.match(name) and len(name) <= 26, name
    forms = [r[1] for r in rows]
    assert forms[0] == forms[1]      # record_id is in the first instrument
    for r in rows:
        assert r[3] in FIELD_TYPES, r
        assert r[7] in VALIDATIONS, r
        if r[7] == "number":
            assert r[6], f"{r[0]}: a numeric field names its unit in the field note"
        if r[3] in ("dropdown", "radio"):
            assert all(re.match(r"^[^,]+, .+$", c.strip()) for c in r[5].split("|")), r[5]


def test_every_records_column_is_in_the_dictionary(demo_exports, dictionary):
    records = _rows(demo_exports["redcap"], "records.csv")
    fields = {r[0] for r in dictionary[1:]}
    completes = {f"{r[1]}_complete" for r in dictionary[1:]}
    header = records[0]
    assert header[:4] == ["record_id", "redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance"]
    for column in header[4:]:
        assert column in fields or column in completes, column


def test_events_mapping_and_repeating_instruments_agree(demo_exports, dictionary):
    events = _rows(demo_exports["redcap"], "events.csv")
    assert events[0] == ["event_name", "arm_num", "day_offset", "offset_min", "offset_max", "unique_event_name"]
    unique = {}
    for name, arm, *_rest, unique_name in events[1:]:
        # REDCap: the event name lower-cased, non-alphanumerics to _, then _arm_<n>
        assert unique_name == re.sub(r"[^a-z0-9]", "_", name.lower()) + f"_arm_{arm}"
        unique[unique_name] = name
    assert "screening_arm_1" in unique and "g_csf_arm_1" in unique
    mapping = _rows(demo_exports["redcap"], "instrument_event_mapping.csv")
    assert mapping[0] == ["arm_num", "unique_event_name", "form"]
    forms = {r[1] for r in dictionary[1:]}
    assert all(row[1] in unique and row[2] in forms for row in mapping[1:])
    repeating = _rows(demo_exports["redcap"], "repeating_instruments.csv")
    assert repeating[0] == ["event_name", "form_name", "custom_form_label"]
    pairs = {(r[0], r[1]) for r in repeating[1:]}
    for form in ("labs", "vital_signs", "adverse_events"):
        assert any(f == form for _e, f in pairs), form
    assert ("infusion_arm_1", "vital_signs") in pairs and ("on_study_arm_1", "labs") in pairs
    records = _rows(demo_exports["redcap"], "records.csv")
    mapped = {(r[1], r[2]) for r in mapping[1:]}
    for row in records[1:]:
        assert row[1] in unique
        if row[2]:
            assert (row[1], row[2]) in pairs and int(row[3]) >= 1
            assert (row[1], row[2]) in mapped


def test_demo_003s_vital_sign_sets_are_repeat_instances_of_the_infusion_event(demo_exports):
    records = _rows(demo_exports["redcap"], "records.csv")
    header = records[0]
    sets = [dict(zip(header, r, strict=True)) for r in records[1:]
            if r[0] == "DEMO-003" and r[2] == "vital_signs"]
    # services/demo_bedside.py records four sets: 0, 15, 30 and 60 minutes after the start
    assert [s["vs_time_point"] for s in sets] == ["0", "15", "30", "60"]
    assert [s["redcap_repeat_instance"] for s in sets] == ["1", "2", "3", "4"]
    assert {s["redcap_event_name"] for s in sets} == {"infusion_arm_1"}
