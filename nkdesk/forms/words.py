"""The forms' words in the site's forms language (issue 18): English (the default, as `nkdesk form`
prints it), Japanese, or both; and dates with the Japanese era beside them when the site wants it.

The forms call `say("Body surface area")` (or `say("{n} days", n=…)` for a sentence with values):
English comes back unchanged, Japanese from the catalogue (`words_ja.JA`), "both" as
"日本語 / English" for a short label or on two lines for a sentence. The language and the era
setting are chosen once per printing by `nkdesk.services.printing` (`printing_in`, from the site
settings) and hold for the whole rendering, headers and page numbers included, so the form
modules' signatures stay as they were.

An English text missing from the catalogue prints in English and is recorded in `MISSES`: the
tests render every form in Japanese and fail on any miss, and scan every `say("…")` in the forms.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from nkdesk.forms.words_ja import JA, WEEKDAYS_JA
from nkdesk.rules.japanese_dates import era_date

LANGUAGES = ("en", "ja", "both")
BOTH_INLINE = 34          # English up to this long prints beside the Japanese; longer on its own line
_language: ContextVar[str] = ContextVar("forms_language", default="en")
_era_dates: ContextVar[bool] = ContextVar("forms_era_dates", default=False)
MISSES: set[str] = set()  # English texts asked for in Japanese that the catalogue lacks


@contextmanager
def printing_in(language: str, era_dates: bool = False) -> Iterator[None]:
    """The forms laid out and rendered inside this block speak `language` ("en", "ja", "both")."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown forms language '{language}' (one of {', '.join(LANGUAGES)})")
    language_token, era_token = _language.set(language), _era_dates.set(era_dates)
    try:
        yield
    finally:
        _language.reset(language_token)
        _era_dates.reset(era_token)


def language() -> str:
    return _language.get()


def japanese(text: str) -> str | None:
    """The catalogue's Japanese for the English `text` (a template with {names}), or None."""
    found = JA.get(text)
    if found is None:
        MISSES.add(text)
    return found


def say(text: str, /, **values: object) -> str:
    """`text` (English, a catalogue key) in the forms language, with `values` put into its {names}.

    In "both" a value that is itself in both languages (a `Pair`) goes in by its side: each
    language's sentence carries that language's words once."""
    current = _language.get()
    if current == "en":
        return text.format(**values) if values else text
    english = text.format(**{k: side(v, "en") for k, v in values.items()}) if values else text
    translated = japanese(text)
    if translated is None:
        return english
    japanese_text = translated.format(**{k: side(v, "ja") for k, v in values.items()}) if values else translated
    return japanese_text if current == "ja" else pair(japanese_text, english)


class Pair(str):
    """A text in both languages, as printed ("日本語 / English"), with each side kept."""

    japanese: str
    english: str

    def __new__(cls, japanese_text: str, english: str, joined: str) -> Pair:
        made = super().__new__(cls, joined)
        made.japanese, made.english = japanese_text, english
        return made


def side(value: object, language_code: str) -> object:
    """One language's side of a `Pair`; any other value as it is."""
    if isinstance(value, Pair):
        return value.japanese if language_code == "ja" else value.english
    return value


def join(*parts: str, sep: str = "") -> str:
    """Parts put together (with `sep` between them): if any is a Pair, the result is one Pair whose
    Japanese is the parts' Japanese in a row and whose English is their English."""
    if not any(isinstance(part, Pair) for part in (*parts, sep)):
        return sep.join(parts)
    return pair(str(side(sep, "ja")).join(str(side(part, "ja")) for part in parts),
                str(side(sep, "en")).join(str(side(part, "en")) for part in parts))


def say_inline(text: str, /, **values: object) -> str:
    """`say` for a single drawn line (page header, footer): both languages always side by side."""
    said = say(text, **values)
    return said.replace("\n", " / ") if _language.get() == "both" else said


def say_short(text: str, /, **values: object) -> str:
    """`say` where there is room for one language only (the header's subject, the footer): in
    "both" the Japanese (the English words are plain from the figures beside them)."""
    said = say(text, **values)
    return str(side(said, "ja"))


def era_suffix(value: datetime) -> str:
    """" (令和8年12月18日)" when the site's `era_dates` is on, else ""."""
    return f" ({era_date(value.date())})" if _era_dates.get() else ""


def pair(japanese_text: str, english: str) -> str:
    """Both languages: "日本語 / English" for a short text, the English on its own line for a long one."""
    if japanese_text == english:
        return english
    if len(english) <= BOTH_INLINE and "\n" not in english:
        return Pair(japanese_text, english, f"{japanese_text} / {english}")
    return Pair(japanese_text, english, f"{japanese_text}\n{english}")


def data_text(english: str, japanese_text: str | None) -> str:
    """A text that comes with the data (a protocol's label, a CTCAE term) in the forms language."""
    current = _language.get()
    if current == "en" or not japanese_text:
        return english
    return japanese_text if current == "ja" else pair(japanese_text, english)


def protocol_text(english: str) -> str:
    """A text the protocol files carry (a calendar event's label, the law's wording) in the forms
    language: the file's `<key>_ja` for the same English, else the English."""
    return data_text(english, _protocol_japanese().get(english))


@lru_cache(maxsize=1)
def _protocol_japanese() -> dict[str, str]:
    """English → Japanese of every `<key>` / `<key>_ja` pair in the shipped protocol files."""
    from nkdesk.rules import protocol

    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                translated = node.get(f"{key}_ja")
                if isinstance(value, str) and isinstance(translated, str) and translated:
                    found.setdefault(value, translated)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for protocol_id in protocol.protocol_ids():
        walk(protocol.load(protocol_id).data)
    return found


def day(value: date | None, *, weekday: bool = False, missing: str = "—") -> str:
    """A date as the forms print it: 2026-12-05, "Sat 2026-12-05" (土 in Japanese), and the era
    date beside it when the site's `era_dates` is on: 2026-12-05 (令和8年12月5日)."""
    if value is None:
        return missing
    if isinstance(value, datetime):
        value = value.date()
    text = value.isoformat()
    if weekday:
        text = (f"{text}({WEEKDAYS_JA[value.weekday()]})" if _language.get() == "ja"
                else value.strftime("%a %Y-%m-%d"))
    return f"{text} ({era_date(value)})" if _era_dates.get() else text


def moment(value: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A date and time (`fmt`), with the era date after it when the site's `era_dates` is on."""
    text = value.strftime(fmt).strip()
    return f"{text} ({era_date(value.date())})" if _era_dates.get() else text
