"""Roles are enforced by storage: every action tried by every role, allowed exactly where the
table in docs/storage.md (from issue 4's "People") says, and refused with nothing written elsewhere."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from nkdesk.domain import Actor, Role
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.services import (
    adverse_events,
    auth,
    dosing,
    drafts,
    eligibility,
    infusions,
    measurements,
    patients,
    preferences,
    settings,
    stops,
    trail,
    treatment,
    users,
    vitals,
)
from nkdesk.storage.errors import AuthError, ForgedActor, PermissionDenied, RuleViolation, StaleVersion
from tests import bedside

INV, PHA, NUR, ADM = "investigator", "pharmacist", "research_nurse", "administrator"

# Written from the issue, not from nkdesk.storage.roles: investigators sign eligibility, prescribe and
# decide stops; pharmacists verify dose orders; research nurses record; administrators manage users
# and settings and sign no clinical record. Registering patients and entering data: investigator, nurse.
EXPECTED = {
    "patient.create": {INV, NUR},
    "patient.edit": {INV, NUR},
    "labs.record": {INV, NUR},
    "body.record": {INV, NUR},
    "assessment.save": {INV, NUR},
    "assessment.sign": {INV},
    "assessment.amend": {INV},
    "dose.prescribe": {INV},
    "dose.verify": {INV, PHA},
    "dose.cancel": {INV, PHA},
    "treatment.plan": {INV, NUR},
    "treatment.record": {INV, NUR},
    "treatment.discontinue": {INV},
    "treatment.lift_suspension": {INV},
    "stop.propose": {INV, NUR},
    # Issue 4: research nurses record vital signs, infusions and AEs; investigators judge AE seriousness
    # and relatedness. Acknowledging an alert is for the ward's clinical staff; the prompt report is
    # the investigator's (protocol: "the investigator will promptly report").
    "infusion.record": {INV, NUR},
    "vitals.record": {INV, NUR},
    "vitals.acknowledge": {INV, NUR},
    "ae.record": {INV, NUR},
    "ae.judge": {INV},
    "ae.report": {INV},
    "draft.discard": {INV, PHA, NUR},   # issue 14: the people who type clinical data; not the administrator
    "session.preferences": {INV, PHA, NUR, ADM},
    "settings.change": {ADM},
    "users.manage": {ADM},
    "audit.accept_anchor": {ADM},
    "session.sign_in": {INV, PHA, NUR, ADM},
    "session.password": {INV, PHA, NUR, ADM},
}
ACTOR = {INV: "inv", PHA: "pharm", NUR: "nurse", ADM: "admin"}


@pytest.fixture
def world(store, people, make_patient, contract_example, prescribe):
    """Records each action needs, made by users other than the one under test (inv2, nurse)."""
    patient = make_patient(study_id="R-001")
    draft = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    to_amend = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    signed = eligibility.sign_assessment(store, people.inv2, to_amend.id, people.password, to_amend.version).value
    prescribed = prescribe(patient.id, by=people.inv2, apheresis=date(2026, 12, 1))
    (cycle,) = treatment.plan_calendar(store, people.nurse, patient.id, cycles=1).value
    event = [e for e in patients.chart(store, patient.id).events if e.cycle_id == cycle.id and e.kind == "apheresis"][0]
    # the bedside records, on a second patient (a suspension there must not block the dose actions above)
    treated, treated_cycle = bedside.treated_patient(store, people, make_patient, contract_example,
                                                     study_id="R-002")
    infusion = bedside.started_infusion(store, people, treated_cycle)
    alerted = bedside.record(store, people.nurse, infusion.id, 30, reason="low", systolic_mmhg=86)
    onset = bedside.START + timedelta(hours=2)
    ae = adverse_events.record_adverse_event(store, people.nurse, treated.id,
                                             AdverseEventEntry(term="Nausea", grade=1, onset=onset)).value
    serious = adverse_events.record_adverse_event(
        store, people.inv2, treated.id, AdverseEventEntry(term="Nausea", grade=3, onset=onset, serious=True,
                                                          serious_criteria=("hospitalisation",))).value
    suspension = treatment.decide_stop(store, people.inv2, treated.id, "suspended", "adverse_event",
                                       date(2026, 12, 20), people.password).value
    drafts.keep(store, people.nurse, patient.id, "eligibility", {"age": "66"})
    return dict(patient=patient, draft=draft, signed=signed, prescribed=prescribed,
                event=event, example=contract_example, treated=treated, infusion=infusion, alerted=alerted, ae=ae,
                serious=serious, suspension=suspension)


def perform(action, store, who: Actor, w: dict, people):
    pw, p = people.password, w["patient"]
    amended = dict(w["example"], ctc_count=5)
    return {
        "patient.create": lambda: patients.create_patient(store, who, study_id="R-NEW", initials="NW"),
        "patient.edit": lambda: patients.edit_patient(store, who, p.id, p.version, initials="ZZ"),
        "labs.record": lambda: measurements.record_labs(store, who, p.id, date(2026, 11, 2), {"wbc": "5.6 10^9/L"}),
        "body.record": lambda: measurements.record_body(store, who, p.id, date(2026, 11, 2), weight="65 kg"),
        "assessment.save": lambda: eligibility.save_assessment(store, who, p.id, w["example"]),
        "assessment.sign": lambda: eligibility.sign_assessment(store, who, w["draft"].id, pw, w["draft"].version),
        "assessment.amend": lambda: eligibility.save_assessment(
            store, who, p.id, amended, assessment_id=w["signed"].id, expected_version=w["signed"].version,
            reason="CTC count corrected", password=pw),
        "dose.prescribe": lambda: dosing.prescribe(
            store, who, p.id, height="170 cm", weight="66 kg", password=pw,
            acknowledged=("splenomegaly", "thrombosis_history"),
            replaces=dosing.Replacement(w["prescribed"].id, w["prescribed"].version, "weight re-measured")),
        "dose.verify": lambda: dosing.verify_order(store, who, w["prescribed"].id, pw, w["prescribed"].version,
                                                   shown_hash=dosing.order_hash(store, w["prescribed"].id)),
        "dose.cancel": lambda: dosing.cancel_order(store, who, w["prescribed"].id, "wrong weight",
                                                   w["prescribed"].version),
        "treatment.plan": lambda: treatment.plan_calendar(store, who, p.id),     # cycles 2 and 3
        "treatment.record": lambda: treatment.record_event(store, who, w["event"].id, "done", w["event"].version,
                                                           actual_on=date(2026, 12, 1)),
        "treatment.discontinue": lambda: treatment.decide_stop(store, who, p.id, "suspended", "adverse_event",
                                                               date(2026, 12, 2), pw),
        "treatment.lift_suspension": lambda: treatment.lift_suspension(store, who, w["suspension"].id,
                                                                       date(2026, 12, 27), "nausea resolved", pw),
        "stop.propose": lambda: stops.propose_stop(store, who, w["treated"].id, "consent_withdrawn"),
        "infusion.record": lambda: infusions.record_cell_product(
            store, who, w["infusion"].id, replace(bedside.PRODUCT, viability_pct=90.0), w["infusion"].version,
            reason="certificate re-read"),
        "vitals.record": lambda: vitals.record_vital_signs(store, who, w["infusion"].id, bedside.signs(15)),
        "vitals.acknowledge": lambda: vitals.acknowledge_alerts(store, who, w["alerted"].id, informed="doctor",
                                                                  action="rechecked"),
        "ae.record": lambda: adverse_events.edit_adverse_event(
            store, who, w["ae"].id, AdverseEventEntry(term="Nausea", grade=2, onset=w["ae"].onset), w["ae"].version),
        "ae.judge": lambda: adverse_events.edit_adverse_event(
            store, who, w["ae"].id, replace(adverse_events.as_entry(w["ae"]), relatedness="unlikely"),
            w["ae"].version),
        "ae.report": lambda: adverse_events.record_prompt_report(store, who, w["serious"].id, datetime(2026, 12, 19),
                                                                 w["serious"].version),
        "draft.discard": lambda: drafts.discard(store, who, p.id, "eligibility", "typed on the wrong patient"),
        "settings.change": lambda: settings.change_settings(store, who, {"paper_size": "Letter"}),
        "users.manage": lambda: users.create_user(store, who, "newbie", "New Bie", Role.RESEARCH_NURSE, pw),
        "audit.accept_anchor": lambda: trail.accept_anchor(store, who, "anchor file restored by IT"),
        "session.sign_in": lambda: auth.sign_in(store, who.username, pw),
        "session.password": lambda: auth.change_password(store, who, pw, "a-new-password"),
        "session.preferences": lambda: preferences.set_language(store, who, "ja"),
    }[action]()


def test_expected_table_covers_every_action():
    """The test table names every action storage knows (no action escapes this test)."""
    from nkdesk.storage import roles

    assert set(EXPECTED) == set(roles.PERMISSIONS)


@pytest.mark.parametrize("role", [INV, PHA, NUR, ADM])
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_every_action_by_every_role(store, people, world, action, role):
    """Allowed roles succeed; any other role gets PermissionDenied and the trail does not grow."""
    who = getattr(people, ACTOR[role])
    rows_before = store.scalar("SELECT count(*) FROM audit_log")
    if role in EXPECTED[action]:
        saved = perform(action, store, who, world, people)
        assert saved.changes.tables
    else:
        with pytest.raises(PermissionDenied):
            perform(action, store, who, world, people)
        assert store.scalar("SELECT count(*) FROM audit_log") == rows_before


def test_role_comes_from_the_database_not_the_caller(store, people, world):
    """An investigator signed in, whose account an administrator then makes a research nurse,
    cannot sign any more although the actor in hand still says investigator: storage reads the role."""
    account = next(u for u in users.accounts(store) if u.id == people.inv.id)
    users.set_role(store, people.admin, people.inv.id, Role.RESEARCH_NURSE, account.version)
    assert people.inv.role is Role.INVESTIGATOR
    with pytest.raises(PermissionDenied, match="research nurse"):
        eligibility.sign_assessment(store, people.inv, world["draft"].id, people.password, world["draft"].version)


def test_disabled_account_can_do_nothing(store, people, world):
    """After an administrator disables an account, its next save is refused."""
    account = next(u for u in users.accounts(store) if u.id == people.nurse.id)
    users.set_active(store, people.admin, people.nurse.id, False, account.version)
    with pytest.raises(PermissionDenied, match="not an active user"):
        measurements.record_labs(store, people.nurse, world["patient"].id, date(2026, 11, 3), {"wbc": "5 10^9/L"})


def test_administrator_cannot_sign_even_inside_an_allowed_save(store, people, world):
    """Storage refuses a signature by an administrator whatever the action."""
    with pytest.raises(PermissionDenied, match="may not sign"), store.write(people.admin, "settings.change") as tx:
        tx.sign("eligibility_assessments", world["draft"].id, "eligibility confirmed", people.password)


def test_operating_system_user_only_bootstraps_an_empty_database(store, people):
    """The command line's OS user may create the first administrator, and nothing clinical."""
    with pytest.raises(PermissionDenied, match="has users already"):
        users.bootstrap_administrator(store, "someone", "admin2", "Second Admin", people.password)
    with pytest.raises(PermissionDenied):
        patients.create_patient(store, auth.os_actor(store, "someone"), study_id="OS-1", initials="OS")


def _dump(store) -> list[str]:
    return list(store.conn.iterdump())


@pytest.mark.parametrize("action", sorted(set(EXPECTED) - {"session.sign_in"}))
def test_every_action_refuses_a_constructed_actor(store, people, world, action):
    """Every service refuses an actor the caller made: a field-for-field copy of a real signed-in
    actor of an allowed role (token and all) is not the actor the database issued; nothing is
    written. (Signing in is how an actor is made, so it takes none.)"""
    allowed = sorted(EXPECTED[action])[0]
    real = getattr(people, ACTOR[allowed])
    copy = replace(real)
    assert copy is not real and (copy.user_id, copy.role, copy.store_token) == (real.user_id, real.role,
                                                                              real.store_token)
    before = _dump(store)
    with pytest.raises(ForgedActor):
        perform(action, store, copy, world, people)
    assert _dump(store) == before


def test_a_user_record_or_an_actor_claiming_another_role_or_id_is_refused(store, people, world):
    """A `User` account record, an actor built by hand with the store's token, and a real actor
    altered to claim the investigator's role or user id: each refused before anything is read."""
    from nkdesk.domain import User

    draft = world["draft"]
    nurse_account = next(u for u in users.accounts(store) if u.id == people.nurse.id)
    forged = [
        nurse_account,
        User(people.inv.id, "inv", "Ivo Investigator", Role.INVESTIGATOR),
        Actor(people.inv.id, "inv", "Ivo Investigator", Role.INVESTIGATOR, people.nurse.store_token),
        replace(people.nurse, role=Role.INVESTIGATOR),
        replace(people.nurse, user_id=people.inv.id, username="inv"),
    ]
    before = _dump(store)
    for pretender in forged:
        with pytest.raises(ForgedActor, match="not signed in"):
            eligibility.sign_assessment(store, pretender, draft.id, people.password, draft.version)
    assert _dump(store) == before


def test_an_actor_is_good_only_for_the_database_that_issued_it_until_signed_out(store, people, make_patient):
    """Another open of the same file (another window) does not accept this window's actor; after
    signing out the actor is refused here too; signing in again gives a new one."""
    from nkdesk.storage.database import open_database

    other = open_database(store.path)
    try:
        with pytest.raises(ForgedActor):
            patients.create_patient(other, people.nurse, study_id="X-1", initials="XX")
    finally:
        other.close()
    make_patient()
    auth.sign_out(store, people.nurse)
    with pytest.raises(ForgedActor):
        patients.create_patient(store, people.nurse, study_id="X-2", initials="XX")
    again = auth.sign_in(store, "nurse", people.password).value
    assert again is not people.nurse and again.id == people.nurse.id
    assert patients.create_patient(store, again, study_id="X-3", initials="XX").value.study_id == "X-3"


def test_the_second_person_at_the_workstation_signs_in_as_themselves(store, people):
    """A verifier signing in beside the signed-in investigator gets an actor of their own, with their
    own role and an empty session slot (for what signing in unlocks: issue 15's signing key)."""
    verifier = auth.sign_in(store, "pharm", people.password).value
    assert (verifier.id, verifier.username, verifier.full_name, verifier.role) == \
        (people.pharm.id, "pharm", "Pia Pharmacist", Role.PHARMACIST)
    assert verifier is not people.pharm and verifier.session is not people.pharm.session
    assert verifier.session.fingerprint == people.pharm.session.fingerprint   # their own key, unlocked again
    with pytest.raises(AuthError):
        auth.sign_in(store, "pharm", "not-the-password")


# For each action that takes the version the user saw: (who acts, who changed the record first, that
# change). The change moves the stored record on; the action with the version seen before must be
# refused, naming who changed it, and write nothing.
def _competing(w: dict, people, store) -> dict:
    pw = people.password
    return {
        "patient.edit": ("nurse", "inv2", lambda: patients.edit_patient(
            store, people.inv2, w["patient"].id, w["patient"].version, hospital_id="H-9")),
        "assessment.save": ("nurse", "inv2", lambda: eligibility.save_assessment(
            store, people.inv2, w["patient"].id, dict(w["example"], ctc_count=6), assessment_id=w["draft"].id,
            expected_version=w["draft"].version)),
        "assessment.sign": ("inv", "nurse", lambda: eligibility.save_assessment(
            store, people.nurse, w["patient"].id, dict(w["example"], ctc_count=6), assessment_id=w["draft"].id,
            expected_version=w["draft"].version)),
        "assessment.amend": ("inv", "inv2", lambda: eligibility.save_assessment(
            store, people.inv2, w["patient"].id, dict(w["example"], ctc_count=6), assessment_id=w["signed"].id,
            expected_version=w["signed"].version, reason="re-read", password=pw)),
        "dose.prescribe": ("inv", "pharm", lambda: dosing.cancel_order(
            store, people.pharm, w["prescribed"].id, "wrong patient", w["prescribed"].version)),
        "dose.verify": ("inv", "pharm", lambda: dosing.verify_order(
            store, people.pharm, w["prescribed"].id, pw, w["prescribed"].version,
            shown_hash=dosing.order_hash(store, w["prescribed"].id))),
        "dose.cancel": ("inv", "pharm", lambda: dosing.verify_order(
            store, people.pharm, w["prescribed"].id, pw, w["prescribed"].version,
            shown_hash=dosing.order_hash(store, w["prescribed"].id))),
        "treatment.record": ("nurse", "inv2", lambda: treatment.move_event(
            store, people.inv2, w["event"].id, date(2026, 12, 2), w["event"].version, "unit booked")),
        "infusion.record": ("nurse", "inv2", lambda: infusions.record_cell_product(
            store, people.inv2, w["infusion"].id, replace(bedside.PRODUCT, viability_pct=89.0), w["infusion"].version,
            reason="certificate corrected")),
        "ae.record": ("nurse", "inv2", lambda: adverse_events.edit_adverse_event(
            store, people.inv2, w["ae"].id, replace(adverse_events.as_entry(w["ae"]), comment="seen"),
            w["ae"].version)),
        "ae.report": ("inv", "inv2", lambda: adverse_events.edit_adverse_event(
            store, people.inv2, w["serious"].id, replace(adverse_events.as_entry(w["serious"]), comment="seen"),
            w["serious"].version)),
    }


@pytest.mark.parametrize("action", ["patient.edit", "assessment.save", "assessment.sign", "assessment.amend",
                                    "dose.prescribe", "dose.verify", "dose.cancel", "treatment.record",
                                    "infusion.record", "ae.record", "ae.report"])
def test_every_versioned_action_refuses_a_stale_version_naming_who_changed_it(store, people, world, action):
    """Two people on one record: the second save, made from what was seen before the first, is
    refused naming who changed the record; nothing of it is written."""
    who, competitor, change = _competing(world, people, store)[action]
    change()
    before = _dump(store)
    stale = {
        "assessment.save": lambda: eligibility.save_assessment(
            store, people.nurse, world["patient"].id, world["example"], assessment_id=world["draft"].id,
            expected_version=world["draft"].version),
    }.get(action, lambda: perform(action, store, getattr(people, who), world, people))
    with pytest.raises((StaleVersion, RuleViolation)) as caught:
        stale()
    assert f"by {competitor} at " in str(caught.value)
    assert _dump(store) == before
