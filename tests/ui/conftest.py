"""Window tests: a demo database per test and a scripted `Prompts`, so that whole workflows run
without modal dialogs (the dialogs themselves are tested on their own, shown modelessly)."""
from __future__ import annotations

import shutil
from collections import deque
from pathlib import Path

import pytest


class ScriptedPrompts:
    """Answers the window's questions from queues a test fills; records problems shown."""

    def __init__(self):
        self.answers: dict[str, deque] = {}
        self.problems: list[str] = []
        self.asked: list[tuple[str, tuple]] = []
        self.previews: list[tuple[str, bytes]] = []

    def will(self, kind: str, *answers) -> ScriptedPrompts:
        self.answers.setdefault(kind, deque()).extend(answers)
        return self

    def _next(self, kind: str, *context):
        self.asked.append((kind, context))
        queue = self.answers.get(kind)
        if not queue:
            raise AssertionError(f"the window asked an unexpected {kind} question: {context}")
        return queue.popleft()

    def credentials(self, title, intro, authenticate, *, username="", fixed_user=False) -> bool:
        answer = self._next("credentials", title)
        if answer is None:
            return False
        name, password = answer
        problem = authenticate(username if fixed_user else name, password)
        if problem:
            self.problems.append(problem)
            return self.credentials(title, intro, authenticate, username=username, fixed_user=fixed_user)
        return True

    def signature(self, signer_name, meaning, record, *, ask_username=False, note_label=None):
        return self._next("signature", meaning, record)

    def reason(self, title, question):
        return self._next("reason", title)

    def date(self, title, question, default=""):
        return self._next("date", title)

    def patient_details(self, patient=None, check=None):
        return self._next("patient", patient)

    def first_administrator(self):
        return self._next("first_administrator")

    def choose(self, title, question, options):
        return self._next("choose", title, tuple(options))

    def preview(self, pdf, suggested_name, paper):
        self.asked.append(("preview", (suggested_name, paper)))
        self.previews.append((suggested_name, pdf))

    def confirm(self, title, text) -> bool:
        return self._next("confirm", title)

    def problem(self, text) -> None:
        self.problems.append(text)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    """One demo database for the session (cheap password hashing); each test copies it."""
    from nkdesk.services import demo
    from nkdesk.storage import passwords
    from nkdesk.storage.database import open_database

    cost = passwords.COST_N
    passwords.COST_N = 2 ** 10
    try:
        path = tmp_path_factory.mktemp("demo-template") / "nkdesk.sqlite3"
        store = open_database(path, create=True)
        demo.populate(store, "tester")
        store.close()
    finally:
        passwords.COST_N = cost
    return path


@pytest.fixture
def demo_db(tmp_path, _demo_template, cheap_passwords) -> Path:
    target = tmp_path / "ward" / "nkdesk.sqlite3"
    target.parent.mkdir()
    for suffix in ("", ".anchor.json"):
        source = Path(str(_demo_template) + suffix)
        if source.exists():
            shutil.copyfile(source, Path(str(target) + suffix))
    return target


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def window(qtbot, demo_db, prompts):
    """The main window on a demo database, loaded (as after its first paint), nobody signed in."""
    from nkdesk.ui.main_window import MainWindow

    main = MainWindow(demo_db, sign_in=False, prompts=prompts)
    qtbot.addWidget(main)
    main.show()
    main.load_rest()
    yield main
    main.lock_timer.stop()
    main.shut_down()


def sign_in(window, prompts, username: str, password: str) -> None:
    prompts.will("credentials", (username, password))
    assert window.sign_in(), prompts.problems
