"""The window's word tables for data values stay whole: every analyte the rules know has its
translatable label, in the rules' own English wording (what the English window showed before)."""
from __future__ import annotations

from nkdesk.rules import analytes
from nkdesk.ui import words


def test_every_analyte_has_its_label_in_the_words_table():
    known = {name: analytes.find(name).label for name in analytes.names()}
    assert known == words.ANALYTES


def test_an_unknown_analyte_keeps_its_own_label():
    assert words.analyte("no_such_analyte", "Something") == "Something"


def test_every_printable_form_has_its_title_in_the_print_menu_table():
    from nkdesk.forms import catalogue
    from nkdesk.ui.main_window import FORM_TITLES

    assert {form.name: form.title for form in catalogue.FORMS} == FORM_TITLES
