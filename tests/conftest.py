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


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory) -> Path:
    """One new database for the whole session; each test gets its own copy (creating one costs
    ~0.1 s of fsyncs, copying ~1 ms)."""
    from nkdesk.storage.database import open_database

    path = tmp_path_factory.mktemp("template") / "nkdesk.sqlite3"
    open_database(path, create=True).close()
    return path


@pytest.fixture
def store(db_path, cheap_passwords, _migrated_template):
    """A new, fully migrated database in tmp_path (closed after the test)."""
    import shutil

    from nkdesk.storage.database import open_database

    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_migrated_template, db_path)
    opened = open_database(db_path)
    yield opened
    opened.close()


@pytest.fixture
def people(store):
    """One user per role (two investigators), all with TEST_PASSWORD, each signed in: the values
    are the `Actor`s the services accept (`.id`, `.username`, `.full_name`, `.role`)."""
    from types import SimpleNamespace

    from nkdesk.domain import Role
    from nkdesk.services import auth, users

    users.bootstrap_administrator(store, "tester", "admin", "Ada Admin", TEST_PASSWORD)
    made = {"admin": auth.sign_in(store, "admin", TEST_PASSWORD).value}
    for username, name, role in (("inv", "Ivo Investigator", Role.INVESTIGATOR),
                                 ("inv2", "Ines Investigator", Role.INVESTIGATOR),
                                 ("pharm", "Pia Pharmacist", Role.PHARMACIST),
                                 ("nurse", "Nora Nurse", Role.RESEARCH_NURSE)):
        users.create_user(store, made["admin"], username, name, role, TEST_PASSWORD)
        made[username] = auth.sign_in(store, username, TEST_PASSWORD).value
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


# 170 cm, 65 kg: Mosteller BSA √(170·65/3600) = 1.75198 m² (cli-contract.md); 400 µg/m² → 700.79 µg/day;
# the nearest plan from the default stock is 2 × 300 + 1 × 75 = 675 µg, −3.68 %, within ±10 %.
HEIGHT, WEIGHT = "170 cm", "65 kg"


@pytest.fixture
def prescribe(store, people):
    """Factory: a filgrastim order for the patient prescribed (signed) by `inv` through the
    service, from 170 cm and 65 kg unless given; returns the stored DoseOrderRecord."""
    from nkdesk.services import dosing

    def make(patient_id: int, *, by=None, **inputs):
        inputs.setdefault("height", HEIGHT)
        inputs.setdefault("weight", WEIGHT)
        inputs.setdefault("password", TEST_PASSWORD)
        # the label's cautions asked about and ticked (and a split dose acknowledged as a deviation)
        inputs.setdefault("acknowledged", ("splenomegaly", "thrombosis_history")
                          + (("split_dose_deviation",) if inputs.get("split_daily_dose") else ()))
        return dosing.prescribe(store, by or people.inv, patient_id, **inputs).value

    return make


@pytest.fixture
def out_of_tolerance(store, people):
    """The site stocks only 300 µg syringes: 700.79 µg/day (170 cm, 65 kg) is best given as 600 µg,
    −14.4 %, outside ±10 % — a pharmacist must decide."""
    from nkdesk.services import settings

    settings.change_settings(store, people.admin, {"syringes": [{"strength_ug": 300, "volume_ml": 0.7}]})
