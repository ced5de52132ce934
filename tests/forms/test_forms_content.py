"""The paper forms: stored values, units, signatures and "page N of M" are in the PDF's text."""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import re

import pytest
from pypdf import PdfReader

from nkdesk.forms import calendar_form, dose_order_form, eligibility_form, vitals_form
from nkdesk.forms.base import FormHeader, render
from nkdesk.rules import assessment, bsa, dosing, eligibility, protocol, schedule, units, vitals
from tests.conftest import DATA

JRCT = protocol.load()
NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def header(title: str, version: str, initials: str = "YT") -> FormHeader:
    return FormHeader(JRCT.id, "NK-001", initials, title, version, "佐藤 花子 (investigator)", NOW, "0.1.0")


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def assert_numbered(texts: list[str]) -> None:
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text
        assert "NK-001" in text and JRCT.id in text


def test_eligibility_checklist_carries_values_verdict_and_signature():
    """Entered and converted values with units, every criterion, the open points, the signature."""
    data = json.loads((DATA / "contract_example.json").read_text())
    data["labs"]["afp"] = "10 ng/mL"
    result = eligibility.evaluate(JRCT, assessment.parse(data, JRCT))
    signature = eligibility_form.SignatureLine("佐藤 花子", "investigator", NOW, "eligibility confirmed")
    texts = pages_text(render(header("Eligibility checklist", eligibility_form.FORM_VERSION),
                              eligibility_form.story(JRCT, data, result, [signature])))
    text = " ".join(texts)
    assert_numbered(texts)
    assert "Verdict: ELIGIBLE (boundary: I5)" in text
    assert "15.2 ×10⁴/µL" in text and "152 ×10⁹/L" in text     # as entered and converted
    assert "12.1 g/dL" in text and "121 g/L" in text
    for c in result.criteria:
        assert c.id in text
    assert "to be confirmed" in text and "> or ≥ for AFP" in text
    assert "佐藤 花子" in text and "eligibility confirmed" in text and "2026-11-22 09:30" in text
    assert "Investigator's signature" in text


def test_eligibility_checklist_prints_the_e4_v_cross_check():
    """Issue 13: platelets 520 × 10⁹/L (> 450, the WHO threshold for thrombocythaemia) print a check
    asking to confirm E4.v, and the verdict is unchanged."""
    data = json.loads((DATA / "contract_example.json").read_text())
    data["labs"]["platelets"] = "520 10^9/L"
    result = eligibility.evaluate(JRCT, assessment.parse(data, JRCT))
    text = " ".join(pages_text(render(header("Eligibility checklist", eligibility_form.FORM_VERSION),
                                      eligibility_form.story(JRCT, data, result, []))))
    assert "Verdict: ELIGIBLE" in text and "does not change the verdict" in text and "E4.v" in text
    assert "Lab window" in text                                  # the 14-day parameter, to be confirmed


def test_dose_order_form_shows_the_order():
    """Height, weight, formula, BSA, 400 µg/m², dose, plan, deviation, course, prescriber, verifier."""
    area = bsa.bsa("170 cm", "65 kg", "mosteller")
    order = dosing.make_order(area, apheresis=dt.date(2026, 12, 5),
                              prescribed_by=dosing.UserRef("1", "Dr 佐藤"))
    order = dosing.verify(order, dosing.UserRef("2", "薬剤師 鈴木"))
    text = " ".join(pages_text(render(header("Filgrastim dose order", dose_order_form.FORM_VERSION),
                                      dose_order_form.story(order))))
    assert "170 cm" in text and "65 kg" in text and "Mosteller" in text
    assert f"{area.bsa_m2:.2f} m²" in text and "400 µg/m²" in text
    assert f"{400 * area.bsa_m2:.1f} µg/day" in text and "675 µg/day" in text
    assert "subcutaneous" in text and "2026-12-05" in text and "Sat 2026-12-05" in text
    assert "Dr 佐藤" in text and "薬剤師 鈴木" in text and "ACTIVE" in text
    # issue 13: the label's cautions are asked about on the order; no deviation for a once-daily order
    assert "Label cautions" in text and "left upper quadrant" in text and "thrombosis" in text
    assert "PROTOCOL DEVIATION" not in text


def test_dose_order_form_prints_clinical_precision_and_the_exact_values_once():
    """62 in = 157.48 cm (1 in = 2.54 cm exactly), 121 lb = 54.88467677 kg (1 lb = 0.45359237 kg
    exactly); Mosteller (1987) √(157.48 × 54.88467677 / 3600) = 1.549… m² → 400 µg/m² × BSA = 619.8 µg/day.
    Issue 16: a clinician reads 157.5 cm, 54.9 kg, 1.55 m², 619.8 µg/day; the unrounded figures appear
    only in the "exact values" line."""
    area = bsa.bsa("62 in", "121 lb", "mosteller")
    exact_bsa = math.sqrt(157.48 * 54.88467677 / 3600)
    order = dosing.make_order(area, apheresis=dt.date(2026, 12, 5), prescribed_by=dosing.UserRef("1", "Dr A"))
    text = " ".join(pages_text(render(header("Filgrastim dose order", dose_order_form.FORM_VERSION),
                                      dose_order_form.story(order))))
    for shown in ("157.5 cm", "54.9 kg", "1.55 m²", "619.8 µg/day"):
        assert shown in text, shown
    assert text.count("54.8846") == 1 and text.count(repr(area.bsa_m2)[:8]) == 1
    assert "Exact values" in text and "unrounded" not in text
    assert math.isclose(area.bsa_m2, exact_bsa, rel_tol=1e-9)


def test_dose_order_form_marks_a_split_dose_as_a_deviation():
    """A split daily dose departs from the protocol's once-daily 400 µg/m² (issue 13)."""
    order = dosing.make_order(bsa.bsa("170 cm", "65 kg", "mosteller"), split_daily_dose=True)
    text = " ".join(pages_text(render(header("Filgrastim dose order", dose_order_form.FORM_VERSION),
                                      dose_order_form.story(order))))
    assert "PROTOCOL DEVIATION" in text and "once-daily" in text


def test_calendar_form_lists_every_event():
    """All cycles' events with dates, and the G-CSF window."""
    plan = schedule.plan(JRCT, apheresis=dt.date(2026, 11, 30), surgery=dt.date(2026, 10, 1))
    text = " ".join(pages_text(render(header("Treatment calendar", calendar_form.FORM_VERSION),
                                      calendar_form.story(plan))))
    assert "within" in text and "2026-11-26" in text
    infusions = [e for e in plan.events if e.kind == "infusion"]
    assert len(infusions) == 3
    for event in infusions:
        assert event.date.strftime("%Y-%m-%d") in text


def test_two_hundred_vital_sign_rows_break_across_pages_with_the_header_repeated():
    """A long record paginates; every page repeats the table header and says page N of M."""
    start = dt.datetime(2026, 12, 17, 10, 0)
    rows = []
    for i in range(200):
        v = vitals.VitalSigns(systolic_mmhg=118, diastolic_mmhg=70, pulse_per_min=80 + i % 20,
                              resp_rate_per_min=16, temperature=units.parse("37.1 degC", analyte="temperature"),
                              spo2_pct=97, acvpu="A", time_point_min=i, measured_at=start + dt.timedelta(minutes=i))
        rows.append(vitals_form.VitalsRow(f"row {i:03d}", vitals.assess(v)))
    texts = pages_text(render(header("Infusion vital-signs record", vitals_form.FORM_VERSION),
                              vitals_form.story(rows, start)))
    assert len(texts) > 3
    assert_numbered(texts)
    table_pages = [t for t in texts if "row " in t]
    assert all("Time point" in t and "NEWS2" in t for t in table_pages)
    found = sorted(int(m) for t in texts for m in re.findall(r"row (\d{3})", t))
    assert found == list(range(200))


def test_alerts_are_marked_with_who_acknowledged():
    """A critical value carries ! and the acknowledging nurse, or NOT ACKNOWLEDGED."""
    v = vitals.VitalSigns(systolic_mmhg=85, diastolic_mmhg=50, pulse_per_min=100, resp_rate_per_min=20,
                          temperature=units.parse("101.1 degF", analyte="temperature"), spo2_pct=95, acvpu="A",
                          time_point_min=30)
    assessed = vitals.assess(v)
    rows = [vitals_form.VitalsRow("30 min after start", assessed, "田中 看護師", NOW),
            vitals_form.VitalsRow("1 h after start", assessed)]
    text = " ".join(pages_text(render(header("Infusion vital-signs record", vitals_form.FORM_VERSION),
                                      vitals_form.story(rows))))
    flat = re.sub(r"\s+", "", text)   # narrow cells wrap their text
    assert "85!/50" in flat and "101.1°F!" in flat
    assert "ack.田中看護師" in flat and "NOTACKNOWLEDGED" in flat


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_paper_size_setting(paper):
    """A4 by default, Letter as a setting: the page's media box follows."""
    h = FormHeader(JRCT.id, "NK-001", "YT", "Treatment calendar", "1.0", "x", NOW, "0.1.0", paper=paper)
    plan = schedule.plan(JRCT, apheresis=dt.date(2026, 11, 30))
    box = PdfReader(io.BytesIO(render(h, calendar_form.story(plan)))).pages[0].mediabox
    expected = (595.28, 841.89) if paper == "A4" else (612, 792)
    assert (float(box.width), float(box.height)) == pytest.approx(expected, abs=0.5)


def test_japanese_text_is_embedded_not_referenced():
    """Japanese prints with the font embedded (records are read on machines without the font)."""
    data = json.loads((DATA / "contract_example.json").read_text())
    result = eligibility.evaluate(JRCT, assessment.parse(data, JRCT))
    pdf = render(header("Eligibility checklist", "1.0", initials="山田"),
                 eligibility_form.story(JRCT, data, result, []))
    reader = PdfReader(io.BytesIO(pdf))
    embedded = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type1":   # reportlab's canvas lists Helvetica; no text is set in it
                continue
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            embedded[str(font["/BaseFont"])] = "/FontFile2" in descriptor.get_object()
    assert any("IPAexG" in name for name in embedded) and any("DejaVu" in name for name in embedded), embedded
    assert all(embedded.values()), embedded
    assert "山田" in pages_text(pdf)[0]
