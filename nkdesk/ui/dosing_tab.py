"""A patient's filgrastim order: prescribe (an investigator signs), verify (a second person signs
at the same workstation), with the order's weight and WBC checks shown. Measurements typed here are
recorded with their units before the order that uses them."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QVBoxLayout, QWidget

from nkdesk.rules import bsa as bsa_rules
from nkdesk.rules import dosing
from nkdesk.rules.errors import InputError
from nkdesk.services import dosing as service
from nkdesk.services import measurements
from nkdesk.storage import users as stored_users
from nkdesk.ui.dosing_page import DosingPage, OrderOnFile

LIVE = ("draft", "prescribed", "verified")


class DosingTab(QWidget):
    def __init__(self, session, prompts, protocol, parent=None):
        super().__init__(parent)
        self.session, self.prompts, self.protocol = session, prompts, protocol
        self.chart = None
        self.record = None      # the live DoseOrderRecord, if any
        self.page = DosingPage(protocol, session.settings, self)
        self.page.prescribe_requested.connect(self._on_prescribe)
        self.page.verify_requested.connect(self._on_verify)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)

    def show_patient(self, chart) -> None:
        self.chart = chart
        self.page.settings = self.session.settings
        live = [o for o in chart.dose_orders if o.status in LIVE]
        self.record = live[-1] if live else None
        height = _latest(chart, "height")
        weight = _latest(chart, "weight")
        apheresis = None
        if self.record is not None and self.record.order.get("apheresis"):
            apheresis = dt.date.fromisoformat(self.record.order["apheresis"])
        else:
            planned = [c.planned_apheresis_on for c in chart.cycles if c.number == 1 and c.planned_apheresis_on]
            apheresis = planned[0] if planned else None
        self.page.load(height.quantity.text if height else "", weight.quantity.text if weight else "", apheresis,
                       self._on_file(weight))

    def _on_file(self, weight) -> OrderOnFile | None:
        record = self.record
        if record is None:
            return None
        order = record.order
        checks = []
        try:
            recomputed = self._recompute(order)
            if weight is not None:
                check = dosing.check_weight(recomputed, weight.quantity.text, self.session.settings)
                if check.needs_recalculation:
                    checks.append(self.tr("Weight now {0:g} kg, {1:+.1f} % from the {2:g} kg this order used: "
                                          "RE-CALCULATE the order.").format(check.new_weight_kg, check.change_pct,
                                                                             check.order_weight_kg))
            wbc = self._wbc_during_course(order)
            if wbc is not None:
                check = dosing.check_wbc(wbc.quantity.text, self.session.settings)
                if check.instruction != "continue":
                    checks.append(self.tr("WBC {0:g}/mm³ during the course: {1} the filgrastim dose "
                                          "(label: reduce at {2:g}, stop at {3:g}/mm³).").format(
                        check.wbc_per_mm3, check.instruction.upper(), check.reduce_at_per_mm3, check.stop_at_per_mm3))
        except InputError as exc:
            checks.append(exc.message)
        return OrderOnFile(record.status, order.get("formula", "mosteller"), int(order.get("gcsf_days", 5)),
                           bool(order.get("split_daily_dose")), float(order.get("daily_dose_ug", 0)),
                           self._name(record.prescriber_id) if record.status != "draft" else None,
                           self._name(record.verifier_id), tuple(checks))

    def _recompute(self, order: dict) -> dosing.DoseOrder:
        area = bsa_rules.bsa(f"{order['height_cm']} cm", f"{order['weight_kg']} kg", order.get("formula", "mosteller"))
        return dosing.make_order(area, gcsf_days=int(order.get("gcsf_days", 5)), settings=self.session.settings,
                                 regimen=self.page.regimen)

    def _wbc_during_course(self, order: dict):
        course = [dt.date.fromisoformat(d) for d in order.get("course", [])]
        if not course:
            return None
        found = [r for s in self.chart.lab_sets if course[0] <= s.sampled_on <= course[-1]
                 for r in s.results if r.analyte == "wbc"]
        return found[-1] if found else None

    def _name(self, user_id) -> str | None:
        if user_id is None:
            return None
        user = stored_users.get(self.session.store, user_id)
        return user.full_name if user else f"user #{user_id}"

    # -- prescribing and verifying
    def _on_prescribe(self, order: dosing.DoseOrder) -> None:
        patient = self.chart.patient
        if self.record is not None and self.record.status in ("prescribed", "verified"):
            reason = self.prompts.reason(self.tr("Replace the order"),
                                         self.tr("This patient has a {0} order. Why is it being replaced? "
                                                 "It will be cancelled.").format(self.record.status))
            if not reason:
                return
        else:
            reason = None
        answer = self.prompts.signature(self.session.user.full_name, "dose prescribed",
                                        self.tr("Filgrastim order for {0}: {1:.1f} µg/day").format(
                                            patient.study_id, order.daily_dose_ug))
        if answer is None:
            return
        if not self._record_measurements():
            return
        if reason is not None and self.session.call(service.cancel_order, self.record.id, reason,
                                                    self.record.version) is None:
            return
        drafted = self.session.call(service.draft_order, patient.id, order)
        if drafted is None:
            return
        self.session.call(service.prescribe, drafted.value.id, answer[1], drafted.value.version)

    def _record_measurements(self) -> bool:
        """Record height and weight as typed, when they differ from the latest stored ones."""
        values = {}
        for kind, field in (("height", self.page.height), ("weight", self.page.weight)):
            latest = _latest(self.chart, kind)
            if latest is None or latest.quantity.text != field.text():
                values[kind] = field.text()
        if not values:
            return True
        return self.session.call(measurements.record_body, self.chart.patient.id, dt.date.today(), **values) is not None

    def _on_verify(self) -> None:
        record = self.record
        outside = record.order.get("within_tolerance") is False
        answer = self.prompts.signature(
            self.tr("The verifier (a pharmacist, or an investigator other than the prescriber)"), "dose verified",
            self.tr("Filgrastim order for {0}: {1:.1f} µg/day").format(self.chart.patient.study_id,
                                                                      record.order.get("daily_dose_ug", 0)),
            ask_username=True,
            note_label=self.tr("Pharmacist's decision (plan outside tolerance)") if outside else None)
        if answer is None:
            return
        username, password, note = answer
        verifier, problem = self.session.authenticate(username, password)
        if verifier is None:
            self.prompts.problem(problem)
            return
        self.session.call_as(verifier, service.verify_order, record.id, password, record.version, note)


def _latest(chart, kind: str):
    found = [m for m in chart.body_measurements if m.kind == kind]
    return found[-1] if found else None
