"""The cell product of an infusion: bag, counts, dose per kg, release tests, start/end and who gave it.

The dose per kg is `services.dose_review.cell_dose` (the rules' arithmetic, asked of the service);
the release decision is `nkdesk.rules.cell_product`; this panel shows them. A
positive infectious-disease test of the culture material disables "Start infusion" and shows the
protocol's stop rule as a proposal (signal `stop_rule_proposed`); an investigator decides.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from nkdesk.rules import cell_product, units
from nkdesk.rules.cell_product import CellProduct
from nkdesk.rules.errors import InputError
from nkdesk.rules.units import display_unit
from nkdesk.services import dose_review
from nkdesk.ui import messages
from nkdesk.ui.quantity_field import ERROR_STYLE
from nkdesk.ui.rules_validator import RulesValidator
from nkdesk.ui.when_field import WhenField

BLOCK_STYLE = "color: white; background: #b71c1c; font-weight: bold; padding: 6px; border-radius: 4px;"
OK_STYLE = "color: #1b5e20; background: #e8f5e9; padding: 4px;"
PENDING_STYLE = "color: #5d4037; background: #fff8e1; padding: 4px;"


class CellProductPanel(QWidget):
    product_edited = Signal(object)            # CellProduct, after each finished edit
    start_requested = Signal(object, object, str)   # CellProduct, start datetime, administered by
    end_requested = Signal(object)             # end datetime
    stop_rule_proposed = Signal(str)           # cell_product.STOP_INFECTIOUS_POSITIVE

    def __init__(self, weight: str | None = None, now: Callable[[], datetime] = datetime.now, parent=None):
        super().__init__(parent)
        self.setObjectName("cell_product")
        self.weight, self._now, self._proposed = weight, now, False
        self.bag_id = self._line("product_bag_id", self.tr("Bag or lot ID"))
        self.cells = self._line("product_cells_value", self.tr("Total viable cells"), 80)
        # the rules' grammar (never Qt's locale reading, which took 2,5 for 25): see rules_validator.py
        self.cells.setValidator(RulesValidator(
            lambda text: cell_product.parse_cell_count(f"{text} {self.scale.currentData()}"), self.cells))
        self.scale = QComboBox(self)
        self.scale.setObjectName("product_cells_scale")
        self.scale.setAccessibleName(self.tr("Total viable cells scale"))
        for scale in cell_product.COUNT_SCALES:
            self.scale.addItem(self.tr("{0} cells").format(display_unit(scale)), scale)
        self.scale.setCurrentIndex(cell_product.COUNT_SCALES.index("10^9"))
        self.viability = self._line("product_viability", self.tr("Viability (%)"), 70)
        self.nk_fraction = self._line("product_nk_fraction", self.tr("CD3−CD56+ NK fraction (%)"), 70)
        for line, field in ((self.viability, "viability_pct"), (self.nk_fraction, "nk_fraction_pct")):
            line.setValidator(RulesValidator(lambda text, f=field: cell_product.percentage(units.number(text, f), f),
                                             line))
        self.problem = QLabel(self)
        self.problem.setObjectName("product_problem")
        self.problem.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.sterility = self._result("product_sterility", self.tr("Sterility test"))
        self.infectious = self._result("product_infectious", self.tr("Infectious-disease test of the culture material"))
        self.dose = QLabel(self)
        self.dose.setObjectName("product_dose")
        self.dose.setWordWrap(True)
        self.release = QLabel(self)
        self.release.setObjectName("product_release")
        self.release.setWordWrap(True)
        self.start = WhenField("infusion_start", self.tr("Infusion start"), self)
        self.end = WhenField("infusion_end", self.tr("Infusion end"), self)
        self.given_by = self._line("infusion_administered_by", self.tr("Administered by"))
        self.start_button = QPushButton(self.tr("&Start infusion"), self)
        self.start_button.setObjectName("infusion_start_button")
        self.end_button = QPushButton(self.tr("&End infusion"), self)
        self.end_button.setObjectName("infusion_end_button")
        self.start_button.clicked.connect(self._on_start_clicked)
        self.end_button.clicked.connect(self._on_end_clicked)

        cells = QHBoxLayout()
        cells.addWidget(self.cells)
        cells.addWidget(self.scale)
        cells.addStretch(1)
        percents = QHBoxLayout()
        percents.addWidget(self.viability)
        percents.addWidget(QLabel(self.tr("NK (CD3−CD56+) %"), self))
        percents.addWidget(self.nk_fraction)
        percents.addStretch(1)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("→", self))
        times.addWidget(self.end)
        times.addStretch(1)
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):     # labels above their fields when narrow: the panel asked 980 px of the
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)   # ~950 beside the patient list (issue 16)
        left.addRow(self.tr("Bag / lot ID"), self.bag_id)
        left.addRow(self.tr("Viable cells"), cells)
        left.addRow(self.tr("Viability %"), percents)
        left.addRow("", self.problem)
        left.addRow(self.tr("Dose"), self.dose)
        right.addRow(self.tr("Sterility test"), self.sterility)
        right.addRow(self.tr("Infectious-disease test"), self.infectious)
        right.addRow(self.tr("Start → end"), times)
        right.addRow(self.tr("Given by"), self.given_by)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.release, 1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        for line in (self.bag_id, self.cells, self.viability, self.nk_fraction, self.given_by):
            line.textChanged.connect(self.refresh)
            line.editingFinished.connect(self._emit_edited)
        for combo in (self.scale, self.sterility, self.infectious):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        self.refresh()

    def _line(self, name: str, accessible: str, width: int | None = None) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        if width:
            line.setFixedWidth(width)
        return line

    def _result(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for key, words in (("pending", self.tr("Pending")), ("negative", self.tr("Negative")),
                           ("positive", self.tr("POSITIVE"))):
            combo.addItem(words, key)
        return combo

    def _on_choice_changed(self, *_):
        self.refresh()
        self._emit_edited()

    def _emit_edited(self) -> None:
        """Hand the product to the owner to save — never while a number is refused (shown inline)."""
        if self.problems():
            return
        self.product_edited.emit(self.product())

    # -------------------------------------------------------------- data in and out

    def problems(self) -> list[str]:
        """The rules' words for each number typed that they refuse (empty: all can be saved)."""
        return [message for line in (self.cells, self.viability, self.nk_fraction)
                if (message := line.validator().problem_for(line.text()))]

    def product(self) -> CellProduct:
        """The product as typed; a refused percentage is left out (callers check `problems()` first)."""
        def number(line: QLineEdit):
            text = line.text().strip()
            if not text or line.validator().problem_for(text):
                return None
            return units.number(text, line.objectName())
        cells = self.cells.text().strip()
        return CellProduct(self.bag_id.text().strip(), f"{cells} {self.scale.currentData()}" if cells else "",
                           number(self.viability), number(self.nk_fraction),
                           self.sterility.currentData(), self.infectious.currentData())

    def load(self, product: CellProduct, start: datetime | None = None, end: datetime | None = None,
             administered_by: str = "") -> None:
        widgets = (self.bag_id, self.cells, self.scale, self.viability, self.nk_fraction, self.sterility,
                   self.infectious, self.start, self.end, self.given_by)
        for widget in widgets:
            widget.blockSignals(True)
        self.bag_id.setText(product.bag_id)
        number, _, scale = product.total_viable_cells.partition(" ")
        self.cells.setText(number)
        # no count yet: the scale a new panel offers (the panel is refilled for another infusion, issue 11)
        self.scale.setCurrentIndex(max(0, self.scale.findData(scale.strip() or "10^9")))
        self._proposed = False        # this product's stop rule is proposed afresh (was: a new panel each time)
        for line, value in ((self.viability, product.viability_pct), (self.nk_fraction, product.nk_fraction_pct)):
            line.setText("" if value is None else f"{value:g}")
        self.sterility.setCurrentIndex(max(0, self.sterility.findData(product.sterility)))
        self.infectious.setCurrentIndex(max(0, self.infectious.findData(product.infectious_disease)))
        self.start.set_when(start)
        self.end.set_when(end)
        self.given_by.setText(administered_by)
        for widget in widgets:
            widget.blockSignals(False)
        self.refresh()

    def set_weight(self, weight: str | None) -> None:
        self.weight = weight
        self.refresh()

    # -------------------------------------------------------------- what the rules say

    def refresh(self, *_) -> None:
        problems = self.problems()
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
        for line in (self.cells, self.viability, self.nk_fraction):
            line.setStyleSheet(ERROR_STYLE if line.validator().problem_for(line.text()) else "")
        product = self.product()
        self._show_dose(product)
        for combo in (self.sterility, self.infectious):
            combo.setStyleSheet("QComboBox { background: #b71c1c; color: white; font-weight: bold; }"
                                if combo.currentData() == "positive" else "")
        check = cell_product.release_check(product)
        if check.blocks:
            culture = self.tr("the infectious-disease test of the culture material is POSITIVE")
            words = {"infectious_disease_positive": culture,
                     "sterility_positive": self.tr("the sterility test is POSITIVE")}
            text = self.tr("INFUSION BLOCKED: {0}.").format("; ".join(words[b] for b in check.blocks))
            if check.stop_reason:
                text += " " + self.tr("Stop rule proposed (protocol): the investigator discontinues or suspends "
                                      "protocol treatment for this subject. An investigator decides and signs.")
            self.release.setText(text)
            self.release.setStyleSheet(BLOCK_STYLE)
        elif check.pending:
            names = {"sterility": self.tr("sterility"), "infectious_disease": self.tr("infectious-disease test")}
            self.release.setText(self.tr("Release tests pending: {0}.").format(
                ", ".join(names[p] for p in check.pending)))
            self.release.setStyleSheet(PENDING_STYLE)
        else:
            self.release.setText(self.tr("Release tests negative: the infusion may start."))
            self.release.setStyleSheet(OK_STYLE)
        ready = bool(product.bag_id and self.given_by.text().strip() and product.total_viable_cells)
        self.start_button.setEnabled(check.may_start and ready and not problems and not self.start.text().strip())
        self.start_button.setToolTip("" if ready else self.tr("Enter the bag ID, the viable cells and who gives it"))
        self.end_button.setEnabled(bool(self.start.text().strip()) and not self.end.text().strip())
        if check.stop_reason and not self._proposed:
            self._proposed = True
            self.stop_rule_proposed.emit(check.stop_reason)
        self._proposed = self._proposed and bool(check.stop_reason)

    def _show_dose(self, product: CellProduct) -> None:
        self.dose.setStyleSheet("")
        if not product.total_viable_cells:
            self.dose.setText(self.tr("Enter the viable cells."))
            return
        if not self.weight:
            self.dose.setText(self.tr("No body weight recorded: dose per kg not computed."))
            return
        try:
            dose = dose_review.cell_dose(product, self.weight)   # the service's figure, never the widget's
        except InputError as exc:
            self.dose.setText(messages.problem_sentence(exc))
            self.dose.setStyleSheet("color: #b71c1c; font-weight: bold;")
            return
        if dose is None:
            self.dose.setText(self.tr("Enter the viable cells."))
            return
        text = self.tr("<b>{0:.3g} × 10⁶ viable cells/kg</b>").format(dose.viable_cells_per_kg / 1e6)
        if dose.nk_cells_per_kg is not None:
            text += self.tr(" · NK {0:.3g} × 10⁶ cells/kg").format(dose.nk_cells_per_kg / 1e6)
        self.dose.setText(text + self.tr(" (weight {0:g} kg)").format(dose.weight_kg))

    def _on_start_clicked(self) -> None:
        when = self._now().replace(second=0, microsecond=0)
        self.start.set_when(when)
        self.refresh()
        self.start_requested.emit(self.product(), when, self.given_by.text().strip())

    def _on_end_clicked(self) -> None:
        when = self._now().replace(second=0, microsecond=0)
        self.end.set_when(when)
        self.refresh()
        self.end_requested.emit(when)

    def start_time(self) -> datetime | None:
        return self.start.when()
