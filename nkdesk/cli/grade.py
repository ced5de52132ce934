"""`nkdesk grade --term TERM --value Q [...]`: the CTCAE v5.0 grade a lab value or temperature supports.

A warning the rules attach to an answer (a total calcium low enough to be ionised calcium) is
printed on stderr as well as carried in the JSON; the exit status stays 0 (the answer is valid).
"""
from __future__ import annotations

import sys

from nkdesk.cli.output import emit

# rules/ctcae.py names its inputs; the terminal user typed these flags.
FLAGS = {"term": "--term", "value": "--value", "lln": "--lln", "uln": "--uln", "baseline": "--baseline",
         "albumin": "--albumin", "duration": "--duration", "ca_correction": "--ca-correction",
         "ionized": "--ionized"}


def register(sub, common) -> None:
    parser = sub.add_parser("grade", parents=[common],
                            help="CTCAE v5.0 grade of a lab- or temperature-based term")
    parser.add_argument("--term", required=True, metavar="TERM",
                        help='the CTCAE term, e.g. "Platelet count decreased", "Anemia", "Fever"')
    parser.add_argument("--value", required=True, metavar="Q", help='the value with its unit, e.g. "4.2 10^4/uL"')
    parser.add_argument("--lln", metavar="Q", help="lower limit of normal (terms graded against LLN)")
    parser.add_argument("--uln", metavar="Q", help="upper limit of normal (terms graded against ULN)")
    parser.add_argument("--baseline", metavar="Q",
                        help="baseline value, for terms whose criteria differ when the baseline was abnormal")
    parser.add_argument("--albumin", metavar="Q",
                        help="albumin, to correct total calcium (only when below 4.0 g/dL)")
    parser.add_argument("--ca-correction", metavar="jp|payne", default=None,
                        help="calcium correction: jp = Ca + 1.0 × (4.0 − Alb) (default, Japanese labelling); "
                             "payne = Ca + 0.8 × (4.0 − Alb) (Payne 1973)")
    parser.add_argument("--ionized", "--ionised", action="store_true",
                        help="the value is ionised calcium: graded on CTCAE's ionised column (mmol/L)")
    parser.add_argument("--duration", metavar="HOURS", help="how long the value has lasted, in hours (fever > 40.0 °C)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.cli.args import parse_hours
    from nkdesk.rules import ctcae
    from nkdesk.rules.errors import InputError

    duration = None if args.duration is None else parse_hours(args.duration, "--duration")
    try:
        result = ctcae.grade(args.term, args.value, lln=args.lln, uln=args.uln, baseline=args.baseline,
                             albumin=args.albumin, ca_correction=args.ca_correction, ionized=args.ionized,
                             duration_h=duration)
    except InputError as exc:
        raise exc.for_field(FLAGS.get(exc.field, exc.field)) from None
    emit(args, result.to_json(), describe(result))
    if result.warning:
        print(f"nkdesk: warning: {result.warning}", file=sys.stderr)
    return 0


def describe(result) -> str:
    """The human-readable answer: term, grade (or what decides it), CTCAE's wording."""
    if result.grade is None:
        head = f"{result.term}: grade {' or '.join(map(str, result.candidates))} — needs judgement"
        detail = result.judgement or result.criterion
    else:
        head = f"{result.term}: grade {result.grade} (CTCAE v{result.ctcae_version})"
        detail = result.criterion
    lines = [head, f"  {detail}", f"  graded value: {result.value:g} {result.unit}"
             + (" (corrected for albumin)" if result.corrected else "")]
    if result.calcium is not None:
        lines.append(f"  {result.calcium.describe()}")
    if result.upgrade_possible:
        lines.append(f"  higher grade possible on clinical facts: {', '.join(map(str, result.upgrade_possible))}")
    return "\n".join(lines)
