"""The vital-signs grid at the keyboard: Return moves on as Tab does, C or F choose the temperature's
unit, an empty time box takes the clock for a set being taken now (never a slot still to come), a
click into a value selects it, leaving a row hands it to `commit_row`, and the keyboard goes to the
next set to take after an acknowledgement. A mixin of `VitalsGrid` (vitals_grid.py), which holds the
rows and the clock these methods use."""
from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from nkdesk.ui.vitals_row import FIELDS, VitalsRow

if TYPE_CHECKING:
    from nkdesk.ui.vitals_grid import VitalsGrid

STAMP_WITHIN_MIN = 15   # an empty time box takes the clock time for a set due within this (as the round lists it)


class GridKeys:
    """Keyboard and focus of the grid's rows (mixed into VitalsGrid)."""

    def eventFilter(self: VitalsGrid, watched, event) -> bool:
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter) \
                and not (isinstance(watched, QComboBox) and watched.view().isVisible()):
            self._advance(watched)
            return True
        if event.type() == QEvent.KeyPress and watched.objectName().endswith("_temperature_unit") \
                and event.key() in (Qt.Key_C, Qt.Key_F):
            # "°C"/"°F" start with the degree sign, so the combo's own type-ahead cannot find them
            watched.setCurrentIndex(watched.findData("degC" if event.key() == Qt.Key_C else "degF"))
            return True
        if event.type() == QEvent.FocusIn and isinstance(watched, QLineEdit) \
                and watched.objectName().endswith("_time") and not watched.text() and self._taken_now(watched):
            watched.setText(self._now().strftime("%H:%M"))
            QTimer.singleShot(0, watched.selectAll)
        elif event.type() == QEvent.FocusIn and isinstance(watched, QLineEdit) and watched.text() \
                and event.reason() == Qt.FocusReason.MouseFocusReason and not watched.objectName().endswith("_reason"):
            # a click into a value selects it, as Tab does: what is typed replaces it (ward walk: a click
            # into SpO₂ "95" and "95" typed again made "9595")
            QTimer.singleShot(0, watched.selectAll)
        return super().eventFilter(watched, event)

    def _advance(self: VitalsGrid, editor: QWidget) -> None:
        chain = [e for r in self.rows for e in (r.editors[n] for n in FIELDS)]
        index = chain.index(editor)
        following = [e for e in chain[index + 1:] if e.isEnabled() and e.focusPolicy() & Qt.FocusPolicy.TabFocus]
        (following[0] if following else self.add_extra).setFocus(Qt.TabFocusReason)

    def _taken_now(self: VitalsGrid, time_box: QWidget) -> bool:
        """Whether entering this empty time box means the set is being taken now (the clock time is
        typed for the nurse): an extra set, or a time point already due or due within
        `STAMP_WITHIN_MIN` — never a slot still to come (ward walk: a click on the 4-h row's time at
        2 h stamped the current time into it)."""
        row = self._row_of(time_box)
        if row is None or row.extra or row.offset_min is None or self.start is None:
            return True
        return self.start + timedelta(minutes=row.offset_min) <= self._now() + timedelta(minutes=STAMP_WITHIN_MIN)

    def _focus_next_set(self: VitalsGrid) -> None:
        """The keyboard to the set to take next: the due row's time box, else the first row not
        saved, else "Add extra set"."""
        due = getattr(self, "due", None)
        rows = [r for r in self.rows if not r.extra and due is not None and r.offset_min == due.next_offset_min]
        rows += [r for r in self.rows if r.saved is None]
        (rows[0].editors["time"] if rows else self.add_extra).setFocus(Qt.OtherFocusReason)

    def _row_of(self: VitalsGrid, widget) -> VitalsRow | None:
        return next((r for r in self.rows if widget in r.editors.values()), None) if widget else None

    def _on_focus_changed(self: VitalsGrid, old, new) -> None:
        row = self._row_of(old)
        if row is None or self._row_of(new) is row:
            return
        if self.commit_row(row) == "empty" and row.saved is None:
            # a row only passed through keeps no clock time: it would be stale when the set is taken
            row.editors["time"].clear()
