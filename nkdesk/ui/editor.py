"""What every editor of the window shares: one notion of "unsaved", shown beside the editor, and
what leaving it means.

`SaveState` is the small label beside an editor: "Saved at 14:02" · "Unsaved — draft kept at
14:03:11" · "Has problems: not saved" · "Unsaved". `Editor` is what PatientView asks of each tab
before the patient changes, another tab is shown, the user signs out or quits (`leave`: keep a
draft or ask keep editing / save / discard; False means stay), and on the idle lock (`keep`: keep
every edit as it is, never ask). Drafts themselves are kept by `services.drafts`.
"""
from __future__ import annotations

from enum import Enum
from typing import Protocol

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


class Editor(Protocol):
    def unsaved(self) -> bool:
        """Something typed is not saved as a record (it may be kept as a draft)."""
        ...

    def keep(self) -> None:
        """Keep every edit as it is, as a draft, without asking (idle lock, crash safety)."""
        ...

    def leave(self) -> bool:
        """The user is leaving: keep a draft, or ask (keep editing / save / discard, a discard
        recorded); False if the user chose to keep editing."""
        ...


class State(Enum):
    SAVED = "saved"
    UNSAVED = "unsaved"
    DRAFT_KEPT = "draft"
    PROBLEMS = "problems"
    EMPTY = "empty"


_COLOURS = {State.SAVED: "#1b5e20", State.UNSAVED: "#8a4b00", State.DRAFT_KEPT: "#8a4b00",
            State.PROBLEMS: "#b00020", State.EMPTY: "#444444"}


class SaveState(QLabel):
    """The editor's state in words, beside it."""

    def __init__(self, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(self.tr("Save state"))
        self.setWordWrap(True)
        self.state = State.EMPTY
        self.show_state(State.EMPTY)

    # The state line is as tall as a button at any text size: a "Discard draft…" button shown beside it
    # when a draft is kept then does not push the form down under the user's next click (ward walk).
    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), _button_height(self.font())))

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), _button_height(self.font())))

    def heightForWidth(self, width: int) -> int:  # noqa: N802 — Qt's name (a wrapping label is laid out by it)
        return max(super().heightForWidth(width), _button_height(self.font()))

    def show_state(self, state: State, at: str = "", detail: str = "") -> None:
        self.state = state
        words = {
            State.SAVED: self.tr("Saved at {0}").format(at) if at else self.tr("Saved"),
            State.UNSAVED: self.tr("Unsaved"),
            State.DRAFT_KEPT: (self.tr("Unsaved — draft kept at {0}").format(at) if at
                               else self.tr("Unsaved — draft kept")),
            State.PROBLEMS: self.tr("Has problems: not saved"),
            State.EMPTY: "",
        }[state]
        if detail:
            words = f"{words} — {detail}" if words else detail
        self.setText(words)
        self.setStyleSheet(f"color: {_COLOURS[state]}; font-weight: bold;")


_BUTTON_HEIGHTS: dict[tuple[str, float], int] = {}


def _button_height(font: QFont) -> int:
    """A push button's height in this font (the style sheet's padding included), measured once."""
    key = (font.family(), font.pointSizeF())
    if key not in _BUTTON_HEIGHTS:
        probe = QPushButton("X")
        probe.setFont(font)
        _BUTTON_HEIGHTS[key] = probe.sizeHint().height()
        probe.deleteLater()
    return _BUTTON_HEIGHTS[key]
