"""`nkdesk grade` and `nkdesk news2` as ../shared/cli-contract.md specifies them."""
from __future__ import annotations

import pytest

from tests.clirun import in_process, nkdesk


def test_grade_contract_keys_and_values(capsys):
    """Platelets 4.0 ×10⁴/µL (= 40 ×10⁹/L): CTCAE v5.0 "<50,000 - 25,000/mm3" is grade 3."""
    result = in_process(capsys, "grade", "--term", "Platelet count decreased", "--value", "4.0 10^4/uL",
                        "--lln", "158 10^3/uL", "--json")
    assert result.status == 0, result.err
    data = result.json
    assert {"term", "grade", "ctcae_version", "criterion", "upgrade_possible", "needs_judgement"} <= set(data)
    assert (data["term"], data["grade"], data["ctcae_version"]) == ("Platelet count decreased", 3, "5.0")
    assert data["criterion"] == "<50,000 - 25,000/mm3; <50.0 - 25.0 x 10e9 /L"
    assert isinstance(data["upgrade_possible"], list)


@pytest.mark.parametrize(("args", "grade", "judgement"), [
    # case-insensitive term; "Hypokalemia" G1 "<LLN - 3.0 mmol/L"
    (["--term", "hypokalemia", "--value", "3.2 mmol/L", "--lln", "3.6 mmol/L"], 1, False),
    # contract: "0 when no grade applies ... e.g. leukocytosis 15 × 10⁹/L"
    (["--term", "Leukocytosis", "--value", "15 10^9/L"], 0, False),
    # contract: hyponatraemia 125–129 mmol/L → grade null, needs_judgement true
    (["--term", "Hyponatremia", "--value", "127 mmol/L", "--lln", "138 mmol/L"], None, True),
    # fever > 40.0 °C: ≤ 24 h grade 3, > 24 h grade 4, without --duration judgement
    (["--term", "Fever", "--value", "40.4 degC"], None, True),
    (["--term", "Fever", "--value", "40.4 degC", "--duration", "12"], 3, False),
    (["--term", "Fever", "--value", "104.9 degF", "--duration", "36"], 4, False),
    # ALT 150 U/L, ULN 42: > 126 and ≤ 210 → grade 2 (">3.0 - 5.0 x ULN"); with an abnormal baseline of
    # 60 U/L it is 2.5 × baseline → grade 1 ("1.5 - 3.0 x baseline if baseline was abnormal")
    (["--term", "Alanine aminotransferase increased", "--value", "150 U/L", "--uln", "42 U/L"], 2, False),
    (["--term", "Alanine aminotransferase increased", "--value", "150 U/L", "--uln", "42 U/L",
      "--baseline", "60 U/L"], 1, False),
    # Japanese labelling (default): 7.2 + 1.0 × (4.0 − 3.0) = 8.2 mg/dL → "<LLN - 8.0 mg/dL" grade 1
    (["--term", "Hypocalcemia", "--value", "7.2 mg/dL", "--lln", "8.8 mg/dL", "--albumin", "3.0 g/dL"], 1, False),
    # Payne: 6.5 + 0.8 × 0.5 = 6.9 → "<7.0 - 6.0 mg/dL" grade 3 (the default would give 7.0: grade 2)
    (["--term", "Hypocalcemia", "--value", "6.5 mg/dL", "--lln", "8.8 mg/dL", "--albumin", "3.5 g/dL",
      "--ca-correction", "payne"], 3, False),
    (["--term", "Hypocalcemia", "--value", "6.5 mg/dL", "--lln", "8.8 mg/dL", "--albumin", "3.5 g/dL"], 2, False),
    # ionised: CTCAE "Ionized calcium <1.0 - 0.9 mmol/L" grade 2
    (["--term", "Hypocalcemia", "--value", "0.95 mmol/L", "--lln", "1.15 mmol/L", "--ionized"], 2, False),
])
def test_grade_cases(capsys, args, grade, judgement):
    """Grades and judgement flags per the contract's rules."""
    result = in_process(capsys, "grade", *args, "--json")
    assert result.status == 0, result.err
    assert (result.json["grade"], result.json["needs_judgement"]) == (grade, judgement)


@pytest.mark.parametrize(("args", "flag"), [
    (["--term", "Anemia", "--value", "9.8 g/dL"], "--lln"),
    (["--term", "Alanine aminotransferase increased", "--value", "100 U/L"], "--uln"),
    (["--term", "Anemia", "--value", "9.8", "--lln", "13.7 g/dL"], "--value"),
    (["--term", "Anemia", "--value", "9.8 g/dL", "--lln", "13.7 furlongs"], "--lln"),
    (["--term", "Red cells low", "--value", "9.8 g/dL"], "--term"),
    (["--term", "Fever", "--value", "40.4 degC", "--duration", "long"], "--duration"),
    (["--term", "Fever"], None),                      # --value missing: argparse usage error
    (["--term", "Anemia", "--value", "9.8 g/dL", "--lln", "13.7 g/dL", "--ionized"], "--ionized"),
    (["--term", "Hypocalcemia", "--value", "1.0 mmol/L", "--lln", "1.15 mmol/L", "--ionized",
      "--albumin", "3 g/dL"], "--albumin"),
    (["--term", "Hypocalcemia", "--value", "7 mg/dL", "--lln", "8.8 mg/dL", "--ca-correction", "x"],
     "--ca-correction"),
])
def test_grade_bad_input_exits_2_with_one_line(capsys, args, flag):
    """Bad input: exit 2 and exactly one line on stderr naming the field."""
    result = in_process(capsys, "grade", *args)
    assert result.status == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nkdesk: ")
    if flag:
        assert lines[0].startswith(f"nkdesk: {flag}: ")
    assert result.out == ""


# RR 22 (2) + SpO2 95 (1) + air (0) + SBP 105 (1) + HR 95 (1) + Alert (0) + 38.1 °C (1) = 6: medium
MEDIUM = ["--rr", "22", "--spo2", "95", "--o2", "no", "--sbp", "105", "--hr", "95", "--acvpu", "A",
          "--temp", "38.1 degC"]


def test_news2_contract_example(capsys):
    """RCP Chart 1: 2 + 1 + 0 + 1 + 1 + 0 + 1 (38.1 °C) = 6 → medium; no single 3."""
    result = in_process(capsys, "news2", *MEDIUM, "--json")
    assert result.status == 0, result.err
    assert {k: result.json[k] for k in ("score", "risk", "any_single_3")} == \
        {"score": 6, "risk": "medium", "any_single_3": False}


@pytest.mark.parametrize(("args", "score", "risk", "single_3"), [
    # all normal: 0, low
    (["--rr", "16", "--spo2", "98", "--o2", "no", "--sbp", "120", "--hr", "70", "--acvpu", "A",
      "--temp", "37.0 degC"], 0, "low", False),
    # new confusion alone: 3 → low-medium
    (["--rr", "16", "--spo2", "98", "--o2", "no", "--sbp", "120", "--hr", "70", "--acvpu", "c",
      "--temp", "37.0 degC"], 3, "low-medium", True),
    # scale 2 on oxygen, SpO2 97: 3 + oxygen 2 = 5 → medium
    (["--rr", "16", "--spo2", "97", "--scale", "2", "--o2", "yes", "--sbp", "120", "--hr", "70",
      "--acvpu", "A", "--temp", "37.0 degC"], 5, "medium", True),
    # same on scale 1 (default): SpO2 97 scores 0, oxygen 2 → 2, low
    (["--rr", "16", "--spo2", "97", "--o2", "yes", "--sbp", "120", "--hr", "70", "--acvpu", "A",
      "--temp", "37.0 degC"], 2, "low", False),
    # 102.2 °F = 39.0 °C → 1; RR 25 → 3; SBP 90 → 3 : 7 → high
    (["--rr", "25", "--spo2", "98", "--o2", "no", "--sbp", "90", "--hr", "70", "--acvpu", "A",
      "--temp", "102.2 degF"], 7, "high", True),
    # 38.05 °C rounds half up to 38.1 → temperature 1
    (["--rr", "16", "--spo2", "98", "--o2", "no", "--sbp", "120", "--hr", "70", "--acvpu", "A",
      "--temp", "38.05 degC"], 1, "low", False),
])
def test_news2_cases(capsys, args, score, risk, single_3):
    """Scores and risk bands per RCP 2017 Charts 1 and 3."""
    result = in_process(capsys, "news2", *args, "--json")
    assert result.status == 0, result.err
    assert (result.json["score"], result.json["risk"], result.json["any_single_3"]) == (score, risk, single_3)


@pytest.mark.parametrize(("change", "flag"), [
    ({"--temp": "38.1"}, "--temp"),              # a bare number where a unit is needed
    ({"--temp": "50 degC"}, "--temp"),           # outside the plausible 25–45 °C
    ({"--hr": "700"}, "--hr"),                   # impossible pulse
    ({"--rr": "twenty"}, "--rr"),
    ({"--spo2": "95.5"}, "--spo2"),
    ({"--acvpu": "Q"}, "--acvpu"),
    ({"--o2": "maybe"}, "--o2"),
    ({"--scale": "3"}, "--scale"),
])
def test_news2_bad_input_exits_2_with_one_line(capsys, change, flag):
    """Bad input: exit 2, one line naming the flag, nothing on stdout."""
    args = list(MEDIUM)
    for key, value in change.items():
        if key in args:
            args[args.index(key) + 1] = value
        else:
            args += [key, value]
    result = in_process(capsys, "news2", *args)
    assert result.status == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"nkdesk: {flag}: ")
    assert result.out == ""


def test_both_commands_run_as_a_terminal_user_runs_them():
    """Real subprocesses: JSON on stdout, exit 0; human text without --json."""
    graded = nkdesk("grade", "--term", "Anemia", "--value", "98 g/L", "--lln", "116 g/L", "--json")
    assert graded.status == 0 and graded.json["grade"] == 2      # "<100 - 80g/L"
    scored = nkdesk("news2", *MEDIUM)
    assert scored.status == 0 and "NEWS2 6" in scored.out and "medium" in scored.out


def test_headless_commands_do_not_load_qt():
    """grade and news2 never import PySide6 (the console script stays light)."""
    code = ("import sys; from nkdesk.cli import main; "
            "main(['grade','--term','Fever','--value','38.5 degC']); "
            "main(['news2','--rr','16','--spo2','98','--o2','no','--sbp','120','--hr','70','--acvpu','A',"
            "'--temp','37 degC']); "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    import subprocess
    import sys

    from tests.clirun import ROOT
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_grade_calcium_contract_keys(capsys):
    """Contract: corrected_value, corrected_unit, correction; the review's Ca 9.0 / Alb 4.8 is not
    corrected (Japanese labelling corrects only when Alb < 4.0 g/dL) and is not hypocalcaemia."""
    data = in_process(capsys, "grade", "--term", "Hypocalcemia", "--value", "9.0 mg/dL", "--lln", "8.8 mg/dL",
                      "--albumin", "4.8 g/dL", "--json").json
    assert (data["grade"], data["corrected_value"], data["corrected_unit"], data["correction"]) == \
        (0, 9.0, "mg/dL", None)
    data = in_process(capsys, "grade", "--term", "Hypocalcemia", "--value", "1.8 mmol/L", "--lln", "2.2 mmol/L",
                      "--albumin", "3.0 g/dL", "--json").json
    # 1.8 + 1.0 × (4.0 − 3.0) mg/dL × 0.2495 = 2.0495 mmol/L, graded on the mmol/L column: G1
    assert data["corrected_unit"] == "mmol/L" and data["correction"] == "jp" and data["grade"] == 1
    assert data["corrected_value"] == pytest.approx(2.0495)


def test_grade_warns_on_stderr_when_total_calcium_looks_ionised(capsys):
    """Contract: total Ca 1.05 mmol/L without --ionized → graded as total (grade 4), exit 0, a
    "warning" in the JSON and the same on stderr."""
    result = in_process(capsys, "grade", "--term", "Hypocalcemia", "--value", "1.05 mmol/L", "--lln", "2.2 mmol/L",
                        "--json")
    assert result.status == 0
    assert result.json["grade"] == 4
    assert "was it ionised calcium? (--ionized)" in result.json["warning"]
    assert "was it ionised calcium?" in result.err
    result = in_process(capsys, "grade", "--term", "Hypocalcemia", "--value", "1.05 mmol/L", "--lln", "1.15 mmol/L",
                        "--ionized", "--json")
    assert (result.json["grade"], result.err, "warning" in result.json) == (1, "", False)
