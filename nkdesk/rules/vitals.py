"""Vital signs around an infusion: the set a nurse records, its three tiers of limits, its NEWS2.

Every measurement has three tiers (defaults in `DEFAULT_VITAL_LIMITS`, each overridable per site
through `SiteSettings.vital_limits`, e.g. `{"temperature_c": {"critical": [35.1, 37.9]}}`):

- absolute: outside it a value is impossible (a pulse of 700 is a typing slip): refused with an
  InputError naming the field;
- critical: outside it the value raises an alert that stays until a named user acknowledges it;
- normal: outside it the value is shown as abnormal, without an alert.

Each tier is an inclusive range [low, high] of values that do not trip it. A value outside normal
limits (but possible) is saved only with a reason: `VitalAssessment.needs_reason`.

NEWS2 alignment (issue 13; RCP 2017, Chart 1): on top of the limits, each parameter NEWS2 scores
is scored on its own — respiration rate, SpO₂ (on the set's scale), supplemental oxygen, systolic
pressure, pulse, consciousness, temperature. A parameter scoring 3 is a critical alert (RCP 2017:
"a score of 3 in any individual parameter" calls for an urgent ward-based response); one scoring 1
or 2 is outside normal and needs a reason. The infusion's own limits stay (fever ≥ 38.0 °C,
SpO₂ < 92 %, the diastolic limits, which NEWS2 does not score), and the aggregate score's bands
(≥ 5 medium, ≥ 7 high) are unchanged. Both scores are site settings
(`SiteSettings.news2_critical_score`, `news2_abnormal_score`; None switches that part off). Every
finding carries the rule that made it (`Finding.rule`), for the window and the forms to show. Temperatures are
compared in °C after rounding to 0.1 °C half up, the same rule NEWS2 scores with, so "≥ 38.0 °C
alerts" is written as critical high 37.9.

The time points are the protocol's (`[vitals]` in the protocol file: minutes from the start of the
infusion, 0 = before it starts) unless the site sets its own; a nurse may add extra sets.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from nkdesk.rules import news2, quantity_text, units
from nkdesk.rules.errors import InputError
from nkdesk.rules.phrases import Phrase

if TYPE_CHECKING:
    from nkdesk.rules.protocol import Protocol

# Oxygen delivery as ASTCT CRS grading needs it (Lee 2019): low-flow devices, high-flow devices,
# positive pressure. A nasal cannula above 6 L/min counts as high flow (Lee 2019).
OXYGEN_DEVICES = {
    "unspecified": "Supplemental oxygen (device not recorded)",
    "nasal_cannula": "Nasal cannula",
    "blow_by": "Blow-by oxygen",
    "face_mask": "Simple face mask",
    "venturi_mask": "Venturi mask",
    "non_rebreather_mask": "Non-rebreather mask",
    "high_flow_nasal_cannula": "High-flow nasal cannula",
    "cpap": "CPAP",
    "bipap": "BiPAP",
    "mechanical_ventilation": "Intubation and mechanical ventilation",
}

# Defaults, in one place. Sources: absolute temperature range = the contract's plausible range
# (25–45 °C); critical temperature ≥ 38.0 °C and SpO2 < 92 % from issue 5; the other critical
# limits are the NEWS2 score-3 bands (RCP 2017, Chart 1: resp. rate ≤ 8 or ≥ 25, pulse ≤ 40 or
# ≥ 131, systolic ≤ 90 or ≥ 220, temperature ≤ 35.0); normal limits are the NEWS2 score-0 bands
# (resp. rate 12–20, SpO2 ≥ 96, pulse 51–90, systolic ≥ 111, temperature 36.1–38.0 capped below
# the fever alert) and, for blood pressure, below the Japanese Society of Hypertension's 140/90
# mmHg (JSH 2019). Absolute limits are deliberately wide.
DEFAULT_VITAL_LIMITS: dict[str, dict[str, tuple[float, float]]] = {
    "systolic_mmhg": {"absolute": (30, 300), "critical": (91, 219), "normal": (111, 139)},
    "diastolic_mmhg": {"absolute": (10, 250), "critical": (40, 119), "normal": (50, 89)},
    "pulse_per_min": {"absolute": (20, 300), "critical": (41, 130), "normal": (51, 90)},
    "resp_rate_per_min": {"absolute": (2, 80), "critical": (9, 24), "normal": (12, 20)},
    "spo2_pct": {"absolute": (40, 100), "critical": (92, 100), "normal": (96, 100)},
    "temperature_c": {"absolute": (25.0, 45.0), "critical": (35.1, 37.9), "normal": (36.1, 37.9)},
    "o2_flow_l_min": {"absolute": (0, 80)},
    "vasopressors": {"absolute": (0, 10), "critical": (0, 0)},   # any vasopressor alerts
}
TIERS = ("absolute", "critical", "normal")
LABELS = {
    "systolic_mmhg": "Systolic BP", "diastolic_mmhg": "Diastolic BP", "pulse_per_min": "Pulse",
    "resp_rate_per_min": "Respiratory rate", "spo2_pct": "SpO2", "temperature_c": "Temperature",
    "o2_flow_l_min": "Oxygen flow", "vasopressors": "Vasopressors",
    "supplemental_oxygen": "Supplemental oxygen", "acvpu": "Consciousness (ACVPU)",
}


@dataclass(frozen=True)
class Oxygen:
    """Room air (device None) or a device with its flow in L/min."""

    device: str | None = None
    flow_l_min: float | None = None

    @property
    def on_oxygen(self) -> bool:
        return self.device is not None


@dataclass(frozen=True)
class VitalSigns:
    """One set of observations, as entered (temperature keeps its unit); None = not measured."""

    systolic_mmhg: int | None = None
    diastolic_mmhg: int | None = None
    pulse_per_min: int | None = None
    resp_rate_per_min: int | None = None
    temperature: units.Measured | None = None
    spo2_pct: int | None = None
    oxygen: Oxygen = Oxygen()
    vasopressors: int = 0            # how many vasopressors are running (vasopressin not counted)
    acvpu: str | None = None
    spo2_scale: int = 1
    time_point_min: int | None = None
    measured_at: datetime | None = None
    vasopressin: bool = False        # vasopressin running (ASTCT: a vasopressor for grade 3, not counted for 4)

    @property
    def temperature_c(self) -> float | None:
        return None if self.temperature is None else news2.round_temperature_c(self.temperature)

    def values(self) -> dict[str, float | None]:
        """The limit-checked measurements by their limit names (units in the names)."""
        return {
            "systolic_mmhg": self.systolic_mmhg, "diastolic_mmhg": self.diastolic_mmhg,
            "pulse_per_min": self.pulse_per_min, "resp_rate_per_min": self.resp_rate_per_min,
            "spo2_pct": self.spo2_pct, "temperature_c": self.temperature_c,
            "o2_flow_l_min": self.oxygen.flow_l_min, "vasopressors": self.vasopressors,
        }


@dataclass(frozen=True)
class Finding:
    name: str
    value: float
    tier: str            # "normal", "abnormal" (outside normal) or "critical" (outside critical)
    low: float | None = None
    high: float | None = None
    rule: str = ""       # why the tier: the limit crossed or the NEWS2 score (shown to the nurse)
    news2_points: int | None = None


DEFAULT_NEWS2_SCORES = (3, 1)    # (critical at, outside normal at): RCP 2017 single-parameter score 3
TIER_ORDER = {"normal": 0, "abnormal": 1, "critical": 2}
# NEWS2 parameter → the limit name it shares a value with (None: a finding of its own)
NEWS2_FINDINGS = {"respiration_rate": "resp_rate_per_min", "spo2": "spo2_pct", "systolic_bp": "systolic_mmhg",
                  "pulse": "pulse_per_min", "temperature": "temperature_c", "air_or_oxygen": None}


@dataclass(frozen=True)
class VitalAssessment:
    vitals: VitalSigns
    findings: tuple[Finding, ...]
    news2: news2.News2 | None
    missing_for_news2: tuple[str, ...] = ()
    # Each finding's `rule` as a code with its parameters, by finding name, for the window's language
    rule_phrases: Mapping[str, Phrase] = field(default_factory=dict, compare=False, hash=False)

    @property
    def alerts(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.tier == "critical")

    @property
    def needs_reason(self) -> bool:
        """A value outside normal limits is saved only with a reason (issue 5)."""
        return any(f.tier != "normal" for f in self.findings)

    def savable(self, reason: str | None) -> bool:
        return not self.needs_reason or bool(reason and reason.strip())


def limits(site_limits: Mapping[str, Any] | None = None) -> dict[str, dict[str, tuple[float, float]]]:
    """The defaults with a site's overrides laid over them, checked to nest: normal ⊆ critical ⊆ absolute."""
    merged = {name: dict(tiers) for name, tiers in DEFAULT_VITAL_LIMITS.items()}
    for name, tiers in (site_limits or {}).items():
        if name not in merged:
            raise ValueError(f"vital_limits: unknown measurement '{name}' (known: {', '.join(merged)})")
        for tier, bounds in tiers.items():
            if tier not in TIERS or len(bounds) != 2 or bounds[0] > bounds[1]:
                raise ValueError(f"vital_limits.{name}.{tier}: expected [low, high] for one of {TIERS}")
            merged[name][tier] = (float(bounds[0]), float(bounds[1]))
    for name, tiers in merged.items():
        chain = [tiers[t] for t in TIERS if t in tiers]
        for outer, inner in pairwise(chain):
            if inner[0] < outer[0] or inner[1] > outer[1]:
                raise ValueError(f"vital_limits.{name}: tiers must nest (normal within critical within absolute)")
    return merged


def assess(vitals: VitalSigns, site_limits: Mapping[str, Any] | None = None,
           news2_scores: tuple[int | None, int | None] = DEFAULT_NEWS2_SCORES) -> VitalAssessment:
    """Check a set against the three tiers and NEWS2's single-parameter scores, and score it with
    NEWS2 (RCP 2017) when it is complete. `news2_scores` = (critical at, outside normal at).

    Raises InputError naming the field for a value outside its absolute limits, an ACVPU letter
    other than A, C, V, P, U, an oxygen device not in OXYGEN_DEVICES, or a flow without a device.
    """
    table = limits(site_limits)
    _check_kinds(vitals)
    points = parameter_points(vitals)
    findings = []
    phrases: dict[str, Phrase] = {}
    for name, value in vitals.values().items():
        if value is None:
            continue
        tiers = table[name]
        low, high = tiers["absolute"]
        if not low <= value <= high:
            raise InputError(name, f"{_number(value)} is impossible for {LABELS[name].lower()} "
                                   f"(accepted {_number(low)}–{_number(high)})", code="absolute_limit",
                             low=low, high=high)
        tier, rule = "normal", ""
        phrase: Phrase | None = None
        if "critical" in tiers and not tiers["critical"][0] <= value <= tiers["critical"][1]:
            tier = "critical"
            rule = (f"outside the infusion's alert limits {_number(tiers['critical'][0])}–"
                    f"{_number(tiers['critical'][1])}: critical alert")
            phrase = Phrase("vitals.alert_limits", {"low": _number(tiers["critical"][0]),
                                                    "high": _number(tiers["critical"][1])}, rule)
        elif "normal" in tiers and not tiers["normal"][0] <= value <= tiers["normal"][1]:
            tier = "abnormal"
            rule = f"outside normal {_number(tiers['normal'][0])}–{_number(tiers['normal'][1])}: needs a reason"
            phrase = Phrase("vitals.outside_normal", {"low": _number(tiers["normal"][0]),
                                                      "high": _number(tiers["normal"][1])}, rule)
        parameter = next((p for p, limit in NEWS2_FINDINGS.items() if limit == name), None)
        scored = points.get(parameter) if parameter else None
        tier, rule, phrase = _with_news2(tier, rule, parameter, scored, value, news2_scores, phrase)
        if phrase is not None:
            phrases[name] = phrase
        if "critical" in tiers or "normal" in tiers:
            bounds = tiers["normal"] if "normal" in tiers else tiers["critical"]
            findings.append(Finding(name, value, tier, bounds[0], bounds[1], rule, scored))
    if vitals.oxygen.on_oxygen and "air_or_oxygen" in points:
        tier, rule, phrase = _with_news2("normal", "", "air_or_oxygen", points["air_or_oxygen"], 1.0, news2_scores)
        if phrase is not None:
            phrases["supplemental_oxygen"] = phrase
        findings.append(Finding("supplemental_oxygen", 1.0, tier, rule=rule, news2_points=points["air_or_oxygen"]))
    if vitals.acvpu is not None:
        # Anything but Alert (new confusion included) is critical: NEWS2 scores it 3 (RCP 2017).
        alert = vitals.acvpu.upper() == "A"
        if not alert:
            phrases["acvpu"] = Phrase("vitals.news2_acvpu", {}, "NEWS2 (RCP 2017) scores new confusion, V, P or U "
                                                                "as 3: critical alert")
        findings.append(Finding("acvpu", 0.0 if alert else 3.0, "normal" if alert else "critical",
                                rule="" if alert else "NEWS2 (RCP 2017) scores new confusion, V, P or U as 3: "
                                                      "critical alert", news2_points=0 if alert else 3))
    needed = {"resp_rate_per_min": vitals.resp_rate_per_min, "spo2_pct": vitals.spo2_pct,
              "systolic_mmhg": vitals.systolic_mmhg, "pulse_per_min": vitals.pulse_per_min,
              "acvpu": vitals.acvpu, "temperature": vitals.temperature}
    missing = tuple(name for name, value in needed.items() if value is None)
    scored_set = None
    v = vitals   # `not missing`, spelled out for the type checker:
    if (v.resp_rate_per_min is not None and v.spo2_pct is not None and v.systolic_mmhg is not None
            and v.pulse_per_min is not None and v.acvpu is not None and v.temperature is not None):
        scored_set = news2.score(resp_rate=v.resp_rate_per_min, spo2=v.spo2_pct,
                                 on_oxygen=v.oxygen.on_oxygen, systolic=v.systolic_mmhg,
                                 pulse=v.pulse_per_min, acvpu=v.acvpu,
                                 temperature=v.temperature, scale=v.spo2_scale)
    return VitalAssessment(vitals, tuple(findings), scored_set, missing, phrases)


def parameter_points(vitals: VitalSigns) -> dict[str, int]:
    """NEWS2 points of each parameter the set holds, scored one by one (RCP 2017, Chart 1)."""
    points: dict[str, int] = {}
    if vitals.resp_rate_per_min is not None:
        points["respiration_rate"] = news2.respiration_points(vitals.resp_rate_per_min)
    if vitals.spo2_pct is not None:
        points["spo2"] = news2.spo2_points(vitals.spo2_pct, scale=vitals.spo2_scale,
                                           on_oxygen=vitals.oxygen.on_oxygen)
    points["air_or_oxygen"] = 2 if vitals.oxygen.on_oxygen else 0
    if vitals.systolic_mmhg is not None:
        points["systolic_bp"] = news2.systolic_points(vitals.systolic_mmhg)
    if vitals.pulse_per_min is not None:
        points["pulse"] = news2.pulse_points(vitals.pulse_per_min)
    if vitals.temperature_c is not None:
        points["temperature"] = news2.temperature_points(vitals.temperature_c)
    return points


NEWS2_WORDS = {"respiration_rate": "respiration rate", "spo2": "SpO2", "systolic_bp": "systolic pressure",
               "pulse": "pulse", "temperature": "temperature", "air_or_oxygen": "supplemental oxygen"}


def _with_news2(tier: str, rule: str, parameter: str | None, scored: int | None, value: float,
                scores: tuple[int | None, int | None],
                phrase: Phrase | None = None) -> tuple[str, str, Phrase | None]:
    """The higher of the limit's tier and NEWS2's, with the rule that set it (and its phrase)."""
    if parameter is None or scored is None:
        return tier, rule, phrase
    critical_at, abnormal_at = scores
    news_tier = "normal"
    if critical_at is not None and scored >= critical_at:
        news_tier = "critical"
    elif abnormal_at is not None and scored >= abnormal_at:
        news_tier = "abnormal"
    if TIER_ORDER[news_tier] <= TIER_ORDER[tier]:
        return tier, rule, phrase
    shown = "" if parameter == "air_or_oxygen" else f" {_number(value)}"
    what = "critical alert" if news_tier == "critical" else "outside normal, needs a reason"
    text = f"NEWS2 (RCP 2017) scores {NEWS2_WORDS[parameter]}{shown} as {scored}: {what}"
    return news_tier, text, Phrase("vitals.news2", {"parameter": parameter, "value": shown.strip(), "points": scored,
                                                    "tier": news_tier}, text)


def _check_kinds(vitals: VitalSigns) -> None:
    for name in ("systolic_mmhg", "diastolic_mmhg", "pulse_per_min", "resp_rate_per_min", "spo2_pct",
                 "vasopressors"):
        value = getattr(vitals, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InputError(name, f"'{value}' is not a whole number", code="not_an_integer")
    if vitals.acvpu is not None and str(vitals.acvpu).upper() not in news2.ACVPU:
        raise InputError("acvpu", f"'{vitals.acvpu}' is not one of A, C, V, P, U", code="bad_acvpu")
    if vitals.spo2_scale not in (1, 2):
        raise InputError("spo2_scale", f"'{vitals.spo2_scale}' is not an SpO2 scale (1 or 2)", code="bad_scale")
    device, flow = vitals.oxygen.device, vitals.oxygen.flow_l_min
    if device is not None and device not in OXYGEN_DEVICES:
        raise InputError("oxygen.device", f"unknown oxygen device '{device}' (known: "
                                          f"{', '.join(OXYGEN_DEVICES)})", code="unknown_device")
    if device is None and flow not in (None, 0, 0.0):
        raise InputError("oxygen.flow_l_min", "an oxygen flow needs a device", code="flow_without_device")
    if vitals.temperature is not None and vitals.temperature.analyte != "temperature":
        raise InputError("temperature", "not a temperature", code="wrong_unit")


def from_entry(entry: Mapping[str, Any]) -> VitalSigns:
    """A VitalSigns from what a form or a JSON file holds; temperature as text with unit ("38.4 degC").

    Keys: systolic_mmhg, diastolic_mmhg, pulse_per_min, resp_rate_per_min, temperature, spo2_pct,
    oxygen_device, o2_flow_l_min, vasopressors, vasopressin, acvpu, spo2_scale, time_point_min. An unknown key,
    a number that is not whole, or a temperature without a unit is an InputError naming the key.
    """
    known = {"systolic_mmhg", "diastolic_mmhg", "pulse_per_min", "resp_rate_per_min", "temperature",
             "spo2_pct", "oxygen_device", "o2_flow_l_min", "vasopressors", "vasopressin", "acvpu", "spo2_scale",
             "time_point_min"}
    for key in entry:
        if key not in known:
            raise InputError(key, "unknown field", code="unknown_field")
    values: dict[str, Any] = {}
    for key in ("systolic_mmhg", "diastolic_mmhg", "pulse_per_min", "resp_rate_per_min", "spo2_pct",
                "vasopressors", "spo2_scale", "time_point_min"):
        if entry.get(key) is not None:
            values[key] = whole_number(entry[key], key)
    if entry.get("temperature") is not None:
        values["temperature"] = units.parse(entry["temperature"], field="temperature", analyte="temperature")
    if entry.get("acvpu") is not None:
        values["acvpu"] = str(entry["acvpu"]).strip().upper()
    flow = entry.get("o2_flow_l_min")
    if flow is not None and (isinstance(flow, bool) or not isinstance(flow, (int, float))):
        raise InputError("o2_flow_l_min", f"'{flow}' is not a flow in L/min", code="not_a_number")
    values["oxygen"] = Oxygen(entry.get("oxygen_device") or None, None if flow is None else float(flow))
    if entry.get("vasopressin") is not None:
        if not isinstance(entry["vasopressin"], bool):
            raise InputError("vasopressin", f"expected true or false, got {entry['vasopressin']!r}",
                             code="not_boolean")
        values["vasopressin"] = entry["vasopressin"]
    vitals = VitalSigns(**values)
    _check_kinds(vitals)
    return vitals


def whole_number(value: Any, field_name: str) -> int:
    """`value` as an int: ints, integral floats (from JSON) and text of digits pass (an optional sign,
    full-width digits folded as for quantities); anything else ("5_0", "1e1", "12.5") is an InputError."""
    if isinstance(value, bool):
        raise InputError(field_name, f"'{value}' is not a whole number", code="not_an_integer")
    if isinstance(value, str):
        text = quantity_text.fold(value).strip()
        if not _WHOLE.fullmatch(text):
            raise InputError(field_name, f"'{quantity_text.shown(value)}' is not a whole number (digits only, "
                                         "e.g. 18)", code="not_an_integer")
        return int(text)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    raise InputError(field_name, f"'{value}' is not a whole number", code="not_an_integer")


_WHOLE = re.compile(r"[+-]?[0-9]{1,9}")


@dataclass(frozen=True)
class TimePoint:
    offset_min: int               # minutes from the start of the infusion; 0 = before it starts
    label: str
    extra: bool = False           # added by a nurse, not in the protocol's schedule


def time_points(protocol: Protocol | None = None, site_minutes: tuple[int, ...] = ()) -> list[TimePoint]:
    """The scheduled time points: the site's minutes if set, else the protocol's `[vitals]` section."""
    section = protocol.section("vitals", {}) if protocol is not None else {}
    minutes = list(site_minutes) or list(section.get("time_points_min", ()))
    # a protocol may label fewer time points than it lists: the rest get time_point_label()
    labels = dict(zip(section.get("time_points_min", ()), section.get("time_point_labels", ()), strict=False))
    return [TimePoint(m, labels.get(m) or time_point_label(m)) for m in sorted(set(minutes))]


def time_point_label(offset_min: int) -> str:
    if offset_min <= 0:
        return "Before infusion"
    if offset_min % 60 == 0:
        return f"{offset_min // 60} h after start"
    return f"{offset_min} min after start"


def _number(value: float) -> str:
    return f"{value:g}"
