"""The eligibility engine: a protocol's criteria evaluated on an assessment, with evidence.

Generic: every criterion comes from the protocol file (`protocol.py`), every rule form from
`criteria.py`. The verdict follows ../shared/cli-contract.md: `eligible` is false if any inclusion
is not met or any exclusion applies; else null if anything needed is missing; else true. Missing
inputs are reported (as JSON paths) wherever a criterion is undecided, even when the verdict is
already false; a value exactly on a cut-off that the source states two ways is a `boundary` case.

Issue 13 (../shared/cli-contract.md, optional dates): labs sampled more than the protocol's
`lab_window_days` before the assessment date, or after it, count as missing, and each criterion
left undecided by them says why; the protocol's `[[eligibility_warnings]]` (E4.v's platelet
cross-check) add entries to `warnings` (always present) without changing the verdict.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from nkdesk.rules import criteria as rule_forms
from nkdesk.rules.assessment import Assessment
from nkdesk.rules.phrases import Phrase
from nkdesk.rules.protocol import CriterionSpec, Protocol


@dataclass(frozen=True)
class CriterionResult:
    id: str
    kind: str               # inclusion / exclusion
    met: bool | None        # the condition holds (for an exclusion: it applies); None = undecided
    evidence: str
    missing: tuple[str, ...]
    boundary: bool
    text: str               # the source's wording
    group: str = ""
    evidence_phrases: tuple[Phrase, ...] = ()   # `evidence` as codes with parameters (the window's language)

    @property
    def failed(self) -> bool:
        return (self.kind == "inclusion" and self.met is False) or (self.kind == "exclusion" and self.met is True)

    @property
    def status(self) -> str:
        """met / not met / missing, from the patient's side: 'ok', 'failed' or 'missing'."""
        if self.failed:
            return "failed"
        return "missing" if self.met is None else "ok"


@dataclass(frozen=True)
class EligibilityResult:
    protocol: str
    criteria: tuple[CriterionResult, ...]
    warnings: tuple[str, ...] = ()
    warning_phrases: tuple[Phrase, ...] = ()     # `warnings` as codes with parameters (the window's language)

    @property
    def failed(self) -> list[str]:
        return [c.id for c in self.criteria if c.failed]

    @property
    def missing(self) -> list[str]:
        return list(dict.fromkeys(p for c in self.criteria if c.met is None for p in c.missing))

    @property
    def boundary(self) -> list[str]:
        return [c.id for c in self.criteria if c.boundary]

    @property
    def eligible(self) -> bool | None:
        if self.failed:
            return False
        if any(c.met is None for c in self.criteria):
            return None
        return True

    def to_json(self, protocol: Protocol | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "protocol": self.protocol,
            "eligible": self.eligible,
            "failed": self.failed,
            "boundary": self.boundary,
            "missing": self.missing,
            "warnings": list(self.warnings),
            "criteria": [
                {"id": c.id, "kind": c.kind, "met": c.met, "evidence": c.evidence, "missing": list(c.missing),
                 "boundary": c.boundary, "group": c.group or None, "text": c.text}
                for c in self.criteria
            ],
        }
        if protocol is not None:
            out["open_points"] = [{"id": p.id, "title": p.title, "text": p.text, "criteria": list(p.criteria)}
                                  for p in protocol.open_points]
            out["parameters"] = {name: {"value": p.value, "to_be_confirmed": p.to_be_confirmed, "note": p.note}
                                 for name, p in protocol.parameters.items()}
        return out


def evaluate(protocol: Protocol, assessment: Assessment) -> EligibilityResult:
    """Every leaf criterion of the protocol, in protocol order, on this assessment."""
    stale = stale_labs(protocol, assessment)
    used = assessment
    if stale:
        used = Assessment({path: v for path, v in assessment.values.items() if not path.startswith("labs.")})
    results = []
    for spec, rule in _compiled(protocol):
        result = _evaluate_one(spec, rule, used)
        if stale and result.met is None and any(path.startswith("labs.") for path in result.missing):
            result = replace(result, evidence=f"{result.evidence} ({stale})")
        results.append(result)
    warned = _warnings(protocol, used)
    return EligibilityResult(protocol.id, tuple(results), tuple(w.text for w in warned), warned)


def stale_labs(protocol: Protocol, assessment: Assessment) -> str:
    """Why the labs count as missing (sampled outside the protocol's lab window), or "" if they do not."""
    window = protocol.parameters.get("lab_window_days")
    sampled, on = assessment.get("labs_date"), assessment.get("assessment_date")
    if window is None or not isinstance(sampled, date) or not isinstance(on, date):
        return ""
    days = int(window.value)
    caveat = " (to be confirmed against the signed protocol)" if window.to_be_confirmed else ""
    if sampled > on:
        return (f"labs sampled {sampled.isoformat()}, after the assessment on {on.isoformat()}: counted as "
                f"missing")
    age = (on - sampled).days
    if age > days:
        return (f"labs sampled {sampled.isoformat()}, {age} days before the assessment on {on.isoformat()}: older "
                f"than the lab window of {days} days{caveat}, counted as missing")
    return ""


def _warnings(protocol: Protocol, assessment: Assessment) -> tuple[Phrase, ...]:
    """Each cross-check that holds, as a phrase: its English "E4.v: <evidence>: <text>", and the
    criterion, the evidence's phrases and the protocol's text (with its Japanese) as parameters."""
    found = []
    for criterion, rule, text, text_ja in _compiled_warnings(protocol):
        outcome = rule(assessment)
        if outcome.value is True:
            found.append(Phrase("eligibility.warning", {"criterion": criterion, "evidence": outcome.phrases,
                                                        "text": text, "text_ja": text_ja},
                                f"{criterion}: {outcome.evidence}: {text}"))
    return tuple(found)


@lru_cache(maxsize=16)
def _compiled_warnings(protocol: Protocol) -> tuple[tuple[str, rule_forms.Rule, str, str], ...]:
    return tuple((w.get("criterion", ""), rule_forms.compile_rule(w["when"], protocol), w.get("text", ""),
                  w.get("text_ja", "")) for w in protocol.section("eligibility_warnings", []) or [])


def _evaluate_one(spec: CriterionSpec, rule: rule_forms.Rule, assessment: Assessment) -> CriterionResult:
    outcome = rule(assessment)
    return CriterionResult(spec.id, spec.kind, outcome.value, outcome.evidence, outcome.missing, outcome.boundary,
                           spec.text, spec.group, outcome.phrases)


@lru_cache(maxsize=16)
def _compiled(protocol: Protocol) -> tuple[tuple[CriterionSpec, rule_forms.Rule], ...]:
    return tuple((spec, rule_forms.compile_rule(spec.rule, protocol)) for spec in protocol.criteria)
