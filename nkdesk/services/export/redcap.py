"""REDCap: a data dictionary, the events, the instrument–event mapping, the repeating instruments
and the records, as a REDCap longitudinal project imports them.

- `data_dictionary.csv`: REDCap's 18 columns with the header exactly as REDCap writes it (REDCap
  quotes every heading but `Identifier?`); `record_id` first (in the first instrument); variable
  names from the mapping table; numbers are text fields with `number` validation and the unit in
  the field note, dates `date_ymd`, date-times `datetime_ymd`, yes/no fields `yesno`, choices
  `dropdown` with "code, label | …".
- `events.csv` (`event_name,arm_num,day_offset,offset_min,offset_max,unique_event_name`): one arm;
  unique names as REDCap makes them (lower case, non-alphanumerics to `_`, then `_arm_1`).
- `instrument_event_mapping.csv` (`arm_num,unique_event_name,form`).
- `repeating_instruments.csv` (`event_name,form_name,custom_form_label`): every repeating form
  in each event it is mapped to (lab sets, body measurements and AEs on study; calendar events,
  dose orders, infusions and vital-sign sets in their calendar events).
- `records.csv`: `record_id, redcap_event_name, redcap_repeat_instrument, redcap_repeat_instance`,
  then every dictionary field with `<form>_complete` after each form's fields (REDCap's own
  export order); one row per record and event for its non-repeating forms, one per repeat
  instance (2 = Complete, 1 = Unverified, as REDCap codes form status).

The access log (reads recorded: patient opened, form printed, export made) goes with the audit
trail as one more repeating instrument, `access_log`, in the "On study" event: one instance per
entry and patient it names (REDCap's records are patients), with the entry's number, UTC time,
kind, user name, workstation and what was read (the form, the export's format). The contract
lists the five files, so it is an instrument of the same project, not a file beside them.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from nkdesk.services.export.dataset import AccessRead, Dataset
from nkdesk.services.export.mapping import Field, Mapping
from nkdesk.services.export.subject import FormRecord, Subject

DICTIONARY_HEADER = ('"Variable / Field Name","Form Name","Section Header","Field Type","Field Label",'
                     '"Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider '
                     'Number","Text Validation Min","Text Validation Max",Identifier?,"Branching Logic (Show field '
                     'only if...)","Required Field?","Custom Alignment","Question Number (surveys only)","Matrix '
                     'Group Name","Matrix Ranking?","Field Annotation"')
EVENT_HEADER = ("event_name", "arm_num", "day_offset", "offset_min", "offset_max", "unique_event_name")
MAPPING_HEADER = ("arm_num", "unique_event_name", "form")
REPEATING_HEADER = ("event_name", "form_name", "custom_form_label")
RECORD_KEYS = ("record_id", "redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance")
FILES = ("data_dictionary.csv", "events.csv", "instrument_event_mapping.csv", "repeating_instruments.csv",
         "records.csv")
ACCESS_FORM, ACCESS_EVENT = "access_log", "on_study"
ACCESS_FIELDS = (   # (variable, label, field type, choices, note, validation)
    ("access_seq", "Access log entry number", "text", "", "", "integer"),
    ("access_at_utc", "When (UTC)", "text", "", "UTC", "datetime_seconds_ymd"),
    ("access_what", "What kind of read", "dropdown",
     "patient_opened, Patient opened | form_printed, Form printed | export, Export made", "", ""),
    ("access_user", "Who (user name, or os:<login> for a terminal command)", "text", "", "", ""),
    ("access_workstation", "Workstation", "text", "", "", ""),
    ("access_detail", "What was read (form, export format)", "text", "", "", ""),
)
VALIDATION = {"integer": "number", "float": "number", "date": "date_ymd", "datetime": "datetime_ymd"}
COMPLETE, UNVERIFIED = "2", "1"


def _csv(rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def dictionary_rows(table: Mapping) -> list[list[str]]:
    """The dictionary's rows (without the header): record_id, then every mapped field by form."""
    first = next(iter(table.forms.values()))
    rows = [["record_id", first.redcap, "", "text", "Study ID", "", "", "", "", "", "", "", "", "", "", "", "", ""]]
    for form in table.forms.values():
        for f in form.fields:
            rows.append(_field_row(table, form.redcap, f))
    for name, label, kind, choices, note, validation in ACCESS_FIELDS:
        rows.append([name, ACCESS_FORM, "", kind, label, choices, note, validation, "", "", "", "", "", "", "", "",
                     "", "NKDesk access log (issue 15)"])
    return rows


def _field_row(table: Mapping, form: str, f: Field) -> list[str]:
    kind, choices, note, validation = "text", "", "", VALIDATION.get(f.type, "")
    if f.type == "boolean":
        kind = "yesno"
    elif f.type == "choice":
        kind = "dropdown"
        choices = " | ".join(f"{code}, {label}" for code, label in table.codelists[f.codelist or ""].items)
    elif f.note:
        kind = "notes"
    if f.numeric:
        note = f.unit or "count"
    elif f.type == "datetime":
        note = "local time at the ward"
    annotation = f"ODM {f.odm_oid}" + (f"; LOINC {f.loinc}" if f.loinc else "")
    return [f.redcap, form, "", kind, f.label, choices, note, validation, "", "", "", "", "", "", "", "", "",
            annotation]


def dictionary(table: Mapping) -> bytes:
    return DICTIONARY_HEADER.encode("utf-8") + b"\n" + _csv(dictionary_rows(table))


def events(table: Mapping) -> bytes:
    return _csv([EVENT_HEADER, *[(e.label, 1, n, 0, 0, e.redcap_unique_name)
                                 for n, e in enumerate(table.events, start=1)]])


def _access_event(table: Mapping) -> str:
    return next(e.redcap_unique_name for e in table.events if e.kind == ACCESS_EVENT)


def instrument_event_mapping(table: Mapping) -> bytes:
    return _csv([MAPPING_HEADER, *[(1, e.redcap_unique_name, table.forms[f].redcap)
                                   for e in table.events for f in e.forms],
                 (1, _access_event(table), ACCESS_FORM)])


def repeating_instruments(table: Mapping) -> bytes:
    rows = [REPEATING_HEADER]
    for e in table.events:
        for key in e.forms:
            form = table.forms[key]
            if form.repeating:
                label = f"[{form.fields[0].redcap}]"
                rows.append((e.redcap_unique_name, form.redcap, label))
    rows.append((_access_event(table), ACCESS_FORM, "[access_what] [access_at_utc]"))
    return _csv(rows)


def record_columns(table: Mapping) -> list[str]:
    columns = list(RECORD_KEYS)
    for form in table.forms.values():
        columns += [f.redcap for f in form.fields]
        columns.append(f"{form.redcap}_complete")
    columns += [name for name, *_rest in ACCESS_FIELDS]
    columns.append(f"{ACCESS_FORM}_complete")
    return columns


def value_text(value: Any, f: Field) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if f.type == "datetime" and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return str(int(value)) if f.type == "integer" and value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def subject_rows(table: Mapping, subject: Subject, columns: list[str]) -> list[list[str]]:
    index = {c: n for n, c in enumerate(columns)}
    rows = []
    for event in table.events:
        records = [r for r in subject.records if r.event == event.kind]
        if not records:
            continue
        plain = [r for r in records if r.repeat is None]
        if plain:
            row = [""] * len(columns)
            row[0], row[1] = subject.study_id, event.redcap_unique_name
            for r in plain:
                _fill(table, row, index, r)
            rows.append(row)
        for r in sorted((r for r in records if r.repeat is not None),
                        key=lambda r: (event.forms.index(r.form), r.repeat)):
            row = [""] * len(columns)
            row[0], row[1] = subject.study_id, event.redcap_unique_name
            row[2], row[3] = table.forms[r.form].redcap, str(r.repeat)
            _fill(table, row, index, r)
            rows.append(row)
    return rows


def _fill(table: Mapping, row: list[str], index: dict[str, int], record: FormRecord) -> None:
    form = table.forms[record.form]
    for f in form.fields:
        if f.key in record.values:
            row[index[f.redcap]] = value_text(record.values[f.key], f)
    row[index[f"{form.redcap}_complete"]] = COMPLETE if record.complete else UNVERIFIED


def access_rows(table: Mapping, reads: Sequence[AccessRead], exported: set[str], columns: list[str]
                ) -> list[list[str]]:
    """The access log's instances: one per entry and exported patient it names, numbered per patient."""
    index = {c: n for n, c in enumerate(columns)}
    event = _access_event(table)
    instances: dict[str, int] = {}
    rows = []
    for read in reads:
        detail = ", ".join(f"{k}: {('yes' if v else 'no') if isinstance(v, bool) else v}"
                           for k, v in read.detail.items())
        values = {"access_seq": str(read.seq), "access_at_utc": _utc_seconds(read.at_utc), "access_what": read.what,
                  "access_user": read.username, "access_workstation": read.workstation, "access_detail": detail,
                  f"{ACCESS_FORM}_complete": COMPLETE}
        for study_id in read.study_ids:
            if study_id not in exported:
                continue
            instances[study_id] = instances.get(study_id, 0) + 1
            row = [""] * len(columns)
            row[0], row[1], row[2], row[3] = study_id, event, ACCESS_FORM, str(instances[study_id])
            for name, value in values.items():
                row[index[name]] = value
            rows.append(row)
    return rows


def _utc_seconds(at_utc: str) -> str:
    """The log's UTC time ("2026-12-06T22:51:23.772470Z") as REDCap's datetime_seconds_ymd spells it."""
    return datetime.fromisoformat(at_utc).strftime("%Y-%m-%d %H:%M:%S")


def write(data: Dataset, out_dir: Path, write_file: Callable[[Path, bytes], None]) -> list[Path]:
    """All five files, rendered in memory first, then written."""
    table = data.mapping
    columns = record_columns(table)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    exported: set[str] = set()
    for subject in data.subjects:
        exported.add(subject.study_id)
        writer.writerows(subject_rows(table, subject, columns))
    writer.writerows(access_rows(table, data.access, exported, columns))
    contents = {"data_dictionary.csv": dictionary(table), "events.csv": events(table),
                "instrument_event_mapping.csv": instrument_event_mapping(table),
                "repeating_instruments.csv": repeating_instruments(table),
                "records.csv": buffer.getvalue().encode("utf-8")}
    paths = []
    for name in FILES:
        path = out_dir / name
        write_file(path, contents[name])
        paths.append(path)
    return paths
