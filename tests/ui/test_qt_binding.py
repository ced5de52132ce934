"""The Qt binding itself: guards against a PySide6 release that corrupts Python's reference counts.

PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None each time a Qt call returns a
null pointer; after a few thousand calls the interpreter aborts ("none_dealloc"). pyproject.toml
therefore pins below 6.12; this test fails if an upgrade brings the fault back.
"""
from __future__ import annotations

import sys


def test_null_returns_do_not_consume_references_to_none(qtbot):
    """1,000 calls returning None leave None's reference count where it was."""
    from PySide6.QtWidgets import QTableWidget

    table = QTableWidget(2, 2)
    qtbot.addWidget(table)
    before = sys.getrefcount(None)
    for _ in range(1000):
        table.item(0, 0)
        table.parent()
    assert abs(sys.getrefcount(None) - before) < 50
