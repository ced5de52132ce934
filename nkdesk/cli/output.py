"""Printing answers (one JSON object with --json, else a short text) and reading JSON input safely.

JSON output never holds Infinity or NaN (they are not JSON); input JSON is refused when it is over
1 MB, nested over 64 levels, not UTF-8, or uses NaN/Infinity — each as bad input naming the option
(../shared/cli-contract.md). A byte-order mark is accepted.
"""
from __future__ import annotations

import json
import sys
from typing import Any

from nkdesk.rules.errors import InputError

MAX_JSON_BYTES = 1_000_000
MAX_JSON_DEPTH = 64


def emit(args, payload: dict, text: str) -> None:
    if getattr(args, "json", False):
        # allow_nan=False: a non-finite number would be invalid JSON; it raises (a fault of ours)
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, allow_nan=False) + "\n")
    else:
        print(text)


def read_json(source: str, field: str, option: str = "FILE") -> Any:
    """Parse JSON from a file path or `-` (stdin).

    A file or stream that cannot be read, is too large or is not UTF-8 is an InputError naming
    `option` (the argument that holds it); malformed or too deeply nested JSON names `field`.
    """
    raw = _read_limited(source, option)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(option, f"'{_shown(source)}' is not UTF-8 text (byte {exc.start})", code="not_text") from None
    too_deep = InputError(field, f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep", code="too_deep")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError(field, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                         code="bad_json") from None
    except RecursionError:  # deeper than Python's own limit (about 1,000 levels)
        raise too_deep from None
    except ValueError as exc:  # NaN/Infinity, a number too long to convert
        raise InputError(field, f"not valid JSON: {str(exc)[:80]}", code="bad_json") from None
    if _nesting(data) > MAX_JSON_DEPTH:
        raise too_deep
    return data


def _read_limited(source: str, option: str) -> bytes:
    if source == "-":
        stream = getattr(sys.stdin, "buffer", None)
        try:
            if stream is not None:
                raw = stream.read(MAX_JSON_BYTES + 1)
            else:  # a text stream (tests replace stdin): its characters as UTF-8
                raw = sys.stdin.read(MAX_JSON_BYTES + 1).encode("utf-8", "surrogateescape")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(option, f"cannot read standard input: {exc}", code="unreadable") from None
    else:
        from nkdesk.cli.dbfile import input_file

        path = input_file(source, option)
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_JSON_BYTES + 1)
        except OSError as exc:
            raise InputError(option, f"cannot read '{_shown(source)}': {exc.strerror or exc}",
                             code="unreadable") from None
    if len(raw) > MAX_JSON_BYTES:
        raise InputError(option, f"the JSON is over {MAX_JSON_BYTES // 1_000_000} MB; an assessment is a few kB",
                         code="too_large")
    return raw


def _nesting(data: Any) -> int:
    """The deepest nesting of arrays and objects in parsed JSON (iterative: no recursion limit)."""
    deepest = 0
    stack = [(data, 1)] if isinstance(data, (dict, list)) else []
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _shown(text: str) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= 60 else flat[:59] + "…"
