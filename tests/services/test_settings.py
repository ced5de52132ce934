"""Site settings: stored in the database, audited, changed only by administrators, checked."""
from __future__ import annotations

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.rules.site_settings import SiteSettings, Syringe
from nkdesk.services import settings
from nkdesk.storage.errors import StaleVersion


def test_defaults_until_changed_then_the_stored_value(store, people):
    """A new database has SiteSettings' defaults; a change is what every later load returns."""
    assert settings.load(store) == SiteSettings()
    saved = settings.change_settings(store, people.admin, {"paper_size": "Letter", "bsa_cap_m2": 2.0,
                                                           "syringes": [{"strength_ug": 300, "volume_ml": 0.7}]},
                                     reason="site decision 2026-11")
    expected = SiteSettings().with_changes(paper_size="Letter", bsa_cap_m2=2.0, syringes=(Syringe(300, 0.7),))
    assert saved.value == expected and settings.load(store) == expected


def test_each_changed_setting_is_an_audit_row_with_old_and_new(store, people):
    """Changing a setting twice leaves an insert then an update with the old and new value."""
    settings.change_settings(store, people.admin, {"backups_kept": 7}, reason="first")
    settings.change_settings(store, people.admin, {"backups_kept": 30}, reason="second",
                             expected_versions=settings.versions(store))
    rows = store.rows("SELECT op, field, old_value, new_value, reason FROM audit_log WHERE table_name = 'settings'")
    assert [tuple(r) for r in rows][-1] == ("update", "value_json", '"7"', '"30"', "second")
    assert rows[0]["op"] == "insert"


def test_stale_settings_form_is_refused(store, people):
    """Two administrators editing the same setting: the second, from the old version, is refused."""
    settings.change_settings(store, people.admin, {"lock_timeout_min": 5})
    seen = settings.versions(store)
    settings.change_settings(store, people.admin, {"lock_timeout_min": 6}, expected_versions=seen)
    with pytest.raises(StaleVersion):
        settings.change_settings(store, people.admin, {"lock_timeout_min": 7}, expected_versions=seen)


@pytest.mark.parametrize("key, value", [
    ("no_such_setting", 1),
    ("backups_kept", 2.5),
    ("backups_kept", 0),
    ("paper_size", "A3"),
    ("gcsf_wbc_reduce", "50000"),         # a limit without its unit
    ("gcsf_wbc_stop", "75000 g/dL"),      # a unit that is not a count
    ("syringes", [{"strength_ug": -75, "volume_ml": 0.3}]),
    ("dose_tolerance_pct", True),
    ("forms_language", "fr"),
    ("era_dates", 1),                      # a number is not a yes/no
])
def test_bad_setting_refused_by_name(store, people, key, value):
    """A value that does not fit the setting is an InputError naming it; nothing is stored."""
    with pytest.raises(InputError) as caught:
        settings.change_settings(store, people.admin, {key: value})
    assert caught.value.field == key
    assert settings.load(store) == SiteSettings()


def test_forms_language_and_era_dates_are_site_settings(store, people):
    """Issue 18: the forms' language (English by default, Japanese, or both) and era dates."""
    assert (SiteSettings().forms_language, SiteSettings().era_dates) == ("en", False)
    saved = settings.change_settings(store, people.admin, {"forms_language": "both", "era_dates": True}).value
    assert (saved.forms_language, saved.era_dates) == ("both", True)
