"""10,000 careless command lines through every subcommand, in-process (issue 12). Prints; not a test.

    .venv/bin/python benchmarks/cli_fuzz_bench.py [--cases N]

The cases are tests/cli/fuzz_cases.py's (the test command runs a few hundred of them): each is
checked against the contract (exit 0, 1 or 2; one stderr line of at most 200 characters on 2; one
JSON object without NaN with --json) and timed. Printed: how many broke the contract (each shown),
the exit statuses per subcommand, the median and the slowest cases, and the ratio of the slowest
to a valid `bsa --json` answered in the same run (the natural baseline: the cheapest full answer).
Everything happens in a temporary folder, with a demo database made there (cheap password hashing).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="nkdesk-fuzz-"))
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state")):
        os.environ[var] = str(folder / sub)
    os.environ.pop("NKDESK_DB", None)
    os.chdir(folder)

    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from nkdesk.services import demo
    from nkdesk.storage import backup, passwords
    from nkdesk.storage.database import open_database
    from tests.cli import fuzz_cases

    passwords.COST_N = 2 ** 10          # the same code path, quicker (as tests/conftest.py does)
    with open_database(folder / "demo.sqlite3", create=True) as store:
        demo.populate(store, "bench")
    taken = backup.take(folder / "demo.sqlite3", to=folder / "demo-backup.sqlite3")
    example = (ROOT / "tests" / "data" / "contract_example.json").read_text(encoding="utf-8")
    (folder / "assessment.json").write_text(example, encoding="utf-8")
    (folder / "folder").mkdir()
    paths = fuzz_cases.Paths(db=str(folder / "demo.sqlite3"), backup=str(taken.path),
                             assessment=str(folder / "assessment.json"), folder=str(folder / "folder"),
                             example=json.dumps(json.loads(example)))

    baseline_argv = ["bsa", "--height", "170 cm", "--weight", "65 kg", "--json"]
    fuzz_cases.run(baseline_argv, None)
    baseline = statistics.median(_timed(lambda: fuzz_cases.run(baseline_argv, None)) for _ in range(200))

    timings: list[tuple[float, list[str]]] = []
    statuses: collections.Counter[tuple[str, int]] = collections.Counter()
    broken: list[tuple[list[str], list[str]]] = []

    @settings(max_examples=options.cases, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def one_case(data) -> None:
        argv, stdin = data.draw(fuzz_cases.command_lines(paths))
        started = time.perf_counter()
        outcome = fuzz_cases.run(argv, stdin)
        timings.append((time.perf_counter() - started, argv))
        statuses[(argv[0], outcome.status)] += 1
        found = fuzz_cases.problems(argv, outcome)
        if found:
            broken.append((argv, found))

    started = time.perf_counter()
    one_case()
    total = time.perf_counter() - started
    timings.sort(key=lambda t: t[0], reverse=True)
    print(f"{len(timings)} cases in {total:.1f} s; contract broken by {len(broken)}")
    for argv, found in broken[:20]:
        print(f"  BROKEN {_shown(argv)}: {found}")
    by_command: dict[str, dict[int, int]] = collections.defaultdict(dict)
    for (command, status), count in sorted(statuses.items()):
        by_command[command][status] = count
    print("exit statuses: " + "; ".join(f"{c} {dict(s)}" for c, s in sorted(by_command.items())))
    median = statistics.median(t for t, _ in timings)
    print(f"baseline `bsa --json` in-process: {baseline * 1000:.2f} ms; median case {median * 1000:.2f} ms "
          f"({median / baseline:.1f}×); slowest {timings[0][0] * 1000:.1f} ms ({timings[0][0] / baseline:.0f}×)")
    print("slowest cases:")
    for seconds, argv in timings[:10]:
        print(f"  {seconds * 1000:8.1f} ms  {_shown(argv)}")


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _shown(argv: list[str]) -> str:
    text = " ".join(repr(a) if (" " in a or not a) else a for a in argv)
    return text if len(text) <= 110 else text[:109] + "…"


if __name__ == "__main__":
    main()
