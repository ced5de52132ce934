"""A patient's infusion at the bedside: the cell product, the start and end, the vital-sign grid with
its alerts and NEWS2, the chart, and adverse events added from here. Which cycle and infusion are
current is the services' decision; the product and the start are one service call. Every set the
grid hands on is saved at once through the vital-signs service (a set whose clock time is not its
row's time point is confirmed first: the service says where it goes); acknowledging an alert records
who and when. A half-typed row is kept as a draft (services.drafts) and put back when the grid is
built again — after a patient switch, or on reopening the window."""
from __future__ import annotations

import copy
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nkdesk.rules.cell_product import CellProduct
from nkdesk.services import adverse_events, dose_review, drafts, infusions, treatment
from nkdesk.services import vitals as vitals_service
from nkdesk.ui import words
from nkdesk.ui.explanations import placement_words as words_of  # in the user's language
from nkdesk.ui.infusion_page import InfusionPage
from nkdesk.ui.vitals_grid import VitalsRecord


class InfusionTab(QWidget):
    def __init__(self, session, prompts, protocol, parent=None):
        super().__init__(parent)
        self.session, self.prompts, self.protocol = session, prompts, protocol
        self.chart = None
        self.infusion = None
        self.cycle = None
        self.page: InfusionPage | None = None
        self._built_with = None             # the site settings the page was built with (its rows, its limits)
        self.sets_by_key: dict = {}
        self.state = QLabel(self)
        self.state.setObjectName("infusion_state")
        self.state.setWordWrap(True)
        self.prepare = QPushButton(self.tr("&Prepare this cycle's infusion"), self)
        self.prepare.setObjectName("infusion_prepare")
        self.prepare.clicked.connect(self._on_prepare)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.prepare)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)

    # -- which infusion
    def show_patient(self, chart) -> None:
        previous = self.infusion
        self.chart = chart
        self.infusion = infusions.current_infusion(chart)
        self.cycle = treatment.current_cycle(chart)
        if (self.page is not None and previous is not None and self.infusion is not None
                and previous.id == self.infusion.id and previous.status == self.infusion.status
                and previous.started_at == self.infusion.started_at):
            # the same infusion: keep the grid as the nurse is typing in it, learn the new records
            self.sets_by_key = {s.key: s for s in chart.vital_sets if s.infusion_id == self.infusion.id}
            return
        if self.infusion is None:
            self._empty_page()
            if self.cycle is None:
                self.state.setText(self.tr("No treatment cycle is planned: the infusion screen opens once the "
                                           "calendar is stored."))
                self.prepare.hide()
            else:
                # issue 16: offered only once the filgrastim order is verified, the reason shown otherwise
                blocked = self._block_words(dose_review.preparation_block(chart, self.cycle.id))
                self.state.setText(self.tr("Cycle {0}: no infusion recorded yet.").format(self.cycle.number)
                                   + ("" if blocked is None else "\n" + blocked))
                self.prepare.show()
                self.prepare.setEnabled(blocked is None)
                self.prepare.setToolTip(blocked or "")
            return
        self.prepare.hide()
        numbers = {c.id: c.number for c in chart.cycles}
        started = (self.infusion.started_at.strftime("%Y-%m-%d %H:%M") if self.infusion.started_at
                   else self.tr("not started"))
        self.state.setText(self.tr("Cycle {0} infusion — {1}, {2}").format(
            numbers.get(self.infusion.cycle_id, "?"), words.event_status(self.infusion.status), started))
        self._build_page()

    def _block_words(self, block: tuple[str, int | None] | None) -> str | None:
        """Why the infusion may not be prepared yet (services.dose_review.preparation_block), in words."""
        if block is None:
            return None
        if block[0] == "no_order":
            return self.tr("No filgrastim order is on file for this cycle: prescribe it and have it verified first.")
        return self.tr("The filgrastim order #{0} is not verified yet: a pharmacist or a second investigator "
                       "verifies it before the infusion is prepared.").format(block[1])

    def _on_prepare(self) -> None:
        if self.cycle is not None and self.prepare.isEnabled():
            self.session.call(infusions.prepare_infusion, self.cycle.id)

    # -- the Editor protocol (ui/editor.py): the grid's half-typed rows
    def unsaved(self) -> bool:
        return self.page is not None and self.page.grid.unsaved()

    def keep(self) -> None:
        if self.page is not None:
            self.page.grid.keep()

    def leave(self) -> bool:
        return self.page is None or self.page.grid.leave()

    def _keep_row(self, key: str, typed: dict[str, str]) -> str | None:
        """The grid's DraftKeeper: what a row holds, kept for this patient and infusion."""
        if self.infusion is None or self.chart is None:
            return None
        # a draft is no record: no `changed` signal, no screen refresh (session.attempt, not call)
        kept, problem = self.session.attempt(drafts.keep, self.session.user, self.chart.patient.id,
                                             vitals_service.DRAFT_EDITOR, typed,
                                             key=vitals_service.draft_key(self.infusion.id, key))
        if kept is None:
            return None
        return datetime.fromisoformat(kept).astimezone().strftime("%H:%M:%S")

    def _drop_page(self) -> None:
        if self.page is not None:
            self.page.grid.keep()           # leaving the grid (another patient, a rebuild) keeps what is typed
            self.page.setParent(None)
            self.page.deleteLater()
            self.page = None

    def _empty_page(self) -> None:
        """No infusion to show: the page is emptied and hidden (kept for the next infusion shown:
        building it is most of a switch to this tab, issue 11). Nothing of the last one stays in it."""
        if self.page is not None and not self.page.isHidden():
            self.page.grid.keep()           # what is typed stays the previous patient's, as a draft
            self.page.hide()
            self._reset_page(None, None)
            self.page.product.load(CellProduct(), None, None, "")
            self.page.refresh()

    def _reset_page(self, weight: str | None, start: datetime | None) -> None:
        """The page as a new one for this infusion would be: the grid emptied (then filled by
        `_build_page` from the chart, which loads the product and redraws the chart), the weight
        the product's dose per kg uses, the chart's tab shown once started."""
        page = self.page
        page.grid.reset(start)
        page.product.weight = weight
        page.tabs.setCurrentWidget(page.chart if start is not None else page.product)

    def _build_page(self, rebuild: bool = False) -> None:
        """Show the current infusion. `rebuild`: a new page, the old one dropped — from inside the
        grid's own handling of a row (a save refused or stored in another row), whose remaining
        steps then act on the old grid and never on what is shown now."""
        weight = [m for m in self.chart.body_measurements if m.kind == "weight"]
        weight_text = weight[-1].quantity.text if weight else None
        settings = self.session.settings
        if self.page is not None and self._built_with == settings and not rebuild:
            # refilled, not rebuilt: the same rows and editors (the time points and limits are the
            # site's settings, unchanged), emptied of the previous infusion and filled from the chart
            self.page.grid.keep()
            self._reset_page(weight_text, self.infusion.started_at)
            self.page.show()
        else:
            self._drop_page()
            self.page = InfusionPage(self.protocol, weight_text, settings, self.infusion.started_at, parent=self)
            self._built_with = copy.deepcopy(settings)
            self.body.addWidget(self.page, 1)
            self.page.product.product_edited.connect(self._on_product_edited)
            self.page.product.start_requested.connect(self._on_start)
            self.page.product.end_requested.connect(self._on_end)
            self.page.grid.row_completed.connect(self._on_row_completed)
            self.page.grid.row_corrected.connect(self._on_row_corrected)
            self.page.grid.acknowledge_requested.connect(self._on_acknowledge)
            self.page.add_adverse_event_requested.connect(self._on_add_adverse_event)
        self.page.product.load(infusions.product_of(self.infusion), self.infusion.started_at,
                               self.infusion.ended_at, self.infusion.administered_by)
        sets = [s for s in self.chart.vital_sets if s.infusion_id == self.infusion.id]
        self.sets_by_key = {s.key: s for s in sets}
        records = []
        for s in sets:
            done = [a for a in s.alerts if a.acknowledged_at is not None]
            complete = bool(s.alerts) and len(done) == len(s.alerts)
            records.append(VitalsRecord(s.key, vitals_service.as_vital_signs(s), s.reason,
                                        done[-1].acknowledged_by_name if complete else None,
                                        done[-1].acknowledged_at if complete else None))
        self.page.grid.load(records)
        self.page.grid.drafts = self._keep_row
        kept = self.session.read(vitals_service.row_drafts, self.chart.patient.id, self.infusion.id) or {}
        if kept:
            newest = max(at for _typed, at in kept.values())
            local = datetime.fromisoformat(newest).astimezone().strftime("%H:%M:%S")
            self.page.grid.restore_drafts({key: typed for key, (typed, _at) in kept.items()}, local)
        self.page.refresh()

    # -- the product, start and end (the dose per kg uses the latest recorded weight: the service's choice)
    def _on_product_edited(self, product) -> None:
        reason = None
        if self.infusion.started_at is not None:
            reason = self.prompts.reason(self.tr("Change the cell product record"),
                                         self.tr("The infusion has started. Why is the product record changed?"))
            if not reason:
                return
        self.session.call(infusions.record_cell_product, self.infusion.id, product, self.infusion.version,
                          reason=reason)

    def _on_start(self, product, start: datetime, administered_by: str) -> None:
        self.session.call(infusions.start_infusion, self.infusion.id, start, self.infusion.version, product=product,
                          administered_by=administered_by)

    def _on_end(self, end: datetime) -> None:
        self.session.call(infusions.end_infusion, self.infusion.id, end, self.infusion.version)

    # -- vital signs
    def _on_row_completed(self, key: str, signs, reason: str) -> None:
        extra = key.startswith("extra")
        placement = self.session.read(vitals_service.place, self.infusion.id, signs, extra=extra)
        confirmed = False
        if placement is not None and not placement.matches:
            confirmed = self.prompts.confirm(self.tr("Which time point?"), self.tr(
                "{0}\n\nSave it there? (No: the row stays unsaved; correct the time.)").format(words_of(placement)))
            if not confirmed:
                self._not_saved(key)
                return
        saved = self.session.call(vitals_service.record_vital_signs, self.infusion.id, signs, reason=reason,
                                  extra=extra, confirmed_placement=confirmed, row_key=key)
        if saved is None:
            self._not_saved(key)
        elif saved.value.key != key:        # stored at its own time point: show it in that row
            self._build_page(rebuild=True)

    def _not_saved(self, key: str) -> None:
        """The row was not saved as typed: its typing is kept as a draft and the grid shows what is stored."""
        if self.page is not None:
            self.page.grid.saved_elsewhere(key)
        self._build_page(rebuild=True)

    def _on_row_corrected(self, key: str, signs, reason: str) -> None:
        stored = self.sets_by_key.get(key)
        if stored is None:
            return self._on_row_completed(key, signs, reason)
        if self.session.call(vitals_service.correct_vital_signs, stored.id, signs, stored.version,
                             correction_reason=reason, reason=reason, row_key=key) is None:
            self._not_saved(key)

    def _on_acknowledge(self, key: str, informed: str, action: str, time_text: str) -> None:
        """Record what was done about a set's alerts: who was informed, the action and its time (the
        clock time typed, on the day nearest now); the service refuses what is missing."""
        stored = self.sets_by_key.get(key)
        if stored is None:
            self.prompts.problem(self.tr("Save the set first; then its alerts can be acknowledged."))
            return
        action_at = None
        digits = time_text.replace(":", "")
        if len(digits) >= 3:
            now = datetime.now()
            action_at = now.replace(hour=int(digits[:-2]), minute=int(digits[-2:]), second=0, microsecond=0)
            if action_at - now > timedelta(hours=12):
                action_at -= timedelta(days=1)
        saved = self.session.call(vitals_service.acknowledge_alerts, stored.id, informed=informed, action=action,
                                  action_at=action_at)
        if saved is not None and self.page is not None:
            self.page.grid.set_acknowledged(key, self.session.user.full_name, datetime.now())

    # -- adverse events from the bedside
    def _on_add_adverse_event(self, crs_proposal) -> None:
        from nkdesk.ui.adverse_event_dialog import AdverseEventDialog

        day = self.infusion.started_at.date() if self.infusion.started_at else date.today()
        numbers = {c.id: c.number for c in self.chart.cycles}
        dialog = AdverseEventDialog(self.protocol, day, numbers.get(self.infusion.cycle_id), parent=self)
        if crs_proposal is not None and crs_proposal.grade:
            dialog.setWindowTitle(self.tr("Adverse event (CRS proposal: ASTCT grade {0})").format(crs_proposal.grade))
        dialog.entry_ready.connect(lambda entry: self.session.call(adverse_events.record_adverse_event,
                                                                   self.chart.patient.id, entry))
        if getattr(self, "dialog", None) is not None:   # the previous one, answered: not kept alive (a leak)
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
