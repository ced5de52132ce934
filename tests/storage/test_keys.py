"""Signatures need the signer's key (issue 15): Ed25519 keys sealed under the password, certified
by the site key; a forger who recomputes every hash without a password is still caught."""
from __future__ import annotations

import json
import sqlite3
import statistics
import time

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import auth, eligibility, users
from nkdesk.storage import keys, verify
from nkdesk.storage.errors import AuthError
from tests.storage.forger import forge, rechain

TABLE = "eligibility_assessments"


@pytest.fixture
def signed(store, people, make_patient, contract_example):
    patient = make_patient()
    draft = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    return eligibility.sign_assessment(store, people.inv, draft.id, people.password, draft.version).value


def test_signing_in_unlocks_the_users_own_key_and_an_administrators_site_key(store, people):
    assert isinstance(people.inv.session, keys.Session) and people.inv.session.signing_key is not None
    assert people.inv.session.site_key is None
    assert people.admin.session.site_key is not None
    assert people.inv.session.fingerprint != people.nurse.session.fingerprint


def test_private_keys_are_stored_sealed_under_the_password(store, people):
    row = keys.current_key_row(store, people.inv.id)
    assert row["sealed_private_key"].startswith("scrypt-aesgcm$") and row["certificate"]
    key = keys.unseal(row["sealed_private_key"], people.password)
    assert keys.public_bytes(key).hex() == row["public_key"]
    with pytest.raises(keys.WrongKeyPassword):
        keys.unseal(row["sealed_private_key"], "not-the-password")
    trail = " ".join(str(r[0]) for r in store.rows("SELECT new_value FROM audit_log WHERE table_name = 'user_keys'"))
    assert row["sealed_private_key"] not in trail


def test_a_signature_is_made_with_the_signers_key_and_verifies(store, people, signed):
    sig = store.one("SELECT * FROM signatures WHERE table_name = ? AND record_id = ?", (TABLE, signed.id))
    assert sig["key_fingerprint"] == people.inv.session.fingerprint
    row = keys.current_key_row(store, people.inv.id)
    message = keys.signature_message(TABLE, signed.id, sig["content_hash"], sig["meaning"], sig["signed_at_utc"],
                                     people.inv.id, "inv")
    assert keys.verify_with(row["public_key"], sig["ed25519"], message)
    path = store.path
    store.close()
    report = verify.verify(path)
    assert report.ok, report.problems and report.keys_checked >= 5


def test_a_forged_signed_record_with_everything_recomputed_is_caught(ward):
    """Change the signed assessment, recompute its content hash, the trail, every chain hash and the
    anchor: only the Ed25519 signature (which needs the investigator's password) still disagrees."""
    conn = sqlite3.connect(ward)
    rid, inputs = conn.execute(f"SELECT id, inputs_json FROM {TABLE}").fetchone()
    conn.close()
    changed = json.loads(inputs)
    changed["ctc_count"] = 99
    forge(ward, TABLE, rid, "inputs_json", json.dumps(changed, sort_keys=True))
    report = verify.verify(ward)
    assert {p.kind for p in report.problems} == {"signature", "chain_signature"}, report.problems
    assert "does not verify with inv's key" in report.problems[0].message


def test_an_unsigned_record_changed_with_everything_recomputed_is_caught_by_the_chain_signatures(ward):
    """A lab value (no electronic signature of its own) changed, its trail, every chain hash and the
    anchor recomputed: the chain heads signed by each save's author no longer hold."""
    conn = sqlite3.connect(ward)
    rid = conn.execute("SELECT id FROM lab_results").fetchone()[0]
    conn.close()
    forge(ward, "lab_results", rid, "canonical_value", 999.0)
    report = verify.verify(ward)
    assert report.problems and {p.kind for p in report.problems} == {"chain_signature"}, report.problems


def test_stripping_the_key_signature_is_caught(ward):
    conn = sqlite3.connect(ward)
    sid = conn.execute("SELECT id FROM signatures").fetchone()[0]
    conn.close()
    forge(ward, "signatures", sid, "ed25519", None)
    report = verify.verify(ward)
    assert any(p.kind == "signature" and "no signature by" in p.message for p in report.problems)


def test_a_key_swapped_for_the_forgers_own_is_caught(ward):
    """Replace inv's public key with one the forger holds: the site key's certificate no longer fits."""
    conn = sqlite3.connect(ward)
    kid = conn.execute("SELECT k.id FROM user_keys k JOIN users u ON u.id = k.user_id WHERE u.username = 'inv'"
                       ).fetchone()[0]
    conn.close()
    mine = keys.Ed25519PrivateKey.generate()
    public_hex = keys.public_bytes(mine).hex()
    forge(ward, "user_keys", kid, "public_key", public_hex)
    forge(ward, "user_keys", kid, "fingerprint", keys.fingerprint(public_hex))
    report = verify.verify(ward)
    assert "key" in {p.kind for p in report.problems}


def test_the_untouched_forger_helper_changes_nothing_verify_can_see(ward):
    """The forger's rechain alone (no change) leaves a sound file: the tests above prove the keys, not the helper."""
    conn = sqlite3.connect(ward)
    for t in ("audit_log_no_update", "audit_log_no_delete"):
        conn.execute(f"DROP TRIGGER {t}")
    rechain(conn)
    conn.commit()
    conn.close()
    report = verify.verify(ward)
    assert [p.record for p in report.problems] == ["trigger audit_log_no_delete", "trigger audit_log_no_update"]


# ------------------------------------------------------------------------------------ passwords and keys
def test_a_reset_makes_a_new_key_old_signatures_still_verify_and_the_password_must_change(store, people, signed):
    old_fp = people.inv.session.fingerprint
    account = next(u for u in users.accounts(store) if u.id == people.inv.id)
    users.reset_password(store, people.admin, people.inv.id, "fresh-mountain-river-7", account.version,
                         reason="forgot it")
    again = auth.sign_in(store, "inv", "fresh-mountain-river-7").value
    assert again.session.fingerprint != old_fp and auth.must_change_password(again)
    assert store.one("SELECT retired FROM user_keys WHERE fingerprint = ?", (old_fp,))[0] == 1
    assert store.one("SELECT reason FROM audit_log WHERE table_name = 'users' AND field = 'password_hash' "
                     "ORDER BY seq DESC LIMIT 1")[0] == "forgot it"
    auth.change_password(store, again, "fresh-mountain-river-7", "another-quiet-harbour-3")
    changed = auth.sign_in(store, "inv", "another-quiet-harbour-3").value
    assert changed.session.fingerprint == again.session.fingerprint and not auth.must_change_password(changed)
    path = store.path
    store.close()
    report = verify.verify(path)
    assert report.ok, report.problems


def test_an_administrator_cannot_give_their_own_account_a_signing_role(store, people):
    admin = next(u for u in users.accounts(store) if u.id == people.admin.id)
    with pytest.raises(InputError) as refused:
        users.set_role(store, people.admin, people.admin.id, "investigator", admin.version)
    assert refused.value.field == "role"


def test_an_unknown_user_takes_as_long_as_a_wrong_password(store, people):
    """No timing oracle: both run one scrypt (median of 15 each; within a factor of two)."""
    def timed(name: str) -> float:
        start = time.perf_counter()
        with pytest.raises(AuthError):
            auth.sign_in(store, name, "wrong-password-x")
        return time.perf_counter() - start

    timed("nurse")
    unknown, wrong = [], []
    for _ in range(15):
        unknown.append(timed("nobody-here"))
        wrong.append(timed("nurse"))
        store.conn.execute("UPDATE users SET failed_logins = 0, locked_until = NULL")   # keep it unlocked
        store.conn.commit()
    ratio = statistics.median(unknown) / statistics.median(wrong)
    assert 0.5 < ratio < 2, ratio
