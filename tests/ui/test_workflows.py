"""The ward's workflows driven end to end in the window (keys and clicks, offscreen), each checked in
the database afterwards: sign in, find and create a patient, an assessment in mixed units signed by
an investigator, a dose prescribed and verified by two people, lock and unlock."""
from __future__ import annotations

import datetime
import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton

from nkdesk.services import patients as patient_service
from nkdesk.storage import records
from nkdesk.storage.database import open_database
from tests.ui.conftest import sign_in, verify_in_dialog, ward_clock_at

NURSE, INVESTIGATOR, PHARMACIST = (("rn.ito", "ito-ward-demo"), ("dr.tanaka", "tanaka-demo"),
                                   ("ph.suzuki", "suzuki-demo"))


def database(window):
    return window.session.store


def test_sign_in_shows_the_patients_and_who_is_signed_in(window, prompts):
    """After signing in, the status bar names the user and the list shows every demo patient."""
    prompts.will("credentials", ("rn.ito", "wrong"))
    sign_in(window, prompts, *NURSE)
    assert prompts.problems and "wrong password" in prompts.problems[0]
    assert window.findChild(QLabel, "status_user").text() == "Signed in: Emi Ito (research nurse)"
    assert str(window.db_path) in window.findChild(QLabel, "status_database").text()
    assert window.patients.model.rowCount() == 5


def test_search_as_you_type(qtbot, window, prompts):
    """Typing in the search box narrows the list by study ID, initials or hospital ID."""
    sign_in(window, prompts, *NURSE)
    search = window.findChild(QLineEdit, "patient_search")
    qtbot.keyClicks(search, "hs")
    qtbot.waitUntil(lambda: window.patients.model.rowCount() == 1, timeout=2000)
    assert window.patients.model.rows[0].study_id == "DEMO-003"
    search.clear()
    qtbot.keyClicks(search, "H7305")
    qtbot.waitUntil(lambda: [r.study_id for r in window.patients.model.rows] == ["DEMO-005"], timeout=2000)


def test_create_a_patient_and_assess_and_sign(qtbot, window, prompts):
    """A nurse registers a patient and enters an assessment in mixed units (saved as typed); an
    investigator signs it with the meaning shown; the database holds the signed record."""
    sign_in(window, prompts, *NURSE)
    prompts.will("patient", {"study_id": "NEW-001", "initials": "ab", "birth_date": "1960-05-01", "sex": "F",
                             "hospital_id": "H9001"})
    window.new_patient()
    created = patient_service.search(database(window), "NEW-001")
    assert [p.initials for p in created] == ["AB"]
    view = window.patient_view
    assert view.chart.patient.study_id == "NEW-001"
    view.tabs.setCurrentWidget(view.eligibility)   # as a person would before typing there
    wizard = view.eligibility.wizard
    assert wizard.findChild(QLineEdit, "birth_date").text() == "1960-05-01"   # from the patient record

    def type_into(name, text):
        line = wizard.findChild(QLineEdit, name)
        line.clear()
        qtbot.keyClicks(line, text)

    def choose(name, text):
        combo = wizard.findChild(QComboBox, name)
        combo.setCurrentIndex(combo.findText(text))

    type_into("assessment_date", "2026-11-21")
    type_into("lab_hemoglobin_value", "12.1")          # g/dL
    type_into("lab_platelets_value", "15.2")           # ×10⁴/µL, the site's default
    type_into("lab_wbc_value", "5.6")
    choose("lab_wbc_unit", "×10⁹/L")
    type_into("lab_afp_value", "25")
    type_into("lab_pivka2_value", "420")
    type_into("ctc_count", "4")
    type_into("performance_status", "0")
    for name in ("multiple_tumours", "initial_hepatectomy_for_hcc", "apheresis_access", "r0_resection",
                 "informed_consent"):
        choose(name, "Yes")
    for name in ("other_malignancy", "steroids_or_immunosuppressants", "previous_hepatectomy", "gcsf_allergy",
                 "pregnant_or_possibly_pregnant", "heart_disease",
                 "coronary_or_cerebrovascular_disease_within_6_months",
                 "lung_disease_requiring_treatment", "renal_disease_requiring_treatment", "neurological_disorder",
                 "suspected_myeloproliferative_disorder", "interstitial_pneumonia_history",
                 "hospitalised_over_6_weeks_after_surgery", "deemed_inappropriate"):
        choose(name, "No")
    assert wizard.findChild(QLabel, "eligibility_verdict").text() == "ELIGIBLE"
    wizard.findChild(QPushButton, "eligibility_save").click()
    patient_id = view.chart.patient.id
    stored = records.assessments(database(window), patient_id)
    assert len(stored) == 1 and stored[0].status == "draft" and stored[0].eligible is True
    assert stored[0].inputs["values"]["labs.platelets"]["canonical_value"] == 152.0   # 15.2 ×10⁴/µL = 152 ×10⁹/L
    assert stored[0].inputs["values"]["labs.wbc"]["text"] == "5.6 10^9/L"

    # a nurse cannot sign: storage refuses, the window says why
    prompts.will("signature", ("", "ito-ward-demo", ""))
    wizard.sign.click()
    assert prompts.problems[-1] == ("rn.ito (research nurse) may not sign eligibility assessments: "
                                    "only an investigator may")
    window.sign_out()
    sign_in(window, prompts, *INVESTIGATOR)
    window.patient_view.show_patient(patient_id)
    prompts.will("signature", ("", "tanaka-demo", ""))
    window.patient_view.eligibility.wizard.sign.click()
    meaning = [context for kind, context in prompts.asked if kind == "signature"][-1][0]
    assert meaning == "eligibility confirmed"
    stored = records.assessments(database(window), patient_id)
    assert stored[-1].status == "signed"
    assert window.patient_view.eligibility.wizard.findChild(QLineEdit, "lab_platelets_value").isReadOnly()
    assert "Dr Kenji Tanaka" in window.findChild(QLabel, "eligibility_state").text()


def test_prescribe_and_verify_as_two_users(qtbot, window, prompts):
    """An investigator prescribes (signature; a live order is replaced only with a reason), a
    pharmacist verifies at the same workstation; the prescriber cannot verify his own order; the
    order is active only after verification."""
    sign_in(window, prompts, *INVESTIGATOR)
    patient = patient_service.search(database(window), "DEMO-002")[0]   # the demo's order awaits verification
    window.patient_view.show_patient(patient.id)
    window.patient_view.tabs.setCurrentWidget(window.patient_view.dosing)
    page = window.patient_view.dosing.page
    apheresis = page.findChild(QLineEdit, "apheresis_date")
    apheresis.clear()
    qtbot.keyClicks(apheresis, "2026-12-05")
    order = page.order
    # Mosteller √(H·W/3600) (Mosteller 1987), H in cm and W in kg
    assert math.isclose(order.bsa.bsa_m2, math.sqrt(order.bsa.height_cm * order.bsa.weight_kg / 3600))
    assert math.isclose(order.daily_dose_ug, 400 * order.bsa.bsa_m2)
    before = records.dose_orders(database(window), patient.id)
    assert [o.status for o in before] == ["prescribed"]
    for caution in ("caution_splenomegaly", "caution_thrombosis_history"):
        page.findChild(QCheckBox, caution).click()
    prompts.will("reason", "apheresis date confirmed by the apheresis unit").will("signature", ("", "tanaka-demo", ""))
    page.prescribe.click()
    orders = records.dose_orders(database(window), patient.id)
    assert [o.status for o in orders] == ["cancelled", "prescribed"]
    assert orders[-1].order.apheresis == datetime.date(2026, 12, 5)
    assert page.findChild(QLabel, "dose_order_status").text().startswith("Prescribed — NOT ACTIVE")
    # the prescriber cannot verify his own order
    verify_in_dialog(qtbot, window, "dr.tanaka", "tanaka-demo")
    assert any("cannot be verified by its prescriber" in p for p in prompts.problems)
    assert records.dose_orders(database(window), patient.id)[-1].status == "prescribed"
    verify_in_dialog(qtbot, window, "ph.suzuki", "suzuki-demo")
    order = records.dose_orders(database(window), patient.id)[-1]
    assert order.status == "verified" and order.verifier_id != order.prescriber_id
    status = window.patient_view.dosing.page.findChild(QLabel, "dose_order_status").text()
    assert status.startswith("ACTIVE") and "Mika Suzuki" in status and "Dr Kenji Tanaka" in status


def test_lock_hides_patients_and_unlocks_with_the_password(qtbot, window, prompts):
    """Locking hides patient data; the wrong password keeps it locked; the right one restores the
    same screen, with what was typed still there."""
    sign_in(window, prompts, *NURSE)
    patient = patient_service.search(database(window), "DEMO-001")[0]
    window.patient_view.show_patient(patient.id)
    window.patient_view.tabs.setCurrentWidget(window.patient_view.eligibility)
    prompts.will("credentials", ("", "not-it"), ("", "ito-ward-demo"))
    window.lock()
    assert prompts.problems and "wrong password" in prompts.problems[-1]
    assert not window.locked
    assert window.stack.currentWidget() is window.workspace
    assert window.patient_view.tabs.currentWidget() is window.patient_view.eligibility
    assert window.patient_view.chart.patient.id == patient.id


def test_inactivity_locks_the_window(qtbot, window, prompts):
    """The lock timer (the site's lock timeout) locks the window by itself."""
    sign_in(window, prompts, *NURSE)
    assert window.lock_timer.interval() == 10 * 60_000     # the default setting, 10 minutes
    window.lock_timer.setInterval(50)
    window.lock_timer.start()
    prompts.will("credentials", None)                      # nobody answers: signed out
    qtbot.waitUntil(lambda: window.session.user is None, timeout=3000)
    assert window.stack.currentWidget() is window.cover


def test_a_stale_save_is_refused_with_who_changed_it(qtbot, window, prompts):
    """Two windows on one record: the second save of a stale version is refused, naming who saved."""
    from nkdesk.storage import patients as stored

    sign_in(window, prompts, *NURSE)
    patient = stored.get(database(window), patient_service.search(database(window), "DEMO-001")[0].id)
    other = open_database(window.db_path)
    try:
        from nkdesk.services import auth

        tanaka = auth.sign_in(other, "dr.tanaka", "tanaka-demo").value   # at the other window
        patient_service.edit_patient(other, tanaka, patient.id, patient.version, reason="typo",
                                     hospital_id="H7399")
    finally:
        other.close()
    prompts.will("patient", {"study_id": "DEMO-001", "initials": "TY", "birth_date": None, "sex": None,
                             "hospital_id": "H0000"}).will("reason", "corrected")
    window.edit_patient(patient)
    assert any("Dr Kenji Tanaka" in p or "dr.tanaka" in p for p in prompts.problems), prompts.problems
    assert patient_service.search(database(window), "DEMO-001")[0].hospital_id == "H7399"


def test_keyboard_reaches_the_patient_from_the_search_box(qtbot, window, prompts):
    """Type a study ID and press Enter: the only match opens."""
    sign_in(window, prompts, *NURSE)
    search = window.findChild(QLineEdit, "patient_search")
    qtbot.keyClicks(search, "DEMO-004")
    qtbot.keyClick(search, Qt.Key_Return)
    assert window.patient_view.chart.patient.study_id == "DEMO-004"


def _grid_line(grid, row: int, field: str):
    return grid.findChild(QLineEdit, f"vitals_r{row}_{field}")


def test_record_infusion_vitals_with_an_alert_and_acknowledge_it(qtbot, window, prompts):
    """At the bedside: a full set typed with the keyboard at the next time point, one critical value
    (38.4 °C ≥ 38.0 °C), saved with its reason; the alert stays until acknowledged, which records
    who and when in the database."""
    from nkdesk.services import vitals as vitals_service

    sign_in(window, prompts, *NURSE)
    patient = patient_service.search(database(window), "DEMO-003")[0]      # infusing today (demo)
    window.patient_view.show_patient(patient.id)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.infusion)
    grid = view.infusion.page.grid
    infusion_id = view.infusion.infusion.id
    before = {s.key for s in vitals_service.vital_sets(database(window), infusion_id)}
    assert before == {"tp0", "tp15", "tp30", "tp60"}                     # the demo's sets
    row = next(i for i, r in enumerate(grid.rows) if r.key == "tp120")
    window.activateWindow()
    qtbot.waitActive(window)
    # measured 2 h after the start (the 2 h window is 105–135 min, rules/vitals_time.py)
    at_2h = (view.infusion.infusion.started_at + datetime.timedelta(minutes=121)).strftime("%H:%M")
    ward_clock_at(window, view.infusion.infusion.started_at + datetime.timedelta(minutes=125))
    values = {"time": at_2h, "systolic": "122", "diastolic": "74", "pulse": "88", "resp_rate": "18",
              "temperature": "38.4", "spo2": "97"}
    for field, text in values.items():
        line = _grid_line(grid, row, field)
        line.setFocus()
        line.clear()
        qtbot.keyClicks(line, text)
    acvpu = grid.findChild(QComboBox, f"vitals_r{row}_acvpu")
    acvpu.setFocus()
    acvpu.setCurrentIndex(acvpu.findText("A  Alert"))
    reason = _grid_line(grid, row, "reason")                             # 38.4 °C is outside normal: a reason
    reason.setFocus()
    qtbot.keyClicks(reason, "rigors after 2 h")
    qtbot.keyClick(reason, Qt.Key_Tab)                                   # leaving the row hands it on
    qtbot.waitUntil(lambda: any(s.key == "tp120" for s in vitals_service.vital_sets(database(window), infusion_id)),
                    timeout=3000)
    stored = next(s for s in vitals_service.vital_sets(database(window), infusion_id) if s.key == "tp120")
    assert stored.temperature.text == "38.4 degC" and stored.reason == "rigors after 2 h"
    assert [a.finding for a in stored.open_alerts] == ["temperature_c"]
    # NEWS2 (RCP 2017 Chart 1): RR 18 → 0, SpO2 97 → 0, air 0, SBP 122 → 0, pulse 88 → 0, A 0,
    # 38.4 °C (38.1–39.0) → 1: total 1, low
    assert stored.news2_score == 1 and stored.news2_risk == "low"
    ack = grid.findChild(QPushButton, "vitals_ack_tp120")
    assert ack is not None and not ack.isHidden()
    ack.click()
    # what was done (issue 14): who was informed, the action (NEWS2's response offered), its time
    grid.findChild(QComboBox, "vitals_ack_tp120_informed").setCurrentText("Dr Tanaka")
    grid.findChild(QPushButton, "vitals_ack_tp120_news2").click()
    grid.findChild(QPushButton, "vitals_ack_tp120_record").click()
    stored = next(s for s in vitals_service.vital_sets(database(window), infusion_id) if s.key == "tp120")
    assert stored.open_alerts == ()
    assert stored.alerts[0].acknowledged_by_name == "Emi Ito" and stored.alerts[0].acknowledged_at is not None
    # NEWS2 1 ("low", RCP 2017 Chart 4): "Minimum 4–6 hourly" monitoring
    assert stored.alerts[0].informed == "Dr Tanaka"
    assert stored.alerts[0].action_taken.startswith("Minimum 4–6 hourly.")


def test_print_a_form_from_the_window(window, prompts):
    """File → Print form: the same PDF as `nkdesk form` (header, subject, printed by the user), previewed."""
    import io

    from pypdf import PdfReader

    sign_in(window, prompts, *NURSE)
    patient = patient_service.search(database(window), "DEMO-003")[0]
    window.patient_view.show_patient(patient.id)
    prompts.will("choose", "vitals")
    window.print_form()
    name, pdf = prompts.previews[-1]
    assert name == "vitals-DEMO-003.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Infusion vital-signs record" in text and "Subject DEMO-003" in text
    assert "Emi Ito (research nurse)" in text and "Page 1 of" in text


def test_lab_proposal_accepted_and_a_serious_event_reported_and_a_stop_decided(qtbot, window, prompts):
    """Adverse events and stop rules from the window: a pending lab proposal accepted; a serious AE
    (prolonged hospitalisation) shows the prompt-report banner until the report is recorded; the stop
    rule it raises is decided by an investigator (suspend, signed) and lifted with a reason."""
    from datetime import datetime

    from nkdesk.rules.adverse_events import AdverseEventEntry
    from nkdesk.services import adverse_events

    sign_in(window, prompts, *INVESTIGATOR)
    patient = patient_service.search(database(window), "DEMO-003")[0]
    view = window.patient_view
    view.show_patient(patient.id)
    view.tabs.setCurrentWidget(view.adverse_events)
    page = view.adverse_events.page
    before = len(adverse_events.adverse_events(database(window), patient.id))
    page.findChild(QPushButton, "ae_proposal_accept_0").click()
    assert len(adverse_events.adverse_events(database(window), patient.id)) == before + 1
    assert view.adverse_events.stored_proposals == []
    # onset at today's midnight: already past, and on today's date at any hour (an hour before "now"
    # was yesterday between 00:00 and 01:00, and the report then fell due in 14 days)
    onset = datetime.combine(datetime.now().date(), datetime.min.time())
    serious = AdverseEventEntry("Fever", 3, onset, serious=True,
                                serious_criteria=("hospitalisation",), relatedness="possible")
    prompts.will("confirm", True)      # DEMO-003's grade-1 Fever is still open: asked whether this is another
    page.entry_added.emit(serious)
    report = window.findChild(QLabel, next(label.objectName() for label in window.findChildren(QLabel)
                                           if label.objectName().startswith("banner_report_")))
    # Art. 35: hospitalisation → within 15 days of day 0 (not recorded here: counted from the onset)
    assert "REPORT PROMPTLY" in report.text() and "due in 15 days" in report.text()
    assert "certified committee" in report.text() and "MHLW" in report.text()
    assert "prolonged hospitalisation or death" in report.text()          # the protocol's wording beside
    prompts.will("choose", "committee")
    window.findChild(QPushButton, report.objectName() + "_button").click()
    assert adverse_events.reports_due(database(window), patient.id) == (), prompts.problems
    report = next(label for label in window.findChildren(QLabel) if label.objectName().startswith("banner_report_"))
    assert "certified committee" not in report.text() and "MHLW" in report.text()   # the MHLW still to do
    prompts.will("choose", "mhlw")
    window.findChild(QPushButton, report.objectName() + "_button").click()
    assert not any(label.objectName().startswith("banner_report_") for label in window.findChildren(QLabel))
    # grade 3 and serious: the protocol's "AE makes continuation difficult" stop rule is proposed
    stop = next(label for label in window.findChildren(QLabel) if label.objectName().startswith("banner_stop_"))
    prompts.will("choose", "suspended").will("signature", ("", "tanaka-demo", ""))
    window.findChild(QPushButton, stop.objectName() + "_button").click()
    stops = records.discontinuations(database(window), patient.id)
    assert [(d.kind, d.reason_code) for d in stops] == [("suspended", "adverse_event")]
    assert window.findChild(QLabel, f"banner_suspended_{stops[0].id}") is not None
    prompts.will("reason", "fever resolved, investigator review").will("signature", ("", "tanaka-demo", ""))
    window.findChild(QPushButton, f"banner_suspended_{stops[0].id}_button").click()
    assert window.findChild(QLabel, f"banner_suspended_{stops[0].id}") is None


def test_back_up_now_runs_off_the_window_thread_and_shows_in_the_status_bar(qtbot, window, prompts):
    """File → Back up now: a verified copy is written by a worker thread; the status bar says when."""
    from nkdesk.storage import backup

    sign_in(window, prompts, *NURSE)
    qtbot.waitUntil(lambda: any(b.kind == "daily" for b in backup.list_backups(window.db_path)), timeout=10000)
    before = len(backup.list_backups(window.db_path))
    window.back_up_now()
    qtbot.waitUntil(lambda: len(backup.list_backups(window.db_path)) == before + 1, timeout=10000)
    newest = backup.list_backups(window.db_path)[0]
    assert newest.kind == "manual" and newest.manifest["verified"] is True
    qtbot.waitUntil(lambda: window.findChild(QLabel, "status_backup").text() != "Last backup: none", timeout=5000)
    assert prompts.problems == []
