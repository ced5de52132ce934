"""Lint, checked rather than hoped for: ruff with the rules and line length in pyproject.toml."""
from __future__ import annotations

import subprocess
import sys

from tests.clirun import ROOT


def test_ruff_finds_nothing():
    """ruff (E, F, B, I, UP, SIM; 120 columns) reports no finding in the code, tests, benchmarks and scripts."""
    ruff = ROOT / ".venv" / "bin" / "ruff"
    command = [str(ruff)] if ruff.exists() else [sys.executable, "-m", "ruff"]
    proc = subprocess.run([*command, "check", "nkdesk", "tests", "benchmarks", "scripts", "main.py"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
