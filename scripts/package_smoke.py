#!/usr/bin/env python3
"""Smoke test of the site package: build it (or take a built one), run it the way a site would.

    python3 scripts/package_smoke.py                    # build into dist/, then check it
    python3 scripts/package_smoke.py --bundle dist/NKDesk --runs 5

With every user folder (XDG_*) and NKDESK_DB pointed into a new temporary folder, the frozen
`nkdesk` must: print the pyproject.toml version; open its window offscreen on the empty data folder
(`gui --smoke`); answer the headless subcommands the contract (../shared/cli-contract.md) defines,
with the values the contract's sources give; refuse bad input with one line and exit 2. Subcommands
are discovered from `nkdesk --help`: each one listed here is checked when the bundle has it (demo,
verify, backup, restore, form, bsa, dose, schedule, grade, news2 arrive with other branches).

It prints the bundle size (unpacked and as .tar.gz) and the frozen window's shown_s/ready_s next to
the unfrozen one's (`python -m nkdesk gui --smoke` from .venv), medians of runs alternated in this
same run. Exits 1 if any check fails, listing every failure. Standard library only.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_EXAMPLE = ROOT / "tests" / "data" / "contract_example.json"
# issue 8 set 170 MB; issue 17's export libraries (odmlib, lxml, fhir.resources, pydantic) add ~23 MB
SIZE_TARGET_BYTES = 225_000_000   # README: why it grew (export libraries, then signing keys)


def load_builder():
    spec = importlib.util.spec_from_file_location("nkdesk_build_package", ROOT / "scripts" / "build_package.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Smoke:
    """Runs one bundle's executable in an isolated home and collects failures instead of stopping."""

    def __init__(self, executable: Path, home: Path):
        self.executable = executable
        self.home = home
        self.db = home / "data" / "NKDesk" / "nkdesk.sqlite3"
        self.failures: list[str] = []
        self.passed: list[str] = []
        self.env = {key: value for key, value in os.environ.items()
                    if key not in {"NKDESK_DB", "DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH", "PYTHONHOME"}}
        for var, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
            self.env[var] = str(home / sub)
        self.env.update(NKDESK_DB=str(self.db), QT_QPA_PLATFORM="offscreen")

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.executable), *args], capture_output=True, text=True,
                              env=self.env, cwd=self.home, timeout=timeout)

    def check(self, name: str, args: list[str], expect=None, status: int = 0) -> dict | None:
        """Run `nkdesk ARGS`; the exit status must be `status` and expect(json) must hold."""
        try:
            done = self.run(*args)
        except subprocess.TimeoutExpired:
            self.failures.append(f"{name}: timed out")
            return None
        if done.returncode != status or "Traceback" in done.stderr:
            self.failures.append(f"{name}: exit {done.returncode} (wanted {status}): {done.stderr.strip()[:300]}")
            return None
        body = None
        if "--json" in args:
            try:
                body = json.loads(done.stdout)
            except json.JSONDecodeError:
                self.failures.append(f"{name}: not one JSON object: {done.stdout[:200]!r}")
                return None
        try:
            problem = expect(body if body is not None else done) if expect else None
        except (KeyError, TypeError, IndexError, ValueError) as exc:
            problem = f"unexpected answer ({type(exc).__name__}: {exc}): {done.stdout[:200]!r}"
        if problem:
            self.failures.append(f"{name}: {problem}")
            return None
        self.passed.append(name)
        return body if body is not None else {}


def listed_commands(smoke: Smoke) -> set[str]:
    """Subcommand names from `nkdesk --help` (argparse lists each one indented by four spaces)."""
    done = smoke.run("--help")
    return set(re.findall(r"^    ([a-z][a-z0-9-]*)", done.stdout, flags=re.MULTILINE))


def near(value: float, wanted: float, tolerance: float) -> bool:
    return math.isfinite(value) and abs(value - wanted) <= tolerance


def check_cli(smoke: Smoke, version: str) -> set[str]:
    commands = listed_commands(smoke)
    if not {"gui", "where", "convert", "eligibility"} <= commands:
        smoke.failures.append(f"--help: subcommands missing, listed: {sorted(commands)}")
    smoke.check("--version", ["--version"], lambda done: None if done.stdout.startswith(f"NKDesk {version}\n")
                and str(smoke.db) in done.stdout
                else f"printed {done.stdout!r}, wanted NKDesk {version} and {smoke.db}")
    smoke.check("where", ["where", "--json"],
                lambda body: None if Path(body["db"]) == smoke.db else f"db {body['db']}, wanted {smoke.db}")
    # 12.3 x 10^4/uL = 123 x 10^9/L (10^4/uL = 10^10/L): arithmetic of the units, contract's example
    smoke.check("convert", ["convert", "12.3 10^4/uL", "--to", "10^9/L", "--analyte", "platelets", "--json"],
                lambda body: None if near(body["value"], 123.0, 1e-9) and body["unit"] == "10^9/L" else body)
    # AFP: 1 IU = 1.21 ng (WHO standard 72/225), 25 IU/mL = 30.25 ng/mL
    smoke.check("convert afp", ["convert", "25 IU/mL", "--to", "ng/mL", "--analyte", "afp", "--json"],
                lambda body: None if near(body["value"], 30.25, 1e-9) else body)
    smoke.check("bad input", ["convert", "12.3", "--to", "10^9/L", "--analyte", "platelets"],
                status=2, expect=lambda done: None if len(done.stderr.strip().splitlines()) == 1
                and done.stderr.startswith("nkdesk: ") else f"stderr {done.stderr!r}")
    # the contract's example assessment is eligible, nothing failed, missing or at a boundary
    smoke.check("eligibility", ["eligibility", str(CONTRACT_EXAMPLE), "--json"],
                lambda body: None if body["eligible"] is True and body["failed"] == [] and body["missing"] == []
                and body["protocol"] == "jRCTb060200020" else body)
    check_clinical(smoke, commands)
    check_data(smoke, commands)
    return commands


def check_clinical(smoke: Smoke, commands: set[str]) -> None:
    """The rule subcommands, each only if this build has it (other branches add them)."""
    mosteller = math.sqrt(170 * 65 / 3600)  # Mosteller 1987: sqrt(H cm * W kg / 3600) = 1.75198 m2
    if "bsa" in commands:
        smoke.check("bsa", ["bsa", "--height", "170 cm", "--weight", "65 kg", "--json"],
                    lambda body: None if near(body["bsa_m2"], mosteller, 1e-4) and body["formula"] == "mosteller"
                    else body)
    if "dose" in commands:
        # 400 ug/m2 x 1.75198 m2 = 700.79 ug; from 75/150/300 ug syringes the nearest is 675 ug (-3.7 %)
        smoke.check("dose", ["dose", "--height", "170 cm", "--weight", "65 kg", "--json"],
                    lambda body: None if near(body["daily_dose_ug"], 400 * mosteller, 0.05)
                    and near(body["delivered_ug"], 675, 1e-6) and body["within_tolerance"] is True else body)
    if "schedule" in commands:
        # culture day 0 is the apheresis day, the infusion is on culture day 17 (contract, protocol)
        def schedule_ok(body):
            kinds = {(e["date"], e["kind"]) for e in body["events"] if e["cycle"] == 1}
            return None if {("2026-12-01", "apheresis"), ("2026-12-18", "infusion")} <= kinds else sorted(kinds)[:6]
        smoke.check("schedule", ["schedule", "--apheresis", "2026-12-01", "--json"], schedule_ok)
    if "grade" in commands:
        # CTCAE v5.0 platelet count decreased: grade 3 is <50,000-25,000/mm3; 40 x 10^9/L = 40,000/mm3
        smoke.check("grade", ["grade", "--term", "Platelet count decreased", "--value", "40 10^9/L",
                              "--lln", "150 10^9/L", "--json"],
                    lambda body: None if body["grade"] == 3 and body["ctcae_version"] == "5.0" else body)
    if "news2" in commands:
        # RCP NEWS2 chart (2017): RR 18, SpO2 96 on air, SBP 120, HR 80, alert, 37.0 degC all score 0
        smoke.check("news2", ["news2", "--rr", "18", "--spo2", "96", "--o2", "no", "--sbp", "120", "--hr", "80",
                              "--acvpu", "A", "--temp", "37.0 degC", "--json"],
                    lambda body: None if body["score"] == 0 and body["risk"] == "low" else body)


def check_data(smoke: Smoke, commands: set[str]) -> None:
    """demo → verify → backup → restore → verify → form, against the database in the temp folder."""
    if "demo" not in commands:
        return
    demo = smoke.check("demo", ["demo", "--json"],
                       lambda body: None if smoke.db.is_file() and body.get("patients")
                       else "no database or no patients")
    if demo is None:
        return
    if "verify" in commands:
        smoke.check("verify", ["verify"])
    backup = smoke.home / "site-backup.sqlite3"
    if "backup" in commands:
        smoke.check("backup", ["backup", "--to", str(backup), "--json"],
                    lambda body: None if backup.read_bytes()[:16] == b"SQLite format 3\x00"
                    else "no SQLite file written")
    if "restore" in commands and backup.is_file():
        smoke.check("restore", ["restore", str(backup), "--json"])
        if "verify" in commands:
            smoke.check("verify after restore", ["verify"])
    if "export" in commands:
        for fmt, name in (("odm", "nkdesk-odm.xml"), ("redcap", "records.csv"), ("fhir", "bundle.json")):
            folder = smoke.home / f"export-{fmt}"
            smoke.check(f"export {fmt}", ["export", fmt, "--out", str(folder), "--json"],
                        lambda body, f=folder / name: None if f.is_file() and f.stat().st_size else "no file written")
    if "form" in commands:
        pdf = smoke.home / "summary.pdf"
        smoke.check("form", ["form", "summary", "--patient", demo["patients"][0]["study_id"], "--out", str(pdf)],
                    lambda done: None if pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-" else "no PDF written")


def smoke_times(command: list[str], env: dict, cwd: Path) -> dict | str:
    try:
        done = subprocess.run([*command, "gui", "--smoke"], capture_output=True, text=True, env=env, cwd=cwd,
                              timeout=120)
    except subprocess.TimeoutExpired:
        return "timed out"
    if done.returncode != 0:
        return f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
    try:
        body = json.loads(done.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return f"no JSON: {done.stdout!r}"
    if not 0 < body["shown_s"] <= body["ready_s"] < 30:
        return f"implausible times {body}"
    return body


def compare_start_up(smoke: Smoke, python: Path, runs: int) -> dict:
    """Frozen and unfrozen `gui --smoke`, alternated so machine load affects both alike."""
    frozen_cmd, unfrozen_cmd = [str(smoke.executable)], [str(python), "-m", "nkdesk"]
    first = smoke_times(frozen_cmd, smoke.env, smoke.home)  # the empty data folder, first start
    if isinstance(first, str):
        smoke.failures.append(f"gui --smoke (frozen, empty data folder): {first}")
        return {}
    smoke.passed.append("gui --smoke (frozen, empty data folder)")
    unfrozen_env = dict(smoke.env)
    smoke_times(unfrozen_cmd, unfrozen_env, ROOT)  # warm the unfrozen unit cache once, as the frozen was
    samples: dict[str, list[dict]] = {"frozen": [], "unfrozen": []}
    for _ in range(runs):
        for label, command, env, cwd in (("frozen", frozen_cmd, smoke.env, smoke.home),
                                         ("unfrozen", unfrozen_cmd, unfrozen_env, ROOT)):
            result = smoke_times(command, env, cwd)
            if isinstance(result, str):
                smoke.failures.append(f"gui --smoke ({label}): {result}")
                return {}
            samples[label].append(result)
    figures = {"first_start": first, "runs": runs}
    for label, rows in samples.items():
        figures[label] = {key: round(statistics.median(r[key] for r in rows), 3) for key in ("shown_s", "ready_s")}
    figures["ratio_shown"] = round(figures["frozen"]["shown_s"] / figures["unfrozen"]["shown_s"], 2)
    figures["ratio_ready"] = round(figures["frozen"]["ready_s"] / figures["unfrozen"]["ready_s"], 2)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, help="a built bundle folder (default: build one)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where to build (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--runs", type=int, default=5, help="gui --smoke runs of each kind (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    builder = load_builder()
    version = builder.project_version()
    python = builder.project_python()
    figures: dict = {"version": version}
    if args.bundle:
        bundle = args.bundle.resolve()
        archives = sorted(bundle.parent.glob(f"NKDesk-{version}-*.tar.gz"))
        archive = archives[-1] if archives else None
    else:
        started = time.perf_counter()
        bundle = builder.build(python, args.dist.resolve(), args.work.resolve())
        figures["build_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        archive = builder.pack(bundle, version, args.dist.resolve()) if sys.platform != "win32" else None
        figures["pack_s"] = round(time.perf_counter() - started, 1)
    executable = bundle / ("nkdesk.exe" if sys.platform == "win32" else "nkdesk")
    figures["unpacked_bytes"] = builder.folder_size(bundle)
    figures["archive_bytes"] = archive.stat().st_size if archive else None
    with tempfile.TemporaryDirectory(prefix="nkdesk-smoke-") as tmp:
        smoke = Smoke(executable, Path(tmp))
        started = time.perf_counter()
        figures["start_up"] = compare_start_up(smoke, python, args.runs)
        figures["commands"] = sorted(check_cli(smoke, version))
        figures["smoke_s"] = round(time.perf_counter() - started, 1)
    if figures["unpacked_bytes"] > SIZE_TARGET_BYTES:
        smoke.failures.append(f"size: {figures['unpacked_bytes'] / 1e6:.1f} MB unpacked, target 225 MB")
    figures.update(passed=smoke.passed, failures=smoke.failures)
    print(json.dumps(figures) if args.json else report(figures))
    return 1 if smoke.failures else 0


def report(figures: dict) -> str:
    lines = [f"NKDesk {figures['version']} site package smoke test"]
    if "build_s" in figures:
        lines.append(f"  build {figures['build_s']} s, pack {figures['pack_s']} s")
    archive = figures["archive_bytes"]
    lines.append(f"  size: {figures['unpacked_bytes'] / 1e6:.1f} MB unpacked"
                 + (f", {archive / 1e6:.1f} MB as .tar.gz" if archive else ""))
    start = figures.get("start_up") or {}
    if start:
        lines.append(f"  gui --smoke, first start on an empty data folder: shown {start['first_start']['shown_s']} s, "
                     f"ready {start['first_start']['ready_s']} s")
        lines.append(f"  gui --smoke, median of {start['runs']}: frozen shown {start['frozen']['shown_s']} s / ready "
                     f"{start['frozen']['ready_s']} s; unfrozen shown {start['unfrozen']['shown_s']} s / ready "
                     f"{start['unfrozen']['ready_s']} s "
                     f"(frozen/unfrozen {start['ratio_shown']} / {start['ratio_ready']})")
    lines.append(f"  subcommands in the bundle: {', '.join(figures['commands'])}")
    lines.append(f"  {len(figures['passed'])} checks passed: {', '.join(figures['passed'])}")
    lines += [f"  FAILED {failure}" for failure in figures["failures"]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
