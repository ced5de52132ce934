"""The demo database: an account for every role and patients in each state of the ward's work.

Everything is created through the same services the window uses (as the demo users: the nurse
registers patients and records labs, an investigator signs), so the audit trail is as complete as
real data's and `nkdesk verify` passes on it. Dates are relative to today, so the mid-infusion
patient is infused today. The passwords below are printed by `nkdesk demo` and listed in
docs/storage.md: they exist only in demo databases; each demo user signs in with theirs, as at the
ward. The calendars are planned by `services.treatment.plan_calendar` (the schedule rules, three
cycles from the protocol file), the filgrastim orders prescribed by `services.dosing.prescribe`
from the demo heights and weights; the bedside records are in demo_bedside.py.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkdesk.domain import PATIENT_STATES, Actor, Role, TreatmentCycle
from nkdesk.rules import dosing as dosing_rules
from nkdesk.services import auth, demo_bedside, eligibility, measurements, patients, stops, treatment, users
from nkdesk.services import dosing as dose_orders
from nkdesk.storage import adverse_events as stored_events
from nkdesk.storage import infusions as stored_infusions
from nkdesk.storage import patients as stored_patients
from nkdesk.storage import records
from nkdesk.storage import users as stored_users
from nkdesk.storage.database import peek

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

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
    DemoAccount("dr.sato", "Dr Yuki Sato", Role.INVESTIGATOR, "sato-ward-demo"),
    DemoAccount("ph.suzuki", "Mika Suzuki", Role.PHARMACIST, "suzuki-demo"),
    DemoAccount("rn.ito", "Emi Ito", Role.RESEARCH_NURSE, "ito-ward-demo"),
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
    labs: dict[str, Any]
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


def populate(store: Store, login: str, today: date | None = None, now: datetime | None = None) -> None:
    """Fill an empty database with the demo accounts and patients (`now`: naive local time)."""
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    today = today or now.date()
    if now.date() != today:
        now = datetime.combine(today, time(11, 0))
    users.bootstrap_administrator(store, login, ACCOUNTS[0].username, ACCOUNTS[0].full_name, ACCOUNTS[0].password)
    admin = auth.sign_in(store, ACCOUNTS[0].username, ACCOUNTS[0].password).value
    for account in ACCOUNTS[1:]:
        users.create_user(store, admin, account.username, account.full_name, account.role, account.password)
    people = {a.username: auth.sign_in(store, a.username, a.password).value for a in ACCOUNTS}
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
        if demo.story == "eligible":
            cycles = _plan(store, nurse, patient.id, today + timedelta(days=14))
            _order(store, people, passwords, patient.id, demo, cycles[0], verify=False)
        elif demo.story == "mid_infusion":
            cycles = _plan(store, nurse, patient.id, today - timedelta(days=17))
            _order(store, people, passwords, patient.id, demo, cycles[0], verify=True)
            _record_done(store, nurse, patient.id, before=today)
            demo_bedside.infuse(store, people, passwords, patient.id, cycles[0], now)
        elif demo.story == "discontinued":
            decided = today - timedelta(days=3)
            _plan(store, nurse, patient.id, today - timedelta(days=17))
            _record_done(store, nurse, patient.id, before=decided)
            proposal = stops.propose_stop(store, nurse, patient.id, "consent_withdrawn",
                                          "Patient withdrew consent after cycle 1 apheresis.").value
            treatment.decide_stop(store, sato, patient.id, "discontinued", "consent_withdrawn", decided,
                                  passwords["dr.sato"], details="Patient withdrew consent after cycle 1 apheresis.",
                                  proposal_id=proposal.id)
    store.set_meta(META_KEY, json.dumps({"study_ids": [p.study_id for p in PATIENTS],
                                         "usernames": [a.username for a in ACCOUNTS]}))


def _plan(store: Store, nurse: Actor, patient_id: int, apheresis: date) -> tuple[TreatmentCycle, ...]:
    """The protocol's calendar (rules.schedule: three cycles, G-CSF days −4…0, culture to day 17)."""
    cycles: tuple[TreatmentCycle, ...] = treatment.plan_calendar(store, nurse, patient_id, apheresis=apheresis).value
    return cycles


def _record_done(store: Store, nurse: Actor, patient_id: int, before: date) -> None:
    """Every event planned before `before` happened as planned."""
    for event in records.events(store, patient_id):
        if event.status == "planned" and event.planned_on is not None and event.planned_on < before:
            treatment.record_event(store, nurse, event.id, "done", event.version, actual_on=event.planned_on)


def _order(store: Store, people: dict[str, Actor], passwords: dict[str, str], patient_id: int, demo: DemoPatient,
           cycle: TreatmentCycle, verify: bool) -> None:
    """Cycle 1's filgrastim order from the demo height and weight, prescribed by Dr Tanaka (and
    verified by the pharmacist when `verify`)."""
    prescribed = dose_orders.prescribe(store, people["dr.tanaka"], patient_id, height=demo.height,
                                       weight=demo.weight, apheresis=cycle.planned_apheresis_on,
                                       password=passwords["dr.tanaka"], cycle_id=cycle.id,
                                       acknowledged=[c.code for c in dosing_rules.FILGRASTIM_CAUTIONS]).value
    if verify:
        dose_orders.verify_order(store, people["ph.suzuki"], prescribed.id, passwords["ph.suzuki"],
                                 prescribed.version, shown_hash=dose_orders.order_hash(store, prescribed.id) or "")


def is_demo_only(store: Store) -> bool:
    """True if every patient and user in the open database is one the demo created."""
    return classify(store.path) == "demo"


def summary(store: Store) -> dict[str, Any]:
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
                    "missing": list(latest.result.get("missing", [])) if latest else [],
                    **_treatment_summary(store, item.id)})
    return {"db": str(store.path), "accounts": accounts, "patients": out}


def _treatment_summary(store: Store, patient_id: int) -> dict[str, Any]:
    """What the patient's treatment and safety records hold, for the printed summary."""
    infusions = stored_infusions.infusions(store, patient_id)
    sets = stored_infusions.patient_vital_sets(store, patient_id)
    stop = records.treatment_stop(store, patient_id)
    cycles = records.cycles(store, patient_id)
    return {
        "cycles": len(cycles), "cycles_cancelled": sum(c.status == "cancelled" for c in cycles),
        "dose_orders": [o.status for o in records.dose_orders(store, patient_id)],
        "infusion": infusions[-1].status if infusions else None,
        "vital_sets": len(sets),
        "open_alerts": sum(len(s.open_alerts) for s in sets),
        "adverse_events": stored_events.count_events(store, patient_id),
        "ae_proposals_open": len(stored_events.proposals(store, patient_id, "open")),
        "stop": stop["kind"] if stop is not None else None,
    }


def classify(path: Path) -> str:
    """What is at `path`, read without changing it: 'missing' (no file, or an empty one), 'empty'
    (an NKDesk database with no users or patients), 'demo' (only demo records) or 'other'."""
    found = peek(path, META_KEY)
    if found.kind != "nkdesk":
        return found.kind
    if not found.usernames and not found.study_ids:
        return "empty"
    recorded = json.loads(found.meta) if found.meta else None
    if recorded and found.study_ids <= set(recorded["study_ids"]) and found.usernames <= set(recorded["usernames"]):
        return "demo"
    return "other"
