"""The eligibility engine: a protocol's criteria evaluated on an assessment, with evidence.

Generic: every criterion comes from the protocol file (`protocol.py`), every rule form from
`criteria.py`. The verdict follows ../shared/cli-contract.md: `eligible` is false if any inclusion
is not met or any exclusion applies; else null if anything needed is missing; else true. Missing
inputs are reported (as JSON paths) wherever a criterion is undecided, even when the verdict is
already false; a value exactly on a cut-off that the source states two ways is a `boundary` case.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from nkdesk.rules import criteria as rule_forms
from nkdesk.rules.assessment import Assessment
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

    def to_json(self, protocol: Protocol | None = None) -> dict:
        out = {
            "protocol": self.protocol,
            "eligible": self.eligible,
            "failed": self.failed,
            "boundary": self.boundary,
            "missing": self.missing,
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
    results = tuple(_evaluate_one(spec, rule, assessment) for spec, rule in _compiled(protocol))
    return EligibilityResult(protocol.id, results)


def _evaluate_one(spec: CriterionSpec, rule, assessment: Assessment) -> CriterionResult:
    outcome = rule(assessment)
    return CriterionResult(spec.id, spec.kind, outcome.value, outcome.evidence, outcome.missing, outcome.boundary,
                           spec.text, spec.group)


@lru_cache(maxsize=16)
def _compiled(protocol: Protocol):
    return tuple((spec, rule_forms.compile_rule(spec.rule, protocol)) for spec in protocol.criteria)
