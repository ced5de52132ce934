"""The ODM export's schema check stands in for validating the whole document (nkdesk/services/export/odm.py,
"the schema check").

The exporter gives lxml the document without the FormData whose template was already checked and
whose slot values it vouches for. That is only honest if, for every template the exporter makes,
the shortened check refuses exactly the documents whole-document validation refuses. These tests
take every FormData template of the demo export, write it twice into one subject (the second is
the one the check may leave out) with values of every kind in each slot of the second — the
exporter's own, others the schema accepts, and ones it refuses (characters XML forbids, dates and
times xs:dateTime refuses) — and compare the two verdicts against the same ODM 1.3.2 XSD."""
from __future__ import annotations

import dataclasses
import itertools

import pytest

from nkdesk.services.export import dataset, odm
from nkdesk.services.export.subject import FormRecord, Subject
from nkdesk.storage.export_reads import open_read_only

TEXTS = ["x", "", " ", "検査 38.3 °C", "a \"b\" 'c'", "a & b <c> ]]>", "x\ny\tz\r", "\x7f\x85", "\U0001F600",
         "\ue000\ufffd", "\x00", "a\x01b", "\x0b", "\x1f", "\ufffe", "\uffff"]
DATETIMES = ["2026-01-18T01:00:00Z", "2026-01-18T01:00:00.123456Z", "2026-01-18T01:00:00+09:00", "2026-01-18T01:00:00",
             "2024-02-29T00:00:00Z", "2026-01-18T01:00:00+14:00", "2026-01-18T01:00:00-13:59",
             " 2026-01-18T01:00:00Z", "2026-01-18T24:00:00Z", "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
             "2026-13-01T00:00:00Z", "2026-01-18T23:60:00Z", "2026-01-18", "2026-01-18 01:00:00", "", "x",
             "0000-01-01T00:00:00Z", "12026-01-01T00:00:00Z", "2026-01-18T01:00:00+14:01",
             "2026-01-18T01:00:00+15:00", "2026-01-18T01:00:00.1234567Z", "2026-01-18T01:00:00\x00"]


_SEQ = itertools.count(10**9)   # audit rows of probed records: seqs no real row has (each row its own text)


@pytest.fixture(scope="module")
def demo(demo_db):
    with open_read_only(demo_db) as store:
        data = dataset.build(store)
        subjects = list(data.subjects)
    return data, subjects


class _Recording(odm._Templates):
    """Names each FormData's template instead of deciding."""

    shape: tuple[object, ...] = ()

    def covers(self, shape, vouched):
        self.shape = shape
        return False


def templates(data, subjects) -> dict[tuple[object, ...], FormRecord]:
    """The first record of every FormData template the exporter writes for these subjects."""
    recording = _Recording()
    items = odm._Items(data.mapping, recording)
    found = {}
    for subject in subjects:
        items.audits.clear()
        for record in subject.records:
            odm._form_data([], items, record)
            found.setdefault(recording.shape, record)
    return found


@pytest.fixture
def shell(demo, monkeypatch):
    """The document's shell made once (it does not depend on the subjects)."""
    head_tail = odm.shell_parts(demo[0])
    monkeypatch.setattr(odm, "shell_parts", lambda _data: head_tail)


def verdicts(data, records) -> tuple[str | None, str | None, bool]:
    """(the check's error, whole-document validation's error, whether the check left a FormData
    out) for one subject holding `records`."""
    subject = Subject("T-1", None, None, "screening", list(records))
    document, checked = odm.documents(dataclasses.replace(data, subjects=iter([subject])), odm._Templates())
    return _error(checked), _error(document), checked.count(b"<FormData ") < document.count(b"<FormData ")


def _error(document: bytes) -> str | None:
    try:
        odm.validate(document)
    except odm.OdmInvalid as exc:
        return str(exc)
    return None


def _again(record: FormRecord) -> FormRecord:
    """The same record once more, its signatures with other IDs (an xs:ID is unique in a document)."""
    return dataclasses.replace(record, signatures=tuple(dataclasses.replace(s, id=s.id + 10**6)
                                                        for s in record.signatures))


def _probed(record: FormRecord, slot: str, probe: str) -> FormRecord:
    """`record` with `probe` in one kind of slot: a value, or its audit rows' reason, user, time."""
    record = _again(record)
    if slot == "value":
        key = next(iter(record.values))
        return dataclasses.replace(record, values={**record.values, key: probe})
    stamps = {key: stamp._replace(seq=next(_SEQ), **{slot: probe}) for key, stamp in record.stamps.items()}
    return dataclasses.replace(record, stamps=stamps)


def test_the_demo_export_has_templates_with_every_kind_of_slot(demo):
    data, subjects = demo
    found = templates(data, subjects)
    assert len(found) >= 10
    assert any(r.stamps and any(s.reason for s in r.stamps.values()) for r in found.values())
    assert any(r.repeat is not None for r in found.values()) and any(r.signatures for r in found.values())


def test_a_second_formdata_of_a_template_with_the_exporters_values_is_left_to_the_template(demo, shell):
    data, subjects = demo
    for shape, record in templates(data, subjects).items():
        check, whole, left_out = verdicts(data, [record, _again(record)])
        assert (check, whole) == (None, None), shape
        assert left_out is not bool(record.signatures), shape   # (signed forms are always checked whole)


@pytest.mark.parametrize("slot", ["value", "reason", "username", "workstation"])
def test_text_slots_are_decided_as_whole_document_validation_decides(demo, shell, slot):
    data, subjects = demo
    refused = accepted = 0
    vouched = 0
    for shape, record in templates(data, subjects).items():
        if slot != "value" and not record.stamps:
            continue
        if slot == "reason":   # (every audit row with a reason, so that a probe keeps the template)
            record = _probed(record, "reason", "corrected: typing slip")
        for probe in TEXTS:
            check, whole, left_out = verdicts(data, [record, _probed(record, slot, probe)])
            assert (check is None) == (whole is None), (shape, slot, probe, check, whole)
            refused += whole is not None
            accepted += whole is None
            vouched += left_out
    assert refused and accepted and vouched


def test_audit_times_are_decided_as_whole_document_validation_decides(demo, shell):
    data, subjects = demo
    refused = accepted = vouched = 0
    for shape, record in templates(data, subjects).items():
        if not record.stamps:
            continue
        for probe in DATETIMES:
            check, whole, left_out = verdicts(data, [record, _probed(record, "at_utc", probe)])
            assert (check is None) == (whole is None), (shape, probe, check, whole)
            refused += whole is not None
            accepted += whole is None
            vouched += left_out
    assert refused and accepted and vouched


def test_a_template_is_checked_with_the_first_formdata_that_has_it(demo, shell):
    """A template whose first FormData breaks the schema is refused though the second is fine."""
    data, subjects = demo
    record = next(r for r in templates(data, subjects).values() if r.stamps and not r.signatures)
    check, whole, _left_out = verdicts(data, [_probed(record, "at_utc", "2026-02-30T00:00:00Z"), record])
    assert check is not None and whole is not None
