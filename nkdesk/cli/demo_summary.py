"""`nkdesk demo-summary`: the demo patients' eligibility, for a machine with no display.

Until the demo database exists, the demo patients are the assessments in
resources/demo/assessments.json; this prints each one's verdict.
"""
from __future__ import annotations

import json

from nkdesk.cli.output import emit


def register(sub, common) -> None:
    parser = sub.add_parser("demo-summary", parents=[common], help="print the demo patients' eligibility")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.paths import resources_dir
    from nkdesk.rules import assessment, eligibility, protocol

    jrct = protocol.load()
    patients = json.loads((resources_dir() / "demo" / "assessments.json").read_text(encoding="utf-8"))
    rows, lines = [], []
    for study_id, entry in patients.items():
        result = eligibility.evaluate(jrct, assessment.parse(entry["assessment"], jrct))
        rows.append({"study_id": study_id, "note": entry["note"], **result.to_json()})
        verdict = {True: "eligible", False: "not eligible", None: "undecided"}[result.eligible]
        detail = "; ".join(filter(None, [
            f"failed {', '.join(result.failed)}" if result.failed else "",
            f"missing {', '.join(result.missing)}" if result.missing else "",
            f"boundary {', '.join(result.boundary)}" if result.boundary else "",
        ]))
        lines.append(f"{study_id}  {verdict:12}  {detail or '-'}   ({entry['note']})")
    emit(args, {"patients": rows}, "Demo patients (jRCTb060200020):\n" + "\n".join(lines))
    return 0
