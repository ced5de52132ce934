"""Log or edit one adverse event: a CTCAE v5.0 term from the protocol's list (or a free term) with
its grade definitions beside the grade choice, onset and resolution with the duration, seriousness
by ICH E2A, relationship, action, outcome, cycle and days since infusion.

The entry and its checks are `nkdesk.rules.adverse_events`; the grade wording is
`ctcae.protocol_terms`. The dialog returns an `AdverseEventEntry` (`entry()` after `accept`, and
the `entry_ready` signal); storing it is the owner's business.

What is typed is an editor's draft (issue 14): `typed()` gives the fields as typed (texts and
choices, never a computed value), `load_typed` puts a kept draft back, `typed_changed` fires on
every change and `state` (a `SaveState`, "ae_state") shows whether it is kept. The owner keeps the
draft (`services.drafts`, editor "adverse_event") and offers it back; "Discard draft…" asks the
owner to throw it away (`discard_requested`), which is recorded.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from nkdesk.rules import adverse_events as ae
from nkdesk.rules import ctcae
from nkdesk.rules.adverse_events import AdverseEventEntry
from nkdesk.rules.errors import InputError
from nkdesk.ui import language, messages, words
from nkdesk.ui.editor import SaveState
from nkdesk.ui.when_field import WhenField

FREE = "__free__"
REPORT_STYLE = "color: white; background: #b71c1c; font-weight: bold; padding: 8px; border-radius: 4px;"


def readable(text: str) -> str:
    """CTCAE's ASCII comparison signs as a person reads them (display only)."""
    return text.replace(">=", "≥").replace("<=", "≤").replace(" - ", "–")


def duration_words(widget, span) -> str:
    if span is None:
        return QCoreApplication.translate("AdverseEventDialog", "ongoing (no resolution yet)")
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    if days:
        return QCoreApplication.translate("AdverseEventDialog", "{0} d {1} h {2} min").format(
            days, rest // 60, rest % 60)
    if rest >= 60:
        return QCoreApplication.translate("AdverseEventDialog", "{0} h {1} min").format(rest // 60, rest % 60)
    return QCoreApplication.translate("AdverseEventDialog", "{0} min").format(rest)


class AdverseEventDialog(QDialog):
    entry_ready = Signal(object)       # AdverseEventEntry
    typed_changed = Signal()           # any field changed (the owner keeps a draft after a pause)
    discard_requested = Signal()       # "Discard draft…": the owner asks why and throws the draft away

    def __init__(self, protocol, infusion_date: date | None = None, cycle: int | None = None,
                 entry: AdverseEventEntry | None = None, now: Callable[[], datetime] = datetime.now, parent=None):
        super().__init__(parent)
        self.setObjectName("adverse_event_dialog")
        self.setWindowTitle(self.tr("Adverse event (CTCAE v5.0)"))
        self.infusion_date, self._entry, self.original = infusion_date, None, entry
        self.choices: dict[str, ctcae.TermChoice] = {}
        self.term = self._combo("ae_term", self.tr("CTCAE term"), [(FREE, self.tr("Free term (type it below)"))])
        for offer in ctcae.protocol_term_offers(protocol):
            self.choices[offer.choice.term] = offer.choice
            # in Japanese JCOG's name first, so typing 発熱 finds Fever (the combo's type-ahead), then
            # CTCAE's English name as the term is exported and reported
            name = words.ae_term(offer.choice.term)
            shown = offer.choice.term if name == offer.choice.term else f"{name}（{offer.choice.term}）"
            self.term.addItem(self.tr("{0}   ({1})").format(shown, offer.label), offer.choice.term)
        self.free_term = self._line("ae_free_term", self.tr("Free term"))
        self.onset = WhenField("ae_onset", self.tr("Onset date and time"), self)
        self.resolution = WhenField("ae_resolution", self.tr("Resolution date and time"), self)
        self.duration = self._label("ae_duration")
        self.cycle = self._line("ae_cycle", self.tr("Cycle"))
        self.cycle.setValidator(QIntValidator(1, 99, self.cycle))
        self.cycle.setFixedWidth(60)
        self.days = self._label("ae_days_since_infusion")
        self.grades = QButtonGroup(self)
        self.grade_box = QGroupBox(self.tr("Grade (CTCAE v5.0 definitions)"), self)
        grade_grid = QGridLayout(self.grade_box)
        self.definitions: dict[int, QLabel] = {}
        for grade in range(1, 6):
            button = QRadioButton(self.tr("Grade {0}").format(grade), self.grade_box)
            button.setObjectName(f"ae_grade_{grade}")
            button.setAccessibleName(self.tr("Grade {0}").format(grade))
            self.grades.addButton(button, grade)
            label = QLabel(self.grade_box)
            label.setObjectName(f"ae_grade_definition_{grade}")
            label.setWordWrap(True)
            self.definitions[grade] = label
            grade_grid.addWidget(button, grade, 0, Qt.AlignTop)
            grade_grid.addWidget(label, grade, 1, Qt.AlignTop)
        grade_grid.setColumnStretch(1, 1)
        self.worst = self._combo("ae_worst_grade", self.tr("Highest grade over its course"),
                                 [("", "—")] + [(str(g), str(g)) for g in range(1, 6)])
        self.serious = QCheckBox(self.tr("Serious (ICH E2A)"), self)
        self.serious.setObjectName("ae_serious")
        self.serious.setAccessibleName(self.tr("Serious"))
        criteria_words = {"death": self.tr("Results in death"), "life_threatening": self.tr("Life-threatening"),
                          "hospitalisation": self.tr("Hospitalisation or prolongation of existing hospitalisation"),
                          "disability": self.tr("Persistent or significant disability/incapacity"),
                          "congenital_anomaly": self.tr("Congenital anomaly/birth defect"),
                          "other_important": self.tr("Other important medical event")}
        self.criteria: dict[str, QCheckBox] = {}
        for code in ae.SERIOUS_CRITERIA:
            box = QCheckBox(criteria_words[code], self)
            box.setObjectName(f"ae_serious_{code}")
            box.setAccessibleName(criteria_words[code])
            self.criteria[code] = box
        # day 0 of the Art. 35 reporting clock (issue 13): the day the investigator learned of the event
        self.aware_on = self._line("ae_investigator_aware_on", self.tr("Day the investigator learned of it"))
        self.aware_on.setPlaceholderText(self.tr("YYYY-MM-DD (day 0 of the reporting clock)"))
        self.report = self._label("ae_report_banner")
        self.report.setStyleSheet(REPORT_STYLE)
        self.report.setText(self.tr(
            "REPORT PROMPTLY (Act on the Safety of Regenerative Medicine, enforcement regulation Art. 35): a serious "
            "AE whose relation to the cell product is not excluded is reported to the certified committee for "
            "regenerative medicine (and the Ministry of Health, Labour and Welfare) within 7 days (death, or may "
            "lead to death) or 15 days (other serious criteria) of the day the investigator learned of it. "
            "The protocol's own wording is narrower: prolonged hospitalisation or death."))
        self.relatedness = self._combo("ae_relatedness", self.tr("Relationship to the cell product"), [("", "—")] + [
            ("unrelated", self.tr("Unrelated")), ("unlikely", self.tr("Unlikely")), ("possible", self.tr("Possible")),
            ("probable", self.tr("Probable")), ("definite", self.tr("Definite"))])
        self.action = self._combo("ae_action", self.tr("Action taken"), [("", "—")] + [
            ("none", self.tr("None (treatment not changed)")),
            ("infusion_interrupted", self.tr("Infusion interrupted")),
            ("infusion_stopped", self.tr("Infusion stopped")),
            ("treatment_suspended", self.tr("Protocol treatment suspended")),
            ("treatment_discontinued", self.tr("Protocol treatment discontinued")),
            ("not_applicable", self.tr("Not applicable")), ("unknown", self.tr("Unknown"))])
        self.outcome = self._combo("ae_outcome", self.tr("Outcome"), [("", "—")] + [
            ("recovered", self.tr("Recovered/resolved")), ("recovering", self.tr("Recovering/resolving")),
            ("not_recovered", self.tr("Not recovered/not resolved")),
            ("recovered_with_sequelae", self.tr("Recovered with sequelae")), ("fatal", self.tr("Fatal")),
            ("unknown", self.tr("Unknown"))])
        self.comment = self._line("ae_comment", self.tr("Comment"))
        self.problem = self._label("ae_problem")
        self.problem.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.save = QPushButton(self.tr("&Save"), self)
        self.save.setObjectName("ae_save")
        # Return never saves: a nurse picks a term with Return and a second Return saved the AE half
        # filled (ward walk). Saving is a click, Alt+S or Ctrl+S.
        self.save.setToolTip(self.tr("Save the adverse event (Ctrl+S)"))
        QShortcut(QKeySequence.StandardKey.Save, self, self.save.click)
        # Ctrl+L locks the window from inside the dialog too (the lock keeps and hides the dialog)
        QShortcut(QKeySequence("Ctrl+L"), self, self._lock_window)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("ae_cancel")
        cancel.setToolTip(self.tr("Close; what is typed is kept as a draft for this patient"))
        self.state = SaveState("ae_state", self)
        self.discard_draft = QPushButton(self.tr("Discard &draft…"), self)
        self.discard_draft.setObjectName("ae_discard_draft")
        self.discard_draft.setAccessibleName(self.tr("Discard the adverse event draft"))
        self.discard_draft.hide()
        self.discard_draft.clicked.connect(self.discard_requested)
        self._build_layout(cancel)
        self.term.currentIndexChanged.connect(self._on_term_changed)
        for signal in (self.onset.textChanged, self.resolution.textChanged):
            signal.connect(self._refresh_times)
        self.serious.toggled.connect(self._refresh_serious)
        for box in self.criteria.values():
            box.toggled.connect(self._refresh_serious)
        self.relatedness.currentIndexChanged.connect(self._refresh_serious)
        self.save.clicked.connect(self._on_save)
        cancel.clicked.connect(self.reject)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        if entry is not None:
            self._fill(entry)
        else:
            self.onset.set_when(now().replace(second=0, microsecond=0))
            self.cycle.setText("" if cycle is None else str(cycle))
        self._on_term_changed()
        self._refresh_times()
        self._refresh_serious()
        for line in (self.free_term, self.onset, self.resolution, self.cycle, self.aware_on, self.comment):
            line.textChanged.connect(self.typed_changed)
        for combo in (self.term, self.worst, self.relatedness, self.action, self.outcome):
            combo.currentIndexChanged.connect(self.typed_changed)
        self.grades.idToggled.connect(lambda *_: self.typed_changed.emit())
        for box in (self.serious, *self.criteria.values()):
            box.toggled.connect(self.typed_changed)

    # -------------------------------------------------------------- the draft

    def typed(self) -> dict:
        """The fields as typed and chosen, by name (texts and codes, nothing computed)."""
        return {"term": self.term.currentData(), "free_term": self.free_term.text(), "onset": self.onset.text(),
                "resolution": self.resolution.text(), "cycle": self.cycle.text(),
                "grade": self.grades.checkedId() if self.grades.checkedId() > 0 else None,
                "worst_grade": self.worst.currentData(), "serious": self.serious.isChecked(),
                "serious_criteria": [c for c, box in self.criteria.items() if box.isChecked()],
                "investigator_aware_on": self.aware_on.text(), "relatedness": self.relatedness.currentData(),
                "action": self.action.currentData(), "outcome": self.outcome.currentData(),
                "comment": self.comment.text()}

    def load_typed(self, typed: dict) -> None:
        """Put a kept draft back, field by field (an unknown choice leaves the field as it is)."""
        def choose(combo: QComboBox, value) -> None:
            index = combo.findData(value if value is not None else "")
            if index >= 0:
                combo.setCurrentIndex(index)

        choose(self.term, typed.get("term"))
        self._on_term_changed()
        for line, key in ((self.free_term, "free_term"), (self.onset, "onset"), (self.resolution, "resolution"),
                          (self.cycle, "cycle"), (self.aware_on, "investigator_aware_on"),
                          (self.comment, "comment")):
            line.setText(str(typed.get(key) or ""))
        grade = typed.get("grade")
        if isinstance(grade, int) and self.grades.button(grade) is not None and self.grades.button(grade).isEnabled():
            self.grades.button(grade).setChecked(True)
        else:
            checked = self.grades.checkedButton()
            if checked is not None:
                self.grades.setExclusive(False)
                checked.setChecked(False)
                self.grades.setExclusive(True)
        for combo, key in ((self.worst, "worst_grade"), (self.relatedness, "relatedness"), (self.action, "action"),
                           (self.outcome, "outcome")):
            choose(combo, typed.get(key))
        self.serious.setChecked(bool(typed.get("serious")))
        criteria = set(typed.get("serious_criteria") or ())
        for code, box in self.criteria.items():
            box.setChecked(code in criteria)
        self._refresh_times()
        self._refresh_serious()

    # -------------------------------------------------------------- building

    def _combo(self, name: str, accessible: str, items) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(24)
        for key, text in items:                 # string keys only (see field_inputs.ComboInput)
            combo.addItem(text, key)
        return combo

    def _line(self, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        return line

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def _build_layout(self, cancel: QPushButton) -> None:
        left = QFormLayout()
        left.addRow(self.tr("Term"), self.term)
        left.addRow(self.tr("Free term"), self.free_term)
        left.addRow(self.tr("Onset"), self.onset)
        left.addRow(self.tr("Resolution"), self.resolution)
        left.addRow(self.tr("Duration"), self.duration)
        left.addRow(self.tr("Cycle"), self.cycle)
        left.addRow(self.tr("Days since infusion"), self.days)
        left.addRow(self.tr("Highest grade"), self.worst)
        left.addRow(self.tr("Relationship"), self.relatedness)
        left.addRow(self.tr("Action taken"), self.action)
        left.addRow(self.tr("Outcome"), self.outcome)
        left.addRow(self.tr("Comment"), self.comment)
        serious_box = QGroupBox(self.tr("Seriousness (ICH E2A; judged by an investigator)"), self)
        serious_grid = QGridLayout(serious_box)
        serious_grid.addWidget(self.serious, 0, 0)
        for index, box in enumerate(self.criteria.values()):
            serious_grid.addWidget(box, index // 2, 1 + index % 2)
        serious_grid.addWidget(QLabel(self.tr("Investigator learned of it on"), serious_box), 3, 0)
        serious_grid.addWidget(self.aware_on, 3, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addWidget(self.grade_box, 6)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.discard_draft)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(serious_box)
        layout.addWidget(self.report)
        layout.addLayout(buttons)
        self.resize(1200, 640)

    # -------------------------------------------------------------- reacting

    def _on_term_changed(self, *_) -> None:
        key = self.term.currentData()
        free = key == FREE
        self.free_term.setEnabled(free)
        wording = ae.GENERAL_GRADES if free else self.choices[key].grades
        term = None if free else ctcae.find_term(key)
        if term is not None and language.current() == "ja":     # JCOG's Japanese wording where it has one
            wording = {grade: term.grade_wording(grade, "ja") for grade in wording}
        self.grade_box.setTitle(self.tr("Grade — CTCAE v5.0 general definitions (free term)") if free else
                                self.tr("Grade — CTCAE v5.0: {0}").format(words.ae_term(key)))
        for grade, label in self.definitions.items():
            text = wording.get(grade)
            button = self.grades.button(grade)
            button.setEnabled(text is not None)
            label.setText(readable(text) if text
                          else self.tr("— (CTCAE defines no grade {0} for this term)").format(grade))
            label.setEnabled(text is not None)
            if text is None and button.isChecked():
                self.grades.setExclusive(False)
                button.setChecked(False)
                self.grades.setExclusive(True)

    def _refresh_times(self, *_) -> None:
        onset, resolution = self.onset.when(), self.resolution.when()
        if onset is not None and resolution is not None and resolution < onset:
            self.duration.setText(self.tr("resolution is before onset"))
            self.duration.setStyleSheet("color: #b71c1c; font-weight: bold;")
        else:
            self.duration.setStyleSheet("font-weight: bold;")
            self.duration.setText("" if onset is None else duration_words(self, ae.duration(onset, resolution)))
        days = None if onset is None else ae.days_since_infusion(onset, self.infusion_date)
        self.days.setText(self.tr("no infusion date") if self.infusion_date is None else
                          "" if days is None else self.tr("day {0} (infusion {1} = day 0)").format(
                              days, self.infusion_date.isoformat()))

    def _refresh_serious(self, *_) -> None:
        for box in self.criteria.values():
            box.setEnabled(self.serious.isChecked())
        ticked = [code for code, box in self.criteria.items() if box.isChecked()]
        relatedness = self.relatedness.currentData()
        self.report.setVisible(ae.prompt_report_required(self.serious.isChecked(), ticked, relatedness or None))

    # -------------------------------------------------------------- the entry

    def build_entry(self) -> AdverseEventEntry:
        """The entry on screen, checked by the rules (InputError naming the field otherwise)."""
        key = self.term.currentData()
        term = self.free_term.text().strip() if key == FREE else key
        onset = self.onset.when()
        if onset is None:
            raise InputError("onset", self.tr("enter the onset as YYYY-MM-DD hh:mm"), code="missing")
        if not self.resolution.valid():
            raise InputError("resolution", self.tr("enter the resolution as YYYY-MM-DD hh:mm, or leave it blank"),
                             code="not_a_date")
        aware_text = self.aware_on.text().strip()
        try:
            aware_on = date.fromisoformat(aware_text) if aware_text else None
        except ValueError:
            raise InputError("investigator_aware_on", self.tr("enter the date as YYYY-MM-DD, or leave it blank"),
                             code="not_a_date") from None
        grade = self.grades.checkedId()
        serious = self.serious.isChecked()
        entry = AdverseEventEntry(
            term=term, grade=grade if grade > 0 else None, onset=onset, ctcae_term=key != FREE,
            worst_grade=int(self.worst.currentData()) if self.worst.currentData() else (grade if grade > 0 else None),
            resolution=self.resolution.when(), serious=serious,
            serious_criteria=tuple(c for c, box in self.criteria.items() if serious and box.isChecked()),
            relatedness=self.relatedness.currentData() or None, action=self.action.currentData() or None,
            outcome=self.outcome.currentData() or None,
            cycle=int(self.cycle.text()) if self.cycle.text().strip() else None,
            days_since_infusion=ae.days_since_infusion(onset, self.infusion_date), comment=self.comment.text().strip(),
            investigator_aware_on=aware_on,
        )
        if self.original is not None:
            entry = replace(entry, source=self.original.source, reported_at=self.original.reported_at,
                            extra=self.original.extra)
        return ae.check(entry)

    def _lock_window(self) -> None:
        owner = self.parentWidget()
        action = owner.window().findChild(QAction, "lock_action") if owner is not None else None
        if action is not None:
            action.trigger()

    def _on_save(self) -> None:
        try:
            self._entry = self.build_entry()
        except InputError as exc:
            self.problem.setText(messages.problem_words(exc))
            return
        self.entry_ready.emit(self._entry)
        self.accept()

    def entry(self) -> AdverseEventEntry | None:
        return self._entry

    def _fill(self, entry: AdverseEventEntry) -> None:
        index = self.term.findData(entry.term) if entry.ctcae_term else -1
        self.term.setCurrentIndex(max(0, index))
        if index < 0:
            self.free_term.setText(entry.term)
        self._on_term_changed()
        if entry.grade:
            self.grades.button(entry.grade).setChecked(True)
        self.worst.setCurrentIndex(max(0, self.worst.findData(str(entry.worst_grade or ""))))
        self.onset.set_when(entry.onset)
        self.resolution.set_when(entry.resolution)
        self.cycle.setText("" if entry.cycle is None else str(entry.cycle))
        self.serious.setChecked(entry.serious)
        for code in entry.serious_criteria:
            self.criteria[code].setChecked(True)
        for combo, value in ((self.relatedness, entry.relatedness), (self.action, entry.action),
                             (self.outcome, entry.outcome)):
            combo.setCurrentIndex(max(0, combo.findData(value or "")))
        self.comment.setText(entry.comment)
        self.aware_on.setText(entry.investigator_aware_on.isoformat() if entry.investigator_aware_on else "")
