"""Crash safety: a process saving in a loop is killed (SIGKILL) at random moments, 60 times.

After each kill: every save the child had reported as done is in the database, SQLite's integrity
check is ok, and the audit trail verifies (the anchor may lag the chain, but never leads it).
The child is forked from this process (already imported), so each round costs milliseconds.
"""
from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import time
from datetime import date

import pytest

from nkdesk.rules import units
from nkdesk.services import auth, measurements, patients
from nkdesk.storage import verify
from nkdesk.storage.database import open_database

KILLS = 60
pytestmark = pytest.mark.slow


def _child(db_path, people, write_fd: int, start: int) -> None:
    """Save patients with a lab set each, reporting each confirmed save's study ID on the pipe."""
    store = open_database(db_path)
    nurse = auth.sign_in(store, "nurse", people.password).value   # this process's own database connection
    n = start
    while True:
        study_id = f"K-{n:05d}"
        patient = patients.create_patient(store, nurse, study_id=study_id, initials="KC").value
        measurements.record_labs(store, nurse, patient.id, date(2026, 11, 1), {"wbc": "5600 /uL"})
        os.write(write_fd, f"{study_id}\n".encode())   # only after both saves returned
        n += 1


def test_killed_mid_save_loses_no_confirmed_save(store, people):
    """60 SIGKILLs at random moments: confirmed saves all present, integrity ok, verify passes."""
    path = store.path
    store.close()
    units.registry()   # built once here, inherited by every child, so the children save at once
    rng = random.Random(20261121)
    confirmed: list[str] = []
    for round_no in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            try:
                _child(path, people, write_fd, start=round_no * 10_000)
            finally:
                os._exit(1)
        os.close(write_fd)
        buffer = b""
        mid_save = round_no % 5 != 0   # every fifth child dies at a random moment from its start (opening)
        if mid_save:   # the others once saving is under way, at a random point of the save loop
            while b"\n" not in buffer:
                ready, _, _ = select.select([read_fd], [], [], 10)
                chunk = os.read(read_fd, 65536) if ready else b""
                assert chunk, f"round {round_no}: the child saved nothing (it failed, or took over 10 s)"
                buffer += chunk
        deadline = time.monotonic() + rng.uniform(0.0, 0.03 if mid_save else 0.06)
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                buffer += os.read(read_fd, 65536)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(read_fd, 65536):   # what the child wrote just before it died
            buffer += chunk
        os.close(read_fd)
        confirmed += [line for line in buffer.decode().split("\n") if line]

        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            present = {r[0] for r in conn.execute("SELECT study_id FROM patients")}
            with_labs = {r[0] for r in conn.execute(
                "SELECT p.study_id FROM patients p JOIN lab_sets s ON s.patient_id = p.id")}
        finally:
            conn.close()
        missing = [s for s in confirmed if s not in present or s not in with_labs]
        assert not missing, f"round {round_no}: confirmed saves lost: {missing[:5]}"
        report = verify.verify(path)
        assert report.ok, f"round {round_no}: {report.problems[:2]}"
    assert len(confirmed) >= KILLS * 4 // 5   # most children were killed while saving
