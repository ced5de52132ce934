"""Issue 18: the forms in the site's forms language — Japanese, or both — with era dates, and
every word the forms print in the catalogue (nkdesk/forms/words_ja.py)."""
from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from nkdesk.forms import catalogue, words
from nkdesk.forms.words_ja import JA
from nkdesk.services import demo, printing
from tests.forms.conftest import PRINTED_AT
from tests.forms.pdf import embedded_fonts, flat, pages_text

ROOT = Path(__file__).resolve().parents[2]
# What each form prints as its first heading or column header, in Japanese (words_ja.JA's wording).
HEADINGS_JA = {"eligibility": ("適格性確認チェックリスト", "判定"),
               "dose-order": ("フィルグラスチム投与指示書", "体表面積"),
               "calendar": ("治療カレンダー", "予定日"),
               "vitals": ("投与時バイタルサイン記録", "バイタルサイン"),
               "ae-log": ("有害事象一覧", "グレード"),
               "summary": ("患者サマリー", "登録状況")}
SAYERS = ("say", "say_inline")
ERA_DATE = re.compile(r"令和\d+年\d+月\d+日")


@pytest.fixture
def demo_store(store):
    demo.populate(store, "tester")
    return store


DEMO_PATIENTS = ("DEMO-001", "DEMO-002", "DEMO-003", "DEMO-004", "DEMO-005")


def render_all(store, site_settings, language: str, era: bool) -> dict[tuple[str, str], str]:
    """Every form of every demo patient in `language`: (study ID, form) → the PDF's text, printed
    as `nkdesk form` prints (the operating-system user)."""
    from nkdesk.services import patients
    from nkdesk.storage import users

    actor = users.os_actor(store, "tester")
    settings = dataclasses.replace(site_settings, forms_language=language, era_dates=era)
    texts = {}
    for study_id in DEMO_PATIENTS:
        patient = patients.by_study_id(store, study_id)
        assert patient is not None, study_id
        for name in catalogue.names():
            pdf = printing.make_pdf(name, store, patient, actor, settings, printed_at=PRINTED_AT)
            texts[(study_id, name)] = "\n".join(pages_text(pdf))
            if (study_id, name) == ("DEMO-003", "vitals") and language != "en":   # Japanese set in IPAex Gothic
                assert any("IPAex" in font for font in embedded_fonts(pdf)), embedded_fonts(pdf)
    return texts


def test_every_form_of_the_demo_database_in_japanese_with_era_dates(demo_store, site_settings):
    """Japanese headings on every form, era dates beside the Western ones, no word missing."""
    words.MISSES.clear()
    texts = render_all(demo_store, site_settings, "ja", era=True)
    assert set() == words.MISSES, sorted(words.MISSES)
    for (study_id, name), text in texts.items():
        for heading in HEADINGS_JA[name]:
            assert heading in flat(text), (study_id, name, heading)
        assert "ページ" in text and "Page " not in text, (study_id, name)
        assert ERA_DATE.search(flat(text)), (study_id, name)
    # no English heading left: a sample of the catalogue's words that are plainly English
    for english in ("Verdict:", "Body surface area", "Electronic signature manifest", "Time point", "Onset"):
        assert not any(english in text for text in texts.values()), english
    eligibility = flat(texts[("DEMO-002", "eligibility")])
    assert "電子署名の記録" in eligibility and "除外基準" in eligibility and "選択基準" in eligibility
    assert "体表面積" in flat(texts[("DEMO-002", "dose-order")])
    # the syringe's product name as the site's data names it in Japanese (the default stock: 300 µg/0.7 mL)
    assert flat("フィルグラスチム 300 µg/0.7 mL") in flat(texts[("DEMO-003", "dose-order")])


def test_every_form_in_both_languages(demo_store, site_settings):
    """"both": the Japanese and the English side by side; without era_dates no era date."""
    words.MISSES.clear()
    texts = render_all(demo_store, site_settings, "both", era=False)
    assert set() == words.MISSES, sorted(words.MISSES)
    for (study_id, name), text in texts.items():
        for heading in HEADINGS_JA[name]:
            assert heading in flat(text), (study_id, name, heading)
        assert not ERA_DATE.search(flat(text)), (study_id, name)
    dose_order = flat(texts[("DEMO-003", "dose-order")])
    assert "体表面積/Bodysurfacearea" in dose_order
    assert "シリンジの内訳（1回あたり）/Syringeplan(peradministration)" in dose_order
    # a sentence that takes a translated value prints each language's words once
    assert "指示の状態：有効（二重確認済み）/Orderstatus:ACTIVE(verified)" in dose_order


def test_english_is_the_default_and_prints_no_japanese_words(demo_store, site_settings):
    """The site default (forms_language "en", as `nkdesk form` prints): none of the catalogue's Japanese."""
    assert site_settings.forms_language == "en" and site_settings.era_dates is False
    texts = render_all(demo_store, site_settings, "en", era=False)
    for text in texts.values():
        assert "Page 1 of" in text and "ページ" not in text and not ERA_DATE.search(text)
    assert "Body surface area" in texts[("DEMO-002", "dose-order")]


def _said_literals() -> set[str]:
    """Every string literal the forms hand to `say` (directly, in a conditional or a dict, or as
    the items of a tuple that a comprehension passes through `say`)."""
    found: set[str] = set()
    files = sorted((ROOT / "nkdesk" / "forms").glob("*.py")) + [ROOT / "nkdesk" / "services" / "printing.py"]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SAYERS and node.args:
                found |= _texts(node.args[0])
            if isinstance(node, (ast.ListComp, ast.GeneratorExp)) and isinstance(node.elt, ast.Call) \
                    and getattr(node.elt.func, "id", None) in SAYERS:
                for generator in node.generators:
                    if isinstance(generator.iter, (ast.Tuple, ast.List)):
                        found |= {e.value for e in generator.iter.elts if isinstance(e, ast.Constant)}
    return found


def _texts(node: ast.expr) -> set[str]:
    """The literal texts an argument of `say` can be: itself, either branch of a conditional,
    either side of an `or`, the values of a dict literal it looks up."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _texts(node.body) | _texts(node.orelse)
    if isinstance(node, ast.BoolOp):
        return set().union(*(_texts(v) for v in node.values))
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Dict):
        return set().union(*(_texts(v) for v in node.value.values))
    return set()


def test_every_literal_the_forms_say_is_in_the_catalogue():
    said = _said_literals()
    assert len(said) > 200    # the scan sees the forms' words (it would pass on an empty scan otherwise)
    assert sorted(said - set(JA)) == []


def test_every_word_table_of_the_forms_is_in_the_catalogue():
    """The code → words tables (passed to `say` through a variable) are translated too."""
    from nkdesk.domain import PATIENT_STATES
    from nkdesk.forms import ae_log_form, calendar_form, dose_order_form, summary_form, vitals_form
    from nkdesk.rules import adverse_events as ae

    tables = (calendar_form.KIND_WORDS, calendar_form.STATUS_WORDS, vitals_form.OXYGEN_DEVICES,
              ae_log_form.CRITERIA_WORDS, ae_log_form.CRITERIA_SHORT, ae_log_form.RELATEDNESS_WORDS,
              ae_log_form.ACTION_WORDS, ae_log_form.OUTCOME_WORDS, ae_log_form.OUTCOME_SHORT, ae_log_form.SOURCE_WORDS,
              summary_form.STOP_REASONS, summary_form.VERDICTS, dose_order_form.STATUS_WORDS, PATIENT_STATES,
              {f.name: f.title for f in (*catalogue.FORMS, catalogue.SERIOUS_EVENT_REPORT)},
              {k: name for k, (name, _unit) in vitals_form.ALERT_WORDS.items()},
              {name: label for name, label, _colour in vitals_form.SERIES}, ae.RECIPIENT_WORDS)
    missing = [text for words_table in tables for text in words_table.values() if text not in JA]
    assert missing == []
    assert ae_log_form.PROMPT_REPORT_RULE in JA
    from nkdesk.rules import dosing

    for caution in (*dosing.FILGRASTIM_CAUTIONS, dosing.SPLIT_DOSE_DEVIATION):
        assert caution.text in JA, caution.code


def test_say_pairs_and_dates():
    """The one function the forms call: English unchanged, Japanese, both; the era date beside."""
    import datetime as dt

    assert words.say("Body surface area") == "Body surface area"
    with words.printing_in("ja", era_dates=True):
        assert words.say("Body surface area") == "体表面積"
        assert words.say("{days} days", days=3) == "3日"
        # 2026 is 令和8年 (令和元年 = 2019, 平成31年政令第143号)
        assert words.day(dt.date(2026, 12, 5), weekday=True) == "2026-12-05(土) (令和8年12月5日)"
    with words.printing_in("both"):
        assert words.say("Body surface area") == "体表面積 / Body surface area"
        assert words.day(dt.date(2026, 12, 5)) == "2026-12-05"
    with pytest.raises(ValueError), words.printing_in("fr"):
        pass


def test_the_serious_event_report_in_japanese():
    """The serious-event report (none in the demo database): ICH E2A criteria, the Article 35 clock
    and the CTCAE term and grade wording in Japanese, with no word missing from the catalogue."""
    import datetime as dt

    from nkdesk.forms import ae_log_form
    from nkdesk.forms.base import FormHeader, render
    from nkdesk.rules.adverse_events import AdverseEventEntry

    onset = dt.datetime(2026, 12, 17, 10, 28)
    entries = [AdverseEventEntry("Cytokine release syndrome", 2, onset, worst_grade=3, serious=True,
                                 serious_criteria=("hospitalisation",), relatedness="probable",
                                 action="infusion_stopped", outcome="recovering", cycle=1, days_since_infusion=0),
               AdverseEventEntry("Sepsis", 4, onset + dt.timedelta(days=2), serious=True, serious_criteria=("death",),
                                 relatedness="possible", outcome="fatal", cycle=1, days_since_infusion=2,
                                 resolution=onset + dt.timedelta(days=3, hours=2))]
    words.MISSES.clear()
    with words.printing_in("ja", era_dates=True):
        header = FormHeader("jRCTb060200020", "NK-007", "HS", words.say("Adverse-event log"), ae_log_form.FORM_VERSION,
                            "Emi Ito", PRINTED_AT, "0.1.0", orientation="landscape")
        text = flat(" ".join(pages_text(render(header, ae_log_form.story(entries)))))
    assert not words.MISSES, sorted(words.MISSES)
    # the Japanese of ICH E2A's criteria as the PMDA/MHLW forms word them
    for expected in ("重篤な有害事象報告書", "治療のための入院又は入院期間の延長が必要となるもの", "死に至るもの",
                     "認定再生医療等委員会", "サイトカイン放出症候群", "おそらく関連あり", "軽快", "1日2時間",
                     "令和8年12月17日"):
        assert expected in text, expected
    assert "Results in death" not in text and "ongoing" not in text
