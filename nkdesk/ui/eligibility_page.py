"""The eligibility wizard: demographics, labs, history and review pages built from the protocol's
`[fields]`, with the verdict recomputed by the rules on every keystroke.

The page holds no clinical logic: it turns its inputs into the assessment JSON of
../shared/cli-contract.md, asks `nkdesk.rules` for problems, the result and its cross-check
warnings (E4.v: platelets above the protocol's threshold ask the investigator to confirm), and
shows them. A question that does not apply to the answers given is hidden and left out of the
JSON (the rules say which: pregnancy is not asked of a man). Saving and signing are the owner's
business (signals `edited`, `save_requested` and `sign_requested`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nkdesk.rules import assessment as assessment_rules
from nkdesk.rules import criteria, eligibility
from nkdesk.rules import protocol as protocol_rules
from nkdesk.rules.errors import InputError
from nkdesk.ui import explanations, language
from nkdesk.ui.criteria_review import CriteriaReview
from nkdesk.ui.field_inputs import QuantityInput, make_input
from nkdesk.ui.messages import field_label
from nkdesk.ui.style import relative_font
from nkdesk.ui.words import clauses, listed

PAGE_ORDER = ("demographics", "labs", "history")
VERDICT_STYLE = {
    True: ("#1b5e20", "#e8f5e9"), False: ("#b71c1c", "#ffebee"), None: ("#7a5b00", "#fff8e1"),
}


class EligibilityWizard(QWidget):
    edited = Signal(dict)          # the assessment JSON after every change
    save_requested = Signal()
    sign_requested = Signal()
    fill_from_lab_set_requested = Signal()

    def __init__(self, protocol, lab_units: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.protocol = protocol
        self.result = None
        self.problems: dict[str, InputError] = {}   # field path → the rules' problem, after refresh()
        self._loading = False
        self._stale = ""                     # why the typed labs count as missing (the lab window), in words
        self.inputs = {}
        self._editors: list[QWidget] = []   # every input's boxes, whose signals load() holds back
        self._verdict_state: object = ()    # the colour the verdict has (its style sheet set only on a change)
        self.rows: dict[str, tuple[QFormLayout, QWidget]] = {}   # field path → (its form, its input)
        self.hidden: frozenset[str] = frozenset()   # questions that do not apply to the answers given
        self.verdict = QLabel(self)
        self.verdict.setObjectName("eligibility_verdict")
        self.verdict.setAccessibleName(self.tr("Eligibility verdict"))
        self.verdict.setWordWrap(True)
        relative_font(self.verdict, 15 / 11)   # 15 pt beside the 11 pt base, and as much larger at any scale
        self.warnings = QLabel(self)
        self.warnings.setObjectName("eligibility_warnings")
        self.warnings.setAccessibleName(self.tr("Eligibility cross-check warnings"))
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("background: #fff3e0; border: 1px solid #e65100; color: #8a2b00; "
                                    "font-weight: bold; padding: 6px;")
        self.warnings.hide()
        # a lab set recorded on the Labs tab, offered instead of typing its values again
        self.from_lab_set = QPushButton(self)
        self.from_lab_set.setObjectName("eligibility_fill_from_lab_set")
        self.from_lab_set.setAccessibleName(self.tr("Fill the laboratory values from a recorded lab set"))
        self.from_lab_set.clicked.connect(self.fill_from_lab_set_requested)
        self.lab_set_note = QLabel(self)
        self.lab_set_note.setObjectName("eligibility_lab_set_note")
        self.lab_set_note.setWordWrap(True)
        self.set_lab_set_offer(None)
        self.steps = QListWidget(self)
        self.steps.setObjectName("eligibility_steps")
        self.steps.setAccessibleName(self.tr("Eligibility steps"))
        self.steps.setMaximumWidth(190)
        self.pages = QStackedWidget(self)
        titles = {"demographics": self.tr("1  Demographics"), "labs": self.tr("2  Laboratory"),
                  "history": self.tr("3  History"), "review": self.tr("4  Review")}
        for page in self._page_names():
            self.steps.addItem(titles.get(page, page.title()))
            self.pages.addWidget(self._build_page(page, lab_units))
        self.steps.addItem(titles["review"])
        self.review = CriteriaReview(protocol, self)
        self.pages.addWidget(self.review)
        self.steps.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.back = QPushButton(self.tr("Bac&k"), self)
        self.next = QPushButton(self.tr("Ne&xt"), self)
        self.save = QPushButton(self.tr("Save assess&ment"), self)
        self.save.setObjectName("eligibility_save")
        self.save.setToolTip(self.tr("Record the assessment as typed (unsigned); until then it is kept as a draft"))
        self.sign = QPushButton(self.tr("&Sign assessment…"), self)
        self.sign.setObjectName("eligibility_sign")
        self.save.clicked.connect(self.save_requested)
        self.back.clicked.connect(lambda: self.go(self.steps.currentRow() - 1))
        self.next.clicked.connect(lambda: self.go(self.steps.currentRow() + 1))
        self.sign.clicked.connect(self.sign_requested)
        self.back.setToolTip(self.tr("Previous step (Ctrl+PgUp)"))
        self.next.setToolTip(self.tr("Next step (Ctrl+PgDown)"))
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.go(self.steps.currentRow() + 1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.go(self.steps.currentRow() - 1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        buttons.addWidget(self.sign)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.warnings)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.steps.setCurrentRow(0)
        self.refresh()

    def _page_names(self) -> list[str]:
        pages = list(dict.fromkeys(spec.page or "history" for spec in self.protocol.fields.values()))
        return sorted(pages, key=lambda p: PAGE_ORDER.index(p) if p in PAGE_ORDER else len(PAGE_ORDER))

    def _build_page(self, page: str, lab_units) -> QWidget:
        form_host = QWidget()
        form = QFormLayout(form_host)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        for spec in self.protocol.fields.values():
            if (spec.page or "history") != page:
                continue
            widget = make_input(spec, lab_units)
            widget.changed.connect(self._on_input_changed)
            label = QLabel(field_label(spec.path, self.protocol))   # in the window's language
            label.setBuddy(widget.focus_widget())
            label.setToolTip(spec.help)
            form.addRow(label, widget)
            self.inputs[spec.path] = widget
            self.rows[spec.path] = (form, widget)
            self._editors += widget.findChildren(QLineEdit) + widget.findChildren(QComboBox)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        if page != "labs":
            return scroll
        offer = QHBoxLayout()
        offer.addWidget(self.from_lab_set)
        offer.addWidget(self.lab_set_note, 1)
        host = QWidget()
        column = QVBoxLayout(host)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(offer)
        column.addWidget(scroll, 1)
        return host

    def set_lab_set_offer(self, sampled: str | None, enabled: bool = True) -> None:
        """Offer the lab set sampled on `sampled` (a date as shown), or say there is none."""
        if sampled is None:
            self.from_lab_set.setText(self.tr("Fill from a lab set"))
            self.from_lab_set.setEnabled(False)
            self.from_lab_set.setToolTip(self.tr("No lab set is recorded for this patient on the Labs tab"))
        else:
            self.from_lab_set.setText(self.tr("Fill from the lab set of {0}").format(sampled))
            self.from_lab_set.setEnabled(enabled)
            self.from_lab_set.setToolTip(
                self.tr("Copy the values as entered on the Labs tab, and their sampling date") if enabled
                else self.tr("The assessment is signed: re-open it to change its values"))
        self.lab_set_note.clear()

    def fill(self, values: dict[str, str], note: str = "") -> None:
        """Put texts into the inputs as if typed (by field path), then check once and report the edit."""
        self._loading = True
        was_blocked = [editor.blockSignals(True) for editor in self._editors]
        try:
            for path, text in values.items():
                self.inputs[path].set_value(text)
        finally:
            for editor, blocked in zip(self._editors, was_blocked, strict=True):
                editor.blockSignals(blocked)
            self._loading = False
        self.lab_set_note.setText(note)
        self._on_input_changed()

    def go(self, index: int) -> None:
        self.steps.setCurrentRow(max(0, min(index, self.steps.count() - 1)))

    # -- data in and out
    def data(self) -> dict:
        """The assessment JSON (contract shape): blank inputs, and questions that do not apply to
        the answers given, are simply absent."""
        return self._typed(self.hidden)

    def _typed(self, leave_out: frozenset[str] = frozenset()) -> dict:
        out: dict = {}
        for path, widget in self.inputs.items():
            value = widget.value()
            if value is None or path in leave_out:
                continue
            if path.startswith("labs."):
                out.setdefault("labs", {})[path[5:]] = value
            else:
                out[path] = value
        return out

    def load(self, data: dict, read_only: bool = False) -> None:
        """Fill every input from `data` (a patient switch, a draft restored), then evaluate once.

        The boxes' own signals are held back while they are filled: otherwise each changed box
        would re-check its field and re-run the whole evaluation (six times per switch, 70 ms of a
        patient switch with this tab on screen). `refresh()` then shows every field's problem and
        the verdict from one reading of the rules."""
        self._loading = True
        was_blocked = [editor.blockSignals(True) for editor in self._editors]
        try:
            for path, widget in self.inputs.items():
                if path.startswith("labs."):
                    widget.set_value((data.get("labs") or {}).get(path[5:]))
                else:
                    widget.set_value(data.get(path))
                widget.set_read_only(read_only)
        finally:
            for editor, blocked in zip(self._editors, was_blocked, strict=True):
                editor.blockSignals(blocked)
            self._loading = False
        self.sign.setEnabled(not read_only)
        self.save.setEnabled(not read_only)
        self.refresh()

    # -- the verdict, on every keystroke
    def _on_input_changed(self) -> None:
        self.refresh()
        if not self._loading:
            self.edited.emit(self.data())

    def refresh(self) -> None:
        self._show_questions()
        parsed, problems = assessment_rules.read(self.data(), self.protocol)
        try:
            self.result = eligibility.evaluate(self.protocol, parsed)
        except InputError as exc:  # e.g. a birth date after the assessment date
            problems[exc.field] = exc
            self.result = None
        self.problems = problems
        self._stale = self._why_labs_missing(parsed)
        for path, widget in self.inputs.items():
            problem = problems.get(path)
            widget.set_problem(problem.message if problem else None)
            if isinstance(widget, QuantityInput):
                value = parsed.get(path)
                widget.show_converted(value.canonical() if value is not None and problem is None else None)
        self._show_verdict(problems)

    def _criterion(self, criterion_id: str) -> str:
        """A criterion by its id and what it asks, in the window's language: "I3 (Hb ≥ 100 g/L and …)"
        (the ward walk: "NOT ELIGIBLE — failed: I3" named a code and nothing else)."""
        spec = next((c for c in self.protocol.criteria if c.id == criterion_id), None)
        summary = protocol_rules.text_in(spec, "summary", language.current()) if spec is not None else ""
        return self.tr("{0} ({1})").format(criterion_id, summary) if summary else criterion_id

    def _why_labs_missing(self, parsed) -> str:
        """The lab window's reason in words, when the rules count the typed labs as missing."""
        if not eligibility.stale_labs(self.protocol, parsed):
            return ""
        sampled, assessed = parsed.get("labs_date"), parsed.get("assessment_date")
        if sampled > assessed:
            return self.tr("the labs of {0} are dated after the assessment date ({1})").format(
                sampled.isoformat(), assessed.isoformat())
        return self.tr("the labs of {0} are older than the lab window before the assessment date ({1})").format(
            sampled.isoformat(), assessed.isoformat())

    def _show_questions(self) -> None:
        """Hide the questions the rules say do not apply to what is answered (pregnancy, for a man)."""
        self.hidden = criteria.not_asked(self.protocol, self._typed())
        for path, (form, widget) in self.rows.items():
            asked = path not in self.hidden
            form.setRowVisible(widget, asked)
            widget.focus_widget().setVisible(asked)   # the input itself says it is hidden, not only its row

    def _show_verdict(self, problems) -> None:
        warnings = explanations.warnings(self.result, self.protocol) if self.result is not None else ()
        self.warnings.setText("\n".join(self.tr("Please confirm — {0}").format(w) for w in warnings))
        self.warnings.setVisible(bool(warnings))
        if self.result is not None:
            # fields in error count as missing, so the review never shows a stale verdict
            self.review.show_result(self.result)
        if self.result is None or problems:
            text, state = self.tr("Correct the fields marked in red"), None
        else:
            state = self.result.eligible
            text = {True: self.tr("ELIGIBLE"), False: self.tr("NOT ELIGIBLE"), None: self.tr("UNDECIDED")}[state]
            details = []
            if self.result.failed:
                details.append(self.tr("failed: {0}").format(listed(self._criterion(c) for c in self.result.failed)))
            if self.result.missing:   # by the labels on screen, never the fields' internal ids
                details.append(self.tr("missing: {0}").format(
                    listed(field_label(path, self.protocol) for path in self.result.missing)))
            if self.result.missing and self._stale:
                details.append(self._stale)
            if self.result.boundary:
                near = listed(self._criterion(c) for c in self.result.boundary)
                details.append(self.tr("boundary: {0}").format(near))
            if details:
                text += " — " + clauses(details)
        if state != self._verdict_state:   # a style sheet costs a re-polish: set it when the colour changes
            self._verdict_state = state
            colour, background = VERDICT_STYLE[state]
            self.verdict.setStyleSheet(f"font-weight: bold; padding: 8px; color: {colour}; "
                                       f"background: {background}; border-radius: 4px;")
        self.verdict.setText(text)
