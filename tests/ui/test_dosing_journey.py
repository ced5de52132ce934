"""Journeys in real time on the dosing tab (issue 14): a prescription, a weight change and the
pharmacist's verification, driven by objectName with pauses as a person makes them — no flush,
save or private method is called — and checked in the database, including after switching patient.

Reference values: Mosteller BSA = √(height cm × weight kg / 3600) (Mosteller RD, N Engl J Med
1987;317:1098); filgrastim 400 µg/m² once daily (jRCTb060200020, ../shared/protocol.md). Issue 16:
a clinician reads height and weight to 0.1, the BSA to 0.01 m², the dose to 0.1 µg/day.
"""
from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QGroupBox, QLabel, QLineEdit, QPushButton

from nkdesk.services import auth, drafts, patients
from nkdesk.services import dosing as dosing_service
from nkdesk.storage import records
from tests.ui.conftest import open_patient, sign_in

INVESTIGATOR, PHARMACIST = ("dr.tanaka", "tanaka-demo"), ("ph.suzuki", "suzuki-demo")
PAUSE_MS = 1500


def database(window):
    return window.session.store


def retype(qtbot, parent, name: str, text: str) -> None:
    line = parent.findChild(QLineEdit, name)
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key_Delete)
    qtbot.keyClicks(line, text)
    qtbot.wait(60)


def text_of(parent, name: str) -> str:
    return parent.findChild(QLabel, name).text()


def test_prescription_weight_change_and_the_pharmacists_double_check(qtbot, window, prompts):
    sign_in(window, prompts, *INVESTIGATOR)
    open_patient(qtbot, window, "DEMO-001")            # screening: 156 cm, 51 kg stored, no order
    view = window.patient_view
    view.tabs.setCurrentWidget(view.dosing)
    page = view.dosing.page
    patient_id = view.chart.patient.id

    # -- the investigator measures again and types; a draft is kept about a second after the last key
    retype(qtbot, page, "height_value", "157.5")
    retype(qtbot, page, "weight_value", "54.9")
    retype(qtbot, page, "apheresis_date", "2026-12-05")
    qtbot.wait(PAUSE_MS)
    draft = drafts.find(database(window), patient_id, "dose_inputs")
    assert draft is not None and (draft.payload["height"], draft.payload["weight"]) == ("157.5 cm", "54.9 kg")
    assert "draft kept" in text_of(page, "dose_inputs_state")
    bsa = math.sqrt(157.5 * 54.9 / 3600)
    summary = text_of(page, "dosing_summary")
    for shown in ("157.5 cm", "54.9 kg", f"{bsa:.2f} m²", f"{400 * bsa:.1f} µg/day"):
        assert shown in summary, (shown, summary)
    assert repr(400 * bsa) in text_of(page, "dose_exact_values")          # unrounded only on this line

    # -- the label cautions are asked before prescribing
    prescribe = page.findChild(QPushButton, "dose_prescribe")
    assert not prescribe.isEnabled() and "cautions" in text_of(page, "dose_prescribe_hint")
    for name in ("caution_splenomegaly", "caution_thrombosis_history"):
        page.findChild(QCheckBox, name).click()
        qtbot.wait(300)
    prompts.will("signature", ("", "tanaka-demo", ""))
    prescribe.click()
    qtbot.wait(PAUSE_MS)
    (order,) = records.dose_orders(database(window), patient_id)
    assert order.status == "prescribed" and math.isclose(order.order.daily_dose_ug, 400 * bsa, rel_tol=1e-9)
    assert drafts.find(database(window), patient_id, "dose_inputs") is None   # the prescription took it
    assert text_of(page, "dose_order_status").startswith("Prescribed — NOT ACTIVE")
    # the ticks are stored with the order: which cautions were shown, acknowledged, by whom (issue 14)
    ticks = database(window).rows("SELECT code, acknowledged, acknowledged_by FROM dose_order_cautions "
                                  "WHERE order_id = ? ORDER BY code", (order.id,))
    assert [tuple(t) for t in ticks] == [("splenomegaly", 1, "Dr Kenji Tanaka"),
                                         ("thrombosis_history", 1, "Dr Kenji Tanaka")]

    # -- a new weight does not silently change the order on screen
    retype(qtbot, page, "weight_value", "62")
    qtbot.wait(PAUSE_MS)
    banner = page.findChild(QLabel, "dose_order_changed")
    assert banner.isVisible() and "the prescribed order is unchanged; re-prescribe?" in banner.text()
    assert f"{400 * math.sqrt(157.5 * 62 / 3600):.1f} µg/day" in banner.text()    # what 62 kg would give
    assert f"{400 * bsa:.1f} µg/day" in text_of(page, "dosing_summary")          # the order on file
    assert "Order on file" in text_of(page, "dosing_summary")
    assert records.dose_orders(database(window), patient_id) == (order,)
    assert drafts.find(database(window), patient_id, "dose_inputs").payload["weight"] == "62 kg"

    # -- another patient: none of DEMO-001's inputs show; a patient with no measurements shows none
    nurse = auth.sign_in(database(window), "rn.ito", "ito-ward-demo").value
    patients.create_patient(database(window), nurse, study_id="NEW-201", initials="EF", birth_date="1959-01-02",
                            sex="F")
    open_patient(qtbot, window, "NEW-201")
    for name in ("height_value", "weight_value"):
        assert page.findChild(QLineEdit, name).text() == ""
    for name in ("height_converted", "weight_converted", "dosing_summary"):
        assert text_of(page, name) == "", name
    assert not page.findChild(QLabel, "dose_order_changed").isVisible()
    assert not page.findChild(QCheckBox, "caution_splenomegaly").isChecked()
    qtbot.wait(PAUSE_MS)
    assert drafts.find(database(window), view.chart.patient.id, "dose_inputs") is None

    # -- back to DEMO-001: the typed weight is offered again, the order is still the one prescribed
    open_patient(qtbot, window, "DEMO-001")
    assert page.findChild(QLineEdit, "weight_value").text() == "62"
    assert "draft kept" in text_of(page, "dose_inputs_state")
    assert page.findChild(QLabel, "dose_order_changed").isVisible()

    # -- the pharmacist's independent double check, at this workstation
    page.findChild(QPushButton, "dose_verify").click()
    dialog = view.dosing.verify_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "54.9 kg" in text_of(dialog, "verify_weight") and "62" not in text_of(dialog, "verify_weight")
    assert "157.5 cm" in text_of(dialog, "verify_height") and "measured" in text_of(dialog, "verify_height")
    cautions = text_of(dialog, "verify_cautions")     # what the prescriber acknowledged, as stored
    assert cautions.count(": acknowledged") == 2 and "NOT" not in cautions and "Dr Kenji Tanaka" in cautions
    revealed = dialog.findChild(QGroupBox, "verify_revealed")
    assert not revealed.isVisible()                                   # the prescriber's dose is hidden first
    assert not dialog.findChild(QPushButton, "verify_sign").isEnabled()
    own = dialog.findChild(QLineEdit, "verify_own_dose")
    own.setFocus()
    qtbot.keyClicks(own, f"{400 * round(bsa, 2):.1f}")               # worked out by hand from BSA 1.55
    dialog.findChild(QPushButton, "verify_compare").click()
    qtbot.wait(300)
    assert revealed.isVisible() and "agrees" in text_of(dialog, "verify_comparison")
    assert f"{400 * bsa:.1f} µg/day" in text_of(dialog, "verify_order")
    assert "Dr Kenji Tanaka" in text_of(dialog, "verify_order")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "verify_username"), PHARMACIST[0])
    qtbot.keyClicks(dialog.findChild(QLineEdit, "verify_password"), PHARMACIST[1])
    qtbot.wait(300)
    dialog.findChild(QPushButton, "verify_sign").click()
    qtbot.wait(300)
    assert dialog.result() == QDialog.DialogCode.Accepted, prompts.problems
    (verified,) = records.dose_orders(database(window), patient_id)
    assert verified.status == "verified" and verified.order == order.order     # 54.9 kg, never 62
    assert text_of(page, "dose_order_status").startswith("ACTIVE")


def test_a_verification_refused_when_the_order_changed_under_the_verifier(qtbot, window, prompts):
    """DEMO-002's order awaits verification; while the pharmacist checks it, Dr Sato re-prescribes at
    another workstation: the signature is refused, naming who changed it and when."""
    sign_in(window, prompts, *INVESTIGATOR)
    open_patient(qtbot, window, "DEMO-002")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.dosing)
    patient_id = view.chart.patient.id
    (first,) = records.dose_orders(database(window), patient_id)
    view.dosing.page.findChild(QPushButton, "dose_verify").click()
    dialog = view.dosing.verify_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.findChild(QPushButton, "verify_recompute").click()
    qtbot.wait(300)
    assert "agrees" in text_of(dialog, "verify_comparison")

    sato = auth.sign_in(database(window), "dr.sato", "sato-ward-demo").value
    dosing_service.prescribe(database(window), sato, patient_id, height="171 cm", weight="75 kg",
                             acknowledged=("splenomegaly", "thrombosis_history"),
                             password="sato-ward-demo", replaces=dosing_service.Replacement(first.id, first.version,
                                                                                      "weighed again"))
    qtbot.keyClicks(dialog.findChild(QLineEdit, "verify_username"), PHARMACIST[0])
    qtbot.keyClicks(dialog.findChild(QLineEdit, "verify_password"), PHARMACIST[1])
    qtbot.wait(300)
    dialog.findChild(QPushButton, "verify_sign").click()
    qtbot.wait(300)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert any("dr.sato" in p for p in prompts.problems), prompts.problems
    assert [o.status for o in records.dose_orders(database(window), patient_id)] == ["cancelled", "prescribed"]
    problem = text_of(dialog, "verify_problem")
    assert "Not verified: this order was changed by dr.sato at " in problem and "now cancelled" in problem
    assert re.search(r"at \d{4}-\d\d-\d\d \d\d:\d\d \S+ after", problem), problem   # local time and zone
    dialog.reject()


def test_the_dose_inputs_are_an_editor_that_never_loses_typing(qtbot, window, prompts):
    """ui.editor.Editor on the dosing tab: typed and not prescribed is `unsaved`; `keep` (the idle
    lock) and `leave` (another patient, sign-out) keep it as a draft without asking; a prescription
    takes the draft with it; inputs equal to the stored ones are nothing to keep."""
    sign_in(window, prompts, *INVESTIGATOR)
    open_patient(qtbot, window, "DEMO-005")            # not eligible: 160 cm, 55 kg stored, no order
    view = window.patient_view
    view.tabs.setCurrentWidget(view.dosing)
    tab, page = view.dosing, view.dosing.page
    patient_id = view.chart.patient.id
    assert not tab.unsaved()
    tab.keep()
    assert tab.leave() is True
    assert drafts.find(database(window), patient_id, "dose_inputs") is None   # nothing typed, nothing kept

    retype(qtbot, page, "weight_value", "57")
    assert tab.unsaved()
    tab.keep()                                           # at once, as the idle lock does: no pause needed
    assert drafts.find(database(window), patient_id, "dose_inputs").payload["weight"] == "57 kg"

    retype(qtbot, page, "weight_value", "58")
    assert tab.leave() is True                           # leaving keeps the latest typing, asks nothing
    assert drafts.find(database(window), patient_id, "dose_inputs").payload["weight"] == "58 kg"
    assert all(kind in ("credentials",) for kind, _ in prompts.asked)

    retype(qtbot, page, "weight_value", "55")            # back to what is stored: nothing unsaved
    assert not tab.unsaved()
    qtbot.wait(PAUSE_MS)
    open_patient(qtbot, window, "DEMO-001")
    open_patient(qtbot, window, "DEMO-005")
    assert page.findChild(QLineEdit, "weight_value").text() == "55"     # the stale "58" is not offered back
    assert not tab.unsaved()


def test_a_verifiers_figure_that_differs_cannot_be_signed(qtbot, window, prompts):
    """DEMO-002: 171 cm, 68 kg → Mosteller √(171 × 68 / 3600) = 1.797 m² → 718.9 µg/day. A verifier
    who works out 680.4 µg/day (a wrong weight) is told the figures differ; Verify stays unavailable."""
    sign_in(window, prompts, *INVESTIGATOR)
    open_patient(qtbot, window, "DEMO-002")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.dosing)
    view.dosing.page.findChild(QPushButton, "dose_verify").click()
    dialog = view.dosing.verify_dialog
    qtbot.waitUntil(dialog.isVisible)
    own = dialog.findChild(QLineEdit, "verify_own_dose")
    own.setFocus()
    qtbot.keyClicks(own, "680.4")
    qtbot.keyClick(own, Qt.Key_Return)
    qtbot.wait(300)
    comparison = text_of(dialog, "verify_comparison")
    assert "DIFFERS" in comparison and f"{400 * math.sqrt(171 * 68 / 3600):.1f} µg/day" in comparison
    qtbot.keyClicks(dialog.findChild(QLineEdit, "verify_username"), PHARMACIST[0])
    qtbot.keyClicks(dialog.findChild(QLineEdit, "verify_password"), PHARMACIST[1])
    assert not dialog.findChild(QPushButton, "verify_sign").isEnabled()
    assert "differ" in text_of(dialog, "verify_sign_hint")
    dialog.reject()
    assert [o.status for o in records.dose_orders(database(window), view.chart.patient.id)] == ["prescribed"]


def test_the_pharmacist_signing_in_here_verifies_with_everything_in_view(qtbot, window, prompts):
    """The ward walk: a pharmacist signed in at this workstation opened DEMO-002's pending order; after
    the check the dialog grew past the screen and the password field and "Verify and sign" went off
    its bottom edge (a click meant for the password typed it, in clear, into the user-name field).
    Now the dialog never outgrows the screen, the sign button stays inside it, the user name is the
    signed-in pharmacist's, and the focus waits in the password field."""
    sign_in(window, prompts, *PHARMACIST)
    open_patient(qtbot, window, "DEMO-002")
    view = window.patient_view
    view.tabs.setCurrentWidget(view.dosing)
    qtbot.wait(100)
    # the empty boxes are for a new prescription; the order on file says what its prescriber acknowledged
    on_file = text_of(view.dosing.page, "dose_cautions_on_file")
    assert on_file.count(": acknowledged") == 2 and "Dr Kenji Tanaka" in on_file
    view.dosing.page.findChild(QPushButton, "dose_verify").click()
    dialog = view.dosing.verify_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.findChild(QLineEdit, "verify_username").text() == PHARMACIST[0]
    dialog.findChild(QPushButton, "verify_recompute").click()
    qtbot.wait(300)
    assert "agrees" in text_of(dialog, "verify_comparison")
    room = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= room.height()
    sign = dialog.findChild(QPushButton, "verify_sign")
    password = dialog.findChild(QLineEdit, "verify_password")
    for widget in (sign, password):
        corner = widget.mapTo(dialog, widget.rect().bottomRight())
        assert dialog.rect().contains(corner) and widget.isVisible(), widget.objectName()
    assert password.hasFocus()
    qtbot.keyClicks(password, PHARMACIST[1])
    qtbot.keyClick(password, Qt.Key_Return)
    qtbot.wait(300)
    assert dialog.result() == QDialog.DialogCode.Accepted, prompts.problems
    patient_id = view.chart.patient.id
    assert [o.status for o in records.dose_orders(database(window), patient_id)] == ["verified"]
