"""Journeys in real time (issue 14): an investigator's eligibility typed, left, found again after a
patient switch and after the window is closed and reopened, then signed; a calendar slip that
re-plans what depends on the apheresis. Widgets are driven by their objectNames, the pauses are a
person's (`qtbot.wait`), no flush, save or private method is called; the database is read after.
"""
from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPushButton, QTableView

from nkdesk.services import patients as patient_service
from nkdesk.storage import records
from tests.ui.conftest import open_patient, sign_in

NURSE, INVESTIGATOR = ("rn.ito", "ito-ward-demo"), ("dr.tanaka", "tanaka-demo")

TYPED = {   # what the investigator types, by objectName (a man: no pregnancy question)
    "assessment_date": "2026-11-21", "labs_date": "2026-11-18",
    "lab_hemoglobin_value": "13.4", "lab_platelets_value": "50", "lab_wbc_value": "6.1",
    "lab_afp_value": "25", "lab_pivka2_value": "420", "ctc_count": "4", "performance_status": "0",
    # E4.ii decided by the date (10 months before: not within 6), E5 by the dates (14 days ≤ 42)
    "cv_event_date": "2026-01-10", "surgery_date": "2026-10-01", "discharge_date": "2026-10-15",
}
YES = ("multiple_tumours", "initial_hepatectomy_for_hcc", "apheresis_access", "r0_resection", "informed_consent")
NO = ("other_malignancy", "steroids_or_immunosuppressants", "previous_hepatectomy", "gcsf_allergy", "heart_disease",
      "lung_disease_requiring_treatment", "renal_disease_requiring_treatment", "neurological_disorder",
      "suspected_myeloproliferative_disorder", "interstitial_pneumonia_history", "deemed_inappropriate")



def _type(qtbot, parent, name: str, text: str) -> None:
    line = parent.findChild(QLineEdit, name)
    line.setFocus()
    qtbot.keyClicks(line, text)
    qtbot.wait(80)          # between fields, as a person moves on


def _choose(qtbot, parent, name: str, text: str) -> None:
    combo = parent.findChild(QComboBox, name)
    combo.setFocus()
    combo.setCurrentIndex(combo.findText(text))
    qtbot.wait(80)


def test_an_investigators_eligibility_survives_a_switch_and_a_restart_then_is_signed(qtbot, window, prompts,
                                                                                   demo_db):
    from nkdesk.services import drafts
    from nkdesk.ui.main_window import MainWindow

    sign_in(window, prompts, *INVESTIGATOR)
    prompts.will("patient", {"study_id": "NEW-020", "initials": "TK", "birth_date": "1957-03-07", "sex": "M",
                             "hospital_id": "H9020"})
    window.new_patient()
    store = window.session.store
    patient = patient_service.search(store, "NEW-020")[0]
    view = window.patient_view
    view.tabs.setCurrentWidget(view.eligibility)
    wizard = view.eligibility.wizard
    # the question that does not apply to a man is not asked (issue 16)
    wizard.findChild(QListWidget, "eligibility_steps").setCurrentRow(2)          # step 3, History
    qtbot.wait(100)
    assert not wizard.findChild(QComboBox, "pregnant_or_possibly_pregnant").isVisible()
    assert wizard.findChild(QComboBox, "heart_disease").isVisible()
    for name in ("labs_date", "cv_event_date", "surgery_date", "discharge_date"):
        assert wizard.findChild(QLineEdit, name).accessibleName()
    for name, text in TYPED.items():
        _type(qtbot, wizard, name, text)
    _choose(qtbot, wizard, "lab_wbc_unit", "×10⁹/L")
    for name in YES:
        _choose(qtbot, wizard, name, "Yes")
    for name in NO:
        _choose(qtbot, wizard, name, "No")
    qtbot.wait(1500)                                              # a person's pause: the draft is kept
    state = view.eligibility.findChild(QLabel, "eligibility_state")
    assert state.text().startswith("Unsaved — draft kept at")
    assert wizard.findChild(QLabel, "eligibility_verdict").text() == "ELIGIBLE"
    # 50 ×10⁴/µL = 500 ×10⁹/L, above the protocol's 450 ×10⁹/L (WHO ET threshold): confirm E4.v
    warning = wizard.findChild(QLabel, "eligibility_warnings")
    assert not warning.isHidden() and "E4.v" in warning.text()
    kept = drafts.find(store, patient.id, "eligibility")
    assert kept.payload["labs"]["platelets"] == "50 10^4/uL" and kept.payload["cv_event_date"] == "2026-01-10"
    assert "pregnant_or_possibly_pregnant" not in kept.payload
    assert records.assessments(store, patient.id) == ()            # a draft is not a record …
    assert store.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'drafts'") == 0   # … nor audited

    open_patient(qtbot, window, "DEMO-005")                              # another patient, then back
    open_patient(qtbot, window, "NEW-020")
    assert wizard.findChild(QLineEdit, "lab_platelets_value").text() == "50"
    assert wizard.findChild(QLineEdit, "surgery_date").text() == "2026-10-01"

    window.close()                                                # quit, then open the same file again
    window.shut_down()
    again = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(again)
    again.show()
    again.load_rest()
    try:
        sign_in(again, prompts, *INVESTIGATOR)
        open_patient(qtbot, again, "NEW-020")
        tab = again.patient_view.eligibility
        again.patient_view.tabs.setCurrentWidget(tab)
        assert tab.findChild(QLabel, "eligibility_state").text().startswith("Unsaved — draft kept at")
        assert not tab.findChild(QPushButton, "eligibility_discard_draft").isHidden()    # offered back
        assert tab.wizard.findChild(QLineEdit, "lab_platelets_value").text() == "50"
        assert tab.wizard.findChild(QComboBox, "heart_disease").currentText() == "No"

        prompts.will("signature", ("", "tanaka-demo", ""))
        tab.wizard.findChild(QPushButton, "eligibility_sign").click()
        assert prompts.problems == []
        _meaning, record = prompts.asked[-1][1]          # the dialog names the verdict being signed
        assert "Eligibility assessment of NEW-020: ELIGIBLE" in record
        store = again.session.store
        (signed,) = records.assessments(store, patient.id)
        assert (signed.status, signed.eligible) == ("signed", True)
        assert signed.inputs["raw"]["discharge_date"] == "2026-10-15"
        assert signed.inputs["values"]["labs.platelets"]["canonical_value"] == 500.0   # 50 ×10⁴/µL
        assert signed.result["warnings"] and signed.result["warnings"][0].startswith("E4.v")
        assert drafts.find(store, patient.id, "eligibility") is None
        assert tab.wizard.findChild(QLineEdit, "lab_platelets_value").isReadOnly()
        assert "Dr Kenji Tanaka" in tab.findChild(QLabel, "eligibility_state").text()
    finally:
        again.lock_timer.stop()
        again.shut_down()


def test_a_nurse_types_and_saves_and_may_not_reopen_a_signed_assessment(qtbot, window, prompts):
    """A nurse's typing is kept as a draft; "Save assessment" writes the record with its audit
    row and removes the draft; re-opening DEMO-002's signed assessment is refused to her."""
    from nkdesk.services import drafts

    sign_in(window, prompts, *NURSE)
    store = window.session.store
    open_patient(qtbot, window, "DEMO-001")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.eligibility)
    patient_id = view.chart.patient.id
    (before,) = records.assessments(store, patient_id)
    box = view.eligibility.wizard.findChild(QLineEdit, "ctc_count")
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "7")
    qtbot.wait(1500)
    assert drafts.find(store, patient_id, "eligibility").payload["ctc_count"] == 7
    assert records.assessments(store, patient_id) == (before,)
    view.eligibility.wizard.findChild(QPushButton, "eligibility_save").click()
    (after,) = records.assessments(store, patient_id)
    assert after.inputs["raw"]["ctc_count"] == 7 and after.version == before.version + 1
    assert drafts.find(store, patient_id, "eligibility") is None
    assert view.eligibility.findChild(QLabel, "eligibility_state").text().startswith("Saved at")

    open_patient(qtbot, window, "DEMO-002")
    signed = records.assessments(store, view.chart.patient.id)
    prompts.will("reason", "CTC re-read")
    view.eligibility.findChild(QPushButton, "eligibility_reopen").click()
    assert prompts.problems[-1].endswith("may not change a signed eligibility assessment: only an investigator may")
    assert records.assessments(store, view.chart.patient.id) == signed


def test_a_calendar_slip_replans_what_depends_on_the_apheresis(qtbot, window, prompts):
    """DEMO-002's cycle 1 apheresis (planned 14 days from today) slips a day. The culture steps and
    the infusion follow the new day 0, the later cycles are 3 calendar months after the previous
    apheresis (cli-contract.md `schedule --actual`), and the window says what moved — and that the
    signed filgrastim order still gives the old date."""
    sign_in(window, prompts, *NURSE)
    store = window.session.store
    open_patient(qtbot, window, "DEMO-002")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.calendar)
    patient_id = view.chart.patient.id
    cycles = records.cycles(store, patient_id)
    planned = cycles[0].planned_apheresis_on
    new_day0 = planned + dt.timedelta(days=1)
    table = view.calendar.findChild(QTableView, "calendar_events")
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 3).data() == "Apheresis"
               and model.index(r, 1).data() == "1")
    table.setFocus()
    table.selectRow(row)
    qtbot.wait(200)
    view.calendar.findChild(QPushButton, "calendar_move").click()
    editor = view.calendar.findChild(QLineEdit, "calendar_move_date")
    qtbot.waitUntil(editor.isVisible, timeout=2000)               # the move is typed inline (issue 14)
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, new_day0.isoformat())
    reason = view.calendar.findChild(QLineEdit, "calendar_move_reason")
    reason.setFocus()
    qtbot.keyClicks(reason, "apheresis unit booked")
    qtbot.wait(300)
    view.calendar.findChild(QPushButton, "calendar_move_apply").click()
    assert prompts.problems == []
    cycles = records.cycles(store, patient_id)
    expected = [new_day0, new_day0 + relativedelta(months=3), new_day0 + relativedelta(months=6)]
    assert [c.planned_apheresis_on for c in cycles] == expected
    first = [e for e in records.events(store, patient_id) if e.cycle_id == cycles[0].id and e.status == "planned"]
    assert all(e.planned_on == new_day0 + dt.timedelta(days=e.culture_day) for e in first)
    infusion = next(e for e in first if e.kind == "infusion")
    assert infusion.planned_on == new_day0 + dt.timedelta(days=17)
    moved = view.calendar.findChild(QLabel, "calendar_moved")
    assert not moved.isHidden()
    assert f"Moved: Apheresis (cycle 1) {planned.isoformat()} → {new_day0.isoformat()}." in moved.text()
    # the prescribed filgrastim order (signed) is not changed by a calendar move: the window says so
    (order,) = [o for o in records.dose_orders(store, patient_id) if o.status != "cancelled"]
    assert order.order.apheresis == planned
    assert f"order still gives the apheresis on {planned.isoformat()}" in moved.text()
    assert "re-prescribe" in moved.text()
    marked = [model.index(r, 5).data() for r in range(model.rowCount())]
    tips = [model.index(r, 5).data(Qt.ToolTipRole) for r in range(model.rowCount())]
    assert f"moved from {planned.isoformat()}" in tips and any(m.startswith("was ") for m in marked)
    assert sum(1 for m in marked if m) == len(records.events(store, patient_id))
    trail = store.rows("SELECT at_utc, table_name FROM audit_log WHERE reason = 'apheresis unit booked'")
    assert len({r["at_utc"] for r in trail}) == 1                                          # one save
    assert sum(r["table_name"] == "treatment_events" for r in trail) == len(records.events(store, patient_id))


def test_typing_interrupted_by_the_idle_lock_is_kept_without_asking(qtbot, window, prompts):
    """A key, then at once the idle lock (no pause): the lock keeps the draft without a question
    and the typing is on screen after unlocking; the tab says unsaved (Editor protocol)."""
    from nkdesk.services import drafts

    sign_in(window, prompts, *NURSE)
    store = window.session.store
    open_patient(qtbot, window, "DEMO-001")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.eligibility)
    patient_id = view.chart.patient.id
    box = view.eligibility.wizard.findChild(QLineEdit, "lab_afp_value")
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "31")
    assert view.eligibility.unsaved()
    assert drafts.find(store, patient_id, "eligibility") is None          # within the pause: not kept yet
    prompts.will("credentials", ("", "ito-ward-demo"))                        # the nurse comes back
    window.lock()                                                         # what the idle timer calls
    assert drafts.find(store, patient_id, "eligibility").payload["labs"]["afp"] == "31 ng/mL"
    assert [kind for kind, _ in prompts.asked if kind != "credentials"] == []   # nothing asked but the password
    qtbot.waitUntil(lambda: not window.locked, timeout=3000)
    assert box.text() == "31" and view.eligibility.unsaved()
    assert view.eligibility.findChild(QLabel, "eligibility_state").text().startswith("Unsaved — draft kept")


def test_a_draft_beside_a_signed_assessment_is_named_and_reopening_starts_from_it(qtbot, window, prompts):
    """Typing kept at one workstation while the assessment was signed at another: the signed form
    stays read-only, the state names the kept draft (never dropped silently), and the
    investigator's re-opening continues from what was typed."""
    from nkdesk.services import drafts

    sign_in(window, prompts, *INVESTIGATOR)
    store = window.session.store
    patient = patient_service.search(store, "DEMO-002")[0]
    (signed,) = records.assessments(store, patient.id)
    typed = dict(signed.inputs["raw"], ctc_count=9)
    drafts.keep(store, window.session.user, patient.id, "eligibility", typed)   # the other workstation
    open_patient(qtbot, window, "DEMO-002")
    tab = window.patient_view.eligibility
    window.patient_view.tabs.setCurrentWidget(tab)
    assert tab.wizard.findChild(QLineEdit, "ctc_count").isReadOnly()
    assert tab.wizard.findChild(QLineEdit, "ctc_count").text() == str(signed.inputs["raw"]["ctc_count"])
    assert "A draft typed at" in tab.findChild(QLabel, "eligibility_state").text()
    assert not tab.findChild(QPushButton, "eligibility_discard_draft").isHidden()
    prompts.will("reason", "CTC re-counted")
    tab.findChild(QPushButton, "eligibility_reopen").click()
    assert prompts.problems == []
    box = tab.wizard.findChild(QLineEdit, "ctc_count")
    assert box.text() == "9" and not box.isReadOnly()
    assert [a.status for a in records.assessments(store, patient.id)] == ["signed", "draft"]
