"""A small chart of the vital signs against time since the start of the infusion, drawn with QPainter.

Three bands stacked on one time axis, each with its unit: blood pressure (systolic ▼, diastolic
▲, joined by a bar as on a paper observation chart) with pulse (●); temperature in °C (a set
entered in °F is converted for the plot only); SpO₂ in %. Critical limits (vitals.limits, the
site's if set) are dashed lines with their threshold in words. Large strokes and 10 pt+ text so
it reads at arm's length. QtCharts is not used (it would pull in PySide6-Addons).

Every text is placed from the font's metrics (issue 16, "Larger text" at 1.5×): a band's legend
entries go on as many lines as its width needs (they overlapped the next band), and the time
axis's caption is written once under the bands, across the chart, wrapped if it must be (it was
clipped to each band's width).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from nkdesk.forms.terms import VITAL_COLOURS
from nkdesk.rules import vitals

COLOURS = {series: QColor(colour) for series, colour in VITAL_COLOURS.items()}   # as the printed record
ALERT = QColor("#b71c1c")


@dataclass(frozen=True)
class Legend:
    """One legend entry where it is drawn (widget coordinates) and its words."""

    rect: QRectF
    words: str
    series: str


@dataclass(frozen=True)
class Band:
    title: tuple[tuple[str, str], ...]    # (words, series whose colour they take): the legend
    low: float
    high: float
    step: float                    # the gridline spacing
    series: tuple[str, ...]
    limits: tuple[tuple[str, str], ...]   # (series, limit name) whose critical bounds are drawn


def minutes_since_start(signs: vitals.VitalSigns, start: datetime | None) -> float | None:
    """Where a set sits on the time axis: its clock time after the start, else its scheduled offset."""
    if start is not None and signs.measured_at is not None:
        return (signs.measured_at - start).total_seconds() / 60.0
    return None if signs.time_point_min is None else float(signs.time_point_min)


def series_value(signs: vitals.VitalSigns, series: str) -> float | None:
    if series == "temperature":
        return None if signs.temperature is None else signs.temperature.to("degC")
    return {"systolic": signs.systolic_mmhg, "diastolic": signs.diastolic_mmhg, "pulse": signs.pulse_per_min,
            "spo2": signs.spo2_pct}[series]


class VitalsChart(QWidget):
    def __init__(self, site_limits=None, parent=None):
        super().__init__(parent)
        self.setObjectName("vitals_chart")
        self.setAccessibleName(self.tr("Vital signs chart"))
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(360, 190)
        self.limits = vitals.limits(site_limits)
        self.points: list[tuple[float, vitals.VitalSigns]] = []
        self.bands = (
            Band(((self.tr("▼ systolic ▲ diastolic BP (mmHg)"), "systolic"), (self.tr("   ● pulse (/min)"), "pulse")),
                 40, 200, 40, ("systolic", "diastolic", "pulse"),
                 (("systolic", "systolic_mmhg"), ("pulse", "pulse_per_min"))),
            Band(((self.tr("● Temperature (°C)"), "temperature"),), 35.0, 40.0, 1.0, ("temperature",),
                 (("temperature", "temperature_c"),)),
            Band(((self.tr("● SpO₂ (%)"), "spo2"),), 84, 100, 4, ("spo2",), (("spo2", "spo2_pct"),)),
        )

    def sizeHint(self) -> QSize:
        return QSize(560, 380)

    def set_data(self, sets, start: datetime | None) -> None:
        """Plot these sets (VitalSigns) against minutes since `start` (or their scheduled offsets)."""
        placed = [(minutes_since_start(s, start), s) for s in sets]
        self.points = sorted(((x, s) for x, s in placed if x is not None), key=lambda p: p[0])
        # each value once per set (a °F temperature converted here, not at every paint)
        cached = getattr(self, "_values", {})
        self._values = {id(s): cached.get(id(s)) if id(s) in cached and cached[id(s)][0] is s
                        else (s, {n: series_value(s, n) for n in COLOURS}) for _, s in self.points}
        self.update()

    def _value(self, signs: vitals.VitalSigns, series: str) -> float | None:
        cached = getattr(self, "_values", {}).get(id(signs))
        return cached[1][series] if cached is not None and cached[0] is signs else series_value(signs, series)

    # -------------------------------------------------------------- drawing

    def paintEvent(self, _event) -> None:
        """The frame, grid, limits and axes come from a picture kept while the size, the ranges and
        the font stay the same; only the values are drawn each time (a new set repainted the whole
        chart, its text the slowest part: issue 11's save → repaint)."""
        font = self.paint_font()
        x_low, x_high = self._x_range()
        ranges = tuple(self._y_range(band) for band in self.bands)
        key = (self.width(), self.height(), self.devicePixelRatioF(), font.toString(), x_low, x_high, ranges)
        if getattr(self, "_background_key", None) != key:
            self._background = self._picture(font, x_low, x_high, ranges)
            self._background_key = key
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.drawPixmap(0, 0, self._background)
        painter.setFont(font)
        for (band, area, _axis, _legend), (low, high) in zip(self._areas(painter.fontMetrics()), ranges, strict=True):
            self._draw_values(painter, band, *self._scales(area, x_low, x_high, low, high))
        painter.end()

    def _picture(self, font: QFont, x_low: float, x_high: float, ranges) -> QPixmap:
        ratio = self.devicePixelRatioF()
        picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        picture.setDevicePixelRatio(ratio)
        picture.fill(QColor("white"))
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setFont(font)
        self.texts: list[tuple[QRectF, str]] = []     # every text drawn, where (`_text`; the layout checks)
        for (band, area, axis, legend), (low, high) in zip(self._areas(painter.fontMetrics()), ranges, strict=True):
            to_x, to_y = self._scales(area, x_low, x_high, low, high)
            self._draw_band(painter, band, area, to_y, low, high, legend)
            if axis:
                self._draw_time_axis(painter, area, x_low, x_high, to_x)
        painter.setPen(QPen(QColor("#455a64")))
        self._text(painter, self.caption_rect(painter.fontMetrics()), Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap,
                   self.caption())
        painter.end()
        return picture

    def _text(self, painter: QPainter, rect: QRectF, flags, text: str, avoid: bool = False) -> bool:
        """Draw `text` in `rect`, keeping where it went; with `avoid`, not at all where it would run
        into a text already drawn (a short band's tick or limit labels would be piled up)."""
        where = painter.boundingRect(rect, flags, text)
        if avoid and any(where.intersects(other) for other, _ in self.texts):
            return False
        painter.drawText(rect, flags, text)
        self.texts.append((where, text))
        return True

    def caption(self) -> str:
        return self.tr("Minutes since the start of the infusion")

    def paint_font(self) -> QFont:
        """The chart's text: a point smaller than the window's, never below 10 pt."""
        font = QFont(self.font())
        font.setPointSizeF(max(10.0, font.pointSizeF() - 1))
        return font

    def _caption_height(self, metrics) -> int:
        """The caption's height, wrapped to the chart's width (one line when it fits)."""
        return metrics.boundingRect(QRect(0, 0, max(1, self.width() - 8), 10_000), Qt.TextWordWrap,
                                    self.caption()).height()

    def caption_rect(self, metrics) -> QRectF:
        """Where the time axis's caption is written: once, under the bands, across the chart."""
        height = self._caption_height(metrics)
        return QRectF(4, self.height() - height - 2, self.width() - 8, height)

    def legends(self) -> list[Legend]:
        """Every band's legend entries where they are drawn (for the layout checks)."""
        return [entry for *_rest, legend in self._areas(QFontMetrics(self.paint_font())) for entry in legend]

    def _legend(self, metrics, band: Band, left: float, top: float, width: float) -> tuple[list[Legend], float]:
        """A band's legend entries placed from (left, top) in `width`: side by side while they fit,
        else on the next line; an entry wider than `width` alone is wrapped. Returns them and their height."""
        placed: list[Legend] = []
        x = y = row = 0.0
        width = max(1.0, width)
        for words, series in band.title:
            text = words if x > 0 else words.lstrip()
            need = metrics.horizontalAdvance(text) + 2     # + the rounding of fractional advances
            if x > 0 and x + need > width:              # on the next line, without its leading spaces
                x, y, row = 0.0, y + row, 0.0
                text = words.lstrip()
                need = metrics.horizontalAdvance(text) + 2
            need = min(need, width)
            # the height the words take at that width (a glyph from a fallback font, "₂" or "●",
            # can stand taller than the font's own line)
            height = metrics.boundingRect(QRect(0, 0, int(need), 10_000), Qt.TextWordWrap, text).height()
            placed.append(Legend(QRectF(left + x, top + y, need, height), text, series))
            x += need
            row = max(row, height)
        return placed, y + row

    @staticmethod
    def _scales(area: QRectF, x_low: float, x_high: float, low: float, high: float):
        def to_x(minutes: float) -> float:
            return area.left() + (minutes - x_low) / (x_high - x_low) * area.width()

        def to_y(value: float) -> float:
            return area.bottom() - (value - low) / (high - low) * area.height()
        return to_x, to_y

    def _y_range(self, band: Band) -> tuple[float, float]:
        values = [v for _, s in self.points for name in band.series if (v := self._value(s, name)) is not None]
        return min([band.low, *values]), max([band.high, *values])

    def _areas(self, metrics) -> list[tuple[Band, QRectF, bool, list[Legend]]]:
        """Plot areas: bands side by side when the widget is wide, stacked on one time axis when tall;
        each under its legend (as many lines as it needs), all above the caption."""
        line = metrics.height()
        left, right = metrics.horizontalAdvance("200") + 14, metrics.horizontalAdvance("< 90 systolic") + 10
        axis = line + 10 + self._caption_height(metrics)     # the tick labels, then the caption
        if self.width() >= 2.2 * self.height():
            width = self.width() / len(self.bands)
            legends = [self._legend(metrics, band, i * width + left, 4, width - left - 6)
                       for i, band in enumerate(self.bands)]
            top = 4 + max(height for _, height in legends) + 6
            return [(band, QRectF(i * width + left, top, width - left - right, self.height() - top - axis), True,
                     legends[i][0]) for i, band in enumerate(self.bands)]
        height = (self.height() - axis - 4) / len(self.bands)
        areas = []
        for i, band in enumerate(self.bands):
            legend, legend_height = self._legend(metrics, band, left, 4 + i * height, self.width() - left - 6)
            areas.append((band, QRectF(left, 4 + i * height + legend_height + 4, self.width() - left - right,
                                       height - legend_height - 12), i == len(self.bands) - 1, legend))
        return areas

    def _x_range(self) -> tuple[float, float]:
        xs = [x for x, _ in self.points]
        return min([-15.0, *xs]), max([240.0, *xs]) + 10

    def _draw_band(self, painter: QPainter, band: Band, area: QRectF, to_y, low: float, high: float,
                   legend: list[Legend]) -> None:
        """A band's legend, frame, gridlines and critical limits (the values: `_draw_values`)."""
        for entry in legend:
            painter.setPen(QPen(COLOURS[entry.series]))
            self._text(painter, entry.rect, Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, entry.words)
        painter.setPen(QPen(QColor("#cfd8dc"), 1))
        painter.drawRect(area)
        tick = band.low
        while tick <= high + 1e-9:
            if tick >= low:
                y = to_y(tick)
                painter.setPen(QPen(QColor("#eceff1"), 1))
                painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
                painter.setPen(QPen(QColor("#455a64")))
                line = painter.fontMetrics().height()
                self._text(painter, QRectF(0, y - line / 2, area.left() - 6, line), Qt.AlignRight | Qt.AlignVCenter,
                           f"{tick:g}", avoid=True)
            tick += band.step
        for series, limit in band.limits:
            self._draw_limits(painter, series, limit, area, to_y, low, high)

    def _draw_values(self, painter: QPainter, band: Band, to_x, to_y) -> None:
        if band.series[0] == "systolic":
            painter.setPen(QPen(QColor("#90caf9"), 4))
            for x, signs in self.points:
                if signs.systolic_mmhg is not None and signs.diastolic_mmhg is not None:
                    painter.drawLine(QPointF(to_x(x), to_y(signs.systolic_mmhg)),
                                     QPointF(to_x(x), to_y(signs.diastolic_mmhg)))
        for series in band.series:
            self._draw_series(painter, series, to_x, to_y)

    def _draw_limits(self, painter, series, limit, area, to_y, low, high) -> None:
        bounds = self.limits.get(limit, {}).get("critical")
        if not bounds:
            return
        step = 0.1 if limit == "temperature_c" else 1
        short = {"systolic": self.tr("systolic"), "pulse": self.tr("pulse"), "temperature": "", "spo2": ""}[series]
        for value, text in ((bounds[0], f"< {bounds[0]:g}" if step == 1 else f"≤ {bounds[0] - step:.1f}"),
                            (bounds[1], f"> {bounds[1]:g}" if step == 1 else f"≥ {bounds[1] + step:.1f}")):
            line_at = value - step / 2 if value == bounds[0] else value + step / 2
            if not low <= line_at <= high:
                continue
            y = to_y(line_at)
            painter.setPen(QPen(ALERT, 2, Qt.DashLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(QPen(ALERT))
            line = painter.fontMetrics().height()
            self._text(painter, QRectF(area.right() + 4, y - line / 2, self.width() - area.right() - 4, line),
                       Qt.AlignLeft | Qt.AlignVCenter, f"{text} {short}".strip(), avoid=True)

    def _draw_series(self, painter: QPainter, series: str, to_x, to_y) -> None:
        colour = COLOURS[series]
        points = [QPointF(to_x(x), to_y(v)) for x, s in self.points if (v := self._value(s, series)) is not None]
        if series not in ("systolic", "diastolic") and len(points) > 1:
            painter.setPen(QPen(colour, 2.5))
            painter.drawPolyline(QPolygonF(points))
        painter.setPen(QPen(colour, 2))
        painter.setBrush(colour)
        for point in points:
            if series == "systolic":
                painter.drawPolygon(QPolygonF([point + QPointF(-7, -6), point + QPointF(7, -6), point + QPointF(0, 5)]))
            elif series == "diastolic":
                painter.drawPolygon(QPolygonF([point + QPointF(-7, 6), point + QPointF(7, 6), point + QPointF(0, -5)]))
            else:
                painter.drawEllipse(point, 5, 5)
        painter.setBrush(Qt.NoBrush)

    def _draw_time_axis(self, painter, area: QRectF, x_low, x_high, to_x) -> None:
        metrics = painter.fontMetrics()
        y = area.bottom() + 2
        painter.setPen(QPen(QColor("#455a64")))
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        # ticks far enough apart for their labels in the font in use ("240" at 1.5× in a third of the chart)
        room = metrics.horizontalAdvance("-240") + 8
        spacing = next((step for step in (30, 60, 120) if step / (x_high - x_low) * area.width() >= room), 240)
        tick = -spacing * int(-x_low // spacing) if x_low < 0 else 0
        while tick <= x_high:
            if tick >= x_low:
                x = to_x(tick)
                painter.drawLine(QPointF(x, y), QPointF(x, y + 4))
                self._text(painter, QRectF(x - room / 2, y + 4, room, metrics.height()), Qt.AlignCenter, f"{tick:g}",
                           avoid=True)
            tick += spacing
