"""Schema steps of bedside safety (issue 5): infusions, vital signs and alerts, adverse events, stops.

- m010: infusions (one per cycle: the cell product given, start and end).
- m011: vital-sign sets and their alerts.
- m012: adverse events, their history and the grade proposals from labs and vital signs.
- m013: stop proposals and suspension lifts.

Registered on the shared `migrations` set with its `step` decorator (imported first at the bottom of
migrations.py, so the order of steps is unchanged); never edited once shipped.
"""
from __future__ import annotations

from sqlite_utils import Database

from nkdesk.storage.migrations import _VERSION, step


def _optional_quantity(prefix: str) -> str:
    """A quantity that may be absent (NULL): as entered and in its canonical unit."""
    return ", ".join(f"{prefix}_{name} {kind}" for name, kind in (
        ("text", "TEXT"), ("value", "REAL"), ("unit", "TEXT"), ("canonical_value", "REAL"), ("canonical_unit", "TEXT")))


@step("m010_infusions")
def m010_infusions(db: Database) -> None:
    """One infusion per treatment cycle: the cell product as released (counts as entered and in
    cells), the weight the dose per kg was computed with, the release tests, start, end, given by."""
    db.executescript(f"""
    CREATE TABLE infusions (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        cycle_id INTEGER NOT NULL UNIQUE REFERENCES treatment_cycles (id),
        event_id INTEGER REFERENCES treatment_events (id),
        bag_id TEXT NOT NULL DEFAULT '',
        {_optional_quantity('cells')},
        viability_pct REAL CHECK (viability_pct BETWEEN 0 AND 100),
        nk_fraction_pct REAL CHECK (nk_fraction_pct BETWEEN 0 AND 100),
        {_optional_quantity('weight')},
        viable_cells_per_kg REAL, nk_cells_per_kg REAL,
        sterility TEXT NOT NULL DEFAULT 'pending' CHECK (sterility IN ('pending', 'negative', 'positive')),
        infectious_disease TEXT NOT NULL DEFAULT 'pending'
            CHECK (infectious_disease IN ('pending', 'negative', 'positive')),
        status TEXT NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'in_progress', 'completed')),
        started_at TEXT, ended_at TEXT,
        administered_by TEXT NOT NULL DEFAULT '',
        {_VERSION}
    );
    CREATE INDEX infusions_patient ON infusions (patient_id);
    """)


@step("m011_vital_sign_sets_and_alerts")
def m011_vital_sign_sets_and_alerts(db: Database) -> None:
    """Vital-sign sets per infusion and time point (scheduled or extra), with the NEWS2 and limit
    findings computed at save; alerts for critical findings, open until a named user acknowledges."""
    db.executescript(f"""
    CREATE TABLE vital_sign_sets (
        id INTEGER PRIMARY KEY,
        infusion_id INTEGER NOT NULL REFERENCES infusions (id),
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        scheduled_min INTEGER, extra_number INTEGER, offset_min INTEGER,
        measured_at TEXT NOT NULL,
        systolic_mmhg INTEGER, diastolic_mmhg INTEGER, pulse_per_min INTEGER, resp_rate_per_min INTEGER,
        {_optional_quantity('temperature')},
        spo2_pct INTEGER,
        spo2_scale INTEGER NOT NULL DEFAULT 1 CHECK (spo2_scale IN (1, 2)),
        oxygen_device TEXT, o2_flow_l_min REAL, vasopressors INTEGER NOT NULL DEFAULT 0,
        acvpu TEXT CHECK (acvpu IN ('A', 'C', 'V', 'P', 'U')),
        news2_score INTEGER, news2_risk TEXT, news2_json TEXT,
        findings_json TEXT NOT NULL DEFAULT '[]',
        reason TEXT NOT NULL DEFAULT '',
        {_VERSION},
        CHECK ((scheduled_min IS NULL) <> (extra_number IS NULL)),
        UNIQUE (infusion_id, scheduled_min),
        UNIQUE (infusion_id, extra_number)
    );
    CREATE INDEX vital_sign_sets_patient ON vital_sign_sets (patient_id, measured_at);
    CREATE TABLE vital_alerts (
        id INTEGER PRIMARY KEY,
        vital_set_id INTEGER NOT NULL REFERENCES vital_sign_sets (id),
        infusion_id INTEGER NOT NULL REFERENCES infusions (id),
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        finding TEXT NOT NULL,
        value REAL NOT NULL, low REAL, high REAL,
        raised_at TEXT NOT NULL,
        acknowledged_by INTEGER REFERENCES users (id), acknowledged_by_name TEXT, acknowledged_at TEXT,
        note TEXT NOT NULL DEFAULT '',
        {_VERSION},
        UNIQUE (vital_set_id, finding)
    );
    CREATE INDEX vital_alerts_open ON vital_alerts (acknowledged_at, patient_id);
    """)


@step("m012_adverse_events_and_proposals")
def m012_adverse_events_and_proposals(db: Database) -> None:
    """Adverse events as logged (CTCAE v5.0 term or free term, grades, ICH E2A seriousness, the
    investigator's judgement, the prompt report), and AE proposals from labs and temperatures."""
    db.executescript(f"""
    CREATE TABLE adverse_events (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        term TEXT NOT NULL,
        ctcae_term INTEGER NOT NULL DEFAULT 1,
        ctcae_version TEXT NOT NULL,
        grade INTEGER CHECK (grade BETWEEN 1 AND 5),
        worst_grade INTEGER CHECK (worst_grade BETWEEN 1 AND 5),
        onset TEXT NOT NULL,
        resolution TEXT,
        serious INTEGER NOT NULL DEFAULT 0,
        serious_criteria_json TEXT NOT NULL DEFAULT '[]',
        relatedness TEXT, action TEXT, outcome TEXT, cycle INTEGER, days_since_infusion INTEGER,
        comment TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'manual',
        extra_json TEXT NOT NULL DEFAULT '{{}}',
        judged_by INTEGER REFERENCES users (id), judged_at TEXT,
        reported_at TEXT, reported_by INTEGER REFERENCES users (id),
        report_note TEXT NOT NULL DEFAULT '',
        {_VERSION},
        CHECK (worst_grade IS NULL OR grade IS NULL OR worst_grade >= grade)
    );
    CREATE INDEX adverse_events_patient ON adverse_events (patient_id, onset);
    CREATE TABLE ae_proposals (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        kind TEXT NOT NULL CHECK (kind IN ('lab', 'fever')),
        key TEXT NOT NULL,
        source_table TEXT NOT NULL, source_id INTEGER NOT NULL,
        term TEXT NOT NULL,
        analyte TEXT,
        value_text TEXT NOT NULL,
        grade INTEGER,
        result_json TEXT NOT NULL,
        range_source TEXT NOT NULL DEFAULT '',
        detail_json TEXT NOT NULL DEFAULT '{{}}',
        onset TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
        adverse_event_id INTEGER REFERENCES adverse_events (id),
        decision_note TEXT NOT NULL DEFAULT '',
        {_VERSION}
    );
    CREATE INDEX ae_proposals_patient ON ae_proposals (patient_id, status);
    CREATE INDEX ae_proposals_key ON ae_proposals (patient_id, key);
    """)


@step("m013_stop_proposals_and_suspension_lifts")
def m013_stop_proposals_and_suspension_lifts(db: Database) -> None:
    """Stop-rule proposals (what raised them, what the investigator decided), the lifting of a
    suspension (signed), and the database's own refusal of dose orders while treatment is stopped."""
    db.executescript(f"""
    CREATE TABLE stop_proposals (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        reason_code TEXT NOT NULL,
        source_table TEXT, source_id INTEGER,
        details TEXT NOT NULL DEFAULT '',
        raised_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided', 'dismissed')),
        discontinuation_id INTEGER REFERENCES discontinuations (id),
        decision_note TEXT NOT NULL DEFAULT '',
        {_VERSION}
    );
    CREATE INDEX stop_proposals_patient ON stop_proposals (patient_id, status);
    CREATE TABLE suspension_lifts (
        id INTEGER PRIMARY KEY,
        discontinuation_id INTEGER NOT NULL UNIQUE REFERENCES discontinuations (id),
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        lifted_on TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        {_VERSION}
    );
    CREATE TRIGGER dose_orders_refused_while_stopped BEFORE INSERT ON dose_orders
    WHEN EXISTS (SELECT 1 FROM enrolments WHERE patient_id = NEW.patient_id
                 AND status IN ('discontinued', 'suspended'))
    BEGIN SELECT RAISE(ABORT, 'protocol treatment is discontinued or suspended: no new dose order'); END;
    CREATE TRIGGER dose_orders_not_signed_while_stopped BEFORE UPDATE OF status ON dose_orders
    WHEN NEW.status IN ('prescribed', 'verified') AND EXISTS (
        SELECT 1 FROM enrolments WHERE patient_id = NEW.patient_id AND status IN ('discontinued', 'suspended'))
    BEGIN SELECT RAISE(ABORT, 'protocol treatment is discontinued or suspended: the dose order cannot proceed'); END;
    """)
