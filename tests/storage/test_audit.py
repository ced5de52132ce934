"""The audit trail: what each row records, append-only, and tampering caught by `nkdesk verify`."""
from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from nkdesk.services import eligibility, measurements, patients
from nkdesk.storage import audit, verify
from tests.clirun import in_process


@pytest.fixture
def history(store, people, make_patient, contract_example):
    """A small trail: a patient registered, edited with a reason, a lab set, a signed assessment."""
    patient = make_patient(study_id="A-001", initials="KM")
    patients.edit_patient(store, people.inv, patient.id, patient.version, initials="KN", reason="typing slip")
    measurements.record_labs(store, people.nurse, patient.id, date(2026, 11, 20), {"platelets": "15.2 10^4/uL"})
    draft = eligibility.save_assessment(store, people.nurse, patient.id, contract_example).value
    eligibility.sign_assessment(store, people.inv, draft.id, people.password, draft.version)
    path = store.path
    store.close()
    return path


def _raw(path):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def _drop_guards(conn):
    """What a determined editor does first: remove the append-only triggers."""
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")


def test_each_row_says_who_when_where_what_and_why(history):
    """An update row names user, UTC and local time, workstation, table, record, field, old, new, reason."""
    conn = _raw(history)
    row = conn.execute("SELECT * FROM audit_log WHERE op = 'update' AND table_name = 'patients'").fetchone()
    assert (row["username"], row["role"], row["field"]) == ("inv", "investigator", "initials")
    assert (json.loads(row["old_value"]), json.loads(row["new_value"]), row["reason"]) == ("KM", "KN", "typing slip")
    assert row["record_id"] == "1" and row["workstation"]
    assert row["at_utc"].endswith("Z") and row["at_local"][-6] in "+-"
    insert = conn.execute("SELECT * FROM audit_log WHERE op = 'insert' AND table_name = 'lab_results'").fetchone()
    recorded = json.loads(insert["new_value"])
    assert (recorded["text"], recorded["canonical_value"], recorded["canonical_unit"]) == \
        ("15.2 10^4/uL", 152.0, "10^9/L")   # 15.2 × 10⁴/µL = 152 × 10⁹/L (10⁴/µL = 10¹⁰/L)


@pytest.mark.parametrize("sql", [
    "UPDATE audit_log SET reason = 'none'",
    "DELETE FROM audit_log WHERE seq = 1",
    "UPDATE signatures SET meaning = 'something else'",
    "DELETE FROM signatures",
])
def test_append_only_tables_refuse_update_and_delete(history, sql):
    """UPDATE and DELETE on the audit trail and on signatures fail (triggers)."""
    conn = _raw(history)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(sql)


def test_untouched_trail_verifies(history):
    """The trail as written verifies: chain, anchor and every record against its trail."""
    report = verify.verify(history)
    assert report.ok, report.problems
    assert report.audit_rows == report.anchor["count"] > 0


def _first_bad(path):
    report = verify.verify(path)
    assert not report.ok
    return report.problems[0]


def test_edited_row_is_caught_and_named(history):
    """Changing one audit row's value through raw SQL is found at that row."""
    conn = _raw(history)
    _drop_guards(conn)
    seq = conn.execute("SELECT seq FROM audit_log WHERE op = 'update'").fetchone()[0]
    conn.execute("UPDATE audit_log SET new_value = '\"XX\"' WHERE seq = ?", (seq,))
    conn.commit()
    bad = _first_bad(history)
    assert (bad.kind, bad.record) == ("chain", f"audit row {seq}")
    assert "changed" in bad.message and "patients #1" in bad.message


def test_edited_row_with_recomputed_own_hash_is_caught_at_the_next_row(history):
    """Recomputing the edited row's own hash does not help: the next row's link breaks."""
    conn = _raw(history)
    _drop_guards(conn)
    row = conn.execute("SELECT * FROM audit_log WHERE op = 'update'").fetchone()
    values = [row[c] for c in audit.HASHED_COLUMNS]
    values[audit.HASHED_COLUMNS.index("new_value")] = '"XX"'
    conn.execute("UPDATE audit_log SET new_value = '\"XX\"', hash = ? WHERE seq = ?",
                 (audit.row_hash(values), row["seq"]))
    conn.commit()
    bad = _first_bad(history)
    assert bad.record == f"audit row {row['seq'] + 1}" and "does not link" in bad.message


def test_deleted_row_is_caught_and_named(history):
    """Deleting a row in the middle of the trail is found where the gap is."""
    conn = _raw(history)
    _drop_guards(conn)
    conn.execute("DELETE FROM audit_log WHERE seq = 2")
    conn.commit()
    bad = _first_bad(history)
    assert bad.record == "audit row 2" and "missing" in bad.message


def test_reordered_rows_are_caught_at_the_first_moved_row(history):
    """Swapping two rows' places is found at the first of them."""
    conn = _raw(history)
    _drop_guards(conn)
    conn.execute("UPDATE audit_log SET seq = -1 WHERE seq = 2")
    conn.execute("UPDATE audit_log SET seq = 2 WHERE seq = 3")
    conn.execute("UPDATE audit_log SET seq = 3 WHERE seq = -1")
    conn.commit()
    bad = _first_bad(history)
    assert bad.record == "audit row 2"


def test_cut_off_newest_rows_are_caught_by_the_anchor(history):
    """Deleting the newest rows leaves a valid chain, but the anchor file shows rows are gone."""
    conn = _raw(history)
    _drop_guards(conn)
    last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE seq >= ?", (last - 1,))
    conn.commit()
    bad = _first_bad(history)
    assert bad.kind == "rolled_back" and f"rows {last - 1}–{last} were removed" in bad.message


def test_deleted_anchor_file_is_reported(history):
    """Without its anchor file a non-empty trail cannot be shown complete: verify says so."""
    audit.anchor_path(history).unlink()
    bad = _first_bad(history)
    assert bad.kind == "anchor" and "missing" in bad.message


def test_lagging_anchor_is_normal_after_a_crash(history):
    """An anchor behind the chain (written before a crash) is a note, not a failure."""
    anchor = audit.read_anchor(history)
    conn = _raw(history)
    earlier = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (anchor.count - 2,)).fetchone()[0]
    audit.write_anchor(history, audit.Anchor(anchor.count - 2, earlier, anchor.instance_id))
    report = verify.verify(history)
    assert report.ok and "lags" in report.notes[0]


def test_data_changed_around_the_trail_is_caught(history):
    """A patient edited with raw SQL (no audit row) no longer matches its trail: verify names it."""
    conn = _raw(history)
    conn.execute("UPDATE patients SET initials = 'ZZ' WHERE id = 1")
    conn.commit()
    bad = _first_bad(history)
    assert bad.record == "patients #1" and "initials" in bad.message


def test_row_inserted_around_the_trail_is_caught(history):
    """A lab result inserted with raw SQL is not in the trail: verify names it."""
    conn = _raw(history)
    conn.execute("INSERT INTO lab_results (lab_set_id, patient_id, analyte, text, value, unit, canonical_value, "
                 "canonical_unit) VALUES (1, 1, 'wbc', '5 10^9/L', 5, '10^9/L', 5, '10^9/L')")
    conn.commit()
    bad = _first_bad(history)
    assert bad.record == "lab_results #2" and "not in the audit trail" in bad.message


def test_signed_content_changed_around_the_trail_is_caught(history):
    """A signed assessment whose stored result is edited with raw SQL fails its signature check."""
    conn = _raw(history)
    conn.execute("UPDATE eligibility_assessments SET result_json = replace(result_json, 'true', 'false')")
    conn.commit()
    report = verify.verify(history)
    kinds = {(p.kind, p.record) for p in report.problems}
    assert ("signature", "eligibility_assessments #1") in kinds
    assert ("record", "eligibility_assessments #1") in kinds


def test_rewritten_chain_and_anchor_file_are_caught_by_the_signature_anchor(history):
    """Someone who edits an early row, recomputes every hash after it and rewrites the anchor file
    still contradicts the chain head recorded in the signature made after that row."""
    conn = _raw(history)
    _drop_guards(conn)
    conn.execute("UPDATE audit_log SET new_value = replace(new_value, 'KM', 'QQ') "
                 "WHERE table_name = 'patients' AND op = 'insert'")
    rows = conn.execute(f"SELECT {', '.join(audit.HASHED_COLUMNS)} FROM audit_log ORDER BY seq").fetchall()
    prev = audit.GENESIS
    for row in rows:
        values = list(row)
        values[-1] = prev
        prev = audit.row_hash(values)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (values[-1], prev, row[0]))
    conn.commit()
    old = audit.read_anchor(history)
    audit.write_anchor(history, audit.Anchor(len(rows), prev, old.instance_id))
    report = verify.verify(history)
    assert [p.kind for p in report.problems if p.kind in ("chain", "anchor")] == []
    assert report.problems[0].kind == "signature" and "signature #1" in report.problems[0].record
    assert any(p.record == "patients #1" and "initials" in p.message for p in report.problems)


def test_verify_command_exit_status_and_first_bad_record(history, capsys):
    """`nkdesk verify` exits 0 on a sound file; after tampering 1, naming the first bad record."""
    assert in_process(capsys, "verify", "--db", str(history)).status == 0
    conn = _raw(history)
    _drop_guards(conn)
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    conn.commit()
    result = in_process(capsys, "verify", "--db", str(history), "--json")
    assert result.status == 1
    assert result.json["ok"] is False and result.json["first_bad"]["record"] == "audit row 3"
    assert result.err.count("\n") == 1 and "audit row 3" in result.err


def test_anchor_never_leads_the_chain(store, people, make_patient):
    """After every save the anchor file holds exactly the chain's head (written after the commit)."""
    for _ in range(3):
        make_patient()
        anchor, head = audit.read_anchor(store.path), audit.head(store.conn)
        assert (anchor.count, anchor.head) == (head.count, head.hash)
