"""`nkdesk verify` sees the whole file (issue 15): the schema, the trail, credentials, and damage.

Each tampering and damage kind of the issue's probe is a case here; a hypothesis test mutates
random cells, rows and schema objects and asserts that every mutation is reported.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkdesk.storage import audit, migrations, verify
from tests.clirun import in_process

ALL_SCHEMA = verify.reference_schema(tuple(migrations.STEPS))
TABLES = sorted(name for kind, name in ALL_SCHEMA if kind == "table")
TRIGGERS = sorted(name for kind, name in ALL_SCHEMA if kind == "trigger")
INDEXES = sorted(name for kind, name in ALL_SCHEMA if kind == "index")


def _sql(path: Path, script: str) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.commit()
    conn.close()


def _cli(capsys, path: Path):
    return in_process(capsys, "verify", "--db", str(path), "--json")


def test_the_untouched_file_is_sound(ward, capsys):
    result = _cli(capsys, ward)
    assert result.status == 0 and result.json["ok"] and result.json["schema_checked"] >= len(TABLES)


@pytest.mark.parametrize("table", [t for t in TABLES if t != "audit_log"])
def test_a_dropped_table_is_found(ward, capsys, table):
    """DROP TABLE of any table (lab_results, vital_sign_sets, …) → exit 1 naming it."""
    _sql(ward, f"PRAGMA foreign_keys = OFF; DROP TABLE {table};")
    result = _cli(capsys, ward)
    assert result.status == 1
    assert f"table {table}" in {p["record"] for p in result.json["problems"]}


def test_a_dropped_trail_is_found_with_the_rows_the_anchor_names(ward, capsys):
    named = audit.read_anchor(ward).count
    _sql(ward, "DROP TABLE audit_log;")
    result = _cli(capsys, ward)
    assert result.status == 1 and result.json["first_bad"]["kind"] == "trail"
    assert f"anchor names {named} rows" in result.json["first_bad"]["message"]


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_a_dropped_trigger_is_found(ward, capsys, trigger):
    _sql(ward, f"DROP TRIGGER {trigger};")
    result = _cli(capsys, ward)
    assert result.status == 1 and result.json["first_bad"]["record"] == f"trigger {trigger}"


def test_an_append_only_trigger_replaced_by_a_harmless_one_is_found(ward, capsys):
    _sql(ward, "DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
               "BEGIN SELECT 1; END;")
    result = _cli(capsys, ward)
    assert result.status == 1 and result.json["first_bad"]["record"] == "trigger audit_log_no_delete"
    assert "differs" in result.json["first_bad"]["message"]


@pytest.mark.parametrize("script, record", [
    ("CREATE TABLE notes (x TEXT);", "table notes"),
    ("CREATE VIEW everyone AS SELECT * FROM patients;", "view everyone"),
    ("CREATE INDEX by_sex ON patients (sex);", "index by_sex"),
    ("ALTER TABLE patients ADD COLUMN remark TEXT;", "table patients"),
    ("DROP INDEX lab_results_patient;", "index lab_results_patient"),
])
def test_an_extra_or_changed_schema_object_is_found(ward, capsys, script, record):
    _sql(ward, script)
    result = _cli(capsys, ward)
    assert result.status == 1 and result.json["first_bad"]["record"] == record


def test_a_swapped_password_hash_is_found(ward, capsys):
    """UPDATE users SET password_hash = (someone else's): the trail holds a digest of each hash."""
    _sql(ward, "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = 'nurse') "
               "WHERE username = 'inv';")
    inv = sqlite3.connect(ward).execute("SELECT id FROM users WHERE username = 'inv'").fetchone()[0]
    result = _cli(capsys, ward)
    assert result.status == 1 and result.json["first_bad"]["record"] == f"users #{inv}"
    assert "password_hash" in result.json["first_bad"]["message"]


def test_the_trail_records_a_digest_of_the_hash_never_the_hash(ward):
    conn = sqlite3.connect(ward)
    stored = conn.execute("SELECT password_hash FROM users WHERE username = 'inv'").fetchone()[0]
    trail = " ".join(str(r[0]) for r in conn.execute("SELECT new_value FROM audit_log WHERE table_name = 'users'"))
    assert stored not in trail and "scrypt$" not in trail
    import hashlib

    assert "sha256:" + hashlib.sha256(stored.encode()).hexdigest() in trail


# ---------------------------------------------------------------------------------- not NKDesk's / damaged
def test_an_sqlite_file_of_another_program_is_exit_2(tmp_path, capsys):
    other = tmp_path / "other.sqlite3"
    _sql(other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);")
    result = _cli(capsys, other)
    assert result.status == 2 and result.json["first_bad"]["kind"] == "not_a_database"


def test_another_programs_application_id_is_exit_2(ward, capsys):
    _sql(ward, "PRAGMA application_id = 12345;")
    audit.anchor_path(ward).unlink()
    assert _cli(capsys, ward).status == 2


def test_random_bytes_are_exit_2(tmp_path, capsys):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(8192))
    assert _cli(capsys, junk).status == 2


def _page_size(path: Path) -> int:
    return sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]


@pytest.mark.parametrize("damage", ["half", "header_cut", "empty", "magic", "zero_pages", "garbage_tail",
                                    "scribble", "last_page_gone"])
def test_every_kind_of_damage_is_exit_1_naming_the_file(ward, capsys, damage):
    """truncate -s 50%, a cut header, an emptied file, a lost magic string, zeroed pages, bytes appended,
    random bytes written over the middle, the last page lost: exit 1 ("damaged"), never 70."""
    data, page = bytearray(ward.read_bytes()), _page_size(ward)
    if damage == "half":
        data = data[: len(data) // 2]
    elif damage == "header_cut":
        data = data[:50]
    elif damage == "empty":
        data = bytearray()
    elif damage == "magic":
        data[:16] = b"X" * 16
    elif damage == "zero_pages":
        data[page * 2: page * 5] = bytes(page * 3)
    elif damage == "garbage_tail":
        data += os.urandom(5000)
    elif damage == "scribble":
        middle = len(data) // 2
        data[middle: middle + 3000] = os.urandom(3000)
    elif damage == "last_page_gone":
        data = data[:-page]
    ward.write_bytes(bytes(data))
    result = _cli(capsys, ward)
    assert result.status == 1, result.err
    assert result.json["first_bad"]["kind"] in ("damaged", "chain", "record", "schema", "signature")
    assert result.err.count("\n") == 1


# ---------------------------------------------------------------------------------- read-only, as a non-root user
def test_verify_reads_a_read_only_file_and_writes_nothing(ward, tmp_path):
    """As an unprivileged user (root ignores file modes): a 0444 file in a 0555 folder verifies."""
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "ward.sqlite3"
    shutil.copyfile(ward, target)
    shutil.copyfile(audit.anchor_path(ward), audit.anchor_path(target))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for p in folder.iterdir():
        p.chmod(0o444)
    folder.chmod(0o555)
    tmp_path.chmod(0o755)
    for parent in tmp_path.parents:
        if parent.stat().st_mode & 0o005 != 0o005 and parent != Path("/"):
            parent.chmod(parent.stat().st_mode | 0o005)
    try:
        done = subprocess.run(["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                               sys.executable, "-m", "nkdesk", "verify", "--db", str(target), "--json"],
                              capture_output=True, text=True, cwd=Path(__file__).parent.parent.parent,
                              env=dict(os.environ, HOME="/tmp"), timeout=60)
        assert done.returncode == 0, done.stderr
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    finally:
        folder.chmod(0o755)


# ---------------------------------------------------------------------------------- every mutation is reported
def _mutations(path: Path) -> list[tuple[str, str, tuple]]:
    """Every single-cell change, row deletion and schema-object drop this file allows."""
    conn = sqlite3.connect(path)
    out: list[tuple[str, str, tuple]] = []
    audited = [t for t in TABLES if t not in migrations.UNAUDITED_TABLES or t == "audit_log"]
    for table in audited:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "version"]
        key = "seq" if table == "audit_log" else "id"
        for (rid,) in conn.execute(f"SELECT {key} FROM {table}"):
            out.append(("delete", table, (key, rid)))
            out.extend(("cell", table, (key, rid, col)) for col in columns if col != key)
    out.extend(("drop", kind, (name,)) for kind, name in ALL_SCHEMA if kind in ("trigger", "index"))
    conn.close()
    return out


def _apply(path: Path, mutation: tuple[str, str, tuple]) -> bool:
    """Apply one mutation with raw SQL (the guards dropped first); False if it changes nothing."""
    kind, target, args = mutation
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for trigger in TRIGGERS:
        if kind != "drop":
            conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    if kind == "drop":
        conn.execute(f"DROP {target.upper()} {args[0]}")
    elif kind == "delete":
        conn.execute(f"DELETE FROM {target} WHERE {args[0]} = ?", (args[1],))
    else:
        key, rid, col = args
        value = conn.execute(f"SELECT {col} FROM {target} WHERE {key} = ?", (rid,)).fetchone()[0]
        new = 1 if value is None else (value + 1 if isinstance(value, (int, float)) else str(value) + "x")
        try:
            conn.execute(f"UPDATE {target} SET {col} = ? WHERE {key} = ?", (new, rid))
        except sqlite3.IntegrityError:   # a CHECK or UNIQUE the schema keeps: try another kind of value
            conn.execute(f"UPDATE {target} SET {col} = NULL WHERE {key} = ?", (rid,))
    conn.commit()
    conn.close()
    return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_random_mutation_is_reported(_made, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("mutate") / "ward.sqlite3"
    shutil.copyfile(_made, path)
    shutil.copyfile(audit.anchor_path(_made), audit.anchor_path(path))
    mutation = data.draw(st.sampled_from(_mutations(path)))
    try:
        _apply(path, mutation)
    except sqlite3.IntegrityError:
        return   # NOT NULL kept the old value: nothing was changed
    report = verify.verify(path)
    assert not report.ok, mutation
