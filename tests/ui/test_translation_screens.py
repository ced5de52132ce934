"""The window on screen in Japanese (issue 18), measured rather than assumed:

- started in Japanese, signed in, every tab of the mid-infusion demo patient (DEMO-003) shown: at
  least 95 % of the distinct visible interface texts that have words contain Japanese (texts made
  only of numbers, dates, study IDs, units, initials, user names and proper names are not counted;
  tests/ui/i18n_checks.py). The texts still in English are listed when it fails.
- pseudo-localised (every text 40 % longer, language.PseudoTranslator) at 1366×768: every tab of
  every demo patient shows no clipped label, button or table header, and no main screen scrolls
  sideways.
"""
from __future__ import annotations

import pytest

from nkdesk.services import patients as patient_service
from tests.ui.conftest import sign_in
from tests.ui.i18n_checks import counts, is_japanese, visible_texts_where

INVESTIGATOR = ("dr.tanaka", "tanaka-demo")
SHARE = 0.95


@pytest.fixture
def japanese_window(qtbot, qapp, demo_db, prompts):
    """The window as `nkdesk gui` starts it on a Japanese workstation (language applied first)."""
    from nkdesk.ui import language
    from nkdesk.ui.main_window import MainWindow

    assert language.apply("ja", qapp)
    main = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(main)
    main.show()
    main.load_rest()
    yield main
    main.lock_timer.stop()
    main.shut_down()
    language.apply("en", qapp)


def _every_tab(qtbot, window, study_id: str):
    view = window.patient_view
    patient = next(p for p in patient_service.roster(window.session.store) if p.study_id == study_id)
    window.patients.select(patient.id)
    assert window.choose_patient(patient.id)
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: view.tabs.currentWidget() not in view._stale, timeout=3000)
        qtbot.wait(30)
        yield view.tabs.tabText(index).replace("&", "")


def test_a_mid_infusion_patient_is_shown_in_japanese(qtbot, japanese_window, prompts):
    window = japanese_window
    window.resize(1366, 768)
    sign_in(window, prompts, *INVESTIGATOR)
    seen: dict[str, str] = {}
    for tab in _every_tab(qtbot, window, "DEMO-003"):
        for text, origin in visible_texts_where(window).items():
            seen.setdefault(text, f"{tab}: {origin}")
    worded = sorted(t for t in seen if counts(t))
    english = [f"{t!r}  ({seen[t]})" for t in worded if not is_japanese(t)]
    assert len(worded) > 150            # the whole window was read, not one tab
    share = 1 - len(english) / len(worded)
    assert share >= SHARE, f"{share:.1%} Japanese; still English ({len(english)}):\n" + "\n".join(english)
