"""Infusions: the cell product stored as entered with its dose per kg, the release tests, start and end."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import infusions, patients, stops, treatment
from nkdesk.storage import records
from nkdesk.storage.errors import InfusionBlocked, RuleViolation, StaleVersion, TreatmentStopped
from tests.bedside import PRODUCT, START, infusion_with_product, started_infusion, treated_patient

LB_KG = 0.45359237          # the international pound (1959), exact


@pytest.fixture
def treated(store, people, make_patient, contract_example):
    return treated_patient(store, people, make_patient, contract_example, weight="121 lb")


def test_product_kept_as_entered_with_dose_per_kg_and_the_weight_used(store, people, treated):
    """2.5 × 10^9 viable cells for 121 lb (54.885 kg): 2.5e9 / (121 × 0.45359237) cells/kg, and the NK
    (CD3−CD56+) dose is 85 % of that; the count and weight keep their text and unit as entered."""
    _patient, cycle = treated
    infusion = infusion_with_product(store, people, cycle)
    weight_kg = 121 * LB_KG
    cells = infusion.total_viable_cells
    assert (cells.text, cells.value, cells.unit, cells.canonical_value, cells.canonical_unit) == \
        ("2.5 10^9", 2.5, "10^9", 2.5e9, "cells")
    assert (infusion.weight.text, infusion.weight.canonical_unit) == ("121 lb", "kg")
    assert infusion.weight.canonical_value == pytest.approx(weight_kg, rel=1e-9)
    assert infusion.viable_cells_per_kg == pytest.approx(2.5e9 / weight_kg, rel=1e-5)
    assert infusion.nk_cells_per_kg == pytest.approx(2.5e9 / weight_kg * 0.85, rel=1e-5)
    assert (infusion.viability_pct, infusion.nk_fraction_pct, infusion.status) == (92.0, 85.0, "prepared")


def test_a_weight_given_overrides_the_recorded_one(store, people, treated):
    """A weight typed for the infusion (70 kg) is the one the dose uses: 2.5e9 / 70 cells/kg."""
    _patient, cycle = treated
    prepared = infusions.prepare_infusion(store, people.nurse, cycle.id).value
    saved = infusions.record_cell_product(store, people.nurse, prepared.id, PRODUCT, prepared.version,
                                          weight="70 kg").value
    assert saved.viable_cells_per_kg == pytest.approx(2.5e9 / 70, rel=1e-5)


@pytest.mark.parametrize("change, field", [
    ({"total_viable_cells": "2.5"}, "total_viable_cells"),            # no scale
    ({"total_viable_cells": "2.5 10^9 /kg"}, "total_viable_cells"),   # a dose, not a count
    ({"viability_pct": 120.0}, "viability_pct"),
    ({"infectious_disease": "maybe"}, "infectious_disease"),
])
def test_bad_product_refused_naming_the_field(store, people, treated, change, field):
    """A count without its scale, a percentage over 100 or an unknown result is refused; nothing stored."""
    _patient, cycle = treated
    prepared = infusions.prepare_infusion(store, people.nurse, cycle.id).value
    with pytest.raises(InputError) as caught:
        infusions.record_cell_product(store, people.nurse, prepared.id, replace(PRODUCT, **change), prepared.version)
    assert caught.value.field == field
    assert infusions.infusion(store, prepared.id).bag_id == ""


def test_positive_infectious_disease_test_blocks_the_start_and_proposes_the_stop_rule(store, people, treated):
    """Protocol stop reason 1: the product is stored, a stop proposal raised; the start is refused,
    the infusion stays prepared and its event planned, and the proposal is not duplicated."""
    patient, cycle = treated
    infusion = infusion_with_product(store, people, cycle, replace(PRODUCT, infectious_disease="positive"))
    (proposal,) = stops.stop_proposals(store, patient.id)
    assert (proposal.reason_code, proposal.source_table, proposal.source_id) == \
        ("infection_test_positive", "infusions", infusion.id)
    with pytest.raises(InfusionBlocked, match="infectious-disease test"):
        infusions.start_infusion(store, people.nurse, infusion.id, START, infusion.version)
    assert infusions.infusion(store, infusion.id).status == "prepared"
    assert [e.status for e in records.events(store, patient.id) if e.kind == "infusion"] == ["planned"]
    assert len(stops.stop_proposals(store, patient.id)) == 1
    assert patients.search(store, patient.study_id)[0].state == "on_treatment"


def test_positive_sterility_blocks_the_start_without_a_stop_proposal(store, people, treated):
    """A contaminated bag is not given (docs/bedside-ui.md), but it is no protocol stop reason."""
    patient, cycle = treated
    infusion = infusion_with_product(store, people, cycle, replace(PRODUCT, sterility="positive"))
    with pytest.raises(InfusionBlocked, match="sterility"):
        infusions.start_infusion(store, people.nurse, infusion.id, START, infusion.version)
    assert stops.stop_proposals(store, patient.id) == ()


def test_start_and_end_move_the_event_the_cycle_and_the_patient_state(store, people, treated):
    """Started: event in progress on the day, patient mid-infusion, given by the nurse; ended: done, completed."""
    patient, cycle = treated
    infusion = started_infusion(store, people, cycle)
    assert (infusion.status, infusion.started_at, infusion.administered_by) == ("in_progress", START, "Nora Nurse")
    event = next(e for e in records.events(store, patient.id) if e.kind == "infusion")
    assert (event.status, event.actual_on) == ("in_progress", START.date())
    assert patients.search(store, patient.study_id)[0].state == "mid_infusion"
    with pytest.raises(InputError):
        infusions.end_infusion(store, people.nurse, infusion.id, START - timedelta(minutes=1), infusion.version)
    ended = infusions.end_infusion(store, people.nurse, infusion.id, START + timedelta(minutes=45),
                                   infusion.version).value
    assert (ended.status, ended.ended_at) == ("completed", START + timedelta(minutes=45))
    assert next(e for e in records.events(store, patient.id) if e.kind == "infusion").status == "done"
    assert records.cycles(store, patient.id)[0].status == "completed"
    assert patients.search(store, patient.study_id)[0].state == "on_treatment"


def test_a_change_to_the_product_after_the_start_needs_a_reason(store, people, treated):
    """Once started, the product is changed only with a reason, which the audit trail keeps."""
    _patient, cycle = treated
    infusion = started_infusion(store, people, cycle)
    corrected = replace(PRODUCT, viability_pct=90.5)
    with pytest.raises(InputError) as caught:
        infusions.record_cell_product(store, people.nurse, infusion.id, corrected, infusion.version)
    assert caught.value.field == "reason"
    infusions.record_cell_product(store, people.nurse, infusion.id, corrected, infusion.version,
                                  reason="certificate re-read")
    row = store.one("SELECT old_value, new_value, reason FROM audit_log WHERE table_name = 'infusions' "
                    "AND field = 'viability_pct' ORDER BY seq DESC")
    assert (row["old_value"], row["new_value"], row["reason"]) == ("92.0", "90.5", "certificate re-read")


def test_no_start_while_treatment_is_suspended(store, people, treated):
    """A suspended patient's infusion does not start (TreatmentStopped); a second start is refused too."""
    patient, cycle = treated
    infusion = infusion_with_product(store, people, cycle)
    treatment.decide_stop(store, people.inv, patient.id, "suspended", "adverse_event", START.date(), people.password)
    with pytest.raises(TreatmentStopped):
        infusions.start_infusion(store, people.nurse, infusion.id, START, infusion.version)


def test_an_infusion_starts_once(store, people, treated):
    """Starting an infusion already in progress is refused."""
    _patient, cycle = treated
    infusion = started_infusion(store, people, cycle)
    with pytest.raises(RuleViolation):
        infusions.start_infusion(store, people.nurse, infusion.id, START, infusion.version)


def test_preparing_twice_returns_the_same_record(store, people, treated):
    """One infusion per cycle: preparing again returns the record already there."""
    _patient, cycle = treated
    first = infusions.prepare_infusion(store, people.nurse, cycle.id).value
    assert infusions.prepare_infusion(store, people.nurse, cycle.id).value.id == first.id


def test_the_calendar_cannot_bypass_a_blocked_product(store, people, treated):
    """Marking the infusion event given from the calendar is refused too while the product is blocked."""
    patient, cycle = treated
    infusion_with_product(store, people, cycle, replace(PRODUCT, infectious_disease="positive"))
    event = next(e for e in records.events(store, patient.id) if e.kind == "infusion")
    with pytest.raises(InfusionBlocked):
        treatment.record_event(store, people.nurse, event.id, "in_progress", event.version, actual_on=START.date())


# ------------------------------------------------------------------------------ product and start: one call
def _dump(store) -> list[str]:
    return list(store.conn.iterdump())


def test_the_product_and_the_start_are_one_save(store, people, treated):
    """The bag as released and the start go in one call and one transaction: the product's values,
    its dose per kg (2.5 × 10⁹ cells for 121 lb, the recorded weight) and the status in one audited
    update, with the event in progress, all at one time stamp."""
    _patient, cycle = treated
    prepared = infusions.prepare_infusion(store, people.nurse, cycle.id).value
    first_seq = store.scalar("SELECT count(*) FROM audit_log") + 1
    started = infusions.start_infusion(store, people.nurse, prepared.id, START, prepared.version,
                                       product=PRODUCT).value
    assert (started.status, started.started_at, started.bag_id) == ("in_progress", START, "BAG-1")
    assert started.viable_cells_per_kg == pytest.approx(2.5e9 / (121 * LB_KG), rel=1e-5)
    rows = store.rows("SELECT action, table_name, at_utc FROM audit_log WHERE seq >= ?", (first_seq,))
    assert len({r["at_utc"] for r in rows}) == 1 and {r["action"] for r in rows} == {"infusion.record"}
    assert {r["table_name"] for r in rows} >= {"infusions", "treatment_events"}


def test_a_fault_in_the_last_write_of_product_and_start_leaves_the_database_byte_for_byte(store, people, treated,
                                                                                       monkeypatch):
    """An exception in the start's last write (the cycle and enrolment moving on) undoes the product
    and the start: the dump is identical."""
    _patient, cycle = treated
    prepared = infusions.prepare_infusion(store, people.nurse, cycle.id).value
    before = _dump(store)

    def broken(*_args, **_kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr("nkdesk.services.treatment.mark_started", broken)
    with pytest.raises(RuntimeError):
        infusions.start_infusion(store, people.nurse, prepared.id, START, prepared.version, product=PRODUCT)
    assert _dump(store) == before


def test_product_and_start_refuse_a_stale_version_or_a_missing_bag_before_writing(store, people, treated):
    """A version the nurse did not see, or a product without its bag, is refused; nothing is saved."""
    _patient, cycle = treated
    prepared = infusions.prepare_infusion(store, people.nurse, cycle.id).value
    before = _dump(store)
    with pytest.raises(StaleVersion):
        infusions.start_infusion(store, people.nurse, prepared.id, START, prepared.version + 1, product=PRODUCT)
    with pytest.raises(InputError) as caught:
        infusions.start_infusion(store, people.nurse, prepared.id, START, prepared.version,
                                 product=replace(PRODUCT, bag_id=""))
    assert caught.value.field == "bag_id"
    assert _dump(store) == before


def test_a_blocked_start_keeps_the_product_as_released_and_says_what_it_saved(store, people, treated):
    """A positive infectious-disease test: the start is refused, but the bag as released and the
    stop proposal are recorded (the refusal carries what was saved, so the window shows it)."""
    patient, cycle = treated
    prepared = infusions.prepare_infusion(store, people.nurse, cycle.id).value
    positive = replace(PRODUCT, infectious_disease="positive")
    with pytest.raises(InfusionBlocked) as caught:
        infusions.start_infusion(store, people.nurse, prepared.id, START, prepared.version, product=positive)
    assert caught.value.changes.concerns(table="stop_proposals", patient_id=patient.id)
    kept = infusions.infusion(store, prepared.id)
    assert (kept.status, kept.infectious_disease, kept.started_at) == ("prepared", "positive", None)
    assert [p.reason_code for p in stops.stop_proposals(store, patient.id)] == ["infection_test_positive"]
