"""Every bad input exits 2 with one line naming the option or field — never another value, never 70.

Issue 12's cases, one by one (../shared/cli-contract.md, "General rules"): the slips that pint's
parser turned into other values, numbers too large, dates outside 1900–2100, JSON over 1 MB or
nested over 64 levels, a byte-order mark, text that is not UTF-8, paths that cannot be read or
written, an empty --protocol, and a 200-character limit on the one line.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.clirun import ROOT, in_process, nkdesk

HEIGHT, WEIGHT = ("--height", "170 cm"), ("--weight", "65 kg")


def refused(result, option: str, words: str = "") -> None:
    """Exit 2, nothing on stdout, exactly one line on stderr naming `option` (and holding `words`)."""
    assert result.status == 2, (result.status, result.err, result.out[:200])
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.endswith("\n"), result.err
    assert result.err.startswith(f"nkdesk: {option}: "), result.err
    assert words in result.err, result.err
    assert len(result.err) <= 201


@pytest.mark.parametrize(("weight", "words"), [
    ("45,5 kg", "'45,5 kg': use a decimal point — 45.5 kg?"),   # was weight_kg 225, 1,303.8 µg/day, exit 0
    ("6 5 kg", "two numbers (6 and 5)"),                         # was 30 kg
    ("65 kg*2", "arithmetic"),                                   # was 130 kg
])
def test_dose_refuses_a_weight_pint_would_have_computed(capsys, weight, words):
    refused(in_process(capsys, "dose", *HEIGHT, "--weight", weight, "--json"), "--weight", words)


def test_dose_refuses_two_numbers_for_height(capsys):
    refused(in_process(capsys, "bsa", "--height", "17 10 cm", *WEIGHT), "--height", "two numbers (17 and 10)")


def test_a_slip_in_the_assessment_json_names_its_field(capsys, tmp_path, contract_example):
    """Haemoglobin "1,21 g/dL" was accepted as 210 g/L; platelets "15 2 10^4/uL" as 30 × 10⁴/µL."""
    for lab, text, words in (("hemoglobin", "1,21 g/dL", "use a decimal point — 1.21 g/dL?"),
                             ("platelets", "15 2 10^4/uL", "two numbers")):
        data = json.loads(json.dumps(contract_example))
        data["labs"][lab] = text
        (tmp_path / "a.json").write_text(json.dumps(data))
        refused(in_process(capsys, "eligibility", str(tmp_path / "a.json"), "--json"), f"labs.{lab}", words)


def test_huge_numbers_never_reach_the_json_answer(capsys):
    """A 400-digit number printed `"value": Infinity` (invalid JSON), exit 0; `1e99999999 cm` ran > 60 s."""
    refused(in_process(capsys, "convert", "9" * 400 + " cm", "--to", "m", "--json"), "quantity", "too large")
    refused(in_process(capsys, "convert", "0x10 cm", "--to", "m", "--json"), "quantity", "hexadecimal")
    result = nkdesk("convert", "1e99999999 cm", "--to", "m", timeout=20)
    refused(result, "quantity", "exponents are not accepted")
    refused(in_process(capsys, "convert", "1 10^4999999/L", "--to", "10^9/L"), "quantity", "count scale")


def test_convert_target_unit_is_one_unit_too(capsys):
    refused(in_process(capsys, "convert", "65 kg", "--to", "kg*2"), "--to", "unknown unit")


@pytest.mark.parametrize(("option", "value"), [
    ("--rr", "5_0"), ("--rr", "1e1"), ("--rr", "18.0"), ("--spo2", "9 6"), ("--hr", "８0x"), ("--sbp", "12O"),
    ("--rr", "9" * 5000),
])
def test_news2_takes_whole_numbers(capsys, option, value):
    """`5_0` was read as 50 breaths per minute."""
    args = {"--rr": "18", "--spo2": "96", "--sbp": "120", "--hr": "80"} | {option: value}
    refused(in_process(capsys, "news2", *[x for kv in args.items() for x in kv], "--o2", "no", "--acvpu", "A",
                       "--temp", "37.0 degC"), option, "is not a whole number")


def test_news2_systolic_1200_is_refused_not_cut_to_120(capsys):
    refused(in_process(capsys, "news2", "--rr", "18", "--spo2", "96", "--o2", "no", "--sbp", "1200", "--hr", "80",
                       "--acvpu", "A", "--temp", "37.0 degC"), "--sbp")


@pytest.mark.parametrize("hours", ["1e400", "nan", "inf", "-1", "1_0", "1.5.2", "1,5", "", "30 h"])
def test_duration_is_digits_and_one_decimal_point(capsys, hours):
    refused(in_process(capsys, "grade", "--term", "Fever", "--value", "40.5 degC", "--duration", hours),
            "--duration", "is not a number of hours")


@pytest.mark.parametrize("hours", ["30", "1.5", ".5", "24."])
def test_duration_accepts_plain_hours(capsys, hours):
    result = in_process(capsys, "grade", "--term", "Fever", "--value", "40.5 degC", "--duration", hours, "--json")
    assert result.status == 0 and result.json["grade"] in (3, 4)


@pytest.mark.parametrize(("args", "option"), [
    (("dose", *HEIGHT, *WEIGHT, "--apheresis", "0001-01-01"), "--apheresis"),   # was exit 70 (OverflowError)
    (("dose", *HEIGHT, *WEIGHT, "--apheresis", "2101-01-01"), "--apheresis"),
    (("schedule", "--apheresis", "9999-12-01"), "--apheresis"),                 # was exit 70 (year 10000)
    (("schedule", "--apheresis", "1899-12-31"), "--apheresis"),
    (("schedule", "--protocol", "lt-donor-liver-nk", "--surgery", "9999-01-01"), "--surgery"),
    (("schedule", "--apheresis", "2026-12-01", "--actual", "2=9999-03-01"), "--actual"),
])
def test_dates_outside_1900_to_2100_are_refused(capsys, args, option):
    refused(in_process(capsys, *args), option, "outside 1900–2100")


def test_dates_at_the_ends_of_the_range_are_accepted(capsys):
    for day in ("1900-01-01", "2100-06-01"):
        result = in_process(capsys, "dose", *HEIGHT, *WEIGHT, "--apheresis", day, "--json")
        assert result.status == 0, result.err


@pytest.mark.parametrize("key", ["assessment_date", "birth_date"])
def test_assessment_dates_outside_the_range_are_refused(capsys, tmp_path, contract_example, key):
    contract_example[key] = "9999-12-31"
    (tmp_path / "a.json").write_text(json.dumps(contract_example))
    refused(in_process(capsys, "eligibility", str(tmp_path / "a.json")), key, "outside 1900–2100")


@pytest.mark.parametrize(("args", "option"), [
    (("dose", *HEIGHT, *WEIGHT, "--gcsf-days", "5_0"), "--gcsf-days"),
    (("dose", *HEIGHT, *WEIGHT, "--gcsf-days", "٥"), "--gcsf-days"),          # an Arabic-Indic five
    (("schedule", "--apheresis", "2026-12-01", "--cycles", "3.0"), "--cycles"),
    (("schedule", "--apheresis", "2026-12-01", "--actual", "²=2027-03-01"), "--actual"),   # was exit 70
])
def test_counts_are_ascii_digits(capsys, args, option):
    refused(in_process(capsys, *args), option)


def test_empty_protocol_is_refused_not_the_default(capsys, tmp_path, contract_example):
    (tmp_path / "a.json").write_text(json.dumps(contract_example))
    refused(in_process(capsys, "eligibility", str(tmp_path / "a.json"), "--protocol", ""), "--protocol", "empty")
    refused(in_process(capsys, "schedule", "--apheresis", "2026-12-01", "--protocol", " "), "--protocol", "empty")


# ------------------------------------------------------------------ JSON files

def _assessment_file(tmp_path, raw: bytes):
    path = tmp_path / "a.json"
    path.write_bytes(raw)
    return str(path)


def test_a_byte_order_mark_is_accepted(capsys, tmp_path, contract_example):
    path = _assessment_file(tmp_path, b"\xef\xbb\xbf" + json.dumps(contract_example).encode())
    result = in_process(capsys, "eligibility", path, "--json")
    assert result.status == 0 and result.json["eligible"] is True


def test_json_that_is_not_utf8_is_refused_naming_the_file(capsys, tmp_path):
    path = _assessment_file(tmp_path, '{"sex": "F", "note": "é"}'.encode("latin-1"))
    refused(in_process(capsys, "eligibility", path), "FILE", "is not UTF-8")


def test_json_over_1_mb_is_refused_without_echoing_it(capsys, tmp_path):
    """A 50 MB JSON string was echoed back as a 52 MB one-line error."""
    path = _assessment_file(tmp_path, json.dumps({"sex": "F" * 2_000_000}).encode())
    refused(in_process(capsys, "eligibility", path), "FILE", "over 1 MB")
    result = nkdesk("eligibility", "-", stdin=json.dumps({"sex": "F" * 2_000_000}))
    refused(result, "FILE", "over 1 MB")


def test_a_long_bad_value_is_one_line_of_at_most_200_characters(capsys, tmp_path):
    path = _assessment_file(tmp_path, json.dumps({"sex": "Q" * 900_000}).encode())
    result = in_process(capsys, "eligibility", path)
    refused(result, "sex")


@pytest.mark.parametrize(("depth", "too_deep"), [(64, False), (65, True), (5000, True)])
def test_json_nested_over_64_levels_is_refused(capsys, tmp_path, depth, too_deep):
    """Nesting over 1,000 levels was an internal error (RecursionError)."""
    nested = "[" * (depth - 1) + "]" * (depth - 1)
    path = _assessment_file(tmp_path, ('{"sex": ' + nested + "}").encode())
    result = in_process(capsys, "eligibility", path)
    assert result.status == 2 and result.err.count("\n") == 1
    assert ("nested more than 64 levels" in result.err) is too_deep, result.err


@pytest.mark.parametrize("text", ['{"ctc_count": NaN}', '{"ctc_count": Infinity}',
                                  '{"ctc_count": ' + "9" * 5000 + "}"])
def test_json_numbers_that_are_not_numbers_are_refused(capsys, tmp_path, text):
    refused(in_process(capsys, "eligibility", _assessment_file(tmp_path, text.encode())), "assessment",
            "not valid JSON")


# ------------------------------------------------------------------ the command line itself

def test_arguments_that_are_not_utf8_are_refused_naming_the_option(tmp_path):
    """Undecodable bytes in argv were an internal error."""
    proc = subprocess.run([sys.executable, "-m", "nkdesk", "bsa", "--height", "170 cm", "--weight", b"\xff kg"],
                          capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode() == "nkdesk: --weight: argument 5 is not valid UTF-8 text\n"


def test_a_nul_in_an_argument_is_refused(capsys):
    refused(in_process(capsys, "convert", "1 cm", "--to", "m\x00"), "--to", "NUL")


def test_gui_option_errors_exit_2_without_opening_a_window(capsys):
    result = in_process(capsys, "gui", "--no-such-option")
    assert result.status == 2 and result.err.count("\n") == 1 and "--no-such-option" in result.err


# ------------------------------------------------------------------ files named on the command line

LONG = "x" * 300


@pytest.fixture
def demo_copy(tmp_path, cheap_passwords):
    from nkdesk.services import demo
    from nkdesk.storage.database import open_database

    path = tmp_path / "demo.sqlite3"
    with open_database(path, create=True) as store:
        demo.populate(store, "tester")
    return path


@pytest.mark.parametrize("command", ["where", "verify", "backup", "demo"])
def test_a_database_name_too_long_is_bad_input(capsys, tmp_path, command):
    refused(in_process(capsys, command, "--db", str(tmp_path / LONG)), "--db", "too long")


def test_a_folder_given_as_the_database_is_bad_input(capsys, tmp_path, demo_copy):
    """`restore --db` a folder was an internal error (disk I/O error)."""
    from nkdesk.storage import backup

    copy = backup.take(demo_copy, to=tmp_path / "copy.sqlite3").path
    for command in (("restore", str(copy)), ("verify",), ("demo",), ("backup",)):
        refused(in_process(capsys, *command, "--db", str(tmp_path)), "--db", "is a folder")


def test_an_empty_database_path_is_refused(capsys):
    refused(in_process(capsys, "verify", "--db", ""), "--db", "empty")


def test_backup_to_a_place_that_cannot_be_written_names_to(capsys, tmp_path, demo_copy):
    refused(in_process(capsys, "backup", "--db", str(demo_copy), "--to", "/proc/nkdesk-test/x"), "--to")
    refused(in_process(capsys, "backup", "--db", str(demo_copy), "--to", str(tmp_path / LONG)), "--to", "too long")


def test_form_out_that_cannot_be_written_names_out(capsys, tmp_path, demo_copy):
    for out in (str(tmp_path / (LONG + ".pdf")), "/proc/x.pdf", str(tmp_path)):
        refused(in_process(capsys, "form", "summary", "--patient", "DEMO-001", "--db", str(demo_copy), "--out", out),
                "--out")


def test_input_files_that_cannot_be_read_name_their_argument(capsys, tmp_path, demo_copy):
    refused(in_process(capsys, "eligibility", str(tmp_path / LONG)), "FILE", "too long")
    refused(in_process(capsys, "eligibility", str(tmp_path)), "FILE", "is a folder")
    refused(in_process(capsys, "eligibility", str(tmp_path / "none.json")), "FILE", "there is no file")
    refused(in_process(capsys, "restore", str(tmp_path / LONG), "--db", str(demo_copy)), "BACKUP", "too long")
    refused(in_process(capsys, "restore", str(tmp_path), "--db", str(demo_copy)), "BACKUP", "is a folder")
