"""Run `nkdesk …` the way a terminal user does: a real subprocess, its exit status and streams."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parent.parent


@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


def nkdesk(*args: str, stdin: str | None = None, env: dict | None = None, timeout: float = 60) -> Result:
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run([sys.executable, "-m", "nkdesk", *args], input=stdin, capture_output=True,
                          text=True, env=full_env, cwd=ROOT, timeout=timeout)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def in_process(capsys, *args: str) -> Result:
    """Call the CLI's main() in this process (fast, for many cases); same streams and status."""
    from nkdesk.cli import main

    status = main(list(args))
    captured = capsys.readouterr()
    return Result(status, captured.out, captured.err)
