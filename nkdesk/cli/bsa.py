"""`nkdesk bsa --height Q --weight Q [--formula F]`: body surface area, unrounded, with its formula."""
from __future__ import annotations

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("bsa", parents=[common], help="body surface area from height and weight")
    parser.add_argument("--height", required=True, metavar="Q", help='height with its unit, e.g. "170 cm", "67 in"')
    parser.add_argument("--weight", required=True, metavar="Q", help='weight with its unit, e.g. "65 kg", "150 lb"')
    parser.add_argument("--formula", default="mosteller", metavar="F",
                        help="mosteller (default), dubois, haycock, gehan-george, boyd, fujimoto, shintani, takahira")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.cli.args import as_option
    from nkdesk.rules import bsa
    from nkdesk.rules.errors import InputError

    try:
        result = bsa.bsa(args.height, args.weight, args.formula)
    except InputError as exc:
        raise as_option(exc) from None
    label = bsa.FORMULAS[result.formula].label
    emit(args, result.to_json(),
         f"BSA {result.bsa_m2:.3f} m² ({label}; {result.height_cm:g} cm, {result.weight_kg:g} kg)")
    return 0
