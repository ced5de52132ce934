"""The rules' explanations (a CRS proposal's reasons, …) worded in the window's language.

The rules keep each explanation as a `Phrase` (a code, its parameters, and the English the command
line prints); this module words the code for the window, in English exactly as the rules' text and
in Japanese from the catalogue, so a Japanese screen never shows the rules' English. A code this
module does not know is shown in the rules' English (never hidden); tests/ui/test_explanations.py
keeps every code the rules can produce known here.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from nkdesk.rules.phrases import Phrase
from nkdesk.ui import language, words


def tr(text: str) -> str:
    # lupdate files a module-level tr("…") under the empty context (as in ui/messages.py)
    return QCoreApplication.translate("", text)


def _device(code: object) -> str:
    name = words.oxygen_device(str(code))
    return name.lower() if language.current() == "en" else name


def _crs(code: str, p: dict[str, object]) -> str | None:
    with_vasopressin = tr(" with vasopressin") if p.get("vasopressin") else ""
    if code == "crs.fever":
        return tr("fever {0} °C (≥ {1} °C)").format(f"{float(p['temperature_c']):.1f}",  # type: ignore[arg-type]
                                                   f"{float(p['threshold_c']):.0f}")  # type: ignore[arg-type]
    if code == "crs.fever_masked":
        return tr("fever not required: antipyretic or anticytokine therapy has begun")
    if code == "crs.hypotension_vasopressors":
        return tr("hypotension requiring {0} vasopressors{1} (vasopressin not counted)").format(
            p["count"], with_vasopressin)
    if code == "crs.hypotension_vasopressor":
        return tr("hypotension requiring a vasopressor{0}").format(with_vasopressin)
    if code == "crs.hypotension_vasopressin_alone":
        return tr("hypotension requiring vasopressin alone")
    if code == "crs.hypotension":
        return tr("hypotension not requiring vasopressors")
    if code == "crs.hypoxia":
        flow = p.get("flow_l_min")
        if flow is None:
            return tr("hypoxia requiring {0}").format(_device(p["device"]))
        return tr("hypoxia requiring {0} at {1} L/min").format(_device(p["device"]), f"{float(flow):g}")  # type: ignore[arg-type]
    if code == "crs.no_fever":
        return tr("no fever ≥ 38 °C: not CRS by ASTCT criteria")
    if code == "crs.attribution":
        return tr("ASTCT counts fever, hypotension and hypoxia only when not attributable to any other cause: "
                  "an investigator confirms the grade")
    if code == "crs.vasopressin_reading":
        return tr("NKDesk's reading: ASTCT (Lee 2019) grades hypotension needing \"a vasopressor with or without "
                  "vasopressin\" as 3 and excludes vasopressin only when counting multiple vasopressors for grade 4; "
                  "it is silent on vasopressin alone, which NKDesk counts as a vasopressor (grade 3) — the "
                  "investigator confirms")
    return None


WORDERS = (_crs,)


def known(code: str, params: dict[str, object]) -> bool:
    """Whether the window words this code itself (tests: every code the rules produce)."""
    return any(worder(code, params) is not None for worder in WORDERS)


def said(phrase: Phrase) -> str:
    """One phrase in the window's language (the rules' English if the code is unknown here)."""
    params = dict(phrase.params)
    for worder in WORDERS:
        try:
            text = worder(phrase.code, params)
        except (KeyError, TypeError, ValueError):   # parameters not as expected: the rules' own words
            text = None
        if text is not None:
            return text
    return phrase.text


def joined(phrases: Iterable[Phrase]) -> str:
    return tr("; ").join(said(p) for p in phrases)


def crs_line(proposal, problem: Exception | None = None) -> str:
    """The infusion screen's CRS line: the proposal with its reasons and note, or why none can be made."""
    if proposal is None:
        from nkdesk.ui.messages import problem_sentence

        return tr("CRS proposal (ASTCT 2019) not possible: {0}").format(problem_sentence(problem))
    if proposal.grade == 0:
        return tr("CRS (ASTCT 2019): no grade proposed — {0}.").format(joined(proposal.reason_phrases))
    return tr("CRS proposal (ASTCT 2019): grade {0} — {1}. {2}.").format(
        proposal.grade, joined(proposal.reason_phrases), said(proposal.note_phrase))
