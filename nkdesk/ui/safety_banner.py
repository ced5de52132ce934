"""What must not be missed, above every tab of a patient: open vital-sign alerts, prompt reports due
(Act on the Safety of Regenerative Medicine, Art. 35: "due in N days" / "overdue", the law's
category beside the protocol's wording), proposed stops awaiting an investigator, and a suspension
in force. In words and colour; each with the button that settles it."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nkdesk.services import adverse_events, stops, treatment, vitals
from nkdesk.ui import explanations, words

STYLE = "background: #b71c1c; color: white; font-weight: bold; padding: 6px; border-radius: 3px;"
AMBER = "background: #fff3cd; color: #5d4037; font-weight: bold; padding: 6px; border-radius: 3px;"


class SafetyBanner(QWidget):
    def __init__(self, session, prompts, parent=None):
        super().__init__(parent)
        self.session, self.prompts = session, prompts
        self.chart = None
        self.box = None               # rebuilt for each chart: one line per thing that needs doing
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.hide()

    def show_patient(self, chart) -> None:
        self.chart = chart
        if self.box is not None:
            self.box.setParent(None)
            self.box.deleteLater()
        self.box = QWidget(self)
        self.lines = QVBoxLayout(self.box)
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.box)
        shown = 0
        # one item per set with an open alert, as the grid's banner lists them: the count is what is listed
        alerted = [s for s in chart.vital_sets if any(a.open for a in s.alerts)]
        if alerted:
            starts = {i.id: i.started_at for i in chart.infusions}
            listed = "; ".join(self.tr("{0} ({1:%H:%M}): {2}").format(
                words.vital_set(vitals.set_label(s, starts.get(s.infusion_id))), s.measured_at,
                ", ".join(words.vital_finding(a.finding) for a in s.alerts if a.open)) for s in alerted)
            shown += self._line("banner_alerts", self.tr(
                "{0} vital-sign set(s) with alerts not yet acknowledged — {1}. See the Infusion tab.").format(
                len(alerted), listed), STYLE)
        today = date.today()
        for record in chart.adverse_events:
            status = adverse_events.prompt_report_status(record, today)
            if status is not None and not status.done:
                day0 = (self.tr("day 0 {0}").format(status.day0.isoformat()) if status.day0_recorded else
                        self.tr("day 0 not recorded: counted from the onset {0}").format(status.day0.isoformat()))
                shown += self._line(f"banner_report_{record.id}", self.tr(
                    "REPORT PROMPTLY — {0}: serious {1} (onset {2:%Y-%m-%d}), {3}. Report to {4}: {5} "
                    "(by {6}; {7}). Law: {8}. Protocol: \"{9}\"").format(
                    explanations.report_due(status, lead=True),   # in the user's language (ui/explanations)
                    words.ae_term(record.term), record.onset, explanations.report_text(status, "category"),
                    explanations.report_recipients(status), explanations.report_due(status),
                    status.due.isoformat(), day0, explanations.report_text(status, "law"),
                    explanations.report_text(status, "protocol_wording")), STYLE,
                    self.tr("Report made…"), lambda _=False, r=record: self._on_report(r))
        gaps = adverse_events.incomplete(chart.adverse_events)
        if gaps:
            # each incomplete AE by name with what it lacks (issue 14); the count is the lines listed
            listed = "; ".join(self.tr("{0} (onset {1:%Y-%m-%d}): {2}").format(words.ae_term(record.term), record.onset,
                                                                                 ", ".join(map(words.ae_part, lacking)))
                               for record, lacking in gaps)
            shown += self._line("banner_incomplete_aes", self.tr(
                "{0} adverse event(s) incomplete — {1}. Complete them on the Adverse events tab.").format(
                len(gaps), listed), AMBER)
        for proposal in chart.stop_proposals:
            if proposal.status == "open":
                shown += self._line(f"banner_stop_{proposal.id}", self.tr(
                    "Stop rule: {0}. The protocol calls for discontinuation or suspension: an investigator "
                    "decides.").format(words.stop_reason(proposal.reason_code)), AMBER,
                    self.tr("Decide…"), lambda _=False, p=proposal: self._on_decide(p))
        lifted = {lift.discontinuation_id for lift in getattr(chart, "suspension_lifts", ())}
        for stop in chart.discontinuations:
            if stop.kind == "suspended" and stop.id not in lifted:
                shown += self._line(f"banner_suspended_{stop.id}", self.tr(
                    "Treatment SUSPENDED since {0} ({1}).").format(stop.decided_on.isoformat(),
                                                                    words.stop_reason(stop.reason_code)),
                    AMBER, self.tr("Lift…"), lambda _=False, s=stop: self._on_lift(s))
        self.setVisible(shown > 0)

    def _line(self, name: str, text: str, style: str, button: str | None = None, slot=None) -> int:
        row = QHBoxLayout()
        label = QLabel(text, self.box)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        row.addWidget(label, 1)
        if button:
            push = QPushButton(button, self.box)
            push.setObjectName(f"{name}_button")
            push.clicked.connect(slot)
            row.addWidget(push)
        self.lines.addLayout(row)
        return 1

    # -- decisions (storage checks the roles: only an investigator may make them)
    def _on_report(self, record) -> None:
        choice = self.prompts.choose(self.tr("Prompt report"), self.tr(
            "Record that a report on this serious {0} was sent today — to whom?").format(record.term),
            {"committee": self.tr("The certified committee for regenerative medicine"),
             "mhlw": self.tr("The Ministry of Health, Labour and Welfare (MHLW)")})
        if choice is not None:
            self.session.call(adverse_events.record_ae_report, record.id, date.today(), choice)

    def _on_decide(self, proposal) -> None:
        choice = self.prompts.choose(self.tr("Stop rule"), self.tr("{0}: what does the investigator decide?").format(
            words.stop_reason(proposal.reason_code)),
            {"discontinued": self.tr("Discontinue protocol treatment"),
             "suspended": self.tr("Suspend protocol treatment"),
             "dismiss": self.tr("Neither: dismiss the proposal (with a reason)")})
        if choice is None:
            return
        if choice == "dismiss":
            reason = self.prompts.reason(self.tr("Dismiss the stop proposal"), self.tr("Why is treatment continued?"))
            if reason:
                self.session.call(stops.dismiss_stop_proposal, proposal.id, reason, proposal.version)
            return
        answer = self.prompts.signature(self.session.user.full_name, treatment.STOP_KINDS[choice],
                                        self.tr("Protocol treatment of {0}").format(self.chart.patient.study_id))
        if answer is not None:
            self.session.call(treatment.decide_stop, self.chart.patient.id, choice, proposal.reason_code, date.today(),
                              answer[1], proposal.details, proposal_id=proposal.id)

    def _on_lift(self, stop) -> None:
        reason = self.prompts.reason(self.tr("Lift the suspension"), self.tr("Why is protocol treatment resumed?"))
        if not reason:
            return
        answer = self.prompts.signature(self.session.user.full_name, "suspension lifted",
                                        self.tr("Protocol treatment of {0}").format(self.chart.patient.study_id))
        if answer is not None:
            self.session.call(treatment.lift_suspension, stop.id, date.today(), reason, answer[1])

