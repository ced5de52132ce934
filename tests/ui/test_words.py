"""The window's word tables for data values stay whole: every analyte the rules know has its
translatable label, in the rules' own English wording (what the English window showed before)."""
from __future__ import annotations

import pytest

from nkdesk.rules import analytes
from nkdesk.ui import words


def test_every_analyte_has_its_label_in_the_words_table():
    known = {name: analytes.find(name).label for name in analytes.names()}
    assert known == words.ANALYTES


def test_an_unknown_analyte_keeps_its_own_label():
    assert words.analyte("no_such_analyte", "Something") == "Something"


def test_every_printable_form_has_its_title_in_the_print_menu_table():
    from nkdesk.forms import catalogue
    from nkdesk.ui.window_files import FORM_TITLES

    assert {form.name: form.title for form in catalogue.FORMS} == FORM_TITLES


def _japanese(text: str) -> bool:
    import re

    # Japanese characters, and no English word left (a half-translated "生年月日: this is needed." fails)
    return re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text) is not None and re.search(r"[a-z]{3,}", text) is None


def test_texts_from_tables_and_helpers_are_found_in_the_catalogue_at_run_time(qapp):
    """lupdate files a text under the context it reads in the source; the window must look it up
    under that same context, or the text stays English although the catalogue has its Japanese
    (a parent.tr() or a module-level tr() did exactly that)."""
    from nkdesk.rules import protocol as protocols
    from nkdesk.rules.errors import InputError
    from nkdesk.ui import language, messages
    from nkdesk.ui.calendar_page import HEADERS as CALENDAR_HEADERS
    from nkdesk.ui.calendar_page import CalendarModel
    from nkdesk.ui.criteria_review import CriteriaModel, status_words
    from nkdesk.ui.dosing_page import STATUS_WORDS
    from nkdesk.ui.due_now import KIND_WORDS, DueNowModel
    from nkdesk.ui.window_files import FORM_TITLES

    protocol = protocols.load()
    field = next(f for f in protocol.fields.values() if f.ja.get("label"))

    class Criterion:
        kind, met, boundary, status = "inclusion", True, False, "ok"

    def shown() -> list[str]:
        due = DueNowModel()
        return [
            messages.problem_words(InputError("birth_date", "required", code="required")),
            messages.field_label("sampled_on"),
            messages.field_label(field.path, protocol),
            words.analyte("platelets", "Platelets"),
            words.patient_state("mid_infusion"),
            CalendarModel(None).headers[0],
            CriteriaModel(None).headers[0],
            status_words(None, Criterion())[0],
            due.headerData(1, Qt.Horizontal),
            due.what(type("Item", (), {"kind": "event", "event_kind": "apheresis"})()),
            QCoreApplication.translate("DosingPage", STATUS_WORDS["verified"]),
            QCoreApplication.translate("MainWindow", FORM_TITLES["eligibility"]),
        ]

    from PySide6.QtCore import QCoreApplication, Qt

    english = shown()
    assert english[:2] == ["Date of birth: this is needed.", "Sampled on"]
    assert english[5] == CALENDAR_HEADERS[0] and english[9] == KIND_WORDS["apheresis"]
    try:
        assert language.apply("ja", qapp)
        japanese = shown()
    finally:
        language.apply("en", qapp)
    assert [text for text in japanese if not _japanese(text)] == []
    assert shown() == english


@pytest.mark.parametrize("label, japanese", [("1 h after start", "開始1時間後"), ("Before infusion", "投与前"),
                                             ("unscheduled, 74 min after start", "予定外・開始74分後")])
def test_a_vital_sign_sets_label_is_in_the_windows_language(qapp, label, japanese):
    """Ward walk: the banner's alert line said "1 h after start" on the Japanese screen."""
    from nkdesk.ui import language, words

    assert words.vital_set(label) == label
    language.apply("ja", qapp)
    try:
        assert words.vital_set(label) == japanese
    finally:
        language.apply("en", qapp)


def test_the_news2_response_under_the_grid_is_in_japanese(qapp):
    """Ward walk: "Ward-based response. Minimum 4–6 hourly. Inform registered nurse…" on the Japanese
    screen. Every trigger and response of RCP 2017 charts 3 and 4 (rules.news2) has its Japanese."""
    from nkdesk.forms.words_ja import JA
    from nkdesk.rules import news2

    texts = [*news2.TRIGGERS.values()] + [text for monitoring, actions in news2.RESPONSES.values()
                                          for text in (monitoring, *actions)]
    assert [text for text in texts if text not in JA] == []
