"""The `Store`: an open database that every repository and service works through.

Reads (`rows`, `one`, `reading()` for a consistent snapshot) translate SQLite failures into
`StorageError`s that name the file and offer the last good backup. Writes go through
`write(actor, action)`, one audited transaction (transaction.py); after each commit the anchor file
is replaced, unless the anchor did not fit the chain when the database was opened (then it is left
as evidence, and `nkdesk verify` fails until an administrator has looked).

Actors are proven: the Store issues them (`users.sign_in` after the password is checked,
`users.os_actor` for the operating-system user of a command-line run) and keeps each one it
issued, by identity, with a token of its own; `write` refuses anything else (`ForgedActor`).
"""
from __future__ import annotations

import secrets
import socket
import sqlite3
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from nkdesk.domain import Actor, User
from nkdesk.storage import audit, backup, fs, users
from nkdesk.storage.errors import AuthError, ForgedActor, StorageError, translate
from nkdesk.storage.transaction import Transaction

OFFER_BACKUP = {"not_a_database", "corrupt", "read_only", "disk_full"}


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """An open database: consistent reads, audited writes, and the anchor kept after each commit."""

    def __init__(self, path: Path, db: Database, *, network: bool = False, workstation: str | None = None,
                 clock: Callable[[], datetime] | None = None, writer_lock: fs.WriterLock | None = None):
        self.path, self.db, self.conn = path, db, db.conn
        self.closed = False
        self.network = network
        self.workstation = workstation or socket.gethostname()
        self._clock = clock or utc_now
        self._writer_lock = writer_lock
        self.instance_id = self.meta("instance_id") or ""
        self.anchor_problem: str | None = None   # set when the anchor does not fit: not rewritten, verify fails
        self.anchor_write_error: str | None = None
        self._token = secrets.token_hex(16)
        self._actors: weakref.WeakSet[Actor] = weakref.WeakSet()   # forgotten once nobody holds them

    # ---------------------------------------------------------------- who acts
    def issue_actor(self, user: User | None, *, login: str = "", session: object = None) -> Actor:
        """An actor this Store will accept. Only storage calls this: `users.sign_in` once the
        password is checked, `users.os_actor` (user None: the operating-system user `login`)."""
        if user is None:
            actor = Actor(None, f"os:{login}", login, None, self._token, session)
        else:
            actor = Actor(user.id, user.username, user.full_name, user.role, self._token, session)
        self._actors.add(actor)
        return actor

    def retire_actor(self, actor: Actor) -> None:
        """Signing out: the actor is refused from now on."""
        self._actors.discard(actor)

    def proven(self, actor: object) -> Actor:
        """`actor` if this Store issued it; ForgedActor for anything else (a User, a constructed or altered Actor)."""
        if not isinstance(actor, Actor) or actor.store_token != self._token or actor not in self._actors:
            who = getattr(actor, "username", None) or type(actor).__name__
            raise ForgedActor(f"{who} is not signed in to this database: sign in to save (the save was refused)",
                              action="sign_in")
        return actor

    # ---------------------------------------------------------------- writing
    def now(self) -> datetime:
        return self._clock()

    @contextmanager
    def write(self, actor: Actor, action: str, *, reason: str | None = None) -> Iterator[Transaction]:
        """One logical save as `actor` doing `action` (roles.PERMISSIONS): all of it or nothing.
        `actor` must be one this Store issued (ForgedActor otherwise)."""
        tx = Transaction(self, self.proven(actor), action, reason, self.now())
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            tx.begin()
            yield tx
            tx.finish()
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.Error):
                translated = self._error(exc)
                if translated is not exc:
                    raise translated from exc
            if isinstance(exc, AuthError) and exc.code == "bad_password" and exc.params.get("user_id"):
                self._count_failed_password(exc)
            raise
        self._after_commit(tx)

    def _rollback(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite already rolled back (e.g. after SQLITE_FULL); the original error matters

    def _count_failed_password(self, exc: AuthError) -> None:
        user = users.get(self, exc.params["user_id"])
        if user is None:
            return
        with self.write(self.issue_actor(user), "session.sign_in") as tx:
            if users.record_failure(tx, user.id):
                exc.code = "locked"
                exc.message += f"; after {users.MAX_FAILED_LOGINS} failed attempts the account is now locked"

    def _after_commit(self, tx: Transaction) -> None:
        if tx.head_after.count == tx.head_before.count or self.anchor_problem:
            return
        anchor = audit.Anchor(tx.head_after.count, tx.head_after.hash, self.instance_id, tx.at_utc)
        try:
            audit.write_anchor(self.path, anchor)
            self.anchor_write_error = None
        except OSError as exc:  # the save is committed; the anchor only lags, and the next save retries
            self.anchor_write_error = f"cannot update {audit.anchor_path(self.path)}: {exc.strerror or exc}"

    def check_anchor(self) -> None:
        """Compare the anchor file with the chain (two indexed reads); catch it up if it lags."""
        audit.remove_stale_temporaries(self.path)
        chain = audit.head(self.conn)
        try:
            anchor = audit.read_anchor(self.path)
        except audit.AnchorUnreadable as exc:
            self.anchor_problem = f"the anchor file is unreadable ({exc})"
            return
        if anchor is not None and anchor.instance_id and anchor.instance_id != self.instance_id:
            self.anchor_problem = "the anchor file beside the database belongs to another database"
            return
        self.anchor_problem = audit.anchor_problem(self.conn, anchor, chain)
        if self.anchor_problem is None and (anchor is None or anchor.count < chain.count):
            audit.write_anchor(self.path, audit.Anchor(chain.count, chain.hash, self.instance_id,
                                                       self.now().isoformat()))

    # ---------------------------------------------------------------- reading
    @contextmanager
    def reading(self) -> Iterator[Store]:
        """Several reads that see one consistent state (a read transaction)."""
        if self.conn.in_transaction:
            yield self
            return
        try:
            self.conn.execute("BEGIN")
            yield self
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        finally:
            self._rollback()

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self.conn.cursor()
            cursor.row_factory = sqlite3.Row
            return cursor.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def one(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Sequence[object] = ()) -> Any:
        row = self.one(sql, params)
        return row[0] if row else None

    def meta(self, key: str) -> str | None:
        value = self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        """Application bookkeeping (not clinical data, not audited): e.g. which records are demo data."""
        try:
            with self.conn:
                self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _error(self, exc: sqlite3.Error) -> StorageError | sqlite3.Error:
        translated = translate(exc, self.path)
        if isinstance(translated, StorageError) and translated.code in OFFER_BACKUP:
            translated.offer_backup(backup.last_good(self.path))
        return translated

    # ---------------------------------------------------------------- closing
    def close(self, *, take_backup: bool = False) -> None:
        """Close; with take_backup=True (the window on exit) take the rotating exit backup first."""
        if self.closed:
            return
        try:
            if take_backup:
                backup.automatic(self, "exit")
            with suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
        finally:
            self.conn.close()
            self.closed = True   # closing twice is harmless; using the store after it is an error
            if self._writer_lock:
                self._writer_lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
