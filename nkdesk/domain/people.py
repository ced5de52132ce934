"""Who works in NKDesk and what they leave behind: users and roles, signatures, audit entries."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """What a user may do (the full table is `nkdesk.storage.roles.PERMISSIONS`)."""

    INVESTIGATOR = "investigator"        # a physician: signs eligibility, prescribes, decides stops
    PHARMACIST = "pharmacist"            # verifies dose orders, decides on out-of-tolerance plans
    RESEARCH_NURSE = "research_nurse"    # records measurements, vital signs, infusions, AEs
    ADMINISTRATOR = "administrator"      # manages users and settings; signs no clinical record

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class User:
    """A user account as stored (the administrators' screen, the audit trail's names).

    A `User` is only a record: services refuse it as the one doing an action. That is an `Actor`.
    """

    id: int
    username: str
    full_name: str
    role: Role
    active: bool = True
    version: int = 1


@dataclass(frozen=True, eq=False)
class Actor:
    """Who does a ward action, proven: made only by storage, by signing in with the password
    (`nkdesk.storage.users.sign_in`, reached through `nkdesk.services.auth.sign_in`) or, for the
    operating-system user of a command-line run, by `nkdesk.storage.users.os_actor` (role None: it
    may bootstrap, restore and print, nothing clinical).

    The `Store` that issued an actor keeps it (by identity) with the store's token; `Store.write`
    refuses any other object — a `User`, an `Actor` constructed by a caller, or a copy of a real
    one altered with `dataclasses.replace` to claim another user id or role. The role shown here is
    the one read at sign-in; storage checks every save against the role stored now.

    `session` is an opaque slot for what signing in unlocks for this person alone (issue 15 puts
    the user's unlocked signing key there); nothing in it is shown or compared.
    """

    user_id: int | None
    username: str
    full_name: str
    role: Role | None
    store_token: str = field(repr=False)
    session: object = field(default=None, repr=False)

    @property
    def id(self) -> int | None:
        return self.user_id

    @property
    def is_os_user(self) -> bool:
        return self.user_id is None


@dataclass(frozen=True)
class Signature:
    """An electronic signature bound to a record's content hash and to the audit chain's head."""

    id: int
    table: str
    record_id: int
    meaning: str                 # "eligibility confirmed", "dose verified", …
    signer_id: int
    signer_username: str
    signer_name: str
    signer_role: str
    signed_at_utc: str
    signed_at_local: str
    workstation: str
    content_hash: str
    anchor_count: int
    anchor_head: str


@dataclass(frozen=True)
class SignatureCheck:
    """A signature and whether the record still has the content that was signed."""

    signature: Signature
    valid: bool


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at_utc: str
    at_local: str
    user_id: int | None
    username: str
    role: str | None
    workstation: str
    action: str
    op: str                      # insert / update / delete / event
    table: str
    record_id: str
    field: str | None
    old: Any
    new: Any
    reason: str | None
    prev_hash: str
    hash: str
