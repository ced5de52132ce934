"""One patient's workspace: the safety banner above overview, eligibility, dosing, calendar, infusion,
adverse-event and lab tabs, each refreshed from one fresh chart read."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from nkdesk.rules import protocol as protocol_rules
from nkdesk.services import patients
from nkdesk.ui.adverse_events_tab import AdverseEventsTab
from nkdesk.ui.calendar_tab import CalendarTab
from nkdesk.ui.dosing_tab import DosingTab
from nkdesk.ui.eligibility_tab import EligibilityTab
from nkdesk.ui.infusion_tab import InfusionTab
from nkdesk.ui.labs_tab import LabsTab
from nkdesk.ui.overview_tab import OverviewTab
from nkdesk.ui.safety_banner import SafetyBanner


class PatientView(QWidget):
    edit_requested = Signal(object)   # the Patient

    def __init__(self, session, prompts, parent=None):
        super().__init__(parent)
        self.session, self.prompts = session, prompts
        self.patient_id: int | None = None
        self.chart = None
        protocol = protocol_rules.load()
        self.title = QLabel(self.tr("Choose a patient from the list"), self)
        self.title.setObjectName("patient_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold; padding: 4px;")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("patient_tabs")
        self.overview = OverviewTab(self)
        self.eligibility = EligibilityTab(session, prompts, protocol, self)
        self.dosing = DosingTab(session, prompts, protocol, self)
        self.calendar = CalendarTab(session, prompts, protocol, self)
        self.infusion = InfusionTab(session, prompts, protocol, self)
        self.adverse_events = AdverseEventsTab(session, prompts, protocol, self)
        self.labs = LabsTab(session, prompts, self)
        self.banner = SafetyBanner(session, prompts, self)
        for widget, name in ((self.overview, self.tr("&Overview")), (self.eligibility, self.tr("E&ligibility")),
                             (self.dosing, self.tr("&Dosing")), (self.calendar, self.tr("&Calendar")),
                             (self.infusion, self.tr("&Infusion")), (self.adverse_events, self.tr("&Adverse events")),
                             (self.labs, self.tr("La&bs"))):
            self.tabs.addTab(widget, name)
        self.tabs.setEnabled(False)
        self.overview.edit_requested.connect(lambda: self.chart and self.edit_requested.emit(self.chart.patient))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)

    def show_patient(self, patient_id: int | None) -> None:
        if patient_id != self.patient_id:
            self.eligibility.flush()
        self.patient_id = patient_id
        self.refresh()

    def refresh(self) -> None:
        if self.patient_id is None:
            self.chart = None
            self.tabs.setEnabled(False)
            return
        chart = self.session.read(patients.chart, self.patient_id)
        if chart is None:
            return
        self.chart = chart
        p = chart.patient
        self.title.setText(f"{p.study_id}  ·  {p.initials}")
        self.tabs.setEnabled(True)
        for tab in (self.banner, self.overview, self.eligibility, self.dosing, self.calendar, self.infusion,
                    self.adverse_events, self.labs):
            tab.show_patient(chart)

    def _on_changed(self, changes) -> None:
        # the eligibility autosave is already on screen; re-reading it would move the cursor
        if changes is None or (self.patient_id in changes.patient_ids and
                               changes.tables - {"eligibility_assessments", "signatures", "enrolments"}):
            self.refresh()
        elif self.patient_id in getattr(changes, "patient_ids", ()):
            self.eligibility.chart = self.session.read(patients.chart, self.patient_id) or self.eligibility.chart
            self.overview.show_patient(self.eligibility.chart)
