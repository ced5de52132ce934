"""The site package (nkdesk.spec): built once per session into tmp, smoke-tested, and looked inside.

The build and smoke test take about 25 s (2 cores), so they run with the rest of the suite and in
CI; `pytest -m "not slow"` leaves them out of a quick run.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.clirun import ROOT

SLOW = pytest.mark.slow


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    """Build the bundle into tmp and run scripts/package_smoke.py on it: (exit status, figures, bundle)."""
    out = tmp_path_factory.mktemp("package")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package_smoke.py"), "--dist", str(out / "dist"),
         "--work", str(out / "build"), "--runs", "1", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=900,
    )
    assert done.stdout.strip(), done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return done.returncode, figures, out / "dist" / "NKDesk"


def internal(bundle: Path) -> Path:
    return bundle / "_internal"


@SLOW
def test_smoke_script_passes_on_a_fresh_build(smoke):
    """Every check of scripts/package_smoke.py passes on a bundle built from this checkout."""
    status, figures, _bundle = smoke
    assert figures["failures"] == []
    assert status == 0
    assert {"--version", "eligibility", "convert", "bad input", "gui --smoke (frozen, empty data folder)"} \
        <= set(figures["passed"])


@SLOW
def test_bundle_is_within_the_size_target_and_carries_the_pyproject_version(smoke):
    """Unpacked size at most 200 MB (issue 8's 170 MB, raised for issue 17's export libraries:
    measured 186 MB); the archive is named with pyproject.toml's version."""
    _status, figures, bundle = smoke
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert figures["version"] == version
    assert 0 < figures["unpacked_bytes"] <= 225_000_000
    assert list(bundle.parent.glob(f"NKDesk-{version}-*.tar.gz"))


@SLOW
def test_every_data_file_of_the_package_and_resources_is_bundled(smoke):
    """Protocol files, any other data in nkdesk/, and everything in resources/ are in the bundle, but
    the translators' .ts sources: the window reads only the compiled .qm, which must be there."""
    _status, _figures, bundle = smoke
    wanted = [p.relative_to(ROOT) for p in (ROOT / "nkdesk").rglob("*")
              if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts]
    wanted += [p.relative_to(ROOT) for p in (ROOT / "resources").rglob("*") if p.is_file() and p.suffix != ".ts"]
    assert any(p.suffix == ".toml" for p in wanted)
    assert Path("resources/i18n/nkdesk_ja.qm") in wanted
    missing = [str(p) for p in wanted if not (internal(bundle) / p).is_file()]
    assert missing == []
    assert (internal(bundle) / "reportlab" / "fonts" / "Vera.ttf").is_file()  # reportlab's hook skips these


@SLOW
def test_unused_qt_parts_are_left_out_and_no_link_dangles(smoke):
    """Linux: only offscreen and xcb platforms (with xcb's libraries) and Japanese Qt translations; no broken link."""
    _status, _figures, bundle = smoke
    qt = internal(bundle) / "PySide6" / "Qt"
    assert sorted(p.name for p in (qt / "plugins" / "platforms").iterdir()) == ["libqoffscreen.so", "libqxcb.so"]
    assert sorted(p.name for p in (qt / "translations").iterdir()) == ["qt_ja.qm", "qtbase_ja.qm"]
    assert not list(qt.glob("plugins/wayland-*")) and not (qt / "plugins" / "platformthemes").exists()
    assert not list(qt.glob("lib/libQt6Wayland*"))
    assert (internal(bundle) / "libxcb-cursor.so.0").is_file()  # a real window needs no X11 install at the site
    dangling = [str(p) for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []


@pytest.fixture
def dev():
    spec = importlib.util.spec_from_file_location("nkdesk_dev", ROOT / "scripts" / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_setup_installs_binutils_for_pyinstaller_when_objcopy_is_missing(dev, monkeypatch):
    """`dev.py test` also needs objcopy/strip (PyInstaller on Linux): binutils is on the apt line."""
    asked = []
    monkeypatch.setattr(dev.ctypes.util, "find_library", lambda name: f"lib{name}.so")
    monkeypatch.setattr(dev, "has_fonts", lambda: True)
    monkeypatch.setattr(dev.shutil, "which", lambda tool: None if tool == "objcopy" else f"/usr/bin/{tool}")
    monkeypatch.setattr(dev, "apt_install", lambda packages, why: asked.extend(packages))
    dev.ensure_system(window=False)
    assert asked == []
    dev.ensure_system(window=False, build=True)
    assert asked == ["binutils"]
    asked.clear()  # the bundle carries the X11 libraries, so the build machine needs them
    monkeypatch.setattr(dev.ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else "x")
    monkeypatch.setattr(dev.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    dev.ensure_system(window=False, build=True)
    assert asked == ["libxcb-cursor0"]


def test_setup_installs_debians_libpython_when_the_interpreter_has_no_shared_library(dev, monkeypatch, tmp_path):
    """Debian's python3 lacks libpython3.X.so (PyInstaller needs it): package libpython3.X is installed."""
    asked = []
    monkeypatch.setattr(dev.sysconfig, "get_config_var",
                        lambda name: {"LIBDIR": str(tmp_path), "INSTSONAME": "libpython3.11.so.1.0"}.get(name))
    monkeypatch.setattr(dev.ctypes.util, "find_library", lambda name: None if name.startswith("python") else "x")
    monkeypatch.setattr(dev, "has_fonts", lambda: True)
    monkeypatch.setattr(dev.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    monkeypatch.setattr(dev, "apt_install", lambda packages, why: asked.extend(packages))
    dev.ensure_system(window=False, build=True)
    minor = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert asked == [f"libpython{minor}"]
    (tmp_path / "libpython3.11.so.1.0").write_bytes(b"")  # a pyenv/python.org build: beside the interpreter
    asked.clear()
    dev.ensure_system(window=False, build=True)
    assert asked == []
