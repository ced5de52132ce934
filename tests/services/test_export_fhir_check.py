"""The FHIR export's checks stand in for whole-model validation (nkdesk/services/export/fhir_check.py).

The exporter validates the first entry of each template with fhir.resources' R4B BundleEntry model
and later entries value by value with the validator the model runs on that field. That is only
honest if, for every template the exporter makes, each slot's check refuses exactly the values
the whole model refuses and accepts exactly those it accepts. These tests put values of every
JSON kind (the exporter's own, valid and invalid ids, codes, URIs, dates, times, decimals,
integers, strings, booleans) into every slot of every template made from the demo database and
compare the two verdicts."""
from __future__ import annotations

import json
import random
import uuid
from itertools import count

import pytest
from fhir.resources.R4B.bundle import BundleEntry

from nkdesk.services import export
from nkdesk.services.export import dataset, fhir
from nkdesk.services.export.fhir_check import FhirInvalid, literal
from nkdesk.storage.export_reads import open_read_only
from tests.export_fixtures import export_to

PROBES = [
    # strings: the exporter's kinds of value, then values a FHIR primitive refuses
    "x", "final", "female", "on-study", "Nausea", "Grade 1", "10016558", "DEMO-001", "ü", "検査", "A" * 64,
    "2026-01-18", "2026-01-18T10:00:00+09:00", "2026-01-18T10:00:00Z", "2026-01", "2026",
    "urn:uuid:6f1d3c2e-8a4b-5d7e-9f10-2a3b4c5d6e7f", "http://example.org/x", "1", "1.5", "-0", "1e3",
    "", " ", "\t", "a b", " x", "x\x00y", "A" * 65, "not/an/id", "2026-02-30", "2026-13-01", "18/01/2026",
    "2026-01-18T10:00:00", "2026-01-18T25:00:00+09:00", "urn:uuid:", "1,5",
    # numbers and booleans
    0, 1, -1, 7, 2**31 - 1, 2**31, 2**63, 0.0, 1.5, -2.25, 150.0, 1e20, 1e-7, True, False,
]


@pytest.fixture(scope="module")
def writer(demo_db):
    """The entry writer after exporting the demo database: every template the exporter made."""
    made = fhir.entry_writer()
    with open_read_only(demo_db) as store:
        data = dataset.build(store, with_notes=True)
        fhir.render(data, made)
    made.access_entries = len(data.access)   # (validated whole, one by one: see below)
    return made


def _whole_accepts(template, slot: int, value) -> bool:
    literals = [literal(v) for v in template.first]
    literals[slot] = literal(value)
    try:
        BundleEntry.model_validate(json.loads(template.fill(literals)))
    except ValueError:
        return False
    return True


def test_every_template_is_checked_slot_by_slot(writer):
    kinds = {json.loads(t.text)["resource"]["resourceType"] for t in writer.templates.values()}
    # (the one ResearchStudy is validated whole, without a template)
    assert kinds == {"Patient", "ResearchSubject", "Observation", "MedicationRequest", "MedicationAdministration",
                     "AdverseEvent"}
    assert all(t.checks is not None and not t.whole_every_time for t in writer.templates.values())
    # one whole validation per template, the ResearchStudy's and each access-log AuditEvent's (few, no
    # template): the demo's other entries were checked by slots
    assert writer.whole_validations == len(writer.templates) + 1 + writer.access_entries


def test_each_slot_refuses_and_accepts_exactly_what_the_whole_model_does(writer):
    differ, verdicts = [], {}
    for template in writer.templates.values():
        for slot, name in enumerate(template.slots):
            for value in (template.first[slot], *PROBES):
                whole = _whole_accepts(template, slot, value)
                checked = writer.slot_accepts(template, slot, value)
                if whole != checked:
                    differ.append((template.text[:90], name, value, whole, checked))
                verdicts.setdefault((template.text, name), set()).add(whole)
    assert differ == []
    # every slot met both verdicts, so the comparison above could have failed either way
    assert all(v == {True, False} for v in verdicts.values()), [k for k, v in verdicts.items() if v != {True, False}]


def test_a_late_entry_the_model_refuses_stops_the_export_and_writes_nothing(demo_db, tmp_path, monkeypatch):
    """The first observations validate whole; a later one with an impossible date is caught by its
    slot check and reported with the model's own error."""
    real, calls = fhir._when, count()
    monkeypatch.setattr(fhir, "_when", lambda value: "2026-02-30" if next(calls) > 20 else real(value))
    with pytest.raises(export.ExportInvalid, match="effectiveDateTime|date"):
        export_to(demo_db, "fhir", tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_value_json_cannot_hold_is_refused():
    with pytest.raises(FhirInvalid):
        literal(float("nan"))
    with pytest.raises(TypeError):
        literal(None)


def test_resource_ids_are_uuid5_of_their_names():
    rng = random.Random(17)
    for _ in range(2000):
        name = f"P{rng.randrange(10**5):05d}/{rng.choice(['on_study', 'infusion', '検査'])}/{rng.randrange(99)}"
        assert fhir._uuid5(name) == str(uuid.uuid5(fhir._NAMESPACE, name))
