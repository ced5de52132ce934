"""Syringe plans: how one day's filgrastim dose is given from the syringes the site stocks.

The prescribed dose (400 µg/m² × BSA) is kept exact; the plan says which syringes give it, what
they deliver, and how far that is from the prescription. The stock and the rounding policy are
site settings (`SiteSettings.syringes`, `.rounding_policy`, `.dose_tolerance_pct`). Policies:

- ``nearest`` (default, ../shared/cli-contract.md `nkdesk dose`): the achievable dose nearest to
  the prescribed one; among plans for that dose, the fewest syringes; if two doses are equally
  near, the lower.
- ``not_above``: the largest achievable dose not above the prescribed one (for a site that never
  rounds up), then the fewest syringes.

Either way, a plan whose delivered dose lies outside ±tolerance (default 10 %) of the prescribed
one is flagged `within_tolerance = False`: a pharmacist decides. The ±10 % is the contract's; it is
the threshold of the HOPA position statement on dose rounding (Fahrenbruch R et al. J Oncol Pract
2018;14:e130–e136). Arithmetic is exact (fractions), so a tie is a tie and 10 % is inside.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from nkdesk.rules.errors import InputError
from nkdesk.rules.site_settings import SiteSettings, Syringe

POLICIES = ("nearest", "not_above")


@dataclass(frozen=True)
class SyringeCount:
    """So many syringes of one stocked kind."""

    syringe: Syringe
    count: int

    @property
    def dose_ug(self) -> float:
        return self.syringe.strength_ug * self.count

    @property
    def volume_ml(self) -> float:
        return round(self.syringe.volume_ml * self.count, 6)

    def to_json(self) -> dict[str, Any]:
        return {"strength_ug": self.syringe.strength_ug, "count": self.count,
                "volume_ml_each": self.syringe.volume_ml, "name": self.syringe.name}


@dataclass(frozen=True)
class SyringePlan:
    """The syringes for one administration, how often a day, and what that delivers per day."""

    prescribed_ug: float                 # per day, exact
    items: tuple[SyringeCount, ...]      # per administration, largest strength first
    administrations: int                 # 1, or 2 when the label's split daily dose is chosen
    delivered_ug: float                  # per day
    deviation_pct: float                 # 100 × (delivered − prescribed) / prescribed, signed
    within_tolerance: bool
    tolerance_pct: float
    policy: str

    @property
    def needs_pharmacist_decision(self) -> bool:
        return not self.within_tolerance

    @property
    def per_administration_ug(self) -> float:
        return self.delivered_ug / self.administrations

    @property
    def daily_items(self) -> tuple[SyringeCount, ...]:
        """The syringes used in one day (each administration's, times the administrations)."""
        return tuple(SyringeCount(i.syringe, i.count * self.administrations) for i in self.items)

    @property
    def syringe_count(self) -> int:
        """Syringes per day."""
        return sum(i.count for i in self.daily_items)

    @property
    def volume_ml(self) -> float:
        """Volume injected per day."""
        return round(sum(i.volume_ml for i in self.daily_items), 6)

    def to_json(self) -> dict[str, Any]:
        return {
            "syringes": [i.to_json() for i in self.daily_items],
            "delivered_ug": self.delivered_ug,
            "deviation_pct": self.deviation_pct,
            "within_tolerance": self.within_tolerance,
            "needs_pharmacist_decision": self.needs_pharmacist_decision,
            "tolerance_pct": self.tolerance_pct,
            "rounding_policy": self.policy,
            "volume_ml": self.volume_ml,
            "administrations_per_day": self.administrations,
            "syringes_per_administration": [i.to_json() for i in self.items],
            "per_administration_ug": self.per_administration_ug,
        }


def plan_syringes(daily_dose_ug: float, settings: SiteSettings | None = None, *,
                  administrations: int = 1) -> SyringePlan:
    """The syringe plan for a prescribed daily dose (µg) under the site's stock and policy.

    With `administrations` = 2 (the label's split daily dose) each administration is planned for
    half the daily dose and given twice. Tolerance: |delivered − prescribed| ≤ tolerance % of the
    prescribed dose (exact). Raises InputError on `settings.*` for an unusable stock or policy.
    """
    settings = settings or SiteSettings()
    if settings.rounding_policy not in POLICIES:
        raise InputError("settings.rounding_policy", f"unknown rounding policy '{settings.rounding_policy}' "
                                                     f"(known: {', '.join(POLICIES)})", code="unknown_policy")
    stock = sorted(settings.syringes, key=lambda s: -s.strength_ug)
    if not stock or any(s.strength_ug <= 0 for s in stock):
        raise InputError("settings.syringes", "no usable syringe strengths are stocked", code="no_stock")
    if not daily_dose_ug > 0:
        raise InputError("daily_dose_ug", f"{daily_dose_ug} is not a dose", code="invalid")
    if administrations not in (1, 2):
        raise InputError("administrations", "the daily dose is given once or split in two", code="invalid")

    target = Fraction(daily_dose_ug) / administrations
    strengths = [Fraction(str(s.strength_ug)) for s in stock]
    totals = _fewest_syringes(strengths, limit=target + max(strengths))
    chosen = _choose(settings.rounding_policy, target, [t for t in totals if t > 0])
    counts = totals[chosen]
    tolerance = Fraction(str(settings.dose_tolerance_pct))
    deviation = (chosen - target) * 100 / target
    return SyringePlan(
        prescribed_ug=float(daily_dose_ug),
        items=tuple(SyringeCount(s, c) for s, c in zip(stock, counts, strict=True) if c),
        administrations=administrations,
        delivered_ug=float(chosen * administrations),
        deviation_pct=float(deviation),
        within_tolerance=abs(deviation) <= tolerance,
        tolerance_pct=float(settings.dose_tolerance_pct),
        policy=settings.rounding_policy,
    )


def _choose(policy: str, target: Fraction, totals: list[Fraction]) -> Fraction:
    if policy == "not_above":
        below = [t for t in totals if t <= target]
        if below:
            return max(below)
        return min(totals)  # even one syringe is too much: the smallest, flagged if outside tolerance
    # nearest: the smallest distance, and of two equally near doses the lower
    return min(totals, key=lambda t: (abs(t - target), t))


def _fewest_syringes(strengths: list[Fraction], limit: Fraction) -> dict[Fraction, tuple[int, ...]]:
    """Every total up to `limit` the stock can make, each with its fewest-syringe combination.

    Breadth-first by number of syringes, so the first way a total is reached uses the fewest.
    Between combinations of equal size the one with more of the larger strengths wins (strengths
    are given largest first, so that is the larger count tuple). Any total above prescribed +
    the largest strength can never be nearest (removing one syringe comes closer), hence `limit`.
    """
    empty = (0,) * len(strengths)
    best: dict[Fraction, tuple[int, ...]] = {Fraction(0): empty}
    frontier = dict(best)
    while frontier:
        reached: dict[Fraction, tuple[int, ...]] = {}
        for total, counts in frontier.items():
            for i, strength in enumerate(strengths):
                new_total = total + strength
                if new_total > limit or new_total in best:
                    continue
                new_counts = counts[:i] + (counts[i] + 1,) + counts[i + 1:]
                if new_counts > reached.get(new_total, empty):
                    reached[new_total] = new_counts
        best.update(reached)
        frontier = reached
    return best
