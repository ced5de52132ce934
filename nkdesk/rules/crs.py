"""ASTCT consensus grade proposal for cytokine release syndrome (CRS) after an infusion.

Source: Lee DW, Santomasso BD, Locke FL, et al. ASTCT Consensus Grading for Cytokine Release
Syndrome and Neurologic Toxicity Associated with Immune Effector Cells. Biol Blood Marrow
Transplant 2019;25:625–638 (Table: ASTCT CRS consensus grading, and its footnotes):

| grade | fever   | with hypotension                              | and/or hypoxia requiring                       |
|-------|---------|-----------------------------------------------|------------------------------------------------|
| 1     | ≥ 38 °C | none                                          | none                                           |
| 2     | ≥ 38 °C | not requiring vasopressors                    | low-flow nasal cannula (≤ 6 L/min) or blow-by  |
| 3     | ≥ 38 °C | a vasopressor, with or without vasopressin    | high-flow nasal cannula (> 6 L/min), facemask, |
|       |         |                                               | non-rebreather or Venturi mask                 |
| 4     | ≥ 38 °C | multiple vasopressors (excluding vasopressin) | positive pressure (CPAP, BiPAP, intubation and |
|       |         |                                               | mechanical ventilation)                        |

- The grade is set by the more severe of hypotension and hypoxia.
- Fever, hypotension and hypoxia count only when not attributable to any other cause: that is the
  investigator's judgement, so every proposal says so and none is final.
- Once antipyretic or anticytokine therapy (tocilizumab, steroids) has started, fever is no longer
  required; grading then rests on hypotension and hypoxia (`fever_masked=True`).
- ASTCT gives no number for hypotension; NKDesk proposes it at systolic < 90 mmHg (adult
  definition used in ASTCT-based tables, e.g. PMC8021214 Table 1), and the investigator decides.
- Vasopressin (issue 13): grade 3 is "a vasopressor with or without vasopressin" and grade 4
  "multiple vasopressors (excluding vasopressin)": vasopressin is excluded only when counting
  multiple vasopressors. Lee 2019 is silent on vasopressin alone; NKDesk counts it as a vasopressor
  for grade 3 and says so in the proposal (`readings`), for the investigator to confirm.
- Hypoxia is judged from the oxygen flow and the device (Lee 2019, table footnotes: "Low-flow nasal
  cannula is defined as oxygen delivered at ≤6 L/minute … High-flow nasal cannula is defined as
  oxygen delivered at >6 L/minute"): any nasal cannula at ≤ 6 L/min is low flow (grade 2), above it
  high flow (grade 3), so a cannula's flow must be recorded; blow-by is grade 2; a face mask,
  non-rebreather or Venturi mask grade 3; positive pressure (CPAP, BiPAP, ventilation) grade 4.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nkdesk.rules import news2
from nkdesk.rules.errors import InputError
from nkdesk.rules.phrases import Phrase
from nkdesk.rules.vitals import OXYGEN_DEVICES, VitalSigns

FEVER_C = 38.0
LOW_FLOW_MAX_L_MIN = 6.0
HYPOTENSION_SYSTOLIC_BELOW_MMHG = 90
LOW_FLOW = {"nasal_cannula", "blow_by"}
POSITIVE_PRESSURE = {"cpap", "bipap", "mechanical_ventilation"}
ATTRIBUTION_NOTE = ("ASTCT counts fever, hypotension and hypoxia only when not attributable to any other "
                    "cause: an investigator confirms the grade")
NASAL_CANNULAS = {"nasal_cannula", "high_flow_nasal_cannula"}
MASKS = {"face_mask", "non_rebreather_mask", "venturi_mask"}
VASOPRESSIN_READING = ("NKDesk's reading: ASTCT (Lee 2019) grades hypotension needing \"a vasopressor with or "
                       "without vasopressin\" as 3 and excludes vasopressin only when counting multiple vasopressors "
                       "for grade 4; it is silent on vasopressin alone, which NKDesk counts as a vasopressor "
                       "(grade 3) — the investigator confirms")


@dataclass(frozen=True)
class CrsProposal:
    """A proposed ASTCT CRS grade (0 = no CRS by ASTCT criteria) and what drove it."""

    grade: int
    fever: bool
    hypotension_grade: int      # 0, 2, 3 or 4 as the hypotension column alone would grade
    hypoxia_grade: int          # 0, 2, 3 or 4 as the hypoxia column alone would grade
    reasons: tuple[str, ...]
    note: str = ATTRIBUTION_NOTE
    readings: tuple[str, ...] = ()   # where NKDesk reads a case Lee 2019 leaves open (shown to the investigator)
    # The same reasons, note and readings as codes with parameters, for the window to word in its language
    reason_phrases: tuple[Phrase, ...] = ()
    note_phrase: Phrase = Phrase("crs.attribution", {}, ATTRIBUTION_NOTE)
    reading_phrases: tuple[Phrase, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"grade": self.grade, "system": "ASTCT 2019", "fever": self.fever,
                "hypotension_grade": self.hypotension_grade, "hypoxia_grade": self.hypoxia_grade,
                "reasons": list(self.reasons), "note": self.note, "readings": list(self.readings)}


def propose(*, temperature_c: float | None, hypotension: bool, vasopressors: int = 0, vasopressin: bool = False,
            oxygen_device: str | None = None, o2_flow_l_min: float | None = None,
            fever_masked: bool = False) -> CrsProposal:
    """ASTCT CRS grade (Lee 2019) from temperature (°C), hypotension, vasopressors and oxygen.

    `vasopressors` counts vasopressors other than vasopressin; `vasopressin` says whether vasopressin
    is running. `fever_masked`: antipyretic or anticytokine therapy has begun, so fever is not
    required (Lee 2019, table footnote).
    """
    if isinstance(vasopressors, bool) or not isinstance(vasopressors, int) or vasopressors < 0:
        raise InputError("vasopressors", f"'{vasopressors}' is not a count of vasopressors", code="bad_count")
    fever = temperature_c is not None and temperature_c >= FEVER_C
    reasons: list[Phrase] = []
    if fever:
        reasons.append(Phrase("crs.fever", {"temperature_c": temperature_c, "threshold_c": FEVER_C},
                              f"fever {temperature_c:.1f} °C (≥ {FEVER_C:.0f} °C)"))
    elif fever_masked:
        reasons.append(Phrase("crs.fever_masked", {},
                              "fever not required: antipyretic or anticytokine therapy has begun"))

    readings: list[Phrase] = []
    with_vasopressin = " with vasopressin" if vasopressin else ""
    if vasopressors >= 2:
        hypotension_grade = 4
        reasons.append(Phrase("crs.hypotension_vasopressors", {"count": vasopressors, "vasopressin": vasopressin},
                              f"hypotension requiring {vasopressors} vasopressors{with_vasopressin} "
                              f"(vasopressin not counted)"))
    elif vasopressors == 1:
        hypotension_grade = 3
        reasons.append(Phrase("crs.hypotension_vasopressor", {"vasopressin": vasopressin},
                              f"hypotension requiring a vasopressor{with_vasopressin}"))
    elif vasopressin:
        hypotension_grade = 3
        reasons.append(Phrase("crs.hypotension_vasopressin_alone", {}, "hypotension requiring vasopressin alone"))
        readings.append(Phrase("crs.vasopressin_reading", {}, VASOPRESSIN_READING))
    elif hypotension:
        hypotension_grade = 2
        reasons.append(Phrase("crs.hypotension", {}, "hypotension not requiring vasopressors"))
    else:
        hypotension_grade = 0

    hypoxia_grade = _hypoxia_grade(oxygen_device, o2_flow_l_min)
    if hypoxia_grade and oxygen_device is not None:   # a grade > 0 always has a device
        flow = "" if o2_flow_l_min is None else f" at {o2_flow_l_min:g} L/min"
        reasons.append(Phrase("crs.hypoxia", {"device": oxygen_device, "flow_l_min": o2_flow_l_min},
                              f"hypoxia requiring {OXYGEN_DEVICES[oxygen_device].lower()}{flow}"))

    if not (fever or fever_masked):
        reasons.append(Phrase("crs.no_fever", {"threshold_c": FEVER_C}, "no fever ≥ 38 °C: not CRS by ASTCT criteria"))
        return _proposal(0, False, hypotension_grade, hypoxia_grade, reasons, readings)
    grade = max(hypotension_grade, hypoxia_grade)
    if grade == 0:
        grade = 1 if fever else 0
    return _proposal(grade, fever, hypotension_grade, hypoxia_grade, reasons, readings)


def _proposal(grade: int, fever: bool, hypotension_grade: int, hypoxia_grade: int, reasons: list[Phrase],
              readings: list[Phrase]) -> CrsProposal:
    return CrsProposal(grade, fever, hypotension_grade, hypoxia_grade, tuple(r.text for r in reasons),
                       readings=tuple(r.text for r in readings), reason_phrases=tuple(reasons),
                       reading_phrases=tuple(readings))


def _hypoxia_grade(device: str | None, flow_l_min: float | None) -> int:
    """Hypoxia column from device and flow: any nasal cannula ≤ 6 L/min (low flow) or blow-by 2; a
    nasal cannula > 6 L/min (high flow) or a mask 3; positive pressure 4 (Lee 2019 and footnotes)."""
    if device is None:
        return 0
    if device not in OXYGEN_DEVICES:
        raise InputError("oxygen_device", f"unknown oxygen device '{device}'", code="unknown_device")
    if device == "unspecified":
        raise InputError("oxygen_device", "the ASTCT grade depends on the oxygen device: record it",
                         code="device_needed")
    if device in POSITIVE_PRESSURE:
        return 4
    if device in NASAL_CANNULAS:
        if flow_l_min is None:
            raise InputError("o2_flow_l_min", "a nasal cannula's flow is needed: ASTCT defines low flow as "
                                              "≤ 6 L/min and high flow as > 6 L/min", code="flow_needed")
        return 2 if flow_l_min <= LOW_FLOW_MAX_L_MIN else 3
    if device in MASKS:
        return 3
    return 2  # blow-by


def propose_from_vitals(vitals: VitalSigns, *, fever_masked: bool = False) -> CrsProposal:
    """The proposal for one recorded set: temperature, systolic < 90 mmHg, vasopressors, oxygen."""
    temperature_c = None if vitals.temperature is None else news2.round_temperature_c(vitals.temperature)
    hypotension = vitals.systolic_mmhg is not None and vitals.systolic_mmhg < HYPOTENSION_SYSTOLIC_BELOW_MMHG
    pressors = vitals.vasopressors > 0 or vitals.vasopressin
    return propose(temperature_c=temperature_c, hypotension=hypotension or pressors,
                   vasopressors=vitals.vasopressors, vasopressin=vitals.vasopressin, oxygen_device=vitals.oxygen.device,
                   o2_flow_l_min=vitals.oxygen.flow_l_min, fever_masked=fever_masked)
