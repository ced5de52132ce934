"""Printing answers: one JSON object with --json, else a short human-readable text."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from nkdesk.rules.errors import InputError


def emit(args, payload: dict, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(payload, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(text)


def read_json(source: str, field: str):
    """Parse JSON from a file path or `-` (stdin); any problem is an InputError naming `field`."""
    try:
        raw = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(field, f"cannot read '{source}': {exc.strerror or exc}", code="unreadable") from None
    except UnicodeDecodeError:
        raise InputError(field, f"'{source}' is not UTF-8 text", code="not_text") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(field, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                         code="bad_json") from None
