"""The AE log and the vital-sign history are models updated row by row (issue 11, item 5): a new
record inserts one row, a changed one repaints its own cells, nothing resets the whole table."""
from __future__ import annotations

from datetime import datetime, timedelta

from nkdesk.rules import protocol
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.ui.adverse_events_page import AdverseEventsPage
from nkdesk.ui.row_model import Row, RowModel


def _spy(model):
    seen: list[tuple] = []
    model.rowsInserted.connect(lambda _p, first, last: seen.append(("inserted", first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: seen.append(("removed", first, last)))
    model.dataChanged.connect(lambda top, bottom, *_: seen.append(("changed", top.row(), bottom.row())))
    model.modelReset.connect(lambda: seen.append(("reset",)))
    return seen


def test_rows_change_one_by_one(qapp):
    model = RowModel(["a", "b"])
    model.set_rows([Row(1, ("x", "1")), Row(2, ("y", "2"))])
    seen = _spy(model)
    model.set_rows([Row(1, ("x", "1")), Row(2, ("y", "3")), Row(3, ("z", "4"))])
    assert seen == [("changed", 1, 1), ("inserted", 2, 2)]
    seen.clear()
    model.set_rows([Row(1, ("x", "1")), Row(3, ("z", "4"))])
    assert seen == [("removed", 1, 1)]
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["1", "4"]
    seen.clear()
    model.set_rows([Row(0, ("w", "0")), Row(1, ("x", "1")), Row(3, ("z", "4"))])
    assert seen == [("inserted", 0, 0)]
    seen.clear()
    model.set_rows([Row(3, ("z", "4")), Row(1, ("x", "1"))])     # reordered: only then a reset
    assert seen == [("reset",)]


def test_the_ae_log_inserts_a_new_ae_as_one_row_and_says_what_is_incomplete(qtbot):
    page = AdverseEventsPage(protocol.load())
    qtbot.addWidget(page)
    onset = datetime(2026, 12, 22, 10, 15)
    fever = AdverseEventEntry("Fever", 1, onset)
    page.set_events([fever], [("relationship", "outcome (or ongoing)")], [7])
    seen = _spy(page.table.model())
    nausea = AdverseEventEntry("Nausea", 1, onset + timedelta(hours=2), relatedness="possible", outcome="recovering")
    page.set_events([fever, nausea], [("relationship", "outcome (or ongoing)"), ()], [7, 9])
    assert seen == [("inserted", 1, 1)]
    model = page.table.model()
    assert model.index(0, 9).data() == "incomplete: relationship, outcome (or ongoing)"
    assert model.index(1, 9).data() == "complete"
