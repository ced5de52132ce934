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

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStyle, QWidget

from nkdesk.services import patients as patient_service
from tests.ui.conftest import sign_in
from tests.ui.i18n_checks import counts, is_japanese, visible_texts_where
from tests.ui.layout_checks import too_small

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


@pytest.fixture
def pseudo_window(qtbot, qapp, demo_db, prompts):
    """The window with every text 40 % longer (what a longer language would need)."""
    from nkdesk.ui.language import PseudoTranslator
    from nkdesk.ui.main_window import MainWindow

    pseudo = PseudoTranslator()
    qapp.installTranslator(pseudo)
    main = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    main.load_rest()
    yield main
    main.lock_timer.stop()
    main.shut_down()
    qapp.removeTranslator(pseudo)


def _clipped_headers(root: QWidget) -> list[str]:
    """Table headers whose text is wider than its section (the font's own measure of the text)."""
    found = []
    for view in root.findChildren(QAbstractItemView):
        if not view.isVisibleTo(root):
            continue
        header = getattr(view, "horizontalHeader", None)
        if header is None or not header().isVisible():
            continue
        header = header()
        model = view.model()
        metrics = header.fontMetrics()
        margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
            needed = metrics.horizontalAdvance(text) + margin   # the text and the style's margins
            if text and needed > header.sectionSize(section):
                found.append(f"{view.objectName() or type(view).__name__} header {text!r}: needs {needed} px, "
                             f"has {header.sectionSize(section)}")
    return found


def test_pseudo_localised_texts_fit_every_tab_at_1366_by_768(qtbot, pseudo_window, prompts):
    window = pseudo_window
    sign_in(window, prompts, *INVESTIGATOR)
    qtbot.wait(50)
    assert (window.width(), window.height()) == (1366, 768)
    assert window.patient_view.tabs.tabText(0).endswith("·")     # the pseudo-translation is on
    found = []
    for summary in patient_service.roster(window.session.store):
        for tab in _every_tab(qtbot, window, summary.study_id):
            # clipped texts only (issue 18: size hint vs size): a table 40 % wider than the screen may
            # scroll sideways, each text still whole; the patient list's fit at 1× is tested apart
            found += [f"{summary.study_id} {tab}: {problem}"
                      for problem in too_small(window) + _clipped_headers(window)]
    assert found == [], "\n".join(found)


def test_the_adverse_event_dialog_offers_terms_and_grades_in_japanese(qtbot, qapp):
    """Ward walk: the whole CTCAE term list and the grade definitions were English, so typing 発熱
    found nothing. JCOG's names (CTCAE v5.0 日本語訳 JCOG 版) come first, CTCAE's English beside."""
    from PySide6.QtWidgets import QComboBox, QLabel

    from nkdesk.rules import protocol as protocols
    from nkdesk.ui import language
    from nkdesk.ui.adverse_event_dialog import AdverseEventDialog

    language.apply("ja", qapp)
    try:
        dialog = AdverseEventDialog(protocols.load())
        qtbot.addWidget(dialog)
        term = dialog.findChild(QComboBox, "ae_term")
        fever = term.findData("Fever")
        assert term.itemText(fever).startswith("発熱（Fever）")
        term.setCurrentIndex(fever)
        assert "発熱" in dialog.grade_box.title()
        term.setCurrentIndex(term.findData("Nausea"))
        # JCOG 版 CTCAE v5.0, 悪心 Grade 1 (the wording in rules/ctcae_v5.toml was checked against it)
        assert dialog.findChild(QLabel, "ae_grade_definition_1").text() == "摂食習慣に影響のない食欲低下"
    finally:
        language.apply("en", qapp)


def test_the_dosing_screen_speaks_the_protocols_japanese(qtbot, japanese_window, prompts):
    """Ward walk: "filgrastim (rhG-CSF), Kyowa Kirin filgrastim syringe 皮下注、once daily: 16 11月…" and
    "619.8 µg/day" beside "600 µg/日". The drug and frequency come from the protocol file's Japanese
    (drug_ja, frequency_ja), dates as 11月16日, doses as the form prints them."""
    window = japanese_window
    sign_in(window, prompts, *INVESTIGATOR)
    view = window.patient_view
    patient = next(p for p in patient_service.roster(window.session.store) if p.study_id == "DEMO-003")
    view.show_patient(patient.id)
    view.tabs.setCurrentWidget(view.dosing)
    qtbot.wait(100)
    course = view.findChild(QLabel, "dosing_course").text()
    summary = view.findChild(QLabel, "dosing_summary").text()
    assert "フィルグラスチム" in course and "1日1回" in course and "once daily" not in course
    assert re.search(r"\d{1,2}月\d{1,2}日", course)
    assert "µg/day" not in summary and "µg/日" in summary


def test_the_labs_tab_names_the_graded_term_in_japanese(qtbot, japanese_window, prompts):
    """Ward walk: the grade beside a low platelet count read "低；Platelet count decreased グレード 3".
    Platelets 4.5 ×10⁴/µL (45,000/mm³: CTCAE v5.0 grade 3, <50,000–25,000/mm³) typed on the Labs tab:
    the grade names the term as JCOG's Japanese CTCAE does (血小板数減少)."""
    from PySide6.QtWidgets import QLabel, QLineEdit

    window = japanese_window
    sign_in(window, prompts, "rn.ito", "ito-ward-demo")
    patient = next(p for p in patient_service.roster(window.session.store) if p.study_id == "DEMO-003")
    window.patients.select(patient.id)
    assert window.choose_patient(patient.id)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.labs)
    qtbot.wait(50)
    line = view.labs.findChild(QLineEdit, "labtab_platelets_value")
    line.setFocus()
    qtbot.keyClicks(line, "4.5")
    qtbot.wait(300)
    grade = view.labs.findChild(QLabel, "labtab_platelets_grade").text()
    assert "血小板数減少" in grade and "Platelet" not in grade
