"""`nkdesk dose --height Q --weight Q [--formula F] [--gcsf-days N] [--apheresis DATE]`: the filgrastim
order for mobilisation (400 µg/m² once daily), its syringe plan and course dates.

Extras beyond the contract: `--split` (the label's daily dose split in two) and `--wbc Q` (a WBC
during the course, checked against the label's limits). The terminal uses the default site
settings (syringe stock, rounding policy, no BSA cap) and always Mosteller unless told otherwise.
"""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("dose", parents=[common], help="filgrastim dose, syringe plan and course dates")
    parser.add_argument("--height", required=True, metavar="Q", help='height with its unit, e.g. "170 cm"')
    parser.add_argument("--weight", required=True, metavar="Q", help='weight with its unit, e.g. "65 kg"')
    parser.add_argument("--formula", default="mosteller", metavar="F", help="BSA formula (default mosteller)")
    parser.add_argument("--gcsf-days", default=None, metavar="N", help="days of G-CSF, 4 to 6 (default 5)")
    parser.add_argument("--apheresis", default=None, metavar="DATE",
                        help="planned apheresis date (the last G-CSF day), YYYY-MM-DD")
    parser.add_argument("--split", action="store_true", help="split the daily dose in two (the label allows it)")
    parser.add_argument("--wbc", default=None, metavar="Q", help='a WBC during the course, e.g. "52000 /uL"')
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.cli.args import as_option, parse_date, parse_int
    from nkdesk.rules import bsa, dosing
    from nkdesk.rules.errors import InputError

    try:
        days = parse_int(args.gcsf_days, "gcsf_days") if args.gcsf_days is not None else None
        apheresis = parse_date(args.apheresis, "apheresis") if args.apheresis is not None else None
        body = bsa.bsa(args.height, args.weight, args.formula)
        order = dosing.make_order(body, gcsf_days=days, apheresis=apheresis,
                                  split_daily_dose=args.split)
        if args.wbc is not None:
            order = dosing.record_wbc(order, args.wbc)
    except InputError as exc:
        raise as_option(exc) from None
    emit(args, order.to_json(), describe(order))
    return 0


INSTRUCTIONS = {
    "continue": "below the label's limits: continue",
    "reduce": "at or above {reduce:,.0f}/mm³: REDUCE the dose (label)",
    "stop": "at or above {stop:,.0f}/mm³: STOP filgrastim (label)",
}


def describe(order) -> str:
    """The order in a few lines: BSA, exact dose, plan with volumes and deviation, course."""
    from nkdesk.rules.bsa import FORMULAS

    b, plan, reg = order.bsa, order.plan, order.regimen
    lines = [f"BSA {b.bsa_m2:.3f} m² ({FORMULAS[b.formula].label}; {b.height_cm:g} cm, {b.weight_kg:g} kg)"]
    cap = order.bsa_cap
    if cap is not None and cap.applied:
        lines.append(f"BSA capped at {cap.cap_m2:g} m² (site setting): {cap.dose_before_ug:.1f} µg → "
                     f"{cap.dose_after_ug:.1f} µg per day")
    how = "split in two doses daily" if order.split_daily_dose else reg.frequency
    lines.append(f"{reg.dose_per_m2_ug:g} µg/m² {reg.route}, {how}, {order.gcsf_days} days: "
                 f"prescribed {order.daily_dose_ug:.1f} µg/day")
    per = " + ".join(f"{i.count} × {i.syringe.strength_ug:g} µg ({i.syringe.volume_ml:g} mL)" for i in plan.items)
    times = " twice daily" if plan.administrations == 2 else " daily"
    verdict = (f"within ±{plan.tolerance_pct:g} %" if plan.within_tolerance
               else f"OUTSIDE ±{plan.tolerance_pct:g} %: needs a pharmacist's decision")
    lines.append(f"Plan: {per}{times} = {plan.delivered_ug:g} µg/day, {plan.volume_ml:g} mL/day "
                 f"({plan.deviation_pct:+.1f} %, {verdict})")
    if order.course:
        lines.append(f"Course: {order.course[0]} to {order.course[-1]} (apheresis on the last day)")
    if order.wbc_check is not None:
        w = order.wbc_check
        text = INSTRUCTIONS[w.instruction].format(reduce=w.reduce_at_per_mm3, stop=w.stop_at_per_mm3)
        lines.append(f"WBC {w.wbc_per_mm3:,.0f}/mm³ {text}")
    return "\n".join(lines)
