"""The demo database: an account for every role and patients in each state of the ward's work.

Everything is created through the same services the window uses (as the demo users: the nurse
registers patients and records labs, an investigator signs), so the audit trail is as complete as
real data's and `nkdesk verify` passes on it. Dates are relative to today, so the mid-infusion
patient is infused today. The passwords below are printed by `nkdesk demo` and listed in
docs/storage.md: they exist only in demo databases. Later issues add their records here (dose
orders once the dosing rules land, vital signs and adverse events with the safety issue).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from nkdesk.domain import PATIENT_STATES, Role
from nkdesk.services import eligibility, measurements, patients, treatment, users
from nkdesk.services.treatment import PlannedEvent
from nkdesk.storage import patients as stored_patients
from nkdesk.storage import records
from nkdesk.storage.database import SQLITE_MAGIC
from nkdesk.storage import users as stored_users

META_KEY = "demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    password: str


ACCOUNTS = (
    DemoAccount("admin", "Demo Administrator", Role.ADMINISTRATOR, "admin-demo"),
    DemoAccount("dr.tanaka", "Dr Kenji Tanaka", Role.INVESTIGATOR, "tanaka-demo"),
    DemoAccount("dr.sato", "Dr Yuki Sato", Role.INVESTIGATOR, "sato-demo"),
    DemoAccount("ph.suzuki", "Mika Suzuki", Role.PHARMACIST, "suzuki-demo"),
    DemoAccount("rn.ito", "Emi Ito", Role.RESEARCH_NURSE, "ito-demo"),
)

# The contract's example assessment (../shared/cli-contract.md), eligible, without its dates and labs.
_HISTORY = {
    "ctc_count": 4, "multiple_tumours": True, "performance_status": 0, "initial_hepatectomy_for_hcc": True,
    "apheresis_access": True, "r0_resection": True, "informed_consent": True, "other_malignancy": False,
    "steroids_or_immunosuppressants": False, "previous_hepatectomy": False, "gcsf_allergy": False,
    "pregnant_or_possibly_pregnant": False, "heart_disease": False,
    "coronary_or_cerebrovascular_disease_within_6_months": False, "lung_disease_requiring_treatment": False,
    "renal_disease_requiring_treatment": False, "neurological_disorder": False,
    "suspected_myeloproliferative_disorder": False, "interstitial_pneumonia_history": False,
    "hospitalised_over_6_weeks_after_surgery": False, "deemed_inappropriate": False,
}
_LABS = {"hemoglobin": "12.1 g/dL", "platelets": "15.2 10^4/uL", "wbc": "5600 /uL", "afp": "25 ng/mL",
         "pivka2": "420 mAU/mL"}


@dataclass(frozen=True)
class DemoPatient:
    study_id: str
    initials: str
    birth_date: str
    sex: str
    story: str                      # screening / eligible / mid_infusion / discontinued / not_eligible
    labs: dict
    height: str
    weight: str


PATIENTS = (
    DemoPatient("DEMO-001", "TY", "1960-05-01", "F", "screening",
                {k: v for k, v in _LABS.items() if k != "platelets"}, "156 cm", "51 kg"),
    DemoPatient("DEMO-002", "KM", "1954-09-12", "M", "eligible", dict(_LABS, wbc="6.2 10^9/L"), "171 cm", "68 kg"),
    DemoPatient("DEMO-003", "HS", "1962-02-28", "F", "mid_infusion", dict(_LABS, hemoglobin="118 g/L"),
                "62 in", "121 lb"),
    DemoPatient("DEMO-004", "NO", "1958-11-03", "M", "discontinued", _LABS, "168 cm", "72 kg"),
    DemoPatient("DEMO-005", "RK", "1966-07-19", "F", "not_eligible", dict(_LABS, platelets="8.1 10^4/uL"),
                "160 cm", "55 kg"),
)


def populate(store, login: str, today: date | None = None) -> None:
    """Fill an empty database with the demo accounts and patients."""
    today = today or date.today()
    admin = users.bootstrap_administrator(store, login, ACCOUNTS[0].username, ACCOUNTS[0].full_name,
                                          ACCOUNTS[0].password).value
    people = {ACCOUNTS[0].username: admin}
    for account in ACCOUNTS[1:]:
        people[account.username] = users.create_user(store, admin, account.username, account.full_name,
                                                     account.role, account.password).value
    nurse, tanaka, sato = people["rn.ito"], people["dr.tanaka"], people["dr.sato"]
    passwords = {a.username: a.password for a in ACCOUNTS}
    for offset, demo in enumerate(PATIENTS):
        start = today - timedelta(days=40 - offset)   # screening a few weeks ago
        patient = patients.create_patient(store, nurse, study_id=demo.study_id, initials=demo.initials,
                                          birth_date=demo.birth_date, sex=demo.sex, hospital_id=f"H{7301 + offset}",
                                          enrolled_on=start).value
        measurements.record_labs(store, nurse, patient.id, start, demo.labs)
        measurements.record_body(store, nurse, patient.id, start, height=demo.height, weight=demo.weight)
        data = {"assessment_date": start.isoformat(), "birth_date": demo.birth_date, "sex": demo.sex,
                "labs": demo.labs, **_HISTORY}
        saved = eligibility.save_assessment(store, nurse, patient.id, data).value
        if demo.story == "screening":
            continue
        eligibility.sign_assessment(store, tanaka, saved.id, passwords["dr.tanaka"], saved.version)
        if demo.story in ("mid_infusion", "discontinued"):
            _treat(store, nurse, patient.id, today - timedelta(days=17), today, demo.story == "mid_infusion")
        if demo.story == "discontinued":
            treatment.decide_stop(store, sato, patient.id, "discontinued", "consent_withdrawn", today - timedelta(days=3),
                                  passwords["dr.sato"], details="Patient withdrew consent after cycle 1 apheresis.")
    store.set_meta(META_KEY, json.dumps({"study_ids": [p.study_id for p in PATIENTS],
                                         "usernames": [a.username for a in ACCOUNTS]}))


def _treat(store, nurse, patient_id: int, apheresis: date, today: date, infusing: bool) -> None:
    """Cycle 1: filgrastim on culture days −4…0, apheresis on day 0, infusion on day 17 (protocol.md)."""
    planned = [PlannedEvent("gcsf", apheresis + timedelta(days=d), d) for d in range(-4, 1)]
    planned += [PlannedEvent("apheresis", apheresis, 0), PlannedEvent("infusion", apheresis + timedelta(days=17), 17)]
    treatment.plan_cycle(store, nurse, patient_id, 1, apheresis, planned)
    for event in records.events(store, patient_id):
        if event.kind == "infusion":
            if infusing and event.planned_on == today:
                treatment.record_event(store, nurse, event.id, "in_progress", event.version, actual_on=today)
        elif event.planned_on <= today:
            treatment.record_event(store, nurse, event.id, "done", event.version, actual_on=event.planned_on)


def is_demo_only(store) -> bool:
    """True if every patient and user in the open database is one the demo created."""
    return classify(store.path) == "demo"


def summary(store) -> dict:
    """The demo accounts present and each patient's state and eligibility verdict."""
    present = {u.username for u in stored_users.all_users(store)}
    accounts = [{"username": a.username, "password": a.password, "role": a.role.value, "name": a.full_name}
                for a in ACCOUNTS if a.username in present]
    out = []
    for item in stored_patients.search(store, "", limit=1000):
        found = records.assessments(store, item.id)
        latest = found[-1] if found else None
        out.append({"study_id": item.study_id, "initials": item.initials, "state": item.state,
                    "state_label": PATIENT_STATES.get(item.state, item.state),
                    "eligible": latest.eligible if latest else None,
                    "assessment": latest.status if latest else None,
                    "failed": list(latest.result.get("failed", [])) if latest else [],
                    "missing": list(latest.result.get("missing", [])) if latest else []})
    return {"db": str(store.path), "accounts": accounts, "patients": out}


def classify(path: Path) -> str:
    """What is at `path`, read without changing it: 'missing' (no file, or an empty one), 'empty'
    (an NKDesk database with no users or patients), 'demo' (only demo records) or 'other'."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return "missing"
    if not path.is_file():
        return "other"
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return "other"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return "empty"
            if not {"users", "patients", "meta"} <= tables:
                return "other"
            usernames = {r[0] for r in conn.execute("SELECT username FROM users")}
            study_ids = {r[0] for r in conn.execute("SELECT study_id FROM patients")}
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return "other"
    if not usernames and not study_ids:
        return "empty"
    recorded = json.loads(row[0]) if row else None
    if recorded and study_ids <= set(recorded["study_ids"]) and usernames <= set(recorded["usernames"]):
        return "demo"
    return "other"
