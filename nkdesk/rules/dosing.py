"""The filgrastim order for CD34+ mobilisation: dose from BSA, syringe plan, course, checks, sign-off.

The regimen comes from the protocol file (`[schedule.gcsf]` of jRCTb060200020.toml: 400 µg/m²
subcutaneously once daily for 4–6 days, apheresis on the last day); everything a site may choose
comes from `SiteSettings` (syringe stock, rounding policy and tolerance, an optional BSA cap, the
weight-change limit and the label's WBC limits). A `DoseOrder` keeps the exact prescribed dose
beside the plan that delivers it, and is not active until a second authorised user verified it
(the verification record itself is kept by storage; the order records who prescribed and who
verified). Rules return codes and numbers; the CLI and the window turn them into words.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from nkdesk.rules.bsa import BodySurfaceArea
from nkdesk.rules.errors import InputError
from nkdesk.rules.site_settings import SiteSettings
from nkdesk.rules.syringes import SyringePlan, plan_syringes

if TYPE_CHECKING:
    from nkdesk.rules.protocol import Protocol
    from nkdesk.rules.units import Measured


@dataclass(frozen=True)
class GcsfRegimen:
    """The protocol's G-CSF course: dose per m², route, frequency and the allowed number of days."""

    dose_per_m2_ug: float
    days_min: int
    days_max: int
    days_default: int
    route: str
    frequency: str
    drug: str = "filgrastim"
    split_allowed: bool = False

    @classmethod
    def from_protocol(cls, protocol: Protocol) -> GcsfRegimen:
        """The `[schedule.gcsf]` section of a protocol file; InputError if the protocol has none."""
        from nkdesk.rules import units

        section = (protocol.section("schedule") or {}).get("gcsf")
        if not section:
            raise InputError("protocol", f"protocol {protocol.id} gives no G-CSF course", code="no_gcsf")
        dose = units.parse(section["dose_per_m2"], field="schedule.gcsf.dose_per_m2").to("ug/m^2")
        return cls(dose_per_m2_ug=units.clean_float(dose), days_min=int(section["days_min"]),
                   days_max=int(section["days_max"]), days_default=int(section["days_default"]),
                   route=section.get("route", ""), frequency=section.get("frequency", ""),
                   drug=section.get("drug", "filgrastim"), split_allowed=bool(section.get("split_allowed")))

    def check_days(self, days: int | None) -> int:
        """`days`, or the default when None; InputError on `gcsf_days` outside the protocol's range."""
        if days is None:
            return self.days_default
        if isinstance(days, bool) or not isinstance(days, int):
            raise InputError("gcsf_days", f"'{days}' is not a whole number of days", code="not_a_number")
        if not self.days_min <= days <= self.days_max:
            raise InputError("gcsf_days", f"{days} is outside {self.days_min}–{self.days_max} days "
                                          f"(the protocol's G-CSF course)", code="out_of_range",
                             low=self.days_min, high=self.days_max)
        return days


def default_regimen() -> GcsfRegimen:
    """The G-CSF course of the default protocol (jRCTb060200020)."""
    from nkdesk.rules import protocol

    return GcsfRegimen.from_protocol(protocol.load())


@dataclass(frozen=True)
class UserRef:
    """Who signed: the user's id (as storage knows it) and the name shown on the order."""

    user_id: str
    name: str

    def to_json(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "name": self.name}


@dataclass(frozen=True)
class BsaCap:
    """A site's BSA cap and what it did to this order: always shown, never silent."""

    cap_m2: float
    applied: bool
    bsa_used_m2: float
    dose_before_ug: float
    dose_after_ug: float

    def to_json(self) -> dict[str, Any]:
        return {"cap_m2": self.cap_m2, "applied": self.applied, "bsa_used_m2": self.bsa_used_m2,
                "dose_before_cap_ug": self.dose_before_ug, "dose_after_cap_ug": self.dose_after_ug}


@dataclass(frozen=True)
class WeightCheck:
    """A new weight against the one the order used: more than the limit apart → recalculate."""

    order_weight_kg: float
    new_weight_kg: float
    change_pct: float
    limit_pct: float
    needs_recalculation: bool

    def to_json(self) -> dict[str, Any]:
        return {"order_weight_kg": self.order_weight_kg, "new_weight_kg": self.new_weight_kg,
                "change_pct": self.change_pct, "limit_pct": self.limit_pct,
                "needs_recalculation": self.needs_recalculation}


@dataclass(frozen=True)
class WbcCheck:
    """A WBC during the course against the label's limits: `instruction` continue, reduce or stop."""

    wbc_per_mm3: float
    reduce_at_per_mm3: float
    stop_at_per_mm3: float
    instruction: str

    def to_json(self) -> dict[str, Any]:
        return {"wbc_per_mm3": self.wbc_per_mm3, "reduce_at_per_mm3": self.reduce_at_per_mm3,
                "stop_at_per_mm3": self.stop_at_per_mm3, "instruction": self.instruction}


@dataclass(frozen=True)
class LabelCaution:
    """A caution the order carries to the bedside: what to ask or check, and where it comes from.
    `deviation` marks a choice that departs from the protocol (shown as such, never hidden)."""

    code: str
    text: str
    source: str
    deviation: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text, "source": self.source, "deviation": self.deviation}


# Issue 13: the filgrastim label's cautions, asked about on every dose order (Kyowa Kirin filgrastim
# BS syringe package insert, Japan: splenomegaly and splenic rupture are serious adverse reactions).
FILGRASTIM_CAUTIONS = (
    LabelCaution("splenomegaly",
                 "Ask about left upper quadrant or shoulder-tip pain and look for an enlarged spleen before each "
                 "dose: filgrastim can cause splenomegaly and splenic rupture (an enlarged spleen is common in "
                 "cirrhosis).",
                 "Filgrastim package insert (Japan): serious adverse reactions — splenomegaly, splenic rupture "
                 "(脾腫・脾破裂); issue 13 clinical review"),
    LabelCaution("thrombosis_history",
                 "Ask about a history of thrombosis (venous or arterial thromboembolism) before the course: "
                 "G-CSF mobilisation raises the thrombotic risk.",
                 "Filgrastim label cautions as raised by the issue 13 clinical review"),
)
SPLIT_DOSE_DEVIATION = LabelCaution(
    "split_dose_deviation",
    "Split dose (twice daily) is a DEVIATION from the protocol's once-daily dosing (\"400 μg/m2 subcutaneously "
    "once daily for 4–6 days\"); the label allows the daily dose once daily or split in two (1日1回又は2回に分割).",
    "Protocol (BMJ Open 2022;12:e064526, Treatment); filgrastim package insert (Japan), dosage for mobilisation",
    deviation=True)


def label_cautions(order: DoseOrder) -> tuple[LabelCaution, ...]:
    """The cautions a dose order carries: the label's, and the split dose as a protocol deviation."""
    cautions: tuple[LabelCaution, ...] = FILGRASTIM_CAUTIONS
    if order.split_daily_dose and order.regimen.frequency == "once daily":
        cautions += (SPLIT_DOSE_DEVIATION,)
    return cautions


@dataclass(frozen=True)
class DoseOrder:
    """One filgrastim course: BSA, exact daily dose, syringe plan, dates and who signed it."""

    bsa: BodySurfaceArea
    regimen: GcsfRegimen
    daily_dose_ug: float                      # exact: dose/m² × the BSA used (after a cap, if any)
    plan: SyringePlan
    gcsf_days: int
    apheresis: dt.date | None = None
    course: tuple[dt.date, ...] | None = None  # the G-CSF days, the last one the apheresis day
    bsa_cap: BsaCap | None = None
    split_daily_dose: bool = False
    prescribed_by: UserRef | None = None
    verified_by: UserRef | None = None
    weight_check: WeightCheck | None = None
    wbc_check: WbcCheck | None = None

    @property
    def status(self) -> str:
        """`unsigned` (a calculation), `awaiting_verification`, or `active` (verified by another user)."""
        if self.prescribed_by is None:
            return "unsigned"
        if self.verified_by is None:
            return "awaiting_verification"
        return "active"

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def needs_pharmacist_decision(self) -> bool:
        return self.plan.needs_pharmacist_decision

    @property
    def needs_recalculation(self) -> bool:
        return bool(self.weight_check and self.weight_check.needs_recalculation)

    @property
    def cautions(self) -> tuple[LabelCaution, ...]:
        """The label's cautions and any deviation from the protocol (issue 13)."""
        return label_cautions(self)

    @property
    def protocol_deviation(self) -> bool:
        return any(c.deviation for c in self.cautions)

    def to_json(self) -> dict[str, Any]:
        """The contract's keys (../shared/cli-contract.md `nkdesk dose`) and the order's extras."""
        plan = self.plan.to_json()
        payload = {
            "bsa_m2": self.bsa.bsa_m2,
            "formula": self.bsa.formula,
            "height_cm": self.bsa.height_cm,
            "weight_kg": self.bsa.weight_kg,
            "dose_per_m2_ug": self.regimen.dose_per_m2_ug,
            "daily_dose_ug": self.daily_dose_ug,
            "syringes": plan.pop("syringes"),
            "delivered_ug": plan.pop("delivered_ug"),
            "deviation_pct": plan.pop("deviation_pct"),
            "within_tolerance": plan.pop("within_tolerance"),
            "gcsf_days": self.gcsf_days,
        }
        if self.course is not None:
            payload["course"] = [d.isoformat() for d in self.course]
        if self.apheresis is not None:   # set together with the course (make_order)
            payload["apheresis"] = self.apheresis.isoformat()
        payload.update(plan)
        payload.update({
            "drug": self.regimen.drug,
            "route": self.regimen.route,
            "frequency": "split in two doses daily" if self.split_daily_dose else self.regimen.frequency,
            "split_daily_dose": self.split_daily_dose,
            "bsa_cap": self.bsa_cap.to_json() if self.bsa_cap else None,
            "status": self.status,
            "prescribed_by": self.prescribed_by.to_json() if self.prescribed_by else None,
            "verified_by": self.verified_by.to_json() if self.verified_by else None,
            "needs_recalculation": self.needs_recalculation,
            "weight_check": self.weight_check.to_json() if self.weight_check else None,
            "wbc_check": self.wbc_check.to_json() if self.wbc_check else None,
            "label_cautions": [c.to_json() for c in self.cautions],
            "protocol_deviation": self.protocol_deviation,
        })
        return payload


def make_order(bsa: BodySurfaceArea, *, gcsf_days: int | None = None, apheresis: dt.date | None = None,
               split_daily_dose: bool = False, settings: SiteSettings | None = None,
               regimen: GcsfRegimen | None = None, prescribed_by: UserRef | None = None) -> DoseOrder:
    """The filgrastim order: daily dose = dose/m² × BSA (400 µg/m², jRCTb060200020 and the label).

    The BSA is used unrounded. A site BSA cap (`settings.bsa_cap_m2`) replaces a larger BSA and is
    recorded with the dose before and after it. The course is `gcsf_days` consecutive days ending
    on `apheresis` (the apheresis is on the day of the last injection). Raises InputError on
    `gcsf_days` outside the protocol's range, or `split_daily_dose` when the protocol allows none.
    """
    settings = settings or SiteSettings()
    regimen = regimen or default_regimen()
    days = regimen.check_days(gcsf_days)
    if split_daily_dose and not regimen.split_allowed:
        raise InputError("split_daily_dose", "this protocol gives the dose once daily only", code="not_allowed")
    dose_before = regimen.dose_per_m2_ug * bsa.bsa_m2
    cap = None
    bsa_used = bsa.bsa_m2
    if settings.bsa_cap_m2 is not None:
        applied = bsa.bsa_m2 > settings.bsa_cap_m2
        bsa_used = min(bsa.bsa_m2, settings.bsa_cap_m2)
        cap = BsaCap(settings.bsa_cap_m2, applied, bsa_used, dose_before, regimen.dose_per_m2_ug * bsa_used)
    daily = regimen.dose_per_m2_ug * bsa_used
    plan = plan_syringes(daily, settings, administrations=2 if split_daily_dose else 1)
    course = course_dates(apheresis, days) if apheresis is not None else None
    return DoseOrder(bsa=bsa, regimen=regimen, daily_dose_ug=daily, plan=plan, gcsf_days=days,
                     apheresis=apheresis, course=course, bsa_cap=cap, split_daily_dose=split_daily_dose,
                     prescribed_by=prescribed_by)


def course_dates(apheresis: dt.date, days: int) -> tuple[dt.date, ...]:
    """The `days` consecutive G-CSF days ending on the apheresis day (culture day 0)."""
    return tuple(apheresis - dt.timedelta(days=days - 1 - i) for i in range(days))


def verify(order: DoseOrder, verifier: UserRef) -> DoseOrder:
    """The order verified by `verifier`, who must be someone other than the prescriber.

    Raises InputError on `verified_by` for an unsigned order or a prescriber verifying their own.
    """
    if order.prescribed_by is None:
        raise InputError("verified_by", "the order has no prescriber yet", code="unsigned")
    if verifier.user_id == order.prescribed_by.user_id:
        raise InputError("verified_by", "the prescriber cannot verify their own order; a second "
                                        "authorised user must", code="self_verification")
    return replace(order, verified_by=verifier)


def check_weight(order: DoseOrder, new_weight: Measured | str,
                 settings: SiteSettings | None = None) -> WeightCheck:
    """A new weight against the order's: |new − old| / old × 100 > limit (default 10 %) → recalculate.

    The change is rounded to 6 significant figures before the comparison (the contract's rule),
    so exactly 10 % is not "more than 10 %". Raises InputError on `weight` for a bad weight.
    """
    from nkdesk.rules import units

    settings = settings or SiteSettings()
    text = new_weight.text if isinstance(new_weight, units.Measured) else new_weight
    new_kg = units.clean_float(units.parse(text, field="weight", analyte="weight").to("kg"))
    old_kg = order.bsa.weight_kg
    change = units.round_sig((new_kg - old_kg) / old_kg * 100)
    return WeightCheck(old_kg, new_kg, change, settings.recalc_weight_change_pct,
                       abs(change) > settings.recalc_weight_change_pct)


def check_wbc(wbc: Measured | str, settings: SiteSettings | None = None) -> WbcCheck:
    """A WBC during mobilisation against the Japanese filgrastim label's limits (site settings).

    Label (filgrastim package insert, 6.1 mobilisation): if WBC rises to ≥ 50,000/mm³ before the
    collection ends, reduce the dose; once reduced, stop when WBC reaches 75,000/mm³. So: WBC ≥
    stop limit → `stop`; ≥ reduce limit → `reduce`; else `continue`. Compared in /mm³ after
    rounding to 6 significant figures. Raises InputError on `wbc` for a bad value.
    """
    from nkdesk.rules import units

    settings = settings or SiteSettings()
    text = wbc.text if isinstance(wbc, units.Measured) else wbc
    value = units.parse(text, field="wbc", analyte="wbc").to_rounded("/mm^3")
    reduce_at = units.parse(settings.gcsf_wbc_reduce, field="settings.gcsf_wbc_reduce",
                            analyte="wbc").to_rounded("/mm^3")
    stop_at = units.parse(settings.gcsf_wbc_stop, field="settings.gcsf_wbc_stop", analyte="wbc").to_rounded("/mm^3")
    instruction = "stop" if value >= stop_at else "reduce" if value >= reduce_at else "continue"
    return WbcCheck(value, reduce_at, stop_at, instruction)


def record_weight(order: DoseOrder, new_weight: Measured | str, settings: SiteSettings | None = None) -> DoseOrder:
    """The order carrying the check of a new weight (flagged for re-calculation if it moved > limit)."""
    return replace(order, weight_check=check_weight(order, new_weight, settings))


def record_wbc(order: DoseOrder, wbc: Measured | str, settings: SiteSettings | None = None) -> DoseOrder:
    """The order carrying the instruction for a WBC entered during the course."""
    return replace(order, wbc_check=check_wbc(wbc, settings))
