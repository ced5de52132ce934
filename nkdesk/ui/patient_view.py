"""One patient's workspace: the safety banner above the overview, eligibility, dosing, calendar,
infusion, adverse-event and lab tabs.

The tabs are built once and filled with each patient's chart. Filling is lazy (Anki's
`op_executed` idea, ../shared/architecture.md "How state flows"): choosing a patient fills the
title, the banner and the tab on screen from one chart read; every other tab is marked stale and
filled when it is shown (or, after a patient switch, in the event loop's idle time, one tab a turn).
A save's returned `Changes` marks only the tabs that depend on the tables it touched, and only the
parts of the chart those tables feed are read again (`services.patients.chart_after`); the tab on
screen is refilled at once, the others when shown; the banner redraws only when its lines change.

Leaving is asked of the editors (`ui.editor.Editor`, duck-typed so that a tab without it still
works): before the patient changes, before another tab is shown, and by the window before signing
out or quitting (`leave_all`); the idle lock only `keep_all`s — it never asks.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from nkdesk.domain import Changes
from nkdesk.rules import protocol as protocol_rules
from nkdesk.services import patients, trail
from nkdesk.ui.adverse_events_tab import AdverseEventsTab
from nkdesk.ui.calendar_tab import CalendarTab
from nkdesk.ui.dosing_tab import DosingTab
from nkdesk.ui.eligibility_tab import EligibilityTab
from nkdesk.ui.infusion_tab import InfusionTab
from nkdesk.ui.labs_tab import LabsTab
from nkdesk.ui.overview_tab import OverviewTab
from nkdesk.ui.safety_banner import SafetyBanner
from nkdesk.ui.style import relative_font

# What each tab shows, by table (storage's table names, as a save's `Changes.tables` names them).
# A change to a table not named here refreshes every tab: a new table is shown safely before it is
# mapped. The eligibility tab shows its own saves and signature itself (re-reading them would move
# the cursor), so its own tables are not among its dependencies.
_PATIENT = frozenset({"patients", "enrolments", "discontinuations", "suspension_lifts", "stop_proposals"})
DEPENDS_ON: dict[str, frozenset[str]] = {
    "overview": _PATIENT | {"lab_sets", "lab_results", "eligibility_assessments", "signatures"},
    "eligibility": frozenset({"patients", "lab_sets", "lab_results"}),
    "dosing": _PATIENT | {"dose_orders", "body_measurements", "signatures", "lab_sets", "lab_results"},
    "calendar": _PATIENT | {"treatment_cycles", "treatment_events", "dose_orders", "infusions"},
    "infusion": _PATIENT | {"infusions", "treatment_cycles", "treatment_events", "vital_sign_sets",
                            "vital_alerts", "dose_orders", "adverse_events", "ae_proposals"},
    "adverse_events": _PATIENT | {"adverse_events", "ae_proposals", "ae_reports", "lab_sets", "lab_results",
                                  "vital_sign_sets"},
    "labs": _PATIENT | {"lab_sets", "lab_results", "ae_proposals", "dose_orders"},
    "banner": _PATIENT | {"adverse_events", "ae_proposals", "ae_reports", "vital_alerts", "vital_sign_sets",
                          "lab_sets", "lab_results", "signatures", "infusions"},
}
KNOWN_TABLES = frozenset().union(*DEPENDS_ON.values()) | {"eligibility_assessments", "drafts", "audit_log",
                                                          "users", "settings", "meta"}
IDLE_FILL_AFTER_MS = 150
NOT_SHOWN = frozenset({"drafts", "audit_log"})   # a kept draft changes nothing on screen


class PatientView(QWidget):
    edit_requested = Signal(object)   # the Patient
    patient_shown = Signal(object)    # the patient id now on screen (None: nobody)

    def __init__(self, session: Any, prompts: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.prompts = session, prompts
        self.patient_id: int | None = None
        self.chart: Any = None
        self._stale: set[QWidget] = set()
        self._names: dict[QWidget, str] = {}
        self._shown_tab: QWidget | None = None
        self._reverting = False
        protocol = protocol_rules.load()
        self.title = QLabel(self.tr("Choose a patient from the list"), self)
        self.title.setObjectName("patient_title")
        self.title.setStyleSheet("font-weight: bold; padding: 4px;")
        relative_font(self.title, 15 / 11)   # 15 pt beside the 11 pt base, and as much larger at any scale
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
        for widget, key, name in ((self.overview, "overview", self.tr("&Overview")),
                                  (self.eligibility, "eligibility", self.tr("E&ligibility")),
                                  (self.dosing, "dosing", self.tr("&Dosing")),
                                  (self.calendar, "calendar", self.tr("&Calendar")),
                                  (self.infusion, "infusion", self.tr("&Infusion")),
                                  (self.adverse_events, "adverse_events", self.tr("&Adverse events")),
                                  (self.labs, "labs", self.tr("La&bs"))):
            self.tabs.addTab(widget, name)
            self._names[widget] = key
        self._names[self.banner] = "banner"
        self.tabs.setEnabled(False)
        self.tabs.setVisible(False)
        self.banner.setVisible(False)
        self.overview.edit_requested.connect(lambda: self.chart and self.edit_requested.emit(self.chart.patient))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._shown_tab = self.tabs.currentWidget()
        # after a switch, the tabs not on screen are filled one per idle turn of the event loop, from
        # a moment after the screen is painted (someone going down the list fills nothing unseen)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_FILL_AFTER_MS)
        self._idle.timeout.connect(self._fill_one_stale)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)
        session.changed.connect(self._on_changed)

    # -- the tabs, as editors
    def pages(self) -> Iterator[QWidget]:
        """Every tab of the workspace (a tab added later, e.g. labs, included)."""
        for i in range(self.tabs.count()):
            yield self.tabs.widget(i)

    def _filled(self) -> list[QWidget]:
        """The tabs showing the current patient, the one on screen first."""
        current = self.tabs.currentWidget()
        return [tab for tab in ([current] + [t for t in self.pages() if t is not current])
                if tab is not None and tab not in self._stale]

    def unsaved(self) -> bool:
        return self.patient_id is not None and any(
            callable(getattr(tab, "unsaved", None)) and tab.unsaved() for tab in self._filled())

    def leave_all(self) -> bool:
        """Ask each editor showing this patient to leave (keep a draft, or ask the user); False if one
        wants to stay — that tab is then shown."""
        if self.patient_id is None:
            return True
        for tab in self._filled():
            if not _leave(tab):
                self._show_tab(tab)
                return False
        return True

    def keep_all(self) -> None:
        """The idle lock: every editor keeps what it holds, as it is; nothing is asked."""
        if self.patient_id is None:
            return
        for tab in self._filled():
            keep: Callable[[], Any] | None = getattr(tab, "keep", None) or getattr(tab, "flush", None)
            if keep is not None:
                keep()

    def _show_tab(self, tab: QWidget) -> None:
        self._reverting = True
        try:
            self.tabs.setCurrentWidget(tab)
            self._shown_tab = tab
        finally:
            self._reverting = False

    def _on_tab_changed(self, _index: int) -> None:
        if self._reverting:
            return
        previous, tab = self._shown_tab, self.tabs.currentWidget()
        if previous is not None and previous is not tab and previous not in self._stale \
                and self.patient_id is not None and not _leave(previous):
            self._show_tab(previous)    # the user keeps editing there
            return
        self._shown_tab = tab
        if tab in self._stale:
            self._fill(tab)
        self._alerts_on_screen()

    # -- the patient
    def show_patient(self, patient_id: int | None) -> bool:
        """Show a patient (None: nobody). False if an editor asked to stay with the current one."""
        if patient_id == self.patient_id and self.unsaved():
            return True     # chosen again while typing: what is typed stays
        if patient_id != self.patient_id and not self.leave_all():
            return False
        if patient_id is None:
            self.clear()
            return True
        chart = self.session.read(patients.chart, patient_id)
        if chart is None:
            return False
        if self.session.user is not None:   # the read is recorded in the access log (issue 15)
            self.session.read(trail.patient_opened, self.session.user, patient_id)
        self.patient_id, self.chart = patient_id, chart
        self._stale = set(self.pages())
        self._show_chart(chart, refill_banner=True)
        self._idle.start(IDLE_FILL_AFTER_MS)
        return True

    def clear(self) -> None:
        """Nobody on screen (signed out): nothing of the previous patient stays visible."""
        self._idle.stop()
        self.patient_id, self.chart = None, None
        self._stale = set(self.pages())
        self.title.setText(self.tr("Choose a patient from the list"))
        self.tabs.setEnabled(False)
        self.tabs.setVisible(False)
        self.banner.setVisible(False)
        self.patient_shown.emit(None)

    def refresh(self) -> None:
        """Re-read the chart and refill the banner and the tab on screen; the others when shown."""
        if self.patient_id is None:
            return
        chart = self.session.read(patients.chart, self.patient_id)
        if chart is None:
            return
        self.chart = chart
        self._stale = set(self.pages())
        self._show_chart(chart, refill_banner=True)

    def _show_chart(self, chart: Any, *, refill_banner: bool) -> None:
        p = chart.patient
        self.title.setText(f"{p.study_id}  ·  {p.initials}")
        if refill_banner:
            self.banner.show_patient(chart)
        self.tabs.setEnabled(True)
        self.tabs.setVisible(True)
        self.banner.setVisible(True)
        current = self.tabs.currentWidget()
        if current in self._stale:
            self._fill(current)
        self._shown_tab = current
        self._alerts_on_screen()
        self.patient_shown.emit(self.patient_id)

    def _alerts_on_screen(self) -> None:
        """The banner leaves the open vital-sign alerts to the Infusion tab's grid while it is shown."""
        infusion = getattr(self.infusion, "infusion", None) if self.tabs.currentWidget() is self.infusion else None
        self.banner.alerts_shown_elsewhere(infusion.id if infusion is not None else None)

    def _fill(self, tab: QWidget) -> None:
        self._stale.discard(tab)
        if self.chart is not None:
            tab.show_patient(self.chart)   # type: ignore[attr-defined]  # every tab has show_patient

    def pending_fills(self) -> int:
        """How many tabs still show an earlier state (filled when shown, or in idle time)."""
        return len(self._stale) if self.patient_id is not None else 0

    def _fill_one_stale(self) -> None:
        if self.patient_id is None or self.session.store is None:   # signed out, or closed meanwhile
            return
        for tab in self.pages():
            if tab in self._stale:
                self._fill(tab)
                if self._stale:
                    self._idle.start(0)
                return

    # -- after a save
    def _on_changed(self, changes: Changes | None) -> None:
        if self.patient_id is None:
            return
        if changes is not None:
            if self.patient_id not in changes.patient_ids or not (changes.tables - NOT_SHOWN):
                return
            tables = changes.tables - NOT_SHOWN
        else:
            tables = KNOWN_TABLES | {"?"}
        marked = {w for w in [self.banner, *self.pages()] if _depends(self._names.get(w), tables)}
        # what the save changed is read again, the rest of the chart kept (a vital-sign set: its sets
        # and proposals, not the whole chart); a change not described (None) re-reads everything
        chart = (self.session.read(patients.chart_after, self.chart, changes.tables)
                 if changes is not None and self.chart is not None
                 else self.session.read(patients.chart, self.patient_id))
        if chart is None:
            return
        self.chart = chart
        # a tab not marked keeps what it shows, but reads the fresh chart when it next acts
        for tab in self.pages():
            if tab not in marked and hasattr(tab, "chart") and tab not in self._stale:
                tab.chart = chart
        self._stale |= {w for w in marked if w is not self.banner}
        self._show_chart(chart, refill_banner=self.banner in marked)


def _depends(name: str | None, tables: frozenset[str]) -> bool:
    """Whether a tab shows something of these tables (a tab or a table not mapped: yes)."""
    depends = DEPENDS_ON.get(name or "")
    return depends is None or bool(tables - KNOWN_TABLES) or bool(tables & depends)


def _leave(tab: QWidget) -> bool:
    """An editor's own leave (a draft kept, or the user asked); a tab that only autosaves flushes."""
    leave: Callable[[], bool] | None = getattr(tab, "leave", None)
    if leave is not None:
        return bool(leave())
    flush: Callable[[], Any] | None = getattr(tab, "flush", None)
    if flush is not None:
        flush()
    return True
