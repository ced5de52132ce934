"""When did this process start? For `nkdesk gui --smoke` and the start-up benchmark.

On Linux the kernel's record of the process start (/proc/self/stat, in clock ticks since boot)
is read against CLOCK_BOOTTIME, so the interpreter's own start-up is counted; elsewhere the
clock starts when this module is first imported. Standard library only; imported first by the CLI.
"""
from __future__ import annotations

import os
import time

_IMPORTED_AT = time.perf_counter()


def _age_from_proc() -> float | None:
    try:
        with open("/proc/self/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5); fields[0] is field 3
        ticks = os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / ticks
    except (OSError, ValueError, IndexError, AttributeError):
        return None


_AGE_AT_IMPORT = _age_from_proc()


def process_start() -> float:
    """The perf_counter() reading that corresponds to this process's start."""
    if _AGE_AT_IMPORT is not None and 0 <= _AGE_AT_IMPORT < 60:
        return _IMPORTED_AT - _AGE_AT_IMPORT
    return _IMPORTED_AT


def seconds_since_start() -> float:
    return time.perf_counter() - process_start()
