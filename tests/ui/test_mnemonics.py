"""Keyboard accelerators (Alt+letter) are unique on every screen, in English and in Japanese.

A ward user walked the window and pressed Alt+B for "Labs" on the eligibility screen; "Back" had
the same letter there, so Qt moved the focus between the two and opened neither (two widgets
sharing a mnemonic cycle the focus instead of acting). Here every letter the user can reach at once
is counted: the menu bar's titles, the patient's tab bar, and the shown buttons, check boxes and
labels with a buddy on the window's current screen (a hidden tab's buttons do not answer Alt).
"""
from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QWidget

from nkdesk.services import patients as patient_service
from nkdesk.ui import language
from tests.ui.conftest import sign_in

MNEMONIC = re.compile(r"&([^&\s])")
INVESTIGATOR = ("dr.tanaka", "tanaka-demo")


def _letter(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def _reachable(window) -> dict[str, list[str]]:
    """Each Alt letter reachable on the window as shown, with the texts that carry it."""
    letters: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        if (letter := _letter(action.text())) and action.isVisible():
            letters[letter].append(f"menu {action.text()!r}")
    bar = window.patient_view.tabs.tabBar()
    for index in range(bar.count()):
        if bar.isTabVisible(index) and (letter := _letter(bar.tabText(index))):
            letters[letter].append(f"tab {bar.tabText(index)!r}")
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QMenu) or not widget.isVisibleTo(window) or not widget.isEnabled():
            continue
        answers_alt = isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None)
        if answers_alt and (letter := _letter(widget.text())):
            letters[letter].append(f"{widget.objectName() or type(widget).__name__} {widget.text()!r}")
    return letters


@pytest.fixture(params=["en", "ja"])
def window_language(request, qapp):
    language.apply(request.param, qapp)
    yield request.param
    language.apply("en", qapp)


def test_no_two_things_on_a_screen_share_an_alt_letter(qtbot, window_language, window, prompts):
    window.resize(1366, 768)
    sign_in(window, prompts, *INVESTIGATOR)
    view = window.patient_view
    clashes = []
    for summary in patient_service.roster(window.session.store):
        view.show_patient(summary.id)
        for index in range(view.tabs.count()):
            view.tabs.setCurrentIndex(index)
            qtbot.wait(20)
            for letter, carriers in _reachable(window).items():
                if len(carriers) > 1:
                    clashes.append(f"{summary.study_id} tab {index}: Alt+{letter}: {', '.join(carriers)}")
    assert sorted(set(clashes)) == [], "\n".join(sorted(set(clashes)))
