"""`nkdesk eligibility` and `nkdesk convert` as ../shared/cli-contract.md specifies them."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.clirun import in_process, nkdesk


def test_eligibility_contract_example_json(contract_example):
    """The contract's example answers eligible with the keys the contract names."""
    result = nkdesk("eligibility", "-", "--json", stdin=json.dumps(contract_example))
    assert result.status == 0, result.err
    body = result.json
    assert body["protocol"] == "jRCTb060200020"
    assert body["eligible"] is True
    assert body["failed"] == [] and body["boundary"] == [] and body["missing"] == []
    i2 = next(c for c in body["criteria"] if c["id"] == "I2")
    assert i2 == {**i2, "kind": "inclusion", "met": True, "evidence": "age 66 y on 2026-11-21"}
    assert [c["id"] for c in body["criteria"]][11:18] == [f"E4.{n}" for n in
                                                         ("i", "ii", "iii", "iv", "v", "vi", "vii")]


def test_eligibility_from_a_file_and_human_output(tmp_path, contract_example):
    """A file path works, and without --json the answer is short text with the verdict."""
    path = tmp_path / "a.json"
    contract_example["informed_consent"] = False
    path.write_text(json.dumps(contract_example))
    result = nkdesk("eligibility", str(path))
    assert result.status == 0
    assert "NOT ELIGIBLE" in result.out and "I8" in result.out


def test_not_eligible_still_exits_zero(capsys, tmp_path, contract_example):
    """'Not eligible' is a valid answer: exit 0."""
    contract_example["labs"]["hemoglobin"] = "9 g/dL"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(contract_example))
    result = in_process(capsys, "eligibility", str(path), "--json")
    assert result.status == 0 and result.json["eligible"] is False and result.json["failed"] == ["I3"]


@pytest.mark.parametrize(("mutate", "fragment"), [
    (lambda d: d["labs"].__setitem__("platelets", "12.3"), "labs.platelets: '12.3' has no unit"),
    (lambda d: d["labs"].__setitem__("platelets", 12.3), "labs.platelets: '12.3' has no unit"),
    (lambda d: d.__setitem__("favourite_colour", "blue"), "favourite_colour: unknown field"),
    (lambda d: d["labs"].__setitem__("hemoglobin", "98 g/dL"), "labs.hemoglobin:"),
    (lambda d: d["labs"].__setitem__("afp", "25 zorks/mL"), "labs.afp: unknown unit"),
    (lambda d: d["labs"].__setitem__("pivka2", "420 ng/mL"), "labs.pivka2:"),
    (lambda d: d.__setitem__("birth_date", "01/05/1960"), "birth_date: expected an ISO date"),
    (lambda d: d.__setitem__("birth_date", "2027-01-01"), "birth_date:"),
    (lambda d: d.__setitem__("ctc_count", "4"), "ctc_count: expected a whole number"),
    (lambda d: d.__setitem__("informed_consent", "yes"), "informed_consent: expected true or false"),
    (lambda d: d.__setitem__("sex", "Q"), "sex: expected one of F, M"),
    (lambda d: d["labs"].__setitem__("troponin", "1 ng/mL"), "labs.troponin: unknown lab"),
])
def test_bad_assessment_exits_2_with_one_line(capsys, tmp_path, contract_example, mutate, fragment):
    """Bad input exits 2 with exactly one line on stderr naming the field and the problem."""
    mutate(contract_example)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(contract_example))
    result = in_process(capsys, "eligibility", str(path), "--json")
    assert result.status == 2 and result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("nkdesk: ")
    assert fragment in result.err


@pytest.mark.parametrize(("stdin", "fragment"), [
    ("{not json", "not valid JSON"), ("[1, 2]", "expected a JSON object"), ("", "not valid JSON"),
])
def test_malformed_json_exits_2(stdin, fragment):
    """Malformed JSON is bad input, not a crash."""
    result = nkdesk("eligibility", "-", stdin=stdin)
    assert result.status == 2 and fragment in result.err and "Traceback" not in result.err
    assert result.err.count("\n") == 1


def test_unknown_protocol_and_missing_file(capsys, tmp_path):
    """An unknown protocol id or an unreadable file exits 2."""
    assert in_process(capsys, "eligibility", str(tmp_path / "nope.json")).status == 2
    path = tmp_path / "a.json"
    path.write_text("{}")
    result = in_process(capsys, "eligibility", str(path), "--protocol", "nope")
    assert result.status == 2 and "unknown protocol" in result.err


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
    | st.text(max_size=12) | st.sampled_from(["12 g/dL", "2800 /uL", "1960-05-01", "10 ng/mL", "F", "M", "5 %"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
_keys = st.sampled_from(["assessment_date", "birth_date", "sex", "labs", "ctc_count", "multiple_tumours",
                         "performance_status", "heart_disease", "informed_consent", "junk"])
_labs = st.dictionaries(st.sampled_from(["hemoglobin", "haemoglobin", "platelets", "wbc", "afp", "pivka2",
                                         "ejection_fraction", "leucocytes", "x"]), _json_values, max_size=4)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(_json_values, st.dictionaries(_keys, _json_values | _labs, max_size=6)))
def test_any_json_gives_a_decision_or_exit_2(capsys, document):
    """However malformed, an assessment gives a decision (exit 0) or exit 2 with one line."""
    import io
    import sys

    sys.stdin = io.StringIO(json.dumps(document))
    try:
        result = in_process(capsys, "eligibility", "-", "--json")
    finally:
        sys.stdin = sys.__stdin__
    assert result.status in (0, 2), result.err
    if result.status == 2:
        assert result.out == "" and result.err.count("\n") == 1 and result.err.startswith("nkdesk: ")
    else:
        body = result.json
        assert body["eligible"] is (False if body["failed"] else (None if any(
            c["met"] is None for c in body["criteria"]) else True))
        # eligible is true exactly when nothing failed and nothing is missing
        assert (body["eligible"] is True) == (not body["failed"] and not body["missing"])


@pytest.mark.parametrize(("args", "value", "unit"), [
    (["123 10^9/L", "--to", "10^4/uL"], 12.3, "10^4/uL"),
    (["12.3 ×10⁴/µL", "--to", "10^9/L", "--analyte", "platelets"], 123.0, "10^9/L"),
    (["2800 /mm3", "--to", "10^9/L"], 2.8, "10^9/L"),
    (["9.8 g/dL", "--to", "g/L", "--analyte", "haemoglobin"], 98.0, "g/L"),
    (["25 IU/mL", "--to", "ng/mL", "--analyte", "afp"], 30.25, "ng/mL"),     # 1 IU = 1.21 ng (WHO 72/225)
    (["10 g/dL", "--to", "mmol/L", "--analyte", "hemoglobin"], 6.206, "mmol/L"),
    (["2 mg/dL", "--to", "umol/L", "--analyte", "creatinine"], 176.8, "umol/L"),  # 88.4 µmol/L per mg/dL
    (["10 mg/dL", "--to", "mmol/L", "--analyte", "calcium"], 2.495, "mmol/L"),
    (["5 mEq/L", "--to", "mmol/L", "--analyte", "calcium"], 2.5, "mmol/L"),
    (["101.1 degF", "--to", "degC"], 38.388888888889, "degC"),
])
def test_convert_json(capsys, args, value, unit):
    """convert answers value, unit as given and analyte (null when none)."""
    result = in_process(capsys, "convert", *args, "--json")
    assert result.status == 0, result.err
    body = result.json
    assert body["value"] == pytest.approx(value, rel=1e-9) and body["unit"] == unit
    expected_analyte = None
    if "--analyte" in args:
        expected_analyte = {"haemoglobin": "hemoglobin"}.get(args[-1], args[-1])
    assert body["analyte"] == expected_analyte


@pytest.mark.parametrize(("args", "fragment"), [
    (["25 IU/mL", "--to", "ng/mL"], "without naming the analyte"),
    (["420 mAU/mL", "--to", "ng/mL", "--analyte", "pivka2"], "cannot convert"),
    (["5 mEq/L", "--to", "mmol/L"], "without naming the analyte"),
    (["12.3", "--to", "10^9/L"], "has no unit"),
    (["12.3 zorks", "--to", "10^9/L"], "unknown unit"),
    (["12.3 g/L", "--to", "zorks"], "unknown unit"),
    (["98 g/dL", "--to", "g/L", "--analyte", "hemoglobin"], "plausible"),
    (["1 g/L", "--to", "g/L", "--analyte", "unobtainium"], "unknown analyte"),
    (["1 g/L"], "--to"),
])
def test_convert_errors_exit_2(capsys, args, fragment):
    """Impossible or unnamed conversions exit 2 with one clear line."""
    result = in_process(capsys, "convert", *args)
    assert result.status == 2 and fragment in result.err and result.err.count("\n") == 1


def test_three_entry_points_agree(contract_example):
    """nkdesk, python -m nkdesk and python main.py give the same answer."""
    import subprocess
    import sys

    from tests.clirun import ROOT

    stdin = json.dumps(contract_example)
    outs = [subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=ROOT).stdout for cmd in (
        [sys.executable, "-m", "nkdesk", "eligibility", "-", "--json"],
        [sys.executable, "main.py", "eligibility", "-", "--json"],
        [str(ROOT / ".venv" / "bin" / "nkdesk") if (ROOT / ".venv" / "bin" / "nkdesk").exists() else "nkdesk",
         "eligibility", "-", "--json"],
    )]
    assert outs[0] and outs[0] == outs[1] == outs[2]


def test_protocol_without_criteria_is_refused(capsys, tmp_path):
    """A protocol file with no eligibility criteria cannot make anyone 'eligible'."""
    path = tmp_path / "a.json"
    path.write_text("{}")
    result = in_process(capsys, "eligibility", str(path), "--protocol", "takayama-2000-ait")
    assert result.status == 2 and "defines no eligibility criteria" in result.err
