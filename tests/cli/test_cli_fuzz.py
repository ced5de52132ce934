"""Every subcommand, fed what a careless typist might type: exit 0, 1 or 2, never 70 (issue 12).

`main(argv)` is called in this process for a few hundred hypothesis cases (tests/cli/fuzz_cases.py;
benchmarks/cli_fuzz_bench.py runs 10,000). Whatever the input: the exit status is 0, 1 or 2; exit 2
comes with exactly one line on stderr (at most 200 characters) and nothing on stdout; with --json an
answer is one JSON object without NaN or Infinity (../shared/cli-contract.md, "General rules").
"""
from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from tests.cli import fuzz_cases


@pytest.fixture(scope="module")
def _demo_files(tmp_path_factory):
    """A demo database and a backup of it, made once (cheap password hashing)."""
    from nkdesk.services import demo
    from nkdesk.storage import backup, passwords
    from nkdesk.storage.database import open_database

    folder = tmp_path_factory.mktemp("fuzz-template")
    cost = passwords.COST_N
    passwords.COST_N = 2 ** 10
    try:
        with open_database(folder / "demo.sqlite3", create=True) as store:
            demo.populate(store, "tester")
    finally:
        passwords.COST_N = cost
    taken = backup.take(folder / "demo.sqlite3", to=folder / "demo-backup.sqlite3")
    return folder, taken.path


@pytest.fixture
def paths(_demo_files, tmp_path, monkeypatch, cheap_passwords, contract_example):
    """A private copy of the demo files; the working folder is tmp_path, so relative paths stay in it."""
    import json

    template, backup_path = _demo_files
    for name in ("demo.sqlite3", "demo.sqlite3.anchor.json", backup_path.name, backup_path.name + ".json"):
        if (template / name).exists():
            shutil.copyfile(template / name, tmp_path / name)
    example = json.dumps(contract_example)
    (tmp_path / "assessment.json").write_text(example)
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    return fuzz_cases.Paths(db=str(tmp_path / "demo.sqlite3"), backup=str(tmp_path / backup_path.name),
                            assessment=str(tmp_path / "assessment.json"), folder=str(tmp_path / "folder"),
                            example=example)


@settings(max_examples=300, deadline=timedelta(seconds=30), database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much, HealthCheck.data_too_large])
@given(data=fuzz_cases.st.data())
def test_any_command_line_gets_a_contract_answer(paths, data):
    """Exit 0, 1 or 2; one stderr line on 2; valid JSON with --json; never an internal error."""
    argv, stdin = data.draw(fuzz_cases.command_lines(paths))
    outcome = fuzz_cases.run(argv, stdin)
    assert fuzz_cases.problems(argv, outcome) == [], (argv, outcome)
