"""The words on the vital-signs grid's rows: each row's heading (its name and status — due,
missed, saved, alert, acknowledged by whom, a typed time off its point), its NEWS2 cell and the
clinical response under the grid, and the alert line's words. A mixin of `VitalsGrid`
(vitals_grid.py), which holds the rows, the banner and the schedule these methods read."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from nkdesk.rules import vitals, vitals_time
from nkdesk.services import vitals as vitals_service
from nkdesk.ui import language
from nkdesk.ui.vitals_layout import set_look
from nkdesk.ui.vitals_row import RowState, VitalsRow, short_label
from nkdesk.ui.words import forms_word

if TYPE_CHECKING:
    from nkdesk.ui.vitals_grid import VitalsGrid

UNITS = {"systolic_mmhg": "mmHg", "diastolic_mmhg": "mmHg", "pulse_per_min": "/min", "resp_rate_per_min": "/min",
         "spo2_pct": "%", "temperature_c": "°C", "o2_flow_l_min": "L/min", "vasopressors": ""}


class GridWords:
    """What each row of the grid says (mixed into VitalsGrid)."""

    def _show_news2(self: VitalsGrid, row: VitalsRow, state: RowState) -> None:
        scored = state.assessment.news2 if state.assessment else None
        if state.errors:
            row.news2.setText(self.tr("refused"))
            set_look(row.news2, "band", "refused")
            return
        if scored is None or state.missing:
            row.news2.setText("—")
            set_look(row.news2, "band", "")
            return
        band = {"low": self.tr("low"), "low-medium": self.tr("low–medium"), "medium": self.tr("medium"),
                "high": self.tr("high")}[scored.risk]
        row.news2.setText(f"{scored.score} · {band}")
        set_look(row.news2, "band", scored.risk)
        detail = scored.to_json()
        # RCP 2017's words in the window's language (the forms' catalogue has their Japanese)
        stop = "。" if language.current() == "ja" else ". "
        response = forms_word(detail["response"]["monitoring"]) + stop + "".join(
            forms_word(action) + stop for action in detail["response"]["actions"])
        trigger = forms_word(detail["trigger"])
        row.news2.setToolTip(f"{trigger}{stop}{response}")
        self.response.setText(self.tr("<b>{0}: NEWS2 {1} — {2} risk.</b> {3}. {4}").format(
            row.label, scored.score, band, trigger, response))

    @staticmethod
    def _response(state: RowState) -> str:
        """NEWS2's clinical response for the set (RCP 2017 Chart 4), offered as the action taken."""
        scored = state.assessment.news2 if state.assessment else None
        return "" if scored is None else vitals_service.response_words(scored.to_json())

    def _alert_text(self: VitalsGrid, row: VitalsRow, alerts) -> str:
        parts = []
        for finding in alerts:
            if finding.name == "acvpu":
                parts.append(self.tr("consciousness {0} (not alert)").format(row.text("acvpu")))
                continue
            low, high = self.limits[finding.name]["critical"]
            unit = UNITS[finding.name]
            if finding.name == "temperature_c" and row.text("temperature_unit") == "degF":
                unit += f" ({row.text('temperature')} °F)"
            parts.append(self.tr("{0} {1:g} {2} (alert outside {3:g}–{4:g})").format(
                forms_word(vitals.LABELS[finding.name]), finding.value, unit, low, high))
        when = row.text("time")
        return self.tr("ALERT {0} ({1}): {2}").format(row.label, when, "; ".join(parts))

    def _show_heading(self: VitalsGrid, row: VitalsRow) -> None:
        due = getattr(self, "due", None)
        status, style = "", ""         # the words, and the look (vitals_layout.BODY_STYLE's `status`)
        label = row.label
        placed = self._placement(row)
        if row.extra and placed is not None:
            label = self.tr("Unscheduled")
        if row.acknowledged is not None:
            # who and when on lines of their own: a name does not fit beside the time in the narrow column
            status = self.tr("✓ ack. {0}<br/>{1}").format(row.acknowledged[1].strftime("%H:%M"),
                                                              escape(row.acknowledged[0]))
        elif self.banner.shows(row.key):
            status, style = self.tr("⚠ ALERT"), "alert"
        elif (row.saved is None and placed is not None and not row.extra and row.touched()
              and placed.point_min != row.offset_min):
            # the typed time is not this row's point: said at once, confirmed before saving (issue 14)
            where = (short_label(placed.point_min) if placed.point_min is not None else self.tr("unscheduled"))
            status = self.tr("⚠ {0:+d} min:<br/>{1}").format(placed.whole_minutes, where)
            style = "placement"
        elif row.saved is not None:
            status = self.tr("✓ saved")
            if row.extra and placed is not None:
                status = self.tr("{0:+d} min ✓").format(placed.whole_minutes)
        elif due is not None and not row.extra and row.offset_min == due.next_offset_min:
            when = due.due_at.strftime("%H:%M") if due.due_at else ""
            status = (self.tr("▶ DUE {0} (+{1} min)").format(when, due.minutes_late) if due.minutes_late
                      else self.tr("▶ due {0}").format(when))
            style = "due"
        elif due is not None and row.offset_min in due.missed_offsets:
            status, style = self.tr("missed"), "missed"
        elif row.extra and placed is not None:
            status = self.tr("{0:+d} min").format(placed.whole_minutes)
        text = f"<b>{escape(label)}</b><br/><small>{status}</small>"
        if row.heading.text() != text:
            row.heading.setText(text)
            row.fit_heading()
        set_look(row.heading, "status", style or "none")

    def _placement(self: VitalsGrid, row: VitalsRow) -> vitals_time.Slot | None:
        """The protocol point the row's typed time belongs to (None: no start or no time yet)."""
        if self.start is None:
            return None
        reference = row.saved.measured_at if row.saved is not None and row.saved.measured_at else self._now()
        when = row.measured_at(reference)
        if when is None:
            return None
        points = [r.offset_min for r in self.rows if not r.extra and r.offset_min is not None]
        slot = vitals_time.slot_for(points, vitals_time.minutes_after_start(self.start, when))
        self._slot_points[row.key] = slot.point_min       # which saves can change this row's words
        owner = self.row_for(f"tp{slot.point_min}") if slot.point_min is not None else None
        if owner is not None and owner is not row and owner.saved is not None:
            return vitals_time.Slot(slot.minutes, None)     # its point is taken: unscheduled (as the service says)
        return slot
