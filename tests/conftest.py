"""Test set-up: Qt offscreen before anything loads it, every user folder inside tmp_path.

Tests that use `qtbot` are marked `gui` automatically, so `pytest -m "not gui"` stays fast and
needs no Qt libraries.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


def pytest_collection_modifyitems(items):
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's data: XDG folders and NKDESK_DB point at tmp."""
    home = tmp_path_factory.getbasetemp() / "home"
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(home / sub))
    # the unit cache is shared by the whole session (it only holds pint's parsed definitions)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("NKDESK_DB", raising=False)


@pytest.fixture
def contract_example() -> dict:
    """The assessment JSON given in ../shared/cli-contract.md (eligible)."""
    return json.loads((DATA / "contract_example.json").read_text())


# ------------------------------------------------------------------ storage fixtures (issue 4)
TEST_PASSWORD = "correct-horse-1"   # every fixture user's password


@pytest.fixture
def cheap_passwords(monkeypatch):
    """scrypt at N=2^10 instead of 2^14: the same code path, a hundred times faster to run."""
    monkeypatch.setattr("nkdesk.storage.passwords.COST_N", 2 ** 10)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "ward" / "nkdesk.sqlite3"


@pytest.fixture
def store(db_path, cheap_passwords):
    """A freshly created, fully migrated database in tmp_path (closed after the test)."""
    from nkdesk.storage.database import open_database

    opened = open_database(db_path, create=True)
    yield opened
    opened.close()


@pytest.fixture
def people(store):
    """One signed-up user per role (two investigators), all with TEST_PASSWORD."""
    from types import SimpleNamespace

    from nkdesk.domain import Role
    from nkdesk.services import users

    admin = users.bootstrap_administrator(store, "tester", "admin", "Ada Admin", TEST_PASSWORD).value
    made = {"admin": admin}
    for username, name, role in (("inv", "Ivo Investigator", Role.INVESTIGATOR),
                                 ("inv2", "Ines Investigator", Role.INVESTIGATOR),
                                 ("pharm", "Pia Pharmacist", Role.PHARMACIST),
                                 ("nurse", "Nora Nurse", Role.RESEARCH_NURSE)):
        made[username] = users.create_user(store, admin, username, name, role, TEST_PASSWORD).value
    return SimpleNamespace(**made, password=TEST_PASSWORD)


@pytest.fixture
def make_patient(store, people):
    """Factory: a patient registered by the research nurse through the service; returns Patient."""
    from itertools import count

    from nkdesk.services import patients

    numbers = count(1)

    def make(**details):
        n = next(numbers)
        details.setdefault("study_id", f"T-{n:03d}")
        details.setdefault("initials", "AB")
        details.setdefault("birth_date", "1960-05-01")
        details.setdefault("sex", "F")
        return patients.create_patient(store, people.nurse, **details).value

    return make
