#!/usr/bin/env python3
"""Set NKDesk up on this machine, then open it or run its tests: the README's two commands.

    python3 scripts/dev.py start    # set up, create the demo database, open the window
    python3 scripts/dev.py test     # set up, run the whole test suite headless

Set-up is idempotent and quick the second time: system libraries are checked before anything is
installed (and installed with apt only when running as root; otherwise the exact command is
printed), the virtual environment in `.venv/` is created once, and the project is re-installed
only when `pyproject.toml` changes. Standard library only: this runs before anything else exists.
"""
from __future__ import annotations

import ctypes.util
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".nkdesk-installed"
DEMO_DB = ROOT / ".demo" / "nkdesk-demo.sqlite3"

# Shared libraries Qt's offscreen platform loads, and the Debian package that provides each.
OFFSCREEN_LIBS = {
    "GL": "libgl1",
    "EGL": "libegl1",
    "xkbcommon": "libxkbcommon0",
    "glib-2.0": "libglib2.0-0",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}
# Added for a real window on X11 (xcb platform plugin).
WINDOW_LIBS = {
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0",
}
FONT_PACKAGE = "fonts-dejavu-core"
# Programs PyInstaller runs when it builds the site package on Linux (the test suite builds it):
# objcopy writes the archive into the executable, strip shrinks the libraries. It also needs
# Python's shared library (missing_python_library).
BUILD_TOOLS = {"objcopy": "binutils", "strip": "binutils"}


def say(text: str) -> None:
    print(f"[nkdesk setup] {text}", flush=True)


def apt_install(packages: list[str], why: str) -> None:
    """Install Debian packages when we can; otherwise print the exact command and stop."""
    line = ("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "
            + " ".join(packages))
    can_apt = shutil.which("apt-get") is not None
    if can_apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        say(f"installing {' '.join(packages)} ({why})")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
            check=True, env=env, stdout=subprocess.DEVNULL,
        )
        return
    say(f"missing system packages ({why}). Install them, then run this command again:")
    print(f"    as root:  {line}")
    sys.exit(1)


def missing_libraries(libs: dict[str, str]) -> list[str]:
    if not sys.platform.startswith("linux"):
        return []  # Qt's wheels carry what they need on Windows and macOS
    return sorted({pkg for lib, pkg in libs.items() if ctypes.util.find_library(lib) is None})


def has_fonts() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    patterns = ("/usr/share/fonts/**/*.ttf", "/usr/share/fonts/**/*.otf", "/usr/local/share/fonts/**/*.ttf")
    return any(glob.glob(p, recursive=True) for p in patterns)


def missing_tools(tools: dict[str, str]) -> list[str]:
    if not sys.platform.startswith("linux"):
        return []
    return sorted({pkg for tool, pkg in tools.items() if shutil.which(tool) is None})


def missing_python_library() -> list[str]:
    """PyInstaller copies the interpreter's shared library into the bundle; Debian ships it apart
    from python3 (package libpython3.X), a pyenv or python.org build keeps it beside the interpreter."""
    if not sys.platform.startswith("linux"):
        return []
    libdir, soname = sysconfig.get_config_var("LIBDIR"), sysconfig.get_config_var("INSTSONAME")
    if libdir and soname and os.path.exists(os.path.join(libdir, soname)):
        return []
    if ctypes.util.find_library(f"python{sys.version_info.major}.{sys.version_info.minor}"):
        return []
    return [f"libpython{sys.version_info.major}.{sys.version_info.minor}"]


def has_japanese_locale() -> bool:
    """ja_JP.UTF-8 exists (the window is used in it; Qt warns "Detected locale C" without a UTF-8 one)."""
    if not sys.platform.startswith("linux"):
        return True
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    return any(name.lower().replace("-", "") == "ja_jp.utf8" for name in listed)


def ensure_japanese_locale() -> None:
    if has_japanese_locale():
        return
    if shutil.which("localedef") is None:
        apt_install(["locales"], "the locale tools, to generate ja_JP.UTF-8 for the Japanese window")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        say("generating the ja_JP.UTF-8 locale")
        subprocess.run(["localedef", "-i", "ja_JP", "-c", "-f", "UTF-8", "-A", "/usr/share/locale/locale.alias",
                        "ja_JP.UTF-8"], check=False)
        if has_japanese_locale():
            return
    say("the ja_JP.UTF-8 locale is missing. Generate it, then run this command again:")
    print("    as root:  localedef -i ja_JP -c -f UTF-8 -A /usr/share/locale/locale.alias ja_JP.UTF-8")
    sys.exit(1)


def ensure_system(window: bool, build: bool = False) -> None:
    packages = missing_libraries(OFFSCREEN_LIBS)
    if window or build:
        # a site package built without the X11 libraries would need them installed at every site
        packages += missing_libraries(WINDOW_LIBS)
    if build:
        packages += missing_tools(BUILD_TOOLS) + missing_python_library()
    if not has_fonts():
        packages.append(FONT_PACKAGE)
    if packages:
        apt_install(packages, "libraries Qt needs" + ("" if window else ", even without a screen")
                    + (", and PyInstaller's build tools" if build else ""))
    ensure_japanese_locale()


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        say(f"creating the virtual environment {VENV}")
        result = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
        if result.returncode != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            minor = f"python{sys.version_info.major}.{sys.version_info.minor}-venv"
            apt_install([minor], "Python's venv module")
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        say("installing NKDesk and its dependencies into .venv (first run, or pyproject.toml changed)")
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f"{ROOT}[dev]"],
            check=True,
        )
        STAMP.write_text(wanted)
    # the window's translations are a build output: compiled from resources/i18n/*.ts every set-up
    subprocess.run([str(python), str(ROOT / "scripts" / "i18n.py"), "release"], check=True, stdout=subprocess.DEVNULL)
    return python


def has_display() -> bool:
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def start(python: Path, extra: list[str]) -> int:
    DEMO_DB.parent.mkdir(exist_ok=True)
    env = dict(os.environ, NKDESK_DB=str(DEMO_DB))
    nkdesk = [str(python), "-m", "nkdesk"]
    created_now = not DEMO_DB.exists()
    if created_now:
        say("creating the demo database " + str(DEMO_DB))
        created = subprocess.run([*nkdesk, "demo", "--db", str(DEMO_DB)], env=env)  # prints accounts, patients
        if created.returncode != 0:
            say("the demo database could not be created (the line above says why)")
            return created.returncode
    if not has_display():
        say("set-up is complete, and the demo database is ready at " + str(DEMO_DB))
        if not created_now:  # on an existing demo database, `nkdesk demo` only prints its summary
            shown = subprocess.run([*nkdesk, "demo", "--db", str(DEMO_DB)], env=env, capture_output=True, text=True)
            if shown.returncode == 0:
                print(shown.stdout, end="")
            else:
                say("the demo database now holds other data too, so its summary is not shown "
                    f"(delete {DEMO_DB} to start afresh)")
        say("no display was found (DISPLAY/WAYLAND_DISPLAY unset): the window needs one. "
            "On a desktop session run this command again; on a server try: xvfb-run -a python3 scripts/dev.py start")
        return 0
    return subprocess.run([*nkdesk, "gui", "--db", str(DEMO_DB), *extra], env=env).returncode


def test(python: Path, extra: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.run([str(python), "-m", "pytest", *extra], cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036  dev.py must run on older python3s to say this
        say(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
        return 1
    if not argv or argv[0] not in {"start", "test"}:
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    # `test` builds the site package too (tests/test_package.py), so it needs PyInstaller's tools
    ensure_system(window=command == "start" and has_display(), build=command == "test")
    try:
        python = ensure_venv()
    except subprocess.CalledProcessError as exc:  # pip or venv said why just above; no traceback
        say(f"set-up stopped: `{' '.join(map(str, exc.cmd))}` failed (exit {exc.returncode}); see its message above. "
            "Behind a proxy that re-signs TLS, pip needs the site's CA certificate (pip's `cert` setting)")
        return 1
    return start(python, extra) if command == "start" else test(python, extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
