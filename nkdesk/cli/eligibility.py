"""`nkdesk eligibility FILE|- [--protocol ID]`: the verdict on an assessment JSON, with evidence."""
from __future__ import annotations

from nkdesk.cli.output import emit, read_json


def register(sub, common) -> None:
    parser = sub.add_parser("eligibility", parents=[common], help="evaluate an assessment JSON")
    parser.add_argument("file", metavar="FILE|-", help="assessment JSON file, or - for standard input")
    parser.add_argument("--protocol", default=None, metavar="ID", help="protocol id (default jRCTb060200020)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.rules import assessment, eligibility
    from nkdesk.rules.errors import InputError

    chosen = load_protocol(args.protocol)
    if not chosen.criteria:
        # an empty list of criteria would otherwise read as "eligible"
        raise InputError("--protocol", f"{chosen.id} defines no eligibility criteria", code="no_criteria")
    data = read_json(args.file, "assessment")
    result = eligibility.evaluate(chosen, assessment.parse(data, chosen))
    emit(args, result.to_json(chosen), describe(result, chosen))
    return 0


def load_protocol(protocol_id: str | None):
    from nkdesk.rules import protocol
    from nkdesk.rules.errors import InputError

    if protocol_id is not None and not protocol_id.strip():
        raise InputError("--protocol", "empty; give a protocol id (default jRCTb060200020)", code="unknown_protocol")
    try:
        return protocol.load(protocol_id or protocol.DEFAULT_PROTOCOL)
    except protocol.ProtocolError as exc:
        raise InputError("--protocol", str(exc), code="unknown_protocol") from None


VERDICT = {True: "ELIGIBLE", False: "NOT ELIGIBLE", None: "UNDECIDED (inputs missing)"}
STATUS = {"ok": "ok     ", "failed": "FAILED ", "missing": "missing"}


def describe(result, protocol) -> str:
    """The human-readable answer: verdict, then one line per criterion, then the open points."""
    lines = [f"{protocol.id}: {VERDICT[result.eligible]}"]
    if result.failed:
        lines.append(f"  failed: {', '.join(result.failed)}")
    if result.missing:
        lines.append(f"  missing: {', '.join(result.missing)}")
    if result.boundary:
        lines.append(f"  boundary (cut-off stated two ways): {', '.join(result.boundary)}")
    for warning in result.warnings:
        lines.append(f"  warning: {warning}")
    for c in result.criteria:
        lines.append(f"  {c.id:7} {STATUS[c.status]} {c.evidence}")
    for point in protocol.open_points:
        lines.append(f"  open point: {point.title}")
    return "\n".join(lines)
