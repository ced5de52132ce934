"""NEWS2, the National Early Warning Score 2 (Royal College of Physicians, 2017).

Source: Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the
assessment of acute-illness severity in the NHS. Updated report of a working party. London: RCP,
2017. Chart 1 (the scoring system) gives every band below; Chart 3 (thresholds and triggers) the
risk bands; Chart 4 (clinical response to the NEWS trigger thresholds) the response wording.

Each of seven parameters scores 0–3; the score is their sum. The temperature is converted to °C
and rounded to 0.1 °C half up before it is scored (../shared/cli-contract.md), so 38.05 °C scores
as 38.1 °C. SpO₂ scale 2 is for patients with hypercapnic respiratory failure whose prescribed
target is 88–92 %, on a clinician's decision (RCP 2017); scale 1 is the default.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from nkdesk.rules import units
from nkdesk.rules.errors import InputError

ACVPU = ("A", "C", "V", "P", "U")  # Alert; new Confusion; responds to Voice; to Pain; Unresponsive
PARAMETERS = ("respiration_rate", "spo2", "air_or_oxygen", "systolic_bp", "pulse", "consciousness",
              "temperature")

# Chart 4 (RCP 2017): frequency of monitoring and clinical response, per trigger.
RESPONSES = {
    "zero": ("Minimum 12 hourly", ("Continue routine NEWS monitoring",)),
    "low": ("Minimum 4–6 hourly", (
        "Inform registered nurse, who must assess the patient",
        "Registered nurse decides whether increased frequency of monitoring and/or escalation of care "
        "is required")),
    "low-medium": ("Minimum 1 hourly", (
        "Registered nurse to inform medical team caring for the patient, who will review and decide "
        "whether escalation of care is necessary",)),
    "medium": ("Minimum 1 hourly", (
        "Registered nurse to immediately inform the medical team caring for the patient",
        "Registered nurse to request urgent assessment by a clinician or team with core competencies "
        "in the care of acutely ill patients",
        "Provide clinical care in an environment with monitoring facilities")),
    "high": ("Continuous monitoring of vital signs", (
        "Registered nurse to immediately inform the medical team caring for the patient – this should "
        "be at least at specialist registrar level",
        "Emergency assessment by a team with critical care competencies, including practitioner(s) "
        "with advanced airway management skills",
        "Consider transfer of care to a level 2 or 3 clinical care facility, ie higher-dependency unit or ICU",
        "Clinical care in an environment with monitoring facilities")),
}
# Chart 3 (RCP 2017): the trigger each clinical risk band sets off.
TRIGGERS = {
    "low": "Ward-based response",
    "low-medium": "Urgent ward-based response",
    "medium": "Key threshold for urgent response",
    "high": "Urgent or emergency response",
}


@dataclass(frozen=True)
class News2:
    """A scored set: each parameter's score, the sum, the risk band and the response it calls for."""

    parameters: dict[str, int]
    temperature_c: float          # as scored: converted to °C, rounded to 0.1 half up
    scale: int

    @property
    def score(self) -> int:
        return sum(self.parameters.values())

    @property
    def any_single_3(self) -> bool:
        return any(points == 3 for points in self.parameters.values())

    @property
    def risk(self) -> str:
        """Chart 3: high ≥ 7; medium 5–6; low-medium = a single parameter scoring 3 (total < 5); else low."""
        if self.score >= 7:
            return "high"
        if self.score >= 5:
            return "medium"
        if self.any_single_3:
            return "low-medium"
        return "low"

    @property
    def response_key(self) -> str:
        return "zero" if self.score == 0 else self.risk

    def to_json(self) -> dict[str, Any]:
        monitoring, actions = RESPONSES[self.response_key]
        return {
            "score": self.score, "risk": self.risk, "any_single_3": self.any_single_3,
            "parameters": dict(self.parameters), "temperature_c": self.temperature_c, "scale": self.scale,
            "trigger": TRIGGERS[self.risk],
            "response": {"monitoring": monitoring, "actions": list(actions)},
        }


def round_temperature_c(temperature: units.Measured | float) -> float:
    """°C to 0.1, half up: a Measured is converted to °C (6 significant figures) first."""
    celsius = temperature.to_rounded("degC") if isinstance(temperature, units.Measured) else float(temperature)
    celsius = units.round_sig(celsius)
    return float(Decimal(repr(celsius)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def score(*, resp_rate: int, spo2: int, on_oxygen: bool, systolic: int, pulse: int, acvpu: str,
          temperature: units.Measured | float, scale: int = 1) -> News2:
    """NEWS2 of one set of observations (RCP 2017, Chart 1); rates per minute, mmHg, SpO₂ in %.

    `temperature` is a `units.Measured` or a number in °C. Raises InputError (field named after the
    argument) for a scale other than 1 or 2 or an ACVPU letter other than A, C, V, P, U.
    """
    if scale not in (1, 2):
        raise InputError("scale", f"'{scale}' is not an SpO2 scale (1 or 2)", code="bad_scale")
    level = str(acvpu).strip().upper()
    if level not in ACVPU:
        raise InputError("acvpu", f"'{acvpu}' is not one of A, C, V, P, U", code="bad_acvpu")
    temperature_c = round_temperature_c(temperature)
    parameters = {
        "respiration_rate": respiration_points(resp_rate),
        "spo2": spo2_points(spo2, scale=scale, on_oxygen=on_oxygen),
        "air_or_oxygen": 2 if on_oxygen else 0,
        "systolic_bp": systolic_points(systolic),
        "pulse": pulse_points(pulse),
        "consciousness": 0 if level == "A" else 3,   # new confusion (C) scores 3, as V, P and U do
        "temperature": temperature_points(temperature_c),
    }
    return News2(parameters, temperature_c, scale)


def respiration_points(rate: float) -> int:
    """Chart 1: ≤8 → 3; 9–11 → 1; 12–20 → 0; 21–24 → 2; ≥25 → 3 (per minute)."""
    if rate <= 8:
        return 3
    if rate <= 11:
        return 1
    if rate <= 20:
        return 0
    if rate <= 24:
        return 2
    return 3


def spo2_points(spo2: float, *, scale: int = 1, on_oxygen: bool = False) -> int:
    """Chart 1, SpO₂ (%). Scale 1: ≤91 → 3; 92–93 → 2; 94–95 → 1; ≥96 → 0.

    Scale 2: ≤83 → 3; 84–85 → 2; 86–87 → 1; 88–92, or ≥93 on air → 0; on oxygen 93–94 → 1,
    95–96 → 2, ≥97 → 3.
    """
    if scale == 1:
        return 3 if spo2 <= 91 else 2 if spo2 <= 93 else 1 if spo2 <= 95 else 0
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92 or not on_oxygen:
        return 0
    return 1 if spo2 <= 94 else 2 if spo2 <= 96 else 3


def systolic_points(systolic: float) -> int:
    """Chart 1, systolic blood pressure (mmHg): ≤90 → 3; 91–100 → 2; 101–110 → 1; 111–219 → 0; ≥220 → 3."""
    if systolic <= 90:
        return 3
    if systolic <= 100:
        return 2
    if systolic <= 110:
        return 1
    if systolic <= 219:
        return 0
    return 3


def pulse_points(pulse: float) -> int:
    """Chart 1, pulse (per minute): ≤40 → 3; 41–50 → 1; 51–90 → 0; 91–110 → 1; 111–130 → 2; ≥131 → 3."""
    if pulse <= 40:
        return 3
    if pulse <= 50:
        return 1
    if pulse <= 90:
        return 0
    if pulse <= 110:
        return 1
    if pulse <= 130:
        return 2
    return 3


def temperature_points(celsius: float) -> int:
    """Chart 1, temperature (°C, to 0.1): ≤35.0 → 3; 35.1–36.0 → 1; 36.1–38.0 → 0; 38.1–39.0 → 1; ≥39.1 → 2."""
    if celsius <= 35.0:
        return 3
    if celsius <= 36.0:
        return 1
    if celsius <= 38.0:
        return 0
    if celsius <= 39.0:
        return 1
    return 2
