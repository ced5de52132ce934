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
