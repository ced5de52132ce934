"""The infusion screen: the cell product, the vital-signs grid, the chart, the CRS proposal and a way
to log an adverse event. It wires its parts together and re-exposes their signals; saving is the
owner's (connect to `grid.row_completed` and friends, and to the signals below)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nkdesk.rules import crs, vitals
from nkdesk.rules.errors import InputError
from nkdesk.rules.site_settings import SiteSettings
from nkdesk.ui import explanations, words
from nkdesk.ui.cell_product_panel import CellProductPanel
from nkdesk.ui.row_model import Row, RowModel
from nkdesk.ui.vitals_chart import VitalsChart
from nkdesk.ui.vitals_grid import VitalsGrid

CRS_STYLE = "background: #fff3e0; color: #bf360c; font-weight: bold; padding: 6px; border: 2px solid #e65100;"


class InfusionPage(QWidget):
    add_adverse_event_requested = Signal(object)   # the CrsProposal on screen, or None
    start_changed = Signal(object)                 # the infusion start (datetime) or None

    def __init__(self, protocol, weight: str | None = None, settings: SiteSettings | None = None,
                 infusion_start: datetime | None = None, now: Callable[[], datetime] = datetime.now, parent=None):
        super().__init__(parent)
        settings = settings or SiteSettings()
        self.proposal: crs.CrsProposal | None = None
        points = vitals.time_points(protocol, tuple(settings.infusion_time_points_min))
        self.product = CellProductPanel(weight, now, self)
        self.grid = VitalsGrid(points, settings.vital_limits or None, infusion_start, now, self)
        self.chart = VitalsChart(settings.vital_limits or None, self)
        self.crs_line = QLabel(self)
        self.crs_line.setObjectName("crs_proposal")
        self.crs_line.setWordWrap(True)
        self.crs_line.setStyleSheet(CRS_STYLE)
        self.crs_line.hide()
        self.add_ae = QPushButton(self.tr("Add adverse &event…"), self)
        self.add_ae.setObjectName("infusion_add_ae")
        self.add_ae.clicked.connect(lambda: self.add_adverse_event_requested.emit(self.proposal))
        # The product matters before the start, the chart after it: one tab each, the chart shown
        # once the infusion has started, so the grid keeps the height a nurse needs.
        top = QTabWidget(self)
        top.setObjectName("infusion_tabs")
        top.addTab(self.product, self.tr("Cell product"))
        top.addTab(self.chart, self.tr("Chart"))
        self.history_model = RowModel([self.tr("Set"), self.tr("Time"), self.tr("BP mmHg"), self.tr("Pulse /min"),
                                       self.tr("Resp. /min"), self.tr("Temp."), self.tr("SpO₂ %"), self.tr("Oxygen"),
                                       self.tr("Vasopressors"), self.tr("ACVPU"), self.tr("NEWS2")], self)
        self.history = QTableView(self)
        self.history.setObjectName("vitals_history")
        self.history.setAccessibleName(self.tr("Vital-sign history"))
        self.history.setModel(self.history_model)
        self.history.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        top.addTab(self.history, self.tr("History"))
        self._history_rows: dict[str, tuple[vitals.VitalSigns, Row]] = {}    # a row is built once per set
        self._crs: dict[int, tuple[vitals.VitalSigns, object]] = {}         # a set's CRS proposal, once
        self.tabs = top
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.grid)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self.chart.setMinimumHeight(110)
        top.setMinimumHeight(140)
        splitter.setSizes([160, 1000])
        splitter.setChildrenCollapsible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.crs_line, 1)
        bottom.addWidget(self.add_ae, 0, Qt.AlignTop | Qt.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.grid.sets_changed.connect(self.refresh)
        self.product.start_requested.connect(lambda _p, when, _by: self.set_infusion_start(when))
        self.product.start.editingFinished.connect(lambda: self.set_infusion_start(self.product.start_time()))
        if infusion_start is not None:
            top.setCurrentWidget(self.chart)
        self.refresh()

    def set_infusion_start(self, start: datetime | None) -> None:
        self.grid.set_infusion_start(start)
        if start is not None:
            self.tabs.setCurrentWidget(self.chart)
        self.refresh()
        self.start_changed.emit(start)

    def refresh(self) -> None:
        recorded = self.grid.recorded_sets()
        sets = [signs for _, signs in recorded]
        self.chart.set_data(sets, self.grid.start)
        cached = self._history_rows
        self._history_rows = {key: cached[key] if key in cached and cached[key][0] is signs
                              else (signs, self._history_row(key, signs)) for key, signs in recorded}
        self.history_model.set_rows([self._history_rows[key][1] for key, signs in
                                     sorted(recorded, key=lambda item: item[1].measured_at or datetime.min)])
        self._show_crs(sets)

    def _history_row(self, key: str, signs: vitals.VitalSigns) -> Row:
        """One recorded set as the history lists it, as entered (temperature in its unit)."""
        row = self.grid.row_for(key)
        def shown(value) -> str:
            return "—" if value is None else f"{value:g}"
        oxygen = (words.oxygen_device(signs.oxygen.device) if signs.oxygen.device
                  else self.tr("Air"))
        if signs.oxygen.flow_l_min is not None:
            oxygen += f" {signs.oxygen.flow_l_min:g} L/min"
        pressors = str(signs.vasopressors) + (self.tr(" + vasopressin") if signs.vasopressin else "")
        news = row.news2.text() if row is not None else ""
        return Row(key, (row.label if row is not None else key,
                         signs.measured_at.strftime("%H:%M") if signs.measured_at else "—",
                         f"{shown(signs.systolic_mmhg)}/{shown(signs.diastolic_mmhg)}", shown(signs.pulse_per_min),
                         shown(signs.resp_rate_per_min),
                         signs.temperature.display() if signs.temperature is not None else "—",
                         shown(signs.spo2_pct), oxygen, pressors, signs.acvpu or "—", news))

    def _show_crs(self, sets) -> None:
        """ASTCT proposal (crs.py) for the worst recorded set, shown once fever, hypotension or hypoxia appear."""
        best, problem = None, None
        known = self._crs
        self._crs = {}
        for signs in sets:
            cached = known.get(id(signs))
            if cached is None or cached[0] is not signs:
                try:
                    cached = (signs, crs.propose_from_vitals(signs))
                except InputError as exc:
                    cached = (signs, exc)
            self._crs[id(signs)] = cached
            if isinstance(cached[1], InputError):
                problem = cached[1]
                continue
            proposal = cached[1]
            if (proposal.fever or proposal.hypotension_grade or proposal.hypoxia_grade) and (
                    best is None or proposal.grade >= best.grade):
                best = proposal
        self.proposal = best
        if best is None and problem is None:
            self.crs_line.hide()
            return
        self.crs_line.setText(explanations.crs_line(best, problem))   # in the user's language (ui/explanations)
        self.crs_line.show()
