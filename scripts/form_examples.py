"""Example data for the form renderings (scripts/render_forms.py) and benchmarks/forms_bench.py.

`demo_database(path)` makes the demo database (`nkdesk demo`; DEMO-003, the mid-infusion patient,
has its prescribed and verified filgrastim order from the demo itself). `example_vital_rows` and
`example_adverse_events` are invented records of a typical first infusion, as `VitalsRow`s and
`AdverseEventEntry`s, standing in until storage keeps vital signs and adverse events (they are fed
to the forms through nkdesk.services.printing's readers).
"""
from __future__ import annotations

import getpass
from datetime import date, datetime, timedelta
from pathlib import Path

PATIENT = "DEMO-003"


def demo_database(path: Path) -> Path:
    from nkdesk.services import demo
    from nkdesk.storage.database import open_database

    with open_database(path, create=True) as store:
        demo.populate(store, getpass.getuser())
    return path


def infusion_start(today: date | None = None) -> datetime:
    """DEMO-003 is infused today (services/demo.py); say it started at 10:00."""
    return datetime.combine(today or date.today(), datetime.min.time()) + timedelta(hours=10)


def example_vital_rows(start: datetime) -> list:
    """The protocol's six time points and one extra set: a febrile reaction at 30 min with a low
    systolic (alerts, acknowledged by the nurse), a temperature taken in °F, oxygen for an hour."""
    from nkdesk.forms.vitals_form import VitalsRow
    from nkdesk.rules import units, vitals

    def row(label, minutes, systolic, diastolic, pulse, rate, temperature, spo2, device=None, flow=None, ack=None,
            reason=None):
        signs = vitals.VitalSigns(systolic, diastolic, pulse, rate,
                                  units.parse(temperature, field="temperature", analyte="temperature"), spo2,
                                  vitals.Oxygen(device, flow), acvpu="A", time_point_min=minutes,
                                  measured_at=start + timedelta(minutes=minutes))
        acknowledged_at = start + timedelta(minutes=minutes + 3) if ack else None
        return VitalsRow(label, vitals.assess(signs), ack, acknowledged_at, reason)

    return [
        row("Before infusion", -10, 128, 76, 78, 16, "36.6 degC", 98),
        row("15 min after start", 15, 122, 74, 88, 18, "37.2 degC", 97),
        row("30 min after start", 30, 86, 52, 118, 22, "38.6 degC", 94, ack="伊藤 恵美 (nurse)",
            reason="悪寒あり、Dr Tanaka に報告"),
        row("Extra set", 45, 94, 58, 108, 20, "101.1 degF", 95, "nasal_cannula", 2.0, reason="O2 2 L/min started"),
        row("1 h after start", 60, 104, 62, 98, 18, "37.9 degC", 96, "nasal_cannula", 2.0, reason="on O2"),
        row("2 h after start", 120, 116, 70, 90, 16, "37.4 degC", 97),
        row("4 h after start", 240, 124, 74, 82, 16, "36.9 degC", 98),
    ]


def example_adverse_events(start: datetime) -> list:
    """Five AEs around the first infusion: two serious (one reported, one report still due), one free
    term in Japanese, Japanese comments."""
    from nkdesk.rules.adverse_events import AdverseEventEntry

    onset = start + timedelta(minutes=28)
    return [
        AdverseEventEntry("Fever", 2, onset, worst_grade=2, resolution=onset + timedelta(hours=5, minutes=30),
                          relatedness="probable", action="infusion_interrupted", outcome="recovered", cycle=1,
                          days_since_infusion=0, comment="悪寒を伴う発熱 38.6 ℃。輸注を15分中断。"),
        AdverseEventEntry("Hypotension", 2, onset + timedelta(minutes=2), worst_grade=2,
                          resolution=onset + timedelta(hours=2), relatedness="possible", action="infusion_interrupted",
                          outcome="recovered", cycle=1, days_since_infusion=0),
        AdverseEventEntry("Cytokine release syndrome", 2, onset + timedelta(hours=1), worst_grade=3,
                          resolution=None, serious=True, serious_criteria=("hospitalisation",),
                          relatedness="probable", action="infusion_stopped", outcome="recovering", cycle=1,
                          days_since_infusion=0,
                          comment="入院期間を2日延長。トシリズマブは投与せず経過観察。"),
        AdverseEventEntry("注射部位の皮下出血", 1, onset + timedelta(hours=3), ctcae_term=False,
                          resolution=onset + timedelta(days=4), relatedness="unlikely", action="none",
                          outcome="recovered", cycle=1, days_since_infusion=0),
        AdverseEventEntry("Allergic reaction", 3, onset + timedelta(days=1, hours=2), worst_grade=3,
                          resolution=onset + timedelta(days=2), serious=True,
                          serious_criteria=("hospitalisation", "other_important"), relatedness="possible",
                          action="none", outcome="recovered", cycle=1, days_since_infusion=1,
                          reported_at=onset + timedelta(days=1, hours=6),
                          extra={"reported_by": "Dr Kenji Tanaka (investigator)"}),
    ]


def with_examples(start: datetime):
    """A context in which printing reads the example records above instead of the demo's own (longer
    sets, a serious AE with its report, Japanese free text: the pages worth looking at)."""
    from contextlib import ExitStack
    from unittest import mock

    from nkdesk.forms.chart_views import InfusionVitals
    from nkdesk.services import printing

    stack = ExitStack()
    stack.enter_context(mock.patch.object(printing, "infusion_vitals", lambda chart, settings: [
        InfusionVitals(f"Cycle 1 infusion, {start.date().isoformat()} (in progress)", start,
                       tuple(example_vital_rows(start)))]))
    stack.enter_context(mock.patch.object(printing, "stored_adverse_events",
                                          lambda store, chart: example_adverse_events(start)))
    return stack
