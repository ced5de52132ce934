"""The adverse-event log and the serious-event report: every field, Japanese text, the prompt report."""
from __future__ import annotations

import datetime as dt

import pytest

from nkdesk.forms import ae_log_form
from nkdesk.forms.base import FormHeader, render
from nkdesk.rules.adverse_events import AdverseEventEntry
from tests.forms.pdf import assert_numbered, embedded_fonts, flat, page_sizes, pages_text

NOW = dt.datetime(2026, 12, 18, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
ONSET = dt.datetime(2026, 12, 17, 10, 28)
A4_PORTRAIT, A4_LANDSCAPE = (595.28, 841.89), (841.89, 595.28)   # ISO 216: 210 × 297 mm in points


def render_log(entries) -> bytes:
    header = FormHeader("jRCTb060200020", "NK-007", "HS", "Adverse-event log", ae_log_form.FORM_VERSION,
                        "Emi Ito (research nurse)", NOW, "0.1.0", orientation="landscape")
    return render(header, ae_log_form.story(entries))


def serious(criteria=("hospitalisation",), **changes) -> AdverseEventEntry:
    values = dict(term="Cytokine release syndrome", grade=2, onset=ONSET, worst_grade=3, serious=True,
                  serious_criteria=criteria, relatedness="probable", action="infusion_stopped", outcome="recovering",
                  cycle=1, days_since_infusion=0)
    values.update(changes)
    return AdverseEventEntry(**values)


def test_the_log_prints_every_field_of_an_event():
    """Term, grade and worst grade, onset, resolution, duration, serious, relationship, action, outcome,
    cycle and days since infusion are all on the log."""
    entry = AdverseEventEntry("Fever", 1, ONSET, worst_grade=2, resolution=ONSET + dt.timedelta(hours=5, minutes=30),
                              relatedness="possible", action="infusion_interrupted", outcome="recovered", cycle=2,
                              days_since_infusion=3)
    text = flat(" ".join(pages_text(render_log([entry]))))
    for expected in ("Fever", "2026-12-1710:28", "2026-12-1715:58",   # onset and resolution as recorded
                     "5h30min",                                      # 15:58 − 10:28
                     "Possible", "Infusioninterrupted", "Recovered", "+3"):
        assert expected in text, expected
    row = text[text.index("Fever"):]
    assert row.startswith("Fever12") and "No" in row   # grade 1, worst 2; not serious


def test_an_ongoing_event_has_no_duration():
    """Without a resolution the log says ongoing, not a made-up duration."""
    entry = AdverseEventEntry("Nausea", 1, ONSET, relatedness="unlikely", cycle=1)
    text = " ".join(pages_text(render_log([entry])))
    assert text.count("ongoing") == 2   # resolution and duration


def test_japanese_free_text_prints_with_the_font_embedded():
    """A free term and a comment in Japanese are in the PDF's text, set in the embedded IPAex Gothic."""
    entry = AdverseEventEntry("注射部位の皮下出血", 1, ONSET, ctcae_term=False, relatedness="unlikely", cycle=1,
                              comment="悪寒を伴う発熱、輸注を中断")
    pdf = render_log([entry])
    text = flat(" ".join(pages_text(pdf)))
    assert "注射部位の皮下出血(freeterm)" in text and "悪寒を伴う発熱、輸注を中断" in text
    fonts = embedded_fonts(pdf)
    assert any("IPAexG" in name for name in fonts) and all(fonts.values()), fonts


def test_no_events_is_said_plainly():
    """An empty log says no adverse events were recorded (and still carries the header and page count)."""
    texts = pages_text(render_log([]))
    assert "No adverse events recorded" in texts[0]
    assert_numbered(texts, "NK-007", "jRCTb060200020")


# Act on the Safety of Regenerative Medicine, enforcement regulation Art. 35 (issue 13): serious events
# whose relation to the therapy the investigator does not exclude are reported within 7 days (death, or
# may lead to death) or 15 days (the other ICH E2A criteria, ICH E2A (1994) II.B); the protocol's
# narrower wording (prolonged hospitalisation or death) is printed beside it.
@pytest.mark.parametrize("criteria, relatedness, required, days", [
    (("death",), "probable", True, 7),
    (("hospitalisation",), "probable", True, 15),
    (("life_threatening",), "possible", True, 7),
    (("disability", "other_important"), "unlikely", True, 15),
    (("hospitalisation",), "unrelated", False, None),
])
def test_the_serious_event_report_states_the_prompt_report_requirement(criteria, relatedness, required, days):
    """Each serious AE gets a report naming the certified committee and the MHLW, saying whether the
    law's prompt report is required, within how many days, and when it is due."""
    texts = pages_text(render_log([serious(criteria, relatedness=relatedness)]))
    report = flat(" ".join(texts[1:]))
    assert "Seriousadverseeventreport" in report and "Article35" in report
    assert "certifiedcommitteeforregenerativemedicine" in report.lower() and "MHLW" in report
    assert ("REQUIRED:reportpromptly" in report) is required
    assert ("NOTREQUIREDunder" in report) is not required
    if required:
        due = (ONSET.date() + dt.timedelta(days=days)).isoformat()
        assert f"within{days}days" in report and f"due{due}" in report and "day0notrecorded" in report
    assert "prolongedhospitalisationordeath" in report          # the protocol's wording beside the law's
    assert report.count("☒") == len(criteria) and report.count("☐") == 6 - len(criteria)   # ICH E2A: six criteria
    assert "Investigator'ssignature" in report and "Narrative" in report


def test_the_report_says_whether_and_by_whom_the_report_was_made():
    """Not yet made: NOT RECORDED AS MADE (and red on the log); made: when and by whom."""
    due = pages_text(render_log([serious()]))
    assert "REPORTPROMPTLY" in flat(due[0]) and "NOTRECORDEDASMADE" in flat(" ".join(due[1:]))
    made = serious(reported_at=dt.datetime(2026, 12, 17, 16, 5), extra={"reported_by": "Dr 田中 健二"})
    text = flat(" ".join(pages_text(render_log([made]))[1:]))
    assert "2026-12-1716:05" in text and "Dr田中健二" in text and "NOTRECORDEDASMADE" not in text


def test_the_log_is_landscape_and_each_serious_report_a_portrait_page():
    """Two serious AEs among three: log in landscape, then a portrait report each; page N of M on all."""
    entries = [serious(), AdverseEventEntry("Headache", 1, ONSET + dt.timedelta(hours=1)),
               serious(("death",), term="Sepsis", onset=ONSET + dt.timedelta(days=2), outcome="fatal")]
    pdf = render_log(entries)
    texts = pages_text(pdf)
    assert len(texts) == 3
    assert page_sizes(pdf) == [pytest.approx(A4_LANDSCAPE, abs=0.5)] + [pytest.approx(A4_PORTRAIT, abs=0.5)] * 2
    assert_numbered(texts, "NK-007", "Initials HS", "jRCTb060200020", "Emi Ito (research nurse)")
    assert "AE #1: Cytokine release syndrome" in texts[1] and "AE #3: Sepsis" in texts[2]


@pytest.mark.parametrize("hours, words", [(0.75, "45min"), (3, "3h"), (27.5, "1d3h"), (48, "2d")])
def test_durations_are_written_in_days_hours_and_minutes(hours, words):
    """Resolution − onset, in the largest units that matter."""
    entry = AdverseEventEntry("Fever", 1, ONSET, resolution=ONSET + dt.timedelta(hours=hours))
    assert words in flat(" ".join(pages_text(render_log([entry]))))
