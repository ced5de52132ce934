"""The AE entry: duration, days since infusion, the prompt-report trigger and the checks it must pass."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from nkdesk.rules import adverse_events as ae
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.rules.errors import InputError

ONSET = datetime(2026, 12, 22, 14, 30)
ENTRY = AdverseEventEntry(term="Fever", grade=1, worst_grade=2, onset=ONSET)


def test_duration_is_resolution_minus_onset():
    """Onset 22 Dec 14:30, resolved 24 Dec 09:00: 1 day 18 h 30 min."""
    entry = replace(ENTRY, resolution=datetime(2026, 12, 24, 9, 0))
    assert entry.duration == timedelta(days=1, hours=18, minutes=30)


def test_ongoing_event_has_no_duration():
    """Without a resolution the AE is ongoing: no duration."""
    assert ENTRY.duration is None


@pytest.mark.parametrize(("onset", "infusion", "days"), [
    (datetime(2026, 12, 22, 23, 59), date(2026, 12, 22), 0),    # the infusion day is day 0
    (datetime(2026, 12, 23, 0, 1), date(2026, 12, 22), 1),
    (datetime(2027, 1, 5, 8, 0), date(2026, 12, 22), 14),
    (datetime(2026, 12, 21, 8, 0), date(2026, 12, 22), -1),     # before the infusion
    (datetime(2026, 12, 21, 8, 0), None, None),
])
def test_days_since_infusion_count_calendar_days(onset, infusion, days):
    """Calendar days from the infusion day (day 0) to the onset day."""
    assert ae.days_since_infusion(onset, infusion) == days


@pytest.mark.parametrize(("serious", "criteria", "relatedness", "report"), [
    # Act on the Safety of Regenerative Medicine, enforcement regulation Art. 35 (issue 13): every ICH
    # E2A seriousness criterion falls in the 7- or 15-day category, for events whose relation to the
    # therapy the investigator does not exclude. (The protocol's own wording — prolonged
    # hospitalisation or death — is narrower: life-threatening alone used to be missed.)
    (True, ("death",), "possible", True),
    (True, ("hospitalisation",), None, True),
    (True, ("life_threatening",), "unlikely", True),
    (True, ("other_important", "death"), "definite", True),
    (True, ("congenital_anomaly",), "probable", True),
    (True, ("hospitalisation",), "unrelated", False),
    (False, (), None, False),
])
def test_prompt_report_under_article_35(serious, criteria, relatedness, report):
    assert ae.prompt_report_required(serious, criteria, relatedness) is report


@pytest.mark.parametrize(("criteria", "days"), [
    (("death",), 7), (("life_threatening",), 7),                       # "death or may lead to death"
    (("hospitalisation",), 15), (("disability",), 15), (("congenital_anomaly",), 15), (("other_important",), 15),
])
def test_article_35_day_counts_from_the_protocol_file(criteria, days):
    rules = ae.reporting_rules()
    assert rules.category_for(criteria).days == days
    assert "Article 35" in rules.law
    assert rules.recipients[0] == "committee" and "mhlw" in rules.recipients and rules.mhlw_to_be_confirmed


@pytest.mark.parametrize(("change", "field"), [
    ({"term": " "}, "term"),
    ({"grade": 6}, "grade"),
    ({"grade": 0}, "grade"),
    ({"grade": 3, "worst_grade": 2}, "worst_grade"),
    ({"resolution": ONSET - timedelta(minutes=1)}, "resolution"),
    ({"serious": True}, "serious_criteria"),
    ({"serious_criteria": ("death",)}, "serious"),
    ({"serious": True, "serious_criteria": ("hospitalised",)}, "serious_criteria"),
    ({"relatedness": "likely"}, "relatedness"),
    ({"outcome": "fine"}, "outcome"),
    ({"action": "dose_reduced"}, "action"),
    ({"cycle": 0}, "cycle"),
])
def test_inconsistent_entries_are_refused_naming_the_field(change, field):
    """Each inconsistency is an InputError naming its field."""
    with pytest.raises(InputError) as err:
        ae.check(replace(ENTRY, **change))
    assert err.value.field == field


def test_a_complete_serious_entry_passes():
    """A serious, related, resolved AE with its criteria passes unchanged."""
    entry = replace(ENTRY, serious=True, serious_criteria=("hospitalisation",), relatedness="possible",
                    action="infusion_stopped", outcome="recovered", cycle=1, days_since_infusion=0,
                    resolution=ONSET + timedelta(hours=5))
    assert ae.check(entry) is entry and entry.prompt_report_required
