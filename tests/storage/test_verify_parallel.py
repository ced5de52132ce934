"""On a large file `nkdesk verify` replays the tables in a second process (storage/verify_replay.py)
beside the chain walk. The answer must be the one the single process gives: the same records
checked, the same findings in the same order — for a sound file, a table row changed around
NKDesk, a row deleted around NKDesk, and a file that fails while being read."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from nkdesk.storage import verify, verify_replay


def _both(monkeypatch, path: Path):
    monkeypatch.setattr(verify_replay, "PARALLEL_FROM", 10 ** 12)
    alone = verify.verify(path)
    started: list[object] = []
    real_start = verify_replay.start

    def watched(*args):
        pending = real_start(*args)
        started.append(pending)
        return pending

    monkeypatch.setattr(verify_replay, "PARALLEL_FROM", 0)
    monkeypatch.setattr(verify_replay, "start", watched)
    beside = verify.verify(path)
    assert started and started[0] is not None, "the replay did not run in a second process"
    return alone, beside


def _edit(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("sql", [
    None,
    "UPDATE patients SET initials = 'QQ' WHERE id = (SELECT max(id) FROM patients)",
    "DELETE FROM lab_results WHERE id = (SELECT min(id) FROM lab_results)",
])
def test_the_second_process_finds_what_one_process_finds(ward, monkeypatch, sql):
    if sql is not None:
        _edit(ward, sql)
    alone, beside = _both(monkeypatch, ward)
    assert beside.records_checked == alone.records_checked > 0
    assert beside.problems == alone.problems
    assert beside.ok == (sql is None)
    if sql is not None:
        assert any(p.kind == "record" for p in beside.problems)


def test_a_broken_chain_stops_the_second_process(ward, monkeypatch):
    conn = sqlite3.connect(ward)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET reason = 'rewritten' WHERE seq = 3")
    conn.commit()
    conn.close()
    alone, beside = _both(monkeypatch, ward)
    assert beside.problems[0].kind == alone.problems[0].kind == "chain"
    assert beside.problems == alone.problems and beside.records_checked == 0
