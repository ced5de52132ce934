"""The patient list at trial scale (issue 16): 125 patients all present (the old list stopped at
50), contains-search as you type, sortable headers, filters by state and by what is due, the count,
and the keyboard path from the search box to a patient."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QStyle, QTableView

from nkdesk.services import patients as patient_service
from nkdesk.services import treatment
from tests.ui.conftest import sign_in

NURSE = ("rn.ito", "ito-ward-demo")


def _ward_of_125(qtbot, window, prompts):
    """The 5 demo patients and HU-006…HU-125 (hospital IDs H9006…H9125), registered through the service."""
    sign_in(window, prompts, *NURSE)
    for n in range(6, 126):
        window.session.call(patient_service.create_patient, study_id=f"HU-{n:03d}", initials="AB" if n % 2 else "ZY",
                            birth_date="1960-05-01", sex="F", hospital_id=f"H9{n:03d}")
    qtbot.wait(50)
    return window.findChild(QLineEdit, "patient_search"), window.findChild(QTableView, "patient_list")


def _shown(table) -> list[str]:
    model = table.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _count(window) -> str:
    return window.findChild(QLabel, "patient_count").text()


def _type(qtbot, line, text: str) -> None:
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, text)
    qtbot.wait(60)


def test_every_patient_is_listed_and_counted(qtbot, window, prompts):
    """125 patients: 125 rows, the last HU-125, and "125 of 125"."""
    _search, table = _ward_of_125(qtbot, window, prompts)
    shown = _shown(table)
    assert len(shown) == 125 and shown[-1] == "HU-125" and shown[0] == "DEMO-001"
    assert _count(window) == "125 of 125"


def test_search_matches_any_part_of_the_ids(qtbot, window, prompts):
    """"125" (not the start of any ID) finds HU-125; "u-05" finds HU-050…HU-059; "h904" the hospital
    IDs H9040…H9049; "zy" the initials of the even numbers; the count follows."""
    search, table = _ward_of_125(qtbot, window, prompts)
    _type(qtbot, search, "125")
    assert _shown(table) == ["HU-125"] and _count(window) == "1 of 125"
    _type(qtbot, search, "u-05")
    assert _shown(table) == [f"HU-{n:03d}" for n in range(50, 60)]
    _type(qtbot, search, "h904")
    assert _shown(table) == [f"HU-{n:03d}" for n in range(40, 50)]
    _type(qtbot, search, "zy")
    assert _shown(table) == [f"HU-{n:03d}" for n in range(6, 126, 2)] and _count(window) == "60 of 125"
    qtbot.keyClick(search, Qt.Key_Escape)
    qtbot.wait(30)
    assert len(_shown(table)) == 125


def test_headers_sort(qtbot, window, prompts):
    """A click on "Study ID" reverses the order; a click on "Initials" sorts by them (AB before HS
    before KM …)."""
    _search, table = _ward_of_125(qtbot, window, prompts)
    header = table.horizontalHeader()

    def click(section: int) -> None:
        qtbot.mouseClick(header.viewport(), Qt.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(section) + 5, header.height() // 2))
        qtbot.wait(30)

    click(0)
    assert _shown(table)[:2] == ["HU-125", "HU-124"] and _shown(table)[-1] == "DEMO-001"
    click(1)
    initials = [table.model().index(r, 1).data() for r in range(table.model().rowCount())]
    assert initials == sorted(initials) and initials[0] == "AB" and initials[-1] == "ZY"


def test_filters_by_state_and_by_what_is_due(qtbot, window, prompts):
    """State "discontinued": DEMO-004 alone. HU-010's calendar with the apheresis 2 days ahead has
    G-CSF planned 2 days ago (days −4…0, protocol.md): "Overdue" lists it alone; HU-011's with the
    apheresis 4 days ahead has its first G-CSF today: "Due today" lists both."""
    search, table = _ward_of_125(qtbot, window, prompts)
    by_id = {p.study_id: p.id for p in patient_service.roster(window.session.store)}
    today = date.today()
    window.session.call(treatment.plan_calendar, by_id["HU-010"], apheresis=today + timedelta(days=2), cycles=1)
    window.session.call(treatment.plan_calendar, by_id["HU-011"], apheresis=today + timedelta(days=4), cycles=1)
    qtbot.wait(50)
    state = window.findChild(QComboBox, "patient_state_filter")
    state.setCurrentIndex(state.findData("discontinued"))
    qtbot.wait(30)
    assert _shown(table) == ["DEMO-004"] and _count(window) == "1 of 125"
    state.setCurrentIndex(0)
    due = window.findChild(QComboBox, "patient_due_filter")
    due.setCurrentIndex(due.findData("overdue"))
    qtbot.wait(30)
    assert _shown(table) == ["HU-010"]
    assert table.model().index(0, 3).data().startswith("overdue: ")
    due.setCurrentIndex(due.findData("due_today"))
    qtbot.wait(30)
    assert _shown(table) == ["HU-010", "HU-011"]


def test_keyboard_from_the_search_box_to_a_patient(qtbot, window, prompts):
    """Type "u-11", Down into the list, Down again, Enter: HU-111 opens (HU-110 was first)."""
    search, table = _ward_of_125(qtbot, window, prompts)
    _type(qtbot, search, "u-11")
    qtbot.keyClick(search, Qt.Key_Down)
    qtbot.wait(30)
    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key_Down)
    qtbot.keyClick(table, Qt.Key_Return)
    qtbot.wait(30)
    assert window.patient_view.chart.patient.study_id == "HU-111"


def test_due_now_lists_the_round_and_counts_its_lines(qtbot, window, prompts):
    """A patient whose first G-CSF is today (apheresis 4 days ahead, days −4…0) appears in "Due now"
    as "G-CSF dose — today"; the button's number is the number of lines listed; Enter on the line
    opens that patient."""
    sign_in(window, prompts, *NURSE)
    window.session.call(patient_service.create_patient, study_id="RND-001", initials="GT", birth_date="1959/4/1",
                        sex="M", hospital_id="H8001")
    patient = patient_service.by_study_id(window.session.store, "RND-001")
    window.session.call(treatment.plan_calendar, patient.id, apheresis=date.today() + timedelta(days=4), cycles=1)
    qtbot.wait(50)
    button = window.findChild(QPushButton, "due_now_button")
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.wait(50)
    due = window.findChild(QTableView, "due_now_list")
    assert due.isVisible()
    lines = [[due.model().index(r, c).data() for c in range(3)] for r in range(due.model().rowCount())]
    assert ["RND-001", "G-CSF dose", "today"] in lines
    assert button.text() == f"Due now: {len(lines)}"
    due.setCurrentIndex(due.model().index(lines.index(["RND-001", "G-CSF dose", "today"]), 0))
    qtbot.keyClick(due, Qt.Key_Return)
    qtbot.wait(50)
    assert window.patient_view.chart.patient.study_id == "RND-001"


def test_due_now_lists_first_an_alert_not_acknowledged(qtbot, window, prompts):
    """Ward walk: "Due now: 0" while DEMO-003's temperature alert waited for someone to act. The demo's
    1-hour set (38.3 °C, at or above the protocol's 38.0 °C) is not acknowledged: the round's first
    line says so for DEMO-003, in red; Enter opens the patient."""
    sign_in(window, prompts, *NURSE)
    button = window.findChild(QPushButton, "due_now_button")
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.wait(50)
    due = window.findChild(QTableView, "due_now_list")
    first = [due.model().index(0, c).data() for c in range(3)]
    assert first[0] == "DEMO-003" and first[1] == "Alert not acknowledged: temperature"
    assert first[2].startswith("since ")
    assert button.text() == f"Due now: {due.model().rowCount()}"
    due.setCurrentIndex(due.model().index(0, 0))
    qtbot.keyClick(due, Qt.Key_Return)
    qtbot.wait(50)
    assert window.patient_view.chart.patient.study_id == "DEMO-003"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_column_fits_the_list_at_1366_by_768(qtbot, window, prompts, qapp, language):
    """Ward walk at 1366×768: "Next due" was cut and the list scrolled sideways. Every column's header
    is whole, all five fit the list's default width (no sideways scroll bar), and a state cut short
    has its whole words in its tooltip — in English and in Japanese."""
    from nkdesk.ui import language as window_language

    try:
        assert window_language.apply(language, qapp)
        window.resize(1366, 768)
        sign_in(window, prompts, *NURSE)
        qtbot.wait(300)
        table = window.findChild(QTableView, "patient_list")
        header = table.horizontalHeader()
        assert not table.horizontalScrollBar().isVisible()
        assert sum(header.sectionSize(c) for c in range(header.count())) <= table.viewport().width()
        margin = header.style().pixelMetric(QStyle.PM_HeaderMargin, None, header)
        for column in range(header.count()):     # each header's words whole, with the style's margins
            words = table.model().headerData(column, Qt.Horizontal, Qt.DisplayRole)
            assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(words) + 2 * margin, words
        model = table.model()
        for row in range(model.rowCount()):
            state = model.index(row, 2)
            assert state.data(Qt.ToolTipRole) == state.data(Qt.DisplayRole)
    finally:
        window_language.apply("en", qapp)
