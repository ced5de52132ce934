"""The demo's bedside records: the mid-infusion patient's infusion, vital signs, alerts and AEs.

Made through the same services the infusion page calls, as the demo users: the research nurse
records the cell product, starts the infusion and records the sets; the investigator acknowledges
one alert (the other stays open) and judges the fever's relationship to the cells; a lab set of
today leaves one lab proposal pending.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Actor, TreatmentCycle, VitalSignSet
from nkdesk.rules.cell_product import CellProduct
from nkdesk.rules.vitals import from_entry
from nkdesk.services import adverse_events, ae_proposals, infusions, measurements, vitals

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

PRODUCT = CellProduct("NK-C1-003", "2.4 10^9", viability_pct=91.5, nk_fraction_pct=78.0, sterility="negative",
                      infectious_disease="negative")
_NORMAL = {"systolic_mmhg": 118, "diastolic_mmhg": 72, "pulse_per_min": 78, "resp_rate_per_min": 16,
           "temperature": "36.7 degC", "spo2_pct": 98, "acvpu": "A"}
# (minutes from the start, changes from a normal set, reason for values outside normal limits)
SETS: tuple[tuple[int, dict[str, Any], str], ...] = (
    (0, {}, ""),
    (15, {"pulse_per_min": 84, "temperature": "98.6 degF"}, ""),
    (30, {"systolic_mmhg": 86, "diastolic_mmhg": 52, "pulse_per_min": 96},
     "Hypotensive after sitting up; legs raised, 94/58 mmHg at 35 min"),
    (60, {"temperature": "38.3 degC", "pulse_per_min": 102},
     "Chills and fever during the infusion; investigator informed"),
)


def infuse(store: Store, people: dict[str, Actor], passwords: dict[str, str], patient_id: int,
           cycle: TreatmentCycle, now: datetime) -> None:
    """Cycle 1's infusion, started about an hour before `now` (naive local time), still running."""
    nurse, investigator = people["rn.ito"], people["dr.sato"]
    # every set is in the past (a recorded time later than now is refused): just after midnight the
    # start is late the evening before, never a quarter past midnight still to come
    start = now - timedelta(minutes=70)
    infusion = infusions.prepare_infusion(store, nurse, cycle.id).value
    infusion = infusions.record_cell_product(store, nurse, infusion.id, PRODUCT, infusion.version).value
    saved: dict[int, VitalSignSet] = {}
    for minutes, changes, reason in SETS:
        if minutes == 0:   # the set before the start, then the start itself
            saved[0] = _record(store, nurse, infusion.id, minutes, start - timedelta(minutes=10), changes, reason)
            infusion = infusions.start_infusion(store, nurse, infusion.id, start, infusion.version).value
        else:
            saved[minutes] = _record(store, nurse, infusion.id, minutes, start + timedelta(minutes=minutes),
                                     changes, reason)
    vitals.acknowledge_alerts(store, investigator, saved[30].id, informed="Investigator (at the bedside)",
                              action="Legs raised, infusion rate halved; BP rechecked after 10 min",
                              note="Seen at the bedside; recovered lying down")
    fever = next(p for p in ae_proposals.proposals(store, patient_id) if p.kind == "fever")
    event = ae_proposals.accept_proposal(store, nurse, fever.id, fever.version).value
    judged = replace(adverse_events.as_entry(event), relatedness="possible",
                     comment="Fever during the infusion; cultures taken")
    adverse_events.edit_adverse_event(store, investigator, event.id, judged, event.version)
    measurements.record_labs(store, nurse, patient_id, now.date(),
                             {"platelets": "9.8 10^4/uL", "wbc": "4800 /uL", "hemoglobin": "12.0 g/dL"},
                             note="after the infusion")


def _record(store: Store, nurse: Actor, infusion_id: int, minutes: int, when: datetime, changes: dict[str, Any],
            reason: str) -> VitalSignSet:
    signs = replace(from_entry({**_NORMAL, **changes, "time_point_min": minutes}), measured_at=when)
    recorded: VitalSignSet = vitals.record_vital_signs(store, nurse, infusion_id, signs, reason=reason).value
    return recorded
