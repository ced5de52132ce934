"""The Labs tab's history table (analytes down, sampling dates across, newest first) and a small
trend chart of one analyte, drawn with QPainter (QtCharts would pull in PySide6-Addons).

Both show what `services.labs.history` returns: values as entered, the flag against the site's
range, the CTCAE grade; the trend in the site's unit with LLN/ULN as dashed lines.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from nkdesk.rules.units import display_unit
from nkdesk.ui import explanations
from nkdesk.ui.words import analyte

ROOT_INDEX = QModelIndex()
GRADE_COLOURS = {1: "#fff8e1", 2: "#ffe0b2", 3: "#ffcdd2", 4: "#ef9a9a"}
UNDECIDED_COLOUR = "#e1f5fe"


def value_text(value) -> str:
    """"52000 /µL L G2": as entered, the flag against the range, the grade (G? when undecided)."""
    number = value.text.strip().split(" ", 1)[0]      # the number as entered ("12.0", not "12")
    text = f"{number} {display_unit(value.unit)}"
    if value.flag:
        text += f"  {value.flag}"
    if value.grade is None:
        text += "  G?"
    elif value.grade:
        text += f"  G{value.grade}"
    return text


def range_text(value) -> str:
    if value.low is None and value.high is None:
        return ""
    low = "?" if value.low is None else f"{value.low:g}"
    high = "?" if value.high is None else f"{value.high:g}"
    return f"{low}–{high} {display_unit(value.unit)}"


class LabHistoryModel(QAbstractTableModel):
    """Rows: the tab's analytes; columns: the lab sets, newest first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.analytes = ()
        self.sets = ()

    def set_history(self, history) -> None:
        self.beginResetModel()
        self.analytes = history.analytes if history is not None else ()
        self.sets = tuple(reversed(history.sets)) if history is not None else ()
        self.endResetModel()

    def rowCount(self, parent=ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.analytes)

    def columnCount(self, parent=ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self.sets)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self.sets[section].sampled_on.strftime("%Y-%m-%d")
        return analyte(self.analytes[section].name, self.analytes[section].label)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        value = self.sets[index.column()].get(self.analytes[index.row()].name)
        if value is None:
            return None
        if role == Qt.DisplayRole:
            return value_text(value)
        if role == Qt.ToolTipRole:
            lines = [self.tr("Reference range: {0} ({1})").format(range_text(value) or self.tr("not set"),
                                                                 explanations.range_source(value.range_source))]
            if value.term:
                grade = self.tr("grade ?") if value.grade is None else self.tr("grade {0}").format(value.grade)
                lines.append(f"CTCAE v5.0 {value.term}, {grade}: {value.criterion}")
            if value.warning:
                lines.append(value.warning)
            return "\n".join(lines)
        if role == Qt.BackgroundRole:
            colour = UNDECIDED_COLOUR if value.grade is None else GRADE_COLOURS.get(value.grade)
            return QBrush(QColor(colour)) if colour else None
        return None


class LabTrendChart(QWidget):
    """One analyte's values over time (site unit), LLN/ULN dashed, graded points in red."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("labtab_trend")
        self.setAccessibleName(self.tr("Trend of the chosen lab"))
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(280, 160)
        self.trend = None

    def set_trend(self, trend) -> None:
        self.trend = trend
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        painter.setFont(font)
        metrics = painter.fontMetrics()
        line = metrics.height()
        trend = self.trend
        if trend is None:
            painter.end()
            return
        title = f"{analyte(trend.analyte, trend.label)} ({display_unit(trend.unit)})"
        painter.setPen(QColor("#263238"))
        painter.drawText(QRectF(8, 4, self.width() - 16, line), Qt.AlignLeft, title)
        if not trend.points:
            painter.drawText(QRectF(8, 8 + line, self.width() - 16, line), Qt.AlignLeft,
                             self.tr("No results yet"))
            painter.end()
            return
        values = [p.value for p in trend.points] + [v for v in (trend.low, trend.high) if v is not None]
        low, high = min(values), max(values)
        if high == low:
            low, high = low - 1, high + 1
        pad = (high - low) * 0.1
        low, high = low - pad, high + pad
        left = 8 + metrics.horizontalAdvance("00000.0")
        area = QRectF(left, 10 + line, self.width() - left - 16, self.height() - 22 - 2 * line)
        days = [p.sampled_on.toordinal() for p in trend.points]
        first, last = min(days), max(days)

        def x_of(day: int) -> float:
            return area.center().x() if last == first else area.left() + (day - first) / (last - first) * area.width()

        def y_of(v: float) -> float:
            return area.bottom() - (v - low) / (high - low) * area.height()

        painter.setPen(QPen(QColor("#b0bec5"), 1))
        painter.drawRect(area)
        for v, label in ((low + pad, f"{low + pad:.4g}"), (high - pad, f"{high - pad:.4g}")):
            painter.drawText(QRectF(0, y_of(v) - line / 2, left - 4, line), Qt.AlignRight | Qt.AlignVCenter, label)
        for limit, name in ((trend.low, self.tr("LLN")), (trend.high, self.tr("ULN"))):
            if limit is None:
                continue
            painter.setPen(QPen(QColor("#2e7d32"), 1.5, Qt.DashLine))
            painter.drawLine(QPointF(area.left(), y_of(limit)), QPointF(area.right(), y_of(limit)))
            painter.drawText(QRectF(area.right() - 120, y_of(limit) - line, 116, line), Qt.AlignRight,
                             f"{name} {limit:g}")
        points = [QPointF(x_of(d), y_of(p.value)) for d, p in zip(days, trend.points, strict=True)]
        painter.setPen(QPen(QColor("#1565c0"), 2))
        painter.drawPolyline(QPolygonF(points))
        for point, p in zip(points, trend.points, strict=True):
            colour = QColor("#c62828") if (p.grade is None or p.grade >= 1) else QColor("#1565c0")
            painter.setBrush(colour)
            painter.setPen(QPen(colour, 1))
            painter.drawEllipse(point, 4.5, 4.5)
        painter.setPen(QColor("#455a64"))
        for day, label, align in ((first, trend.points[0].sampled_on, Qt.AlignLeft),
                                  (last, trend.points[-1].sampled_on, Qt.AlignRight)):
            text = label.strftime("%Y-%m-%d")
            width = metrics.horizontalAdvance(text) + 4
            x = x_of(day) if align == Qt.AlignLeft else x_of(day) - width
            painter.drawText(QRectF(max(0.0, min(x, self.width() - width)), area.bottom() + 2, width, line),
                             align, text)
        painter.end()
