"""A patient's adverse events: the log, the lab and fever proposals awaiting a decision, and the
prompt reports that are due. Every entry, edit, acceptance and dismissal is one audited save; an
edit asks why."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QVBoxLayout, QWidget

from nkdesk.services import adverse_events, ae_proposals
from nkdesk.ui.adverse_events_page import AdverseEventsPage


class AdverseEventsTab(QWidget):
    def __init__(self, session, prompts, protocol, parent=None):
        super().__init__(parent)
        self.session, self.prompts, self.protocol = session, prompts, protocol
        self.chart = None
        self.records = []          # stored AdverseEvent rows, in the page's order
        self.stored_proposals = []
        self.page = AdverseEventsPage(protocol, parent=self)
        self.page.entry_added.connect(self._on_entry_added)
        self.page.entry_edited.connect(self._on_entry_edited)
        self.page.proposal_accepted.connect(self._on_proposal_accepted)
        self.page.proposal_dismissed.connect(self._on_proposal_dismissed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)

    def show_patient(self, chart) -> None:
        self.chart = chart
        last = chart.infusions[-1] if chart.infusions else None
        numbers = {c.id: c.number for c in chart.cycles}
        self.page.infusion_date = last.started_at.date() if last and last.started_at else None
        self.page.cycle = numbers.get(last.cycle_id) if last else None
        self.records = sorted(chart.adverse_events, key=lambda r: r.onset)
        self.page.set_events([adverse_events.as_entry(r) for r in self.records],
                             [adverse_events.missing(r) for r in self.records], [r.id for r in self.records])
        self.stored_proposals = [p for p in chart.ae_proposals if p.status == "open"]
        self.page.set_proposals([ae_proposals.as_rules_proposal(p) for p in self.stored_proposals])

    def _on_entry_added(self, entry) -> None:
        self.session.call(adverse_events.record_adverse_event, self.chart.patient.id, entry)

    def _on_entry_edited(self, row: int, _old, new) -> None:
        record = self.records[row]
        reason = self.prompts.reason(self.tr("Change the adverse event"),
                                     self.tr("Why is this adverse event ({0}) changed?").format(record.term))
        if reason:
            self.session.call(adverse_events.edit_adverse_event, record.id, new, record.version, reason=reason)

    def _proposal(self, proposal):
        index = next((i for i, p in enumerate(self.page.proposals) if p is proposal), None)
        return self.stored_proposals[index] if index is not None else None

    def _on_proposal_accepted(self, proposal) -> None:
        stored = self._proposal(proposal)
        if stored is not None:
            self.session.call(ae_proposals.accept_proposal, stored.id, stored.version)

    def _on_proposal_dismissed(self, proposal) -> None:
        stored = self._proposal(proposal)
        if stored is None:
            return
        reason = self.prompts.reason(self.tr("Dismiss the proposal"),
                                     self.tr("Why is the proposed {0} not an adverse event?").format(stored.term))
        if reason:
            self.session.call(ae_proposals.dismiss_proposal, stored.id, stored.version, reason)

    def record_report(self, record) -> None:
        """The prompt report to the Committee and the MHLW was made now (an investigator records it)."""
        self.session.call(adverse_events.record_prompt_report, record.id, datetime.now(), record.version)
