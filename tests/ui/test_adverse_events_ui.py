"""The AE dialog and the AE page: grade definitions, duration, seriousness, Japanese text, proposals."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QRadioButton

from nkdesk.rules import ae_proposals, protocol
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.ui.adverse_event_dialog import AdverseEventDialog
from nkdesk.ui.adverse_events_page import AdverseEventsPage

INFUSION = date(2026, 12, 22)


@pytest.fixture
def dialog(qtbot):
    widget = AdverseEventDialog(protocol.load(), INFUSION, 1, now=lambda: datetime(2026, 12, 22, 10, 15))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_japanese(widget, text: str) -> None:
    """What an input method sends (keyClicks with non-ASCII aborts pytest, see toolchain-notes.md)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def tick(qtbot, box: QCheckBox) -> None:
    """Click the box itself (a wide checkbox's centre can lie past its label, outside the hit area)."""
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))


def choose_term(dialog, term: str) -> None:
    combo = dialog.findChild(QComboBox, "ae_term")
    combo.setCurrentIndex(combo.findData(term))


def test_choosing_a_term_shows_its_grade_definitions(dialog):
    """Headache (CTCAE v5.0, Nervous system disorders): 1 Mild pain; 2 Moderate pain; limiting
    instrumental ADL; 3 Severe pain; limiting self care ADL; no grade 4 or 5."""
    choose_term(dialog, "Headache")
    text = {g: dialog.findChild(QLabel, f"ae_grade_definition_{g}").text() for g in range(1, 6)}
    assert text[1] == "Mild pain"
    assert text[2] == "Moderate pain; limiting instrumental ADL"
    assert text[3] == "Severe pain; limiting self care ADL"
    assert not dialog.findChild(QRadioButton, "ae_grade_4").isEnabled()
    assert not dialog.findChild(QRadioButton, "ae_grade_5").isEnabled()
    choose_term(dialog, "Hypotension")
    # CTCAE v5.0, Vascular disorders, Hypotension grade 4
    assert dialog.findChild(QLabel, "ae_grade_definition_4").text() == \
        "Life-threatening consequences and urgent intervention indicated"
    assert dialog.findChild(QRadioButton, "ae_grade_4").isEnabled()


def test_duration_and_days_since_infusion_are_computed(qtbot, dialog):
    """Onset 22 Dec 10:15, resolved 23 Dec 08:00: 21 h 45 min; onset on the infusion day is day 0."""
    onset, resolution = dialog.findChild(QLineEdit, "ae_onset"), dialog.findChild(QLineEdit, "ae_resolution")
    onset.clear()
    qtbot.keyClicks(onset, "2026-12-22 10:15")
    qtbot.keyClicks(resolution, "2026-12-23 08:00")
    assert dialog.findChild(QLabel, "ae_duration").text() == "21 h 45 min"
    assert dialog.findChild(QLabel, "ae_days_since_infusion").text().startswith("day 0")
    resolution.clear()
    qtbot.keyClicks(resolution, "2026-12-25 12:15")
    assert dialog.findChild(QLabel, "ae_duration").text() == "3 d 2 h 0 min"


def test_japanese_free_term_and_comment_are_saved(qtbot, dialog):
    """A free term and a comment typed in Japanese through the input method end up in the entry."""
    saved = []
    dialog.entry_ready.connect(saved.append)
    choose_term(dialog, "__free__")
    type_japanese(dialog.findChild(QLineEdit, "ae_free_term"), "悪寒")
    type_japanese(dialog.findChild(QLineEdit, "ae_comment"), "輸注開始15分後に出現、保温で軽快")
    qtbot.mouseClick(dialog.findChild(QRadioButton, "ae_grade_1"), Qt.LeftButton)
    dialog.findChild(QComboBox, "ae_relatedness").setCurrentIndex(4)       # Probable
    qtbot.mouseClick(dialog.findChild(QPushButton, "ae_save"), Qt.LeftButton)
    entry = saved[0]
    assert (entry.term, entry.ctcae_term, entry.grade, entry.worst_grade) == ("悪寒", False, 1, 1)
    assert entry.comment == "輸注開始15分後に出現、保温で軽快" and entry.relatedness == "probable"
    assert entry.cycle == 1 and entry.days_since_infusion == 0


@pytest.mark.parametrize(("criterion", "banner"), [
    # Act on the Safety of Regenerative Medicine, enforcement regulation Art. 35 (issue 13): every
    # seriousness criterion starts a 7- or 15-day clock unless the relation is excluded.
    ("hospitalisation", True), ("death", True), ("life_threatening", True)])
def test_serious_with_death_or_hospitalisation_shows_the_report_banner(qtbot, dialog, criterion, banner):
    """Serious (relation not yet judged, so not excluded): the prompt-report banner appears."""
    report = dialog.findChild(QLabel, "ae_report_banner")
    assert not report.isVisible()
    box = dialog.findChild(QCheckBox, f"ae_serious_{criterion}")
    assert not box.isEnabled()                                   # criteria only once serious is ticked
    tick(qtbot, dialog.findChild(QCheckBox, "ae_serious"))
    tick(qtbot, box)
    assert report.isVisible() is banner
    if banner:
        assert "certified committee for regenerative medicine" in report.text() and "Art. 35" in report.text()
        assert "Ministry of Health" in report.text() and "prolonged hospitalisation or death" in report.text()


def test_inconsistent_entry_is_not_saved(qtbot, dialog):
    """Resolution before onset: the dialog says so and stays open; nothing is handed on."""
    saved = []
    dialog.entry_ready.connect(saved.append)
    choose_term(dialog, "Fever")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "ae_resolution"), "2026-12-21 09:00")
    assert "before onset" in dialog.findChild(QLabel, "ae_duration").text()
    qtbot.mouseClick(dialog.findChild(QPushButton, "ae_save"), Qt.LeftButton)
    assert saved == [] and "resolution" in dialog.findChild(QLabel, "ae_problem").text()


def test_page_lists_events_and_proposals_and_adds_through_the_dialog(qtbot):
    """The table shows each AE; lab proposals have Accept/Dismiss signals; Add… opens the dialog."""
    page = AdverseEventsPage(protocol.load(), INFUSION, 1)
    qtbot.addWidget(page)
    page.show()
    onset = datetime(2026, 12, 22, 10, 15)
    page.set_events([AdverseEventEntry("Fever", 1, onset, worst_grade=2,
                                       resolution=onset + timedelta(hours=21, minutes=45),
                                       serious=True, serious_criteria=("hospitalisation",), outcome="recovered")])
    cells = [page.table.model().index(0, c).data() for c in range(9)]
    assert cells[:3] == ["Fever", "1", "2"] and cells[5] == "21 h 45 min" and "REPORT DUE" in cells[6]
    # 6.2 × 10⁴/µL = 62 × 10⁹/L: CTCAE v5.0 platelet count decreased grade 2 (< 75.0 – 50.0 × 10⁹/L)
    proposals = ae_proposals.propose_from_labs({"platelets": "6.2 10^4/uL"})
    page.set_proposals(proposals)
    assert "Platelet count decreased" in page.findChild(QLabel, "ae_proposal_0").text()
    assert "grade 2" in page.findChild(QLabel, "ae_proposal_0").text()
    accepted, dismissed, added = [], [], []
    page.proposal_accepted.connect(accepted.append)
    page.proposal_dismissed.connect(dismissed.append)
    page.entry_added.connect(added.append)
    qtbot.mouseClick(page.findChild(QPushButton, "ae_proposal_accept_0"), Qt.LeftButton)
    qtbot.mouseClick(page.findChild(QPushButton, "ae_proposal_dismiss_0"), Qt.LeftButton)
    assert accepted == proposals and dismissed == proposals
    qtbot.mouseClick(page.findChild(QPushButton, "ae_add"), Qt.LeftButton)
    dialog = page.dialog
    dialog.findChild(QComboBox, "ae_term").setCurrentIndex(dialog.findChild(QComboBox, "ae_term").findData("Nausea"))
    qtbot.mouseClick(dialog.findChild(QRadioButton, "ae_grade_1"), Qt.LeftButton)
    qtbot.mouseClick(dialog.findChild(QPushButton, "ae_save"), Qt.LeftButton)
    assert added[0].term == "Nausea" and added[0].grade == 1


def test_day_the_investigator_learned_of_it_is_entered(qtbot, dialog):
    """Issue 13: day 0 of the Art. 35 reporting clock is typed as a date and kept in the entry; a
    date that is not one is refused naming the field."""
    saved = []
    dialog.entry_ready.connect(saved.append)
    choose_term(dialog, "Fever")
    qtbot.mouseClick(dialog.findChild(QRadioButton, "ae_grade_1"), Qt.LeftButton)
    aware = dialog.findChild(QLineEdit, "ae_investigator_aware_on")
    assert aware.accessibleName()
    qtbot.keyClicks(aware, "2026-12-2x")
    qtbot.mouseClick(dialog.findChild(QPushButton, "ae_save"), Qt.LeftButton)
    problem = dialog.findChild(QLabel, "ae_problem").text()     # named by its label, never by its id
    assert saved == [] and problem.startswith("Day the investigator learned of it: ") and "_" not in problem
    aware.clear()
    qtbot.keyClicks(aware, "2026-12-23")
    qtbot.mouseClick(dialog.findChild(QPushButton, "ae_save"), Qt.LeftButton)
    assert saved[0].investigator_aware_on == date(2026, 12, 23)
