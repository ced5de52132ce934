"""Each user's language is stored with the user and audited (issue 18)."""
from __future__ import annotations

import pytest

from nkdesk.services import preferences
from nkdesk.services.errors import InputError, StorageError


def test_a_user_chooses_japanese_and_another_keeps_the_workstation_default(store, people):
    assert preferences.language(store, people.nurse) is None
    preferences.set_language(store, people.nurse, "ja")
    assert preferences.language(store, people.nurse) == "ja"
    assert preferences.language(store, people.inv) is None
    preferences.set_language(store, people.nurse, "en")
    assert preferences.language(store, people.nurse) == "en"
    rows = store.rows("SELECT action, field, new_value FROM audit_log WHERE table_name = 'user_preferences' "
                      "ORDER BY seq")
    assert [r["new_value"] for r in rows][-1] == '"en"'


def test_only_known_languages_and_only_a_proven_actor(store, people):
    from dataclasses import replace

    with pytest.raises(InputError):
        preferences.set_language(store, people.nurse, "fr")
    with pytest.raises(StorageError):
        preferences.set_language(store, replace(people.nurse), "ja")
