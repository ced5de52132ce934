"""scripts/dev.py, the README's two commands: library checks and the advice when not root."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.clirun import ROOT


@pytest.fixture
def dev():
    spec = importlib.util.spec_from_file_location("nkdesk_dev", ROOT / "scripts" / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_missing_library_prints_exact_apt_line_when_not_root(dev, monkeypatch, capsys):
    """Without root, set-up prints the exact install line for what is missing and stops."""
    monkeypatch.setattr(dev.ctypes.util, "find_library", lambda name: None if name == "EGL" else f"lib{name}.so")
    monkeypatch.setattr(dev.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(dev, "has_fonts", lambda: True)
    with pytest.raises(SystemExit) as stopped:
        dev.ensure_system(window=False)
    assert stopped.value.code == 1
    out = capsys.readouterr().out
    assert "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libegl1" in out


def test_nothing_missing_installs_nothing(dev, monkeypatch):
    """When every library is present, set-up neither installs nor stops (quick second run)."""
    monkeypatch.setattr(dev.ctypes.util, "find_library", lambda name: f"lib{name}.so")
    monkeypatch.setattr(dev, "has_fonts", lambda: True)
    monkeypatch.setattr(dev, "apt_install", lambda *a: pytest.fail("nothing should be installed"))
    dev.ensure_system(window=True)


def test_window_needs_the_xcb_libraries_too(dev, monkeypatch):
    """Opening a real window checks the X11 libraries as well as the offscreen ones."""
    asked = []
    monkeypatch.setattr(dev.ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else "x")
    monkeypatch.setattr(dev, "has_fonts", lambda: True)
    monkeypatch.setattr(dev, "apt_install", lambda packages, why: asked.extend(packages))
    dev.ensure_system(window=False)
    assert asked == []
    dev.ensure_system(window=True)
    assert asked == ["libxcb-cursor0"]


def test_ci_runs_the_readme_test_command():
    """.ci/run calls the README's test command and nothing else."""
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 scripts/dev.py test" in readme
    commands = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert commands[-1].strip() == "exec python3 scripts/dev.py test"
    assert sys.version_info >= (3, 11)
