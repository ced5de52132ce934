"""How the vital-signs grid fits a screen: its column headings and each column's width, measured
from the fonts in use (issue 16), and the look of its cells as one style sheet (issue 11).

Widths come from font metrics, never fixed pixels: a column is at least as wide as the widest line
of its heading (units on a line of their own) and the widest value its editor shows, so nothing is
clipped at 1× or at 1.5× "Larger text", in English or Japanese. When the grid has more room the
columns widen towards a comfortable width; when it has less, the grid scrolls sideways rather
than cut a word. To fit the ~950 px the grid has beside the patient list at 1× (issue 16), the
free-text reason is not a column but a line of its own under its set (shown when a reason is
needed or typed), long headings break onto three lines ("Vaso-/pres-/sors"), and a narrow ACVPU
box shows the letter alone (its words in the tooltip and the list).

The colours a verdict gives a cell are dynamic properties (`tier`, `band`, `status`) matched by
the one style sheet set on the grid's body (`BODY_STYLE`): a cell changes its look with a property
and a re-polish of itself only, where a style sheet per widget re-parsed a sheet at every key and
changed the size hints the grid's layout reads.
"""
from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolTip,
    QWidget,
)

from nkdesk.ui.style import FONT_FACTOR


def headings() -> list[str]:
    """The grid's column headings, a unit on its own line (context "VitalsGrid", as before; spelled out
    for lupdate, which reads a local alias `tr(a, b)` as tr(source, comment)). The reason is not a
    column: it is a line under its set (`reason_words`)."""
    return [
        QCoreApplication.translate("VitalsGrid", "Set"),
        QCoreApplication.translate("VitalsGrid", "Time"),
        QCoreApplication.translate("VitalsGrid", "Syst.\nmmHg"),
        QCoreApplication.translate("VitalsGrid", "Diast.\nmmHg"),
        QCoreApplication.translate("VitalsGrid", "Pulse\n/min"),
        QCoreApplication.translate("VitalsGrid", "Resp.\n/min"),
        QCoreApplication.translate("VitalsGrid", "Temp."),
        QCoreApplication.translate("VitalsGrid", "Unit"),
        QCoreApplication.translate("VitalsGrid", "SpO₂\n%"),
        QCoreApplication.translate("VitalsGrid", "Oxygen"),
        QCoreApplication.translate("VitalsGrid", "Flow\nL/min"),
        QCoreApplication.translate("VitalsGrid", "Vaso-\npres-\nsors"),
        QCoreApplication.translate("VitalsGrid", "Vaso-\npres-\nsin"),
        QCoreApplication.translate("VitalsGrid", "ACVPU"),
        QCoreApplication.translate("VitalsGrid", "NEWS2"),
    ]


def full_names() -> list[str]:
    """Each heading's whole name, for its tooltip (a heading is short, a tooltip says it all)."""
    return [
        QCoreApplication.translate("VitalsGrid", "Set (time point)"),
        QCoreApplication.translate("VitalsGrid", "Time measured (hh:mm)"),
        QCoreApplication.translate("VitalsGrid", "Systolic blood pressure (mmHg)"),
        QCoreApplication.translate("VitalsGrid", "Diastolic blood pressure (mmHg)"),
        QCoreApplication.translate("VitalsGrid", "Pulse (beats per minute)"),
        QCoreApplication.translate("VitalsGrid", "Respiratory rate (breaths per minute)"),
        QCoreApplication.translate("VitalsGrid", "Temperature"),
        QCoreApplication.translate("VitalsGrid", "Temperature unit"),
        QCoreApplication.translate("VitalsGrid", "Oxygen saturation SpO₂ (%)"),
        QCoreApplication.translate("VitalsGrid", "Oxygen device"),
        QCoreApplication.translate("VitalsGrid", "Oxygen flow (litres per minute)"),
        QCoreApplication.translate("VitalsGrid", "Number of vasopressors running"),
        QCoreApplication.translate("VitalsGrid", "Vasopressin running"),
        QCoreApplication.translate("VitalsGrid", "Consciousness (ACVPU)"),
        QCoreApplication.translate("VitalsGrid", "NEWS2 score and risk (RCP 2017)"),
    ]


def reason_words() -> tuple[str, str]:
    """The reason line's label and its whole name (its tooltip)."""
    return (QCoreApplication.translate("VitalsGrid", "Reason"),
            QCoreApplication.translate("VitalsGrid", "Reason (values amber or red, or a correction)"))


# Comfortable widths at the base font (11 pt), in characters of the font's average width: the
# columns narrow from these towards what their texts need (`needed`), never below it.
COMFORT_CHARS = {"heading": 13, "time": 7, "systolic": 6, "diastolic": 6, "pulse": 6, "resp_rate": 5,
                 "temperature": 6.5, "temperature_unit": 6, "spo2": 5, "oxygen_device": 14, "o2_flow": 5,
                 "vasopressors": 5, "vasopressin": 6, "acvpu": 12, "news2": 15}
# What a value needs, as text: the widest a cell shows ("19:07", "188", "38.3", "15.5").
SAMPLES = {"time": "88:88", "systolic": "888", "diastolic": "888", "pulse": "888", "resp_rate": "88",
           "temperature": "88.8", "spo2": "888", "o2_flow": "88.5", "vasopressors": "8"}
EDITOR_PADDING = 14          # a line edit's frame and margins (the style sheet's 2-px border included)
HEADING_PADDING = 4          # room beside a heading's widest line (the grid's 3-px spacing parts it from the next)
NEWS2_SCORE_SAMPLE = "10 ·"  # a NEWS2 cell wraps after its score when narrow: "10 ·" over "high"
NEWS2_PADDING = 16           # the band's rounded background (2 × 6 px) and a little room
ROW_NAME_SAMPLE = "✓ ack. 88:88"


HEADING_SCALE = 0.9          # column headings a little smaller than the values, bold


def bold(font: QFont) -> QFont:
    """The column headings' font: bold, 0.9 of the values' size (BODY_STYLE says the same)."""
    heavy = QFont(font)
    heavy.setBold(True)
    if heavy.pointSizeF() > 0:
        heavy.setPointSizeF(heavy.pointSizeF() * HEADING_SCALE)
    return heavy


def small(font: QFont) -> QFont:
    """The font of a row's status under its name (rich text <small>: a step smaller, and growing
    with "Larger text" where a fixed 10 pt did not)."""
    smaller = QFont(font)
    if smaller.pointSizeF() > 0:
        smaller.setPointSizeF(smaller.pointSizeF() * 0.9)
    return smaller


def _bold_only(font: QFont) -> QFont:
    heavy = QFont(font)
    heavy.setBold(True)
    return heavy


def widest_line(metrics: QFontMetrics, text: str) -> int:
    return max(metrics.horizontalAdvance(line) for line in text.split("\n"))


def widest_word(metrics: QFontMetrics, text: str) -> int:
    """What a wrapping label needs at least: its widest word."""
    return max(metrics.horizontalAdvance(word) for word in text.replace("\n", " ").split(" ") if word)


def needed(font: QFont, editors: dict[str, QWidget], heading_texts: list[str]) -> dict[str, int]:
    """Each column's least width, so that no heading line and no value is cut: measured, not guessed
    (`editors`: one row's columns, in column order; the reason, a line of its own, is not one)."""
    metrics, heavy = QFontMetrics(font), QFontMetrics(bold(font))
    widths: dict[str, int] = {}
    for column, (name, editor) in enumerate(editors.items()):       # in the grid's column order
        if isinstance(editor, QComboBox):
            # the widest item of the closed combo, with its arrow: its own size hint
            content = editor.minimumSizeHint().width()
        else:
            # the widest value, or the hint shown while empty ("hh:mm" is wider than "19:07")
            hint = editor.placeholderText() if isinstance(editor, QLineEdit) else ""
            content = max(metrics.horizontalAdvance(SAMPLES.get(name, "8888")),
                          metrics.horizontalAdvance(hint)) + EDITOR_PADDING
        widths[name] = max(content, widest_line(heavy, heading_texts[column + 1]) + HEADING_PADDING)
    # the row's name wraps after a hyphen ("Pre-" / "infusion"), its status under it
    name = QFontMetrics(small(font))
    heavy_name = QFontMetrics(_bold_only(font))
    # (the grid's words mixin, GridWords, is lupdate's context of "Unscheduled"; VitalsGrid of the rest)
    names = " ".join(text.replace("-", "- ") for text in (
        QCoreApplication.translate("VitalsGrid", "Pre-infusion"),
        QCoreApplication.translate("GridWords", "Unscheduled"),
        QCoreApplication.translate("VitalsGrid", "Extra {0}")))
    widths["heading"] = max(widest_line(heavy, heading_texts[0]), name.horizontalAdvance(ROW_NAME_SAMPLE),
                            widest_word(heavy_name, names.replace("{0}", "99"))) + 12
    # the score over its band when narrow; a band of two words wraps after its dash ("low–" / "medium")
    # (in the words of GridWords, which shows them)
    bands = " ".join((QCoreApplication.translate("GridWords", "low"),
                      QCoreApplication.translate("GridWords", "low–medium"),
                      QCoreApplication.translate("GridWords", "medium"),
                      QCoreApplication.translate("GridWords", "high")))
    cell = QFontMetrics(_bold_only(font))
    widths["news2"] = max(widest_line(heavy, heading_texts[-1]) + HEADING_PADDING,
                          max(cell.horizontalAdvance(NEWS2_SCORE_SAMPLE),
                              widest_word(cell, bands.replace("–", "– "))) + NEWS2_PADDING)
    return widths


def comfortable(font: QFont, least: dict[str, int]) -> dict[str, int]:
    """The width each column takes when the grid has room (never less than it needs)."""
    average = QFontMetrics(font).averageCharWidth()
    return {name: max(least[name], round(COMFORT_CHARS[name] * average)) for name in least}


def fit(least: dict[str, int], comfort: dict[str, int], available: int, spacing: int) -> dict[str, int]:
    """Widths for `available` pixels: comfortable when they fit, else each column narrowed in the
    same proportion of its slack, down to what it needs (then the grid scrolls sideways)."""
    gaps = spacing * (len(least) - 1)
    low, high = sum(least.values()) + gaps, sum(comfort.values()) + gaps
    if available >= high:
        share = 1.0
    elif available <= low:
        share = 0.0
    else:
        share = (available - low) / (high - low)
    return {name: least[name] + int((comfort[name] - least[name]) * share) for name in least}


def heading_label(text: str, tooltip: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("vitals_heading")
    label.setProperty("role", "column")
    label.setProperty(FONT_FACTOR, HEADING_SCALE)   # smaller on purpose (`bold`), and said so (style.relative_font)
    label.setToolTip(tooltip)
    # the column's width is set from the metrics (`needed`): the heading never asks for more
    label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
    label.setMinimumWidth(0)
    return label


BODY_STYLE = """
QLabel[role="column"] { color: #37474f; }
QLineEdit[tier="error"], QComboBox[tier="error"] { border: 2px solid #b71c1c; background: #ffebee; color: #b71c1c; }
QLineEdit[tier="critical"], QComboBox[tier="critical"] {
    border: 2px solid #b71c1c; background: #ef9a9a; color: #000; font-weight: bold; }
QLineEdit[tier="abnormal"], QComboBox[tier="abnormal"] { border: 2px solid #e65100; background: #ffe0b2; color: #000; }
QLineEdit[tier="needed"] { border: 2px solid #e65100; background: #fff3e0; }
QLabel[band="refused"] { color: #b71c1c; font-weight: bold; }
QLabel[band="low"] { background: #c8e6c9; font-weight: bold; border-radius: 3px; padding: 2px 6px; }
QLabel[band="low-medium"] { background: #fff59d; font-weight: bold; border-radius: 3px; padding: 2px 6px; }
QLabel[band="medium"] { background: #ffcc80; font-weight: bold; border-radius: 3px; padding: 2px 6px; }
QLabel[band="high"] { background: #ef5350; font-weight: bold; border-radius: 3px; padding: 2px 6px; }
QLabel[status] { padding: 1px 4px; }
QLabel[status="alert"] { background: #ffcdd2; }
QLabel[status="placement"] { background: #ffe0b2; border: 2px solid #e65100; }
QLabel[status="due"] { background: #fff176; border: 2px solid #f9a825; }
QLabel[status="missed"] { color: #616161; }
"""
# The colour of each tier, as the style sheet paints it (tests and the legend read it here).
TIER_COLOURS = {"error": "#b71c1c", "critical": "#b71c1c", "abnormal": "#e65100", "needed": "#e65100"}


def set_look(widget: QWidget, name: str, value: str) -> None:
    """Give a cell its look (a property the body's style sheet matches); re-polished only when it changes."""
    if (widget.property(name) or "") == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class SteadyLabel(QLabel):
    """A word-wrapped label that keeps the tallest height it has needed at its width: clearing or
    shortening its text does not shrink it, so what is laid out around it does not move (a save
    cleared the grid's message, the grid's scroll area grew, and every visible cell was painted
    again; issue 11). It grows at once when a text needs more lines, so nothing is cut; at another
    width it is measured again."""

    def __init__(self, rich: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.RichText if rich else Qt.PlainText)
        self._tallest = 0
        self._at_width = -1

    def setText(self, text: str) -> None:
        super().setText(text)
        if self._at_width == self.width():      # laid out: at a width of its own, not a default one
            self._keep(self._need(self._at_width))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._at_width:
            self._at_width = event.size().width()
            self._tallest = 0
            self._keep(self._need(self._at_width))

    def _need(self, width: int) -> int:
        """The text's height at `width`, measured apart from the label (whose own measure counts the
        minimum height this class sets, and would never let it shrink)."""
        if not self.text():
            return 0
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        if self.textFormat() == Qt.RichText:     # set by the owner: plain or rich, never guessed
            document.setHtml(self.text())
        else:
            document.setPlainText(self.text())
        margins = self.contentsMargins()
        document.setTextWidth(max(1, width - margins.left() - margins.right() - 2 * self.margin()))
        return math.ceil(document.size().height()) + margins.top() + margins.bottom() + 2 * self.margin()

    def _keep(self, need: int) -> None:
        if need > self._tallest or self._tallest == 0:
            self._tallest = need
            self.setMinimumHeight(need)


class CompactCombo(QComboBox):
    """A combo that asks only for the width of `sample` (e.g. "A  Alert", "Nasal cannula") rather than
    its widest item ("Intubation and mechanical ventilation" wanted 359 px of a 960-px grid). A
    longer choice is shown elided in the closed box, its whole words in the tooltip and the list;
    the items' texts are unchanged (the window's checks find them by text)."""

    def __init__(self, sample: str, parent: QWidget | None = None, short: Callable[[str], str] | None = None,
                 least: str | None = None):
        super().__init__(parent)
        self.sample = sample
        self.least = least          # the text the box must show whole at its least width (else `sample`)
        # what a choice shows, by its key, in a box too narrow for its words (ACVPU: the letter);
        # the least width is then the widest short form, the comfortable width the sample's
        self.short = short

    def _width_for(self, text: str) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        content = QSize(self.fontMetrics().horizontalAdvance(text) + 4, self.fontMetrics().height())
        return self.style().sizeFromContents(QStyle.CT_ComboBox, option, content, self)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.short is not None:
            shorts = [self.short(str(self.itemData(i) or "")) for i in range(self.count())] or [self.sample]
            widest = max(shorts, key=self.fontMetrics().horizontalAdvance)
            return QSize(self._width_for(widest).width(), hint.height())
        return QSize(self._width_for(self.least or self.sample).width(), hint.height())

    def sizeHint(self) -> QSize:
        return QSize(self._width_for(self.sample).width(), super().sizeHint().height())

    def _shown(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, self)
        text = self.currentText()
        if self.short is not None and self.fontMetrics().horizontalAdvance(text) > field.width():
            text = self.short(str(self.currentData() or ""))
        return self.fontMetrics().elidedText(text, Qt.ElideRight, field.width())

    def elided(self) -> bool:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._shown(option) != self.currentText()

    def paintEvent(self, _event) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self._shown(option)
        painter.drawComplexControl(QStyle.CC_ComboBox, option)
        painter.drawControl(QStyle.CE_ComboBoxLabel, option)

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip and not self.toolTip() and self.elided():
            QToolTip.showText(event.globalPos(), self.currentText(), self)     # the whole choice
            return True
        return super().event(event)
