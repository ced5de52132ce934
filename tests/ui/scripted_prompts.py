"""`ScriptedPrompts`: the window's questions (`nkdesk.ui.prompts.Prompts`) answered from queues a test
fills, with the problems shown recorded, so that whole workflows run without modal dialogs.

Type-checked with mypy --strict against the protocol (tests/test_types.py): a question the window
gains or changes must be answered here with the same signature.
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from nkdesk.ui.prompts import Authenticate, DraftKeeper, PatientCheck, Prompts

if TYPE_CHECKING:
    from nkdesk.domain import Patient


class ScriptedPrompts:
    """Answers the window's questions from queues a test fills; records problems shown."""

    def __init__(self) -> None:
        self.answers: dict[str, deque[Any]] = {}
        self.problems: list[str] = []
        self.asked: list[tuple[str, tuple[object, ...]]] = []
        self.previews: list[tuple[str, bytes]] = []
        self.drafts_offered: list[DraftKeeper | None] = []   # the patient dialog's draft keepers

    def will(self, kind: str, *answers: Any) -> ScriptedPrompts:
        self.answers.setdefault(kind, deque()).extend(answers)
        return self

    def _next(self, kind: str, *context: object) -> Any:
        self.asked.append((kind, context))
        queue = self.answers.get(kind)
        if not queue:
            raise AssertionError(f"the window asked an unexpected {kind} question: {context}")
        answer = queue.popleft()
        # a callable answers when asked: a test can look at the window while the question is open
        return answer(*context) if callable(answer) else answer

    def credentials(self, title: str, intro: str, authenticate: Authenticate, *, username: str = "",
                    fixed_user: bool = False) -> bool:
        answer: tuple[str, str] | None = self._next("credentials", title)
        if answer is None:
            return False
        name, password = answer
        problem = authenticate(username if fixed_user else name, password)
        if problem:
            self.problems.append(problem)
            return self.credentials(title, intro, authenticate, username=username, fixed_user=fixed_user)
        return True

    def signature(self, signer_name: str, meaning: str, record: str, *, ask_username: bool = False,
                  note_label: str | None = None) -> tuple[str, str, str] | None:
        answer: tuple[str, str, str] | None = self._next("signature", meaning, record)
        return answer

    def reason(self, title: str, question: str) -> str | None:
        answer: str | None = self._next("reason", title)
        return answer

    def date(self, title: str, question: str, default: str = "") -> str | None:
        answer: str | None = self._next("date", title)
        return answer

    def patient_details(self, patient: Patient | None = None, check: PatientCheck | None = None,
                        draft: DraftKeeper | None = None) -> dict[str, Any] | None:
        self.drafts_offered.append(draft)
        answer: dict[str, Any] | None = self._next("patient", patient)
        return answer

    def first_administrator(self) -> tuple[str, str, str] | None:
        answer: tuple[str, str, str] | None = self._next("first_administrator")
        return answer

    def choose(self, title: str, question: str, options: dict[str, str]) -> str | None:
        answer: str | None = self._next("choose", title, tuple(options))
        return answer

    def preview(self, pdf: bytes, suggested_name: str, paper: str) -> None:
        self.asked.append(("preview", (suggested_name, paper)))
        self.previews.append((suggested_name, pdf))

    def confirm(self, title: str, text: str) -> bool:
        answer: bool = self._next("confirm", title, text)
        return answer

    def problem(self, text: str) -> None:
        self.problems.append(text)


# mypy checks here that the double implements every question with the protocol's signature.
_IMPLEMENTS: type[Prompts] = ScriptedPrompts
