"""The treatment calendar opens on today's or the next event (ward walk: DEMO-003's list of 48 events
opened on the first G-CSF three weeks ago, and today's work was out of view).

A guard of the behaviour: the walk's failure showed on a real X screen (the list scrolled while its
tab was hidden, filled in idle time) and did not reproduce offscreen, where this passes on the
former code too; the fix (scroll again when shown) was checked with walk.sh at 1366×768."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTableView

from tests.ui.conftest import open_patient, sign_in


def test_the_calendar_list_shows_the_next_event_when_opened(qtbot, window, prompts):
    sign_in(window, prompts, "rn.ito", "ito-ward-demo")
    window.resize(1366, 768)
    open_patient(qtbot, window, "DEMO-003")
    qtbot.wait(600)                        # the other tabs, the calendar too, are filled meanwhile, unseen
    view = window.patient_view
    view.tabs.setCurrentWidget(view.calendar)
    qtbot.wait(200)
    table = view.calendar.findChild(QTableView)
    events = view.calendar.page.events
    assert events, "the calendar shows DEMO-003's stored events"
    row = next(i for i, e in enumerate(events) if e.date >= date.today())
    assert row > 10                                            # far below the first rows: scrolling was needed
    shown = table.visualRect(table.model().index(row, 0))
    assert table.viewport().rect().contains(shown.center()), (row, shown)
