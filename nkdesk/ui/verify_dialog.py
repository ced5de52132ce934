"""Verifying a filgrastim order: an independent double check of the order as stored, then a signature.

Filgrastim is given by a body-surface-area dose, a calculation ISMP counts among those that need an
independent double check: the second person works the dose out without being led by the first
person's answer. So the dialog first shows only what the dose is made of — the order's height and
weight as they were measured (with their dates), the BSA formula, µg/m², the course — read from the
database through `services.dose_review.for_verification`, never from the panel behind it. The
verifier either asks NKDesk to recompute the dose from those stored inputs (a service call) or types
the figure they worked out; only then is the prescriber's order revealed: dose, syringe plan,
delivered dose, who prescribed it and when. Signing hands back the content hash of exactly what
was displayed (`shown_hash`): if the order changed meanwhile, the service refuses and names who
changed it and when.
"""
from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nkdesk.forms import dose_figures as figures
from nkdesk.rules import bsa as bsa_rules
from nkdesk.services import dose_review
from nkdesk.services import dosing as dosing_service
from nkdesk.ui import words
from nkdesk.ui.style import relative_font
from nkdesk.ui.syringe_plan import syringe_table

RED = "color: #b71c1c; font-weight: bold;"
# the order's cautions (rules.dosing.label_cautions) by code, as the verifier reads them
CAUTION_WORDS = {"splenomegaly": QT_TRANSLATE_NOOP("VerifyDialog", "Spleen / left upper quadrant pain"),
                 "thrombosis_history": QT_TRANSLATE_NOOP("VerifyDialog", "History of thrombosis"),
                 "split_dose_deviation": QT_TRANSLATE_NOOP("VerifyDialog", "Split dose — protocol deviation")}


def cautions_words(order_json: dict) -> str:
    """What the stored order says of its cautions: each one shown, whether it was acknowledged,
    by whom and when (issue 14); an order stored before that says so."""
    stored = order_json.get("cautions_acknowledged")
    if not isinstance(stored, dict):
        return QCoreApplication.translate("VerifyDialog", "not recorded (an order stored before the ticks were kept)")
    acknowledged = set(stored.get("acknowledged") or ())
    lines = []
    for code in stored.get("shown") or ():
        name = QCoreApplication.translate("VerifyDialog", CAUTION_WORDS[code]) if code in CAUTION_WORDS else code
        lines.append((QCoreApplication.translate("VerifyDialog", "☑ {0}: acknowledged") if code in acknowledged
                      else QCoreApplication.translate("VerifyDialog", "☐ {0}: NOT acknowledged")).format(name))
    who = (stored.get("by") or {}).get("name") or "—"
    at = str(stored.get("at_utc") or "")
    with contextlib.suppress(ValueError):
        at = dt.datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    lines.append(QCoreApplication.translate("VerifyDialog", "by {0}, {1}").format(who, at))
    return "\n".join(lines)
GREEN = "color: #1b5e20; font-weight: bold;"


class VerifyDialog(QDialog):
    verified = Signal(object)   # the Saved verification

    def __init__(self, session, order_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self.session, self.order_id = session, order_id
        self.setWindowTitle(self.tr("Verify the filgrastim order — independent double check"))
        self.shown = session.read(dose_review.for_verification, order_id)
        self.checked = False     # the verifier's own check is done (recomputed or figure typed)
        self.agrees = False
        layout = QVBoxLayout(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("verify_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(RED)
        self.problem.hide()
        if self.shown is None:
            self.problem.setText(self.tr("The order could not be read."))
            self.problem.show()
            layout.addWidget(self.problem)
            return
        order = self.shown.record.order
        # what is read and checked scrolls; the signature and the buttons stay in view below it (the
        # ward walk: once the order was revealed the dialog grew past a 768-pixel screen and the
        # password field and "Verify and sign" went off its bottom edge)
        outer = layout
        body = QWidget(self)
        body.setObjectName("verify_body")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("verify_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        intro = QLabel(self.tr(
            "<b>Order #{0} for {1}.</b> Work the daily dose out yourself from the measurements below, or let "
            "NKDesk recompute it from them; the prescriber's figure is shown after that.").format(
            order_id, self.shown.study_id), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        inputs = QGroupBox(self.tr("What the dose is made of (as stored)"), self)
        form = QFormLayout(inputs)
        form.addRow(self.tr("Height"), self._value("verify_height", self._measured(
            figures.height(order.height_cm), self.shown.height)))
        form.addRow(self.tr("Weight"), self._value("verify_weight", self._measured(
            figures.weight(order.weight_kg), self.shown.weight)))
        formula = bsa_rules.FORMULAS.get(order.formula or "")
        form.addRow(self.tr("BSA formula"), self._value("verify_formula", formula.label if formula else "—"))
        form.addRow(self.tr("Dose per m²"), self._value("verify_dose_per_m2", f"{order.dose_per_m2_ug or 0:g} µg/m²"))
        course = self.tr("{0} days, {1}").format(order.gcsf_days or "—", self.tr("split in two doses daily — "
                                                 "PROTOCOL DEVIATION") if order.split_daily_dose else
                                                 self.tr("once daily"))
        form.addRow(self.tr("Course"), self._value("verify_course", course))
        form.addRow(self.tr("Cautions asked"), self._value("verify_cautions",
                                                           cautions_words(self.shown.record.order_json)))
        layout.addWidget(inputs)

        check = QGroupBox(self.tr("Your check"), self)
        check_layout = QVBoxLayout(check)
        own = QHBoxLayout()
        self.own_dose = QLineEdit(self)
        self.own_dose.setObjectName("verify_own_dose")
        self.own_dose.setAccessibleName(self.tr("Your daily dose (µg/day)"))
        self.own_dose.setPlaceholderText(self.tr("e.g. 619.8"))
        self.own_dose.setMaximumWidth(120)
        self.check_own = QPushButton(self.tr("Compare my figure"), self)
        self.check_own.setObjectName("verify_compare")
        self.recompute = QPushButton(self.tr("Recompute with NKDesk"), self)
        self.recompute.setObjectName("verify_recompute")
        own.addWidget(QLabel(self.tr("Your daily dose"), self))
        own.addWidget(self.own_dose)
        own.addWidget(QLabel(self.tr("µg/day"), self))
        own.addWidget(self.check_own)
        own.addStretch(1)
        own.addWidget(self.recompute)
        check_layout.addLayout(own)
        self.check_result = QLabel(self)
        self.check_result.setObjectName("verify_check_result")
        self.check_result.setWordWrap(True)
        check_layout.addWidget(self.check_result)
        layout.addWidget(check)

        self.revealed = QGroupBox(self.tr("The prescribed order"), self)
        self.revealed.setObjectName("verify_revealed")
        revealed = QVBoxLayout(self.revealed)
        self.order_text = QLabel(self)
        self.order_text.setObjectName("verify_order")
        self.order_text.setWordWrap(True)
        self.order_text.setTextFormat(Qt.TextFormat.RichText)
        self.plan_view, self.plan_model = syringe_table(self, "verify_syringe_plan")
        self.comparison = QLabel(self)
        self.comparison.setObjectName("verify_comparison")
        self.comparison.setWordWrap(True)
        self.exact = QLabel(self)
        self.exact.setObjectName("verify_exact_values")
        self.exact.setWordWrap(True)
        self.exact.setStyleSheet("color: #555555;")
        relative_font(self.exact, 9 / 11)   # the pharmacist's detail line, smaller than the base on purpose
        for widget in (self.comparison, self.order_text, self.plan_view, self.exact):
            revealed.addWidget(widget)
        self.revealed.hide()
        layout.addWidget(self.revealed)
        layout.addStretch(1)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)
        layout = outer

        sign = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setObjectName("verify_username")
        self.username.setAccessibleName(self.tr("Verifier's user name"))
        self.password = QLineEdit(self)
        self.password.setObjectName("verify_password")
        self.password.setAccessibleName(self.tr("Verifier's password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLineEdit(self)
        self.note.setObjectName("verify_decision_note")
        self.note.setAccessibleName(self.tr("Pharmacist's decision (plan outside tolerance)"))
        sign.addRow(self.tr("Verifier (pharmacist or a second investigator)"), self.username)
        sign.addRow(self.tr("Password"), self.password)
        if order.needs_pharmacist_decision:
            sign.addRow(self.tr("Pharmacist's decision (plan outside tolerance)"), self.note)
        else:
            self.note.hide()
        layout.addLayout(sign)
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        self.sign_hint = QLabel(self)
        self.sign_hint.setObjectName("verify_sign_hint")
        self.sign_hint.setWordWrap(True)
        self.sign_hint.setStyleSheet("color: #555555;")
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.setObjectName("verify_cancel")
        self.sign = QPushButton(self.tr("Verify and sign"), self)
        self.sign.setObjectName("verify_sign")
        buttons.addWidget(self.sign_hint, 1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.sign)
        layout.addLayout(buttons)
        self.cancel.clicked.connect(self.reject)
        self.sign.clicked.connect(self._on_sign)
        self.recompute.clicked.connect(self._on_recompute)
        self.check_own.clicked.connect(self._on_compare)
        self.own_dose.returnPressed.connect(self._on_compare)
        for line in (self.username, self.password):
            line.textChanged.connect(self._refresh_sign)
        # Return in a field does that field's job (compare the figure, sign), never the last button pressed
        for button in (self.check_own, self.recompute, self.cancel, self.sign):
            button.setAutoDefault(False)
        self.password.returnPressed.connect(lambda: self.sign.isEnabled() and self._on_sign())
        # the verifier is usually who is signed in here (a pharmacist at their own workstation): their name
        # is offered; a second investigator beside the prescriber types their own
        user = session.user
        if user is not None and user.full_name != self.shown.prescribed_by:
            self.username.setText(user.username)
        self.resize(760, min(560, self._room()))
        self._refresh_sign()

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        """Shown: active, with the cursor in the verifier's own figure (the walk's keys went nowhere)."""
        super().showEvent(event)
        self.activateWindow()
        if self.shown is not None and not self.checked:
            self.own_dose.setFocus()

    def _fit(self) -> None:
        """Room for what was revealed, never past the screen: what does not fit scrolls, and the
        dialog moves up if its bottom (the signature) would leave the screen."""
        wanted = self.height() + max(0, self.scroll.widget().sizeHint().height() - self.scroll.viewport().height())
        self.resize(self.width(), min(wanted, self._room()))
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            overflow = self.frameGeometry().bottom() - room.bottom()
            if overflow > 0:
                self.move(self.x(), max(room.top(), self.y() - overflow))

    def _room(self) -> int:
        """The height this dialog may take: the screen's available height (less the title bar)."""
        screen = (self.parentWidget() or self).screen() if (self.parentWidget() or self).screen() else None
        return screen.availableGeometry().height() - 40 if screen is not None else 700

    def _value(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _measured(self, shown: str, measurement) -> str:
        if measurement is None:
            return self.tr("{0} (no stored measurement with this value: date unknown)").format(shown)
        entered = measurement.quantity.text
        as_entered = "" if entered.replace(" ", "") == shown.replace(" ", "") else self.tr(" — entered as {0}").format(
            entered)
        return self.tr("{0}{1}, measured {2}").format(shown, as_entered, measurement.measured_on.isoformat())

    # -- the verifier's own check, then the order
    def _on_recompute(self) -> None:
        recomputed, problem = self.session.attempt(dose_review.recompute, self.order_id)
        if recomputed is None:
            self.check_result.setText(problem or "")
            self.check_result.setStyleSheet(RED)
            return
        again = recomputed.order
        self.agrees = recomputed.check.agrees
        self.check_result.setText(self.tr("NKDesk recomputed BSA {0} → {1} from the stored measurements.").format(
            figures.bsa(again.bsa.bsa_m2), words.dose(again.daily_dose_ug)))
        self.check_result.setStyleSheet("")
        self._reveal(self.tr("Recomputed {0}").format(words.dose(again.daily_dose_ug)),
                     recomputed.check.difference_pct)

    def _on_compare(self) -> None:
        found, problem = self.session.attempt(dose_review.check_figure, self.order_id, self.own_dose.text())
        if found is None:
            self.check_result.setText(problem or "")
            self.check_result.setStyleSheet(RED)
            return
        self.agrees = found.agrees
        self.check_result.setText(self.tr("Your figure: {0}.").format(words.dose(found.figure_ug)))
        self.check_result.setStyleSheet("")
        self._reveal(self.tr("Your figure {0}").format(words.dose(found.figure_ug)),
                     found.difference_pct)

    def _reveal(self, yours: str, difference_pct: float | None = None) -> None:
        shown = self.shown
        order = shown.record.order
        self.checked = True
        self.order_text.setText(self.tr(
            "Prescribed <b>{0}</b> (BSA {1}) · delivered {2:g} µg/day ({3:+.1f} %, tolerance ±{4:g} %)<br/>"
            "Prescribed by {5}{6}").format(
            words.dose(order.daily_dose_ug), figures.bsa(order.bsa_m2), order.delivered_ug or 0,
            order.deviation_pct or 0, order.tolerance_pct or 0, shown.prescribed_by or "—",
            self.tr(", signed {0}").format(shown.prescribed_at) if shown.prescribed_at else ""))
        self.plan_model.set_order(order)
        if self.agrees:
            self.comparison.setText(self.tr("{0} agrees with the prescribed {1}.").format(
                yours, words.dose(order.daily_dose_ug)))
            self.comparison.setStyleSheet(GREEN)
        else:
            by = "" if difference_pct is None else self.tr(" ({0:+.1f} %)").format(difference_pct)
            self.comparison.setText(self.tr(
                "{0} DIFFERS from the prescribed {1}{2}: do not verify — resolve it with the prescriber.").format(
                yours, words.dose(order.daily_dose_ug), by))
            self.comparison.setStyleSheet(RED + " background: #ffebee; padding: 4px;")
        self.exact.setText(words.in_forms_words(lambda: figures.exact_values(
            order.height_cm, order.weight_kg, order.bsa_m2, order.daily_dose_ug)))
        if order.needs_pharmacist_decision:
            self.exact.setText(self.exact.text() + self.tr(" — the plan is OUTSIDE the tolerance: a pharmacist "
                                                           "decides and writes the decision."))
        self.revealed.show()
        self.layout().activate()
        self._fit()
        self.scroll.ensureWidgetVisible(self.comparison)
        if self.agrees:
            (self.password if self.username.text() else self.username).setFocus()
        self._refresh_sign()

    def _refresh_sign(self, *_) -> None:
        if not self.checked:
            hint = self.tr("First recompute the dose or compare your own figure.")
        elif not self.agrees:
            hint = self.tr("The figures differ: this order cannot be verified as it is.")
        elif not (self.username.text().strip() and self.password.text()):
            hint = self.tr("Enter your user name and password to sign.")
        else:
            hint = ""
        self.sign.setEnabled(not hint)
        self.sign_hint.setText(hint)

    # -- the signature
    def _on_sign(self) -> None:
        record = self.shown.record
        verifier, problem = self.session.authenticate(self.username.text().strip(), self.password.text())
        if verifier is None:
            self.problem.setText(problem or "")
            self.problem.show()
            return
        try:
            saved = self.session.call_as(verifier, dosing_service.verify_order, record.id, self.password.text(),
                                         record.version, self.note.text(), shown_hash=self.shown.content_hash)
        finally:
            self.session.sign_out(verifier)   # the second person signed in for this one action
        self.password.clear()
        if saved is None:
            changed = self.session.read(dose_review.for_verification, record.id)
            if changed is not None and (changed.content_hash != self.shown.content_hash
                                        or changed.record.version != record.version):
                who, when = self.session.read(dose_review.last_change, record.id) or ("?", "?")
                self.problem.setText(self.tr(
                    "Not verified: this order was changed by {0} at {1} after it was shown to you (it is now {2}). "
                    "Close this dialog and open the order again to check it as it is now.").format(
                    who, when, changed.record.status))
            else:
                self.problem.setText(self.tr("Not verified: the reason was shown. Close this dialog and open the "
                                             "order again to see it as it is now."))
            self.problem.show()
            self.sign.setEnabled(False)
            return
        self.verified.emit(saved)
        self.accept()
