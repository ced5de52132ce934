"""A patient at a glance: the details the protocol needs, state, enrolment, stops, and the latest
laboratory values as entered with their converted values."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nkdesk.rules.units import display_unit
from nkdesk.ui import words
from nkdesk.ui.style import relative_font


class OverviewTab(QWidget):
    edit_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.details = {}
        form = QFormLayout()
        for key, label in (("study_id", self.tr("Study ID")), ("initials", self.tr("Initials")),
                           ("birth_date", self.tr("Date of birth")), ("sex", self.tr("Sex")),
                           ("hospital_id", self.tr("Hospital ID")), ("state", self.tr("State")),
                           ("protocol", self.tr("Protocol")), ("stops", self.tr("Discontinuation / suspension"))):
            value = QLabel(self)
            value.setObjectName(f"overview_{key}")
            value.setWordWrap(True)
            form.addRow(label, value)
            self.details[key] = value
        self.details["state"].setStyleSheet("font-weight: bold;")
        relative_font(self.details["state"], 13 / 11)   # larger than the base at every text size
        self.edit = QPushButton(self.tr("&Edit details…"), self)
        self.edit.setObjectName("patient_edit")
        self.edit.clicked.connect(self.edit_requested)
        self.labs = QTableWidget(0, 4, self)
        self.labs.setObjectName("overview_labs")
        self.labs.setAccessibleName(self.tr("Laboratory results"))
        self.labs.setHorizontalHeaderLabels([self.tr("Sampled"), self.tr("Test"), self.tr("As entered"),
                                             self.tr("Converted")])
        self.labs.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.labs.verticalHeader().hide()
        self.labs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.labs.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Laboratory results"), self))
        layout.addWidget(self.labs, 1)

    def show_patient(self, chart) -> None:
        p = chart.patient
        values = {"study_id": p.study_id, "initials": p.initials,
                  "birth_date": p.birth_date.isoformat() if p.birth_date else "—", "sex": words.sex(p.sex),
                  "hospital_id": p.hospital_id or "—", "state": words.patient_state(chart.state),
                  "protocol": chart.enrolment.protocol_id if chart.enrolment else "—",
                  "stops": "; ".join(self.tr("{0} on {1} ({2})").format(
                      words.patient_state(d.kind), d.decided_on.isoformat(), words.stop_reason(d.reason_code))
                      + (f": {d.details}" if d.details else "") for d in chart.discontinuations) or "—"}
        for key, value in values.items():
            self.details[key].setText(value)
        rows = [(s.sampled_on, r) for s in reversed(chart.lab_sets) for r in s.results]
        self.labs.setRowCount(len(rows))
        for i, (sampled, result) in enumerate(rows):
            q = result.quantity
            cells = [sampled.isoformat(), words.analyte(result.analyte, _label(result.analyte)),
                     f"{q.value:g} {display_unit(q.unit)}",
                     f"{q.canonical_value:g} {display_unit(q.canonical_unit)}"]
            for column, text in enumerate(cells):
                self.labs.setItem(i, column, QTableWidgetItem(text))


def _label(name: str) -> str:
    """The rules' English label of an analyte (the code itself if the rules do not know it)."""
    from nkdesk.rules import analytes

    found = analytes.find(name)
    return name if found is None else found.label
