"""Registering, editing and finding patients."""
from __future__ import annotations

from datetime import date

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import patients


def test_new_patient_is_enrolled_as_screening(store, people):
    """A registered patient has an enrolment in the default protocol with status screening."""
    saved = patients.create_patient(store, people.nurse, study_id="S-001", initials="ty", birth_date="1960-05-01",
                                    sex="f", hospital_id="H123")
    chart = patients.chart(store, saved.value.id)
    assert (chart.patient.initials, chart.patient.sex, chart.patient.birth_date) == ("TY", "F", date(1960, 5, 1))
    assert (chart.enrolment.protocol_id, chart.enrolment.status, chart.state) == ("jRCTb060200020", "screening",
                                                                                   "screening")
    assert saved.changes.tables == {"patients", "enrolments"} and saved.changes.patient_ids == {saved.value.id}


@pytest.mark.parametrize("details, field", [
    ({"study_id": " ", "initials": "AB"}, "study_id"),
    ({"study_id": "S-9", "initials": "A1"}, "initials"),
    ({"study_id": "S-9", "initials": "ABCDE"}, "initials"),
    ({"study_id": "S-9", "initials": "AB", "birth_date": "01/05/1960"}, "birth_date"),
    ({"study_id": "S-9", "initials": "AB", "sex": "X"}, "sex"),
])
def test_bad_details_are_refused_by_field(store, people, details, field):
    """Each malformed detail is an InputError naming its field; nothing is saved."""
    with pytest.raises(InputError) as caught:
        patients.create_patient(store, people.nurse, **details)
    assert caught.value.field == field
    assert patients.search(store, "") == []


def test_study_id_is_unique_whatever_the_case(store, people, make_patient):
    """A second patient with the same study ID (any letter case) is refused."""
    make_patient(study_id="S-001")
    with pytest.raises(InputError, match="already used"):
        patients.create_patient(store, people.nurse, study_id="s-001", initials="CD")


def test_edit_changes_only_what_was_given_and_audits_it(store, people, make_patient):
    """Editing the initials changes them, bumps the version, and writes one audit row for the field."""
    patient = make_patient(initials="AB", hospital_id="H1")
    saved = patients.edit_patient(store, people.inv, patient.id, patient.version, initials="CD", reason="typo")
    assert (saved.value.initials, saved.value.hospital_id, saved.value.version) == ("CD", "H1", patient.version + 1)
    rows = store.rows("SELECT field, reason FROM audit_log WHERE op = 'update' AND table_name = 'patients'")
    assert [(r["field"], r["reason"]) for r in rows] == [("initials", "typo")]


@pytest.mark.parametrize("text, found", [
    ("S-00", ["S-001", "S-002"]),
    ("s-002", ["S-002"]),      # case does not matter
    ("ky", ["S-002"]),         # initials
    ("H9", ["S-001"]),         # hospital ID
    ("%", []),                 # wildcards are plain characters
    ("", ["S-001", "S-002"]),
])
def test_search_by_start_of_study_id_initials_or_hospital_id(store, people, make_patient, text, found):
    """Search matches the start of the study ID, initials or hospital ID, ignoring case."""
    make_patient(study_id="S-001", initials="TY", hospital_id="H900")
    make_patient(study_id="S-002", initials="KY", hospital_id="H100")
    assert [p.study_id for p in patients.search(store, text)] == found


def test_roster_lists_every_patient_with_what_is_due(store, people, make_patient):
    """No cap (the old list stopped at 50): 60 patients all listed, by study ID. A calendar whose
    apheresis is 2 days ahead has G-CSF planned on days −4…0 (protocol.md): 2 days overdue, 1 due
    today; one 4 days ahead has its first G-CSF today and nothing overdue."""
    from datetime import timedelta

    from nkdesk.services import treatment

    made = [make_patient(study_id=f"R-{n:03d}") for n in range(60)]
    today = date(2026, 12, 6)
    treatment.plan_calendar(store, people.nurse, made[1].id, apheresis=today + timedelta(days=2), cycles=1)
    treatment.plan_calendar(store, people.nurse, made[2].id, apheresis=today + timedelta(days=4), cycles=1)
    listed = patients.roster(store, today)
    assert [p.study_id for p in listed] == [f"R-{n:03d}" for n in range(60)]
    due = {p.study_id: (p.overdue, p.due_today) for p in listed if p.overdue or p.due_today}
    assert due == {"R-001": (2, 1), "R-002": (0, 1)}
