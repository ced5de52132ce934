"""The demo database: every role, patients in each state, all made through the services."""
from __future__ import annotations

import pytest

from nkdesk.domain import Role
from nkdesk.services import auth, demo
from nkdesk.storage import verify


@pytest.fixture
def demo_store(store):
    demo.populate(store, "tester")
    return store


def test_every_role_has_an_account_that_signs_in(demo_store):
    """Each role has a demo account, and each printed password signs in."""
    assert {a.role for a in demo.ACCOUNTS} == set(Role)
    for account in demo.ACCOUNTS:
        assert auth.sign_in(demo_store, account.username, account.password).value.role is account.role


def test_patients_in_each_state_with_their_verdicts(demo_store):
    """Screening (undecided, platelets missing), eligible awaiting dose, mid-infusion, discontinued,
    and not eligible (platelets 8.1 × 10^4/µL = 81 × 10^9/L < 100 × 10^9/L, protocol.md I3)."""
    got = {p["study_id"]: (p["state"], p["eligible"], p["assessment"], p["failed"])
           for p in demo.summary(demo_store)["patients"]}
    assert got == {
        "DEMO-001": ("screening", None, "draft", []),
        "DEMO-002": ("eligible_awaiting_dose", True, "signed", []),
        "DEMO-003": ("mid_infusion", True, "signed", []),
        "DEMO-004": ("discontinued", True, "signed", []),
        "DEMO-005": ("screen_failed", False, "signed", ["I3"]),
    }


def test_demo_records_were_made_by_demo_users_and_verify(demo_store):
    """Every demo patient's creation is in the trail under the research nurse, and the file verifies."""
    creators = {r[0] for r in demo_store.rows("SELECT username FROM audit_log WHERE table_name = 'patients' "
                                              "AND op = 'insert'")}
    assert creators == {"rn.ito"}
    demo_store.close()
    report = verify.verify(demo_store.path)
    assert report.ok, report.problems
    # four signed assessments, one discontinuation, DEMO-002's prescription, DEMO-003's prescription
    # and verification
    assert report.signatures_checked == 8


def test_demo_only_is_recognised(demo_store):
    """A demo database is demo-only until someone adds a patient of their own."""
    from nkdesk.services import auth, patients

    assert demo.is_demo_only(demo_store)
    nurse = auth.sign_in(demo_store, "rn.ito", "ito-ward-demo").value
    patients.create_patient(demo_store, nurse, study_id="REAL-001", initials="RP")
    assert not demo.is_demo_only(demo_store)


def _patient(store, study_id):
    from nkdesk.services import patients

    return patients.chart(store, patients.by_study_id(store, study_id).id)


def test_dose_orders_come_from_the_dosing_rules(demo_store):
    """DEMO-002 (171 cm, 68 kg) has a prescribed order awaiting verification: Mosteller
    √(171 × 68 / 3600) = 1.79722 m², × 400 µg/m² = 718.9 µg/day (cli-contract.md's formula);
    DEMO-003's order is verified by the pharmacist, not its prescriber."""
    (order,) = _patient(demo_store, "DEMO-002").dose_orders
    assert order.status == "prescribed" and order.verifier_id is None
    assert order.order.bsa_m2 == pytest.approx((171 * 68 / 3600) ** 0.5, rel=1e-6)
    assert order.order.daily_dose_ug == pytest.approx(400 * (171 * 68 / 3600) ** 0.5, rel=1e-6)
    assert len(order.order.course) == 5 and order.order.course[-1] == order.order.apheresis
    (verified,) = _patient(demo_store, "DEMO-003").dose_orders
    assert verified.status == "verified" and verified.verifier_id != verified.prescriber_id


def test_calendars_come_from_the_schedule_rules(demo_store):
    """Three cycles 3 months apart; cycle 1 has 5 G-CSF days and the infusion on culture day 17."""
    chart = _patient(demo_store, "DEMO-002")
    assert [c.number for c in chart.cycles] == [1, 2, 3]
    first = [e for e in chart.events if e.cycle_id == chart.cycles[0].id]
    assert sum(e.kind == "gcsf" for e in first) == 5
    assert next(e.culture_day for e in first if e.kind == "infusion") == 17


def test_mid_infusion_patient_has_the_bedside_records(demo_store):
    """DEMO-003: the product with its dose per kg, sets at 0, 15, 30 and 60 min, the hypotension alert
    acknowledged by an investigator and the fever alert still open, a fever AE (grade 1, judged
    possibly related) accepted from its proposal, and one lab proposal pending."""
    chart = _patient(demo_store, "DEMO-003")
    (infusion,) = chart.infusions
    assert infusion.status == "in_progress" and infusion.viable_cells_per_kg > 0
    assert [s.key for s in chart.vital_sets] == ["tp0", "tp15", "tp30", "tp60"]
    alerts = {a.finding: a for s in chart.vital_sets for a in s.alerts}
    assert set(alerts) == {"systolic_mmhg", "temperature_c"}
    assert alerts["systolic_mmhg"].acknowledged_by_name == "Dr Yuki Sato" and alerts["temperature_c"].open
    (event,) = chart.adverse_events
    assert (event.term, event.grade, event.relatedness, event.source) == ("Fever", 1, "possible", "fever_proposal")
    pending = [p for p in chart.ae_proposals if p.status == "open"]
    assert [(p.kind, p.term) for p in pending] == [("lab", "Platelet count decreased")]


def test_discontinued_patient_went_through_the_stop_rule(demo_store):
    """DEMO-004: a consent-withdrawn proposal decided by a signed discontinuation; later events cancelled."""
    chart = _patient(demo_store, "DEMO-004")
    (proposal,) = chart.stop_proposals
    (stop,) = chart.discontinuations
    assert (proposal.reason_code, proposal.status, proposal.discontinuation_id) == \
        ("consent_withdrawn", "decided", stop.id)
    assert any(s.signature.meaning == "treatment discontinued" and s.valid for s in chart.signatures)
    assert {e.status for e in chart.events if e.planned_on >= stop.decided_on} == {"cancelled"}
    assert {e.status for e in chart.events if e.planned_on < stop.decided_on} == {"done"}
