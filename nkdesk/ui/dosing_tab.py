"""A patient's filgrastim order: prescribe (an investigator signs), verify (a second person, at the
same workstation, in the verify dialog: an independent double check of the order as stored), with
the order's weight and WBC checks shown. What the screen says about the order on file is
`services.dosing.status` (the checks come as codes, worded here); prescribing hands the service
what was typed — it records new measurements, cancels a replaced order and prescribes in one save.

The dose inputs are an editor (`ui.editor.Editor`): what is typed and not yet prescribed is kept as
a draft ("dose_inputs", `services.drafts`) about a second after the last key, offered back when the
patient is shown again, and cleared by the prescription's own save. Another patient's inputs never
show: the page is cleared before a patient is loaded.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from nkdesk.rules import dosing
from nkdesk.services import dosing as service
from nkdesk.services import drafts
from nkdesk.ui.dosing_page import DosingPage, OrderOnFile
from nkdesk.ui.editor import State
from nkdesk.ui.verify_dialog import cautions_words

EDITOR = "dose_inputs"
DRAFT_DELAY_MS = 800


def _clock(iso_utc: str | None) -> str:
    """The workstation's local time of day of a UTC ISO time (now, if None)."""
    moment = dt.datetime.fromisoformat(iso_utc) if iso_utc else dt.datetime.now(dt.UTC)
    return moment.astimezone().strftime("%H:%M:%S")


class DosingTab(QWidget):
    def __init__(self, session, prompts, protocol, parent=None):
        super().__init__(parent)
        self.session, self.prompts, self.protocol = session, prompts, protocol
        self.chart = None
        self.status = None      # the DosingStatus shown
        self.loaded: dict | None = None   # the inputs as loaded from the record (what "unsaved" is measured against)
        self.verify_dialog = None
        self.draft_kept = False           # a draft of this patient's inputs exists (kept or offered back)
        self.page = DosingPage(protocol, session.settings, self)
        self.page.prescribe_requested.connect(self._on_prescribe)
        self.page.verify_requested.connect(self._on_verify)
        self.page.inputs_changed.connect(self._on_typed)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.keep)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)

    @property
    def record(self):
        """The live DoseOrderRecord on file, if any."""
        return self.status.order if self.status is not None else None

    def show_patient(self, chart) -> None:
        same = self.chart is not None and self.chart.patient.id == chart.patient.id
        if not same:
            self.keep()                       # the previous patient's typing stays theirs, as a draft
            self.draft_timer.stop()
            self.status, self.loaded, self.draft_kept = None, None, False
        self.chart = chart
        self.page.settings = self.session.settings
        status = self.session.read(service.status, chart.patient.id)
        if status is None:
            if not same:
                self.page.clear()             # never show one patient's inputs beside another's
            return
        # (another patient's inputs are replaced below by `load`, every input and the order on file:
        # clearing them first as well filled the page twice on every switch, issue 11)
        self.status = status
        if same and self.unsaved():
            # a save elsewhere (or the draft itself) refreshed the chart: keep what is being typed
            self.page.on_file = self._on_file()
            self.page.refresh()
            return
        height = status.height.quantity.text if status.height else ""
        weight = status.weight.quantity.text if status.weight else ""
        self.page.load(height, weight, status.apheresis, self._on_file())
        self.loaded = self.page.typed()
        draft = self.session.read(drafts.find, chart.patient.id, EDITOR)
        self.draft_kept = draft is not None
        if draft is not None and draft.payload != self.loaded:
            self.page.load(height, weight, status.apheresis, self._on_file(), typed=draft.payload)
            self.page.input_state.show_state(State.DRAFT_KEPT, _clock(draft.saved_at_utc),
                                             self.tr("typed before, not prescribed"))
        else:
            self._show_state()

    def _on_file(self) -> OrderOnFile | None:
        status = self.status
        record = status.order
        if record is None:
            return None
        return OrderOnFile(record.status, record.order, status.prescribed_by, status.verified_by,
                           tuple(self._words(c) for c in status.checks), cautions_words(record.order_json))

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

    # -- the Editor protocol (ui/editor.py)
    def unsaved(self) -> bool:
        """Inputs typed that are neither the stored measurements nor prescribed."""
        return self.chart is not None and self.loaded is not None and self.page.typed() != self.loaded

    def keep(self) -> None:
        """Keep what is typed as a draft, without asking (also on the idle lock and a patient switch)."""
        self.draft_timer.stop()
        if self.chart is None or self.session.user is None or self.session.store is None:
            return
        if not self.unsaved() and not self.draft_kept:
            return   # (typed back to what is stored: the draft is overwritten with that, so it is not offered)
        at, problem = self.session.attempt(drafts.keep, self.session.user, self.chart.patient.id, EDITOR,
                                           self.page.typed())
        if problem:
            self.page.input_state.show_state(State.PROBLEMS, detail=problem)
        else:
            self.draft_kept = True
            if self.unsaved():
                self.page.input_state.show_state(State.DRAFT_KEPT, _clock(at))

    def leave(self) -> bool:
        """Leaving never discards: the inputs are kept as a draft (prescribing needs a signature, so
        nothing is prescribed on the way out)."""
        self.keep()
        return True

    def _on_typed(self) -> None:
        if self.chart is None:
            return
        self._show_state()
        if self.unsaved() or self.draft_kept:
            self.draft_timer.start()

    def _show_state(self) -> None:
        state = self.page.input_state
        if self.page.problem.text() and self.page.order is None and any(self.page.typed()[k] for k in
                                                                          ("height", "weight")):
            state.show_state(State.PROBLEMS if self.unsaved() else State.EMPTY)
        elif self.unsaved():
            state.show_state(State.UNSAVED, detail=self.tr("not prescribed"))
        elif self.status is not None and self.status.weight is not None:
            state.show_state(State.SAVED, detail=self.tr("the latest stored measurements"))
        else:
            state.show_state(State.EMPTY)

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
        self.draft_timer.stop()
        typed = self.page.typed()
        saved = self.session.call(service.prescribe, patient.id, password=answer[1], replaces=replaces,
                                  acknowledged=self.page.acknowledged(), **typed)
        if saved is not None and self.chart is not None and self.chart.patient.id == patient.id:
            self.loaded, self.draft_kept = typed, False   # prescribed: typed is the record; its draft went with it
            self.page.input_state.show_state(State.SAVED, _clock(None), self.tr("prescribed"))

    def _on_verify(self) -> None:
        from nkdesk.ui.verify_dialog import VerifyDialog

        record = self.record
        if record is None:
            return
        self.verify_dialog = VerifyDialog(self.session, record.id, parent=self)
        self.verify_dialog.open()
