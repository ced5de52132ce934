"""Restore never silently drops data; witnesses tell a cut-off trail from a crash (issue 15).

Each restore scenario of the issue's probe (older backup with newer lab sets, another instance's
backup, an edited backup without manifest, a forged-chain backup, a damaged one) runs through the
command line as a terminal user does, with the contract's exit codes and JSON keys.
"""
from __future__ import annotations

import shutil
import sqlite3
from datetime import date

from nkdesk.services import auth, measurements
from nkdesk.storage import audit, backup, verify
from nkdesk.storage.database import open_database
from tests.clirun import in_process
from tests.storage.forger import forge

PW = "correct-horse-1"


def _more_labs(path, n: int) -> None:
    store = open_database(path)
    try:
        nurse = auth.sign_in(store, "nurse", PW).value
        patient_id = store.scalar("SELECT id FROM patients WHERE study_id = 'A-001'")
        for day in range(n):
            measurements.record_labs(store, nurse, patient_id, date(2026, 11, 21 + day), {"platelets": "15 10^4/uL"})
    finally:
        store.close()


def _lab_sets(path) -> int:
    return sqlite3.connect(path).execute("SELECT count(*) FROM lab_sets").fetchone()[0]


def test_an_older_backup_lists_what_would_be_lost_and_needs_accept_loss(ward, capsys, cheap_passwords):
    """5 newer lab sets: exit 1 with would_lose per table and patient; nothing changed; then
    --accept-loss restores and names the copy of what it replaced."""
    old = backup.take(ward)
    _more_labs(ward, 5)
    refused = in_process(capsys, "restore", str(old.path), "--db", str(ward), "--json")
    assert refused.status == 1 and refused.err.count("\n") == 1
    lost = {(x["table"], x["study_id"]): x["rows"] for x in refused.json["would_lose"]}
    assert lost[("lab_sets", "A-001")] == 5 and lost[("lab_results", "A-001")] == 5
    assert _lab_sets(ward) == 6
    done = in_process(capsys, "restore", str(old.path), "--db", str(ward), "--accept-loss", "--json")
    assert done.status == 0, done.err
    assert _lab_sets(ward) == 1 and _lab_sets(done.json["replaced_backup"]) == 6
    assert in_process(capsys, "verify", "--db", str(ward)).status == 0


def test_reads_never_count_as_newer_data(ward, capsys):
    """A backup taken now and restored at once loses nothing (exit 0 without --accept-loss)."""
    now = backup.take(ward)
    in_process(capsys, "form", "summary", "--patient", "A-001", "--db", str(ward), "--out", str(ward.parent / "s.pdf"))
    assert in_process(capsys, "restore", str(now.path), "--db", str(ward), "--json").status == 0


def test_another_instances_backup_is_exit_2_unless_asked_for(ward, tmp_path, capsys, _made):
    other = tmp_path / "other" / "ward.sqlite3"
    other.parent.mkdir()
    shutil.copyfile(_made, other)
    conn = sqlite3.connect(other)
    conn.execute("UPDATE meta SET value = 'another-instance' WHERE key = 'instance_id'")
    conn.commit()
    conn.close()
    foreign = backup.take(other)
    refused = in_process(capsys, "restore", str(foreign.path), "--db", str(ward), "--json")
    assert refused.status == 2 and "another database" in refused.err
    done = in_process(capsys, "restore", str(foreign.path), "--db", str(ward), "--other-instance", "--json")
    assert done.status == 0 and done.json["other_instance"] is True


def test_an_edited_backup_without_manifest_is_refused(ward, capsys):
    copy = backup.take(ward)
    backup.manifest_path(copy.path).unlink()
    conn = sqlite3.connect(copy.path)
    conn.execute("UPDATE lab_results SET canonical_value = 999")
    conn.commit()
    conn.close()
    refused = in_process(capsys, "restore", str(copy.path), "--db", str(ward), "--json")
    assert refused.status == 1 and "lab_results" in refused.err


def test_a_forged_chain_backup_is_refused(ward, capsys):
    """A backup whose signed assessment was changed and every hash recomputed: its signature fails."""
    copy = backup.take(ward)
    backup.manifest_path(copy.path).unlink()
    rid = sqlite3.connect(copy.path).execute("SELECT id FROM eligibility_assessments").fetchone()[0]
    forge(copy.path, "eligibility_assessments", rid, "protocol_id", "forged")
    audit.anchor_path(copy.path).unlink()
    refused = in_process(capsys, "restore", str(copy.path), "--db", str(ward), "--json")
    assert refused.status == 1 and refused.json["problems"][0]["kind"] == "signature"


def test_a_damaged_backup_is_refused_and_a_foreign_file_is_bad_input(ward, tmp_path, capsys):
    copy = backup.take(ward)
    data = bytearray(copy.path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 2000] = b"\xff" * 2000
    copy.path.write_bytes(bytes(data))
    assert in_process(capsys, "restore", str(copy.path), "--db", str(ward)).status == 1
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database")
    assert in_process(capsys, "restore", str(junk), "--db", str(ward)).status == 2


# ------------------------------------------------------------------------------------ witnesses
def test_rows_cut_and_the_anchor_moved_back_is_told_by_the_backup_manifest(ward, capsys):
    """Cut the newest rows and point the anchor at an older real row: the newest backup's manifest
    says the trail was longer, so this is "rolled back N rows", not a crash."""
    backup.take(ward)
    conn = sqlite3.connect(ward)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq > ?", (last - 3,))
    head = audit.head(conn)
    conn.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
                 "    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END")
    conn.commit()
    conn.close()
    anchor = audit.read_anchor(ward)
    audit.write_anchor(ward, audit.Anchor(head.count - 2, audit.hash_at(sqlite3.connect(ward), head.count - 2),
                                          anchor.instance_id))
    result = in_process(capsys, "verify", "--db", str(ward), "--json")
    assert result.status == 1
    assert any(p["kind"] == "rolled_back" and "rolled back 3 rows" in p["message"] for p in result.json["problems"])


def test_expect_head_checks_a_printed_chain_head(ward, capsys):
    where = in_process(capsys, "where", "--db", str(ward), "--json").json
    printed = where["chain_head"]["head"][:16]
    assert in_process(capsys, "verify", "--db", str(ward), "--expect-head", printed).status == 0
    result = in_process(capsys, "verify", "--db", str(ward), "--expect-head", "ab" * 8, "--json")
    assert result.status == 1 and result.json["first_bad"]["kind"] == "rolled_back"


def test_where_gives_the_site_key_fingerprint_and_the_chain_head(ward, capsys):
    where = in_process(capsys, "where", "--db", str(ward), "--json").json
    conn = sqlite3.connect(ward)
    assert where["site_key_fingerprint"] == conn.execute("SELECT fingerprint FROM site_keys").fetchone()[0]
    assert where["chain_head"]["count"] == audit.head(conn).count


def test_accept_anchor_needs_an_administrators_password_and_a_reason(ward, capsys, monkeypatch, cheap_passwords):
    """A lagging-then-lost anchor (the crash case): an administrator accepts it; the acceptance is audited."""
    audit.anchor_path(ward).unlink()
    assert in_process(capsys, "verify", "--db", str(ward)).status == 1
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("nurse\n" + PW + "\n"))
    refused = in_process(capsys, "verify", "--db", str(ward), "--accept-anchor", "--reason", "crash on 5 Dec")
    assert refused.status == 2 and "--user" in refused.err
    monkeypatch.setattr("sys.stdin", io.StringIO(PW + "\n"))
    done = in_process(capsys, "verify", "--db", str(ward), "--accept-anchor", "--user", "admin",
                      "--reason", "crash on 5 Dec", "--json")
    assert done.status == 0, done.err
    row = sqlite3.connect(ward).execute("SELECT username, reason FROM audit_log WHERE table_name = '_audit_anchor'"
                                        ).fetchone()
    assert row == ("admin", "crash on 5 Dec")
    assert verify.verify(ward).ok


def test_every_form_footer_carries_the_site_key_and_the_chain_head(ward, capsys):
    """The paper file witnesses both: the footer's head is accepted by --expect-head; after rows are
    cut off past it, verify says the witnessed head is gone."""
    import re

    from tests.forms.pdf import pages_text

    out = ward.parent / "summary.pdf"
    assert in_process(capsys, "form", "summary", "--patient", "A-001", "--db", str(ward), "--out", str(out)).status == 0
    text = pages_text(out.read_bytes())[-1]
    where = in_process(capsys, "where", "--db", str(ward), "--json").json
    assert f"Site key {where['site_key_fingerprint'][:16]}" in text
    printed = re.search(r"audit chain head (\d+) ([0-9a-f]{16})", text)
    assert (int(printed[1]), printed[2]) == (where["chain_head"]["count"], where["chain_head"]["head"][:16])
    assert in_process(capsys, "verify", "--db", str(ward), "--expect-head", printed[2]).status == 0
    conn = sqlite3.connect(ward)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = ?", (int(printed[1]),))
    conn.commit()
    conn.close()
    result = in_process(capsys, "verify", "--db", str(ward), "--expect-head", printed[2], "--json")
    assert result.status == 1 and "rolled_back" in {p["kind"] for p in result.json["problems"]}


def test_a_rollback_is_shown_until_an_administrator_accepts_it(ward, cheap_passwords):
    """The window's sign-in warning (trail.evidence_problem) names the rollback a backup witnesses;
    an administrator's acceptance (with a reason, audited) clears it, and verify passes again."""
    from nkdesk.services import trail

    backup.take(ward)
    conn = sqlite3.connect(ward)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq > ?", (last - 2,))
    conn.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
                 "    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END")
    conn.commit()
    conn.close()
    store = open_database(ward)
    try:
        assert "rolled back 2 rows" in trail.evidence_problem(store)
        admin = auth.sign_in(store, "admin", PW).value
        trail.accept_anchor(store, admin, "rows lost in the 5 Dec power cut; checked against paper")
        assert trail.evidence_problem(store) is None
    finally:
        store.close()
    report = verify.verify(ward)
    assert not [p for p in report.problems if p.kind in ("rolled_back", "anchor")], report.problems
