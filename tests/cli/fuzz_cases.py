"""Command lines a careless typist might give every subcommand, and what any answer must satisfy.

Shared by tests/cli/test_cli_fuzz.py (a few hundred cases in the test command) and
benchmarks/cli_fuzz_bench.py (10,000 cases, the slowest printed). Each case starts from a valid
command line and changes some of it: an option's value replaced by a slip from the issue, by text
hypothesis invents, or by a bad path; an option dropped or repeated; `--json` added. `gui` is left
out (it opens the window); its argument errors are tested on their own.

Paths are only ever relative to the working folder (the test runs in a temporary one) or the
temporary files given, so no case can write outside it, whatever hypothesis invents.
"""
from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

# The slips of issue 12 and the edges of the grammar, offered to every value.
SLIPS = (
    "45,5 kg", "6 5 kg", "65 kg*2", "17 10 cm", "15 2 10^4/uL", "1,21 g/dL", "1e99999999 cm", "1 10^4999999/L",
    "9" * 400 + " cm", "0x10 cm", "5_0", "9 .5", "12..5", "1.2.3", "--5", "5-", "½", "65/2 kg", "(60+5) kg",
    "65 kg kg", "1e5", "nan", "inf", "-0", "", " ", "１２．３ g/dL", "12.3万/µL", "38.2℃", "0001-01-01",
    "9999-12-31", "2026-02-30", "1899-12-31", "2101-01-01", "x" * 300, "\udcff\udcfe", "a\x00b", "Ω" * 70,
    "1" * 5000, "-1", "2026-11-21", "K=2026-12-01", "2=9999-01-01", "²=2027-01-01", "😀",
)
VALID = {
    "quantity": ("170 cm", "65 kg", "12.3 10^4/uL", "38.4 degC", "2800 /mm3", "9.8 g/dL", "1.7 m", "150 lb"),
    "height": ("170 cm", "1.7 m", "67 in", "１７０ cm", "170cm"),
    "weight": ("65 kg", "150 lb", "45.5kg", "62.5 kg"),
    "wbc": ("5600 /uL", "52,000 /uL", "80000 /mm3", "5.6 10^9/L"),
    "temp": ("38.4 degC", "101.1 degF", "36.8 ℃", "37.0 °C"),
    "unit": ("m", "10^9/L", "g/L", "degF", "kg", "1", "mmol/L", "10^4/uL", "umol/L"),
    "analyte": ("platelets", "hemoglobin", "weight", "calcium", "haemoglobin", "nonsense"),
    "formula": ("mosteller", "dubois", "boyd", "takahira", "nope"),
    "count": ("4", "5", "6", "3", "0", "+5"),
    "date": ("2026-12-01", "2027-02-28", "2024-02-29", "2026-13-01"),
    "protocol": ("jRCTb060200020", "lt-donor-liver-nk", "allo-family-nk", "takayama-2000-ait", "nope"),
    "term": ("Platelet count decreased", "Anemia", "Fever", "Hypokalemia", "hypercalcemia", "Alanine "
             "aminotransferase increased", "Nausea"),
    "hours": ("30", "1.5", "0", ".5"),
    "whole": ("18", "96", "120", "80", "1200", "0"),
    "rr": ("12", "18", "25"), "spo2": ("96", "91", "100"), "sbp": ("120", "95", "230"), "hr": ("80", "45", "135"),
    "yesno": ("yes", "no", "YES", "maybe"),
    "acvpu": ("A", "C", "v", "U", "X"),
    "scale": ("1", "2", "3"),
    "form": ("eligibility", "dose-order", "calendar", "vitals", "ae-log", "summary", "nope"),
    "patient": ("DEMO-001", "DEMO-002", "DEMO-003", "NOPE-9"),
}
# A CTCAE term with values it can be graded on (value, LLN, ULN, baseline, albumin).
GRADED = (
    ("Platelet count decreased", ("4.2 10^4/uL", "60 10^9/L", "160 10^9/L"), ("150 10^9/L",)),
    ("Anemia", ("9.5 g/dL", "78 g/L", "6.0 mmol/L"), ("12 g/dL",)),
    ("Fever", ("40.5 degC", "38.4 degC", "104.5 degF"), ("36 degC",)),
    ("Hypokalemia", ("2.8 mmol/L", "3.2 mEq/L"), ("3.5 mmol/L",)),
    ("Hypercalcemia", ("11.8 mg/dL", "3.1 mmol/L"), ("10.2 mg/dL", "3.0 g/dL", "4.2 g/dL")),
    ("Alanine aminotransferase increased", ("250 U/L", "130 IU/L"), ("40 U/L",)),
)


@dataclass(frozen=True)
class Paths:
    """The temporary files a case may name (all inside the test's working folder)."""

    db: str              # a demo database (may be changed by demo/restore/backup cases)
    backup: str          # a backup of it
    assessment: str      # the contract's example assessment
    folder: str          # an existing folder
    example: str = "{}"  # the assessment JSON's text (read once: drawing must not read files)


def _path_values(paths: Paths, kind: str) -> st.SearchStrategy[str]:
    given = {"db": paths.db, "backup": paths.backup, "file": paths.assessment,
             "out": paths.folder + "/out.pdf"}.get(kind, paths.folder)
    relative = st.text(max_size=40).filter(lambda t: ".." not in t and not t.startswith(("~", "/", "-")))
    return st.one_of(
        st.just(given), st.just(given),
        st.sampled_from((given, paths.folder, "", "nowhere/x.sqlite3", "new.sqlite3", "out.pdf", "x" * 300,
                         paths.folder + "/" + "y" * 256, "a\x00b", "\udcff.json")),
        relative.map(lambda t: "./" + t),
    )


def _value(kind: str) -> st.SearchStrategy[str]:
    free = st.text(max_size=60).filter(lambda t: not t.startswith("-"))
    # mostly valid values, so that answers (exit 0) are checked as often as refusals
    choices = (st.sampled_from(VALID[kind]), st.sampled_from(SLIPS), free)
    return st.integers(0, 19).flatmap(lambda i: choices[0 if i < 16 else 1 if i < 19 else 2])


def _either(values: tuple[str, ...], kind: str) -> st.SearchStrategy[str]:
    """One of `values` mostly, else any value of `kind` (a slip or invented text)."""
    return st.integers(0, 9).flatmap(lambda i: st.sampled_from(values) if i < 7 else _value(kind))


def _json_texts(paths: Paths) -> st.SearchStrategy[str]:
    example = paths.example
    json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20)
                               | st.sampled_from(SLIPS), lambda inner: st.lists(inner, max_size=3)
                               | st.dictionaries(st.text(max_size=10), inner, max_size=3), max_leaves=10)
    fields = st.sampled_from(("birth_date", "assessment_date", "labs_date", "sex", "ctc_count", "performance_status",
                              "heart_disease", "labs", "unknown_key"))
    lab = st.sampled_from(("platelets", "hemoglobin", "wbc", "afp", "pivka2", "leucocytes", "ejection_fraction"))

    def mutate(change: tuple[str, object, str, object]) -> str:
        data = json.loads(example)
        key, value, lab_key, lab_value = change
        data[key] = value
        data.setdefault("labs", {})
        if isinstance(data["labs"], dict):
            data["labs"][lab_key] = lab_value
        return json.dumps(data, ensure_ascii=False)

    return st.one_of(
        st.tuples(fields, json_values, lab, st.sampled_from(SLIPS) | st.text(max_size=30)).map(mutate),
        st.sampled_from(("", "{", "[]", "null", '{"ctc_count": NaN}', "\ufeff" + example, "[" * 100 + "]" * 100,
                         "[" * 3000 + "]" * 3000, '{"ctc_count": ' + "9" * 5000 + "}", example)),
        st.text(max_size=200),
    )


def _options(draw, spec: dict[str, st.SearchStrategy[str]], required: tuple[str, ...]) -> list[str]:
    """Options in a drawn order: the required ones usually present, each optional one maybe."""
    argv: list[str] = []
    for option, values in spec.items():
        present = draw(st.integers(0, 39)) > (0 if option in required else 20)
        for _ in range(draw(st.sampled_from((1, 1, 1, 2)))) if present else ():
            argv += [option, draw(values)]
    return argv


@st.composite
def command_lines(draw, paths: Paths) -> tuple[list[str], str | None]:
    """(argv, stdin text or None)."""
    command = draw(st.sampled_from(("where", "convert", "bsa", "dose", "schedule", "grade", "news2", "eligibility",
                                    "demo", "form", "backup", "restore", "verify")))
    db = _path_values(paths, "db")
    stdin = None
    if command == "where":
        argv = ["where", *(["--db", draw(db)] if draw(st.booleans()) else [])]
    elif command == "convert":
        argv = ["convert", draw(_value("quantity")),
                *_options(draw, {"--to": _value("unit"), "--analyte": _value("analyte")}, ("--to",))]
    elif command == "bsa":
        argv = ["bsa", *_options(draw, {"--height": _value("height"), "--weight": _value("weight"),
                                        "--formula": _value("formula")}, ("--height", "--weight"))]
    elif command == "dose":
        argv = ["dose", *_options(draw, {"--height": _value("height"), "--weight": _value("weight"),
                                         "--formula": _value("formula"), "--gcsf-days": _value("count"),
                                         "--apheresis": _value("date"), "--wbc": _value("wbc")},
                                  ("--height", "--weight"))]
        argv += ["--split"] if draw(st.booleans()) else []
    elif command == "schedule":
        actual = st.one_of(st.tuples(st.sampled_from(("1", "2", "3", "x", "")), _value("date")).map("=".join),
                           _value("date"))
        argv = ["schedule", *_options(draw, {"--protocol": _value("protocol"), "--apheresis": _value("date"),
                                             "--gcsf-days": _value("count"), "--cycles": _value("count"),
                                             "--surgery": _value("date"), "--actual": actual}, ("--apheresis",))]
    elif command == "grade":
        term, values, limits = draw(st.sampled_from(GRADED))
        value, limit = _either(values, "quantity"), _either(limits, "quantity")
        argv = ["grade", *_options(draw, {"--term": _either((term,), "term"), "--value": value, "--lln": limit,
                                          "--uln": limit, "--baseline": value, "--albumin": limit,
                                          "--duration": _value("hours")}, ("--term", "--value"))]
    elif command == "news2":
        argv = ["news2", *_options(draw, {"--rr": _value("rr"), "--spo2": _value("spo2"),
                                          "--scale": _value("scale"), "--o2": _value("yesno"),
                                          "--sbp": _value("sbp"), "--hr": _value("hr"),
                                          "--acvpu": _value("acvpu"), "--temp": _value("temp")},
                                   ("--rr", "--spo2", "--o2", "--sbp", "--hr", "--acvpu", "--temp"))]
    elif command == "eligibility":
        source = draw(st.sampled_from(("-", "file", "path")))
        if source == "-":
            stdin = draw(_json_texts(paths))
            argv = ["eligibility", "-"]
        elif source == "file":
            text = draw(_json_texts(paths))
            target = Path(paths.folder) / "case.json"
            target.write_bytes(text.encode("utf-8", "surrogateescape"))
            argv = ["eligibility", str(target)]
        else:
            argv = ["eligibility", draw(_path_values(paths, "file"))]
        argv += _options(draw, {"--protocol": _value("protocol")}, ())
    elif command == "demo":
        # --force re-creates the demo database: rare, it is the slowest case
        argv = ["demo", "--db", draw(db), *(["--force"] if draw(st.integers(0, 9)) == 0 else [])]
    elif command == "form":
        argv = ["form", draw(_value("form")), *_options(draw, {"--patient": _value("patient"), "--db": db,
                                                               "--out": _path_values(paths, "out")},
                                                        ("--patient", "--db", "--out"))]
    elif command == "backup":
        argv = ["backup", *_options(draw, {"--db": db, "--to": _path_values(paths, "out")}, ("--db",))]
    elif command == "restore":
        argv = ["restore", draw(_path_values(paths, "backup")), *_options(draw, {"--db": db}, ("--db",))]
    else:
        argv = ["verify", *_options(draw, {"--db": db}, ("--db",))]
    if draw(st.integers(0, 3)) > 0:  # between options, not between an option and its value
        argv.insert(draw(st.sampled_from((1, len(argv)))), "--json")
    return argv, stdin


@dataclass(frozen=True)
class Outcome:
    status: int
    out: str
    err: str


def run(argv: list[str], stdin: str | None) -> Outcome:
    """`main(argv)` in this process with stdin given and stdout/stderr captured."""
    from nkdesk.cli import main

    saved = sys.stdin, sys.stdout, sys.stderr
    out, err = io.StringIO(), io.StringIO()
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin or ""), out, err
    try:
        status = main(list(argv))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return Outcome(status, out.getvalue(), err.getvalue())


def problems(argv: list[str], outcome: Outcome) -> list[str]:
    """What is wrong with an answer (empty: it keeps the contract)."""
    found = []
    if outcome.status not in (0, 1, 2):
        found.append(f"exit {outcome.status}: {outcome.err.strip()[:300]}")
    if outcome.status == 2:
        if outcome.err.count("\n") != 1 or not outcome.err.endswith("\n") or not outcome.err.startswith("nkdesk: "):
            found.append(f"exit 2 needs exactly one line on stderr, got {outcome.err!r:.300}")
        elif len(outcome.err.rstrip("\n")) > 200:
            found.append(f"the stderr line is {len(outcome.err)} characters (at most 200)")
        if outcome.out:
            found.append(f"exit 2 printed on stdout: {outcome.out[:200]!r}")
    json_asked = "--json" in argv and not any(a in ("-h", "--help") for a in argv)
    if json_asked and outcome.status in (0, 1) and outcome.out:
        try:
            answer = json.loads(outcome.out, parse_constant=_no_constants)
        except ValueError as exc:
            found.append(f"--json printed invalid JSON ({exc}): {outcome.out[:200]!r}")
        else:
            if not isinstance(answer, dict):
                found.append("--json printed JSON that is not one object")
    elif json_asked and outcome.status == 0 and not outcome.out:
        found.append("--json printed nothing on exit 0")
    return found


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} in JSON output")
