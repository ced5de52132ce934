"""Prescribing is one service call that computes the order itself; verifying binds what was shown.

Reference values: Mosteller BSA = √(height cm × weight kg / 3600) (Mosteller RD, N Engl J Med
1987;317:1098); filgrastim 400 µg/m² once daily (jRCTb060200020, ../shared/protocol.md); the
stocked syringes 75, 150 and 300 µg (cli-contract.md `dose`: 170 cm, 65 kg → 1.75198 m²,
700.79 µg/day, 2 × 300 + 1 × 75 = 675 µg, −3.68 %); the Japanese filgrastim label's WBC limits
(reduce at 50,000/mm³, stop at 75,000/mm³); the site's re-calculation limit, a weight more than 10 %
from the order's.
"""
from __future__ import annotations

import inspect
import math
import re
from datetime import date

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import dosing, measurements, patients
from nkdesk.storage import records, signatures
from nkdesk.storage.errors import AuthError, ChangedSinceShown, RecordNotFound, RuleViolation, StaleVersion

# the filgrastim label's cautions (package insert, Japan), each asked about and ticked by the prescriber
ASKED = ("splenomegaly", "thrombosis_history")
APHERESIS = date(2026, 12, 5)
MOSTELLER_170_65 = math.sqrt(170 * 65 / 3600)


@pytest.fixture
def patient(make_patient):
    return make_patient(study_id="D-001")


def dump(store) -> list[str]:
    return list(store.conn.iterdump())


def audit_rows(store, first_seq: int) -> list:
    return store.rows("SELECT action, table_name, op, at_utc FROM audit_log WHERE seq >= ? ORDER BY seq", (first_seq,))


# ------------------------------------------------------------------------------ the service computes
def test_prescribe_computes_bsa_dose_plan_and_course_from_what_was_typed(store, people, patient):
    """170 cm, 65 kg typed: the stored order is Mosteller's BSA, 400 µg/m² of it, the contract's plan
    (675 µg, within ±10 %), five G-CSF days ending on the apheresis; signed "dose prescribed"."""
    saved = dosing.prescribe(store, people.inv, patient.id,
                             acknowledged=ASKED, height="170 cm", weight="65 kg", apheresis="2026-12-05",
                             password=people.password)
    order = saved.value.order
    assert order.bsa_m2 == pytest.approx(MOSTELLER_170_65, rel=1e-9)
    assert order.daily_dose_ug == pytest.approx(400 * MOSTELLER_170_65, rel=1e-9)
    assert [(s.strength_ug, s.count) for s in order.syringes] == [(300, 2), (75, 1)]
    assert order.delivered_ug == 675
    assert order.deviation_pct == pytest.approx((675 - 400 * MOSTELLER_170_65) / (400 * MOSTELLER_170_65) * 100)
    assert order.within_tolerance is True and not order.needs_pharmacist_decision
    assert order.course == tuple(date(2026, 12, d) for d in range(1, 6)) and order.apheresis == APHERESIS
    assert saved.value.status == "prescribed" and saved.value.prescriber_id == people.inv.id
    (check,) = signatures.checks_for(store, "dose_orders", [saved.value.id])
    assert (check.signature.meaning, check.signature.signer_id, check.valid) == ("dose prescribed", people.inv.id, True)


def test_no_caller_can_hand_the_service_a_computed_result(store, people, patient):
    """The old attack stored {"daily_dose_ug": 99999, "within_tolerance": true} as given: the service
    has no parameter for an order, a dose, a BSA, a plan or a tolerance verdict."""
    parameters = set(inspect.signature(dosing.prescribe).parameters)
    assert not parameters & {"order", "daily_dose_ug", "within_tolerance", "bsa_m2", "syringes", "delivered_ug",
                             "deviation_pct", "needs_pharmacist_decision"}
    before = dump(store)
    with pytest.raises(TypeError):
        dosing.prescribe(store, people.inv, patient.id,
                         acknowledged=ASKED, height="170 cm", weight="65 kg", password=people.password,
                         daily_dose_ug=99999, within_tolerance=True)
    assert dump(store) == before


def test_whether_a_pharmacist_decides_is_computed_not_given(store, people, patient, out_of_tolerance):
    """With only 300 µg syringes, 700.79 µg/day is best given as 600 µg (−14.4 %): outside ±10 %,
    so the stored order needs a pharmacist — whatever the prescriber believes."""
    order = dosing.prescribe(store, people.inv, patient.id, acknowledged=ASKED, height="170 cm", weight="65 kg",
                             password=people.password).value.order
    assert order.delivered_ug == 600 and order.within_tolerance is False and order.needs_pharmacist_decision
    assert order.deviation_pct == pytest.approx((600 - 400 * MOSTELLER_170_65) / (400 * MOSTELLER_170_65) * 100)


def test_the_preview_is_the_computation_prescribe_stores(store, people, patient):
    """What the screen shows while the user types equals what prescribing the same texts stores."""
    settings = dosing.stored_settings.load(store.conn)
    typed = {"height": "67 in", "weight": "150 lb", "formula": "dubois", "gcsf_days": 4, "apheresis": "2026-12-05"}
    shown = dosing.preview(settings, dosing.regimen_of(), **typed).to_json()
    stored = dosing.prescribe(store, people.inv, patient.id,
                              acknowledged=ASKED, password=people.password, **typed).value.order_json
    assert {k: v for k, v in stored.items() if k not in ("prescribed_by", "status", "cautions_acknowledged")} == \
        {k: v for k, v in shown.items() if k not in ("prescribed_by", "status", "cautions_acknowledged")}


def test_typed_measurements_are_recorded_in_the_same_save_only_when_new(store, people, patient):
    """A height or weight that differs from the latest stored one is recorded with the order; one
    that does not is not recorded again; a stored measurement may be named by its id."""
    measurements.record_body(store, people.nurse, patient.id, date(2026, 11, 20), height="170 cm", weight="65 kg")
    first_seq = store.scalar("SELECT count(*) FROM audit_log") + 1
    first = dosing.prescribe(store, people.inv, patient.id, acknowledged=ASKED, height="170 cm", weight="68 kg",
                             password=people.password, measured_on=date(2026, 11, 28)).value
    body = patients.chart(store, patient.id).body_measurements
    assert [(m.kind, m.quantity.text, m.measured_on) for m in body] == [
        ("height", "170 cm", date(2026, 11, 20)), ("weight", "65 kg", date(2026, 11, 20)),
        ("weight", "68 kg", date(2026, 11, 28))]
    rows = audit_rows(store, first_seq)
    assert {r["action"] for r in rows} == {"dose.prescribe"} and len({r["at_utc"] for r in rows}) == 1
    assert [r["table_name"] for r in rows if r["op"] == "insert"] == ["body_measurements", "dose_orders", "signatures"]
    assert first.order.weight_kg == 68
    height_id, weight_id = body[0].id, body[1].id
    second = dosing.prescribe(store, people.inv, patient.id, acknowledged=ASKED, height=height_id, weight=weight_id,
                              password=people.password,
                              replaces=dosing.Replacement(first.id, first.version, "weighed again: 65 kg")).value
    assert second.order.weight_kg == 65 and len(patients.chart(store, patient.id).body_measurements) == 3


def test_measurement_ids_must_be_this_patients_and_of_the_right_kind(store, people, patient, make_patient):
    """A weight id handed as the height, or another patient's measurement, is refused; nothing saved."""
    other = make_patient(study_id="D-002")
    (theirs,) = measurements.record_body(store, people.nurse, other.id, date(2026, 11, 20), weight="80 kg").value
    (mine,) = measurements.record_body(store, people.nurse, patient.id, date(2026, 11, 20), weight="65 kg").value
    before = dump(store)
    with pytest.raises(InputError) as caught:
        dosing.prescribe(store, people.inv, patient.id,
                         acknowledged=ASKED, height=mine.id, weight=mine.id, password=people.password)
    assert caught.value.field == "height"
    with pytest.raises(InputError) as caught:
        dosing.prescribe(store, people.inv, patient.id,
                         acknowledged=ASKED, height="170 cm", weight=theirs.id, password=people.password)
    assert caught.value.field == "weight"
    assert dump(store) == before


# ------------------------------------------------------------------------------ replacing the live order
def test_a_live_order_is_replaced_only_knowingly(store, people, patient, prescribe):
    """With a prescribed order on file, a new prescription without `replaces` is refused naming the
    order and who wrote it; with a version the prescriber did not see, StaleVersion; nothing saved."""
    live = prescribe(patient.id)
    before = dump(store)
    with pytest.raises(RuleViolation, match=rf"prescribed dose order #{live.id} \(by inv at "):
        dosing.prescribe(store, people.inv2, patient.id,
                         acknowledged=ASKED, height="170 cm", weight="66 kg", password=people.password)
    with pytest.raises(StaleVersion):
        dosing.prescribe(store, people.inv2, patient.id,
                         acknowledged=ASKED, height="170 cm", weight="66 kg", password=people.password,
                         replaces=dosing.Replacement(live.id, live.version + 1, "weight"))
    with pytest.raises(InputError) as caught:
        dosing.prescribe(store, people.inv2, patient.id,
                         acknowledged=ASKED, height="170 cm", weight="66 kg", password=people.password,
                         replaces=dosing.Replacement(live.id, live.version, "  "))
    assert caught.value.field == "reason"
    assert dump(store) == before


def test_replacing_cancels_and_prescribes_in_one_save(store, people, patient, prescribe):
    """The old order is cancelled with the reason, the new one prescribed and signed, in one
    transaction (one time stamp, one action, the reason on the cancellation)."""
    live = prescribe(patient.id)
    first_seq = store.scalar("SELECT count(*) FROM audit_log") + 1
    new = dosing.prescribe(store, people.inv2, patient.id,
                           acknowledged=ASKED, height="170 cm", weight="59 kg", password=people.password,
                           replaces=dosing.Replacement(live.id, live.version, "weighed again: 59 kg")).value
    old = records.dose_order(store, live.id)
    assert (old.status, old.cancel_reason) == ("cancelled", "weighed again: 59 kg")
    assert (new.status, new.order.weight_kg) == ("prescribed", 59)
    rows = store.rows("SELECT action, table_name, field, at_utc, reason FROM audit_log WHERE seq >= ?", (first_seq,))
    assert len({r["at_utc"] for r in rows}) == 1 and {r["action"] for r in rows} == {"dose.prescribe"}
    assert any(r["table_name"] == "dose_orders" and r["field"] == "status" for r in rows)
    assert {r["reason"] for r in rows} == {"weighed again: 59 kg"}


def test_a_wrong_password_at_the_end_leaves_the_old_order_and_the_measurements(store, people, patient, prescribe):
    """Replace (new weight typed → measurement, cancel, new order, signature) with a wrong password:
    the database is as it was, but for the count of failed password entries (users.failed_logins and
    its audit row: five lock the account)."""
    live = prescribe(patient.id)
    before = dump(store)
    with pytest.raises(AuthError, match="wrong password"):
        dosing.prescribe(store, people.inv, patient.id,
                         acknowledged=ASKED, height="170 cm", weight="59 kg", password="not-it",
                         replaces=dosing.Replacement(live.id, live.version, "weighed again"))
    after = dump(store)
    gone, added = [line for line in before if line not in after], [line for line in after if line not in before]
    assert len(gone) == 1 and gone[0].startswith('INSERT INTO "users"') and "'inv'" in gone[0]
    (user,) = [line for line in added if line.startswith('INSERT INTO "users"')]
    (trail,) = [line for line in added if line.startswith('INSERT INTO "audit_log"')]
    assert len(added) == 2 and "'inv'" in user
    assert "'session.sign_in'" in trail and "'failed_logins'" in trail
    assert records.dose_order(store, live.id).status == "prescribed"
    assert [m.quantity.text for m in patients.chart(store, patient.id).body_measurements] == ["170 cm", "65 kg"]


def test_a_fault_in_the_last_write_of_a_replacement_leaves_the_database_byte_for_byte(store, people, patient,
                                                                                    prescribe, monkeypatch):
    """An exception raised by the signature (the last write of the save) undoes the measurement, the
    cancellation and the new order: the dump is identical."""
    live = prescribe(patient.id)
    before = dump(store)

    def broken(*_args, **_kwargs):
        raise RuntimeError("the disk went away while signing")

    monkeypatch.setattr("nkdesk.storage.transaction.Transaction.sign", broken)
    with pytest.raises(RuntimeError):
        dosing.prescribe(store, people.inv, patient.id,
                         acknowledged=ASKED, height="171 cm", weight="59 kg", password=people.password,
                         replaces=dosing.Replacement(live.id, live.version, "weighed again"))
    assert dump(store) == before


# ------------------------------------------------------------------------------ verifying what was shown
def test_verify_refuses_an_order_changed_after_it_was_shown(store, people, patient, prescribe):
    """The verifier was shown the order; the prescriber then amended it (reason and a new signature:
    the storage path for a signed record). The verification is refused naming who changed it and
    when (from the audit trail); nothing is signed."""
    order = prescribe(patient.id)
    shown = dosing.order_hash(store, order.id)
    with store.write(people.inv, "dose.prescribe", reason="typing slip in the weight") as tx:
        tx.update("dose_orders", order.id, {"order_json": dict(order.order_json, weight_kg=66.0)},
                  expected_version=order.version)
        tx.sign("dose_orders", order.id, "dose prescribed", people.password)
    changed_at = store.one("SELECT at_local FROM audit_log WHERE table_name = 'dose_orders' ORDER BY seq DESC")[0]
    now = records.dose_order(store, order.id)
    before = dump(store)
    with pytest.raises(ChangedSinceShown) as caught:
        dosing.verify_order(store, people.pharm, order.id, people.password, now.version, shown_hash=shown)
    assert (caught.value.changed_by, caught.value.changed_at) == ("inv", changed_at)
    assert f"changed by inv at {changed_at}" in str(caught.value)
    assert dump(store) == before


def test_verify_refuses_an_order_replaced_after_it_was_shown(store, people, patient, prescribe):
    """Shown order #1; the prescriber replaced it with #2 meanwhile: verifying #1 is refused, naming
    who cancelled it and when."""
    first = prescribe(patient.id)
    shown = dosing.order_hash(store, first.id)
    dosing.prescribe(store, people.inv2, patient.id,
                     acknowledged=ASKED, height="170 cm", weight="60 kg", password=people.password,
                     replaces=dosing.Replacement(first.id, first.version, "weighed again"))
    cancelled_at = store.one("SELECT at_local FROM audit_log WHERE table_name = 'dose_orders' AND record_id = ? "
                             "ORDER BY seq DESC", (str(first.id),))[0]
    with pytest.raises(RuleViolation, match=re.escape(f"is cancelled (last changed by inv2 at {cancelled_at})")):
        dosing.verify_order(store, people.pharm, first.id, people.password, first.version + 1, shown_hash=shown)


def test_verify_refuses_an_order_whose_content_was_forged_in_the_database(store, people, patient, prescribe):
    """A dose written into the stored order by raw SQL, past the service: whether the verifier was
    shown the order before or after the forgery, it is not verified (the prescriber's signature no
    longer matches the content)."""
    order = prescribe(patient.id)
    shown_before = dosing.order_hash(store, order.id)
    forged = dict(order.order_json, daily_dose_ug=99999, within_tolerance=True)
    with store.conn:
        store.conn.execute("UPDATE dose_orders SET order_json = ? WHERE id = ?",
                           (signatures.canonical_json(forged), order.id))
    with pytest.raises(ChangedSinceShown):
        dosing.verify_order(store, people.pharm, order.id, people.password, order.version, shown_hash=shown_before)
    with pytest.raises(RuleViolation, match="no longer matches its prescriber's signature"):
        dosing.verify_order(store, people.pharm, order.id, people.password, order.version,
                            shown_hash=dosing.order_hash(store, order.id))
    assert records.dose_order(store, order.id).status == "prescribed"


def test_the_shown_hash_is_the_hash_the_signatures_bind(store, people, patient, prescribe):
    """One content hash: the prescriber's signature stores exactly what the screen hands the verifier."""
    order = prescribe(patient.id)
    (check,) = signatures.checks_for(store, "dose_orders", [order.id])
    assert dosing.order_hash(store, order.id) == check.signature.content_hash
    assert dosing.status(store, patient.id).content_hash == check.signature.content_hash


def test_verify_needs_an_order_that_exists(store, people):
    with pytest.raises(RecordNotFound):
        dosing.verify_order(store, people.pharm, 999, people.password, 1, shown_hash="0" * 64)


# ------------------------------------------------------------------------------ what the screen is told
def test_status_reports_a_weight_change_beyond_the_limit_as_a_code_with_its_numbers(store, people, patient,
                                                                                   prescribe):
    """Order for 65 kg, new weight 72 kg: (72 − 65) / 65 = +10.77 % > 10 % → re-calculate."""
    prescribe(patient.id, apheresis=APHERESIS, measured_on=date(2026, 11, 20))
    assert dosing.status(store, patient.id).checks == ()
    measurements.record_body(store, people.nurse, patient.id, date(2026, 12, 2), weight="72 kg")
    status = dosing.status(store, patient.id)
    (check,) = status.checks
    assert check.code == "weight_changed"
    assert check.values["change_pct"] == pytest.approx((72 - 65) / 65 * 100, rel=1e-5)
    assert (check.values["new_weight_kg"], check.values["order_weight_kg"], check.values["limit_pct"]) == (72, 65, 10)
    assert status.weight.quantity.text == "72 kg" and status.apheresis == APHERESIS


def test_status_reports_a_wbc_over_the_label_limit_during_the_course(store, people, patient, prescribe):
    """WBC 52,000/mm³ on day 3 of the course (1–5 Dec): reduce (label: ≥ 50,000); 80,000: stop (≥ 75,000);
    a WBC sampled before the course is not the course's."""
    prescribe(patient.id, apheresis=APHERESIS)
    measurements.record_labs(store, people.nurse, patient.id, date(2026, 11, 30), {"wbc": "90000 /mm3"})
    assert dosing.status(store, patient.id).checks == ()
    measurements.record_labs(store, people.nurse, patient.id, date(2026, 12, 3), {"wbc": "52000 /mm3"})
    (check,) = dosing.status(store, patient.id).checks
    assert (check.code, check.values["wbc_per_mm3"], check.values["reduce_at_per_mm3"]) == ("wbc_reduce", 52000, 50000)
    measurements.record_labs(store, people.nurse, patient.id, date(2026, 12, 4), {"wbc": "80 10^9/L"})
    (check,) = dosing.status(store, patient.id).checks
    assert (check.code, check.values["wbc_per_mm3"], check.values["stop_at_per_mm3"]) == ("wbc_stop", 80000, 75000)


def test_status_names_the_signers_and_types_the_order(store, people, patient, prescribe):
    order = prescribe(patient.id)
    dosing.verify_order(store, people.pharm, order.id, people.password, order.version,
                        shown_hash=dosing.order_hash(store, order.id))
    status = dosing.status(store, patient.id)
    assert (status.prescribed_by, status.verified_by) == ("Ivo Investigator", "Pia Pharmacist")
    assert status.order.status == "verified" and status.order.order.delivered_ug == 675


# ------------------------------------------------------------------------------ the cautions ticked (issue 14)
def test_an_order_is_refused_unless_every_label_caution_was_acknowledged(store, people, patient):
    """The Japanese filgrastim package insert's cautions (splenomegaly/splenic rupture; thrombosis
    history) are asked about before each order: with one not ticked nothing is written at all."""
    before = dump(store)
    for ticked in ((), ("splenomegaly",), ("thrombosis_history",)):
        with pytest.raises(dosing.CautionsNotAcknowledged) as refused:
            dosing.prescribe(store, people.inv, patient.id, height="170 cm", weight="65 kg",
                             password=people.password, acknowledged=ticked)
        assert refused.value.field == "acknowledged"
        assert set(refused.value.missing) == {"splenomegaly", "thrombosis_history"} - set(ticked)
    assert dump(store) == before


def test_a_split_dose_needs_its_deviation_acknowledged_too(store, people, patient):
    """Twice daily departs from the protocol's "400 μg/m2 subcutaneously once daily": the deviation
    is a caution of the order, refused until acknowledged; a code the order does not show is refused."""
    with pytest.raises(dosing.CautionsNotAcknowledged) as refused:
        dosing.prescribe(store, people.inv, patient.id, height="170 cm", weight="65 kg", split_daily_dose=True,
                         password=people.password, acknowledged=ASKED)
    assert refused.value.missing == ("split_dose_deviation",)
    with pytest.raises(InputError, match="not a caution of this order"):
        dosing.prescribe(store, people.inv, patient.id, height="170 cm", weight="65 kg", password=people.password,
                         acknowledged=(*ASKED, "split_dose_deviation"))
    with pytest.raises(InputError):
        dosing.prescribe(store, people.inv, patient.id, height="170 cm", weight="65 kg", password=people.password,
                         acknowledged="splenomegaly")   # a string is not a list of ticks
    saved = dosing.prescribe(store, people.inv, patient.id, height="170 cm", weight="65 kg", split_daily_dose=True,
                             password=people.password, acknowledged=(*ASKED, "split_dose_deviation"))
    assert saved.value.order_json["cautions_acknowledged"]["acknowledged"] == [
        "splenomegaly", "thrombosis_history", "split_dose_deviation"]


def test_the_order_and_its_audit_row_store_what_was_shown_and_who_acknowledged_it(store, people, patient):
    first = store.scalar("SELECT coalesce(max(seq), 0) + 1 FROM audit_log")
    saved = dosing.prescribe(store, people.inv, patient.id, height="170 cm", weight="65 kg",
                             password=people.password, acknowledged=("thrombosis_history", "splenomegaly"))
    rows = store.rows("SELECT code, acknowledged, acknowledged_by_id, acknowledged_by, acknowledged_at_utc "
                      "FROM dose_order_cautions WHERE order_id = ? ORDER BY code", (saved.value.id,))
    assert [tuple(r)[:4] for r in rows] == [("splenomegaly", 1, str(people.inv.id), people.inv.full_name),
                                            ("thrombosis_history", 1, str(people.inv.id), people.inv.full_name)]
    inserted = store.one("SELECT new_value, at_utc FROM audit_log WHERE seq >= ? AND table_name = 'dose_orders' "
                         "AND op = 'insert'", (first,))
    assert rows[0]["acknowledged_at_utc"] == inserted["at_utc"]
    assert "cautions_acknowledged" in inserted["new_value"] and "thrombosis_history" in inserted["new_value"]
    # the prescriber's signature covers the acknowledgement (it is part of the signed order JSON)
    (check,) = signatures.checks_for(store, "dose_orders", [saved.value.id])
    assert check.valid


def test_the_database_refuses_a_prescribed_order_without_its_acknowledgement(store, people, patient):
    """m080: a caller going round the service still cannot store an unacknowledged order."""
    from nkdesk.storage.errors import StorageError

    saved = dosing.prescribe(store, people.inv, patient.id, height="170 cm", weight="65 kg",
                             password=people.password, acknowledged=ASKED)
    content = dict(saved.value.order_json)
    content["cautions_acknowledged"] = dict(content["cautions_acknowledged"], acknowledged=["splenomegaly"])
    for bad in (content, {k: v for k, v in content.items() if k != "cautions_acknowledged"}):
        with pytest.raises(StorageError, match="every caution"), store.write(people.inv, "dose.prescribe") as tx:
            records.insert_dose_order(tx, patient.id, None, bad, "prescribed", people.inv.id)
