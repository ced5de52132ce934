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
        self.box = None               # rebuilt when its lines change: one line per thing that needs doing
        self._shown: list = []        # the lines the box shows (`_lines_for`)
        self._infusion_on_screen: int | None = None   # the infusion the Infusion tab shows, while it is shown
        self._alert_infusions: set[int] = set()
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.hide()

    def show_patient(self, chart) -> None:
        """Show what this chart needs done. The lines are worked out first and the widgets rebuilt
        only when they differ from those on screen (a vital-sign save that changed no alert left
        the banner as it was, but rebuilt it: issue 11). A button acts on the record as the chart
        now has it (`self.chart`), found by its id when clicked — never a version kept from before."""
        self.chart = chart
        lines = self._lines_for(chart)
        if self.box is not None and lines == self._shown:
            return
        self._shown = lines
        if self.box is not None:
            self.box.setParent(None)
            self.box.deleteLater()
        self.box = QWidget(self)
        self.lines = QVBoxLayout(self.box)
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.box)
        for name, text, style, button, action in lines:
            self._line(name, text, style, button, action)
        self.setVisible(bool(lines))
        self._apply_elsewhere()

    def alerts_shown_elsewhere(self, infusion_id: int | None) -> None:
        """The Infusion tab is on screen, showing this infusion (None: another tab). Its grid shows each
        open alert of that infusion with its Acknowledge button, so the banner's line for them would say
        it twice — and, at 1366×768, take the height of a row of the grid (ward walk: two rows in view).
        The line is hidden there only when every alert it lists belongs to the infusion shown."""
        self._infusion_on_screen = infusion_id
        self._apply_elsewhere()

    def _apply_elsewhere(self) -> None:
        if self.box is None:
            return
        label = self.box.findChild(QLabel, "banner_alerts")
        if label is not None:
            shown = self._infusion_on_screen
            label.setVisible(shown is None or not self._alert_infusions <= {shown})
    def _lines_for(self, chart) -> list[tuple[str, str, str, str | None, tuple[str, int] | None]]:
        """Each line: object name, words, style, the button's words and what it acts on (kind, id)."""
        lines: list[tuple[str, str, str, str | None, tuple[str, int] | None]] = []
        # one item per set with an open alert, as the grid's banner lists them: the count is what is listed
        alerted = [s for s in chart.vital_sets if any(a.open for a in s.alerts)]
        self._alert_infusions = {s.infusion_id for s in alerted}
        if alerted:
            starts = {i.id: i.started_at for i in chart.infusions}
            listed = "; ".join(self.tr("{0} ({1:%H:%M}): {2}").format(
                words.vital_set(vitals.set_label(s, starts.get(s.infusion_id))), s.measured_at,
                ", ".join(words.vital_finding(a.finding) for a in s.alerts if a.open)) for s in alerted)
            lines.append(("banner_alerts", self.tr(
                "{0} vital-sign set(s) with alerts not yet acknowledged — {1}. See the Infusion tab.").format(
                len(alerted), listed), STYLE, None, None))
        today = date.today()
        for record in chart.adverse_events:
            status = adverse_events.prompt_report_status(record, today)
            if status is not None and not status.done:
                day0 = (self.tr("day 0 {0}").format(status.day0.isoformat()) if status.day0_recorded else
                        self.tr("day 0 not recorded: counted from the onset {0}").format(status.day0.isoformat()))
                lines.append((f"banner_report_{record.id}", self.tr(
                    "REPORT PROMPTLY — {0}: serious {1} (onset {2:%Y-%m-%d}), {3}. Report to {4}: {5} "
                    "(by {6}; {7}). Law: {8}. Protocol: \"{9}\"").format(
                    explanations.report_due(status, lead=True),   # in the user's language (ui/explanations)
                    words.ae_term(record.term), record.onset, explanations.report_text(status, "category"),
                    explanations.report_recipients(status), explanations.report_due(status),
                    status.due.isoformat(), day0, explanations.report_text(status, "law"),
                    explanations.report_text(status, "protocol_wording")), STYLE,
                    self.tr("Report made…"), ("report", record.id)))
        gaps = adverse_events.incomplete(chart.adverse_events)
        if gaps:
            # each incomplete AE by name with what it lacks (issue 14); the count is the lines listed
            listed = "; ".join(self.tr("{0} (onset {1:%Y-%m-%d}): {2}").format(words.ae_term(record.term), record.onset,
                                                                                 ", ".join(map(words.ae_part, lacking)))
                               for record, lacking in gaps)
            lines.append(("banner_incomplete_aes", self.tr(
                "{0} adverse event(s) incomplete — {1}. Complete them on the Adverse events tab.").format(
                len(gaps), listed), AMBER, None, None))
        for proposal in chart.stop_proposals:
            if proposal.status == "open":
                lines.append((f"banner_stop_{proposal.id}", self.tr(
                    "Stop rule: {0}. The protocol calls for discontinuation or suspension: an investigator "
                    "decides.").format(words.stop_reason(proposal.reason_code)), AMBER,
                    self.tr("Decide…"), ("decide", proposal.id)))
        lifted = {lift.discontinuation_id for lift in getattr(chart, "suspension_lifts", ())}
        for stop in chart.discontinuations:
            if stop.kind == "suspended" and stop.id not in lifted:
                lines.append((f"banner_suspended_{stop.id}", self.tr(
                    "Treatment SUSPENDED since {0} ({1}).").format(stop.decided_on.isoformat(),
                                                                    words.stop_reason(stop.reason_code)),
                    AMBER, self.tr("Lift…"), ("lift", stop.id)))
        return lines

    def _line(self, name: str, text: str, style: str, button: str | None = None,
              action: tuple[str, int] | None = None) -> None:
        row = QHBoxLayout()
        label = QLabel(text, self.box)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        row.addWidget(label, 1)
        if button and action is not None:
            push = QPushButton(button, self.box)
            push.setObjectName(f"{name}_button")
            push.clicked.connect(lambda _=False, a=action: self._act(*a))
            row.addWidget(push)
        self.lines.addLayout(row)

    def _act(self, kind: str, record_id: int) -> None:
        """A line's button: the record as the chart on screen has it now."""
        chart = self.chart
        if chart is None:
            return
        if kind == "report":
            record = next((r for r in chart.adverse_events if r.id == record_id), None)
            if record is not None:
                self._on_report(record)
        elif kind == "decide":
            proposal = next((p for p in chart.stop_proposals if p.id == record_id), None)
            if proposal is not None:
                self._on_decide(proposal)
        elif kind == "lift":
            stop = next((d for d in chart.discontinuations if d.id == record_id), None)
            if stop is not None:
                self._on_lift(stop)

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

