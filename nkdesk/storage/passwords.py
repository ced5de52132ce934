"""Password hashing with the standard library's scrypt: slow, salted, parameters stored per hash.

Format: `scrypt$N$r$p$salt_hex$hash_hex`. N = 2^14, r = 8, p = 1 is the interactive-login setting
recommended by scrypt's author (Percival 2009, "Stronger key derivation via sequential memory-hard
functions") and by OWASP's Password Storage Cheat Sheet (N=2^17 there for servers; a shared ward
PC verifies one password at a time, ~30 ms here). Each hash carries its parameters, so raising
them later only affects new passwords. Comparison is constant-time (hmac.compare_digest).
"""
from __future__ import annotations

import hashlib
import hmac
import os

COST_N = 2 ** 14
COST_R = 8
COST_P = 1
MIN_LENGTH = 10
MIN_SCORE = 3     # zxcvbn's scale 0–4: 3 is "safely unguessable" (< 10^10 guesses needed is 2)


def hash_password(password: str, *, n: int | None = None) -> str:
    n = n or COST_N
    salt = os.urandom(16)
    digest = _scrypt(password, salt, n, COST_R, COST_P)
    return f"scrypt${n}${COST_R}${COST_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, bytes.fromhex(digest))


def credential_digest(stored: object) -> str:
    """What the audit trail records for a stored password hash: SHA-256 of the hash, not the hash.
    A hash changed around NKDesk (to sign as someone else) then differs from its trail, and the
    trail gives nothing to attack offline beyond what the salted scrypt hash already would."""
    return "sha256:" + hashlib.sha256(str(stored).encode("utf-8")).hexdigest()


def problem_with(password: str) -> str | None:
    """Why a new password is not acceptable, or None: at least 10 characters, and not one zxcvbn
    (Dropbox's estimator: dictionaries, keyboard patterns, dates, l33t) scores below 3 — NIST SP
    800-63B 5.1.1.2 asks new passwords to be checked against commonly used and expected ones."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        return f"a password needs at least {MIN_LENGTH} characters"
    from zxcvbn import zxcvbn  # ~50 ms to import its dictionaries: only when a password is set

    verdict = zxcvbn(password[:72])   # its limit (its cost grows with length); 72 characters decide any real password
    if verdict["score"] < MIN_SCORE:
        warning = verdict.get("feedback", {}).get("warning") or "it is built from common words or patterns"
        return f"this password is too easy to guess ({warning.rstrip('.').lower()}); add words or characters"
    return None


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=32)
