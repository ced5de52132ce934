"""The eligibility checklist for the paper file: every criterion with the source's wording, the
values as entered and converted, met / not met / missing / boundary, the protocol's open points,
the verdict, the electronic signature manifest and a line for the wet signature."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from nkdesk.forms.base import markup, para, styles, table
from nkdesk.forms.catalogue import spec
from nkdesk.rules import assessment as assessment_rules
from nkdesk.rules.units import Measured, display_unit

if TYPE_CHECKING:
    from nkdesk.rules.eligibility import CriterionResult, EligibilityResult
    from nkdesk.rules.protocol import Protocol

FORM_VERSION = spec("eligibility").version
ROW_COLOURS = {"ok": "#e8f5e9", "failed": "#ffcdd2", "missing": "#fff3cd", "boundary": "#ede7f6"}


@dataclass(frozen=True)
class SignatureLine:
    """One electronic signature as the manifest prints it."""

    name: str
    role: str
    signed_at: datetime
    meaning: str
    valid: bool = True


def result_words(criterion: CriterionResult) -> str:
    if criterion.kind == "exclusion":
        words = {True: "APPLIES (excluded)", False: "Does not apply", None: "MISSING"}[criterion.met]
    else:
        words = {True: "Met", False: "NOT MET", None: "MISSING"}[criterion.met]
    return words + (" · boundary" if criterion.boundary else "")


def verdict_words(result: EligibilityResult) -> str:
    text = {True: "ELIGIBLE", False: "NOT ELIGIBLE", None: "UNDECIDED — inputs missing"}[result.eligible]
    parts = []
    if result.failed:
        parts.append("failed: " + ", ".join(result.failed))
    if result.missing:
        parts.append("missing: " + ", ".join(result.missing))
    if result.boundary:
        parts.append("boundary: " + ", ".join(result.boundary))
    return text + (f" ({'; '.join(parts)})" if parts else "")


def story(protocol: Protocol, data: Mapping[str, Any], result: EligibilityResult, signatures: list[SignatureLine],
          notes: tuple[str, ...] = (), about: str = "") -> list[Flowable]:
    """The checklist: `about` a line naming the assessment (number, date, status); `notes` warnings
    under the verdict (e.g. a draft that nobody signed)."""
    s = styles()
    parsed, problems = assessment_rules.read(data, protocol)
    out: list[Flowable] = [para(about, "body")] if about else []
    out.append(Paragraph(markup(f"Verdict: {verdict_words(result)}"), s["verdict"]))
    out += [Paragraph(markup(note), s["warning"]) for note in notes]
    out += [Paragraph(markup(f"Check (does not change the verdict): {warning}"), s["warning"])
            for warning in getattr(result, "warnings", ())]
    out.append(Paragraph("Inputs", s["h2"]))
    rows: list[list[str | Flowable]] = [["Field", "As entered", "Converted (unit the rules use)"]]
    for path, field_spec in protocol.fields.items():
        value = parsed.get(path)
        entered = _raw(data, path)
        if value is None:
            shown = f"{entered}  ⚠ {problems[path].message}" if path in problems else "—"
            rows.append([field_spec.label, shown, ""])
        elif isinstance(value, Measured):
            canonical = value.canonical()
            rows.append([field_spec.label, value.display(), f"{canonical:g} {display_unit(_canonical_unit(value))}"])
        else:
            rows.append([field_spec.label, _plain(value), ""])
    out.append(table(rows, [55 * mm, 60 * mm, 65 * mm]))
    out.append(Paragraph("Criteria", s["h2"]))
    crit_rows = [["Id", "Criterion (source wording)", "Result", "Evidence"]]
    colours: dict[int, str] = {}
    for index, c in enumerate(result.criteria, start=1):
        crit_rows.append([c.id, f"{c.kind.title()}: {c.text}", result_words(c), c.evidence])
        colours[index] = ROW_COLOURS["boundary" if c.boundary else c.status]
    out.append(table(crit_rows, [14 * mm, 62 * mm, 28 * mm, 76 * mm], zebra=False, row_colours=colours))
    out.append(Paragraph("Open points in the protocol text", s["h2"]))
    for point in protocol.open_points:
        out.append(Paragraph(f"<b>{markup(point.title)}.</b> {markup(point.text)}", s["warning"]))
    for parameter in protocol.parameters.values():
        if parameter.to_be_confirmed:
            out.append(para(f"{parameter.label}: {_quantity(parameter.value)} — to be confirmed against the signed "
                            f"protocol. {parameter.note}", "small"))
    out.append(KeepTogether(_signature_block(signatures)))
    return out


def _signature_block(signatures: list[SignatureLine]) -> list[Flowable]:
    s = styles()
    block: list[Flowable] = [Paragraph("Electronic signature manifest", s["h2"])]
    if signatures:
        rows = [["Signed by", "Role", "Date and time", "Meaning", "Status"]]
        for sig in signatures:
            rows.append([sig.name, sig.role, sig.signed_at.strftime("%Y-%m-%d %H:%M %Z").strip(), sig.meaning,
                         "valid" if sig.valid else "BROKEN: record changed after signing"])
        block.append(table(rows, [40 * mm, 28 * mm, 36 * mm, 46 * mm, 30 * mm]))
    else:
        block.append(para("Not signed electronically.", "body"))
    block += [Spacer(1, 10 * mm),
              para("Investigator's signature: ______________________________      "
                   "Name: ______________________      Date: ____________", "body")]
    return block


def _raw(data: Mapping[str, Any], path: str) -> Any:
    if path.startswith("labs."):
        return (data.get("labs") or {}).get(path[5:])
    return data.get(path)


def _plain(value: object) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value.isoformat()) if hasattr(value, "isoformat") else str(value)


def _canonical_unit(value: Measured) -> str:
    from nkdesk.rules import analytes

    spec = analytes.find(value.analyte) if value.analyte else None
    if spec is None:   # value.canonical() above would have refused a value without an analyte
        raise ValueError("a canonical unit needs an analyte")
    return spec.canonical


def _quantity(value: object) -> str:
    """A protocol parameter as printed: a quantity in display units ("100 ×10⁹/L"), else as written."""
    from nkdesk.rules import units
    from nkdesk.rules.errors import InputError

    if not isinstance(value, str):
        return str(value)
    try:
        return units.parse(value).display()
    except InputError:
        return value
