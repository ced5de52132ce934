"""The layering of ../shared/architecture.md, checked rather than hoped for.

Everything but `nkdesk.ui` and `nkdesk.app` imports and runs headless commands without loading
PySide6; the import-linter contracts in pyproject.toml hold for every import statement, including
those inside functions.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tokenize

from tests.clirun import ROOT

_PROBE = r"""
import importlib, json, pkgutil, sys, io, contextlib
import nkdesk
skipped = ("nkdesk.ui", "nkdesk.app")
names = []
for info in pkgutil.walk_packages(nkdesk.__path__, "nkdesk."):
    if info.name.startswith(skipped) or info.name == "nkdesk.__main__":
        continue
    importlib.import_module(info.name)
    names.append(info.name)
from nkdesk.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main(["convert", "12.3 10^4/uL", "--to", "10^9/L", "--json"])
    status |= main(["eligibility", sys.argv[1], "--json"])
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": names, "qt": qt, "status": status}))
"""


def test_headless_code_never_loads_qt():
    """Importing every non-UI module and running headless subcommands loads no PySide6 module."""
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT / "tests" / "data" / "contract_example.json")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["status"] == 0
    assert "nkdesk.rules.eligibility" in report["imported"] and "nkdesk.cli" in report["imported"]
    assert report["qt"] == []


def test_import_contracts_hold():
    """import-linter: only nkdesk.ui and nkdesk.app import Qt; rules and storage stay below."""
    lint = ROOT / ".venv" / "bin" / "lint-imports"
    command = [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"]
    proc = subprocess.run([*command, "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "BROKEN" not in proc.stdout


_SQL = re.compile(r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b")


def _sql_strings(path):
    """(line, text) of every string literal in a module that holds an SQL statement."""
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type == tokenize.STRING and _SQL.search(token.string):
                yield token.start[0], token.string


def test_sql_lives_in_storage():
    """No SQL statement outside nkdesk/storage: services, the window, forms and the CLI read through
    storage functions named for what they read (and the check finds SQL where it is)."""
    package = ROOT / "nkdesk"
    found = {f"{p.relative_to(ROOT)}:{line}": text for p in sorted(package.rglob("*.py"))
             if "storage" not in p.relative_to(package).parts for line, text in _sql_strings(p)}
    assert found == {}
    assert any(True for _ in _sql_strings(package / "storage" / "records.py"))
