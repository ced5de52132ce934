"""Types, checked rather than hoped for: mypy --strict with the configuration in pyproject.toml.

Strict for `nkdesk.domain`, `rules`, `services` and `storage` (and what they import, which mypy
follows), and for the window's `Prompts` protocol against the tests' scripted double (issue 11,
item 6). No blanket escape: no module-level `ignore_errors`, and every ignore names its error code
and says why.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from tests.clirun import ROOT

STRICT_PACKAGES = ("nkdesk/domain", "nkdesk/rules", "nkdesk/services", "nkdesk/storage")
MARK = "type" + ": ignore"   # spelled in two halves so that this file is not a finding of its own test


def _mypy_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]


def test_mypy_strict_finds_nothing():
    """`mypy` (files, flags and stubs from pyproject.toml) reports no finding."""
    mypy = ROOT / ".venv" / "bin" / "mypy"
    command = [str(mypy)] if mypy.exists() else [sys.executable, "-m", "mypy"]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("Success: no issues found"), proc.stdout


def test_mypy_configuration_is_strict_for_the_four_packages():
    """Strict mode, the four packages and the Prompts check in `files`, and no override that
    switches errors off (only `ignore_missing_imports` for a library, should one ever need it)."""
    config = _mypy_config()
    assert config["strict"] is True
    assert "ignore-without-code" in config["enable_error_code"]
    assert set(STRICT_PACKAGES) <= set(config["files"])
    assert {"nkdesk/ui/prompts.py", "tests/ui/scripted_prompts.py"} <= set(config["files"])
    assert "ignore_errors" not in config and "ignore_missing_imports" not in config
    for override in config.get("overrides", []):
        assert set(override) <= {"module", "ignore_missing_imports"}, override
        assert not any(str(m).startswith("nkdesk") for m in ([override["module"]] if isinstance(
            override["module"], str) else override["module"])), override


def test_every_ignore_names_its_code_and_says_why():
    """An ignore in the code, tests, benchmarks or scripts reads `# type: ignore[code]  # why`."""
    pattern = re.compile(re.escape(MARK) + r"\[[a-z][a-z-]*(, *[a-z][a-z-]*)*\]\s+#\s*\S")
    bare = []
    for folder in ("nkdesk", "tests", "benchmarks", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if MARK in line and not pattern.search(line):
                    bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bare, "\n".join(bare)
