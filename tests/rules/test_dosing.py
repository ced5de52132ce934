"""The filgrastim order: 400 µg/m² × BSA, course dates, cap, weight and WBC checks, sign-off."""
from __future__ import annotations

import datetime as dt

import pytest

from nkdesk.rules import bsa, dosing
from nkdesk.rules.errors import InputError
from nkdesk.rules.site_settings import SiteSettings

D = dt.date
PRESCRIBER = dosing.UserRef("u-dr-sato", "Dr Sato")
PHARMACIST = dosing.UserRef("u-ph-ito", "Ito (pharmacist)")


def order_for(height="170 cm", weight="65 kg", **kwargs) -> dosing.DoseOrder:
    return dosing.make_order(bsa.bsa(height, weight), **kwargs)


def test_regimen_comes_from_the_protocol_file():
    """400 µg/m² s.c. once daily for 4–6 days, default 5 (BMJ Open 2022;12:e064526, Treatment)."""
    regimen = dosing.default_regimen()
    assert regimen.dose_per_m2_ug == 400
    assert (regimen.days_min, regimen.days_max, regimen.days_default) == (4, 6, 5)
    assert regimen.route == "subcutaneous" and regimen.frequency == "once daily"
    assert regimen.split_allowed   # Japanese label: once daily or split in two


@pytest.mark.parametrize(("height", "weight"), [("170 cm", "65 kg"), ("140 cm", "35 kg"),
                                                ("195 cm", "140 kg"), ("67 in", "150 lb")])
def test_daily_dose_is_400_per_m2_of_unrounded_bsa(height, weight):
    """The prescribed daily dose is exactly 400 µg/m² × the unrounded BSA."""
    order = order_for(height, weight)
    h_cm, w_kg = order.bsa.height_cm, order.bsa.weight_kg
    assert order.daily_dose_ug == pytest.approx(400 * (h_cm * w_kg / 3600) ** 0.5, rel=1e-12)  # Mosteller


def test_contract_example_order():
    """170 cm, 65 kg: 700.79 µg/day prescribed, 2 × 300 + 75 = 675 µg delivered, −3.68 %."""
    data = order_for().to_json()
    assert data["daily_dose_ug"] == pytest.approx(400 * 1.751983, rel=1e-6)
    assert data["syringes"] == [
        {"strength_ug": 300, "count": 2, "volume_ml_each": 0.7, "name": "filgrastim 300 µg/0.7 mL"},
        {"strength_ug": 75, "count": 1, "volume_ml_each": 0.3, "name": "filgrastim 75 µg/0.3 mL"},
    ]
    assert data["delivered_ug"] == 675
    assert data["deviation_pct"] == pytest.approx(100 * (675 - 700.79320) / 700.79320, rel=1e-6)
    assert data["within_tolerance"] is True
    assert data["gcsf_days"] == 5 and data["dose_per_m2_ug"] == 400
    assert "course" not in data


@pytest.mark.parametrize(
    ("apheresis", "days", "course"),
    [
        (D(2026, 12, 5), 5, [D(2026, 12, 1), D(2026, 12, 2), D(2026, 12, 3), D(2026, 12, 4), D(2026, 12, 5)]),
        (D(2027, 1, 2), 4, [D(2026, 12, 30), D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2)]),
        (D(2028, 3, 2), 6, [D(2028, 2, 26), D(2028, 2, 27), D(2028, 2, 28), D(2028, 2, 29), D(2028, 3, 1),
                            D(2028, 3, 2)]),   # 2028 is a leap year
        (D(2027, 3, 2), 4, [D(2027, 2, 27), D(2027, 2, 28), D(2027, 3, 1), D(2027, 3, 2)]),
    ],
)
def test_course_ends_on_the_apheresis_day(apheresis, days, course):
    """The G-CSF days are consecutive and the last one is the apheresis day."""
    order = order_for(gcsf_days=days, apheresis=apheresis)
    assert list(order.course) == course
    assert order.to_json()["course"] == [d.isoformat() for d in course]


@pytest.mark.parametrize("days", [3, 7, 0, -1])
def test_gcsf_days_outside_4_to_6_are_refused(days):
    """4, 5 or 6 days only (the protocol); anything else names the field gcsf_days."""
    with pytest.raises(InputError, match="outside 4–6") as caught:
        order_for(gcsf_days=days)
    assert caught.value.field == "gcsf_days"


def test_bsa_cap_is_visible_with_dose_before_and_after():
    """A site cap of 2.0 m² on a 2.4 m² patient: 960 → 800 µg/day, shown, never silent."""
    body = bsa.bsa("195 cm", "106.3 kg")                 # Mosteller √(195·106.3/3600) ≈ 2.3995 m²
    order = dosing.make_order(body, settings=SiteSettings(bsa_cap_m2=2.0))
    cap = order.to_json()["bsa_cap"]
    assert cap["applied"] is True and cap["cap_m2"] == 2.0 and cap["bsa_used_m2"] == 2.0
    assert cap["dose_before_cap_ug"] == pytest.approx(400 * body.bsa_m2)
    assert cap["dose_after_cap_ug"] == pytest.approx(800)
    assert order.daily_dose_ug == pytest.approx(800)
    assert order.to_json()["bsa_m2"] == body.bsa_m2     # the real BSA is still shown


def test_bsa_cap_below_the_cap_is_shown_not_applied():
    """A patient under the cap keeps the full dose, and the order says the cap did not apply."""
    order = order_for(settings=SiteSettings(bsa_cap_m2=2.0))
    assert order.bsa_cap.applied is False
    assert order.daily_dose_ug == pytest.approx(400 * order.bsa.bsa_m2)


def test_no_cap_by_default():
    """Without a site cap, the order has none."""
    assert order_for().to_json()["bsa_cap"] is None


@pytest.mark.parametrize(
    ("new_weight", "change_pct", "flagged"),
    [
        ("65 kg", 0.0, False),
        ("71.5 kg", 10.0, False),       # exactly +10 % is not "more than 10 %"
        ("58.5 kg", -10.0, False),
        ("71.6 kg", 100 * 6.6 / 65, True),
        ("58.4 kg", -100 * 6.6 / 65, True),
        ("160 lb", 100 * (160 * 0.45359237 - 65) / 65, True),   # 72.57 kg, +11.6 %
    ],
)
def test_weight_change_over_10_percent_flags_recalculation(new_weight, change_pct, flagged):
    """A new weight more than 10 % from the order's flags the order for re-calculation."""
    order = dosing.record_weight(order_for(), new_weight)
    assert order.weight_check.change_pct == pytest.approx(change_pct, rel=1e-5)
    assert order.needs_recalculation is flagged
    assert order.to_json()["needs_recalculation"] is flagged


def test_weight_limit_is_a_setting():
    """A site limit of 5 % flags a 6 % change."""
    check = dosing.check_weight(order_for(), "68.9 kg", SiteSettings(recalc_weight_change_pct=5))
    assert check.needs_recalculation


# Japanese filgrastim label (mobilisation, 6.1): reduce when WBC ≥ 50,000/mm³, stop at 75,000/mm³.
@pytest.mark.parametrize(
    ("wbc", "instruction"),
    [
        ("49999 /uL", "continue"),
        ("50000 /mm3", "reduce"),
        ("5.0 10^4/uL", "reduce"),
        ("50 10^9/L", "reduce"),
        ("74999 /uL", "reduce"),
        ("7.5 x10^4/uL", "stop"),
        ("75 10^9/L", "stop"),
        ("120 10^9/L", "stop"),
        ("8.2 10^9/L", "continue"),
    ],
)
def test_wbc_against_the_label_limits(wbc, instruction):
    """A WBC during the course gives the label's instruction: continue, reduce or stop."""
    order = dosing.record_wbc(order_for(), wbc)
    assert order.wbc_check.instruction == instruction
    assert order.to_json()["wbc_check"]["instruction"] == instruction


def test_wbc_limits_are_settings():
    """A site with other limits gets its own instruction."""
    settings = SiteSettings(gcsf_wbc_reduce="40 10^9/L", gcsf_wbc_stop="60 10^9/L")
    assert dosing.check_wbc("45000 /uL", settings).instruction == "reduce"
    assert dosing.check_wbc("60000 /uL", settings).instruction == "stop"


def test_wbc_without_unit_is_refused():
    """A WBC is a count per volume: a bare number is an error on the field wbc."""
    with pytest.raises(InputError, match="has no unit") as caught:
        dosing.check_wbc("52000")
    assert caught.value.field == "wbc"


def test_split_daily_dose_is_recorded_and_shown():
    """The label's split daily dose is kept on the order and in its JSON."""
    data = order_for(split_daily_dose=True).to_json()
    assert data["split_daily_dose"] is True
    assert data["administrations_per_day"] == 2
    assert data["frequency"] == "split in two doses daily"


def test_order_is_not_active_until_a_second_user_verifies_it():
    """Prescribed → awaiting verification; verified by another user → active."""
    order = order_for(prescribed_by=PRESCRIBER)
    assert order.status == "awaiting_verification" and not order.is_active
    verified = dosing.verify(order, PHARMACIST)
    assert verified.is_active
    assert verified.to_json()["verified_by"] == {"user_id": "u-ph-ito", "name": "Ito (pharmacist)"}
    assert verified.to_json()["prescribed_by"]["user_id"] == "u-dr-sato"


def test_prescriber_cannot_verify_their_own_order():
    """Self-verification is refused."""
    order = order_for(prescribed_by=PRESCRIBER)
    with pytest.raises(InputError, match="cannot verify their own") as caught:
        dosing.verify(order, dosing.UserRef("u-dr-sato", "Dr Sato"))
    assert caught.value.field == "verified_by"


def test_unsigned_order_cannot_be_verified():
    """A calculation nobody prescribed is not an order to verify."""
    assert order_for().status == "unsigned"
    with pytest.raises(InputError):
        dosing.verify(order_for(), PHARMACIST)


def test_split_refused_when_the_protocol_allows_none():
    """A regimen without the split option refuses a split order."""
    regimen = dosing.GcsfRegimen(400, 4, 6, 5, "subcutaneous", "once daily", split_allowed=False)
    with pytest.raises(InputError, match="once daily only"):
        order_for(split_daily_dose=True, regimen=regimen)


def test_protocol_without_gcsf_has_no_regimen():
    """A surgery-anchored protocol gives no G-CSF course."""
    from nkdesk.rules import protocol

    with pytest.raises(InputError, match="gives no G-CSF course"):
        dosing.GcsfRegimen.from_protocol(protocol.load("takayama-2000-ait"))


def test_label_cautions_are_on_every_order():
    """Issue 13: the filgrastim label's splenomegaly/splenic rupture caution (ask about left upper
    quadrant pain; common in cirrhosis) and the thrombosis history question travel with the order."""
    order = order_for()
    codes = [c.code for c in order.cautions]
    assert codes == ["splenomegaly", "thrombosis_history"]
    assert "left upper quadrant" in order.cautions[0].text and "cirrhosis" in order.cautions[0].text
    assert not order.protocol_deviation
    assert [c["code"] for c in order.to_json()["label_cautions"]] == codes


def test_split_dose_is_marked_as_a_protocol_deviation():
    """The protocol gives 400 µg/m² "once daily" (BMJ Open 2022;12:e064526); the label allows two
    administrations, so a split order is allowed but marked as a deviation from the protocol."""
    order = order_for(split_daily_dose=True)
    assert order.protocol_deviation is True
    deviation = next(c for c in order.cautions if c.deviation)
    assert deviation.code == "split_dose_deviation" and "once-daily" in deviation.text
    assert order.to_json()["protocol_deviation"] is True
