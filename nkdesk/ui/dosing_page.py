"""Dosing: height and weight with units, the BSA formula, and the filgrastim order it gives —
prescribed dose, syringe plan, delivered dose and deviation, course dates, who prescribed and who
verified. The page computes nothing: the order it shows while the user types is
`services.dosing.preview` of the typed texts (the same computation `prescribe` stores), and it asks
for sign-off through the `prescribe_requested` and `verify_requested` signals; what is stored is
recomputed by the service from the same texts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nkdesk.domain.settings import SiteSettings
from nkdesk.rules import bsa as bsa_rules
from nkdesk.rules import dosing
from nkdesk.services import dosing as dosing_service
from nkdesk.services.errors import InputError
from nkdesk.ui.quantity_field import QuantityField

STATUS_WORDS = {"none": "Calculation only — not prescribed", "draft": "Draft — not prescribed",
                "prescribed": "Prescribed — NOT ACTIVE until verified by a second person",
                "verified": "ACTIVE — verified", "cancelled": "Cancelled"}


@dataclass(frozen=True)
class OrderOnFile:
    """The patient's stored dose order as this page shows it (from `services.dosing.status`)."""

    status: str                      # draft / prescribed / verified / cancelled
    formula: str
    gcsf_days: int
    split: bool
    daily_dose_ug: float
    prescribed_by: str | None = None
    verified_by: str | None = None
    checks: tuple[str, ...] = ()     # weight and WBC instructions from the rules, in words


class DosingPage(QWidget):
    prescribe_requested = Signal(object)   # the DoseOrder on screen
    verify_requested = Signal()            # verify the order on file
    inputs_changed = Signal()

    def __init__(self, protocol, settings: SiteSettings | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings or SiteSettings()
        self.regimen = dosing.GcsfRegimen.from_protocol(protocol)
        self.order: dosing.DoseOrder | None = None
        self.on_file: OrderOnFile | None = None
        self.height = QuantityField("height", self.tr("Height"), "height", "cm", self)
        self.weight = QuantityField("weight", self.tr("Weight"), "weight", "kg", self)
        self.formula = QComboBox(self)
        self.formula.setObjectName("bsa_formula")
        self.formula.setAccessibleName(self.tr("BSA formula"))
        for key, formula in bsa_rules.FORMULAS.items():
            self.formula.addItem(formula.label, key)
        self.formula.setCurrentIndex(max(0, self.formula.findData(self.settings.default_bsa_formula)))
        self.days = QComboBox(self)
        self.days.setObjectName("gcsf_days")
        self.days.setAccessibleName(self.tr("G-CSF days"))
        for n in range(self.regimen.days_min, self.regimen.days_max + 1):
            self.days.addItem(self.tr("{0} days").format(n), str(n))
        self.days.setCurrentIndex(self.regimen.days_default - self.regimen.days_min)
        self.apheresis = QLineEdit(self)
        self.apheresis.setObjectName("apheresis_date")
        self.apheresis.setAccessibleName(self.tr("Planned apheresis date"))
        self.apheresis.setPlaceholderText("YYYY-MM-DD")
        self.apheresis.setMaximumWidth(160)
        self.split = QCheckBox(self.tr("Split the daily dose in two (label option)"), self)
        self.split.setObjectName("gcsf_split")
        self.split.setAccessibleName(self.tr("Split daily dose"))
        self.split.setVisible(self.regimen.split_allowed)
        form = QFormLayout()
        form.addRow(self.tr("Height"), self.height)
        form.addRow(self.tr("Weight"), self.weight)
        form.addRow(self.tr("BSA formula"), self.formula)
        form.addRow(self.tr("G-CSF course"), self.days)
        form.addRow(self.tr("Apheresis (last G-CSF day)"), self.apheresis)
        form.addRow("", self.split)
        inputs = QGroupBox(self.tr("Body measurements and course"), self)
        outer = QVBoxLayout(inputs)
        outer.addLayout(form)
        outer.addStretch(1)

        self.problem = QLabel(self)
        self.problem.setObjectName("dosing_problem")
        self.problem.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.problem.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("dosing_summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 13pt;")
        self.tolerance = QLabel(self)
        self.tolerance.setObjectName("dosing_tolerance")
        self.tolerance.setWordWrap(True)
        self.plan_table = QTableWidget(0, 4, self)
        self.plan_table.setObjectName("syringe_plan")
        self.plan_table.setAccessibleName(self.tr("Syringe plan"))
        self.plan_table.setHorizontalHeaderLabels([self.tr("Syringe"), self.tr("Each time"),
                                                   self.tr("Per day"), self.tr("Volume/day")])
        self.plan_table.verticalHeader().hide()
        from PySide6.QtWidgets import QHeaderView

        self.plan_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.plan_table.horizontalHeader().setStretchLastSection(True)
        self.plan_table.setMaximumHeight(130)
        self.course = QLabel(self)
        self.course.setObjectName("dosing_course")
        self.course.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("dose_order_status")
        self.status.setStyleSheet("font-weight: bold;")
        self.status.setWordWrap(True)
        self.prescribe = QPushButton(self.tr("&Prescribe…"), self)
        self.prescribe.setObjectName("dose_prescribe")
        self.verify = QPushButton(self.tr("&Verify…"), self)
        self.verify.setObjectName("dose_verify")
        self.prescribe.clicked.connect(lambda: self.order and self.prescribe_requested.emit(self.order))
        self.verify.clicked.connect(lambda: self.on_file and self.verify_requested.emit())
        self.checks = QLabel(self)
        self.checks.setObjectName("dose_order_checks")
        self.checks.setWordWrap(True)
        self.checks.setStyleSheet("color: #b71c1c; font-weight: bold;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.prescribe)
        buttons.addWidget(self.verify)
        order_box = QGroupBox(self.tr("Filgrastim order"), self)
        order_layout = QVBoxLayout(order_box)
        for widget in (self.problem, self.summary, self.tolerance, self.plan_table, self.course, self.checks):
            order_layout.addWidget(widget)
        order_layout.addStretch(1)
        order_layout.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(inputs, 1)
        layout.addWidget(order_box, 2)
        for signal in (self.height.changed, self.weight.changed, self.formula.currentIndexChanged,
                       self.days.currentIndexChanged, self.apheresis.textChanged, self.split.toggled):
            signal.connect(self._on_inputs_changed)
        self.refresh()

    def _on_inputs_changed(self, *_):
        self.refresh()
        self.inputs_changed.emit()

    def load(self, height: str = "", weight: str = "", apheresis: dt.date | None = None,
             order: OrderOnFile | None = None) -> None:
        self.on_file = order
        for widget in (self.height, self.weight, self.apheresis, self.formula, self.days, self.split):
            widget.blockSignals(True)
        self.height.set_text(height)
        self.weight.set_text(weight)
        self.apheresis.setText(apheresis.isoformat() if apheresis else "")
        if order is not None:
            self.formula.setCurrentIndex(max(0, self.formula.findData(order.formula)))
            self.days.setCurrentIndex(order.gcsf_days - self.regimen.days_min)
            self.split.setChecked(order.split)
        for widget in (self.height, self.weight, self.apheresis, self.formula, self.days, self.split):
            widget.blockSignals(False)
        self.refresh()

    def typed(self) -> dict:
        """What the user typed and chose, as the dosing service takes it (texts, not results)."""
        return {"height": self.height.text(), "weight": self.weight.text(), "formula": self.formula.currentData(),
                "gcsf_days": int(self.days.currentData()), "apheresis": self.apheresis.text(),
                "split_daily_dose": self.split.isChecked()}

    def compute(self) -> dosing.DoseOrder:
        """The order the inputs give, from the dosing service (InputError naming the field when they give none)."""
        return dosing_service.preview(self.settings, self.regimen, **self.typed())

    def refresh(self) -> None:
        self.height.set_problem(None)
        self.weight.set_problem(None)
        try:
            self.order = self.compute()
        except InputError as exc:
            self.order = None
            target = {"height": self.height, "weight": self.weight}.get(exc.field)
            if target is not None and exc.code != "missing":
                target.set_problem(exc.message)
            self.problem.setText(exc.message if exc.code != "missing" else self.tr("Enter height and weight."))
            self._show_order(None)
            return
        self.problem.clear()
        self.height.show_converted(self.order.bsa.height_cm)
        self.weight.show_converted(self.order.bsa.weight_kg)
        self._show_order(self.order)

    def _show_order(self, order) -> None:
        enabled = order is not None
        self.plan_table.setRowCount(0)
        if order is None:
            self.summary.clear()
            self.tolerance.clear()
            self.course.clear()
        else:
            formula = bsa_rules.FORMULAS[order.bsa.formula].label
            cap = ""
            if order.bsa_cap is not None and order.bsa_cap.applied:
                cap = self.tr("<br/>BSA cap {0} m² applied: {1:.1f} µg/day before the cap, {2:.1f} after").format(
                    order.bsa_cap.cap_m2, order.bsa_cap.dose_before_ug, order.bsa_cap.dose_after_ug)
            self.summary.setText(self.tr(
                "BSA <b>{0:.3f} m²</b> ({1}) · {2:g} µg/m² → prescribed <b>{3:.1f} µg/day</b> · "
                "delivered <b>{4:g} µg/day</b> ({5:+.1f} %){6}").format(
                order.bsa.bsa_m2, formula, order.regimen.dose_per_m2_ug, order.daily_dose_ug,
                order.plan.delivered_ug, order.plan.deviation_pct, cap))
            if order.plan.within_tolerance:
                self.tolerance.setText(
                    self.tr("Within ±{0:g} % of the prescribed dose.").format(order.plan.tolerance_pct))
                self.tolerance.setStyleSheet("color: #1b5e20;")
            else:
                self.tolerance.setText(self.tr("OUTSIDE ±{0:g} %: no stocked combination is close enough — "
                                               "a pharmacist must decide.").format(order.plan.tolerance_pct))
                self.tolerance.setStyleSheet("color: #b71c1c; font-weight: bold; background: #ffebee; padding: 4px;")
            for item in order.plan.items:
                row = self.plan_table.rowCount()
                self.plan_table.insertRow(row)
                per_day = item.count * order.plan.administrations
                cells = [item.syringe.name or f"{item.syringe.strength_ug:g} µg", str(item.count), str(per_day),
                         f"{per_day * item.syringe.volume_ml:.2f} mL"]
                for column, text in enumerate(cells):
                    self.plan_table.setItem(row, column, QTableWidgetItem(text))
            if order.course:
                days = ", ".join(d.strftime("%d %b") for d in order.course)
                self.course.setText(self.tr("{0} subcutaneously, {1}: {2} (apheresis {3})").format(
                    order.regimen.drug,
                    order.regimen.frequency if not order.split_daily_dose else self.tr("twice daily"),
                    days, order.apheresis.isoformat()))
            else:
                self.course.setText(self.tr("Enter the planned apheresis date for the course dates."))
        on_file = self.on_file
        status = on_file.status if on_file is not None else "none"
        who = ""
        if on_file is not None and on_file.prescribed_by:
            who += self.tr(" · prescribed by {0}").format(on_file.prescribed_by)
        if on_file is not None and on_file.verified_by:
            who += self.tr(" · verified by {0}").format(on_file.verified_by)
        self.status.setText(self.tr(STATUS_WORDS[status]) + who)
        self.status.setStyleSheet("font-weight: bold; color: %s;" % ("#1b5e20" if status == "verified" else "#7a5b00"))
        self.checks.setText("\n".join(on_file.checks) if on_file is not None else "")
        self.prescribe.setEnabled(enabled)
        self.verify.setEnabled(on_file is not None and on_file.status == "prescribed")
