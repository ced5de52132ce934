"""A patient's labs on treatment: a dated set typed analyte by analyte (the site's unit first), each
value shown beside the site's reference range and its CTCAE v5.0 grade as it is typed, saved in one
call; then the history (analytes down, dates across) and a trend per analyte.

The service grades and decides (`services.labs`): the window hands it the texts as typed and shows
what it answers — including the question whether a low total calcium was ionised, and what the
saved set fed (the label's WBC check on the dose order, the AE proposals). Typing is kept per
patient while the window is open: switching patient and back finds it as it was.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nkdesk.rules.units import display_unit
from nkdesk.services import labs
from nkdesk.ui.labs_chart import LabHistoryModel, LabTrendChart, range_text
from nkdesk.ui.quantity_field import QuantityField
from nkdesk.ui.words import ae_term, analyte

CHECK_WORDS = {
    "wbc_reduce": QT_TRANSLATE_NOOP("LabsTab", "The filgrastim label: WBC {wbc_per_mm3:,.0f}/mm³ is at or above "
                                               "{reduce_at_per_mm3:,.0f}/mm³ — reduce the dose (see the Dosing tab)."),
    "wbc_stop": QT_TRANSLATE_NOOP("LabsTab", "The filgrastim label: WBC {wbc_per_mm3:,.0f}/mm³ is at or above "
                                             "{stop_at_per_mm3:,.0f}/mm³ — stop filgrastim (see the Dosing tab)."),
}


MESSAGE_LINES = 2      # lines kept free beside each analyte for its grade or the number's problem


class MessageCell(QWidget):
    """The last column of an analyte's row: its grade and, when the number is a slip, the rules'
    message, in a space of MESSAGE_LINES lines of the current font that never grows or shrinks, so
    the rows below stay where the user is about to click (ward walk: a click aimed at Platelets hit
    AST when a message pushed the rows down). A longer text is cut; its tooltip has it whole."""

    def __init__(self, grade: QLabel, problem: QLabel, parent=None):
        super().__init__(parent)
        self.labels = (grade, problem)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for label in self.labels:
            label.setParent(self)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
            layout.addWidget(label)
        layout.addStretch(1)
        self._fix_height()

    def _fix_height(self) -> None:
        self.setFixedHeight(MESSAGE_LINES * self.fontMetrics().lineSpacing() + 2)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fix_height()
        super().changeEvent(event)


class LabsTab(QWidget):
    def __init__(self, session, prompts, parent=None):
        super().__init__(parent)
        self.session, self.prompts = session, prompts
        self.chart = None
        self.patient_id: int | None = None
        self.history = None
        self.drafts: dict[int, dict[str, str]] = {}
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)
        self._preview_timer.timeout.connect(self._show_preview)
        rows = labs.analyte_rows(session.settings)
        self.inner = QTabWidget(self)
        self.inner.setObjectName("labtab_pages")
        self.inner.addTab(self._entry_page(rows), self.tr("Enter a lab set"))
        self.inner.addTab(self._history_page(rows), self.tr("History and trends"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inner)

    # -- building
    def _entry_page(self, rows) -> QWidget:
        page = QWidget(self)
        self.sampled_on = QLineEdit(page)
        self.sampled_on.setObjectName("labtab_date")
        self.sampled_on.setAccessibleName(self.tr("Date the sample was taken"))
        self.sampled_on.setPlaceholderText(self.tr("e.g. 2026-12-06 or 2026/12/6"))
        self.note = QLineEdit(page)
        self.note.setObjectName("labtab_note")
        self.note.setAccessibleName(self.tr("Note on the lab set"))
        self.note.setPlaceholderText(self.tr("optional, e.g. haemolysed"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sampled on"), page))
        top.addWidget(self.sampled_on)
        top.addWidget(QLabel(self.tr("Note"), page))
        top.addWidget(self.note, 1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for column, title in enumerate((self.tr("Test"), self.tr("Value and unit"), self.tr("Reference range"),
                                        self.tr("CTCAE v5.0 grade"))):
            header = QLabel(title, page)
            header.setStyleSheet("font-weight: bold;")
            grid.addWidget(header, 0, column)
        self.fields: dict[str, QuantityField] = {}
        self.ranges: dict[str, QLabel] = {}
        self.grades: dict[str, QLabel] = {}
        for r, row in enumerate(rows, start=1):
            label = QLabel(analyte(row.name, row.label), page)
            field = QuantityField(f"labtab_{row.name}", analyte(row.name, row.label), row.name, row.units[0], page)
            field.converted.hide()
            problem = field.keep_place()
            label.setBuddy(field.value)
            shown_range = QLabel(page)
            shown_range.setObjectName(f"labtab_{row.name}_range")
            grade = QLabel(page)
            grade.setObjectName(f"labtab_{row.name}_grade")
            cell = MessageCell(grade, problem, page)
            grid.addWidget(label, r, 0, Qt.AlignVCenter)
            grid.addWidget(field, r, 1, Qt.AlignVCenter)
            grid.addWidget(shown_range, r, 2, Qt.AlignVCenter)
            grid.addWidget(cell, r, 3)
            field.changed.connect(self._preview_timer.start)
            self.fields[row.name], self.ranges[row.name], self.grades[row.name] = field, shown_range, grade
        grid.setColumnStretch(3, 1)
        inner = QWidget(page)
        inner.setLayout(grid)
        scroll = QScrollArea(page)
        scroll.setObjectName("labtab_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.warning = QLabel(page)
        self.warning.setObjectName("labtab_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b71c1c; font-weight: bold;")
        # its space is kept while hidden, so the rows above do not move when it comes and goes
        kept = self.warning.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.warning.setSizePolicy(kept)
        self.warning.setFixedHeight(MESSAGE_LINES * self.warning.fontMetrics().lineSpacing() + 2)
        self.warning.hide()
        self.result = QLabel(page)
        self.result.setObjectName("labtab_result")
        self.result.setWordWrap(True)
        self.save = QPushButton(self.tr("&Save lab set"), page)
        self.save.setObjectName("labtab_save")
        self.save.clicked.connect(self._on_save_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result, 1)
        bottom.addWidget(self.save)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.warning)
        layout.addLayout(bottom)
        return page

    def _history_page(self, rows) -> QWidget:
        page = QWidget(self)
        self.model = LabHistoryModel(self)
        self.table = QTableView(page)
        self.table.setObjectName("labtab_history")
        self.table.setAccessibleName(self.tr("Lab history"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.clicked.connect(lambda index: self.trend_analyte.setCurrentIndex(index.row()))
        self.trend_analyte = QComboBox(page)
        self.trend_analyte.setObjectName("labtab_trend_analyte")
        self.trend_analyte.setAccessibleName(self.tr("Lab shown in the trend"))
        for row in rows:
            self.trend_analyte.addItem(analyte(row.name, row.label), row.name)
        self.trend_analyte.currentIndexChanged.connect(self._show_trend)
        self.trend = LabTrendChart(page)
        right = QWidget(page)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.trend_analyte)
        right_layout.addWidget(self.trend, 1)
        split = QSplitter(page)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.addWidget(split)
        return page

    # -- showing
    def show_patient(self, chart) -> None:
        new_id = chart.patient.id if chart is not None else None
        if new_id != self.patient_id:
            if self.patient_id is not None:
                self.drafts[self.patient_id] = self._typed()
            self._restore(self.drafts.pop(new_id, {}) if new_id is not None else {})
            self.result.clear()
        self.chart, self.patient_id = chart, new_id
        if new_id is None:
            return
        self.history = self.session.read(labs.history, new_id)
        self.model.set_history(self.history)
        self._show_trend()
        self._preview_timer.start()

    def _typed(self) -> dict[str, str]:
        typed = {name: f"{field.value.text()}\t{field.unit.currentData()}" for name, field in self.fields.items()
                 if field.value.text()}
        typed["\tdate"], typed["\tnote"] = self.sampled_on.text(), self.note.text()
        return typed

    def _restore(self, typed: dict[str, str]) -> None:
        for name, field in self.fields.items():
            number, _, unit = typed.get(name, "\t").partition("\t")
            index = field.unit.findData(unit)
            if index >= 0:
                field.unit.setCurrentIndex(index)
            field.value.setText(number)
        self.sampled_on.setText(typed.get("\tdate", date.today().isoformat()))
        self.note.setText(typed.get("\tnote", ""))

    def _values(self) -> dict[str, str]:
        return {name: field.text() for name, field in self.fields.items() if field.text()}

    def _show_trend(self, *_) -> None:
        name = self.trend_analyte.currentData()
        self.trend.set_trend(self.history.trends.get(name) if self.history is not None else None)

    def _show_preview(self) -> None:
        if self.patient_id is None or self.session.store is None or self.session.user is None:
            return   # signed out or closed since the keystroke
        shown, _problem = self.session.attempt(labs.preview, self.patient_id, self._values())
        for name in self.fields:
            value = shown.values.get(name) if shown is not None else None
            self.ranges[name].setText(range_text(value) if value is not None else self._range_of(name))
            words = self._grade_words(value) if value is not None else ""
            self.grades[name].setText(words)
            # whole, as the cell may cut a long one (MessageCell)
            self.grades[name].setToolTip(f"{words}\n{value.criterion}" if value is not None else "")
        ask = shown is not None and shown.ask_ionised
        self.warning.setText(self.tr("Calcium under 1.5 mmol/L (6.0 mg/dL) as total calcium would be grade 4: "
                                     "was it ionised calcium? You will be asked when you save.") if ask else "")
        self.warning.setToolTip(self.warning.text())
        self.warning.setVisible(ask)

    def _range_of(self, name: str) -> str:
        trend = self.history.trends.get(name) if self.history is not None else None
        if trend is None or (trend.low is None and trend.high is None):
            return ""
        low = "?" if trend.low is None else f"{trend.low:g}"
        high = "?" if trend.high is None else f"{trend.high:g}"
        return f"{low}–{high} {display_unit(trend.unit)}"

    def _grade_words(self, value) -> str:
        flag = {"L": self.tr("low"), "H": self.tr("high")}.get(value.flag, self.tr("within range"))
        if value.grade is None:
            words = self.tr("{0}; {1}: grade to decide").format(flag, ae_term(value.term))
        elif value.grade == 0:
            words = flag
        else:
            words = self.tr("{0}; {1} grade {2}").format(flag, ae_term(value.term), value.grade)
        # calcium: what was graded — measured, corrected for albumin or not, and by which rule (issue 13)
        return f"{words}\n{value.calcium}" if value.calcium else words

    # -- saving
    def _on_save_clicked(self) -> None:
        if self.patient_id is None:
            return
        values = self._values()
        if not values:
            self.prompts.problem(self.tr("Type at least one result before saving the lab set."))
            return
        calcium_was = None
        shown, _problem = self.session.attempt(labs.preview, self.patient_id, values)
        if shown is not None and shown.ask_ionised:
            calcium_was = self.prompts.choose(
                self.tr("Was it ionised calcium?"),
                self.tr("Calcium {0} is below 1.5 mmol/L (6.0 mg/dL).\nAs total calcium it is grade 4 "
                        "hypocalcaemia;\nionised calcium around 1 mmol/L is common during apheresis (citrate).\n"
                        "Which was measured?").format(values["calcium"]),
                {"ionised": self.tr("Ionised calcium (blood gas analyser)"),
                 "total": self.tr("Total calcium (serum chemistry)")})
            if calcium_was is None:
                return
        saved = self.session.call(labs.record_lab_set, self.patient_id, self.sampled_on.text(), values,
                                  self.note.text(), calcium_was=calcium_was)
        if saved is None:
            return
        for field in self.fields.values():
            field.value.clear()
        self.note.clear()
        self.result.setText(self._fed_words(saved.value))

    def _fed_words(self, outcome) -> str:
        lines = [self.tr("Saved the lab set of {0} ({1} results).").format(
            outcome.lab_set.sampled_on.isoformat(), len(outcome.lab_set.results))]
        if outcome.proposals:
            listed = ", ".join(
                f"{ae_term(term)} " + (self.tr("grade ?") if grade is None else self.tr("grade {0}").format(grade))
                for term, grade in outcome.proposals)
            lines.append(self.tr("Proposed as adverse events, to review on the Adverse events tab: {0}.")
                         .format(listed))
        for check in outcome.dose_checks:
            if check.code in CHECK_WORDS:
                lines.append(QCoreApplication.translate("LabsTab", CHECK_WORDS[check.code]).format(**check.values))
        return "\n".join(lines)
