"""The rule forms a protocol file can use for a criterion, and their three-valued evaluation.

Each criterion's `rule` in the TOML is one of these forms (the engine knows no criterion by name),
each with when it holds and, in brackets, example criteria that use it:

- `{finding = "F", value = true}`: field F equals value (I1, E1)
- `{compare = "labs.afp", op = ">", limit = "10 ng/mL"}`: the value compared with the cut-off, in the
  cut-off's unit at 6 significant figures; `parameter = "name"` takes the limit from `[parameters]`;
  a plain-number limit compares a count; `also_stated = ">="` marks a cut-off the source states two
  ways (a value exactly on it is a boundary case) (I3, I5, E4.vi)
- `{age_between = [20, 79], birth = "birth_date", on = "assessment_date"}`: whole years on the date (I2)
- `{field_in = "F", values = [0, 1]}`: field F is one of values (I6)
- `{all = [...]}`, `{any = [...]}`: all / any of the sub-rules (I3, E4.iii)
- `{at_least = 3, of = [...]}`: at least N sub-rules (I5)
- `{when = {...}, then = {...}}`: the condition holds and then the requirement; the requirement's
  inputs are needed only when the condition holds (E4.iii: EF only with heart disease)
- `{dated = "cv_event_date", within_months = 6, before = "assessment_date", otherwise = {...}}`: when
  the date is given, it decides (on or after the assessment date minus N calendar months, month ends
  clamped); a date after the assessment is bad input; without the date, `otherwise` decides (E4.ii)
- `{days_between = ["surgery_date", "discharge_date"], op = ">", days = 42, otherwise = {...}}`: when
  both dates are given, (second − first) in days compared with `days` decides; without them,
  `otherwise` (E5)

Any leaf may carry `not_needed_when = {field = "sex", equals = "M"}`: when its own input is absent
and that holds, the leaf is false rather than missing (pregnancy is not asked of a man).

Evaluation is Kleene three-valued: a result is None only when the known inputs cannot decide it,
and only then are the absent inputs it depends on reported as missing.
"""
from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from nkdesk.rules import units
from nkdesk.rules.assessment import Assessment
from nkdesk.rules.errors import InputError
from nkdesk.rules.phrases import Phrase
from nkdesk.rules.protocol import Protocol, ProtocolError

OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq,
}
SYMBOL = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "==": "="}


@dataclass(frozen=True)
class Outcome:
    value: bool | None
    evidence: str
    missing: tuple[str, ...] = ()
    boundary: bool = False
    phrases: tuple[Phrase, ...] = ()   # the evidence as codes with parameters, for the window's language


Rule = Callable[[Assessment], Outcome]


def compile_rule(rule: dict[str, Any], protocol: Protocol) -> Rule:
    """Turn a rule table from the protocol file into a function of an Assessment."""
    if not isinstance(rule, dict):
        raise ProtocolError(f"a rule must be a table, got {rule!r}")
    forms = [k for k in ("finding", "compare", "age_between", "field_in", "all", "any", "at_least", "when",
                         "dated", "days_between") if k in rule]
    if len(forms) != 1:
        raise ProtocolError(f"a rule needs exactly one form, got {sorted(rule)}")
    form = forms[0]
    leaf = {"finding": _finding, "compare": _compare, "age_between": _age, "field_in": _field_in}
    if form in leaf:
        evaluate = leaf[form](rule, protocol)
        return _with_not_needed(rule, evaluate, protocol)
    if form == "when":
        return _when(compile_rule(rule["when"], protocol), compile_rule(rule["then"], protocol))
    if form == "dated":
        return _dated(rule, protocol, compile_rule(rule["otherwise"], protocol))
    if form == "days_between":
        return _days_between(rule, protocol, compile_rule(rule["otherwise"], protocol))
    children = [compile_rule(r, protocol) for r in (rule["of"] if form == "at_least" else rule[form])]
    needed: int = len(children) if form == "all" else 1 if form == "any" else rule["at_least"]
    return _count(children, needed, form)


def not_asked(protocol: Protocol, data: Mapping[str, object]) -> frozenset[str]:
    """The inputs whose question does not apply to these answers (`not_needed_when` holds): the
    window hides them (pregnancy is not asked of a man). `data` is the assessment JSON as typed."""
    hidden: set[str] = set()
    for spec in protocol.criteria:
        for leaf in _leaves(spec.rule):
            condition = leaf.get("not_needed_when")
            path = leaf.get("finding")
            if condition and isinstance(path, str) and data.get(condition["field"]) == condition["equals"]:
                hidden.add(path)
    return frozenset(hidden)


def _leaves(rule: object) -> list[dict[str, Any]]:
    """Every table of a rule, nested ones included (the forms that may carry `not_needed_when`)."""
    if isinstance(rule, dict):
        return [rule] + [leaf for value in rule.values() for leaf in _leaves(value)]
    if isinstance(rule, list):
        return [leaf for value in rule for leaf in _leaves(value)]
    return []


def _label(protocol: Protocol, path: str) -> str:
    spec = protocol.fields.get(path)
    if spec is not None:
        return spec.label
    from nkdesk.rules import analytes

    analyte = analytes.find(path.split(".")[-1])
    return analyte.label if analyte else path


def _said(code: str, text: str, **params: object) -> tuple[Phrase, ...]:
    return (Phrase(code, params, text),)


def _missing(path: str, label: str) -> Outcome:
    text = f"{label}: missing"
    return Outcome(None, text, (path,), phrases=_said("crit.missing", text, path=path, label=label))


def _finding(rule: dict[str, Any], protocol: Protocol) -> Rule:
    path, expected = rule["finding"], rule.get("value", True)
    label = rule.get("label") or _label(protocol, path)

    def evaluate(a: Assessment) -> Outcome:
        value = a.get(path)
        if value is None:
            return _missing(path, label)
        text = f"{label}: {_yes_no(value)}"
        return Outcome(value == expected, text, phrases=_said("crit.finding", text, path=path, label=label,
                                                              value=value))
    return evaluate


def _yes_no(value: object) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def _field_in(rule: dict[str, Any], protocol: Protocol) -> Rule:
    path, allowed = rule["field_in"], list(rule["values"])
    label = rule.get("label") or _label(protocol, path)
    wanted = " or ".join(str(v) for v in allowed)

    def evaluate(a: Assessment) -> Outcome:
        value = a.get(path)
        if value is None:
            return _missing(path, label)
        ok = value in allowed
        text = f"{label} {value}" + ("" if ok else f" (needs {wanted})")
        return Outcome(ok, text, phrases=_said("crit.field_in", text, path=path, label=label, value=value, ok=ok,
                                               wanted=tuple(allowed)))
    return evaluate


def _age(rule: dict[str, Any], protocol: Protocol) -> Rule:
    low, high = rule["age_between"]
    birth, on = rule.get("birth", "birth_date"), rule.get("on", "assessment_date")

    def evaluate(a: Assessment) -> Outcome:
        born, when = a.get(birth), a.get(on)
        absent = tuple(p for p, v in ((birth, born), (on, when)) if v is None)
        if absent:
            text = "age: missing " + " and ".join(absent)
            return Outcome(None, text, absent, phrases=_said("crit.age_missing", text, paths=absent))
        age = age_in_years(born, when)
        if age < 0:
            raise InputError(birth, f"{born.isoformat()} is after the assessment date {when.isoformat()}",
                             code="inconsistent_dates")
        ok = low <= age <= high
        text = f"age {age} y on {when.isoformat()}" + ("" if ok else f" (needs {low}–{high} y)")
        return Outcome(ok, text, phrases=_said("crit.age", text, age=age, on=when.isoformat(), ok=ok, low=low,
                                               high=high))
    return evaluate


def age_in_years(born: date, on: date) -> int:
    """Completed years on `on`. A 29 February birthday is reached on 1 March in common years
    (the usual clinical convention: the year is complete once the calendar date has passed)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _compare(rule: dict[str, Any], protocol: Protocol) -> Rule:
    path, op = rule["compare"], rule["op"]
    if op not in OPS:
        raise ProtocolError(f"compare {path}: op must be one of {sorted(OPS)}")
    also = rule.get("also_stated")
    if also is not None and also not in OPS:
        raise ProtocolError(f"compare {path}: also_stated must be one of {sorted(OPS)}")
    caveat = ""
    if "parameter" in rule:
        if rule["parameter"] not in protocol.parameters:
            raise ProtocolError(f"compare {path}: unknown parameter {rule['parameter']}")
        parameter = protocol.parameters[rule["parameter"]]
        limit = parameter.value
        caveat = " (threshold to be confirmed)" if parameter.to_be_confirmed else ""
    else:
        limit = rule["limit"]
    label = rule.get("label") or _label(protocol, path)
    if isinstance(limit, (int, float)) and not isinstance(limit, bool):
        limit_value, limit_unit = float(limit), None
        limit_text = f"{limit:g}"
    else:
        parsed = units.parse(str(limit), field=path)
        limit_value, limit_unit, limit_text = parsed.magnitude, parsed.unit, parsed.display()
    compare, also_compare = OPS[op], OPS.get(also) if also else None
    also_symbol = SYMBOL[also] if also else ""

    def evaluate(a: Assessment) -> Outcome:
        value = a.get(path)
        if value is None:
            return _missing(path, label)
        if limit_unit is None:
            number, shown = float(value), f"{value}"
        else:
            try:
                number = value.to_rounded(limit_unit)
            except InputError as exc:
                raise exc.for_field(path) from None
            shown = value.display() if value.unit == limit_unit else \
                f"{value.display()} ({number:g} {units.display_unit(limit_unit)})"
        ok = compare(number, limit_value)
        relation = "=" if number == limit_value else ("<" if number < limit_value else ">")
        evidence = f"{label} {shown} {relation} {limit_text}"
        on_boundary = False
        other: bool | None = None
        if also_compare is not None and number == limit_value:
            on_boundary = True
            other = also_compare(number, limit_value)
            evidence += (f": on the cut-off; {'meets' if ok else 'does not meet'} {SYMBOL[op]} {limit_text} "
                         f"as the criteria section states (operative), would {'' if other else 'not '}meet "
                         f"{also_symbol} {limit_text} as the source also states")
        said = _said("crit.compare", evidence + caveat, path=path, label=label, shown=shown, relation=relation,
                     limit=limit_text, boundary=on_boundary, ok=ok, op=SYMBOL[op], other=other, also=also_symbol,
                     to_be_confirmed=bool(caveat))
        return Outcome(ok, evidence + caveat, boundary=on_boundary, phrases=said)
    return evaluate


def _with_not_needed(rule: dict[str, Any], evaluate: Rule, protocol: Protocol) -> Rule:
    condition = rule.get("not_needed_when")
    if not condition:
        return evaluate
    path, equals = condition["field"], condition["equals"]

    def guarded(a: Assessment) -> Outcome:
        outcome = evaluate(a)
        if outcome.value is None and a.get(path) == equals:
            text = f"not applicable ({_label(protocol, path).lower()} {equals})"
            return Outcome(False, text, phrases=_said("crit.not_applicable", text, path=path, value=equals))
        return outcome
    return guarded


def _when(condition: Rule, then: Rule) -> Rule:
    def evaluate(a: Assessment) -> Outcome:
        first = condition(a)
        if first.value is False:
            return Outcome(False, first.evidence, phrases=first.phrases)
        second = then(a)
        evidence = f"{first.evidence}; {second.evidence}"
        both = first.phrases + second.phrases
        if first.value is True:
            return Outcome(second.value, evidence, second.missing, second.boundary, both)
        if second.value is False:
            return Outcome(False, evidence, boundary=second.boundary, phrases=both)
        # the requirement's own inputs are asked for only once the condition is known to hold
        return Outcome(None, evidence, first.missing, second.boundary, both)
    return evaluate


def _count(children: list[Rule], needed: int, form: str) -> Rule:
    total = len(children)

    def evaluate(a: Assessment) -> Outcome:
        outcomes = [child(a) for child in children]
        true = sum(o.value is True for o in outcomes)
        unknown = sum(o.value is None for o in outcomes)
        if true >= needed:
            value = True
        elif true + unknown < needed:
            value = False
        else:
            value = None
        missing: tuple[str, ...] = ()
        if value is None:
            missing = tuple(dict.fromkeys(p for o in outcomes if o.value is None for p in o.missing))
        detail = "; ".join(o.evidence for o in outcomes)
        phrases = tuple(p for o in outcomes for p in o.phrases)
        if form == "at_least":
            head = f"{true} of {total} (needs ≥ {needed})"
            detail = f"{head}: {detail}"
            phrases = _said("crit.at_least", head, true=true, total=total, needed=needed) + phrases
        return Outcome(value, detail, missing, any(o.boundary for o in outcomes), phrases)
    return evaluate


def _dated(rule: dict[str, Any], protocol: Protocol, otherwise: Rule) -> Rule:
    """The event's date decides "within N calendar months before" the anchor date; else `otherwise`."""
    path, anchor, months = rule["dated"], rule.get("before", "assessment_date"), int(rule["within_months"])
    label = rule.get("label") or _label(protocol, path)

    def evaluate(a: Assessment) -> Outcome:
        when, on = a.get(path), a.get(anchor)
        if when is None:
            return otherwise(a)
        if on is None:
            fallback = otherwise(a)
            if fallback.value is not None:
                return fallback
            text = f"{label} {when.isoformat()}: the {_label(protocol, anchor).lower()} is needed to decide"
            return Outcome(None, text, (anchor,), phrases=_said("crit.dated_needs", text, path=path, label=label,
                                                                when=when.isoformat(), anchor=anchor))
        if when > on:
            raise InputError(path, f"{when.isoformat()} is after the {_label(protocol, anchor).lower()} "
                                   f"{on.isoformat()}", code="inconsistent_dates")
        start = months_before(on, months)
        within = when >= start
        text = (f"{label} {when.isoformat()}: {'within' if within else 'more than'} {months} "
                f"calendar months before {on.isoformat()} (from {start.isoformat()})")
        return Outcome(within, text, phrases=_said("crit.dated", text, path=path, label=label, when=when.isoformat(),
                                                   within=within, months=months, on=on.isoformat(),
                                                   start=start.isoformat()))
    return evaluate


def months_before(on: date, months: int) -> date:
    """`on` minus N calendar months, the day clamped to the month's end (31 Aug − 6 months = 28/29 Feb)."""
    from dateutil.relativedelta import relativedelta

    result: date = on - relativedelta(months=months)
    return result


def _days_between(rule: dict[str, Any], protocol: Protocol, otherwise: Rule) -> Rule:
    """Both dates given: (second − first) days compared with `days` decides; else `otherwise`."""
    first, second = rule["days_between"]
    op, days = rule.get("op", ">"), int(rule["days"])
    if op not in OPS:
        raise ProtocolError(f"days_between: op must be one of {sorted(OPS)}")

    def evaluate(a: Assessment) -> Outcome:
        start, end = a.get(first), a.get(second)
        if start is None or end is None:
            return otherwise(a)
        if end < start:
            raise InputError(second, f"{end.isoformat()} is before the {_label(protocol, first).lower()} "
                                     f"{start.isoformat()}", code="inconsistent_dates")
        span = (end - start).days
        holds = OPS[op](span, days)
        text = (f"{_label(protocol, first)} {start.isoformat()}, {_label(protocol, second).lower()} "
                f"{end.isoformat()}: {span} days ({'' if holds else 'not '}{SYMBOL[op]} {days} days)")
        return Outcome(holds, text, phrases=_said("crit.days_between", text, first=first, second=second,
                                                  start=start.isoformat(), end=end.isoformat(), span=span,
                                                  holds=holds, op=SYMBOL[op], days=days))
    return evaluate
