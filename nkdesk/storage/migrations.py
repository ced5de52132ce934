"""The database schema as sqlite-utils `Migrations`: one small named step per change.

Rules (architecture.md, Storage notes): a step is never edited once shipped; a change is a new
step at the end. Opening a file applies the pending steps after taking a backup (database.py), and
refuses a file whose applied steps include a name this list does not know (a newer NKDesk wrote
it). Every table except `meta`, `audit_log` and sqlite-utils' `_sqlite_migrations` holds audited
data: it is written only through `Transaction` (transaction.py), has an integer `id`, and (unless
append-only) a `version` for optimistic concurrency. Quantities have the value and unit as entered
and the value in the analyte's canonical unit (`nkdesk.rules.analytes`). The safety issue adds its
tables (infusions, vital signs, adverse events) as steps m010–m013 in migrations_bedside.py.
"""
from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from sqlite_utils import Database, Migrations

MIGRATION_SET = "nkdesk"
migrations = Migrations(MIGRATION_SET)
STEPS: list[str] = []  # every step's name, in order (sqlite-utils keeps its list private)

# not audited row by row: drafts (m030, what an editor holds before it is saved; a real save or an
# audited discard removes it), the access log and the chain signatures (issue 15, chained themselves)
UNAUDITED_TABLES = frozenset({"meta", "audit_log", "drafts", "access_log", "chain_signatures",
                              Migrations.migrations_table})

_VERSION = "version INTEGER NOT NULL DEFAULT 1"


Step = Callable[[Database], None]


def step(name: str) -> Callable[[Step], Step]:
    """Register a migration function under `name` (never rename or edit one once shipped)."""
    def register(fn: Step) -> Step:
        STEPS.append(name)
        return migrations(name=name)(fn)
    return register


def _append_only(table: str) -> str:
    """Triggers that make `table` append-only: UPDATE and DELETE abort (the chain still catches a
    determined editor who drops them; see docs/storage.md)."""
    return f"""
    CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows cannot be changed'); END;
    CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
    BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows cannot be deleted'); END;
    """


@step("m001_meta_and_audit_trail")
def m001_meta_and_audit_trail(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at_utc TEXT NOT NULL,
        at_local TEXT NOT NULL,
        user_id INTEGER,
        username TEXT NOT NULL,
        role TEXT,
        workstation TEXT NOT NULL,
        action TEXT NOT NULL,
        op TEXT NOT NULL,
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        reason TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX audit_log_record ON audit_log (table_name, record_id, seq);
    {_append_only("audit_log")}
    """)


@step("m002_users")
def m002_users(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        full_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('investigator', 'pharmacist', 'research_nurse', 'administrator')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        {_VERSION}
    );
    """)


@step("m003_signatures")
def m003_signatures(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE signatures (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        record_id INTEGER NOT NULL,
        meaning TEXT NOT NULL,
        signer_id INTEGER NOT NULL REFERENCES users (id),
        signer_username TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        signer_role TEXT NOT NULL,
        signed_at_utc TEXT NOT NULL,
        signed_at_local TEXT NOT NULL,
        workstation TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        anchor_count INTEGER NOT NULL,
        anchor_head TEXT NOT NULL
    );
    CREATE INDEX signatures_record ON signatures (table_name, record_id, id);
    {_append_only("signatures")}
    """)


@step("m004_patients_and_enrolment")
def m004_patients_and_enrolment(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        study_id TEXT NOT NULL UNIQUE COLLATE NOCASE,
        initials TEXT NOT NULL COLLATE NOCASE,
        birth_date TEXT,
        sex TEXT CHECK (sex IN ('F', 'M')),
        hospital_id TEXT COLLATE NOCASE,
        {_VERSION}
    );
    CREATE INDEX patients_initials ON patients (initials);
    CREATE INDEX patients_hospital_id ON patients (hospital_id);
    CREATE TABLE enrolments (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        protocol_id TEXT NOT NULL,
        status TEXT NOT NULL,
        enrolled_on TEXT,
        {_VERSION},
        UNIQUE (patient_id, protocol_id)
    );
    """)


def _quantity_columns() -> str:
    return """text TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT NOT NULL,
        canonical_value REAL NOT NULL,
        canonical_unit TEXT NOT NULL"""


@step("m005_lab_results_and_body_measurements")
def m005_lab_results_and_body_measurements(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE lab_sets (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        sampled_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        {_VERSION}
    );
    CREATE INDEX lab_sets_patient ON lab_sets (patient_id, sampled_on);
    CREATE TABLE lab_results (
        id INTEGER PRIMARY KEY,
        lab_set_id INTEGER NOT NULL REFERENCES lab_sets (id),
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        analyte TEXT NOT NULL,
        {_quantity_columns()},
        {_VERSION},
        UNIQUE (lab_set_id, analyte)
    );
    CREATE INDEX lab_results_patient ON lab_results (patient_id, analyte);
    CREATE TABLE body_measurements (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        measured_on TEXT NOT NULL,
        kind TEXT NOT NULL,
        {_quantity_columns()},
        {_VERSION}
    );
    CREATE INDEX body_measurements_patient ON body_measurements (patient_id, measured_on);
    """)


@step("m006_eligibility_assessments")
def m006_eligibility_assessments(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE eligibility_assessments (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        protocol_id TEXT NOT NULL,
        assessed_on TEXT,
        inputs_json TEXT NOT NULL,
        result_json TEXT NOT NULL,
        eligible INTEGER,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
        {_VERSION}
    );
    CREATE INDEX eligibility_assessments_patient ON eligibility_assessments (patient_id);
    """)


@step("m007_treatment_cycles_events_and_stops")
def m007_treatment_cycles_events_and_stops(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE treatment_cycles (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        protocol_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        planned_apheresis_on TEXT,
        actual_apheresis_on TEXT,
        status TEXT NOT NULL DEFAULT 'planned',
        {_VERSION},
        UNIQUE (patient_id, protocol_id, number)
    );
    CREATE TABLE treatment_events (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES treatment_cycles (id),
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        kind TEXT NOT NULL,
        culture_day INTEGER,
        planned_on TEXT,
        actual_on TEXT,
        status TEXT NOT NULL DEFAULT 'planned',
        note TEXT NOT NULL DEFAULT '',
        {_VERSION}
    );
    CREATE INDEX treatment_events_patient ON treatment_events (patient_id, planned_on);
    CREATE TABLE discontinuations (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        kind TEXT NOT NULL CHECK (kind IN ('discontinued', 'suspended')),
        reason_code TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '',
        decided_on TEXT NOT NULL,
        {_VERSION}
    );
    CREATE INDEX discontinuations_patient ON discontinuations (patient_id);
    """)


@step("m008_dose_orders")
def m008_dose_orders(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE dose_orders (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        cycle_id INTEGER REFERENCES treatment_cycles (id),
        order_json TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'prescribed', 'verified', 'cancelled')),
        prescriber_id INTEGER NOT NULL REFERENCES users (id),
        verifier_id INTEGER REFERENCES users (id),
        decision_note TEXT NOT NULL DEFAULT '',
        cancel_reason TEXT NOT NULL DEFAULT '',
        {_VERSION},
        CHECK (verifier_id IS NULL OR verifier_id <> prescriber_id)
    );
    CREATE INDEX dose_orders_patient ON dose_orders (patient_id);
    """)


@step("m009_site_settings")
def m009_site_settings(db: Database) -> None:
    db.executescript(f"""
    CREATE TABLE settings (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        value_json TEXT NOT NULL,
        {_VERSION}
    );
    """)


def names() -> list[str]:
    """Every step this version knows, in order."""
    return list(STEPS)


# Steps of later issues live in their own modules and register themselves on import, in this order
# (kept last: each registers after the steps above). A new module is added at the end of the tuple.
for _module in ("migrations_bedside",     # m010–m013: infusions, vital signs, AEs, stops (issue 5)
                "migrations_reporting",   # m020–m022: AE reports, vasopressin (issue 13)
                "migrations_drafts",      # m030: drafts (issue 14)
                "migrations_evidence",    # m040–m042: file identity, signing keys, access log (issue 15)
                "migrations_alerts",      # m055: what was done about a vital-sign alert (issue 14)
                "migrations_i18n",        # m070: each user's language (issue 18)
                "migrations_cautions",    # m080–m081: the caution ticks stored with the dose order (issue 14)
                "migrations_patient_drafts"):   # m085: a new patient's details typed, as a draft (issue 14)
    import_module(f"nkdesk.storage.{_module}")
