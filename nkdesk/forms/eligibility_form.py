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
from nkdesk.forms.words import data_text, join, moment, say
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
    return join(say(words), say(" · boundary") if criterion.boundary else "")


def verdict_words(result: EligibilityResult) -> str:
    text = say({True: "ELIGIBLE", False: "NOT ELIGIBLE", None: "UNDECIDED — inputs missing"}[result.eligible])
    parts = []
    if result.failed:
        parts.append(say("failed: {ids}", ids=", ".join(result.failed)))
    if result.missing:
        parts.append(say("missing: {ids}", ids=", ".join(result.missing)))
    if result.boundary:
        parts.append(say("boundary: {ids}", ids=", ".join(result.boundary)))
    return join(text, " (", join(*parts, sep="; "), ")") if parts else text


def story(protocol: Protocol, data: Mapping[str, Any], result: EligibilityResult, signatures: list[SignatureLine],
          notes: tuple[str, ...] = (), about: str = "") -> list[Flowable]:
    """The checklist: `about` a line naming the assessment (number, date, status); `notes` warnings
    under the verdict (e.g. a draft that nobody signed)."""
    s = styles()
    parsed, problems = assessment_rules.read(data, protocol)
    out: list[Flowable] = [para(about, "body")] if about else []
    out.append(Paragraph(markup(say("Verdict: {verdict}", verdict=verdict_words(result))), s["verdict"]))
    out += [Paragraph(markup(note), s["warning"]) for note in notes]
    out += [Paragraph(markup(say("Check (does not change the verdict): {warning}", warning=warning)), s["warning"])
            for warning in getattr(result, "warnings", ())]
    out.append(Paragraph(markup(say("Inputs")), s["h2"]))
    rows: list[list[str | Flowable]] = [[say("Field"), say("As entered"), say("Converted (unit the rules use)")]]
    for path, field_spec in protocol.fields.items():
        value = parsed.get(path)
        entered = _raw(data, path)
        label = data_text(field_spec.label, field_spec.ja.get("label"))
        if value is None:
            shown = f"{entered}  ⚠ {problems[path].message}" if path in problems else "—"
            rows.append([label, shown, ""])
        elif isinstance(value, Measured):
            canonical = value.canonical()
            rows.append([label, value.display(), f"{canonical:g} {display_unit(_canonical_unit(value))}"])
        else:
            rows.append([label, _plain(value), ""])
    out.append(table(rows, [55 * mm, 60 * mm, 65 * mm]))
    out.append(Paragraph(markup(say("Criteria")), s["h2"]))
    crit_rows = [[say("Id"), say("Criterion (source wording)"), say("Result"), say("Evidence")]]
    colours: dict[int, str] = {}
    for index, c in enumerate(result.criteria, start=1):
        crit_rows.append([c.id, say("{kind}: {text}", kind=say(c.kind.title()), text=_criterion_text(protocol, c)),
                          result_words(c), c.evidence])
        colours[index] = ROW_COLOURS["boundary" if c.boundary else c.status]
    out.append(table(crit_rows, [14 * mm, 62 * mm, 28 * mm, 76 * mm], zebra=False, row_colours=colours))
    out.append(Paragraph(markup(say("Open points in the protocol text")), s["h2"]))
    for point in protocol.open_points:
        out.append(Paragraph(f"<b>{markup(data_text(point.title, point.ja.get('title')))}.</b> "
                             f"{markup(data_text(point.text, point.ja.get('text')))}", s["warning"]))
    for parameter in protocol.parameters.values():
        if parameter.to_be_confirmed:
            out.append(para(say("{label}: {value} — to be confirmed against the signed protocol. {note}",
                                label=data_text(parameter.label, parameter.ja.get("label")),
                                value=_quantity(parameter.value),
                                note=data_text(parameter.note, parameter.ja.get("note"))), "small"))
    out.append(KeepTogether(_signature_block(signatures)))
    return out


def _signature_block(signatures: list[SignatureLine]) -> list[Flowable]:
    s = styles()
    block: list[Flowable] = [Paragraph(markup(say("Electronic signature manifest")), s["h2"])]
    if signatures:
        rows = [[say("Signed by"), say("Role"), say("Date and time"), say("Meaning"), say("Status")]]
        for sig in signatures:
            rows.append([sig.name, say(sig.role), moment(sig.signed_at, "%Y-%m-%d %H:%M %Z"), say(sig.meaning),
                         say("valid") if sig.valid else say("BROKEN: record changed after signing")])
        block.append(table(rows, [40 * mm, 28 * mm, 36 * mm, 46 * mm, 30 * mm]))
    else:
        block.append(para(say("Not signed electronically."), "body"))
    block += [Spacer(1, 10 * mm),
              para(say("Investigator's signature: ______________________________      "
                       "Name: ______________________      Date: ____________"), "body")]
    return block


def _criterion_text(protocol: Protocol, result: CriterionResult) -> str:
    """The criterion's source wording; in Japanese the protocol file's rendering (marked as a
    translation there), with the source's English kept beside it in "both"."""
    found = next((c for c in protocol.criteria if c.id == result.id), None)
    return result.text if found is None else data_text(result.text, found.ja.get("text"))


def _raw(data: Mapping[str, Any], path: str) -> Any:
    if path.startswith("labs."):
        return (data.get("labs") or {}).get(path[5:])
    return data.get(path)


def _plain(value: object) -> str:
    if value is True:
        return say("Yes")
    if value is False:
        return say("No")
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
