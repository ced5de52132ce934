"""The export's bulk reads: many charts in one query per table, equal to reading each chart alone;
audit stamps for many records in one query."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from nkdesk.rules.adverse_events import AdverseEventEntry, prompt_report_required
from nkdesk.services import adverse_events, treatment
from nkdesk.storage import export_reads, patients
from nkdesk.storage.export_reads import open_read_only
from tests.bedside import APHERESIS, START, record, started_infusion, treated_patient
from tests.export_fixtures import demo_db  # noqa: F401 (pytest finds fixtures by name)


def _ids(store) -> list[int]:
    return [pid for pid, _sid in export_reads.patients_by_study_id(store)]


def test_bulk_charts_equal_one_chart_at_a_time_on_the_demo_database(demo_db):  # noqa: F811 (the fixture)
    with open_read_only(demo_db) as store:
        ids = _ids(store)
        one_by_one = [patients.chart(store, pid, report_rule=prompt_report_required) for pid in ids]
        together = export_reads.charts(store, ids, report_rule=prompt_report_required)
    assert together == one_by_one
    # the demo has what makes a chart hard to assemble: several states, signatures (a valid and a
    # superseded one), a discontinuation, an infusion with vital signs and alerts, an AE, proposals
    assert len({c.state for c in together}) >= 4
    assert sum(len(c.signatures) for c in together) >= 5
    assert any(c.discontinuations for c in together) and any(c.adverse_events for c in together)
    assert any(s.alerts for c in together for s in c.vital_sets)
    assert any(c.ae_proposals for c in together) and any(c.stop_proposals for c in together)


def test_bulk_charts_with_a_lifted_suspension_and_reported_aes(store, people, make_patient, contract_example):
    """What the demo lacks: a suspension lifted (a signed lift), an AE with its reports; and patients
    asked for in any order, an unknown id left out."""
    first, cycle = treated_patient(store, people, make_patient, contract_example)
    infusion = started_infusion(store, people, cycle)
    record(store, people.nurse, infusion.id, 0)
    onset = START + timedelta(days=2, hours=3)
    serious = AdverseEventEntry(term="Nausea", grade=3, onset=onset, serious=True,
                                serious_criteria=("hospitalisation",), relatedness="possible")
    event = adverse_events.record_adverse_event(store, people.inv, first.id, serious).value
    adverse_events.record_ae_report(store, people.inv, event.id, onset.date(), "committee", note="faxed")
    adverse_events.record_adverse_event(store, people.nurse, first.id, replace(serious, grade=1, serious=False,
                                                                                serious_criteria=(),
                                                                                relatedness=None))
    second, _cycle = treated_patient(store, people, make_patient, contract_example)
    decided = APHERESIS + timedelta(days=5)
    stop = treatment.decide_stop(store, people.inv, second.id, "suspended", "adverse_event", decided,
                                 people.password, details="grade 3 nausea").value
    treatment.lift_suspension(store, people.inv, stop.id, decided + timedelta(days=7), "resolved", people.password)
    third = make_patient()
    wanted = [third.id, second.id, 10_000, first.id]
    together = export_reads.charts(store, wanted, report_rule=prompt_report_required)
    assert together == [patients.chart(store, pid, report_rule=prompt_report_required)
                        for pid in (third.id, second.id, first.id)]
    assert together[1].suspension_lifts and any(c.signature.table == "suspension_lifts" for c in together[1].signatures)
    assert [len(e.reports) for e in together[2].adverse_events] in ([1, 0], [0, 1])


def test_audit_stamps_name_the_row_that_last_wrote_each_field(demo_db):  # noqa: F811 (the fixture)
    with open_read_only(demo_db) as store:
        charts = export_reads.charts(store, _ids(store), report_rule=prompt_report_required)
        ids = [r.id for c in charts for s in c.lab_sets for r in s.results]
        stamps = export_reads.audit_stamps(store, "lab_results", ids)
        one = {i: export_reads.audit_stamps(store, "lab_results", [i]) for i in ids}
    assert len(ids) > 20
    assert stamps == {key: stamp for found in one.values() for key, stamp in found.items()}
    assert {key[0] for key in stamps} == set(ids)
    assert all(s.op == "insert" and s.username for s in stamps.values())
