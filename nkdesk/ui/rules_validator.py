"""A QValidator that asks the rules: the window's number boxes accept exactly what the CLI accepts.

Qt's own validators read numbers by the locale (QDoubleValidator took `45,5` as 455 in en_US and
as 45.5 in de_DE) and silently eat keystrokes they dislike (a `\\d{0,3}` pattern turned a typed
`1200` into `120`). This one never does either: every keystroke stays in the box, and the text is
judged by a rules function (`units.parse`, `vitals.whole_number`, …) — Acceptable when the rules
accept it, Intermediate otherwise, with the rules' own message kept in `problem` for the field to
show inline. Blank is Acceptable: whether a value is required is the page's and the rules' business.
No clinical logic here: `check` is a call into `nkdesk.rules`.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QValidator

from nkdesk.rules.errors import InputError
from nkdesk.ui import messages


class RulesValidator(QValidator):
    """Acceptable when `check(text)` returns; Intermediate (never Invalid) when it raises InputError."""

    def __init__(self, check: Callable[[str], object], parent=None):
        super().__init__(parent)
        self._check = check

    def problem_for(self, text: str) -> str | None:
        """The rules' message for `text`, or None when it is blank or accepted."""
        if not text.strip():
            return None
        try:
            self._check(text)
        except InputError as exc:
            return messages.problem_sentence(exc)      # the rules' sentence, or its code worded in Japanese
        return None

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state = QValidator.State.Intermediate if self.problem_for(text) else QValidator.State.Acceptable
        return state, text, pos

    def fixup(self, text: str) -> str:
        return text   # never rewrite what was typed
