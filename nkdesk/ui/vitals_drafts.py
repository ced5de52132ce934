"""The vital-signs grid's drafts (the Editor protocol, ui/editor.py): a half-typed row is kept
through the owner's `DraftKeeper` within a second of the last key, and put back by
`restore_drafts`. A mixin of `VitalsGrid` (vitals_grid.py), which holds the rows, the save state
line and the timers these methods use."""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer

from nkdesk.ui.editor import State
from nkdesk.ui.vitals_row import RowState, VitalsRow, same_set

if TYPE_CHECKING:
    from nkdesk.ui.vitals_grid import VitalsGrid

DRAFT_EVERY_MS = 800      # what is typed is kept at most this long after a key (issue 14: "about a second")


class DraftKeeper(Protocol):
    """Where the grid's drafts go (the owner: services.drafts for this patient and infusion)."""

    def __call__(self, key: str, typed: dict[str, str]) -> str | None:
        """Keep row `key` as typed; the clock time it was kept ("HH:MM:SS"), or None if it could not be."""
        ...


class GridDrafts:
    """Drafts of the grid's rows (mixed into VitalsGrid)."""

    def _typed(self: VitalsGrid, row: VitalsRow, state: RowState, changed: bool) -> None:
        """Something was typed in `row`: a draft is due within DRAFT_EVERY_MS (never postponed by more keys)."""
        if not (state.touched and (row.saved is None or changed)) and row.key not in self._drafted:
            return
        self._dirty.add(row.key)
        self.save_state.show_state(State.UNSAVED)
        if self.drafts is not None and not self._draft_timer.isActive():
            self._draft_timer.start()

    def unsaved(self: VitalsGrid) -> bool:
        """A row holds typing that is not a saved set (it may be kept as a draft)."""
        for row in self.rows:
            state = self._state(row)
            if state.touched and (row.saved is None or not same_set(state.vitals, row.saved)):
                return True
        return False

    def keep(self: VitalsGrid) -> None:
        """Keep every row typed in since its last draft, as typed (no question asked)."""
        self._draft_timer.stop()
        if self.drafts is None or not self._dirty:
            return
        at = None
        for key in sorted(self._dirty):
            row = self.row_for(key)
            if row is not None:
                at = self.drafts(key, row.typed()) or at
                self._drafted.add(key)
        self._dirty.clear()
        if at is not None:
            self.save_state.show_state(State.DRAFT_KEPT, at)
        else:
            self.save_state.show_state(State.PROBLEMS, detail=self.tr("the draft could not be kept"))

    def leave(self: VitalsGrid) -> bool:
        """Leaving the grid keeps each half-typed row as a draft (a row needs no signature): never asks."""
        self.keep()
        return True

    def restore_drafts(self: VitalsGrid, typed_by_key: dict[str, dict[str, str]], kept_at: str = "") -> list[str]:
        """Put drafts back into their rows (an extra row is added for an extra set's draft); returns
        the labels of the rows restored. What is restored stays unsaved until it is saved for real."""
        labels = []
        for key, typed in typed_by_key.items():
            if not any(str(v or "") for name, v in typed.items() if name not in ("time", "temperature_unit")):
                continue
            row = self.row_for(key)
            if row is None and key.startswith("extra"):
                row = self.row_for(self.add_extra_set())
                row.key = key
            if row is None:
                continue
            self._drafted.add(key)
            row.restore(typed)
            self._dirty.discard(key)             # it is the draft already
            labels.append(row.label)
        if labels:
            self.save_state.show_state(State.DRAFT_KEPT, kept_at, self.tr(
                "restored in the {0} row — finish it to save it").format(", ".join(labels)))
            first = self.row_for(next(iter(typed_by_key)))
            if first is not None:       # the restored row in view, once the grid is laid out
                target = first.editors["time"]
                QTimer.singleShot(0, self.scroll, lambda: self.scroll.ensureWidgetVisible(target, 20, 40))
        return labels

    def saved_elsewhere(self: VitalsGrid, key: str) -> None:
        """The owner did not save row `key` as typed (refused, or the user did not confirm): it is unsaved again."""
        row = self.row_for(key)
        if row is not None:
            row.saved, row.saved_reason = None, ""
            self._dirty.add(key)
            self.save_state.show_state(State.UNSAVED)
            if self.drafts is not None and not self._draft_timer.isActive():
                self._draft_timer.start()
            self._show_heading(row)
