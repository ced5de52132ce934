"""Syringe plans: nearest achievable dose, fewest syringes, ties to the lower dose, ±10 % flag."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkdesk.rules.errors import InputError
from nkdesk.rules.site_settings import SiteSettings, Syringe
from nkdesk.rules.syringes import plan_syringes

S75, S150, S300 = 75, 150, 300


def per_day(plan) -> dict[float, int]:
    return {i.syringe.strength_ug: i.count for i in plan.daily_items}


# Default stock 75/150/300 µg (Kyowa Kirin filgrastim syringes). Prescribed = 400 µg/m² × BSA;
# expected plans worked out by hand: achievable doses are multiples of 75 µg.
@pytest.mark.parametrize(
    ("bsa_m2", "delivered", "syringes", "deviation_pct"),
    [
        (1.20, 450, {S300: 1, S150: 1}, -6.25),        # 480: 450 (−30) nearer than 525 (+45)
        (1.50, 600, {S300: 2}, 0.0),                   # 600 exactly, 2 syringes not 4 × 150
        (1.75, 675, {S300: 2, S75: 1}, -100 * 25 / 700),   # 700: 675 (−25) nearer than 750 (+50)
        (2.00, 825, {S300: 2, S150: 1, S75: 1}, 3.125),    # 800: 825 (+25) nearer than 750 (−50)
        (2.25, 900, {S300: 3}, 0.0),
        (2.60, 1050, {S300: 3, S150: 1}, 100 * 10 / 1040),  # 1040: 1050 (+10) nearer than 975
        # Ties: exactly between two achievable doses → the lower one.
        (1.78125, 675, {S300: 2, S75: 1}, -100 * 37.5 / 712.5),   # 712.5: 675 and 750 both 37.5 away
        (1.96875, 750, {S300: 2, S150: 1}, -100 * 37.5 / 787.5),  # 787.5: 750 and 825 both 37.5 away
    ],
)
def test_default_stock_across_the_bsa_range(bsa_m2, delivered, syringes, deviation_pct):
    """The nearest achievable daily dose, the fewest syringes, ties to the lower dose."""
    plan = plan_syringes(400 * bsa_m2)
    assert plan.prescribed_ug == 400 * bsa_m2
    assert plan.delivered_ug == delivered
    assert per_day(plan) == syringes
    assert plan.deviation_pct == pytest.approx(deviation_pct, rel=1e-12)
    assert plan.within_tolerance and not plan.needs_pharmacist_decision


@pytest.mark.parametrize(
    ("prescribed", "syringes"),
    [(150, {S150: 1}), (300, {S300: 1}), (450, {S300: 1, S150: 1}), (375, {S300: 1, S75: 1})],
)
def test_fewest_syringes_for_the_same_dose(prescribed, syringes):
    """Among plans for one dose, the one with fewest syringes (150 µg is one syringe, not 2 × 75)."""
    assert per_day(plan_syringes(prescribed)) == syringes


def test_volumes_follow_the_stock():
    """The plan states volumes: 2 × 300 µg/0.7 mL + 75 µg/0.3 mL = 1.7 mL."""
    plan = plan_syringes(700)
    assert plan.volume_ml == pytest.approx(1.7)
    assert {i.syringe.strength_ug: i.syringe.volume_ml for i in plan.items} == {300: 0.7, 75: 0.3}


ONLY_300 = SiteSettings(syringes=(Syringe(300, 0.7),))


@pytest.mark.parametrize(
    ("prescribed", "delivered", "deviation_pct"),
    [
        (450, 300, -100 / 3),     # tie between 300 and 600 → the lower, −33 %
        (480, 600, 25.0),         # 600 (+120) is nearer than 300 (−180)
        (700, 600, -100 / 7),     # 600 (−100) nearer than 900 (+200), still outside ±10 %
    ],
)
def test_no_plan_within_tolerance_asks_for_a_pharmacist(prescribed, delivered, deviation_pct):
    """When the nearest plan is outside ±10 %, it is flagged for a pharmacist's decision."""
    plan = plan_syringes(prescribed, ONLY_300)
    assert plan.delivered_ug == delivered
    assert plan.deviation_pct == pytest.approx(deviation_pct, rel=1e-12)
    assert not plan.within_tolerance
    assert plan.needs_pharmacist_decision


@pytest.mark.parametrize(("prescribed", "within"), [(300, True), (299, False)])
def test_exactly_ten_percent_is_within(prescribed, within):
    """A deviation of exactly +10 % lies inside the tolerance; a hair more does not."""
    plan = plan_syringes(prescribed, SiteSettings(syringes=(Syringe(330, 1.0),)))
    assert plan.delivered_ug == 330
    assert plan.within_tolerance is within


def test_tolerance_is_a_setting():
    """A site with a ±5 % tolerance flags a plan that ±10 % accepts."""
    assert plan_syringes(480).within_tolerance                                       # −6.25 %
    assert not plan_syringes(480, SiteSettings(dose_tolerance_pct=5)).within_tolerance


@pytest.mark.parametrize(("prescribed", "delivered"), [(700, 675), (800, 750), (480, 450), (600, 600)])
def test_not_above_policy_never_rounds_up(prescribed, delivered):
    """The `not_above` policy gives the largest achievable dose not above the prescription."""
    assert plan_syringes(prescribed, SiteSettings(rounding_policy="not_above")).delivered_ug == delivered


def test_split_daily_dose_plans_each_half():
    """Split in two, each administration is planned for half the dose and given twice."""
    plan = plan_syringes(700.8, administrations=2)      # 350.4 per dose → 375 (300 + 75)
    assert plan.administrations == 2
    assert plan.per_administration_ug == 375
    assert plan.delivered_ug == 750
    assert per_day(plan) == {S300: 2, S75: 2}
    assert {i.syringe.strength_ug: i.count for i in plan.items} == {S300: 1, S75: 1}


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (SiteSettings(rounding_policy="up"), "settings.rounding_policy"),
        (SiteSettings(syringes=()), "settings.syringes"),
    ],
)
def test_unusable_settings_are_named(settings, field):
    """An unknown policy or an empty stock is an error naming the setting."""
    with pytest.raises(InputError) as caught:
        plan_syringes(700, settings)
    assert caught.value.field == field


def _oracle(prescribed: float, strengths: list[float]) -> tuple[float, int]:
    """Brute force, independent of the code: the contract's choice of dose and its syringe count."""
    best = None
    ranges = [range(int((prescribed + max(strengths)) // s) + 2) for s in strengths]
    for counts in itertools.product(*ranges):
        total = sum(c * s for c, s in zip(counts, strengths, strict=True))
        if total == 0:
            continue
        key = (abs(total - prescribed), total, sum(counts))
        best = key if best is None or key < best else best
    return best[1], best[2]


STOCKS = st.lists(st.sampled_from([50, 75, 100, 150, 200, 300, 480]), min_size=1, max_size=3, unique=True)


@given(st.floats(400 * 1.2, 400 * 2.6), STOCKS)
def test_plan_is_nearest_and_flag_matches_tolerance(prescribed, strengths):
    """The plan is the nearest dose with fewest syringes, and is within ±10 % or flagged."""
    settings = SiteSettings(syringes=tuple(Syringe(s, 1.0) for s in strengths))
    plan = plan_syringes(prescribed, settings)
    dose, count = _oracle(prescribed, strengths)
    assert plan.delivered_ug == dose
    assert plan.syringe_count == count
    inside = abs(plan.delivered_ug - prescribed) <= 0.10 * prescribed * (1 + 1e-12)
    assert plan.within_tolerance == inside or abs(abs(plan.deviation_pct) - 10) < 1e-9
    assert plan.within_tolerance or plan.needs_pharmacist_decision
