"""Passwords (scrypt, salted), sign-in, and the lock after five wrong passwords."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nkdesk.services import auth, eligibility, users
from nkdesk.storage import passwords
from nkdesk.storage.errors import AuthError


def test_default_cost_is_the_interactive_scrypt_setting():
    """Production hashes use N = 2^14, r = 8, p = 1 (Percival 2009, interactive logins)."""
    stored = passwords.hash_password("a-long-password")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2 ** 14, 8, 1)
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32


def test_hashes_are_salted_and_checked(cheap_passwords):
    """The same password hashes differently each time; only the right password matches."""
    first, second = passwords.hash_password("pass-word-1"), passwords.hash_password("pass-word-1")
    assert first != second
    assert passwords.check_password("pass-word-1", first) and passwords.check_password("pass-word-1", second)
    assert not passwords.check_password("pass-word-2", first)
    assert not passwords.check_password("pass-word-1", "not a hash")


def test_password_is_never_stored_or_audited(store, people):
    """Neither the users table nor the audit trail holds the password or its hash."""
    audit_text = " ".join(str(v) for r in store.rows("SELECT old_value, new_value FROM audit_log") for v in r)
    assert people.password not in audit_text and "scrypt$" not in audit_text
    assert all(people.password not in r["password_hash"] for r in store.rows("SELECT password_hash FROM users"))


def test_sign_in_right_and_wrong(store, people):
    """The right password signs in; a wrong one or an unknown name gets the same answer."""
    assert auth.sign_in(store, "nurse", people.password).value.id == people.nurse.id
    with pytest.raises(AuthError) as wrong:
        auth.sign_in(store, "nurse", "not-the-password")
    with pytest.raises(AuthError) as unknown:
        auth.sign_in(store, "nobody", "not-the-password")
    assert wrong.value.code == unknown.value.code == "bad_password"
    assert str(wrong.value) == str(unknown.value)


class Clock:
    def __init__(self):
        self.now = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


def test_five_failures_lock_the_account_for_the_set_time(store, people, monkeypatch):
    """The fifth wrong password locks the account (even the right password is refused) until the
    site's login_lockout_min has passed; then it works again."""
    clock = Clock()
    monkeypatch.setattr(store, "_clock", clock)
    for _ in range(4):
        with pytest.raises(AuthError) as caught:
            auth.sign_in(store, "pharm", "wrong-password")
        assert caught.value.code == "bad_password"
    with pytest.raises(AuthError) as fifth:
        auth.sign_in(store, "pharm", "wrong-password")
    assert fifth.value.code == "locked"
    with pytest.raises(AuthError) as locked:
        auth.sign_in(store, "pharm", people.password)
    assert locked.value.code == "locked"
    lockout = users_lockout_minutes(store)
    clock.now += timedelta(minutes=lockout) - timedelta(seconds=1)
    with pytest.raises(AuthError):
        auth.sign_in(store, "pharm", people.password)
    clock.now += timedelta(seconds=2)
    assert auth.sign_in(store, "pharm", people.password).value.username == "pharm"


def users_lockout_minutes(store) -> float:
    from nkdesk.services import settings

    return settings.load(store).login_lockout_min


def test_wrong_password_when_signing_counts_towards_the_lock(store, people, make_patient, contract_example):
    """Re-entering the password to sign counts failures too, and the signature is not applied."""
    patient = make_patient()
    draft = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    for _ in range(5):
        with pytest.raises(AuthError):
            eligibility.sign_assessment(store, people.inv, draft.id, "wrong-password", draft.version)
    assert store.scalar("SELECT count(*) FROM signatures") == 0
    with pytest.raises(AuthError) as caught:
        eligibility.sign_assessment(store, people.inv, draft.id, people.password, draft.version)
    assert caught.value.code == "locked"


def test_administrator_reset_lifts_a_lock(store, people):
    """An administrator's password reset unlocks the account."""
    for _ in range(5):
        with pytest.raises(AuthError):
            auth.sign_in(store, "nurse", "wrong-password")
    account = next(u for u in users.accounts(store) if u.id == people.nurse.id)
    users.reset_password(store, people.admin, people.nurse.id, "fresh-password", account.version)
    assert auth.sign_in(store, "nurse", "fresh-password").value.id == people.nurse.id


def test_weak_password_refused(store, people):
    """A new password shorter than 8 characters is an input error naming the field."""
    from nkdesk.rules.errors import InputError

    with pytest.raises(InputError) as caught:
        users.create_user(store, people.admin, "shorty", "Short Pw", "research_nurse", "abc")
    assert caught.value.field == "password"
