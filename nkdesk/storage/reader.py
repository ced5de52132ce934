"""What storage's read functions read through: the open `Store`, or a `Transaction` inside a save.

Functions named for what they read (records.py, patients.py, …) take a `Reader`, so a service
reads the same way before a save and inside it (where it sees the save's own writes).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Protocol


class Reader(Protocol):
    def one(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Row | None: ...

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]: ...
