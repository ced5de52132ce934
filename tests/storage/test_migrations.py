"""Migrating from every earlier schema version, with data: backed up first, nothing lost.

Each earlier version is rebuilt the way that version left a file: the first k schema steps applied
(sqlite-utils `Migrations.apply(stop_before=…)`), then data written by the services that version
had. Opening it with this version must take a verified backup first, apply the rest in one
transaction, keep every row, and leave a trail that verifies.
"""
from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlite_utils import Database

from nkdesk.domain import Role
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.services import (
    adverse_events,
    ae_proposals,
    auth,
    dosing,
    eligibility,
    infusions,
    measurements,
    patients,
    settings,
    stops,
    treatment,
    users,
    vitals,
)
from nkdesk.storage import backup, migrations, records, verify
from nkdesk.storage.database import Store, migrate, open_database
from tests import bedside

PASSWORD = "old-version-1"


def _users(store, made):
    users.bootstrap_administrator(store, "t", "admin", "Old Admin", PASSWORD)
    made["admin"] = auth.sign_in(store, "admin", PASSWORD).value
    for name, role in (("inv", Role.INVESTIGATOR), ("inv2", Role.INVESTIGATOR), ("pharm", Role.PHARMACIST),
                       ("nurse", Role.RESEARCH_NURSE)):
        users.create_user(store, made["admin"], name, name.title(), role, PASSWORD)
        made[name] = auth.sign_in(store, name, PASSWORD).value


def _patient(store, made):
    made["patient"] = patients.create_patient(store, made["nurse"], study_id="OLD-1", initials="OV",
                                              birth_date="1960-05-01", sex="F").value


def _labs(store, made):
    measurements.record_labs(store, made["nurse"], made["patient"].id, date(2025, 1, 5), {"wbc": "5600 /uL"})
    measurements.record_body(store, made["nurse"], made["patient"].id, date(2025, 1, 5), height="170 cm",
                             weight="65 kg")


def _assessment(store, made, example):
    draft = eligibility.save_assessment(store, made["nurse"], made["patient"].id, example).value
    eligibility.sign_assessment(store, made["inv"], draft.id, PASSWORD, draft.version)


def _treatment(store, made):
    (cycle,) = treatment.plan_calendar(store, made["nurse"], made["patient"].id, apheresis=date(2025, 2, 1),
                                       cycles=1).value
    event = [e for e in records.events(store, made["patient"].id) if e.kind == "apheresis"][0]
    treatment.record_event(store, made["nurse"], event.id, "done", event.version, actual_on=date(2025, 2, 1))
    made["cycle"] = cycle


def _dose_order(store, made):
    """A prescribed (replacing the live one, if any) and verified filgrastim order."""
    live = dosing.status(store, made["patient"].id).order
    replaces = dosing.Replacement(live.id, live.version, "new course") if live is not None else None
    prescribed = dosing.prescribe(store, made["inv"], made["patient"].id, height="170 cm", weight="65 kg",
                                  password=PASSWORD, apheresis=date(2025, 2, 1), replaces=replaces,
                                  acknowledged=("splenomegaly", "thrombosis_history")).value
    dosing.verify_order(store, made["pharm"], prescribed.id, PASSWORD, prescribed.version,
                        shown_hash=dosing.order_hash(store, prescribed.id))


def _settings(store, made):
    settings.change_settings(store, made["admin"], {"backups_kept": 5}, reason="site decision")


def _infusion(store, made):
    prepared = infusions.prepare_infusion(store, made["nurse"], made["cycle"].id).value
    made["infusion"] = infusions.record_cell_product(store, made["nurse"], prepared.id, bedside.PRODUCT,
                                                     prepared.version).value


def _vital_signs(store, made):
    """A version with vital signs but no AE proposals yet: sets without a temperature (today's code
    refreshes fever proposals only for a set with one, so it writes what that version could)."""
    infusion = made["infusion"]
    bedside.at_ward_time(store)
    infusion = infusions.start_infusion(store, made["nurse"], infusion.id, bedside.START, infusion.version).value
    bedside.record(store, made["nurse"], infusion.id, 0, temperature=None)
    low = bedside.record(store, made["nurse"], infusion.id, 15, reason="probe re-sited", temperature=None, spo2_pct=90)
    vitals.acknowledge_alerts(store, made["inv"], low.id, informed="doctor", action="rechecked")


def _adverse_events(store, made):
    bedside.at_ward_time(store)
    patient = made["patient"]
    bedside.record(store, made["nurse"], made["infusion"].id, 60, reason="febrile", temperature="38.4 degC")
    logged = adverse_events.record_adverse_event(store, made["nurse"], patient.id, AdverseEventEntry(
        term="Nausea", grade=1, onset=bedside.START + timedelta(hours=3))).value
    adverse_events.edit_adverse_event(store, made["inv"], logged.id, replace(adverse_events.as_entry(logged),
                                                                             relatedness="possible"), logged.version)
    measurements.record_labs(store, made["nurse"], patient.id, date(2026, 12, 19), {"platelets": "6.0 10^4/uL"})
    for proposal in ae_proposals.proposals(store, patient.id):
        ae_proposals.accept_proposal(store, made["nurse"], proposal.id, proposal.version)


def _stops(store, made):
    """Suspended on a proposal and lifted again (so the migrated file still takes dose orders)."""
    patient = made["patient"]
    proposal = stops.propose_stop(store, made["nurse"], patient.id, "treatment_impossible", "no access").value
    stop = treatment.decide_stop(store, made["inv"], patient.id, "suspended", "treatment_impossible",
                                 date(2026, 12, 20), PASSWORD, proposal_id=proposal.id).value
    treatment.lift_suspension(store, made["inv"], stop.id, date(2026, 12, 22), "central line placed", PASSWORD)


# What a version with step NAME (and all before it) could write, in order.
DATA_BY_STEP = {
    "m002_users": lambda s, m, ctx: _users(s, m),
    "m004_patients_and_enrolment": lambda s, m, ctx: _patient(s, m),
    "m005_lab_results_and_body_measurements": lambda s, m, ctx: _labs(s, m),
    "m006_eligibility_assessments": lambda s, m, ctx: _assessment(s, m, ctx["example"]),
    "m007_treatment_cycles_events_and_stops": lambda s, m, ctx: _treatment(s, m),
    "m008_dose_orders": lambda s, m, ctx: _dose_order(s, m),
    "m009_site_settings": lambda s, m, ctx: _settings(s, m),
    "m010_infusions": lambda s, m, ctx: _infusion(s, m),
    "m011_vital_sign_sets_and_alerts": lambda s, m, ctx: _vital_signs(s, m),
    "m012_adverse_events_and_proposals": lambda s, m, ctx: _adverse_events(s, m),
    "m013_stop_proposals_and_suspension_lifts": lambda s, m, ctx: _stops(s, m),
}


@contextlib.contextmanager
def _no_drafts_before_m030(conn):
    """Today's services remove the window's draft in every real save; a version before the drafts
    table (m030) had none to remove, so writing its data with today's services skips that step."""
    from nkdesk.storage import drafts

    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'drafts'").fetchone() is not None:
        yield
        return
    clear_in = drafts.clear_in
    drafts.clear_in = lambda *args, **kwargs: None
    try:
        yield
    finally:
        drafts.clear_in = clear_in


def build_earlier_version(path, k: int, ctx: dict) -> dict[str, int]:
    """A file as the version with the first k steps left it, with data; returns rows per table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn, execute_plugins=False)
    migrate(db, stop_before=migrations.STEPS[k] if k < len(migrations.STEPS) else None)
    store = Store(path, db)
    store.check_anchor()
    made = {}
    with _no_drafts_before_m030(conn):
        for step in migrations.STEPS[:k]:
            if step in DATA_BY_STEP:
                DATA_BY_STEP[step](store, made, ctx)
    counts = _counts(conn)
    store.close()
    return counts


def _counts(conn) -> dict[str, int]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' AND name <> '_sqlite_migrations'")]
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_every_step_has_a_unique_name_in_order():
    """Schema steps are numbered in order and never share a name (they are never edited or reused)."""
    assert sorted(migrations.STEPS) == migrations.STEPS
    assert len(set(migrations.STEPS)) == len(migrations.STEPS)


def test_migrating_an_empty_file(tmp_path):
    """An empty file is initialised with every step (no backup needed: there is nothing to lose)."""
    path = tmp_path / "empty.sqlite3"
    path.touch()
    open_database(path, create=True).close()
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")] == migrations.STEPS
    assert backup.list_backups(path) == []


@pytest.mark.parametrize("k", range(1, len(migrations.STEPS)), ids=lambda k: f"from-{migrations.STEPS[k - 1]}")
def test_migrating_from_every_earlier_version_keeps_every_row(tmp_path, k, cheap_passwords, contract_example):
    """A file from an earlier version is backed up (verified), migrated, and keeps all its data."""
    path = tmp_path / "old.sqlite3"
    before = build_earlier_version(path, k, {"example": contract_example})
    store = open_database(path)
    try:
        applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        after = _counts(store.conn)
        assert applied == migrations.STEPS
        assert {t: n for t, n in after.items() if t in before} == before
        if "patients" in before:   # and the migrated file takes new records of every kind
            _dose_order(store, {"inv": signed_in(store, "inv"), "pharm": signed_in(store, "pharm"),
                                "patient": patients.search(store, "OLD-1")[0]})
    finally:
        store.close()
    taken = [b for b in backup.list_backups(path) if b.kind == "pre-migration"]
    assert len(taken) == 1 and taken[0].manifest["schema"] == migrations.STEPS[:k]
    assert _counts(sqlite3.connect(taken[0].path)) == before
    report = verify.verify(path)
    assert report.ok, report.problems


def test_this_versions_data_verifies(tmp_path, cheap_passwords, contract_example):
    """The data of every step, written at this version (the next version's "earlier version" with
    data), is all there and verifies: users to stop rules."""
    path = tmp_path / "current.sqlite3"
    counts = build_earlier_version(path, len(migrations.STEPS), {"example": contract_example})
    for table in ("infusions", "vital_sign_sets", "vital_alerts", "adverse_events", "ae_proposals", "stop_proposals",
                  "suspension_lifts"):
        assert counts[table] > 0, table
    report = verify.verify(path)
    assert report.ok, report.problems


def signed_in(store, username):
    return auth.sign_in(store, username, PASSWORD).value


def test_failed_step_leaves_the_file_as_it_was(tmp_path, monkeypatch, cheap_passwords, contract_example):
    """If a step fails, no step of that run is kept: the file stays at its earlier version."""
    path = tmp_path / "old.sqlite3"
    k = len(migrations.STEPS) - 2
    build_earlier_version(path, k, {"example": contract_example})
    from sqlite_utils import Migrations

    broken = Migrations(migrations.MIGRATION_SET)
    for step in migrations.STEPS[:-1]:
        broken(name=step)(lambda db: None)

    @broken(name=migrations.STEPS[-1])
    def fails(db):
        raise RuntimeError("disk unplugged in the middle of a migration")

    monkeypatch.setattr(migrations, "migrations", broken)
    with pytest.raises(RuntimeError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")] == migrations.STEPS[:k]
