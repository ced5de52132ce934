"""A patient's filgrastim order: prescribe (an investigator signs), verify (a second person signs
at the same workstation), with the order's weight and WBC checks shown. What the screen says about
the order on file is `services.dosing.status` (the checks come as codes, worded here); prescribing
hands the service what was typed — it records new measurements, cancels a replaced order and
prescribes in one save."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from nkdesk.rules import dosing
from nkdesk.services import dosing as service
from nkdesk.ui.dosing_page import DosingPage, OrderOnFile


class DosingTab(QWidget):
    def __init__(self, session, prompts, protocol, parent=None):
        super().__init__(parent)
        self.session, self.prompts, self.protocol = session, prompts, protocol
        self.chart = None
        self.status = None      # the DosingStatus shown
        self.page = DosingPage(protocol, session.settings, self)
        self.page.prescribe_requested.connect(self._on_prescribe)
        self.page.verify_requested.connect(self._on_verify)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)

    @property
    def record(self):
        """The live DoseOrderRecord on file, if any."""
        return self.status.order if self.status is not None else None

    def show_patient(self, chart) -> None:
        self.chart = chart
        self.page.settings = self.session.settings
        self.status = self.session.read(service.status, chart.patient.id)
        if self.status is None:
            return
        status = self.status
        self.page.load(status.height.quantity.text if status.height else "",
                       status.weight.quantity.text if status.weight else "", status.apheresis, self._on_file())

    def _on_file(self) -> OrderOnFile | None:
        status = self.status
        record = status.order
        if record is None:
            return None
        order = record.order
        days = order.gcsf_days or self.page.regimen.days_default
        return OrderOnFile(record.status, order.formula or "mosteller", days, order.split_daily_dose,
                           order.daily_dose_ug or 0.0, status.prescribed_by, status.verified_by,
                           tuple(self._words(c) for c in status.checks))

    def _words(self, check) -> str:
        v = check.values
        if check.code == "weight_changed":
            return self.tr("Weight now {0:g} kg, {1:+.1f} % from the {2:g} kg this order used: "
                           "RE-CALCULATE the order.").format(v["new_weight_kg"], v["change_pct"], v["order_weight_kg"])
        if check.code in ("wbc_reduce", "wbc_stop"):
            return self.tr("WBC {0:g}/mm³ during the course: {1} the filgrastim dose "
                           "(label: reduce at {2:g}, stop at {3:g}/mm³).").format(
                v["wbc_per_mm3"], v["instruction"].upper(), v["reduce_at_per_mm3"], v["stop_at_per_mm3"])
        return str(v.get("message", check.code))

    # -- prescribing and verifying
    def _on_prescribe(self, order: dosing.DoseOrder) -> None:
        """`order` is the preview on screen (for the words of the signature); the service computes
        what is stored from the typed inputs."""
        patient = self.chart.patient
        record = self.record
        replaces = None
        if record is not None:
            reason = self.prompts.reason(self.tr("Replace the order"),
                                         self.tr("This patient has a {0} order. Why is it being replaced? "
                                                 "It will be cancelled.").format(record.status))
            if not reason:
                return
            replaces = service.Replacement(record.id, record.version, reason)
        answer = self.prompts.signature(self.session.user.full_name, "dose prescribed",
                                        self.tr("Filgrastim order for {0}: {1:.1f} µg/day").format(
                                            patient.study_id, order.daily_dose_ug))
        if answer is None:
            return
        self.session.call(service.prescribe, patient.id, password=answer[1], replaces=replaces, **self.page.typed())

    def _on_verify(self) -> None:
        record, shown_hash = self.record, self.status.content_hash
        outside = record.order.needs_pharmacist_decision
        answer = self.prompts.signature(
            self.tr("The verifier (a pharmacist, or an investigator other than the prescriber)"), "dose verified",
            self.tr("Filgrastim order for {0}: {1:.1f} µg/day").format(self.chart.patient.study_id,
                                                                      record.order.daily_dose_ug or 0.0),
            ask_username=True,
            note_label=self.tr("Pharmacist's decision (plan outside tolerance)") if outside else None)
        if answer is None:
            return
        username, password, note = answer
        verifier, problem = self.session.authenticate(username, password)
        if verifier is None:
            self.prompts.problem(problem)
            return
        try:
            self.session.call_as(verifier, service.verify_order, record.id, password, record.version, note,
                                 shown_hash=shown_hash)
        finally:
            self.session.sign_out(verifier)   # the second person signed in for this one action
