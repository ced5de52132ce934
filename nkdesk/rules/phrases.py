"""A sentence the rules explain something with, kept as a code and its parameters beside the English.

The command line prints `text` (English, exactly as before); the window words `code` with `params`
in the user's language (nkdesk/ui/explanations.py), so no English reaches a Japanese screen.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Phrase:
    """One explanation: `code` names the sentence, `params` fill it, `text` is its English."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)
    text: str = ""

    def __str__(self) -> str:
        return self.text


def texts(phrases: tuple[Phrase, ...]) -> tuple[str, ...]:
    """The English of each phrase, in order (what the JSON and the CLI print)."""
    return tuple(p.text for p in phrases)
