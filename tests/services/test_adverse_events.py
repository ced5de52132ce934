"""The AE log: history kept on edit, the investigator's judgement, the prompt report, stop proposals."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from nkdesk.rules.adverse_events import AdverseEventEntry, prompt_report_required
from nkdesk.rules.errors import InputError
from nkdesk.services import adverse_events, stops, trail
from nkdesk.storage import adverse_events as stored
from nkdesk.storage.errors import PermissionDenied, RuleViolation
from tests.bedside import START, started_infusion, treated_patient

ONSET = START + timedelta(days=2, hours=3)


@pytest.fixture
def patient(store, people, make_patient, contract_example):
    patient, cycle = treated_patient(store, people, make_patient, contract_example)
    started_infusion(store, people, cycle)
    return patient


def entry(**changes) -> AdverseEventEntry:
    return replace(AdverseEventEntry(term="Nausea", grade=1, onset=ONSET), **changes)


def test_an_ae_edited_after_entry_keeps_its_history_in_the_audit_trail(store, people, patient):
    """Grade 1 → 2 and a resolution added: the AE shows the new values; the trail holds the entry and
    each change with old value, new value, who and why."""
    logged = adverse_events.record_adverse_event(store, people.nurse, patient.id, entry()).value
    resolved = ONSET + timedelta(hours=30)
    edited = adverse_events.edit_adverse_event(store, people.inv, logged.id,
                                               entry(grade=2, resolution=resolved, outcome="recovered"),
                                               logged.version, reason="grade reviewed on the ward round").value
    assert (edited.grade, edited.worst_grade, edited.duration, edited.version) == (2, 2, timedelta(hours=30), 2)
    history = trail.history(store, "adverse_events", logged.id)
    assert (history[0].op, history[0].username, history[0].new["grade"], history[0].new["term"]) == \
        ("insert", "nurse", 1, "Nausea")
    changes = {e.field: (e.old, e.new, e.username, e.reason) for e in history[1:]}
    why = "grade reviewed on the ward round"
    assert changes["grade"] == (1, 2, "inv", why)
    assert changes["worst_grade"] == (1, 2, "inv", why)
    assert changes["resolution"] == (None, resolved.isoformat(), "inv", why)
    assert changes["outcome"] == (None, "recovered", "inv", why)


def test_cycle_and_days_since_infusion_are_filled_in(store, people, patient):
    """Onset two days after the infusion day (day 0, docs/bedside-ui.md): cycle 1, day 2."""
    logged = adverse_events.record_adverse_event(store, people.nurse, patient.id, entry()).value
    assert (logged.cycle, logged.days_since_infusion) == (1, 2)


@pytest.mark.parametrize("judged", [
    {"relatedness": "possible"},
    {"serious": True, "serious_criteria": ("hospitalisation",)},
])
def test_only_an_investigator_judges_seriousness_and_relatedness(store, people, patient, judged):
    """A nurse records the AE but cannot set seriousness or relatedness; the investigator can, and is recorded."""
    with pytest.raises(PermissionDenied):
        adverse_events.record_adverse_event(store, people.nurse, patient.id, entry(**judged))
    logged = adverse_events.record_adverse_event(store, people.nurse, patient.id, entry()).value
    with pytest.raises(PermissionDenied):
        adverse_events.edit_adverse_event(store, people.nurse, logged.id, entry(**judged), logged.version)
    judged_ae = adverse_events.edit_adverse_event(store, people.inv, logged.id, entry(**judged), logged.version).value
    assert judged_ae.judged_by == people.inv.id and judged_ae.judged_at is not None
    kept = adverse_events.edit_adverse_event(store, people.nurse, logged.id, entry(grade=2, **judged),
                                             judged_ae.version).value       # unchanged judgement: fine
    assert kept.grade == 2 and kept.judged_by == people.inv.id


def test_storage_itself_refuses_a_judgement_by_another_role(store, people, patient):
    """Bypassing the service: a nurse's save that changes relatedness is refused by storage."""
    logged = adverse_events.record_adverse_event(store, people.nurse, patient.id, entry()).value
    with pytest.raises(PermissionDenied, match="only an investigator"), store.write(people.nurse, "ae.record") as tx:
        stored.update_event(tx, logged.id, {"relatedness": "definite"}, expected_version=logged.version)
    assert stored.event(store, logged.id, prompt_report_required).relatedness is None


def test_serious_hospitalisation_makes_the_prompt_report_due_until_recorded(store, people, patient):
    """Serious with (prolonged) hospitalisation, relation not excluded → the prompt report is due (Art.
    35); an investigator records when it was made; then it is no longer due."""
    serious = entry(term="Febrile neutropenia", ctcae_term=False, grade=3, serious=True,
                    serious_criteria=("hospitalisation",))
    logged = adverse_events.record_adverse_event(store, people.inv, patient.id, serious).value
    assert logged.report_due and [e.id for e in adverse_events.reports_due(store)] == [logged.id]
    made = ONSET + timedelta(hours=20)
    with pytest.raises(PermissionDenied):
        adverse_events.record_prompt_report(store, people.nurse, logged.id, made, logged.version)
    reported = adverse_events.record_prompt_report(store, people.inv, logged.id, made, logged.version,
                                                   note="faxed to the CRM; MHLW online").value
    assert (reported.reported_at, reported.reported_by, reported.report_due) == (made, people.inv.id, False)
    assert adverse_events.reports_due(store) == ()


# Issue 13: Act on the Safety of Regenerative Medicine, enforcement regulation Art. 35 — serious events
# suspected to be caused by the therapy (relation not excluded by the investigator) are reported to the
# certified committee within 7 days (death, or may lead to death) or 15 days (hospitalisation or its
# prolongation, disability or its risk, other serious cases, congenital anomaly); day 0 = the day the
# investigator learned of the event.
@pytest.mark.parametrize(("criteria", "relatedness", "days"), [
    (("death",), "possible", 7),
    (("life_threatening",), None, 7),                 # not yet judged: the clock runs (safe side)
    (("hospitalisation",), "unlikely", 15),           # "unlikely" does not exclude
    (("disability",), "probable", 15),
    (("congenital_anomaly",), "definite", 15),
    (("other_important",), "possible", 15),           # the protocol's narrower wording would miss this one
    (("hospitalisation", "life_threatening"), "possible", 7),   # the shorter clock wins
    (("other_important",), "unrelated", None),        # relation excluded: no prompt report under the law
])
def test_reporting_clock_follows_article_35(store, people, patient, criteria, relatedness, days):
    aware = ONSET.date() + timedelta(days=1)
    logged = adverse_events.record_adverse_event(store, people.inv, patient.id, entry(
        grade=3, serious=True, serious_criteria=criteria, relatedness=relatedness,
        investigator_aware_on=aware)).value
    status = adverse_events.prompt_report_status(logged, today=aware)
    if days is None:
        assert status is None and not logged.report_due
        return
    assert logged.report_due
    assert (status.days, status.day0, status.day0_recorded, status.due) == (days, aware, True,
                                                                            aware + timedelta(days=days))
    assert status.due_words == f"due in {days} days"
    assert adverse_events.prompt_report_status(logged, today=aware + timedelta(days=days)).due_words == "due today"
    assert adverse_events.prompt_report_status(logged, today=aware + timedelta(days=days + 2)).due_words == \
        "overdue by 2 days"
    assert "prolonged hospitalisation or death" in status.protocol_wording   # shown beside the law's
    assert "Article 35" in status.law


def test_day0_unrecorded_runs_from_the_onset(store, people, patient):
    logged = adverse_events.record_adverse_event(store, people.inv, patient.id, entry(
        grade=4, serious=True, serious_criteria=("death",), relatedness="possible")).value
    status = adverse_events.prompt_report_status(logged, today=ONSET.date())
    assert (status.day0, status.day0_recorded, status.due) == (ONSET.date(), False, ONSET.date() + timedelta(days=7))


def test_any_serious_ae_may_have_reports_recorded(store, people, patient):
    """Date sent and to whom, for any serious AE (also one the law's clock does not run for); the
    committee's report clears the due prompt report; the MHLW is a protocol parameter (true, to be
    confirmed), so it stays outstanding until recorded too. A non-serious AE takes no report."""
    unrelated = adverse_events.record_adverse_event(store, people.inv, patient.id, entry(
        grade=2, serious=True, serious_criteria=("other_important",), relatedness="unrelated")).value
    noted = adverse_events.record_ae_report(store, people.inv, unrelated.id, ONSET.date(), "committee",
                                            note="for information").value
    assert [(r.recipient, r.sent_on) for r in noted.reports] == [("committee", ONSET.date())]
    due = adverse_events.record_adverse_event(store, people.inv, patient.id, entry(
        grade=3, serious=True, serious_criteria=("hospitalisation",), relatedness="possible")).value
    with pytest.raises(PermissionDenied):
        adverse_events.record_ae_report(store, people.nurse, due.id, ONSET.date(), "committee")
    sent = ONSET.date() + timedelta(days=3)
    after = adverse_events.record_ae_report(store, people.inv, due.id, sent, "committee").value
    assert not after.report_due and after.reported_at.date() == sent
    status = adverse_events.prompt_report_status(after, today=sent)
    assert status.outstanding == ("the Ministry of Health, Labour and Welfare (MHLW)",)
    after = adverse_events.record_ae_report(store, people.inv, due.id, sent, "mhlw").value
    assert adverse_events.prompt_report_status(after, today=sent).done
    mild = adverse_events.record_adverse_event(store, people.inv, patient.id, entry()).value
    with pytest.raises(RuleViolation):
        adverse_events.record_ae_report(store, people.inv, mild.id, ONSET.date(), "committee")
    with pytest.raises(InputError):
        adverse_events.record_ae_report(store, people.inv, due.id, ONSET.date() - timedelta(days=3), "committee")


def test_day0_cannot_precede_the_onset(store, people, patient):
    with pytest.raises(InputError) as caught:
        adverse_events.record_adverse_event(store, people.inv, patient.id, entry(
            investigator_aware_on=ONSET.date() - timedelta(days=1)))
    assert caught.value.field == "investigator_aware_on"


def test_a_severe_ae_proposes_the_stop_rule_once(store, people, patient):
    """Grade 3 raises a stop proposal (an AE that may make continuation difficult); an unchanged edit
    does not raise another; becoming serious updates the open one."""
    logged = adverse_events.record_adverse_event(store, people.nurse, patient.id, entry(grade=3)).value
    (proposal,) = stops.stop_proposals(store, patient.id)
    assert (proposal.reason_code, proposal.source_table, proposal.source_id) == \
        ("adverse_event", "adverse_events", logged.id)
    again = adverse_events.edit_adverse_event(store, people.nurse, logged.id, entry(grade=3, comment="vomiting"),
                                              logged.version).value
    adverse_events.edit_adverse_event(store, people.inv, logged.id, entry(grade=3, serious=True,
                                                                          serious_criteria=("hospitalisation",)),
                                      again.version)
    (proposal,) = stops.stop_proposals(store, patient.id)
    assert "serious" in proposal.details


def test_a_mild_ae_proposes_nothing(store, people, patient):
    """Grade 1, not serious, no action on treatment: no stop proposal."""
    adverse_events.record_adverse_event(store, people.nurse, patient.id, entry())
    assert stops.stop_proposals(store, patient.id) == ()


def test_lowering_the_worst_grade_is_a_correction_with_a_reason(store, people, patient):
    """The highest grade over the course does not fall silently: lowering it needs a reason."""
    logged = adverse_events.record_adverse_event(store, people.nurse, patient.id, entry(grade=2)).value
    with pytest.raises(InputError) as caught:
        adverse_events.edit_adverse_event(store, people.nurse, logged.id, entry(grade=1), logged.version)
    assert caught.value.field == "worst_grade"
    improving = adverse_events.edit_adverse_event(store, people.nurse, logged.id, entry(grade=1, worst_grade=2),
                                                  logged.version).value
    assert (improving.grade, improving.worst_grade) == (1, 2)


@pytest.mark.parametrize("bad, field", [
    (entry(term="Dizzyness"), "term"),                                   # not a CTCAE v5.0 term
    (entry(grade=6), "grade"),
    (entry(resolution=ONSET - timedelta(hours=1)), "resolution"),
    (entry(serious=True), "serious_criteria"),
])
def test_entries_are_checked_by_the_rules(store, people, patient, bad, field):
    """An entry the rules refuse is refused before anything is written, naming the field."""
    with pytest.raises(InputError) as caught:
        adverse_events.record_adverse_event(store, people.nurse, patient.id, bad)
    assert caught.value.field == field


def test_terms_stored_under_their_ctcae_name_and_free_terms_as_typed(store, people, patient):
    """'nausea' is stored as CTCAE v5.0 'Nausea'; a free term is kept as typed and marked free."""
    ctcae = adverse_events.record_adverse_event(store, people.nurse, patient.id, entry(term="nausea")).value
    free = adverse_events.record_adverse_event(store, people.nurse, patient.id,
                                               entry(term="Chills at the IV site", ctcae_term=False)).value
    assert (ctcae.term, ctcae.ctcae_term, ctcae.ctcae_version) == ("Nausea", True, "5.0")
    assert (free.term, free.ctcae_term) == ("Chills at the IV site", False)
    back = adverse_events.as_entry(free)
    assert (back.term, back.grade, back.onset, back.extra["adverse_event_id"]) == \
        ("Chills at the IV site", 1, ONSET, free.id)


def test_an_onset_before_any_infusion_has_no_days_since(store, people, make_patient, contract_example):
    """Without an infusion given before the onset, cycle and days since infusion stay empty."""
    patient, _cycle = treated_patient(store, people, make_patient, contract_example)
    logged = adverse_events.record_adverse_event(store, people.nurse, patient.id,
                                                 entry(onset=datetime(2026, 12, 2, 9, 0))).value
    assert (logged.cycle, logged.days_since_infusion) == (None, None)


def test_an_ae_is_incomplete_until_grade_onset_relationship_seriousness_and_outcome_are_set(store, people, patient):
    """Issue 14: "an AE is 'incomplete' until grade, onset, relationship, seriousness and outcome (or
    'ongoing') are set". A nurse's entry lacks the investigator's judgement and the outcome; the
    investigator's judgement ("not serious", possibly related) and the outcome "not recovered"
    (ongoing) complete it."""
    logged = adverse_events.record_adverse_event(store, people.nurse, patient.id, entry(grade=1)).value
    assert adverse_events.missing(logged) == ("relationship", "seriousness", "outcome (or ongoing)")
    judged = adverse_events.edit_adverse_event(
        store, people.inv, logged.id, replace(adverse_events.as_entry(logged), relatedness="possible"),
        logged.version).value
    assert adverse_events.missing(judged) == ("outcome (or ongoing)",)
    assert [r.id for r, _gaps in adverse_events.incomplete([judged])] == [logged.id]
    ongoing = adverse_events.edit_adverse_event(
        store, people.nurse, logged.id, replace(adverse_events.as_entry(judged), outcome="not_recovered"),
        judged.version).value
    assert adverse_events.missing(ongoing) == ()
    assert adverse_events.incomplete([ongoing]) == ()
