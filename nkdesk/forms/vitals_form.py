"""The infusion vital-signs record: every time point with its values as entered, alerts marked and
acknowledged, NEWS2 and its band, and a chart of the vital signs against time since the start."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import Marker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table

from nkdesk.forms.base import FONT, FONT_CJK, font_runs, markup, para, styles, table
from nkdesk.forms.catalogue import spec
from nkdesk.forms.terms import ALERT_WORDS, OXYGEN_DEVICES, VITAL_COLOURS, time_point_words
from nkdesk.forms.words import join, say

if TYPE_CHECKING:
    from nkdesk.forms.chart_views import InfusionVitals
    from nkdesk.rules.vitals import Finding, VitalAssessment, VitalSigns

FORM_VERSION = spec("vitals").version
SERIES = (("systolic_mmhg", "Systolic (mmHg)", VITAL_COLOURS["systolic"]),
          ("diastolic_mmhg", "Diastolic (mmHg)", VITAL_COLOURS["diastolic"]),
          ("pulse_per_min", "Pulse (/min)", VITAL_COLOURS["pulse"]), ("spo2_pct", "SpO₂ (%)", VITAL_COLOURS["spo2"]))


@dataclass(frozen=True)
class VitalsRow:
    """One recorded set as the form prints it."""

    label: str                       # "15 min after start"
    assessment: VitalAssessment
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    reason: str | None = None


NBSP = "\u00a0"   # keeps a number on the same line as its unit
# The alert note: each critical finding's name and unit (rules.vitals names carry the unit).


def alert_words(finding: Finding, vitals: VitalSigns) -> str:
    """"temperature 38.6 °C", "ACVPU V": a critical finding as the note prints it."""
    if finding.name == "acvpu":
        return f"ACVPU {vitals.acvpu}"
    name, unit = ALERT_WORDS.get(finding.name, (finding.name, ""))
    name = say(name) if finding.name in ALERT_WORDS else name
    return join(name, f" {finding.value:g}{'' if unit in ('%', '') else NBSP}{unit}")


def chart_font(text: str) -> str:
    """A chart's strings take one font each: IPAex Gothic (which has Latin too) for Japanese."""
    return FONT if all(font == FONT for font, _run in font_runs(text)) else FONT_CJK


def _cell(value: float | None, alert_names: set[str], name: str, suffix: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:g}{suffix}" + (" !" if name in alert_names else "")


def story(rows: list[VitalsRow], infusion_start: datetime | None = None) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(say("Values are as entered; ! marks a critical value (alert). Temperatures keep the "
                "unit they were measured in; NEWS2 (Royal College of Physicians 2017) scores them in °C. "
                "VP: number of vasopressors running."), "small")]
    data = [[say(h) for h in ("Time point", "Taken", "BP mmHg", "Pulse /min", "RR /min", "Temp", "SpO₂", "O₂", "VP",
                              "ACVPU", "NEWS2", "Alerts, acknowledgement")]]
    highlight: dict[int, str] = {}
    for index, row in enumerate(rows, start=1):
        v, a = row.assessment.vitals, row.assessment
        alerts = {f.name for f in a.alerts}
        bp = f"{_cell(v.systolic_mmhg, alerts, 'systolic_mmhg')}/{_cell(v.diastolic_mmhg, alerts, 'diastolic_mmhg')}"
        temp = "—" if v.temperature is None else \
            v.temperature.display().replace(" ", NBSP) + (f"{NBSP}!" if "temperature_c" in alerts else "")
        oxygen = say("air") if v.oxygen.device is None else \
            f"{say(OXYGEN_DEVICES.get(v.oxygen.device, v.oxygen.device))} {v.oxygen.flow_l_min or 0:g} L/min"
        news = "—" if a.news2 is None else f"{a.news2.score} {say(a.news2.risk)}"
        note = join(*(alert_words(f, v) for f in a.alerts), sep="; ")
        if a.alerts:
            note = join(note, say(" — ack. {who} {time}", who=row.acknowledged_by, time=f"{row.acknowledged_at:%H:%M}")
                        if row.acknowledged_by else say(" — NOT ACKNOWLEDGED"))
            highlight[index] = "#ffcdd2"
        if row.reason:
            note = join(note, say(" (reason: {reason})", reason=row.reason))
        data.append([time_point_words(row.label), v.measured_at.strftime("%m-%d %H:%M") if v.measured_at else "—", bp,
                     _cell(v.pulse_per_min, alerts, "pulse_per_min"),
                     _cell(v.resp_rate_per_min, alerts, "resp_rate_per_min"), temp,
                     _cell(v.spo2_pct, alerts, "spo2_pct", "%"), oxygen, str(v.vasopressors), v.acvpu or "—",
                     news, note])
    widths = [mm * w for w in (19, 14, 16, 11, 10, 16, 10, 19, 6, 13, 14, 32)]  # 180 mm: A4 less margins
    out.append(table(data, widths, row_colours=highlight))
    chart = chart_drawing(rows, infusion_start)
    if chart is not None:
        # the two charts share the time axis: never split them across pages
        out.append(KeepTogether([Paragraph(markup(say("Vital signs against time since the start of the infusion")),
                                           s["h2"]),
                                 chart, temperature_drawing(rows, infusion_start)]))
    return out


def record_story(infusions: Sequence[InfusionVitals], time_points: Sequence[str] = ()) -> list[Flowable]:
    """Each infusion (`sources.InfusionVitals`) under its own heading with its table and charts.

    An infusion without recorded sets says so, and gets an empty grid of the protocol's time points
    (`time_points`, their labels) for writing by hand when the window cannot be used.
    """
    s = styles()
    if not infusions:
        return [para(say("No infusion recorded for this patient: no vital signs recorded."), "body")]
    out: list[Flowable] = []
    previous_had_rows = False
    for infusion in infusions:
        if previous_had_rows:
            out.append(PageBreak())
        out.append(Paragraph(markup(infusion.label), s["h2"]))
        if infusion.rows:
            out += story(list(infusion.rows), infusion.start)
        else:
            out.append(para(say("No vital signs recorded for this infusion."), "body"))
            if time_points:
                out += [para(say("The protocol's time points, for recording by hand when the window cannot be used "
                                 "(enter the values in NKDesk afterwards):"), "small"), blank_grid(time_points)]
        previous_had_rows = bool(infusion.rows)
    return out


def blank_grid(time_points: Sequence[str]) -> Table:
    """The protocol's time points with empty cells, for recording by hand."""
    header = [say(h) for h in ("Time point", "Clock time", "BP mmHg", "Pulse /min", "RR /min", "Temp (unit)", "SpO₂ %",
                               "O₂", "ACVPU", "Initials")]
    rows = [header] + [[time_point_words(label)] + [""] * (len(header) - 1) for label in time_points]
    widths = [mm * w for w in (30, 17, 20, 15, 14, 19, 15, 17, 13, 15)]
    grid = table(rows, widths, zebra=False)
    grid.setStyle([("ROWBACKGROUNDS", (0, 1), (-1, -1), ["#ffffff"]), ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
                   ("TOPPADDING", (0, 1), (-1, -1), 9)])
    return grid


def _minutes(row: VitalsRow, start: datetime | None) -> float | None:
    v = row.assessment.vitals
    if start is not None and v.measured_at is not None:
        return (v.measured_at - start).total_seconds() / 60
    return v.time_point_min


def chart_drawing(rows: list[VitalsRow], start: datetime | None, width: float = 180 * mm,
                  height: float = 64 * mm) -> Drawing | None:
    """A line plot of blood pressure, pulse and SpO₂ (left axis) and temperature (its own line)."""
    series = []
    for name, _label, _colour in SERIES:
        points = [(_minutes(r, start), getattr(r.assessment.vitals, name)) for r in rows]
        series.append([(x, y) for x, y in points if x is not None and y is not None])
    if not any(series):
        return None
    drawing = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 14 * mm, 12 * mm, width - 55 * mm, height - 20 * mm  # type: ignore[assignment]  # reportlab takes float points; the stubs say int
    plot.data = [s or [(0, 0)] for s in series]
    for index, (_name, _label, colour) in enumerate(SERIES):
        plot.lines[index].strokeColor = colors.HexColor(colour)
        plot.lines[index].strokeWidth = 1.2
        plot.lines[index].symbol = Marker(kind="FilledCircle", size=3)
        plot.lines[index].symbol.fillColor = colors.HexColor(colour)
        if _name == "diastolic_mmhg":       # the systolic's blue, told apart by its dashed line (as ▲ on screen)
            plot.lines[index].strokeDashArray = [3, 2]
            plot.lines[index].symbol = Marker(kind="Circle", size=3)
            plot.lines[index].symbol.strokeColor = colors.HexColor(colour)
    plot.xValueAxis.labels.fontName = plot.yValueAxis.labels.fontName = FONT
    plot.xValueAxis.labels.fontSize = plot.yValueAxis.labels.fontSize = 7
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = 0, 220
    drawing.add(plot)
    axis_title = say("minutes since start of infusion")
    drawing.add(String(plot.x + plot.width / 2, 2 * mm, axis_title, fontName=chart_font(axis_title),
                       fontSize=7.5, textAnchor="middle"))
    legend = Legend()
    legend.x, legend.y = width - 38 * mm, height - 10 * mm  # type: ignore[assignment]  # reportlab takes float points; the stubs say int
    labels = [say(label) for _n, label, _c in SERIES]
    legend.fontName, legend.fontSize = chart_font("".join(labels)), 7.5
    legend.columnMaximum = len(SERIES)
    legend.colorNamePairs = [(colors.HexColor(c), label) for (_n, _l, c), label in zip(SERIES, labels, strict=True)]
    drawing.add(legend)
    return drawing


def temperature_drawing(rows: list[VitalsRow], start: datetime | None, width: float = 180 * mm,
                        height: float = 40 * mm) -> Drawing:
    """Temperature in °C (as NEWS2 scores it) with the 38.0 °C alert line dashed."""
    measured = [(_minutes(r, start), r.assessment.vitals.temperature_c) for r in rows]
    points = [(x, y) for x, y in measured if x is not None and y is not None]
    drawing = Drawing(width, height)
    if not points:
        return drawing
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 14 * mm, 10 * mm, width - 55 * mm, height - 16 * mm  # type: ignore[assignment]  # reportlab takes float points; the stubs say int
    plot.data = [points, [(min(x for x, _ in points), 38.0), (max(x for x, _ in points), 38.0)]]
    plot.lines[0].strokeColor = colors.HexColor(VITAL_COLOURS["temperature"])
    plot.lines[0].strokeWidth = 1.2
    plot.lines[0].symbol = Marker(kind="FilledCircle", size=3)
    plot.lines[1].strokeColor = colors.HexColor("#b71c1c")
    plot.lines[1].strokeDashArray = [3, 2]
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = 35, 41
    plot.xValueAxis.labels.fontName = plot.yValueAxis.labels.fontName = FONT
    plot.xValueAxis.labels.fontSize = plot.yValueAxis.labels.fontSize = 7
    drawing.add(plot)
    title, alert = say("Temperature (°C)"), say("- - 38.0 °C alert")
    drawing.add(String(width - 38 * mm, height - 8 * mm, title, fontName=chart_font(title), fontSize=7.5,
                       fillColor=colors.HexColor(VITAL_COLOURS["temperature"])))
    drawing.add(String(width - 38 * mm, height - 14 * mm, alert, fontName=chart_font(alert), fontSize=7.5,
                       fillColor=colors.HexColor("#b71c1c")))
    return drawing
