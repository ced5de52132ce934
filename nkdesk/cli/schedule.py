"""`nkdesk schedule [--protocol ID] [--apheresis DATE] [--gcsf-days N] [--cycles N] [--surgery DATE]
[--actual K=DATE …]`: the dated treatment calendar a protocol file defines.

A first G-CSF day outside the window after surgery is printed as a warning on stderr; the exit
status stays 0 (the plan is valid input, and the warning is for the person planning).
"""
from __future__ import annotations

import sys

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("schedule", parents=[common], help="the dated treatment calendar of a protocol")
    parser.add_argument("--protocol", default=None, metavar="ID", help="protocol id (default jRCTb060200020)")
    parser.add_argument("--apheresis", default=None, metavar="DATE", help="cycle 1's planned apheresis, YYYY-MM-DD")
    parser.add_argument("--gcsf-days", default=None, metavar="N", help="days of G-CSF, 4 to 6 (default 5)")
    parser.add_argument("--cycles", default=None, metavar="N", help="number of cycles (default: the protocol's)")
    parser.add_argument("--surgery", default=None, metavar="DATE",
                        help="the operation (hepatectomy, transplantation, resection), YYYY-MM-DD")
    parser.add_argument("--actual", action="append", default=[], metavar="K=DATE",
                        help="cycle K's apheresis happened on DATE (repeatable)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.cli.args import as_option, parse_date, parse_int
    from nkdesk.cli.eligibility import load_protocol
    from nkdesk.rules import schedule
    from nkdesk.rules.errors import InputError

    chosen = load_protocol(args.protocol)
    try:
        result = schedule.plan(
            chosen,
            apheresis=parse_date(args.apheresis, "apheresis") if args.apheresis is not None else None,
            surgery=parse_date(args.surgery, "surgery") if args.surgery is not None else None,
            gcsf_days=parse_int(args.gcsf_days, "gcsf_days") if args.gcsf_days is not None else None,
            cycles=parse_int(args.cycles, "cycles") if args.cycles is not None else None,
            actual=parse_actual(args.actual),
        )
    except InputError as exc:
        raise as_option(exc) from None
    window = result.gcsf_window
    if window is not None and not window.within:
        print(f"nkdesk: warning: gcsf_window: first G-CSF day {window.first_gcsf} is outside "
              f"{window.start} to {window.end} (the protocol's window after surgery)", file=sys.stderr)
    emit(args, result.to_json(), describe(result))
    return 0


def parse_actual(items: list[str]) -> dict:
    """`K=DATE` items into {K: date}; InputError on `--actual` for anything else or a repeated K."""
    import re

    from nkdesk.cli.args import parse_date
    from nkdesk.rules.errors import InputError

    actual = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[0-9]{1,3}", key.strip()):
            raise InputError("--actual", f"'{item}' is not K=DATE (e.g. 2=2027-03-08)", code="bad_actual")
        k = int(key)
        if k in actual:
            raise InputError("--actual", f"cycle {k} is given twice", code="bad_actual")
        actual[k] = parse_date(value, "--actual")
    return actual


def describe(result) -> str:
    lines = [f"{result.protocol_id}" + (f" (timing {result.timing})" if result.timing else "")]
    for e in result.events:
        cycle = f"cycle {e.cycle}" if e.cycle is not None else "       "
        day = f"day {e.culture_day:>3}" if e.culture_day is not None else "       "
        status = f" [{e.status}]" if e.status != "planned" else ""
        lines.append(f"  {e.date}  {cycle}  {day}  {e.kind:<13} {e.label}{status}")
    for u in result.undated:
        lines.append(f"  {'undated':10}  {u.kind:<13} {u.label} ({u.timing})")
    w = result.gcsf_window
    if w is not None:
        mark = "within" if w.within else "OUTSIDE"
        lines.append(f"  G-CSF window {w.start} to {w.end}: first G-CSF day {w.first_gcsf} is {mark}")
    return "\n".join(lines)
