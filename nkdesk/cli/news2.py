"""`nkdesk news2 --rr N --spo2 N [--scale 1|2] --o2 yes|no --sbp N --hr N --acvpu A|C|V|P|U --temp Q`."""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("news2", parents=[common], help="NEWS2 score (Royal College of Physicians, 2017)")
    parser.add_argument("--rr", required=True, metavar="N", help="respiration rate per minute")
    parser.add_argument("--spo2", required=True, metavar="N", help="oxygen saturation, %%")
    parser.add_argument("--scale", default="1", metavar="1|2", help="SpO2 scale (2: hypercapnic respiratory failure)")
    parser.add_argument("--o2", required=True, metavar="yes|no", help="on supplemental oxygen?")
    parser.add_argument("--sbp", required=True, metavar="N", help="systolic blood pressure, mmHg")
    parser.add_argument("--hr", required=True, metavar="N", help="pulse per minute")
    parser.add_argument("--acvpu", required=True, metavar="A|C|V|P|U",
                        help="Alert, new Confusion, Voice, Pain, Unresponsive")
    parser.add_argument("--temp", required=True, metavar="Q", help='temperature with its unit, e.g. "38.4 degC"')
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.rules import news2, units, vitals
    from nkdesk.rules.errors import InputError

    on_oxygen = {"yes": True, "no": False}.get(args.o2.strip().lower())
    if on_oxygen is None:
        raise InputError("--o2", f"'{args.o2}' is not yes or no", code="bad_choice")
    if args.scale.strip() not in ("1", "2"):
        raise InputError("--scale", f"'{args.scale}' is not an SpO2 scale (1 or 2)", code="bad_scale")
    acvpu = args.acvpu.strip().upper()
    if acvpu not in news2.ACVPU:
        raise InputError("--acvpu", f"'{args.acvpu}' is not one of A, C, V, P, U", code="bad_acvpu")
    entry = {"resp_rate_per_min": ("--rr", args.rr), "spo2_pct": ("--spo2", args.spo2),
             "systolic_mmhg": ("--sbp", args.sbp), "pulse_per_min": ("--hr", args.hr)}
    numbers = {name: vitals.whole_number(text, flag) for name, (flag, text) in entry.items()}
    temperature = units.parse(args.temp, field="--temp", analyte="temperature")
    # the bedside form's absolute (impossible-value) limits refuse typing slips here too; the set is
    # complete, so assess() scores it
    vital_signs = vitals.VitalSigns(temperature=temperature, acvpu=acvpu, spo2_scale=int(args.scale),
                                    oxygen=vitals.Oxygen("unspecified" if on_oxygen else None, None),
                                    **numbers)
    try:
        result = vitals.assess(vital_signs).news2
    except InputError as exc:
        flags = {name: flag for name, (flag, _) in entry.items()} | {"temperature_c": "--temp"}
        raise exc.for_field(flags.get(exc.field, exc.field)) from None
    emit(args, result.to_json(), describe(result))
    return 0


def describe(result) -> str:
    monitoring, actions = result.to_json()["response"].values()
    lines = [f"NEWS2 {result.score} — {result.risk} risk ({result.to_json()['trigger']})"]
    lines.append("  " + ", ".join(f"{name.replace('_', ' ')} {points}" for name, points in result.parameters.items()))
    if result.any_single_3:
        lines.append("  a single parameter scores 3")
    lines.append(f"  monitoring: {monitoring}")
    lines.extend(f"  - {action}" for action in actions)
    return "\n".join(lines)
