"""Screens refresh from what changed (issue 11): a vital-sign save re-reads only the parts of the
chart it touched (its sets, their alerts, the fever proposals it refreshes), and the banner redraws
only when its lines change. Shown here as a nurse would see it: after the save, the tabs that depend
on vital signs show the new set — the infusion's history, the banner's alert, the Adverse events
tab's fever proposal — and still do after another patient was opened and this one again (the
infusion page refilled, not rebuilt). Widgets are found by objectName; the database is read after.

CTCAE v5.0 "Fever": grade 2 is ">39.0–40.0 °C" (so 39.6 °C proposes grade 2); issue 5's critical
temperature is ≥ 38.0 °C (so the set raises an alert that the banner lists until acknowledged)."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView, QTabWidget

from nkdesk.services import ae_proposals
from nkdesk.services import patients as patient_service
from nkdesk.services import vitals as vitals_service
from tests.ui.conftest import open_patient, sign_in, ward_clock_at

NURSE = ("rn.ito", "ito-ward-demo")


def _show_tab(qtbot, window, name: str) -> None:
    """The tab whose text (without its accelerator) starts with `name`, as a click on it would."""
    tabs = window.findChild(QTabWidget, "patient_tabs")
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "").startswith(name)))
    qtbot.wait(200)


def _cell(window, row: int, field: str):
    name = f"vitals_r{row}_{field}"
    return window.findChild(QLineEdit, name) or window.findChild(QComboBox, name)


def _type(qtbot, window, row: int, field: str, text: str) -> None:
    line = _cell(window, row, field)
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, text)
    qtbot.wait(100)


def _fever_proposals_shown(window) -> list[str]:
    labels = [w for w in window.findChildren(QLabel) if w.objectName().startswith("ae_proposal_")
              and not w.objectName().startswith(("ae_proposal_accept", "ae_proposal_dismiss"))]
    return [w.text() for w in labels if "Fever" in w.text()]


def test_a_vital_sign_save_shows_on_every_tab_that_depends_on_it_and_after_switching_back(qtbot, window, prompts):
    sign_in(window, prompts, *NURSE)
    open_patient(qtbot, window, "DEMO-003")
    _show_tab(qtbot, window, "Infusion")
    view = window.patient_view
    store = window.session.store
    patient = patient_service.search(store, "DEMO-003")[0]
    infusion = view.infusion.infusion
    row = next(i for i, r in enumerate(view.infusion.page.grid.rows) if r.key == "tp120")
    history = window.findChild(QTableView, "vitals_history")
    sets_before = history.model().rowCount()
    open_before = [p for p in ae_proposals.proposals(store, patient.id) if p.term == "Fever" and p.status == "open"]
    assert not any(p.grade == 2 for p in open_before)        # the demo has no grade-2 fever proposal yet

    window.activateWindow()
    ward_clock_at(window, infusion.started_at + timedelta(minutes=125))
    _type(qtbot, window, row, "time", (infusion.started_at + timedelta(minutes=120)).strftime("%H:%M"))
    for field, text in (("systolic", "122"), ("diastolic", "71"), ("pulse", "88"), ("resp_rate", "17"),
                        ("temperature", "39.6"), ("spo2", "96")):
        _type(qtbot, window, row, field, text)
    acvpu = _cell(window, row, "acvpu")
    acvpu.setFocus()
    acvpu.setCurrentIndex(acvpu.findData("A"))
    _type(qtbot, window, row, "reason", "rigors")
    qtbot.keyClick(_cell(window, row, "reason"), Qt.Key_Tab)
    qtbot.waitUntil(lambda: any(s.key == "tp120" for s in vitals_service.vital_sets(store, infusion.id)),
                    timeout=3000)
    qtbot.wait(300)

    # the database: the set, its alert and the grade-2 fever proposal it made
    saved = next(s for s in vitals_service.vital_sets(store, infusion.id) if s.key == "tp120")
    assert (saved.systolic_mmhg, saved.pulse_per_min, saved.temperature.value) == (122, 88, 39.6)
    assert saved.open_alerts
    assert any(p.term == "Fever" and p.grade == 2 and p.status == "open"
               for p in ae_proposals.proposals(store, patient.id))

    def everything_shows_the_set() -> None:
        assert _cell(window, row, "systolic").text() == "122"
        assert _cell(window, row, "temperature").text() == "39.6"
        assert window.findChild(QTableView, "vitals_history").model().rowCount() == sets_before + 1
        alerts = window.findChild(QLabel, "banner_alerts")
        assert alerts is not None and "2 h" in alerts.text()
        assert not alerts.isVisible()        # on the Infusion tab the grid shows the alert, with its button
        _show_tab(qtbot, window, "Adverse events")
        assert window.findChild(QLabel, "banner_alerts").isVisible()     # on any other tab, the banner does
        shown = _fever_proposals_shown(window)
        assert any("2" in text and "39.6" in text for text in shown), shown
        _show_tab(qtbot, window, "Infusion")

    everything_shows_the_set()                              # after the save
    open_patient(qtbot, window, "DEMO-002")                 # another patient (no infusion running) …
    assert window.findChild(QLabel, "banner_alerts") is None or "2 h" not in (
        window.findChild(QLabel, "banner_alerts").text())
    qtbot.wait(400)                                         # … its other tabs filled in idle time
    open_patient(qtbot, window, "DEMO-003")                 # … and back
    qtbot.wait(400)
    everything_shows_the_set()
    assert prompts.problems == []


def test_the_chart_read_in_part_after_a_vital_sign_save_is_the_chart_read_whole(qtbot, window, prompts):
    """`chart_after` keeps what the save did not touch and reads the rest: equal to a whole read."""
    from nkdesk.rules.vitals import from_entry
    from nkdesk.services import auth

    store = window.session.store
    patient = patient_service.search(store, "DEMO-003")[0]
    before = patient_service.chart(store, patient.id)
    infusion = next(i for i in before.infusions if i.started_at is not None and i.ended_at is None)
    nurse = auth.sign_in(store, *NURSE).value
    signs = from_entry({"systolic_mmhg": 124, "diastolic_mmhg": 72, "pulse_per_min": 80, "resp_rate_per_min": 16,
                        "temperature": "38.4 degC", "spo2_pct": 97, "acvpu": "A"})
    at = infusion.started_at - timedelta(minutes=90)               # unscheduled: before the start
    saved = vitals_service.record_vital_signs(
        store, nurse, infusion.id, signs.__class__(**{**signs.__dict__, "measured_at": at}), extra=True,
        reason="fever")
    assert "vital_sign_sets" in saved.changes.tables
    after = patient_service.chart_after(store, before, saved.changes.tables)
    assert after == patient_service.chart(store, patient.id)
    assert len(after.vital_sets) == len(before.vital_sets) + 1
    # a change to a table outside the parts (the patient's own record) reads the whole chart
    whole = patient_service.chart_after(store, before, frozenset({"patients", "audit_log"}))
    assert whole == patient_service.chart(store, patient.id)
