"""The grammar of a typed quantity: exactly one number and one unit, read without evaluating anything.

../shared/cli-contract.md ("General rules") is the specification. This module only reads text: it
finds the number (an optional sign, digits, at most one decimal point, commas only between groups
of three digits), then splits the unit into an optional count scale (`10^9`, `x10^4`, `×10⁴`,
`10*4`, `万`) and at most one unit name over at most one other (`g/dL`, `/mm³`, `ug/m^2`). The
names are looked up in pint by `units.py`; pint never sees the number, so nothing typed is ever
evaluated as an expression (pint's own parser reads `45,5 kg` as 225 kg and `6 5 kg` as 30 kg).

When the text does not fit, `diagnose()` names the likely intent: a decimal comma, two numbers,
arithmetic, hexadecimal, underscores, an exponent, a unit written twice, full-width letters.
Every step is a single left-to-right scan (no backtracking), so any text costs microseconds.
No pint and no Qt here: the window's validator and the CLI both come through `units.parse`.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from nkdesk.rules.errors import InputError

# The only folding the contract allows: full-width digits, point, comma and minus. Never NFKC,
# which would turn 10⁴ into 104 and 万 stays a unit.
FOLD = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
MAX_MAGNITUDE = 1e15           # any number beyond this in size is a slip, refused before conversion
MAX_SIGNIFICANT = 17           # any double is written exactly in 17 significant digits; more would be altered
COUNT_EXPONENTS = (2, 3, 4, 6, 9, 12)   # 10^n before a volume, as lab reports write counts
MAX_BARE_EXPONENT = 15         # a scale alone (a cell count "2.5 10^9")
SHOWN = 40                     # characters of the typed text quoted back in a message

_DIGITS = frozenset("0123456789")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# Spellings of one unit, rewritten to the ASCII names pint knows (micro, degrees).
_SPELLINGS = (("µ", "u"), ("μ", "u"), ("°C", "degC"), ("°F", "degF"), ("℃", "degC"), ("℉", "degF"))
_COUNT = re.compile(r"(?:[xX×*]\s*)?10(?:\^|\*\*|\*)(\d+)|(?:[xX×*]\s*)?10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|万")
_TERM = re.compile(r"([A-Za-z][A-Za-z_]*|%)(?:\^([0-9]+)|\*\*([0-9]+)|([²³])|([23]))?")
_OPERATORS = re.compile(r"[+*()=÷×]|/\s*[-+.\d]|\d\s*[-x]\s*\d|\^\s*[-+(]")


@dataclass(frozen=True)
class Number:
    """The number as written (folded, commas kept) and its value."""

    text: str
    value: float


@dataclass(frozen=True)
class UnitSpec:
    """A unit as read: a count scale 10^exponent (0: none), a unit name with its power over another."""

    exponent: int
    numerator: tuple[str, int] | None
    denominator: tuple[str, int] | None


class NotAUnit(Exception):
    """The unit text does not fit the grammar (the caller diagnoses why, with the whole text)."""


def fold(text: str) -> str:
    """Full-width digits, point, comma and minus to ASCII (nothing else)."""
    return text.translate(FOLD)


def shown(text: str) -> str:
    """The typed text as quoted in a message: one line, at most SHOWN characters."""
    flat = " ".join(text.split())
    flat = "".join(c if c.isprintable() else "\ufffd" for c in flat)
    return flat if len(flat) <= SHOWN else flat[: SHOWN - 1] + "…"


def read_number(text: str, field: str) -> tuple[Number, str]:
    """The number at the start of `text` and what follows it (stripped); InputError naming `field`."""
    s = fold(text)
    n = len(s)
    i = 0
    while i < n and s[i].isspace():
        i += 1
    start = i
    if i < n and s[i] in "+-":
        i += 1
        if i < n and s[i] in "+-":
            raise InputError(field, f"'{shown(text)}': two signs; type one number, e.g. -5", code="two_signs",
                             text=text)
    whole_start = i
    while i < n and (s[i] in _DIGITS or (s[i] == "," and i > whole_start)):
        i += 1
    whole = s[whole_start:i]
    fraction = ""
    point = i < n and s[i] == "."
    if point:
        i += 1
        fraction_start = i
        while i < n and s[i] in _DIGITS:
            i += 1
        fraction = s[fraction_start:i]
        if i < n and s[i] == "." and (whole or fraction):
            raise InputError(field, f"'{shown(text)}': more than one decimal point", code="two_points", text=text)
    if not (whole.replace(",", "") or fraction):
        raise _no_number(text, s[start:], field)
    if "," in whole:
        _check_commas(text, s, whole, point, fraction, i, field)
    number_text = s[start:i]
    rest = s[i:]
    if rest[:1] in ("e", "E") and re.match(r"[eE][-+]?\d", rest):
        raise _exponent(text, number_text, rest, field)
    digits = (whole.replace(",", "") + fraction).lstrip("0")
    integer_digits = len(whole.replace(",", "").lstrip("0"))
    if integer_digits > 16 or abs(float(number_text.replace(",", ""))) > MAX_MAGNITUDE:
        raise InputError(field, f"'{shown(text)}' is too large (beyond 10^15): a typing slip?", code="too_large",
                         text=text)
    if len(digits.rstrip("0")) > MAX_SIGNIFICANT:
        raise InputError(field, f"'{shown(text)}' has more than {MAX_SIGNIFICANT} significant digits",
                         code="too_many_digits", text=text)
    return Number(number_text, float(number_text.replace(",", ""))), rest.strip()


def _check_commas(text: str, s: str, whole: str, point: bool, fraction: str, end: int, field: str) -> None:
    groups = whole.split(",")
    if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return
    if len(groups) == 2 and groups[1] and not point:
        # one comma, not before three digits: a decimal comma (45,5 kg, 1,21 g/dL)
        suggestion = s[:end].replace(",", ".").strip() + (" " + s[end:].strip() if s[end:].strip() else "")
        raise InputError(field, f"'{shown(text)}': use a decimal point — {shown(suggestion)}?",
                         code="decimal_comma", text=text, suggestion=suggestion)
    raise InputError(field, f"'{shown(text)}': a comma may only separate thousands (15,200); "
                            "use a decimal point for decimals", code="bad_comma", text=text)


def _exponent(text: str, number_text: str, rest: str, field: str) -> InputError:
    match = re.match(r"[eE]([-+]?\d{1,3})(?!\d)", rest)
    hint = "write the number in digits"
    if match:
        try:
            value = float(number_text.replace(",", "") + "e" + match.group(1))
        except ValueError:
            value = float("inf")
        if 0 < abs(value) <= MAX_MAGNITUDE and abs(value) >= 1e-6:
            written = f"{value:.15g}" if abs(value) < 1e15 else f"{value:.0f}"
            if "e" not in written:
                hint = f"write the digits — {written} {rest[match.end():].strip()}".rstrip() + "?"
    return InputError(field, f"'{shown(text)}': exponents are not accepted; {hint} "
                             "(for counts use a unit such as 10^9/L)", code="exponent", text=text)


def _no_number(text: str, s: str, field: str) -> InputError:
    body = s.strip()
    if not body:
        return InputError(field, "nothing typed: the value does not start with a number", code="not_a_number",
                          text=text)
    first = body[0]
    if first == "(" or (re.search(r"[+*()=÷]", body) and re.search(r"\d", body)):
        return _arithmetic(text, field)
    if first == "." and body[1:2] == ".":
        return InputError(field, f"'{shown(text)}': more than one decimal point", code="two_points", text=text)
    if unicodedata.category(first) == "No" or (first.isdigit() and first not in _DIGITS) or first.isnumeric():
        try:
            value = unicodedata.numeric(first)
        except (TypeError, ValueError):
            value = None
        hint = f" — {value:g}?" if value is not None and unicodedata.name(first, "").startswith("VULGAR") else ""
        return InputError(field, f"'{shown(text)}': type the number with the digits 0–9 and a decimal point{hint}",
                          code="not_a_number", text=text)
    unit_first = re.match(r"([^\d\s]+)\s*([-+]?\d[\d.,]*)\s*$", body)
    if unit_first:
        return InputError(field, f"'{shown(text)}': the number comes first — {unit_first.group(2)} "
                                 f"{shown(unit_first.group(1))}?", code="not_a_number", text=text)
    return InputError(field, f"'{shown(text)}' does not start with a number", code="not_a_number", text=text)


def _arithmetic(text: str, field: str) -> InputError:
    return InputError(field, f"'{shown(text)}': arithmetic is not accepted; type the result as one number "
                             "with its unit", code="arithmetic", text=text)


def read_unit(unit: str) -> UnitSpec:
    """The unit text (after the number) as a count scale and at most one name over another.

    Raises NotAUnit for anything else; `diagnose` says why. Units with a count scale must be a
    count per volume (`/uL`) or a scale alone; the caller checks the volume with pint.
    """
    s = unit.strip()
    for spelling, name in _SPELLINGS:
        s = s.replace(spelling, name)
    i, n = 0, len(s)
    exponent = 0
    match = _COUNT.match(s)
    if match:
        if match.group(0) == "万":
            exponent = 4
        else:
            digits = match.group(1) or (match.group(2) or "").translate(_SUPERSCRIPT)
            if len(digits) > 2:
                raise NotAUnit("count scale")
            exponent = int(digits)
            if exponent == 0:
                raise NotAUnit("count scale")
        i = _skip_space(s, match.end())
        if i == n:
            if exponent > MAX_BARE_EXPONENT:
                raise NotAUnit("count scale")
            return UnitSpec(exponent, None, None)
        if s[i] != "/":
            raise NotAUnit("a count scale goes before /unit")
    numerator = None
    if i < n and s[i] != "/":
        numerator, i = _term(s, i)
        i = _skip_space(s, i)
    denominator = None
    if i < n and s[i] == "/":
        denominator, i = _term(s, _skip_space(s, i + 1))
        i = _skip_space(s, i)
    if i != n or (numerator is None and denominator is None):
        raise NotAUnit("unit")
    if exponent and (numerator is not None or exponent not in COUNT_EXPONENTS):
        raise NotAUnit("count scale")
    return UnitSpec(exponent, numerator, denominator)


def _skip_space(s: str, i: int) -> int:
    while i < len(s) and s[i].isspace():
        i += 1
    return i


def _term(s: str, i: int) -> tuple[tuple[str, int], int]:
    match = _TERM.match(s, i)
    if not match or len(match.group(1)) > 32:
        raise NotAUnit("unit name")
    power_text = match.group(2) or match.group(3) or match.group(5) or (match.group(4) or "").translate(_SUPERSCRIPT)
    if power_text and power_text not in ("2", "3"):
        raise NotAUnit("power")
    name = "percent" if match.group(1) == "%" else match.group(1)
    return (name, int(power_text) if power_text else 1), match.end()


def count_scale_of(unit: str) -> int | None:
    """The exponent of a count scale written at the start of `unit` (for messages), else None."""
    match = _COUNT.match(unit.strip())
    if not match or match.group(0) == "万":
        return None
    digits = match.group(1) or (match.group(2) or "").translate(_SUPERSCRIPT)
    return int(digits) if len(digits) <= 6 else 10**6


def diagnose(text: str, number: Number, rest: str, known: Callable[[str], bool]) -> tuple[str, str]:
    """Why `rest` (what follows `number` in `text`) is not one unit: (a problem code, the likely slip in words).

    `known(text) -> bool` says whether a text alone is one unit (for "unit written twice").
    """
    quoted = shown(text)
    if number.text in ("0", "+0", "-0") and re.match(r"[xXbBoO][0-9A-Fa-f]", rest) and not _COUNT.match(rest):
        return "hexadecimal", f"'{quoted}': hexadecimal (0x…) is not accepted; type a decimal number"
    if re.match(r"_\s*\d", rest) or re.search(r"\d_|_\d", rest):
        joined = number.text + "".join(c for c in rest.split()[0] if c in _DIGITS)
        return "underscore", f"'{quoted}': underscores are not accepted in numbers — {joined}?"
    if rest[:1] in "-+" and (not re.match(r"[-+]\s*\d", rest) or known(rest[1:].strip())):
        return "sign_after", f"'{quoted}': a sign goes before the number"
    scale = count_scale_of(rest)
    big = "…" if scale is not None and scale >= 10**6 else scale
    if scale is not None and scale not in COUNT_EXPONENTS and re.match(r"\S*\s*/", rest[rest.find("10"):]):
        return "count_scale", (f"'{quoted}': 10^{big} is not a count scale labs use "
                               "(10^2, 10^3, 10^4, 10^6, 10^9 or 10^12 before /uL, /mm3 or /L)")
    if _OPERATORS.search(rest) or rest[:1] in "-+/^":
        return "arithmetic", _arithmetic(text, "").message
    tokens = rest.split()
    numbers = [t for t in tokens if re.fullmatch(r"[-+]?(\d[\d,]*\.?\d*|\.\d+)", t)]
    if numbers or re.match(r"\.\d", rest):
        second = numbers[0] if numbers else tokens[0]
        return "two_numbers", f"'{quoted}': two numbers ({number.text} and {second}); type one number and its unit"
    if len(tokens) >= 2 and all(known(t) for t in tokens):
        if len({t.lower() for t in tokens}) == 1:
            return "unit_twice", f"'{quoted}': the unit is written twice — {number.text} {tokens[0]}?"
        return "two_units", f"'{quoted}': two units ({tokens[0]} and {tokens[1]}); type one unit"
    if any("\uff01" <= c <= "\uff5e" or c == "\u3000" for c in rest):
        half = unicodedata.normalize("NFKC", rest)
        return "full_width", f"'{quoted}': type the unit in half-width letters — {number.text} {shown(half)}?"
    if scale is not None and scale not in COUNT_EXPONENTS:
        return "count_scale", f"'{quoted}': 10^{big} is not a count scale here"
    if rest != rest.lower() and known(rest.lower()):
        return "unknown_unit", f"unknown unit '{shown(rest)}' — {number.text} {rest.lower()}?"
    return "unknown_unit", f"unknown unit '{shown(rest)}'"
