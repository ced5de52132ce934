"""Schema steps of issue 13 (prompt reporting of serious AEs; vasopressin with the vital signs).

- m020: the day the investigator learned of an AE (day 0 of the reporting clock under the Act on the
  Safety of Regenerative Medicine, enforcement regulation Art. 35), on the AE.
- m021: the reports made on a serious AE: date sent, to whom, a note, who recorded it. Any serious AE
  may have reports recorded, whether or not the law's clock runs for it.
- m022: whether vasopressin was running, with each vital-sign set (ASTCT CRS grade 3 reading).

Registered on the shared `migrations` set with its `step` decorator (imported at the bottom of
migrations.py); never edited once shipped.
"""
from __future__ import annotations

from sqlite_utils import Database

from nkdesk.storage.migrations import _VERSION, step


@step("m020_adverse_event_investigator_aware_on")
def m020_adverse_event_investigator_aware_on(db: Database) -> None:
    db.executescript("ALTER TABLE adverse_events ADD COLUMN investigator_aware_on TEXT;")


@step("m021_adverse_event_reports")
def m021_adverse_event_reports(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE ae_reports (
        id INTEGER PRIMARY KEY,
        adverse_event_id INTEGER NOT NULL REFERENCES adverse_events (id),
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        sent_on TEXT NOT NULL,
        recipient TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
        note TEXT NOT NULL DEFAULT '',
        recorded_by INTEGER REFERENCES users (id),
        {_VERSION}
    );
    CREATE INDEX ae_reports_event ON ae_reports (adverse_event_id, sent_on);
    """)


@step("m022_vital_sign_sets_vasopressin")
def m022_vital_sign_sets_vasopressin(db: Database) -> None:
    db.executescript("ALTER TABLE vital_sign_sets ADD COLUMN vasopressin INTEGER NOT NULL DEFAULT 0;")
