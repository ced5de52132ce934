"""Fixtures of the storage tests of issue 15: a small ward database, copied per test."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from nkdesk.services import eligibility, measurements, patients
from nkdesk.storage import audit


@pytest.fixture(scope="session")
def _made(tmp_path_factory):
    """A small ward database: a patient registered and edited, labs, a signed assessment."""
    import json

    from nkdesk.domain import Role
    from nkdesk.services import auth, users
    from nkdesk.storage import passwords
    from nkdesk.storage.database import open_database

    old_cost, passwords.COST_N = passwords.COST_N, 2 ** 10
    try:
        path = tmp_path_factory.mktemp("verify") / "ward.sqlite3"
        store = open_database(path, create=True)
        pw = "correct-horse-1"
        users.bootstrap_administrator(store, "tester", "admin", "Ada Admin", pw)
        admin = auth.sign_in(store, "admin", pw).value
        users.create_user(store, admin, "inv", "Ivo Investigator", Role.INVESTIGATOR, pw)
        users.create_user(store, admin, "nurse", "Nora Nurse", Role.RESEARCH_NURSE, pw)
        inv, nurse = auth.sign_in(store, "inv", pw).value, auth.sign_in(store, "nurse", pw).value
        patient = patients.create_patient(store, nurse, study_id="A-001", initials="KM", birth_date="1960-05-01",
                                          sex="F").value
        patients.edit_patient(store, inv, patient.id, patient.version, initials="KN", reason="typing slip")
        measurements.record_labs(store, nurse, patient.id, date(2026, 11, 20), {"platelets": "15.2 10^4/uL"})
        example = json.loads((Path(__file__).parent.parent / "data" / "contract_example.json").read_text())
        draft = eligibility.save_assessment(store, nurse, patient.id, example).value
        eligibility.sign_assessment(store, inv, draft.id, pw, draft.version)
        store.close()
    finally:
        passwords.COST_N = old_cost
    return path


@pytest.fixture
def ward(_made, tmp_path) -> Path:
    path = tmp_path / "ward.sqlite3"
    shutil.copyfile(_made, path)
    shutil.copyfile(audit.anchor_path(_made), audit.anchor_path(path))
    return path
