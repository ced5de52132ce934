"""The quick check every open runs (issue 15): is the file's header whole, and its length the one
the header gives? Reads 100 bytes and a file size; no SQLite connection, so it cannot fail on
a damaged body, and it catches the damage SQLite itself would only meet pages later (a file cut
short, bytes appended). `nkdesk verify` runs it first; opening the ward database refuses a file it
flags, naming the file and offering the last good backup.
"""
from __future__ import annotations

from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


def damage(path: Path) -> str | None:
    """What is wrong with the file of an SQLite database at `path` (its header says SQLite), or None."""
    path = Path(path)
    with path.open("rb") as handle:
        header = handle.read(100)
    if header[:len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        return "it is empty" if not header else "its SQLite header is gone"
    if len(header) < 100:
        return f"it was cut short inside its header ({len(header)} bytes)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if not (pages and header[24:28] == header[92:96] and page_size):   # the header's page count is not kept
        return None
    expected, actual = pages * page_size, path.stat().st_size
    if actual < expected:
        return f"it was cut short ({actual} of its {expected} bytes are left)"
    wal = Path(str(path) + "-wal")
    if actual > expected and not (wal.exists() and wal.stat().st_size):
        return f"{actual - expected} bytes follow its last page"
    return None
