"""Layout at 1366×768 with the demo data (issue 16): on every screen of every demo patient, no label
or button is smaller than its text (size hint vs size; a wrapped label's height for its width);
the status bar's texts never overlap, even with long ones; "Larger text" re-lays out the screens
already open, and the screens this round rebuilt (patient list, Labs tab, status bar) still fit."""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from nkdesk.services import patients as patient_service
from nkdesk.ui.style import BASE_POINT_SIZE, apply_style
from nkdesk.ui.vitals_row import COLUMNS
from tests.ui.conftest import sign_in
from tests.ui.layout_checks import overlapping, smaller_than, too_small

INVESTIGATOR = ("dr.tanaka", "tanaka-demo")


def _every_screen(qtbot, window):
    """(patient, tab name) for each tab of each demo patient, the window showing it."""
    view = window.patient_view
    for summary in patient_service.roster(window.session.store):
        view.show_patient(summary.id)
        for index in range(view.tabs.count()):
            view.tabs.setCurrentIndex(index)
            qtbot.wait(20)
            yield summary.study_id, view.tabs.tabText(index).replace("&", "")


def test_every_screen_fits_its_texts_at_1366_by_768(qtbot, window, prompts):
    window.resize(1366, 768)
    sign_in(window, prompts, *INVESTIGATOR)
    qtbot.wait(50)
    assert (window.width(), window.height()) == (1366, 768)
    found = [f"{patient} {tab}: {problem}" for patient, tab in _every_screen(qtbot, window)
             for problem in too_small(window)]
    assert found == []


def test_the_status_bar_texts_never_overlap(qtbot, window, prompts):
    """A long name, a long database path and a passing message at once: each is elided with its
    whole text in its tooltip, and no two status-bar texts share a pixel."""
    window.resize(1366, 768)
    sign_in(window, prompts, *INVESTIGATOR)
    window.user_label.setText("Signed in: Dr Kenji Tanaka-Yamamoto-Watanabe (principal investigator)")
    window.db_label.setText("Database: /mnt/hospital-share/departments/hepatology/trials/jRCTb060200020/"
                            "ward-3/nkdesk.sqlite3")
    window.say("Backed up to /mnt/hospital-share/departments/hepatology/trials/backups/nkdesk-2026-12-06.sqlite3")
    qtbot.wait(50)
    bar = window.statusBar()
    assert overlapping(bar) == [] and too_small(bar) == []
    labels = [window.findChild(QLabel, n) for n in ("status_user", "status_database", "status_message",
                                                    "status_backup")]
    right_edges = [label.geometry().right() for label in labels]
    assert right_edges == sorted(right_edges)
    assert labels[1].toolTip() == labels[1].text()      # elided: the whole path is in the tooltip


def test_larger_text_grows_the_screens_already_open(qtbot, window, prompts):
    """View › Larger text at 1.5×: the open patient list, search box and status bar take the larger
    font at once, and the rebuilt screens still fit their texts."""
    sign_in(window, prompts, *INVESTIGATOR)
    view = window.patient_view
    view.show_patient(patient_service.by_study_id(window.session.store, "DEMO-003").id)
    view.tabs.setCurrentWidget(view.labs)
    qtbot.wait(50)
    search = window.findChild(QLineEdit, "patient_search")
    app = QApplication.instance()
    original = QFont(app.font())
    try:
        assert search.font().pointSizeF() < BASE_POINT_SIZE * 1.5
        for _ in range(5):
            window.change_font_scale(0.1)
        qtbot.wait(100)
        larger = BASE_POINT_SIZE * 1.5
        assert search.font().pointSizeF() == larger
        assert window.findChild(QLabel, "status_user").font().pointSizeF() == larger
        assert view.labs.findChild(QLineEdit, "labtab_wbc_value").font().pointSizeF() == larger
        assert too_small(window.patients) == [] and too_small(view.labs) == []
        assert too_small(window.statusBar()) == [] and overlapping(window.statusBar()) == []
        assert window.patients.table.rowHeight(0) >= window.patients.table.fontMetrics().height()
    finally:   # the font belongs to the application, which the next tests share
        app.setFont(original)
        app.setStyleSheet(app.styleSheet())


def test_larger_text_reaches_every_label_on_every_screen(qtbot, window, prompts):
    """At 1.5× (View › Larger text five times) no widget on any screen of any demo patient keeps a
    font smaller than the window's — the AE proposal line and the dose order's status included —
    except the ones scaled relative to it on purpose, which are that fraction of the larger font."""
    window.resize(1366, 768)
    app = QApplication.instance()
    original, sheet = QFont(app.font()), app.styleSheet()
    apply_style(app)        # as `nkdesk gui` starts: the base font and the application style sheet
    sign_in(window, prompts, *INVESTIGATOR)
    try:
        for _ in range(5):
            window.change_font_scale(0.1)
        qtbot.wait(100)
        larger = BASE_POINT_SIZE * 1.5
        assert app.font().pointSizeF() == larger
        found = {f"{tab}: {problem}" for _patient, tab in _every_screen(qtbot, window)
                 for problem in smaller_than(window, larger)}
        assert sorted(found) == [], "\n".join(sorted(found))
    finally:
        app.setFont(original)
        app.setStyleSheet(sheet)
        qtbot.wait(50)   # the screens re-measure for the restored font while the window is still open


def _sideways(scroll) -> int:
    """How far a scroll area or table scrolls sideways (0: everything in view)."""
    return scroll.horizontalScrollBar().maximum()


def test_infusion_and_calendar_fit_beside_the_patient_list_at_1366_by_768(qtbot, window, prompts):
    """At 1366×768 with the patient list VISIBLE (the ward's usual view, about 920 px for the tab) and
    the window's own font (`apply_style`, as `nkdesk gui` starts): the vital-signs grid of the
    infusing patient (DEMO-003) and the treatment calendar show every column without a horizontal
    scroll bar, and no text on either screen is cut."""
    app = QApplication.instance()
    original, sheet = QFont(app.font()), app.styleSheet()
    apply_style(app)
    try:
        window.resize(1366, 768)
        sign_in(window, prompts, *INVESTIGATOR)
        view = window.patient_view
        view.show_patient(patient_service.by_study_id(window.session.store, "DEMO-003").id)
        qtbot.wait(50)
        assert window.patients.isVisible() and window.width() == 1366
        view.tabs.setCurrentWidget(view.infusion)
        qtbot.wait(100)
        grid = view.infusion.page.grid
        assert _sideways(grid.scroll) == 0, f"grid {grid.width()} px: {grid._widths}"
        row = grid.rows[0]
        viewport = grid.scroll.viewport().rect()
        for cell in (*grid.headings, row.heading, row.news2, *(row.editors[n] for n in COLUMNS)):
            assert viewport.contains(cell.geometry().translated(grid.body.pos())), cell.objectName()
        assert too_small(view.infusion) == []
        view.tabs.setCurrentWidget(view.calendar)
        qtbot.wait(100)
        table = view.calendar.page.table
        assert table.model().rowCount() > 0
        assert _sideways(table) == 0
        assert too_small(view.calendar) == []
    finally:   # the font belongs to the application, which the next tests share
        app.setFont(original)
        app.setStyleSheet(sheet)
        qtbot.wait(50)
