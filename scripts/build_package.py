#!/usr/bin/env python3
"""Build the NKDesk site package: a self-contained folder that runs with no Python installed.

    python3 scripts/build_package.py                 # set up, build dist/NKDesk/, pack the archive
    python3 scripts/build_package.py --no-archive    # the folder only

On Linux the result is `dist/NKDesk/` (run `dist/NKDesk/nkdesk`) and
`dist/NKDesk-<version>-linux-x86_64.tar.gz`, the version read from pyproject.toml. On Windows it is
`dist\\NKDesk\\` and, when Inno Setup's ISCC.exe is on PATH, the installer built from
packaging/windows/nkdesk.iss. No AppImage: appimagetool is not in any package registry we can
use (see docs/site.md).

Set-up is scripts/dev.py's (the same .venv, system libraries and build tools), so this runs from a
fresh checkout. Standard library only, like dev.py: it runs before the virtual environment exists.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "nkdesk.spec"
BUNDLE_NAME = "NKDesk"


def load_dev():
    """scripts/dev.py as a module: its set-up (system libraries, .venv) is ours too."""
    spec = importlib.util.spec_from_file_location("nkdesk_dev", ROOT / "scripts" / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    return f"{system}-{platform.machine().lower()}"


def project_python() -> Path:
    """The project's virtual environment, set up by scripts/dev.py (quick when already done)."""
    dev = load_dev()
    dev.ensure_system(window=False, build=True)
    if Path(sys.prefix).resolve() == dev.VENV.resolve():
        return Path(sys.executable)
    return dev.ensure_venv()


def build(python: Path, dist: Path, work: Path) -> Path:
    """Run PyInstaller on nkdesk.spec; returns the bundle folder."""
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(command, check=True, cwd=ROOT)
    bundle = dist / BUNDLE_NAME
    if not bundle.is_dir():
        raise SystemExit(f"build_package: PyInstaller finished but {bundle} is missing")
    return bundle


def folder_size(folder: Path) -> int:
    """Bytes in the folder's files, symlinks counted as links (what unpacking the archive takes)."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_symlink():
            total += len(os.readlink(path))
        elif path.is_file():
            total += path.stat().st_size
    return total


def pack(bundle: Path, version: str, dist: Path) -> Path:
    """dist/NKDesk-<version>-<os>-<arch>.tar.gz holding one folder NKDesk-<version>/ (links and modes kept)."""
    archive = dist / f"{BUNDLE_NAME}-{version}-{platform_tag()}.tar.gz"
    partial = archive.with_suffix(".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{BUNDLE_NAME}-{version}")
    partial.replace(archive)
    return archive


def windows_installer(bundle: Path, version: str, dist: Path) -> Path | None:
    """Run Inno Setup when it is installed (Windows only); otherwise say how."""
    script = ROOT / "packaging" / "windows" / "nkdesk.iss"
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    command = [iscc or "ISCC.exe", f"/DAppVersion={version}", f"/DSourceDir={bundle}", f"/O{dist}", str(script)]
    if not iscc:
        print(f"build_package: Inno Setup not found; to build the installer run: {' '.join(command)}")
        return None
    subprocess.run(command, check=True)
    return dist / f"NKDesk-{version}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's work folder (default: build/pyinstaller)")
    parser.add_argument("--no-archive", action="store_true", help="build the folder, do not pack it")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    version = project_version()
    python = project_python()
    started = time.perf_counter()
    bundle = build(python, args.dist.resolve(), args.work.resolve())
    figures = {"version": version, "bundle": str(bundle), "build_s": round(time.perf_counter() - started, 1),
               "unpacked_bytes": folder_size(bundle)}
    if not args.no_archive:
        started = time.perf_counter()
        if sys.platform == "win32":
            installer = windows_installer(bundle, version, args.dist.resolve())
            figures["installer"] = str(installer) if installer else None
        else:
            archive = pack(bundle, version, args.dist.resolve())
            figures.update(archive=str(archive), archive_bytes=archive.stat().st_size,
                           pack_s=round(time.perf_counter() - started, 1))
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"NKDesk {version}: {bundle} ({figures['unpacked_bytes'] / 1e6:.1f} MB unpacked, "
              f"built in {figures['build_s']} s)")
        if "archive" in figures:
            print(f"archive: {figures['archive']} ({figures['archive_bytes'] / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
