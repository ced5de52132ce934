"""Dosing: height and weight with units, the BSA formula, and the filgrastim order it gives —
prescribed dose, syringe plan, delivered dose and deviation, course dates, who prescribed and who
verified, the label's cautions to ask about. The page computes nothing: the order it shows while the
user types is `services.dosing.preview` of the typed texts (the same computation `prescribe` stores);
once an order is on file it shows that order as stored, and new inputs never silently replace it —
the page says they differ (`services.dose_review.changed_inputs`) and offers to re-prescribe. Figures
are shown at a clinician's precision (`forms.dose_figures`), the unrounded ones in one line. It asks
for sign-off through the `prescribe_requested` and `verify_requested` signals."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nkdesk.domain import DoseOrderDetails
from nkdesk.domain.settings import SiteSettings
from nkdesk.forms import dose_figures as figures
from nkdesk.rules import bsa as bsa_rules
from nkdesk.rules import dosing
from nkdesk.rules.protocol import text_in
from nkdesk.services import dose_review
from nkdesk.services import dosing as dosing_service
from nkdesk.services.errors import InputError
from nkdesk.ui import language, messages, words
from nkdesk.ui.editor import SaveState
from nkdesk.ui.quantity_field import QuantityField
from nkdesk.ui.style import relative_font
from nkdesk.ui.syringe_plan import syringe_table

STATUS_WORDS = {"none": QT_TRANSLATE_NOOP("DosingPage", "Calculation only — not prescribed"),
                "draft": QT_TRANSLATE_NOOP("DosingPage", "Draft — not prescribed"),
                "prescribed": QT_TRANSLATE_NOOP("DosingPage",
                                                "Prescribed — NOT ACTIVE until verified by a second person"),
                "verified": QT_TRANSLATE_NOOP("DosingPage", "ACTIVE — verified"),
                "cancelled": QT_TRANSLATE_NOOP("DosingPage", "Cancelled")}


@dataclass(frozen=True)
class OrderOnFile:
    """The patient's stored dose order as this page shows it (from `services.dosing.status`)."""

    status: str                      # draft / prescribed / verified / cancelled
    details: DoseOrderDetails        # the order as stored
    prescribed_by: str | None = None
    verified_by: str | None = None
    checks: tuple[str, ...] = ()     # weight and WBC instructions from the rules, in words
    cautions: str = ""               # the cautions the prescriber acknowledged with this order, in words

    @property
    def daily_dose_ug(self) -> float:
        return self.details.daily_dose_ug or 0.0


RED = "color: #b71c1c; font-weight: bold;"
CAUTION_CODES = ("splenomegaly", "thrombosis_history")


class DosingPage(QWidget):
    prescribe_requested = Signal(object)   # the DoseOrder on screen
    verify_requested = Signal()            # verify the order on file
    inputs_changed = Signal()

    def __init__(self, protocol, settings: SiteSettings | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings or SiteSettings()
        self.regimen = dosing.GcsfRegimen.from_protocol(protocol)
        self.protocol = protocol
        self.order: dosing.DoseOrder | None = None      # the preview of the inputs
        self.on_file: OrderOnFile | None = None
        self.changed: tuple[str, ...] = ()               # inputs that differ from the order on file
        self.height = QuantityField("height", self.tr("Height"), "height", "cm", self)
        self.weight = QuantityField("weight", self.tr("Weight"), "weight", "kg", self)
        self.formula = QComboBox(self)
        self.formula.setObjectName("bsa_formula")
        self.formula.setAccessibleName(self.tr("BSA formula"))
        for key, formula in bsa_rules.FORMULAS.items():
            self.formula.addItem(formula.label, key)
        self.days = QComboBox(self)
        self.days.setObjectName("gcsf_days")
        self.days.setAccessibleName(self.tr("G-CSF days"))
        for n in range(self.regimen.days_min, self.regimen.days_max + 1):
            self.days.addItem(self.tr("{0} days").format(n), str(n))
        self.apheresis = QLineEdit(self)
        self.apheresis.setObjectName("apheresis_date")
        self.apheresis.setAccessibleName(self.tr("Planned apheresis date"))
        self.apheresis.setPlaceholderText("YYYY-MM-DD")
        self._fit_date_box()
        self.split = QCheckBox(self.tr("Split the daily dose in two — PROTOCOL DEVIATION"), self)
        self.split.setObjectName("gcsf_split")
        self.split.setAccessibleName(self.tr("Split daily dose (a deviation from the protocol)"))
        self.split.setStyleSheet("QCheckBox { color: #b71c1c; }")
        self.split.setVisible(self.regimen.split_allowed)
        self.split_deviation = QLabel(self)
        self.split_deviation.setObjectName("split_deviation")
        self.split_deviation.setWordWrap(True)
        self.split_deviation.setStyleSheet(RED + " background: #ffebee; padding: 4px;")
        self.split_deviation.hide()
        self.input_state = SaveState("dose_inputs_state", self)
        form = QFormLayout()
        # labels above their fields when the group is too narrow for both side by side ("Larger
        # text" at 1.5× beside the patient list: the page needed 1449 px of ~950; issue 16)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Height"), self.height)
        form.addRow(self.tr("Weight"), self.weight)
        form.addRow(self.tr("BSA formula"), self.formula)
        form.addRow(self.tr("G-CSF course"), self.days)
        form.addRow(self.tr("Apheresis (last G-CSF day)"), self.apheresis)
        form.addRow(self.split)          # a row of its own, not beside an empty label's column
        inputs = QGroupBox(self.tr("Body measurements and course"), self)
        outer = QVBoxLayout(inputs)
        outer.addLayout(form)
        outer.addWidget(self.split_deviation)
        outer.addWidget(self.input_state)
        cautions = QGroupBox(self.tr("Label cautions — ask the patient, then tick"), self)
        caution_layout = QVBoxLayout(cautions)
        short = {"splenomegaly": self.tr("Spleen / left upper quadrant pain: asked"),
                 "thrombosis_history": self.tr("History of thrombosis: asked")}
        detail = {"splenomegaly": self.tr("Ask about left upper quadrant or shoulder-tip pain and look for an "
                                          "enlarged spleen before each dose (splenomegaly, splenic rupture; an "
                                          "enlarged spleen is common in cirrhosis)."),
                  "thrombosis_history": self.tr("Ask about a history of venous or arterial thrombosis before the "
                                                "course.")}
        self.cautions: dict[str, QCheckBox] = {}
        for code in CAUTION_CODES:
            box = QCheckBox(short[code], cautions)
            box.setObjectName(f"caution_{code}")
            box.setAccessibleName(short[code])
            box.setAccessibleDescription(detail[code])
            box.setToolTip(detail[code])
            words = QLabel(detail[code], cautions)
            words.setWordWrap(True)
            words.setStyleSheet("color: #444444; margin-left: 22px;")
            caution_layout.addWidget(box)
            caution_layout.addWidget(words)
            self.cautions[code] = box
        # the ticks above are for the next prescription; what the order on file was prescribed with is said
        # here (ward walk: a pharmacist read the empty boxes as "not asked" beside an acknowledged order)
        self.cautions_on_file = QLabel(cautions)
        self.cautions_on_file.setObjectName("dose_cautions_on_file")
        self.cautions_on_file.setWordWrap(True)
        self.cautions_on_file.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.cautions_on_file.hide()
        caution_layout.addWidget(self.cautions_on_file)
        for box in self.cautions.values():
            box.toggled.connect(self._refresh_buttons)
        # side by side when both fit; the cautions under the inputs when not (`_arrange`)
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addWidget(inputs, 3)
        top.addWidget(cautions, 2)
        self._top, self._inputs_box, self._cautions_box = top, inputs, cautions

        self.problem = QLabel(self)
        self.problem.setObjectName("dosing_problem")
        self.problem.setStyleSheet(RED)
        self.problem.setWordWrap(True)
        self.changed_banner = QLabel(self)
        self.changed_banner.setObjectName("dose_order_changed")
        self.changed_banner.setWordWrap(True)
        self.changed_banner.setStyleSheet("color: #7a3b00; background: #fff3e0; font-weight: bold; padding: 6px;")
        self.changed_banner.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("dosing_summary")
        self.summary.setWordWrap(True)
        relative_font(self.summary, 13 / 11)   # larger than the base at every text size (not a fixed 13 pt)
        self.tolerance = QLabel(self)
        self.tolerance.setObjectName("dosing_tolerance")
        self.tolerance.setWordWrap(True)
        self.plan_table, self.plan_model = syringe_table(self)
        self.course = QLabel(self)
        self.course.setObjectName("dosing_course")
        self.course.setWordWrap(True)
        self.exact = QLabel(self)
        self.exact.setObjectName("dose_exact_values")
        self.exact.setWordWrap(True)
        self.exact.setStyleSheet("color: #555555;")
        relative_font(self.exact, 9 / 11)   # the pharmacist's detail line, smaller than the base on purpose
        self.status = QLabel(self)
        self.status.setObjectName("dose_order_status")
        self.status.setStyleSheet("font-weight: bold;")
        self.status.setWordWrap(True)
        self.prescribe = QPushButton(self.tr("&Prescribe…"), self)
        self.prescribe.setObjectName("dose_prescribe")
        self.verify = QPushButton(self.tr("Ve&rify…"), self)
        self.verify.setObjectName("dose_verify")
        self.prescribe_hint = QLabel(self)
        self.prescribe_hint.setObjectName("dose_prescribe_hint")
        self.prescribe_hint.setWordWrap(True)
        self.prescribe_hint.setStyleSheet("color: #555555;")
        self.prescribe.clicked.connect(lambda: self.order and self.prescribe_requested.emit(self.order))
        self.verify.clicked.connect(lambda: self.on_file and self.verify_requested.emit())
        self.checks = QLabel(self)
        self.checks.setObjectName("dose_order_checks")
        self.checks.setWordWrap(True)
        self.checks.setStyleSheet(RED)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.prescribe)
        buttons.addWidget(self.verify)
        self.order_box = QGroupBox(self.tr("Filgrastim order"), self)
        order_layout = QVBoxLayout(self.order_box)
        for widget in (self.problem, self.changed_banner, self.summary, self.tolerance, self.plan_table, self.course,
                       self.exact, self.checks):
            order_layout.addWidget(widget)
        order_layout.addStretch(1)
        order_layout.addLayout(buttons)
        order_layout.addWidget(self.prescribe_hint)
        # the order below the inputs, full width: at 1366×768 beside them it was too narrow to read.
        # All of it in a scroll area that scrolls up and down only when the screen is too short
        # (768 px at 1.5× "Larger text"): squeezed, the syringe table was painted over the course line.
        body = QWidget(self)
        body.setObjectName("dosing_body")
        layout = self._body_layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.order_box, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("dosing_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.scroll)
        for signal in (self.height.changed, self.weight.changed, self.formula.currentIndexChanged,
                       self.days.currentIndexChanged, self.apheresis.textChanged, self.split.toggled):
            signal.connect(self._on_inputs_changed)
        self.clear()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The cautions beside the inputs when the page is wide enough for both at their least
        widths (measured from the font in use), else under them: never wider than the screen."""
        margins = self._body_layout.contentsMargins()
        both = (self._inputs_box.minimumSizeHint().width() + self._cautions_box.minimumSizeHint().width()
                + self._top.spacing() + margins.left() + margins.right())
        room = self.scroll.viewport().width() if self.scroll.isVisible() else self.width()
        direction = (QBoxLayout.Direction.LeftToRight if room >= both else QBoxLayout.Direction.TopToBottom)
        if self._top.direction() != direction:
            self._top.setDirection(direction)

    def _fit_date_box(self) -> None:
        """The date box as wide as a date and its frame in the font in use (not a fixed 160 px), and
        never narrower: a long label beside it (Japanese, 1.5×) squeezed it to "6-11-20"; now the
        form puts the label above it instead."""
        metrics = self.apheresis.fontMetrics()
        widest = max(metrics.horizontalAdvance(text) for text in ("8888-88-88", "YYYY-MM-DD"))
        width = widest + 4 * metrics.averageCharWidth()
        self.apheresis.setMinimumWidth(width)
        self.apheresis.setMaximumWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:     # "Larger text": once the boxes have the new font too
            QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        self._fit_date_box()
        self._arrange()

    def _on_inputs_changed(self, *_):
        self.refresh()
        self.inputs_changed.emit()

    def _inputs(self) -> tuple[QWidget, ...]:
        return (self.height, self.weight, self.apheresis, self.formula, self.days, self.split, *self.cautions.values())

    def clear(self) -> None:
        """Nothing of any patient: empty inputs, defaults, no order (before another patient is shown)."""
        self.load()

    def load(self, height: str = "", weight: str = "", apheresis: dt.date | None = None,
             order: OrderOnFile | None = None, typed: dict | None = None) -> None:
        """Show a patient: the stored measurements and order, or (`typed`) a kept draft of the inputs."""
        self.on_file = order
        self.cautions_on_file.setText(self.tr("Order on file, as prescribed:\n{0}").format(order.cautions)
                                      if order is not None and order.cautions else "")
        self.cautions_on_file.setVisible(bool(order is not None and order.cautions))
        for widget in self._inputs():
            widget.blockSignals(True)
        details = order.details if order is not None else None
        formula = (details.formula if details and details.formula else self.settings.default_bsa_formula)
        days = details.gcsf_days if details and details.gcsf_days else self.regimen.days_default
        values = {"height": height, "weight": weight, "apheresis": apheresis.isoformat() if apheresis else "",
                  "formula": formula, "gcsf_days": days, "split_daily_dose": bool(details and details.split_daily_dose)}
        values.update(typed or {})
        self.height.set_text(str(values["height"] or ""))
        self.weight.set_text(str(values["weight"] or ""))
        self.apheresis.setText(str(values["apheresis"] or ""))
        self.formula.setCurrentIndex(max(0, self.formula.findData(values["formula"])))
        self.days.setCurrentIndex(max(0, self.days.findData(str(values["gcsf_days"]))))
        self.split.setChecked(bool(values["split_daily_dose"]))
        for box in self.cautions.values():
            box.setChecked(False)
        for widget in self._inputs():
            widget.blockSignals(False)
        self.refresh()

    def typed(self) -> dict:
        """What the user typed and chose, as the dosing service takes it (texts, not results)."""
        return {"height": self.height.text(), "weight": self.weight.text(), "formula": self.formula.currentData(),
                "gcsf_days": int(self.days.currentData()), "apheresis": self.apheresis.text(),
                "split_daily_dose": self.split.isChecked()}

    def acknowledged(self) -> list[str]:
        """The cautions the prescriber ticked, by code, for the service to check against the order's
        own: the label cautions asked about, and a split dose (its box is labelled as the protocol
        deviation it is: ticking it is acknowledging it)."""
        ticked = [code for code, box in self.cautions.items() if box.isChecked()]
        return ticked + (["split_dose_deviation"] if self.split.isChecked() else [])

    def compute(self) -> dosing.DoseOrder:
        """The order the inputs give, from the dosing service (InputError naming the field when they give none)."""
        return dosing_service.preview(self.settings, self.regimen, **self.typed())

    def refresh(self) -> None:
        self.height.set_problem(None)
        self.weight.set_problem(None)
        self.height.show_converted(None)
        self.weight.show_converted(None)
        try:
            self.order = self.compute()
        except InputError as exc:
            self.order = None
            target = {"height": self.height, "weight": self.weight}.get(exc.field)
            if target is not None and exc.code != "missing":
                target.set_problem(messages.problem_sentence(exc))
            self.problem.setText(messages.problem_sentence(exc) if exc.code != "missing"
                                 else self.tr("Enter height and weight."))
        else:
            self.problem.clear()
            self.height.show_converted(self.order.bsa.height_cm)
            self.weight.show_converted(self.order.bsa.weight_kg)
        self.problem.setVisible(bool(self.problem.text()))
        self.split_deviation.setVisible(self.split.isChecked())
        self.split_deviation.setText(self.tr(
            "A split dose (twice daily) is a DEVIATION from the protocol's once-daily dosing; it is printed as such "
            "on the order."))
        on_file = self.on_file
        self.changed = dose_review.changed_inputs(on_file.details, self.order) if on_file is not None else ()
        if on_file is not None:
            self._show_order(on_file.details, self.tr("Order on file"))
            if self.changed:
                would = (self.tr(" These inputs would give {0}.").format(words.dose(self.order.daily_dose_ug))
                         if self.order is not None else "")
                self.changed_banner.setText(self.tr(
                    "New measurements — the prescribed order is unchanged; re-prescribe?{0}").format(would))
            self.changed_banner.setVisible(bool(self.changed))
        else:
            self.changed_banner.hide()
            self._show_order(dose_review.details_of(self.order) if self.order is not None else None,
                             self.tr("Calculation"))
        self._show_status()
        self._refresh_buttons()

    def _show_order(self, order: DoseOrderDetails | None, what: str) -> None:
        self.plan_model.set_order(order)
        self.plan_table.setVisible(order is not None)
        if order is None:
            for label in (self.summary, self.tolerance, self.course, self.exact):
                label.clear()
            return
        formula = bsa_rules.FORMULAS[order.formula].label if order.formula in bsa_rules.FORMULAS else order.formula
        self.summary.setText(self.tr(
            "{0}: {1} · {2} → BSA <b>{3}</b> ({4}) · {5:g} µg/m² → prescribed <b>{6}</b> · "
            "delivered <b>{7:g} µg/day</b> ({8:+.1f} %)").format(
            what, figures.height(order.height_cm), figures.weight(order.weight_kg), figures.bsa(order.bsa_m2),
            formula, order.dose_per_m2_ug or 0, words.dose(order.daily_dose_ug), order.delivered_ug or 0,
            order.deviation_pct or 0))
        if order.within_tolerance:
            self.tolerance.setText(self.tr("Within ±{0:g} % of the prescribed dose.").format(order.tolerance_pct or 0))
            self.tolerance.setStyleSheet("color: #1b5e20;")
        else:
            self.tolerance.setText(self.tr("OUTSIDE ±{0:g} %: no stocked combination is close enough — "
                                           "a pharmacist must decide.").format(order.tolerance_pct or 0))
            self.tolerance.setStyleSheet(RED + " background: #ffebee; padding: 4px;")
        if order.course:
            days = ", ".join(words.day_and_month(d) for d in order.course)
            # the drug and its frequency in the protocol file's words for the window's language
            gcsf = (self.protocol.section("schedule") or {}).get("gcsf") or {}
            shown = language.current()
            self.course.setText(self.tr("{0} subcutaneously, {1}: {2} (apheresis {3})").format(
                text_in(gcsf, "drug", shown) if "drug" in gcsf else self.regimen.drug,
                self.tr("twice daily") if order.split_daily_dose
                else (text_in(gcsf, "frequency", shown) if "frequency" in gcsf else self.regimen.frequency),
                days, order.apheresis.isoformat() if order.apheresis else "—"))
        else:
            self.course.setText(self.tr("Enter the planned apheresis date for the course dates."))
        self.exact.setText(words.in_forms_words(lambda: figures.exact_values(
            order.height_cm, order.weight_kg, order.bsa_m2, order.daily_dose_ug)))

    def _show_status(self) -> None:
        on_file = self.on_file
        status = on_file.status if on_file is not None else "none"
        who = ""
        if on_file is not None and on_file.prescribed_by:
            who += self.tr(" · prescribed by {0}").format(on_file.prescribed_by)
        if on_file is not None and on_file.verified_by:
            who += self.tr(" · verified by {0}").format(on_file.verified_by)
        self.status.setText(QCoreApplication.translate("DosingPage", STATUS_WORDS[status]) + who)
        self.status.setStyleSheet("font-weight: bold; color: %s;" % ("#1b5e20" if status == "verified" else "#7a5b00"))
        self.checks.setText("\n".join(on_file.checks) if on_file is not None else "")
        self.checks.setVisible(bool(self.checks.text()))

    def _refresh_buttons(self, *_) -> None:
        unasked = [code for code, box in self.cautions.items() if not box.isChecked()]
        on_file = self.on_file
        if self.order is None:
            hint = self.tr("Prescribing needs a height and a weight that give an order.")
        elif on_file is not None and not self.changed:
            hint = self.tr("This order is on file; change the measurements or course to re-prescribe.")
        elif unasked:
            hint = self.tr("Tick the label cautions once you have asked about them, then prescribe.")
        else:
            hint = ""
        self.prescribe.setText(self.tr("Re-&prescribe…") if on_file is not None else self.tr("&Prescribe…"))
        self.prescribe.setEnabled(not hint)
        self.prescribe.setToolTip(hint)
        verify_hint = ""
        if on_file is not None and on_file.status != "prescribed":
            verify_hint = self.tr("The order on file is {0}: nothing to verify.").format(on_file.status)
        self.verify.setEnabled(on_file is not None and on_file.status == "prescribed")
        self.verify.setToolTip(verify_hint)
        self.prescribe_hint.setText(hint)
        self.prescribe_hint.setVisible(bool(hint))
