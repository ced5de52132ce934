"""`nkdesk bsa`, `nkdesk dose` and `nkdesk schedule` as ../shared/cli-contract.md specifies them."""
from __future__ import annotations

import pytest

from tests.clirun import in_process, nkdesk

CONTRACT_DOSE_KEYS = {"bsa_m2", "dose_per_m2_ug", "daily_dose_ug", "syringes", "delivered_ug",
                      "deviation_pct", "within_tolerance", "gcsf_days"}


def test_bsa_contract_example_in_a_real_process():
    """`nkdesk bsa --height "170 cm" --weight "65 kg" --json` gives the contract's answer, exit 0."""
    result = nkdesk("bsa", "--height", "170 cm", "--weight", "65 kg", "--json")
    assert result.status == 0, result.err
    data = result.json
    assert data["bsa_m2"] == pytest.approx(1.75198, abs=5e-6)
    assert data["bsa_m2"] != round(data["bsa_m2"], 5)          # full precision in JSON
    assert (data["formula"], data["height_cm"], data["weight_kg"]) == ("mosteller", 170.0, 65.0)


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        # √(170·65/3600) (Mosteller 1987); 0.007184·170^0.725·65^0.425 (Du Bois 1916); the
        # Takahira constant 0.007241 with Du Bois's exponents.
        ("mosteller", (170 * 65 / 3600) ** 0.5),
        ("dubois", 0.007184 * 170 ** 0.725 * 65 ** 0.425),
        ("takahira", 0.007241 * 170 ** 0.725 * 65 ** 0.425),
    ],
)
def test_bsa_formula_option(capsys, formula, expected):
    """--formula picks the formula; the answer names it."""
    result = in_process(capsys, "bsa", "--height", "170 cm", "--weight", "65 kg", "--formula", formula, "--json")
    assert result.json["bsa_m2"] == pytest.approx(expected, rel=1e-12)
    assert result.json["formula"] == formula


def test_bsa_imperial_inputs(capsys):
    """67 in and 150 lb are 170.18 cm and 68.0388555 kg (exact definitions)."""
    data = in_process(capsys, "bsa", "--height", "67 in", "--weight", "150 lb", "--json").json
    assert data["height_cm"] == pytest.approx(170.18) and data["weight_kg"] == pytest.approx(68.0388555)
    assert data["bsa_m2"] == pytest.approx((170.18 * 68.0388555 / 3600) ** 0.5, rel=1e-12)


def test_bsa_human_answer(capsys):
    """Without --json, one short line with the rounded BSA and the formula."""
    result = in_process(capsys, "bsa", "--height", "170 cm", "--weight", "65 kg")
    assert result.status == 0
    assert result.out.strip() == "BSA 1.752 m² (Mosteller; 170 cm, 65 kg)"


BAD_INPUT = [
    (("bsa", "--height", "170", "--weight", "65 kg"), "nkdesk: --height: '170' has no unit"),
    (("bsa", "--height", "170 cm", "--weight", "65000 kg"), "nkdesk: --weight: "),
    (("bsa", "--height", "170 cm", "--weight", "65 kg", "--formula", "meeh"), "nkdesk: --formula: unknown formula"),
    (("bsa", "--height", "170 cm"), "nkdesk: "),                                    # --weight missing
    (("dose", "--height", "170 cm", "--weight", "65 kg", "--gcsf-days", "7"), "nkdesk: --gcsf-days: 7 is outside 4–6"),
    (("dose", "--height", "170 cm", "--weight", "65 kg", "--gcsf-days", "five"), "nkdesk: --gcsf-days: "),
    (("dose", "--height", "170 cm", "--weight", "65 kg", "--apheresis", "2026-13-01"), "nkdesk: --apheresis: "),
    (("dose", "--height", "1.70", "--weight", "65 kg"), "nkdesk: --height: "),
    (("dose", "--height", "170 cm", "--weight", "65 kg", "--wbc", "52000"), "nkdesk: --wbc: "),
    (("schedule",), "nkdesk: --apheresis: "),
    (("schedule", "--apheresis", "2026-12-05", "--actual", "2"), "nkdesk: --actual: '2' is not K=DATE"),
    (("schedule", "--apheresis", "2026-12-05", "--actual", "2=2027-02-30"), "nkdesk: --actual: "),
    (("schedule", "--apheresis", "2026-12-05", "--actual", "x=2027-03-08"), "nkdesk: --actual: "),
    (("schedule", "--apheresis", "2026-12-05", "--actual", "4=2027-03-08"), "nkdesk: --actual: "),
    (("schedule", "--apheresis", "2026-12-05", "--actual", "2=2027-03-08", "--actual", "2=2027-03-09"),
     "nkdesk: --actual: cycle 2 is given twice"),
    (("schedule", "--apheresis", "2026-12-05", "--gcsf-days", "7"), "nkdesk: --gcsf-days: "),
    (("schedule", "--apheresis", "2026-12-05", "--cycles", "4"), "nkdesk: --cycles: "),
    (("schedule", "--apheresis", "5 Dec 2026"), "nkdesk: --apheresis: "),
    (("schedule", "--protocol", "nope", "--apheresis", "2026-12-05"), "nkdesk: --protocol: unknown protocol"),
    (("schedule", "--protocol", "lt-donor-liver-nk"), "nkdesk: --surgery: "),
    (("schedule", "--protocol", "takayama-2000-ait", "--surgery", "2026-01-01", "--apheresis", "2026-02-01"),
     "nkdesk: --apheresis: "),
]


@pytest.mark.parametrize(("argv", "start"), BAD_INPUT)
def test_bad_input_exits_2_with_one_line(capsys, argv, start):
    """Bad input: exit 2, nothing on stdout, exactly one line on stderr naming the option."""
    result = in_process(capsys, *argv, "--json")
    assert result.status == 2
    assert result.out == ""
    assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err
    assert result.err.startswith(start), result.err


@pytest.mark.parametrize("argv", [BAD_INPUT[0][0], BAD_INPUT[4][0], BAD_INPUT[10][0]])
def test_bad_input_in_a_real_process_has_no_traceback(argv):
    """The same from a real terminal process: exit 2, one stderr line, no traceback."""
    result = nkdesk(*argv)
    assert result.status == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_dose_contract_keys_without_apheresis(capsys):
    """`nkdesk dose`: the contract's keys; `course` is absent without --apheresis."""
    data = in_process(capsys, "dose", "--height", "170 cm", "--weight", "65 kg", "--json").json
    assert set(data) >= CONTRACT_DOSE_KEYS
    assert "course" not in data
    assert data["dose_per_m2_ug"] == 400 and data["gcsf_days"] == 5
    # 400 µg/m² × √(170·65/3600) m² (Mosteller); 2 × 300 + 75 µg is the nearest plan (675 µg).
    prescribed = 400 * (170 * 65 / 3600) ** 0.5
    assert data["daily_dose_ug"] == pytest.approx(prescribed, rel=1e-12)
    assert [(s["strength_ug"], s["count"]) for s in data["syringes"]] == [(300, 2), (75, 1)]
    assert data["delivered_ug"] == 675
    assert data["deviation_pct"] == pytest.approx(100 * (675 - prescribed) / prescribed, rel=1e-12)
    assert data["within_tolerance"] is True


@pytest.mark.parametrize(
    ("days", "course"),
    [
        ("4", ["2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"]),
        ("5", ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"]),
        ("6", ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"]),
    ],
)
def test_dose_course_ends_on_the_apheresis(capsys, days, course):
    """With --apheresis, `course` lists the G-CSF days ending on the apheresis day."""
    data = in_process(capsys, "dose", "--height", "170 cm", "--weight", "65 kg", "--gcsf-days", days,
                      "--apheresis", "2026-12-05", "--json").json
    assert data["course"] == course and data["gcsf_days"] == int(days)


def test_dose_human_answer_shows_plan_and_deviation(capsys):
    """Without --json: prescribed dose, plan with volumes, delivered dose and deviation."""
    out = in_process(capsys, "dose", "--height", "170 cm", "--weight", "65 kg", "--apheresis", "2026-12-05").out
    assert "prescribed 700.8 µg/day" in out
    assert "2 × 300 µg (0.7 mL) + 1 × 75 µg (0.3 mL) daily = 675 µg/day, 1.7 mL/day (-3.7 %, within ±10 %)" in out
    assert "Course: 2026-12-01 to 2026-12-05" in out


def test_dose_wbc_instruction(capsys):
    """--wbc shows the label's instruction (reduce at ≥ 50,000/mm³)."""
    result = in_process(capsys, "dose", "--height", "170 cm", "--weight", "65 kg", "--wbc", "5.2 10^4/uL", "--json")
    assert result.json["wbc_check"]["instruction"] == "reduce"


def test_schedule_contract_example(capsys):
    """`nkdesk schedule --apheresis 2026-12-05`: first event G-CSF on 2026-12-01, day −4, cycle 1."""
    result = in_process(capsys, "schedule", "--apheresis", "2026-12-05", "--json")
    assert result.status == 0 and result.err == ""
    events = result.json["events"]
    assert {k: events[0][k] for k in ("date", "cycle", "culture_day", "kind")} == \
        {"date": "2026-12-01", "cycle": 1, "culture_day": -4, "kind": "gcsf"}
    infusions = [e for e in events if e["kind"] == "infusion"]
    assert [e["date"] for e in infusions] == ["2026-12-22", "2027-03-22", "2027-06-22"]
    assert "gcsf_window" not in result.json


def test_schedule_month_end_clamping(capsys):
    """30 Nov → 28 Feb → 30 May (the contract's example)."""
    events = in_process(capsys, "schedule", "--apheresis", "2026-11-30", "--json").json["events"]
    assert [e["date"] for e in events if e["kind"] == "apheresis"] == ["2026-11-30", "2027-02-28", "2027-05-30"]


def test_schedule_actual_slip(capsys):
    """--actual 2=DATE re-dates cycle 2 and plans cycle 3 three months after it."""
    events = in_process(capsys, "schedule", "--apheresis", "2026-12-05", "--actual", "2=2027-03-08",
                        "--json").json["events"]
    assert [e["date"] for e in events if e["kind"] == "apheresis"] == ["2026-12-05", "2027-03-08", "2027-06-08"]


def test_schedule_followup_from_a_29_february_surgery(capsys):
    """Follow-up 1 and 3 years after a 29 Feb 2024 operation falls on 28 Feb; cycle and day null."""
    result = in_process(capsys, "schedule", "--apheresis", "2024-04-15", "--surgery", "2024-02-29", "--json")
    visits = [e for e in result.json["events"] if e["kind"] == "followup"]
    assert [(v["date"], v["cycle"], v["culture_day"]) for v in visits] == \
        [("2025-02-28", None, None), ("2027-02-28", None, None)]
    assert result.json["gcsf_window"] == {"start": "2024-03-29", "end": "2024-05-29",
                                          "first_gcsf": "2024-04-11", "within": True}
    assert result.err == ""


def test_schedule_outside_window_warns_but_exits_0(capsys):
    """A first G-CSF day outside 1–3 months after surgery: a warning on stderr, exit 0."""
    result = in_process(capsys, "schedule", "--apheresis", "2026-12-05", "--surgery", "2026-06-01", "--json")
    assert result.status == 0
    assert result.json["gcsf_window"]["within"] is False
    assert "warning" in result.err and "2026-12-01" in result.err


@pytest.mark.parametrize(
    ("protocol_id", "infusions"),
    [
        ("lt-donor-liver-nk", ["2026-01-13"]),                                   # day 3 after LT
        ("takayama-2000-ait", ["2026-01-24", "2026-01-31", "2026-02-07", "2026-04-10", "2026-07-10"]),
        ("allo-family-nk", []),                           # seed 003 gives no timing: undated (issue 13)
    ],
)
def test_schedule_other_protocols_from_surgery(capsys, protocol_id, infusions):
    """Surgery-anchored protocols date their infusions from --surgery."""
    data = in_process(capsys, "schedule", "--protocol", protocol_id, "--surgery", "2026-01-10", "--json").json
    assert [e["date"] for e in data["events"] if e["kind"] == "infusion"] == infusions
    assert all(e["culture_day"] is None for e in data["events"])


def test_commands_are_listed_in_help(capsys):
    """bsa, dose and schedule appear in `nkdesk --help`."""
    result = in_process(capsys, "--help")
    assert result.status == 0
    for name in ("bsa", "dose", "schedule"):
        assert name in result.out
