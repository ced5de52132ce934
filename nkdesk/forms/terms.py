"""The forms' words for stored codes: calendar event kinds and statuses, stop reasons, vital-sign
alert parameters and oxygen devices (English; forms/words_ja.py has their Japanese); and the
vital signs' colours, one palette for the screen's chart and the printed record.

Apart from the PDF machinery on purpose: the window shows the same words (ui/words.py) and reads
them from here, so signing in does not load reportlab (0.15–0.45 s to import on this machine) until it prints.
"""
from __future__ import annotations

import re

from nkdesk.forms.words import language, say

KIND_WORDS = {"gcsf": "G-CSF", "apheresis": "Apheresis", "medium_add": "Medium added",
              "medium_change": "Medium changed", "il12": "IL-12 added", "il2": "IL-2 added",
              "infusion": "NK-cell infusion", "followup": "Follow-up"}
STATUS_WORDS = {"planned": "planned", "in_progress": "IN PROGRESS", "done": "done", "cancelled": "cancelled",
                "protocol": "protocol plan", "actual": "actual", "given": "given"}
STOP_REASONS = {"infection_test_positive": "infection test positive", "treatment_impossible": "treatment impossible",
                "consent_withdrawn": "consent withdrawn", "adverse_event": "adverse event", "other": "other reason"}
ALERT_WORDS = {"systolic_mmhg": ("systolic", "mmHg"), "diastolic_mmhg": ("diastolic", "mmHg"),
               "pulse_per_min": ("pulse", "/min"), "resp_rate_per_min": ("resp. rate", "/min"),
               "spo2_pct": ("SpO₂", "%"), "temperature_c": ("temperature", "°C"), "vasopressors": ("vasopressors", ""),
               "o2_flow_l_min": ("O₂ flow", "L/min")}
OXYGEN_DEVICES = {"unspecified": "O₂", "nasal_cannula": "nasal cannula", "blow_by": "blow-by", "face_mask": "mask",
                  "venturi_mask": "Venturi mask", "non_rebreather_mask": "non-rebreather",
                  "high_flow_nasal_cannula": "high-flow NC", "cpap": "CPAP", "bipap": "BiPAP",
                  "mechanical_ventilation": "ventilated"}


def time_point_words(label: str) -> str:
    """A time point's label ("15 min after start", "Extra set 2") in the forms language."""
    if language() == "en":
        return label
    for pattern, key in ((r"unscheduled, (\d+) min after start", "unscheduled, {n} min after start"),
                         (r"unscheduled, (\d+) min before start", "unscheduled, {n} min before start"),
                         (r"(\d+) min after start", "{n} min after start"),
                         (r"(\d+) h after start", "{n} h after start"), (r"Extra set (\d+)", "Extra set {n}")):
        matched = re.fullmatch(pattern, label)
        if matched:
            return say(key, n=matched.group(1))
    return say(label)


# The vital signs' colours, the same on screen (ui/vitals_chart.py) and on paper (vitals_form.py): the
# ward walk found the printed chart with systolic red and pulse blue, the screen the other way round.
# Systolic and diastolic share their blue (▼ / ▲ on screen, a solid / dashed line on paper).
VITAL_COLOURS = {"systolic": "#1565c0", "diastolic": "#1565c0", "pulse": "#c62828", "temperature": "#6a1b9a",
                 "spo2": "#00695c"}
