"""`nkdesk convert QUANTITY --to UNIT [--analyte NAME]`: one value in another unit."""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("convert", parents=[common], help="convert a quantity to another unit")
    parser.add_argument("quantity", help='a number with its unit, e.g. "12.3 10^4/uL"')
    parser.add_argument("--to", required=True, metavar="UNIT", help='the unit wanted, e.g. "10^9/L"')
    parser.add_argument("--analyte", metavar="NAME",
                        help="needed for analyte-specific factors (AFP IU↔ng, haemoglobin g↔mmol, …)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.rules import analytes, units
    from nkdesk.rules.errors import InputError

    analyte = None
    if args.analyte is not None:
        spec = analytes.find(args.analyte)
        if spec is None:
            raise InputError("--analyte", f"unknown analyte '{args.analyte}' "
                                          f"(known: {', '.join(analytes.names())})", code="unknown_analyte")
        analyte = spec.name
    measured = units.parse(args.quantity, field="quantity", analyte=analyte)
    try:
        value = units.clean_float(measured.to(args.to))
    except InputError as exc:
        raise exc.for_field("--to") from None
    emit(args, {"value": value, "unit": args.to, "analyte": analyte,
                "from": {"value": measured.magnitude, "unit": measured.unit}},
         f"{value:g} {args.to}")
    return 0
