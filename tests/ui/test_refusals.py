"""Every refusal a service can raise is worded for a nurse in English and Japanese (issue 16
"messages in words", issue 18 "error and problem messages rendered from the error's code and
parameters in the user's language").

The codes are found by reading nkdesk/services and nkdesk/domain (every `InputError(…, code=…)`,
`AuthError("code", …)` and `StorageError` subclass raised, with its class's code when none is
given) and every StorageError class of nkdesk/storage/errors.py, so a new code without a sentence
in ui/refusals.py fails here.
"""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import nkdesk
from nkdesk.services.dosing import CautionsNotAcknowledged
from nkdesk.storage import errors as storage_errors
from nkdesk.storage.restore import OtherInstance

ROOT = Path(nkdesk.__file__).parent
STORAGE_CLASSES = {cls.__name__: cls for cls in (*[c for _, c in inspect.getmembers(storage_errors, inspect.isclass)
                                                   if issubclass(c, storage_errors.StorageError)], OtherInstance)}


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def raised_codes() -> tuple[set[str], set[str]]:
    """(InputError codes, StorageError codes) raised in nkdesk/services, nkdesk/domain and nkdesk/rules
    (the rules' problems reach the window's fields too)."""
    inputs, refusals = set(), set()
    for path in sorted([*ROOT.joinpath("services").glob("*.py"), *ROOT.joinpath("domain").glob("*.py"),
                        *ROOT.joinpath("rules").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            given = next((k.value.value for k in node.keywords
                          if k.arg == "code" and isinstance(k.value, ast.Constant)), None)
            if name == "InputError":
                inputs.add(given or "invalid")
            elif name == "CautionsNotAcknowledged":
                inputs.add(CautionsNotAcknowledged(["x"]).code)
            elif name == "AuthError":
                refusals.add(node.args[0].value)
            elif name in STORAGE_CLASSES:
                refusals.add(given or STORAGE_CLASSES[name].code)
    return inputs, refusals


def test_the_scan_finds_the_codes_it_should():
    """The scan itself can fail: it finds codes known to be raised (a stale version is storage's)."""
    inputs, refusals = raised_codes()
    assert {"required", "out_of_order", "weak_password", "cautions_not_acknowledged"} <= inputs
    assert {"own_order", "order_not_awaiting_verification", "treatment_stopped", "bad_password", "not_found",
            "administrator_only", "permission"} <= refusals


def _every_refusal_code() -> list[str]:
    _, refusals = raised_codes()
    return sorted(refusals | {c.code for c in STORAGE_CLASSES.values()} | {"locked", "inactive"})


@pytest.mark.parametrize("code", _every_refusal_code())
def test_every_refusal_has_a_sentence_in_english_and_japanese(qapp, code):
    from nkdesk.ui import language, refusals

    params = {"changed_by": "dr.sato", "changed_at": "2026-12-07T01:53:00+00:00", "status": "verified",
              "kind": "suspended", "decided_on": "2026-12-04", "role": "research_nurse", "action": "dose.verify",
              "reason_code": "consent_withdrawn", "time_point_min": 60, "until": "2026-12-07T02:10:00+00:00",
              "blocks": ["sterility_positive"], "acknowledged_by": "Dr Yuki Sato at 01:53"}
    english = refusals.refusal_text(code, params)
    assert english and "{" not in english and not _has_japanese(english)
    language.apply("ja", qapp)
    try:
        japanese = refusals.refusal_text(code, params)
    finally:
        language.apply("en", qapp)
    assert japanese and _has_japanese(japanese) and "{" not in japanese


INPUT_PARAMS = {"text": "DEMO-001", "before": "2026-12-04", "low": 25, "high": 45, "unit": "degC", "now": "12:00"}


@pytest.mark.parametrize("code", sorted(raised_codes()[0]))
def test_every_input_code_raised_is_worded_in_japanese(qapp, code):
    """Each code, as the window words it beside its field (ui/messages.problem_sentence): in Japanese
    from the code; the English sentence exists too (the tables' source text)."""
    from nkdesk.rules.errors import InputError
    from nkdesk.ui import language, messages, refusals

    exc = InputError("reason", "the rules' English sentence", code=code, **INPUT_PARAMS)
    worded = {refusals.input_text(code, INPUT_PARAMS), messages._sentence(code, INPUT_PARAMS, exc.message),
              messages._in_other_language(code, INPUT_PARAMS)} - {None}
    assert worded and all("{" not in w for w in worded), code
    language.apply("ja", qapp)
    try:
        japanese = messages.problem_sentence(exc)
    finally:
        language.apply("en", qapp)
    assert japanese != exc.message and _has_japanese(japanese) and "{" not in japanese, japanese


def test_an_order_changed_under_the_verifier_names_who_and_when_in_japanese(qapp):
    """The walk's case: a verifier's order was replaced meanwhile. The window says who and when, in
    the user's language, and never the English record number ("dose order #3")."""
    from nkdesk.storage.errors import RuleViolation
    from nkdesk.ui import language
    from nkdesk.ui.session import problem_text

    exc = RuleViolation("dose order #3 is cancelled (last changed by dr.sato at 2026-12-07T01:53:00+00:00), "
                        "not awaiting verification", code="order_not_awaiting_verification", status="cancelled",
                        changed_by="dr.sato", changed_at="2026-12-07T01:53:00")
    english = problem_text(exc)
    assert "dr.sato" in english and "2026-12-07 01:53" in english and "#3" not in english
    language.apply("ja", qapp)
    try:
        japanese = problem_text(exc)
    finally:
        language.apply("en", qapp)
    assert _has_japanese(japanese) and "dr.sato" in japanese and "2026-12-07 01:53" in japanese


def test_a_service_input_problem_names_the_field_in_japanese(qapp):
    """A reason missing when an order is cancelled: the label 理由 and the problem in Japanese."""
    from nkdesk.rules.errors import InputError
    from nkdesk.ui import language
    from nkdesk.ui.messages import problem_words

    exc = InputError("ended_at", "before the start (2026-12-07T00:43:00)", code="out_of_order",
                     before="2026-12-07T00:43:00")
    assert problem_words(exc) == "Infusion end: before the start (2026-12-07T00:43:00)"
    language.apply("ja", qapp)
    try:
        said = problem_words(exc)
    finally:
        language.apply("en", qapp)
    assert _has_japanese(said) and "2026-12-07 00:43" in said and "before" not in said


def test_a_role_that_may_not_is_told_who_may(qapp):
    """storage.roles.require: a research nurse may not change a signed assessment; the sentence names
    the role and who may, in English and Japanese."""
    from nkdesk.storage.errors import PermissionDenied
    from nkdesk.ui import language
    from nkdesk.ui.session import problem_text

    exc = PermissionDenied("rn.ito (research nurse) may not change a signed eligibility assessment: only an "
                           "investigator may", action="assessment.amend", role="research_nurse",
                           allowed=("investigator",), username="rn.ito")
    assert problem_text(exc) == ("rn.ito (research nurse) may not change a signed eligibility assessment: "
                                 "only an investigator may")
    language.apply("ja", qapp)
    try:
        japanese = problem_text(exc)
    finally:
        language.apply("en", qapp)
    assert "署名済み適格性評価の変更" in japanese and "試験責任・分担医師" in japanese and "臨床研究看護師" in japanese
