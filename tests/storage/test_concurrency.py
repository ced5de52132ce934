"""Two windows or two app instances on one file: no lost update, ever."""
from __future__ import annotations

import pytest

from nkdesk.services import auth, patients
from nkdesk.storage import verify
from nkdesk.storage.database import open_database
from nkdesk.storage.errors import StaleVersion


def test_second_save_of_a_stale_version_is_refused_with_who_and_when(store, people, make_patient):
    """Both instances load version 1; the first save wins, the second is refused naming who saved
    and when, and the first save's value stays."""
    patient = make_patient(initials="AB")
    other = open_database(store.path)   # a second app instance on the same file
    try:
        seen_here = patients.chart(store, patient.id).patient
        seen_there = patients.chart(other, patient.id).patient
        inv_there = auth.sign_in(other, "inv", people.password).value   # each instance signs its user in
        patients.edit_patient(other, inv_there, patient.id, seen_there.version, initials="CD")
        with pytest.raises(StaleVersion) as caught:
            patients.edit_patient(store, people.nurse, patient.id, seen_here.version, initials="EF")
    finally:
        other.close()
    stale = caught.value
    assert (stale.changed_by, stale.table, stale.record_id) == ("inv", "patients", patient.id)
    assert stale.changed_at and "inv" in str(stale) and stale.changed_at in str(stale)
    assert patients.chart(store, patient.id).patient.initials == "CD"


def test_interleaved_writers_keep_one_sound_chain(store, people, make_patient):
    """Saves from two connections, interleaved, append to one chain that verifies."""
    other = open_database(store.path)
    nurse = {store: people.nurse, other: auth.sign_in(other, "nurse", people.password).value}
    try:
        for n in range(10):
            target = store if n % 2 else other
            patients.create_patient(target, nurse[target], study_id=f"C-{n}", initials="CC")
    finally:
        other.close()
    store.close()
    report = verify.verify(store.path)
    assert report.ok, report.problems
    assert report.audit_rows == report.anchor["count"]
