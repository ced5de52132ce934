"""`nkdesk gui --smoke`: the real main() in a subprocess (a second QApplication would abort)."""
from __future__ import annotations

import os

from tests.clirun import nkdesk


def test_smoke_prints_start_up_times_and_exits_0(tmp_path):
    """The window opens offscreen, prints shown_s and ready_s (seconds) and exits 0."""
    result = nkdesk("gui", "--smoke", "--db", str(tmp_path / "smoke.sqlite3"),
                    env={"QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert result.status == 0, result.err
    body = result.json
    assert set(body) >= {"shown_s", "ready_s"}
    assert 0 < body["shown_s"] <= body["ready_s"] < 30
    assert "Traceback" not in result.err
    assert os.environ.get("QT_QPA_PLATFORM") == "offscreen"
