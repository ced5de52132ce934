"""CTCAE term names in Japanese (issue 18): the Japan Clinical Oncology Group's translation names
the terms (有害事象共通用語規準 v5.0 日本語訳 JCOG 版); a name not checked against it is marked
"translation to be reviewed" in the data, never passed off as JCOG's."""
from __future__ import annotations

import re

import pytest

from nkdesk.rules import ctcae

# Names read in public transcriptions of the JCOG v5.0 tables (navi.towa-oncology.jp regimen pages,
# "有害事象共通用語規準 v5.0日本語訳JCOG版"), written here independently of ctcae_v5.toml.
JCOG_V5 = {
    "Infusion related reaction": "注入に伴う反応",
    "Nausea": "悪心",
    "Vomiting": "嘔吐",
    "Neutrophil count decreased": "好中球数減少",
    "Lymphocyte count decreased": "リンパ球数減少",
    "Platelet count decreased": "血小板数減少",
    "Anemia": "貧血",
    "Constipation": "便秘",
    "Rash maculo-papular": "斑状丘疹状皮疹",
}


def test_every_term_has_a_japanese_name():
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert [t.name for t in ctcae.table().values() if not japanese.search(t.name_ja)] == []


@pytest.mark.parametrize("english, japanese", sorted(JCOG_V5.items()))
def test_checked_names_are_jcogs(english, japanese):
    term = ctcae.find_term(english)
    assert term.name_ja == japanese and term.name_ja_checked
    assert term.name_in("ja") == japanese and term.name_in("en") == english


def test_a_name_is_marked_checked_only_if_it_was_checked():
    assert {t.name for t in ctcae.table().values() if t.name_ja_checked} <= set(JCOG_V5)


def test_a_japanese_name_finds_its_term():
    assert ctcae.find_term("注入に伴う反応").name == "Infusion related reaction"


def test_every_grade_has_japanese_wording_and_jcogs_where_checked():
    """Each defined grade has its Japanese; '-' (no such grade) stays '-'. Where the wording was
    compared with the JCOG v5.0 transcription, a phrase read there is in it."""
    for term in ctcae.table().values():
        assert set(term.grades_ja) == set(term.grades), term.name
        for grade, english in term.grades.items():
            assert (term.grades_ja[grade] == "-") == (english.strip() == "-"), (term.name, grade)
    # JCOG v5.0 (navi.towa-oncology.jp transcription): 嘔吐 grade 2, 注入に伴う反応 grade 1, 悪心 grade 1
    assert "外来での静脈内輸液を要する" in ctcae.find_term("Vomiting").grade_wording(2, "ja")
    assert "軽度で一過性の反応" in ctcae.find_term("Infusion related reaction").grade_wording(1, "ja")
    assert ctcae.find_term("Nausea").grade_wording(1, "ja") == "摂食習慣に影響のない食欲低下"
    assert ctcae.find_term("Nausea").grade_wording(1, "en") == "Loss of appetite without alteration in eating habits"
