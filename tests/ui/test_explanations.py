"""The rules' explanations reach a Japanese screen in Japanese (ward walk in Japanese, issue 18):
the CRS proposal's reasons, the eligibility evidence and cross-checks, the prompt report's clock,
and the syringes' product names (site data with its Japanese). In English the window shows the
rules' own sentences unchanged (the command line prints the same English)."""
from __future__ import annotations

import copy
import re
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from nkdesk.rules import assessment, crs, eligibility, protocol
from nkdesk.rules.phrases import Phrase

JRCT = protocol.load("jRCTb060200020")
ENGLISH_WORD = re.compile(r"[A-Za-z]{4,}")
# Names that read the same in a Japanese sentence (proper names, abbreviations)
KEPT = {"ASTCT", "NKDesk", "CPAP", "BiPAP", "CTCAE", "PIVKA", "ECOG", "mmHg", "NEWS"}


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def _english_left(text: str) -> list[str]:
    return [w for w in ENGLISH_WORD.findall(text) if w not in KEPT]


@pytest.fixture
def japanese(qapp):
    from nkdesk.ui import language

    language.apply("ja", qapp)
    yield
    language.apply("en", qapp)


# Lee 2019 (ASTCT) cases: every reason the proposal can give
CRS_CASES = [
    dict(temperature_c=38.3, hypotension=False),                                      # grade 1
    dict(temperature_c=39.0, hypotension=True),                                       # grade 2, no pressors
    dict(temperature_c=38.5, hypotension=True, vasopressors=1, vasopressin=True),      # grade 3
    dict(temperature_c=38.5, hypotension=True, vasopressors=2),                       # grade 4
    dict(temperature_c=38.5, hypotension=True, vasopressin=True),                     # vasopressin alone
    dict(temperature_c=38.5, hypotension=False, oxygen_device="nasal_cannula", o2_flow_l_min=4),
    dict(temperature_c=38.5, hypotension=False, oxygen_device="face_mask"),
    dict(temperature_c=37.0, hypotension=True, fever_masked=True),                     # fever masked
    dict(temperature_c=37.0, hypotension=True),                                       # no fever: not CRS
]


@pytest.mark.parametrize("case", CRS_CASES)
def test_every_crs_reason_is_worded_in_japanese_and_english_stays_the_rules(qapp, case):
    from nkdesk.ui import explanations, language

    proposal = crs.propose(**case)
    phrases = (*proposal.reason_phrases, proposal.note_phrase, *proposal.reading_phrases)
    assert [p.text for p in proposal.reason_phrases] == list(proposal.reasons)   # the CLI's English as before
    assert [explanations.said(p) for p in phrases] == [p.text for p in phrases]
    language.apply("ja", qapp)
    try:
        for phrase in phrases:
            assert explanations.known(phrase), phrase.code
            said = explanations.said(phrase)
            assert _has_japanese(said) and not _english_left(said), (phrase.code, said)
        line = explanations.crs_line(proposal)
    finally:
        language.apply("en", qapp)
    assert _has_japanese(line) and not _english_left(line), line


def test_the_grade_1_line_of_the_ward_walk_in_japanese(japanese):
    """The walk's line "CRS proposal (ASTCT 2019): grade 1 — fever 38.3 °C (≥ 38 °C). ASTCT counts …"."""
    from nkdesk.ui import explanations

    line = explanations.crs_line(crs.propose(temperature_c=38.3, hypotension=False))
    assert "グレード 1" in line and "発熱 38.3 ℃（38 ℃以上）" in line and "試験責任・分担医師" in line


def _result(contract_example: dict, **labs: str) -> eligibility.EligibilityResult:
    data = copy.deepcopy(contract_example)
    data["labs"].update(labs)
    return eligibility.evaluate(JRCT, assessment.parse(data, JRCT))


def test_the_evidence_of_every_criterion_is_worded_in_japanese(contract_example, japanese):
    from nkdesk.ui import explanations

    result = _result(contract_example)
    for criterion in result.criteria:
        assert criterion.evidence_phrases, criterion.id
        assert all(explanations.known(p, JRCT) for p in criterion.evidence_phrases), criterion.id
        said = explanations.evidence(criterion, JRCT)
        assert said and not _english_left(said), (criterion.id, said)   # "ECOG PS 0" reads the same


def test_the_platelet_cross_check_is_in_japanese(contract_example, qapp):
    """E4.v: platelets above 450 × 10⁹/L (WHO criterion for essential thrombocythaemia, Arber 2016)
    ask the investigator to confirm; the protocol file's Japanese is shown, the English stays for the CLI."""
    from nkdesk.ui import explanations, language

    result = _result(contract_example, platelets="52 10^4/uL")
    assert result.warnings and result.warnings[0].startswith("E4.v: ")
    assert explanations.warnings(result, JRCT) == result.warnings
    language.apply("ja", qapp)
    try:
        shown = explanations.warnings(result, JRCT)
    finally:
        language.apply("en", qapp)
    assert shown[0].startswith("E4.v：血小板数 ") and "骨髄増殖性疾患" in shown[0], shown
    assert not _english_left(shown[0])


@pytest.mark.parametrize(("today", "lead", "english", "japanese_words"), [
    (date(2026, 12, 7), "7日報告・報告期限まであと3日", "due in 3 days", "報告期限まであと3日"),
    (date(2026, 12, 9), "7日報告・報告期限まであと1日", "due in 1 day", "報告期限まであと1日"),
    (date(2026, 12, 10), "7日報告・報告期限は本日", "due today", "報告期限は本日"),
    (date(2026, 12, 12), "7日報告・期限超過（2日）", "OVERDUE BY 2 DAYS", "期限超過（2日）"),
])
def test_the_prompt_reports_clock_in_japanese(qapp, today, lead, english, japanese_words):
    """Enforcement regulation of the Act on the Safety of Regenerative Medicine, Art. 35: death or a
    case that may lead to death is reported within 7 days of the day the investigator learned of it
    (here 2026-12-03, due 2026-12-10)."""
    from nkdesk.services import adverse_events
    from nkdesk.ui import explanations, language

    record = SimpleNamespace(serious=True, serious_criteria=("life_threatening",), relatedness="possible",
                             investigator_aware_on=date(2026, 12, 3), onset=datetime(2026, 12, 2, 9, 0),
                             reported_to=(), reported_at=None)
    status = adverse_events.prompt_report_status(record, today)
    assert status.due == date(2026, 12, 10) and status.days == 7
    assert explanations.report_due(status, lead=True) == english
    assert explanations.report_recipients(status) == " and ".join(status.outstanding)
    language.apply("ja", qapp)
    try:
        assert explanations.report_due(status, lead=True) == lead
        assert explanations.report_due(status) == japanese_words
        assert explanations.report_recipients(status).startswith("認定再生医療等委員会")
        assert explanations.report_text(status, "law") == "再生医療等の安全性の確保等に関する法律施行規則 第35条"
        assert explanations.report_text(status, "category").startswith("死亡")
    finally:
        language.apply("en", qapp)


def test_every_default_syringe_has_its_japanese_name_and_the_plan_shows_it(qapp):
    """Site data carries its Japanese as data (as the protocol files carry label_ja)."""
    from nkdesk.domain import DoseOrderDetails
    from nkdesk.domain.settings import DEFAULT_SYRINGES
    from nkdesk.ui import language
    from nkdesk.ui.syringe_plan import SyringePlanModel

    assert all(s.name and _has_japanese(s.name_ja) for s in DEFAULT_SYRINGES)
    fields = {name: None for name in DoseOrderDetails.__dataclass_fields__}
    use = SimpleNamespace(strength_ug=300.0, count=2, volume_ml_each=0.7, name="filgrastim 300 µg/0.7 mL")
    order = DoseOrderDetails(**{**fields, "syringes": (use,), "split_daily_dose": False})
    model = SyringePlanModel()
    model.set_order(order)
    assert model.data(model.index(0, 0)) == "filgrastim 300 µg/0.7 mL"
    language.apply("ja", qapp)
    try:
        model.set_order(order)
        assert model.data(model.index(0, 0)) == "フィルグラスチム 300 µg/0.7 mL"
    finally:
        language.apply("en", qapp)


def test_an_unknown_code_falls_back_to_the_rules_english(japanese):
    from nkdesk.ui import explanations

    assert explanations.said(Phrase("crs.something_new", {}, "something new")) == "something new"


def test_every_vital_sign_rule_is_worded_in_japanese(qapp):
    """A set with a pulse of 135, a respiration rate of 25 (NEWS2 scores ≥ 25 as 3, RCP 2017 chart 1),
    oxygen and a V on ACVPU: each finding's rule in Japanese; English as the rules wrote it."""
    from nkdesk.rules import units, vitals
    from nkdesk.ui import explanations, language

    signs = vitals.VitalSigns(systolic_mmhg=86, diastolic_mmhg=52, pulse_per_min=135, resp_rate_per_min=25,
                              temperature=units.parse("38.3 degC", field="temperature", analyte="temperature"),
                              spo2_pct=95, oxygen=vitals.Oxygen("nasal_cannula", 2.0), acvpu="V")
    assessed = vitals.assess(signs)
    ruled = [f for f in assessed.findings if f.rule]
    assert len(ruled) >= 4 and set(assessed.rule_phrases) == {f.name for f in ruled}
    assert [explanations.finding_rule(assessed, f) for f in ruled] == [f.rule for f in ruled]
    language.apply("ja", qapp)
    try:
        shown = [explanations.finding_rule(assessed, f) for f in ruled]
    finally:
        language.apply("en", qapp)
    assert all(_has_japanese(s) and not _english_left(s) for s in shown), shown


def test_where_an_off_time_set_goes_is_asked_in_japanese(qapp):
    """A set typed into the 1 h row but measured 74 min after the start is stored as unscheduled."""
    from nkdesk.services.vitals import Placement
    from nkdesk.ui import explanations, language

    placement = Placement(row_min=60, point_min=None, minutes=74, started=True)
    assert explanations.placement_words(placement) == placement.words
    language.apply("ja", qapp)
    try:
        said = explanations.placement_words(placement)
    finally:
        language.apply("en", qapp)
    assert said == ("この測定は開始74分後に行われたため、「開始1時間後」ではなく「予定外・開始74分後」として"
                    "記録されます。")
