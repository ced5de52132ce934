"""A patient's adverse events: the logged AEs as a table, and the AEs proposed from lab results
and fever episodes (`nkdesk.rules.ae_proposals`), each waiting for a user to accept or dismiss it.

Nothing becomes an AE here: Accept and Dismiss are signals; "Add…" and double-clicking a row open
the AdverseEventDialog, whose entry the page hands on (`entry_added`, `entry_edited`).
"""
from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nkdesk.rules import ae_proposals
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.ui import explanations, words
from nkdesk.ui.adverse_event_dialog import AdverseEventDialog, duration_words, readable
from nkdesk.ui.row_model import Row, RowModel

WHEN = "%Y-%m-%d %H:%M"


class AdverseEventsPage(QWidget):
    entry_added = Signal(object)              # AdverseEventEntry
    entry_edited = Signal(int, object, object)  # row index, the entry as it was, the entry as edited
    proposal_accepted = Signal(object)        # an ae_proposals.LabProposal or FeverEpisode
    proposal_dismissed = Signal(object)
    dialog_opened = Signal(object, object)    # the AdverseEventDialog, the row edited (None: a new entry)

    def __init__(self, protocol, infusion_date: date | None = None, cycle: int | None = None, parent=None):
        super().__init__(parent)
        self.protocol, self.infusion_date, self.cycle = protocol, infusion_date, cycle
        self.entries: list[AdverseEventEntry] = []
        self.proposals: list = []
        self.dialog: AdverseEventDialog | None = None
        self.model = RowModel([
            self.tr("Term"), self.tr("Grade"), self.tr("Worst"), self.tr("Onset"), self.tr("Resolution"),
            self.tr("Duration"), self.tr("Serious"), self.tr("Relationship"), self.tr("Outcome"),
            self.tr("Complete?")], self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setObjectName("ae_table")
        self.table.setAccessibleName(self.tr("Adverse events"))
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # every column as wide as its texts (a stretched Term column was squeezed below its heading
        # when the others took the width); the last one takes what is left
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.open_dialog(index.row()))
        self.add = QPushButton(self.tr("Add adverse &event…"), self)
        self.add.setObjectName("ae_add")
        self.add.clicked.connect(lambda: self.open_dialog())
        self.proposal_title = QLabel(self.tr("Proposed from lab results and temperatures — accept to log as an AE"),
                                     self)
        self.proposal_title.setStyleSheet("font-weight: bold; color: #4a148c;")
        self.proposal_box = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Adverse events (CTCAE v5.0)</b> — double-click a row to edit"), self), 1)
        top.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.proposal_title)
        layout.addLayout(self.proposal_box)
        layout.addStretch(0)
        self.set_proposals([])

    # -------------------------------------------------------------- logged events

    def set_events(self, entries, missing: list[tuple[str, ...]] | None = None, keys: list | None = None) -> None:
        """Show the logged AEs, row by row: `missing[i]` is what entry i still lacks (the service's
        `adverse_events.missing`; empty = complete), `keys[i]` its record id (default: its place)."""
        self.entries = list(entries)
        missing = missing if missing is not None else [None] * len(self.entries)
        keys = keys if keys is not None else list(range(len(self.entries)))
        rows = []
        for key, entry, lacking in zip(keys, self.entries, missing, strict=True):
            due = entry.prompt_report_required and entry.reported_at is None
            serious = self.tr("No")
            if entry.serious:
                serious = self.tr("Yes — REPORT DUE") if due else self.tr("Yes")
            lacking_words = ", ".join(map(words.ae_part, lacking or ()))
            complete = "" if lacking is None else (self.tr("incomplete: {0}").format(lacking_words) if lacking
                                                   else self.tr("complete"))
            cells = (words.ae_term(entry.term) if entry.ctcae_term else self.tr("{0} (free term)").format(entry.term),
                     self._grade(entry.grade), self._grade(entry.worst_grade), entry.onset.strftime(WHEN),
                     entry.resolution.strftime(WHEN) if entry.resolution else self.tr("ongoing"),
                     duration_words(self, entry.duration), serious,
                     self._words(entry.relatedness), self._words(entry.outcome), complete)
            colours = {6: ("#ffcdd2", "#b71c1c")} if due else {}
            if lacking:
                colours[9] = ("#fff3cd", "#5d4037")
            rows.append(Row(key, cells, colours))
        self.model.set_rows(rows)

    def _grade(self, grade: int | None) -> str:
        return "—" if grade is None else str(grade)

    def _words(self, code: str | None) -> str:
        words = {"unrelated": self.tr("Unrelated"), "unlikely": self.tr("Unlikely"), "possible": self.tr("Possible"),
                 "probable": self.tr("Probable"), "definite": self.tr("Definite"),
                 "recovered": self.tr("Recovered"), "recovering": self.tr("Recovering"),
                 "not_recovered": self.tr("Not recovered"),
                 "recovered_with_sequelae": self.tr("Recovered with sequelae"),
                 "fatal": self.tr("Fatal"), "unknown": self.tr("Unknown")}
        return "—" if code is None else words.get(code, code)

    def open_dialog(self, row: int | None = None, entry: AdverseEventEntry | None = None) -> AdverseEventDialog:
        """The AE dialog for a new entry (optionally prefilled) or for editing row `row`."""
        original = self.entries[row] if row is not None else entry
        if self.dialog is not None:      # the previous one, answered: not kept alive with the page (a leak)
            self.dialog.deleteLater()
        self.dialog = AdverseEventDialog(self.protocol, self.infusion_date, self.cycle, original, parent=self)
        if row is None:
            self.dialog.entry_ready.connect(self.entry_added)
        else:
            self.dialog.entry_ready.connect(lambda new: self.entry_edited.emit(row, original, new))
        self.dialog_opened.emit(self.dialog, row)     # the owner offers a kept draft back and keeps new ones
        # the window active again when the dialog closes: its Alt letters (tabs) answer, and an Alt+C
        # is never typed into the search box as "c" (ward walk)
        self.dialog.finished.connect(lambda _result: self.window().activateWindow())
        self.dialog.open()
        return self.dialog

    # -------------------------------------------------------------- proposals

    def set_proposals(self, proposals) -> None:
        """Lab proposals (ae_proposals.LabProposal) and fever episodes (FeverEpisode) awaiting a decision."""
        self.proposals = list(proposals)
        while self.proposal_box.count():
            item = self.proposal_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for index, proposal in enumerate(self.proposals):
            line = QWidget(self)
            layout = QHBoxLayout(line)
            layout.setContentsMargins(0, 0, 0, 0)
            text = QLabel(self._proposal_text(proposal), line)
            text.setObjectName(f"ae_proposal_{index}")
            text.setWordWrap(True)
            accept = QPushButton(self.tr("Accept"), line)
            accept.setObjectName(f"ae_proposal_accept_{index}")
            accept.setAccessibleName(self.tr("Accept proposal {0}").format(index + 1))
            dismiss = QPushButton(self.tr("Dismiss"), line)
            dismiss.setObjectName(f"ae_proposal_dismiss_{index}")
            dismiss.setAccessibleName(self.tr("Dismiss proposal {0}").format(index + 1))
            accept.clicked.connect(lambda _=False, p=proposal: self.proposal_accepted.emit(p))
            dismiss.clicked.connect(lambda _=False, p=proposal: self.proposal_dismissed.emit(p))
            layout.addWidget(text, 1)
            layout.addWidget(accept)
            layout.addWidget(dismiss)
            line.setStyleSheet("QWidget { background: #f3e5f5; }")
            self.proposal_box.addWidget(line)
        self.proposal_title.setVisible(bool(self.proposals))

    def _proposal_text(self, proposal) -> str:
        result = proposal.result
        if result.grade is None and result.needs_judgement:
            grade = self.tr("grade {0} — needs judgement: {1}").format(
                " or ".join(str(g) for g in result.candidates), escape(readable(result.judgement or result.criterion)))
        elif result.grade is None:
            grade = self.tr("not graded: {0}").format(escape(result.criterion))
        else:
            grade = self.tr("grade {0} ({1})").format(result.grade, escape(readable(result.criterion)))
        if isinstance(proposal, ae_proposals.FeverEpisode):
            return self.tr("<b>Fever</b> from {0}, peak {1}: {2}{3}").format(
                proposal.start.strftime(WHEN), escape(proposal.peak.temperature.display()), grade,
                self.tr(" — ongoing") if proposal.ongoing else "")
        text = self.tr("<b>{0}</b>: {1} — {2} (normal range: {3})").format(
            escape(words.ae_term(proposal.term)), escape(proposal.value.display()), grade,
            escape(explanations.range_source(proposal.range_source)))
        if getattr(result, "calcium", None) is not None:   # measured, corrected and the rule (issue 13)
            text += "<br/>" + escape(explanations.calcium(result.calcium))   # in the user's language
        return text
