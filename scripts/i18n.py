#!/usr/bin/env python3
"""The window's translations: extract with Qt's lupdate, compile with lrelease (Qt Linguist pipeline).

    python scripts/i18n.py update    # re-extract every tr() of the window into resources/i18n/*.ts
    python scripts/i18n.py release   # compile the .ts files to .qm (a build output, not committed)

`update` keeps existing translations and marks new source texts "unfinished" for a translator
(tests/ui/test_translation.py fails until each has its Japanese). `release` runs in the README's
set-up (scripts/dev.py) and in the package build (nkdesk.spec). Both use the pyside6-lupdate and
pyside6-lrelease console scripts of the PySide6-Essentials wheel, found beside this Python.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("ja",)
# Every module whose widgets call tr(): the window, its start-up and the forms' on-screen preview.
SOURCES = ("nkdesk/ui", "nkdesk/app.py")


def tool(name: str) -> str:
    """pyside6-<name> of the running Python's environment (a venv's bin/Scripts folder)."""
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", here / f"pyside6-{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: run the README's set-up first")
    return found


def source_files() -> list[str]:
    files: list[str] = []
    for entry in SOURCES:
        path = ROOT / entry
        files += sorted(str(p) for p in path.rglob("*.py")) if path.is_dir() else [str(path)]
    return files


def ts_path(language: str) -> Path:
    return I18N / f"nkdesk_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N / f"nkdesk_{language}.qm"


def update(target: Path | None = None, language: str = "ja") -> Path:
    """Extract into the language's .ts (or into `target`, e.g. a temporary copy for a test)."""
    ts = target or ts_path(language)
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", *source_files(), "-ts", str(ts)],
                   check=True)
    return ts


def release() -> list[Path]:
    made = []
    for language in LANGUAGES:
        ts = ts_path(language)
        if ts.exists():
            subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm_path(language))], check=True)
            made.append(qm_path(language))
    return made


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for language in LANGUAGES:
            print(update(language=language))
        return 0
    if argv[:1] == ["release"]:
        for path in release():
            print(path)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
