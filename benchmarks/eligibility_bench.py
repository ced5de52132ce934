"""Eligibility and unit-registry figures (issue 2). Prints; not a test.

    .venv/bin/python benchmarks/eligibility_bench.py

- one evaluation of jRCTb060200020 on the contract's example (the window re-evaluates on every
  keystroke; target well under 1 ms), and parse + evaluate of the whole assessment;
- building the unit registry in a fresh process, cold (empty cache) and warm (target < 100 ms),
  next to pint's own `UnitRegistry()` without a cache measured in the same run as the baseline.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_REGISTRY_PROBE = """
import time, sys
t = time.perf_counter()
import pint
from nkdesk.rules import units
imported = time.perf_counter()
if sys.argv[1] == "nkdesk":
    units.registry()
else:
    pint.UnitRegistry()
print(imported - t, time.perf_counter() - imported)
"""


def median_time(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def registry_in_fresh_process(kind: str, cache_home: str) -> float:
    """Seconds to build the registry in a new process (the import of pint is timed apart)."""
    env = dict(os.environ, XDG_CACHE_HOME=cache_home)
    out = subprocess.run([sys.executable, "-c", _REGISTRY_PROBE, kind], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True).stdout
    imports, build = map(float, out.split())
    IMPORTS.append(imports)
    return build


IMPORTS: list[float] = []


def main() -> None:
    from nkdesk.rules import assessment, eligibility, protocol

    data = json.loads((ROOT / "tests" / "data" / "contract_example.json").read_text())
    jrct = protocol.load("jRCTb060200020")
    parsed = assessment.parse(data, jrct)
    eligibility.evaluate(jrct, parsed)  # compile once, as the window does
    evaluate = median_time(lambda: eligibility.evaluate(jrct, parsed), 2000)
    whole = median_time(lambda: eligibility.evaluate(jrct, assessment.parse(data, jrct)), 500)
    print(f"eligibility evaluate (parsed inputs), median: {evaluate * 1e3:.3f} ms  (target < 1 ms)")
    print(f"parse all inputs + evaluate, median:         {whole * 1e3:.3f} ms")

    with tempfile.TemporaryDirectory() as cache:
        cold = [registry_in_fresh_process("nkdesk", tempfile.mkdtemp(dir=cache)) for _ in range(3)]
        warm_home = tempfile.mkdtemp(dir=cache)
        registry_in_fresh_process("nkdesk", warm_home)
        warm = [registry_in_fresh_process("nkdesk", warm_home) for _ in range(7)]
        bare = [registry_in_fresh_process("pint", warm_home) for _ in range(7)]
    print(f"unit registry, cold cache (median of 3):      {statistics.median(cold) * 1e3:.1f} ms")
    print(f"unit registry, warm cache (median of 7):      {statistics.median(warm) * 1e3:.1f} ms  (target < 100 ms)")
    print(f"baseline: pint.UnitRegistry(), no cache:      {statistics.median(bare) * 1e3:.1f} ms")
    print(f"ratio warm / baseline:                        {statistics.median(warm) / statistics.median(bare):.2f}")
    print(f"(import pint + nkdesk.rules.units, not included above: {statistics.median(IMPORTS) * 1e3:.1f} ms)")


if __name__ == "__main__":
    main()
