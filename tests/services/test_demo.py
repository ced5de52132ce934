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
    assert report.signatures_checked == 5   # four signed assessments and one discontinuation


def test_demo_only_is_recognised(demo_store):
    """A demo database is demo-only until someone adds a patient of their own."""
    from nkdesk.services import patients
    from nkdesk.storage import users as stored_users

    assert demo.is_demo_only(demo_store)
    nurse = stored_users.from_row(stored_users.by_username(demo_store, "rn.ito"))
    patients.create_patient(demo_store, nurse, study_id="REAL-001", initials="RP")
    assert not demo.is_demo_only(demo_store)
