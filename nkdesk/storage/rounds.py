"""What the nurse's round needs across every patient: infusions in progress with the vital-sign
time points already taken, vital-sign alerts not yet acknowledged, and treatment events still
planned up to a day (services.rounds)."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from nkdesk.domain import TreatmentEvent
from nkdesk.storage.records import event_from_row

if TYPE_CHECKING:
    from nkdesk.storage.reader import Reader


def infusions_in_progress(store: Reader) -> list[tuple[int, int, str, str, datetime | None, tuple[int, ...]]]:
    """(infusion id, patient id, study ID, protocol id, started at, scheduled minutes recorded) of
    every infusion in progress, by study ID."""
    rows = store.rows("SELECT i.id, i.patient_id, p.study_id, c.protocol_id, i.started_at FROM infusions i "
                      "JOIN patients p ON p.id = i.patient_id JOIN treatment_cycles c ON c.id = i.cycle_id "
                      "WHERE i.status = 'in_progress' ORDER BY p.study_id, i.id")
    taken: dict[int, list[int]] = {}
    if rows:
        marks = ", ".join("?" for _ in rows)
        for infusion_id, minutes in store.rows(f"SELECT infusion_id, scheduled_min FROM vital_sign_sets WHERE "
                                               f"scheduled_min IS NOT NULL AND infusion_id IN ({marks})",
                                               [r[0] for r in rows]):
            taken.setdefault(int(infusion_id), []).append(int(minutes))
    return [(int(r[0]), int(r[1]), str(r[2]), str(r[3]), datetime.fromisoformat(r[4]) if r[4] else None,
             tuple(sorted(taken.get(int(r[0]), ())))) for r in rows]


def planned_events_up_to(store: Reader, day: date) -> list[tuple[str, TreatmentEvent]]:
    """(study ID, event) of every treatment event still planned on or before `day`, by date."""
    rows = store.rows("SELECT p.study_id AS round_study_id, t.* FROM treatment_events t "
                      "JOIN patients p ON p.id = t.patient_id WHERE t.status = 'planned' AND t.planned_on <= ? "
                      "ORDER BY t.planned_on, p.study_id, t.id", (day.isoformat(),))
    return [(str(r["round_study_id"]), event_from_row(r)) for r in rows]


def open_alerts(store: Reader) -> list[tuple[int, str, datetime, tuple[str, ...]]]:
    """(patient id, study ID, when the first was raised, findings) of the vital-sign alerts not yet
    acknowledged, one entry per patient, by study ID."""
    rows = store.rows("SELECT a.patient_id, p.study_id, a.raised_at, a.finding FROM vital_alerts a "
                      "JOIN patients p ON p.id = a.patient_id WHERE a.acknowledged_at IS NULL "
                      "ORDER BY p.study_id, a.raised_at, a.id")
    found: dict[int, tuple[str, datetime, list[str]]] = {}
    for patient_id, study_id, raised_at, finding in rows:
        entry = found.setdefault(int(patient_id), (str(study_id), datetime.fromisoformat(raised_at), []))
        if finding not in entry[2]:
            entry[2].append(str(finding))
    return [(pid, study_id, at, tuple(findings)) for pid, (study_id, at, findings) in found.items()]
